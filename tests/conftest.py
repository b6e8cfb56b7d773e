"""Session fixtures: each site is built once per test session.

Tests live in tiers, one folder each (unit, site, browser, external); every
test gets its folder's marker, so `pytest -m unit` runs the fast tier alone.
Shared helpers are in tests/support/ (test modules never import each other).

`site` is the local build (relative URLs), `published_site` the production
build with publishconf.py, `nginx_site` the one for the clinic's own nginx
(nginxconf.py: the same plus .gz/.br copies), `rich_site` the real content plus
24 test articles. Browser fixtures serve a build over HTTP and drive Debian's
Chromium through Playwright; in CI a missing Chromium is an error, on a
developer machine the browser tests skip.
"""

import os
import shutil
from pathlib import Path

import pytest

from tests.support.helpers import PRODUCTION, PRODUCTION_NGINX, ROOT, Site, copy_content, run_build
from tests.support.rich_content import add_rich_articles
from tests.support.serving import served

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


def _build(base, content, settings="pelicanconf.py"):
    output = base / "output"
    result = run_build(content, output, settings)
    assert result.returncode == 0, f"the site does not build:\n{result.output}"
    assert (output / "index.html").is_file(), f"the build wrote no home page:\n{result.output}"
    return output


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    return Site(_build(tmp_path_factory.mktemp("site"), ROOT / "content"))


@pytest.fixture(scope="session")
def published_siteurl():
    from pelican.settings import read_settings
    return read_settings(str(ROOT / "publishconf.py"))["SITEURL"]


@pytest.fixture(scope="session")
def published_site(tmp_path_factory, published_siteurl):
    output = _build(tmp_path_factory.mktemp("published"), ROOT / "content", PRODUCTION)
    return Site(output, published_siteurl)


@pytest.fixture(scope="session")
def nginx_site(tmp_path_factory, published_siteurl):
    output = _build(tmp_path_factory.mktemp("nginx"), ROOT / "content", PRODUCTION_NGINX)
    return Site(output, published_siteurl)


@pytest.fixture(scope="session")
def rich_site(tmp_path_factory):
    """The real content plus 24 articles: pagination, images, every callout type."""
    base = tmp_path_factory.mktemp("rich")
    content = add_rich_articles(copy_content(base / "content"))
    return Site(_build(base, content))


@pytest.fixture(scope="session")
def clinic():
    from pelican.settings import read_settings

    from edelica_site.plugins.clinic_facts import derive
    return derive(read_settings(str(ROOT / "pelicanconf.py"))["CLINIC"])


@pytest.fixture(scope="session")
def clinicians():
    from pelican.settings import read_settings

    return read_settings(str(ROOT / "pelicanconf.py"))["CLINICIANS"]


@pytest.fixture(scope="session")
def site_url(site):
    with served(site.root) as url:
        yield url


@pytest.fixture(scope="session")
def rich_site_url(rich_site):
    with served(rich_site.root) as url:
        yield url


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
