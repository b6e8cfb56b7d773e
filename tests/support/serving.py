"""Serve a built site over HTTP on a free loopback port, for browser and server tests."""

import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager


def free_port():
    """A TCP port nothing listens on at the moment (the OS picks it)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve_directory(directory):
    """Start a static HTTP server for `directory`; return (url, process). Stop it with
    process.terminate() (or use `served`)."""
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
         "--directory", str(directory)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(url + "/", timeout=1)
            break
        except OSError:
            time.sleep(0.05)
    return url, proc


@contextmanager
def served(directory):
    """`with served(site.root) as url:` the site at `url` until the block ends."""
    url, proc = serve_directory(directory)
    try:
        yield url
    finally:
        proc.terminate()
        proc.wait()
