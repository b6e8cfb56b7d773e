"""Pelican's command line, run once: `python -m tools.pelican_run ARGS` is
`python -m pelican ARGS` without the interpreter's clean-up at exit.

Once Pelican has written the site, freeing its tens of thousands of objects
one by one takes ~0.25 s at 1,000 articles (bench/README.md, session 4), on the
build's critical path. Pelican has closed every file it wrote by then, so this
flushes the output streams, stops any helper process a failed build left
running (what multiprocessing's own clean-up at exit would do) and leaves with
os._exit. The devserver's ready Pelican (tools/warm_pelican.py) ends each build
the same way.
"""

import os
import sys


def run_main(argv):
    """Run Pelican's main() with `argv`; its exit code, errors shown as Python shows them."""
    code = 1
    try:
        from pelican import main
        sys.argv = ["pelican", *argv]
        main(argv)
        code = 0
    except SystemExit as stop:
        if isinstance(stop.code, int) or stop.code is None:
            code = stop.code or 0
        else:  # sys.exit("message"): printed, exit 1, as Python does
            print(stop.code, file=sys.stderr)
    except BaseException:  # noqa: BLE001 - shown as Python would show it
        import traceback
        traceback.print_exc()
    return code


def exit_now(code):
    """Leave without the clean-up: flush what was printed first."""
    multiprocessing = sys.modules.get("multiprocessing")
    if multiprocessing is not None:
        # A build stopped half-way (a content error, Ctrl-C) can leave
        # plugins/parallel_read's helpers converting: a daemon process is
        # stopped at exit, and os._exit skips the code that does it.
        for child in multiprocessing.active_children():
            if child.daemon:
                child.terminate()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    exit_now(run_main(sys.argv[1:]))
