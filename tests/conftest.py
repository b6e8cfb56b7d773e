"""Session fixtures: the real site is built once per test session.

Tests live in tiers, one folder each (unit, site, browser, external); every
test gets its folder's marker, so `pytest -m unit` runs the fast tier alone.

`site` is the local build (relative URLs), `published_site` the production
build with publishconf.py, `nginx_site` the one for the clinic's own nginx
(nginxconf.py: the same plus .gz/.br copies). Browser fixtures serve a build
over HTTP and drive Debian's Chromium through Playwright; in CI a missing Chromium is an error,
on a developer machine the browser tests skip.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.support.helpers import ROOT, Site, run_build

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]


TIERS = ("unit", "site", "browser", "external")


def pytest_collection_modifyitems(items):
    for item in items:
        tier = Path(str(item.path)).relative_to(ROOT / "tests").parts[0]
        if tier in TIERS:
            item.add_marker(tier)


def _build(tmp_path_factory, name, settings):
    output = tmp_path_factory.mktemp(name) / "output"
    result = run_build(ROOT / "content", output, settings)
    assert result.returncode == 0, f"the real site does not build:\n{result.output}"
    return output


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    return Site(_build(tmp_path_factory, "site", "pelicanconf.py"))


@pytest.fixture(scope="session")
def published_site(tmp_path_factory):
    from pelican.settings import read_settings
    siteurl = read_settings(str(ROOT / "publishconf.py"))["SITEURL"]
    return Site(_build(tmp_path_factory, "published", "publishconf.py"), siteurl)


@pytest.fixture(scope="session")
def nginx_site(tmp_path_factory, published_site):
    return Site(_build(tmp_path_factory, "nginx", "nginxconf.py"), published_site.siteurl)


@pytest.fixture(scope="session")
def clinic():
    from pelican.settings import read_settings

    from edelica_site.plugins.clinic_facts import derive
    return derive(read_settings(str(ROOT / "pelicanconf.py"))["CLINIC"])


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve_directory(directory):
    """Start a static HTTP server on a free loopback port; return (url, process)."""
    port = _free_port()
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


def _served(site):
    """Serve a built site for the whole session; stop the server afterwards."""
    url, proc = serve_directory(site.root)
    yield url
    proc.terminate()
    proc.wait()


@pytest.fixture(scope="session")
def site_url(site):
    yield from _served(site)


def _require_chromium():
    if Path(CHROMIUM).exists():
        return
    if os.environ.get("CI"):
        pytest.fail(f"Chromium not found at {CHROMIUM}: .ci/run must install Debian's chromium")
    pytest.skip("Chromium is not installed (browser tests run in CI)")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    _require_chromium()
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


RICH_ARTICLE = """Title: {title}
Date: {date}
Category: {category}
Tags: {tags}
Summary: A plain summary of test article number {n}, long enough for the rules.
Author: Practice manager
Medical: no
{image}
## What this article covers

Some text for article {n}, with a [link to contact]({{filename}}../pages/contact.md).

## Second section

More text.

## Third section

!!! info "Good to know"
    An information callout.

!!! non-urgent "Speak to your care team if:"
    - a non-urgent callout item

!!! urgent "Call 988 now if:"
    - an urgent callout item

!!! emergency "Call 911 if:"
    - an emergency callout item
{body_image}
"""


def _draw_image(path, size, colour):
    from PIL import Image, ImageDraw
    image = Image.new("RGB", size, colour)
    ImageDraw.Draw(image).ellipse([size[0] // 4, size[1] // 4, size[0] * 3 // 4, size[1] * 3 // 4],
                                   fill="#ffd54a")
    image.save(path, quality=85)


@pytest.fixture(scope="session")
def rich_site(tmp_path_factory):
    """The real content plus 24 articles: pagination, images, every callout type."""
    from tests.support.helpers import copy_content
    base = tmp_path_factory.mktemp("rich")
    content = copy_content(base / "content")
    (content / "images").mkdir(exist_ok=True)
    _draw_image(content / "images" / "test-featured.jpg", (1600, 900), "#0b5c63")
    _draw_image(content / "images" / "test-body.png", (1000, 600), "#4c6272")
    for n in range(1, 25):
        image = ("Image: images/test-featured.jpg\nImageAlt: A yellow circle on a teal background\n"
                 if n == 24 else "")
        body_image = ("\n![A yellow circle on a grey background]({static}../images/test-body.png)\n"
                      if n == 24 else "")
        (content / "articles" / f"2026-10-{n:02d}-test-article-{n}.md").write_text(RICH_ARTICLE.format(
            title=f"Test article {n}", date=f"2026-10-{n:02d}", n=n,
            category="Clinic news" if n % 2 else "Depression",
            tags="testing, sample" if n % 3 else "testing", image=image, body_image=body_image))
    output = base / "output"
    result = run_build(content, output)
    assert result.returncode == 0, result.output
    return Site(output)


@pytest.fixture(scope="session")
def rich_site_url(rich_site):
    yield from _served(rich_site)
