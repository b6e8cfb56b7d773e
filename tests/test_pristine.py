"""The devserver's kept Pelican output (tools/pristine.py): the fast path's site
is made of hard links, and nothing may write into a linked file.

Small folders stand in for a site; tests/test_bench.py checks on a real corpus
that the fast path gives the same site as a full rebuild."""

import os

import pytest
from PIL import Image

from edelica_site.errors import BuildError
from tools.pristine import Pristine
from edelica_site.build.responsive_images import make_responsive


def _write(root, files):
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


def _files(root):
    return {p.relative_to(root).as_posix(): p.read_text() for p in sorted(root.rglob("*")) if p.is_file()}


def _folders(root):
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_dir())


PELICAN_OUTPUT = {"index.html": "home", "a/index.html": "a", "b/index.html": "b",
                  "social/a.png": "card a", "theme/css/main.css": "css"}


@pytest.fixture
def kept(tmp_path):
    """A full build's staging folder kept, then served as output/."""
    staging = _write(tmp_path / "staging", PELICAN_OUTPUT)
    pristine = Pristine(tmp_path / "pristine")
    pristine.keep(staging)
    pristine.check()
    staging.rename(tmp_path / "output")
    return tmp_path, pristine


def test_full_build_keeps_links_to_what_pelican_wrote(kept):
    tmp_path, pristine = kept
    assert _files(pristine.path) == PELICAN_OUTPUT
    assert os.path.samefile(pristine.path / "a/index.html", tmp_path / "output/a/index.html")


@pytest.mark.parametrize("with_spare", [False, True])
def test_fast_path_site_is_the_kept_output_with_the_new_pages(kept, with_spare):
    tmp_path, pristine = kept
    if with_spare:
        # The site a newer build replaced: processed pages, a search index, host files.
        old = _write(tmp_path / "old", {**PELICAN_OUTPUT, "pagefind/fragment/x.pf": "index",
                                        "_headers": "h", "images/x-480w.jpg": "variant",
                                        "theme/css/extra/old.css": "gone"})
        pristine.keep_spare(old)
    staging = _write(tmp_path / "staging", {"a/index.html": "a, edited", "theme/css/main.css": "css"})
    pristine.keep(staging, fast=True)
    pristine.check()
    expected = {**PELICAN_OUTPUT, "a/index.html": "a, edited"}
    assert _files(staging) == expected and _files(pristine.path) == expected
    assert _folders(staging) == _folders(pristine.path)  # no folder left from the spare
    assert os.path.samefile(staging / "b/index.html", pristine.path / "b/index.html")
    assert os.path.samefile(staging / "a/index.html", pristine.path / "a/index.html")
    assert (tmp_path / "output/a/index.html").read_text() == "a", "the served site must not change"


def test_writing_into_a_linked_file_is_caught_and_the_kept_output_dropped(kept):
    tmp_path, pristine = kept
    staging = _write(tmp_path / "staging", {"a/index.html": "a, edited"})
    pristine.keep(staging, fast=True)
    with open(staging / "b/index.html", "w") as page:  # what a careless post-build step would do
        page.write("b, processed")
    with pytest.raises(BuildError, match="b/index.html.*in place"):
        pristine.check()
    assert not pristine.exists(), "the next build must start from scratch"


def test_make_responsive_replaces_a_page_instead_of_writing_into_it(tmp_path):
    site = _write(tmp_path / "site", {"a/index.html": '<p><img src="/images/dot.png" alt="A dot"></p>'})
    (site / "images").mkdir()
    Image.new("RGB", (10, 10)).save(site / "images" / "dot.png")
    os.link(site / "a/index.html", tmp_path / "kept.html")
    make_responsive(site, {})
    assert 'width="10"' in (site / "a/index.html").read_text()
    assert 'width="10"' not in (tmp_path / "kept.html").read_text()


def test_a_spare_of_another_shape_is_dropped_not_fatal(kept):
    tmp_path, pristine = kept
    pristine.keep_spare(_write(tmp_path / "old", {"b/index.html/oops": "a folder where a page is now"}))
    staging = _write(tmp_path / "staging", {"a/index.html": "a, edited"})
    pristine.keep(staging, fast=True)
    assert _files(staging) == {**PELICAN_OUTPUT, "a/index.html": "a, edited"}
    assert not pristine.spare.exists()
