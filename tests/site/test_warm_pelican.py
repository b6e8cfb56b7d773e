"""edelica_site.dev.warm_pelican: the devserver's ready Pelican process behaves
like `python -m pelican` (exit code, messages, files) and still picks up an
edited plugin, because only the installed libraries are loaded before the fork.
A throwaway site with its own plugin folder (Pelican's PLUGIN_PATHS setting)."""

import subprocess
import sys

import pytest

from edelica_site.dev.warm_pelican import WarmPelican
from tests.support.helpers import ROOT

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
    code = warm.run(pelican_args(tmp_path, out), log)
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


def pelican_args(tmp_path, out):
    return [str(tmp_path / "content"), "-s", str(tmp_path / "settings.py"), "-o", str(out),
            "--ignore-cache", "--cache-path", str(tmp_path / "cache"),
            "--fatal", "warnings", "--log-handler", "plain"]


@pytest.mark.parametrize("broken", [False, True], ids=["good", "broken"])
def test_warm_pelican_gives_what_python_m_pelican_gives(warm, tmp_path, broken):
    write_site(tmp_path, "cold")
    if broken:
        (tmp_path / "content" / "broken.md").write_text("Title: Broken\nDate: 2026-13-45\n\nText.\n")
    cold = subprocess.run([sys.executable, "-m", "pelican", *pelican_args(tmp_path, tmp_path / "cold")],
                          cwd=ROOT, capture_output=True, text=True)
    log = tmp_path / "warm.log"
    code = warm.run(pelican_args(tmp_path, tmp_path / "warm"), log)
    assert code == cold.returncode == (1 if broken else 0)
    assert ("broken.md" in log.read_text()) is broken

    def messages(text):  # the same messages, bar the seconds the build took and the folder
        return [line.replace(str(tmp_path / "warm"), "OUT") for line in text.splitlines()
                if " seconds" not in line]
    assert messages(log.read_text()) == messages((cold.stdout + cold.stderr).replace(
        str(tmp_path / "cold"), str(tmp_path / "warm")))
    if not broken:  # everything written, the plugin's last step included
        for out in ("cold", "warm"):
            assert (tmp_path / out / "stamp.txt").read_text() == "cold"
            assert (tmp_path / out / "hello.html").is_file()
