"""`make html` / `make publish`: python -m edelica_site.build [--settings F] [--output D] [--content D]"""

import argparse
import sys

from edelica_site.build.pipeline import build
from edelica_site.errors import BuildError
from edelica_site.github.annotations import annotate_build_error


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m edelica_site.build",
                                     description="Build, check, then swap in the site.")
    parser.add_argument("--settings", default="pelicanconf.py")
    parser.add_argument("--output", default="output")
    parser.add_argument("--content", default="content")
    args = parser.parse_args(argv)
    try:
        seconds = build(args.settings, args.output, args.content)
    except BuildError as error:
        annotate_build_error(error)  # on GitHub only: each problem on its line
        print(f"\nBuild failed: {error}\nThe site in {args.output}/ was left as it was.",
              file=sys.stderr)
        # 3: only the launch gate refused (the workflows tell staff so).
        return getattr(error, "exit_status", 1)
    print(f"Built {args.output}/ with {args.settings} in {seconds:.1f} s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
