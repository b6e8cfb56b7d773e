"""`make launch-checklist`: print what the clinic still has to supply before launch.

    python -m edelica_site.launch [--settings publishconf.py] [--content content]

Exits 0 when nothing is left (the site may go live), 3 when the list is not empty.
"""

import argparse
import sys

from pelican.settings import read_settings

from edelica_site.launch.checklist import format_checklist, launch_checklist
from edelica_site.launch.gate import LaunchNotReady
from edelica_site.paths import ROOT


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m edelica_site.launch",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--settings", default="publishconf.py")
    parser.add_argument("--content", default="content")
    args = parser.parse_args(argv)
    settings_file = (ROOT / args.settings).resolve()
    settings = read_settings(str(settings_file), override={"PATH": str((ROOT / args.content).resolve())})
    entries = launch_checklist(settings, settings_file)
    if not entries:
        print("Launch checklist: nothing left to fill in. `make publish` may go ahead.")
        return 0
    print(format_checklist(entries, refused=False))
    return LaunchNotReady.exit_status


if __name__ == "__main__":
    sys.exit(main())
