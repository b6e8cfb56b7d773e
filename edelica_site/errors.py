"""The one error type of the build.

Plugins, post-build steps and staff commands raise BuildError; the build
(edelica_site.build) prints it and exits 1. Its message is what a writer reads:
`content/articles/x.md:LINE: what is wrong — how to fix it`, one problem a line.
"""


class BuildError(Exception):
    """Something stops the build; the message says where, what is wrong and how to fix it."""

    def __init__(self, message, problems=()):
        super().__init__(message)
        # The individual `path:line: message` lines, when there are several.
        self.problems = list(problems)
