"""Run `make devserver`'s engine (python -m edelica_site.dev.server) on a copy of the content."""

import json
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager

from tests.support.helpers import ROOT
from tests.support.serving import free_port

SEED_ARTICLE = "articles/2026-11-16-how-does-ketamine-help-depression.md"
SEED_URL = "/articles/how-does-ketamine-help-depression/"


def get(url):
    """(status, text) of `url`; (None, "") when nothing answers."""
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()
    except OSError:
        return None, ""


def build_state(base):
    """The devserver's first event for a page: its build version, failure and changes."""
    with urllib.request.urlopen(base + "/__devserver/events?since=0", timeout=5) as stream:
        for line in stream:
            if line.startswith(b"data: "):
                return json.loads(line[len(b"data: "):])
    raise AssertionError("the devserver's event stream closed without an event")


def wait_for(predicate, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


@contextmanager
def running_devserver(content, output, log_path, settings="pelicanconf.py"):
    """The devserver on `content`, building into `output`; yields its base URL once
    the seed article is served."""
    port = free_port()
    with open(log_path, "w") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "edelica_site.dev.server", "--port", str(port),
             "--content", str(content), "--output", str(output), "--settings", str(settings)],
            cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        try:
            assert wait_for(lambda: get(base + SEED_URL)[0] == 200), \
                "the devserver did not start:\n" + log_path.read_text()
            time.sleep(1)  # the file watcher starts just after the first page is served
            yield base
        finally:
            proc.terminate()
            proc.wait(timeout=10)
