"""The body rules (edelica_site.plugins.content_rules.body) on rendered HTML as
Python-Markdown writes it: alt text, https links, footnotes that pair up and
cite a DOI or PubMed, and claims that need a source on medical pages.
tests/site/test_content_rules.py runs the same rules through the real build."""


import pytest

from edelica_site.plugins.content_rules import body
from edelica_site.plugins.content_rules.header import Header
from edelica_site.plugins.content_rules.plugin import body_findings, line_finder


def ref(key, n=1):
    return f'<sup id="fnref:{key}"><a class="footnote-ref" href="#fn:{key}">{n}</a></sup>'


def notes(*items):
    """The footnotes block: (key, citation HTML) pairs."""
    return ('<div class="footnote">\n<hr />\n<ol>\n' + "".join(
        f'<li id="fn:{key}">\n<p>{text}&#160;<a class="footnote-backref" href="#fnref:{key}">&#8617;</a></p>\n</li>\n'
        for key, text in items) + "</ol>\n</div>")


DOI = 'Tsuno N. Sleep. 2005. <a href="https://doi.org/10.4088/JCP.v66n1008">doi:10.4088/JCP.v66n1008</a>'
PUBMED = 'Source B. 2020. <a href="https://pubmed.ncbi.nlm.nih.gov/16259539/">PMID 16259539</a>'


def problems(content, medical=True):
    """[(the text the line is looked up by, the problem's words before " — ")]."""
    found = []
    body.check_body(content, medical, lambda needle, message: found.append((needle, message)),
                    lambda needle, text=None: needle)
    return [(needle, message.split(" — ")[0]) for needle, message in found]


@pytest.mark.parametrize("content, medical, expected", [
    # Pictures
    ('<p><img alt="A nurse at the desk" src="/images/a.jpg" /></p>', True, []),
    ('<p><img alt="" src="/extra/apple-touch-icon.png" /></p>', False,
     [("/extra/apple-touch-icon.png", "image 'apple-touch-icon.png' has no alt text")]),
    ('<p><img src="b.png"></p>', False, [("b.png", "image 'b.png' has no alt text")]),
    ('<p><img alt="   " src="c/"></p>', False, [("c/", "image 'c/' has no alt text")]),
    # Links
    ('<p><a href="http://example.org/">x</a></p>', False,
     [("http://example.org/", "link to http://example.org/ is not secure (http)")]),
    ('<p><a href="HTTP://example.org/">x</a></p>', False,
     [("HTTP://example.org/", "link to HTTP://example.org/ is not secure (http)")]),
    ('<p><a href="ftp://example.org/f">x</a></p>', False,
     [("ftp://example.org/f", "link 'ftp://example.org/f' uses 'ftp:'")]),
    ('<p><a href="javascript:alert(1)">x</a></p>', False,
     [("javascript:alert(1)", "link 'javascript:alert(1)' uses 'javascript:'")]),
    ('<p><a href="https://988lifeline.org/">a</a> <a href="mailto:care@x.example">b</a> '
     '<a href="tel:+14145550100">c</a> <a href="sms:988">d</a> <a href="/contact/">e</a> '
     '<a href="#top">f</a> <a href="{filename}../pages/contact.md">g</a></p>', False, []),
    # Footnotes
    ("<p>Ketamine was first used in surgery.[^domino]</p>", False,
     [("[^domino]", "footnote [^domino] has no source text")]),
    ("<p>Used twice [^a] and [^a], once [^b].</p>", False,
     [("[^a]", "footnote [^a] has no source text"), ("[^b]", "footnote [^b] has no source text")]),
    ("<p>Code is not a footnote: <code>[^a]</code></p>", False, []),
    ("<p>No reference here.</p>" + notes(("domino", DOI)), False,
     [("[^domino]:", "footnote [^domino] is never used in the text")]),
    ("<p>Cited." + ref("a") + "</p>" + notes(("a", DOI)), False, []),
    # Sources on medical pages: a DOI or PubMed link in the footnote
    ("<p>Cited." + ref("a") + ref("b", 2) + "</p>" + notes(("a", DOI), ("b", PUBMED)), True, []),
    ("<p>Cited." + ref("a") + "</p>" + notes(("a", "A book, 2005. <a href=\"https://example.org/\">x</a>")),
     True, [("[^a]:", "footnote [^a] has no DOI or PubMed link")]),
    ("<p>Cited." + ref("a") + "</p>" + notes(("a", "A book, 2005.")), False, []),
    # Claims need a source in the same paragraph or list item, on medical pages
    ("<p>About 7 in 10 people felt better.</p>", True, [("7 in 10", "'7 in 10' states a fact without a source")]),
    ("<p>About 7 in 10 people felt better.</p>", False, []),
    ("<p>About 7 in 10 responded." + ref("a") + "</p>" + notes(("a", DOI)), True, []),
    ("<p>About 7 in 10 responded.</p><p>Other text." + ref("a") + "</p>" + notes(("a", DOI)), True,
     [("7 in 10", "'7 in 10' states a fact without a source")]),
    ("<ul>\n<li>Talk to your doctor.</li>\n<li>A session lasts about 40 minutes.</li>\n</ul>", True,
     [("40 minutes", "'40 minutes' states a fact without a source")]),
    ("<ul><li>Lasts 40 minutes." + ref("a") + "</li><li>Effects fade within 2 hours.</li></ul>"
     + notes(("a", DOI)), True, [("2 hours", "'2 hours' states a fact without a source")]),
    ('<p class="no-source-needed">Visits take about 2 hours.</p>', True, []),
    ('<div class="no-source-needed"><p>Not a block that exempts.</p></div><p>Takes 2 hours.</p>', True,
     [("2 hours", "'2 hours' states a fact without a source")]),
    ("<p>Doses: <code>0.5 mg/kg</code> in code is not prose.</p>", True, []),
    ("<pre><code>Studies show 64%</code></pre>", True, []),
    ("<table><tr><td>Response in 64% of people</td></tr></table>", True,
     [("64%", "'64%' states a fact without a source")]),
    ("<p>Call or text 988 at any time.</p>", True, []),
], ids=["alt", "empty-alt", "no-alt", "blank-alt", "http", "http-capitals", "ftp", "javascript",
        "safe-links", "literal-footnote", "literal-footnotes-once-each", "footnote-in-code",
        "footnote-never-used", "footnote-pair", "doi-and-pubmed", "no-doi", "no-doi-not-medical",
        "claim", "claim-not-medical", "claim-cited", "citation-in-another-paragraph", "list-item",
        "one-item-cited", "exempt", "exempt-only-on-the-block", "claim-in-code", "claim-in-pre",
        "table-cell", "crisis-number"])
def test_body_rule(content, medical, expected):
    assert problems(content, medical) == expected


def test_line_finder_points_at_the_source_line(tmp_path):
    text = ("Title: X\nSummary: See http://a.example/ here\n\nFirst line.\n"
            "A [link](http://a.example/) and 7 in 10 people.\n\n[^a]: Source.\n")
    find_line = line_finder(Header(tmp_path / "x.md", "article", text=text, body_start=4))
    assert find_line("http://a.example/") == 5  # the body's line, not the front matter's
    assert find_line("[^a]:") == 7
    assert find_line("not in the file") == 4  # the first body line
    assert find_line("A%20link") == 4
    assert find_line("nowhere", "A link and 7 in 10 people.") == 4
    assert find_line("nowhere", "and 7 in 10 people. more words") == 5
    assert line_finder(None)("anything") == 1


def test_body_findings_gives_problems_and_site_links_with_their_lines(tmp_path):
    text = "Title: X\n\nSee [us](/contact/) and [them](http://x.example/).\n\n![](/a.png)\n"
    find_line = line_finder(Header(tmp_path / "x.md", "article", text=text, body_start=3))
    content = ('<p>See <a href="/contact/">us</a> and <a href="http://x.example/">them</a>.</p>\n'
               '<p><img alt="" src="/a.png" /></p>')
    found, site_links = body_findings(content, False, find_line)
    assert [(line, message.split(" — ")[0]) for line, message in found] == [
        (5, "image 'a.png' has no alt text"), (3, "link to http://x.example/ is not secure (http)")]
    assert site_links == [("/contact/", 3), ("/a.png", 5)]


@pytest.mark.parametrize("url, normal", [
    ("/contact/", "/contact"),
    ("/contact", "/contact"),
    ("/contact/index.html#form", "/contact"),
    ("/contact//x/", "/contact/x"),
    ("/", "/"),
    ("/index.html", "/"),
    ("/caf%C3%A9/?q=1", "/café"),
])
def test_normalise(url, normal):
    assert body.normalise(url) == normal


def test_site_relative_links_leave_out_other_origins_and_relative_links():
    content = ('<a href="/contact/">a</a><a href="//cdn.example/x.js">b</a><a href="../about/">c</a>'
               '<img alt="x" src="/images/a.png"><a href="https://x.example/">d</a>')
    assert body.site_relative_links(content) == ["/contact/", "/images/a.png"]


CLAIMS = [
    ("About 7 in 10 people felt better.", "7 in 10"),
    ("Response rates reached 71 percent.", "71 percent"),
    ("Response rates reached 64%.", "64%"),
    ("Effects fade within 2 hours.", "2 hours"),
    ("The usual dose is 0.5 mg/kg.", "0.5 mg/kg"),
    ("In a trial of 73 people, many responded.", "73 people"),
    ("Studies show that ketamine works fast.", "Studies show"),
    ("Research suggests the benefit is short-lived.", "Research suggests"),
    ("Clinical trials found a fast response.", "Clinical trials"),
    ("It is clinically proven to help.", "clinically proven"),
    ("Blood pressure rises by 20 mmHg.", "20 mmHg"),
]
NOT_CLAIMS = [
    "Call or text 988 at any time.",
    "If you are in danger, call 911.",
    "Open any time, day or night (24/7).",
    "Veterans: call 988 and press 1.",
    "We only treat adults over 18.",
    "In March 2019 the clinic opened its doors.",
    "Ketamine was developed in the 1960s.",
    "Our care coordinator calls you back within one working day.",
]


@pytest.mark.parametrize("text, claim", CLAIMS)
def test_claims_are_recognised(text, claim):
    assert body.first_claim(text) == claim


@pytest.mark.parametrize("text", NOT_CLAIMS)
def test_plain_statements_are_not_claims(text):
    assert body.first_claim(text) is None
