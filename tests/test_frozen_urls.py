"""plugins/frozen_urls: URLs worked out once give the same site, file for file,
as Pelican working each one out on every use: articles, drafts, pages (the home
page's own URL override included), feeds, sitemap and JSON-LD."""

import shutil

from bench import corpus
from tests.helpers import ROOT
from tests.test_parallel_build import BUILD_TIME, files, pelican

WITHOUT = 'PLUGINS = [p for p in PLUGINS if p != "frozen_urls"]\n'
# Absolute URLs and feeds, as published; drafts written, as in the local preview.
SETTINGS = ('SITEURL = "https://www.example.org"\nRELATIVE_URLS = False\n'
            'FEED_DOMAIN = SITEURL\nFEED_ALL_ATOM = "feeds/all.atom.xml"\n'
            'CATEGORY_FEED_ATOM = "feeds/{slug}.atom.xml"\n')


def test_frozen_urls_build_the_same_site(tmp_path):
    content = tmp_path / "content"
    corpus.generate(content, 30)
    draft = next((content / "articles").glob("*.md"))
    draft.write_text(draft.read_text(encoding="utf-8").replace("\n\n", "\nStatus: draft\n\n", 1),
                     encoding="utf-8")
    shutil.rmtree(content / "pages")
    shutil.copytree(ROOT / "content" / "pages", content / "pages")
    built = {}
    for name, settings in (("frozen", SETTINGS), ("computed", SETTINGS + WITHOUT)):
        code, log = pelican(content, tmp_path / name, settings, tmp_path)
        assert code == 0, log
        built[name] = files(tmp_path / name)
    assert built["frozen"].keys() == built["computed"].keys()
    assert "drafts/" + draft.stem.split("-", 3)[-1] + "/index.html" in built["frozen"]
    assert "index.html" in built["frozen"] and "feeds/all.atom.xml" in built["frozen"]
    def text(path):
        return BUILD_TIME.sub(b"", path.read_bytes())
    differ = [name for name, path in built["frozen"].items() if text(path) != text(built["computed"][name])]
    assert differ == []
