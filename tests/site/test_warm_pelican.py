"""tools/warm_pelican.py: the devserver's ready Pelican process behaves like
`python -m pelican` (exit code, messages) and still picks up an edited plugin,
because only the installed libraries are loaded before the fork. So does
tools/pelican_run.py, which cold builds run: Pelican without the clean-up at exit."""

import subprocess
import sys

import pytest

from tests.support.helpers import ROOT

from edelica_site.dev.warm_pelican import WarmPelican

PLUGIN = """from pelican import signals

VALUE = {value!r}


def stamp(pelican):
    with open(pelican.output_path + "/stamp.txt", "w") as out:
        out.write(VALUE)


def register():
    signals.finalized.connect(stamp)
"""


@pytest.fixture
def warm():
    server = WarmPelican()
    yield server
    server.close()


def write_site(tmp_path, value):
    (tmp_path / "content").mkdir(exist_ok=True)
    (tmp_path / "content" / "hello.md").write_text(
        "Title: Hello\nDate: 2026-01-01\nCategory: Test\n\nHello.\n")
    (tmp_path / "plugins").mkdir(exist_ok=True)
    (tmp_path / "plugins" / "stamp.py").write_text(PLUGIN.format(value=value))
    (tmp_path / "settings.py").write_text(
        f"PATH = {str(tmp_path / 'content')!r}\nPLUGIN_PATHS = [{str(tmp_path / 'plugins')!r}]\n"
        "PLUGINS = ['stamp']\nTIMEZONE = 'UTC'\nTHEME = 'simple'\nFEED_ALL_ATOM = None\n"
        "CATEGORY_FEED_ATOM = None\nTRANSLATION_FEED_ATOM = None\nAUTHOR_FEED_ATOM = None\n"
        "AUTHOR_FEED_RSS = None\n")


def build(warm, tmp_path, name):
    out, log = tmp_path / name, tmp_path / f"{name}.log"
    code = warm.run([str(tmp_path / "content"), "-s", str(tmp_path / "settings.py"), "-o", str(out),
                     "--ignore-cache", "--cache-path", str(tmp_path / "cache"),
                     "--fatal", "warnings", "--log-handler", "plain"], log)
    return code, out, log.read_text()


def test_an_edited_plugin_is_picked_up_by_the_next_build(warm, tmp_path):
    write_site(tmp_path, "first")
    code, out, log = build(warm, tmp_path, "one")
    assert code == 0, log
    assert (out / "stamp.txt").read_text() == "first"
    assert (out / "hello.html").is_file()
    write_site(tmp_path, "second")
    code, out, log = build(warm, tmp_path, "two")
    assert code == 0, log
    assert (out / "stamp.txt").read_text() == "second"


def test_a_failing_build_gives_pelicans_exit_code_and_message(warm, tmp_path):
    write_site(tmp_path, "x")
    (tmp_path / "content" / "broken.md").write_text("Title: Broken\nDate: 2026-13-45\n\nText.\n")
    code, _, log = build(warm, tmp_path, "out")
    assert code != 0
    assert "broken.md" in log


def test_the_server_is_restarted_if_it_died(warm, tmp_path):
    write_site(tmp_path, "x")
    assert build(warm, tmp_path, "one")[0] == 0
    warm.proc.kill()
    warm.proc.wait()
    assert build(warm, tmp_path, "two")[0] == 0


@pytest.mark.parametrize("broken", [False, True])
def test_pelican_run_gives_what_python_m_pelican_gives(tmp_path, broken):
    write_site(tmp_path, "cold")
    if broken:
        (tmp_path / "content" / "broken.md").write_text("Title: Broken\nDate: 2026-13-45\n\nText.\n")
    results = {}
    for module in ("pelican", "tools.pelican_run"):
        out = tmp_path / module
        results[module] = subprocess.run(
            [sys.executable, "-m", module, str(tmp_path / "content"), "-s", str(tmp_path / "settings.py"),
             "-o", str(out), "--ignore-cache", "--cache-path", str(tmp_path / "cache"),
             "--fatal", "warnings", "--log-handler", "plain"],
            cwd=ROOT, capture_output=True, text=True)
        if not broken:  # everything written, the plugin's last step included
            assert (out / "stamp.txt").read_text() == "cold"
            assert (out / "hello.html").is_file()
    ours, theirs = results["tools.pelican_run"], results["pelican"]
    assert ours.returncode == theirs.returncode == (1 if broken else 0)
    # The same messages, bar the seconds the build took.
    def messages(result):
        return [line for line in (result.stdout + result.stderr).splitlines() if " seconds" not in line]
    assert messages(ours) == messages(theirs)


LEFT_RUNNING = """
import multiprocessing, sys, time
sys.path.insert(0, {root!r})
from tools.pelican_run import exit_now
helper = multiprocessing.get_context("fork").Process(target=time.sleep, args=(600,), daemon=True)
helper.start()
print("helper", helper.pid, flush=True)
exit_now(3)
"""


def test_leaving_stops_the_helpers_a_failed_build_left_running():
    """A build that stops half-way can leave plugins/parallel_read's helpers at work;
    os._exit skips the clean-up that stops them, and one left running would keep the
    build's output open (`make publish | tee`, CI: waiting forever)."""
    result = subprocess.run([sys.executable, "-c", LEFT_RUNNING.format(root=str(ROOT))],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 3
    assert result.stdout.startswith("helper ")
