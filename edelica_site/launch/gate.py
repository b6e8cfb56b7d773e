"""The gate itself: a production build refuses while the launch checklist is not empty.

The build runs check_launch before Pelican starts, so a refused build writes nothing.
"""

from edelica_site.errors import BuildError
from edelica_site.launch.checklist import format_checklist, launch_checklist
from edelica_site.launch.settings import launch_settings


class LaunchNotReady(BuildError):
    """The production build was refused because placeholders remain (exit status 3)."""

    exit_status = 3


def check_launch(settings, settings_file):
    """Raise LaunchNotReady with the checklist if this build may not hold placeholders."""
    if launch_settings(settings)["PLACEHOLDERS_ALLOWED"]:
        return
    entries = launch_checklist(settings, settings_file)
    if entries:
        raise LaunchNotReady(format_checklist(entries), problems=[e.line() for e in entries])
