"""A Pelican process kept ready for the devserver: each rebuild forks it.

Starting `python -m pelican` costs ~0.5 s before it reads a file: the
interpreter, then Pelican, Markdown, Jinja, docutils and Pillow being imported
(`python -X importtime`). The devserver rebuilds on every save, so it keeps one
process with those libraries imported and nothing else done (no settings read,
no plugin loaded, no thread), and each build is a fork of it running Pelican's
own `main()` with the same arguments `python -m pelican` would get. The
plugins, settings and theme are read by the fork, so an edited plugin is
picked up as before; only the installed libraries are shared, and they do not
change while the devserver runs.

    WarmPelican().run(argv, log_path) -> exit code   (the server: python -m edelica_site.dev.warm_pelican)
"""

import json
import os
import signal
import subprocess
import sys

from edelica_site.paths import ROOT

# Imported once by the server: the libraries every build needs.
PRELOAD = ("pelican", "pelican.generators", "pelican.readers", "pelican.writers",
           "pelican.settings", "markdown", "jinja2", "PIL.Image", "PIL.ImageDraw", "PIL.ImageFont")


class WarmPelican:
    """The devserver's side: start the server lazily, restart it if it died."""

    def __init__(self):
        self.proc = None
        # CPU seconds of every build so far (user + sys, with what each build waited
        # for): the builds are the server's children, so the devserver's own
        # RUSAGE_CHILDREN does not see them (bench/devserver.py adds this).
        self.cpu_s = 0.0

    def _start(self):
        self.proc = subprocess.Popen([sys.executable, "-m", "edelica_site.dev.warm_pelican"], cwd=ROOT,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)

    def run(self, argv, log_path):
        """Run Pelican with `argv`, its stdout and stderr into `log_path`; the exit code."""
        for attempt in (1, 2):
            if self.proc is None or self.proc.poll() is not None:
                self._start()
            try:
                self.proc.stdin.write(json.dumps({"argv": list(argv), "log": str(log_path)}) + "\n")
                self.proc.stdin.flush()
                answer = self.proc.stdout.readline()
                if answer:
                    result = json.loads(answer)
                    self.cpu_s += result["cpu_s"]
                    return result["code"]
            except (BrokenPipeError, OSError, ValueError):
                pass
            self.close()  # the server died: a fresh one for the second attempt
        raise RuntimeError("the devserver's Pelican process stopped answering")

    def close(self):
        if self.proc is not None:
            if self.proc.poll() is None:
                self.proc.stdin.close()
                self.proc.wait()
            self.proc = None


def _child(argv, log_path):
    """In the fork: become `python -m pelican argv`, output into `log_path`."""
    signal.signal(signal.SIGINT, signal.default_int_handler)  # Ctrl-C stops a build, as before
    log = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.dup2(log, 1)
    os.dup2(log, 2)
    code = 1
    try:
        code = run_main(argv)
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)  # a fork ends without the parent's clean-up at exit


def run_main(argv):
    """Pelican's own command line, `python -m pelican argv`; its exit code."""
    from pelican import main
    sys.argv = ["pelican", *argv]
    try:
        main(argv)
    except SystemExit as stop:
        if isinstance(stop.code, int) or stop.code is None:
            return stop.code or 0
        print(stop.code, file=sys.stderr)  # sys.exit("message"): printed, exit 1
        return 1
    except BaseException:  # noqa: BLE001 - shown as Python would show it
        import traceback
        traceback.print_exc()
        return 1
    return 0


def serve():
    import importlib
    # Ctrl-C in the devserver's terminal reaches this process too: the devserver
    # stops it by closing its input, so it does not print a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name in PRELOAD:
        importlib.import_module(name)
    for line in sys.stdin:
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            _child(request["argv"], request["log"])
        _, status, usage = os.wait4(pid, 0)
        sys.stdout.write(json.dumps({"code": os.waitstatus_to_exitcode(status),
                                     "cpu_s": usage.ru_utime + usage.ru_stime}) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    serve()
