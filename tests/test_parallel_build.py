"""plugins/parallel_read and parallel_write: a site built on two cores is the
same site, file for file, as one built on one core, and the helper processes
really did part of the work. Content rules checked in the helpers report the
same problems, at the same lines, as when Pelican checks everything itself."""

import os
import re
import subprocess
import sys

import pytest

from tests.helpers import ROOT

ARTICLES = 80
SETTINGS = {
    # The thresholds are lowered so an 80-article site takes the parallel path.
    "parallel": 'PARALLEL_READ = {"MIN_FILES": 16}\nPARALLEL_WRITE = {"MIN_ARTICLES": 16}\n',
    "serial": 'PARALLEL_READ = {"WORKERS": 0}\nPARALLEL_WRITE = {"ENABLED": False}\n',
}
# pelican-sitemap dates list pages with the time of the build.
BUILD_TIME = re.compile(rb"<lastmod>[^<]*</lastmod>")


def pelican(content, output, settings, tmp):
    """Real Pelican with the project's settings plus `settings`, verbose."""
    settings_file = tmp / f"settings_{output.name}.py"
    settings_file.write_text(f"import sys\nsys.path.insert(0, {str(ROOT)!r})\n"
                             "from pelicanconf import *\n" + settings)
    result = subprocess.run(
        [sys.executable, "-m", "pelican", str(content), "-s", str(settings_file), "-o", str(output),
         "--fatal", "warnings", "--ignore-cache", "--cache-path", str(tmp / f"cache_{output.name}"),
         "-v"],
        # Pelican's default (rich) log handler shows INFO lines; wide, so none wraps.
        cwd=ROOT, capture_output=True, text=True, env={**os.environ, "COLUMNS": "400"})
    return result.returncode, result.stdout + result.stderr


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    from bench import corpus
    tmp = tmp_path_factory.mktemp("parallel")
    corpus.generate(tmp / "content", ARTICLES)
    out = {}
    for name, settings in SETTINGS.items():
        code, log = pelican(tmp / "content", tmp / name, settings, tmp)
        assert code == 0, log
        out[name] = (tmp / name, log)
    return out


def files(root):
    return {p.relative_to(root).as_posix(): p for p in sorted(root.rglob("*")) if p.is_file()}


def test_two_cores_build_the_same_site_as_one(builds):
    parallel, serial = files(builds["parallel"][0]), files(builds["serial"][0])
    assert parallel.keys() == serial.keys()
    assert len(parallel) > ARTICLES * 2
    differ = [name for name in parallel
              if BUILD_TIME.sub(b"", parallel[name].read_bytes())
              != BUILD_TIME.sub(b"", serial[name].read_bytes())]
    assert differ == []


def test_the_sitemap_lists_every_page_whichever_process_wrote_it(builds):
    locs = {name: re.findall(r"<loc>([^<]+)</loc>", (root / "sitemap.xml").read_text())
            for name, (root, _) in builds.items()}
    assert locs["parallel"] == locs["serial"]
    assert sum("/articles/" in loc for loc in locs["parallel"]) > ARTICLES


@pytest.mark.parametrize("build, pattern", [
    ("parallel", r"parallel_read: 1 helper\(s\) read (\d+) of (\d+) articles"),
    ("parallel", r"parallel_write: a helper wrote (\d+) of the (\d+) files so far"),
])
def test_the_helpers_did_a_real_share_of_the_work(builds, build, pattern):
    found = re.search(pattern, " ".join(builds[build][1].split()))
    assert found, builds[build][1][-2000:]
    done, total = map(int, found.groups())
    assert total >= ARTICLES and 0.2 * total < done < 0.8 * total


def test_pelicans_content_cache_holds_the_articles_the_helpers_read(builds, tmp_path_factory):
    """Else the next devserver build converts those articles' Markdown again."""
    import gzip
    import pickle
    root = builds["parallel"][0]
    cache = root.with_name("cache_parallel") / "ArticlesGenerator-Readers"
    with gzip.open(cache) as file:
        cached = pickle.load(file)
    articles = {str(p) for p in (root.with_name("content") / "articles").glob("*.md")}
    assert len(articles) >= ARTICLES
    assert articles <= set(cached)


@pytest.mark.parametrize("message", ["parallel_read:", "parallel_write:", "edelica_site.plugins.content_rules:"])
def test_serial_settings_use_one_process(builds, message):
    assert message not in builds["serial"][1]


def test_a_template_error_in_the_helper_stops_the_build_with_its_message(tmp_path):
    """Pages the helper renders fail as loudly as pages Pelican renders."""
    from bench import corpus
    corpus.generate(tmp_path / "content", ARTICLES)
    theme = tmp_path / "theme"
    subprocess.run(["cp", "-r", str(ROOT / "theme"), str(theme)], check=True)
    tag = theme / "templates" / "tag.html"
    tag.write_text(tag.read_text().replace(
        "{% block list_title %}", "{% block list_title %}{{ undefined_macro_for_the_test() }}", 1))
    code, log = pelican(tmp_path / "content", tmp_path / "out",
                        SETTINGS["parallel"] + f"THEME = {str(theme)!r}\n", tmp_path)
    assert code != 0
    assert "undefined_macro_for_the_test" in log


def test_a_feed_error_beside_the_helper_stops_the_build(tmp_path):
    """The helper starts on the pages while Pelican writes the feeds: a feed that
    cannot be written stops the build (and the helper) with Pelican's message."""
    from bench import corpus
    corpus.generate(tmp_path / "content", ARTICLES)
    # "feeds" as a file, then a folder of that name for the category feeds.
    feeds = ('FEED_DOMAIN = "https://www.example.org"\nFEED_ALL_ATOM = "feeds"\n'
             'CATEGORY_FEED_ATOM = "feeds/{slug}.atom.xml"\n')
    code, log = pelican(tmp_path / "content", tmp_path / "out", SETTINGS["parallel"] + feeds, tmp_path)
    assert code != 0
    assert "File exists" in log and "/out/feeds" in log
    assert "a helper wrote" not in log  # stopped, not waited for and merged


@pytest.mark.parametrize("settings, message", [
    ('PARALLEL_READ = {"WORKER": 2}', "PARALLEL_READ has unknown keys WORKER"),
    ('PARALLEL_READ = {"MIN_FILES": -1}', "PARALLEL_READ MIN_FILES must be a whole number"),
    ('PARALLEL_WRITE = {"ENABLED": "yes"}', "PARALLEL_WRITE ENABLED must be True or False"),
])
def test_bad_settings_are_named(tmp_path, settings, message):
    from bench import corpus
    corpus.generate(tmp_path / "content", ARTICLES)
    code, log = pelican(tmp_path / "content", tmp_path / "out", settings + "\n", tmp_path)
    assert code != 0
    assert message in " ".join(log.split())


# Body problems in articles all along the list, so both Pelican and the helper read some.
BODY_PROBLEMS = "\nAbout 7 in 10 people felt better.\n\nRead [the guidance](http://www.example.org/guidance).\n"


def test_body_checks_done_in_the_helpers_report_what_pelican_would(tmp_path):
    from bench import corpus
    corpus.generate(tmp_path / "content", ARTICLES)
    articles = sorted((tmp_path / "content" / "articles").glob("*.md"))
    spoiled = articles[::8]
    for article in spoiled:
        article.write_text(article.read_text(encoding="utf-8") + BODY_PROBLEMS, encoding="utf-8")
    reports = {}
    for name, settings in SETTINGS.items():
        code, log = pelican(tmp_path / "content", tmp_path / name, settings, tmp_path)
        assert code != 0, log[-2000:]
        reports[name] = sorted(line for line in log.splitlines() if re.match(r"content/\S+\.md:\d+: ", line))
        reports[name + " log"] = " ".join(log.split())
    assert re.search(r"edelica_site.plugins.content_rules: \d+ bodies were checked in parallel_read's helpers",
                     reports["parallel log"])
    assert reports["parallel"] == reports["serial"]
    for article in spoiled:  # each spoiled article: the number and the http link, at their lines
        mine = [line for line in reports["serial"] if f"/{article.name}:" in line]
        assert len(mine) == 2, (article.name, mine)


def test_a_file_saved_again_after_a_helper_read_it_is_read_again_by_pelican(tmp_path):
    """Else the content cache would keep the old text under the new file's date."""
    import time
    from pathlib import Path

    from pelican.readers import Readers
    from pelican.settings import read_settings
    sys.path.insert(0, str(ROOT / "plugins"))
    from parallel_read.parallel_read import Prefetch
    paths = []
    for n in range(3):
        path = tmp_path / f"a{n}.md"
        path.write_text(f"Title: A{n}\nDate: 2026-01-0{n + 1}\n\nText {n}.\n")
        paths.append(str(path))
    prefetch = Prefetch(Readers(read_settings(None, override={"PATH": str(tmp_path)})), paths, 1)
    while prefetch.running:  # the helper converts all three and exits
        prefetch._receive(block=True)
    time.sleep(0.01)
    Path(paths[0]).write_text("Title: A0\nDate: 2026-01-01\n\nNew text.\n")  # saved again
    assert prefetch.take(paths[0]) is None  # Pelican reads it itself
    content, metadata = prefetch.take(paths[1])
    assert "Text 1." in content and metadata["title"] == "A1"
    prefetch.close()

