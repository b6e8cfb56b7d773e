"""The staged build's parts that need no Pelican run: what staff read of
Pelican's log, the order of the post-build steps, and the search index's
checks before Pagefind starts."""

import pytest

from edelica_site.build import search_index
from edelica_site.build.pipeline import (
    POST_BUILD_STEPS,
    readable_log,
    run_post_build_steps,
)
from edelica_site.errors import BuildError

# A BuildError a plugin raised, as Pelican's plain log handler writes it: the
# message, then the traceback, whose last lines repeat the message.
MESSAGE = ("The content has problems; nothing was published:\n"
           "content/articles/x.md:7: tag 'Depression' has capital letters — write 'depression'\n"
           "1 content problem(s): fix the lines listed above, then build again.\n")
FRAMES = ("Traceback (most recent call last):\n"
          '  File "/x/pelican/__init__.py", line 679, in main\n    pelican.run()\n'
          '  File "/x/edelica_site/content_problems.py", line 41, in stop_if_any\n'
          '    raise BuildError("\\n".join(...))\n')


@pytest.mark.parametrize("log, shown", [
    ("Done: Processed 1 article\n", "Done: Processed 1 article\n"),
    ("BuildError: " + MESSAGE + FRAMES + "edelica_site.errors.BuildError: " + MESSAGE, MESSAGE),
    ("BuildError: one line — fix it\n" + FRAMES + "edelica_site.errors.BuildError: one line — fix it\n"
     "Done\n", "one line — fix it\nDone\n"),
    # Another exception keeps its last line (what went wrong), not the frames.
    ("KeyError: 'x'\n" + FRAMES + "\nKeyError: 'x'\n", "KeyError: 'x'\nKeyError: 'x'\n"),
    (FRAMES + "ValueError: bad\nDuring handling of the above exception, another exception occurred:\n\n"
     + FRAMES + "RuntimeError: worse\n", "ValueError: bad\nRuntimeError: worse\n"),
    ("WARNING Warning or error encountered, stopping.\nERROR x\n", "ERROR x\n"),
    ("", ""),
], ids=["plain", "build-error", "one-line-build-error", "other-exception", "chained", "pelican-stop-line",
        "empty"])
def test_readable_log(log, shown):
    assert readable_log(log) == shown


def test_post_build_steps_run_in_an_order_that_keeps_each_right():
    names = [step.__name__ for step in POST_BUILD_STEPS]
    start, finish = names.index("start_search_index"), names.index("finish_search_index")
    # Pagefind first: the steps that change pages keep their text (tests/site/test_post_build.py).
    assert start == 0 < names.index("make_responsive") < names.index("fingerprint_assets")
    # The checks and the compression see the pages as they will be served.
    assert names.index("fingerprint_assets") < names.index("check_pages") < finish
    # The site's files compress while Pagefind indexes; its own once it has finished.
    assert start < names.index("precompress") < finish < names.index("write_host_files")
    assert names[-1] == "precompress_search_bundle"


def test_steps_stop_at_the_first_error(tmp_path):
    ran = []

    def step(name, fails=False):
        def run(staging, settings):
            ran.append(name)
            if fails:
                raise BuildError(f"{name} failed")
        run.__name__ = name
        return run

    with pytest.raises(BuildError, match="second failed"):
        run_post_build_steps(tmp_path, {}, [step("first"), step("second", fails=True), step("third")])
    assert ran == ["first", "second"]


def write_pages(root, pages):
    for rel, text in pages.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)


@pytest.mark.parametrize("pages, message", [
    ({"about/index.html": "<article data-pagefind-body>About</article>",
      "drafts/secret/index.html": "<article data-pagefind-body>x</article>"}, "drafts/secret/index.html"),
    ({"index.html": "<p>Text that mentions data-pagefind-body is not a mark</p>"}, "no page is marked"),
    ({"index.html": "<p>Nothing at all</p>"}, "no page is marked"),
], ids=["marked-draft", "mention-only", "unmarked"])
def test_the_index_refuses_a_site_before_pagefind_starts(tmp_path, pages, message):
    write_pages(tmp_path, pages)
    with pytest.raises(BuildError, match=message):
        search_index.start_search_index(tmp_path, {})
    assert not search_index._running
    assert not (tmp_path / "pagefind").exists()


def test_finishing_an_index_never_started_is_explained(tmp_path):
    with pytest.raises(BuildError, match="start_search_index before finish_search_index"):
        search_index.finish_search_index(tmp_path, {})


@pytest.mark.parametrize("paths, glob", [
    (["about/index.html", "articles/a-b_c.1/index.html"],
     "{about/index.html,articles/a-b_c.1/index.html}"),
    (["articles/{odd}/index.html"], "**/*.{html}"),
    (["articles/with space/index.html"], "**/*.{html}"),
    (["articles/star*/index.html"], "**/*.{html}"),
])
def test_pagefind_reads_only_pages_that_mention_the_marker(tmp_path, paths, glob):
    assert search_index._glob(tmp_path, [tmp_path / path for path in paths]) == glob


@pytest.mark.parametrize("pages, marked", [
    ({"a.html": '<article data-pagefind-body>x</article>', "b.html": "<p>data-pagefind-body</p>",
      "c.html": '<main class="x" DATA-PAGEFIND-BODY>y</main>'}, ["a.html"]),
    ({"d/index.html": '<div data-pagefind-body="">x</div>'}, ["d/index.html"]),
])
def test_marked_pages(tmp_path, pages, marked):
    write_pages(tmp_path, pages)
    assert [p.relative_to(tmp_path).as_posix() for p in search_index.marked_pages(tmp_path)] == marked
