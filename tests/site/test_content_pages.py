"""The content a clinician signs, as the real build shows it: the seed article's
wording and sources, the crisis page's first screen, the pages a patient looks
for (and where they are linked), reading grades and one citation style."""

import datetime
import re

import pytest
from pelican.settings import read_settings

from edelica_site.commands import check
from edelica_site.plugins.content_rules import header
from tests.support.helpers import ROOT

ARTICLE = "/articles/how-does-ketamine-help-depression/"
ARTICLE_FILE = "content/articles/2026-11-16-how-does-ketamine-help-depression.md"
NEW_PAGES = {
    "/costs-and-insurance/": "Costs and insurance",
    "/after-your-session/": "After your session",
    "/questions/": "Questions people ask",
    "/notice-of-privacy-practices/": "Notice of Privacy Practices",
    "/language-assistance/": "Language assistance and nondiscrimination",
    "/patient-rights/": "Your rights as a patient",
}
FOOTER_LABELS = {
    "/costs-and-insurance/": "Costs and insurance",
    "/after-your-session/": "After your session",
    "/questions/": "Questions people ask",
    "/notice-of-privacy-practices/": "Notice of Privacy Practices",
    "/language-assistance/": "Language assistance (Ayuda en español)",
    "/patient-rights/": "Your rights as a patient",
}
# Authors (Year). “Title” *Journal* volume:pages. DOI or PubMed link(s), then the back-link(s).
CITATION = re.compile(r"^(?P<authors>[^()“”]+?) \((?P<year>\d{4})\)\. “[^”]+” (?P<journal>[^.]+?) \S+\. "
                      r"(?:doi:10\.\S+|PMID \d+)")


def main_text(site, url):
    return site.soup(url).select_one("main").get_text(" ", strip=True)


@pytest.mark.parametrize("url, h1", NEW_PAGES.items())
def test_new_page_exists(site, url, h1):
    assert [h.get_text(" ", strip=True) for h in site.soup(url).find_all("h1")] == [h1]


@pytest.mark.parametrize("url, label", FOOTER_LABELS.items())
@pytest.mark.parametrize("page", ["/", ARTICLE, "/crisis-help/"])
def test_new_page_is_linked_from_the_footer(site, page, url, label):
    links = {a.get_text(" ", strip=True): a["href"] for a in site.soup(page).select("footer a")}
    assert label in links and links[label].rstrip("/").endswith(url.rstrip("/"))


@pytest.mark.parametrize("url", [u for u in NEW_PAGES if u != "/questions/"] + ["/ketamine-therapy/"])
def test_what_the_clinic_must_supply_is_a_placeholder(site, url):
    assert "[Placeholder:" in main_text(site, url)


MEDICAL_PAGES = sorted(f"content/pages/{p.name}" for p in (ROOT / "content" / "pages").glob("*.md")
                       if re.search(r"^Medical: yes$", p.read_text(encoding="utf-8"), re.M))


# The article, every new page and every medical page (DESIGN.md's budget).
@pytest.mark.parametrize("path", sorted({ARTICLE_FILE, *MEDICAL_PAGES,
                                         *(f"content/pages{url.rstrip('/')}.md" for url in NEW_PAGES)}))
def test_reading_grade_is_8_or_below(path):
    settings = read_settings(str(ROOT / "pelicanconf.py"))
    check.use_local_cmudict()
    head = header.read_header(ROOT / path, "page", lambda *args: None)
    html, _ = check.MarkdownReader(settings).read(str(ROOT / path))
    report = check.analyse(head, html, settings, datetime.date(2026, 12, 3))
    assert report.fk_grade <= 8 and report.smog <= 8, (report.fk_grade, report.smog)
    assert not [w for _, w in report.warnings if w.startswith("long sentence")]


def test_every_reference_uses_one_citation_style(site):
    wrong = []
    for url in site.urls():
        for item in site.soup(url).select(".app-references li[id]"):
            text = item.get_text(" ", strip=True)
            match = CITATION.match(text)
            years = re.findall(r"\((\d{4})\)\.", text)
            if not match or len(years) != 1:
                wrong.append((url, text[:90]))
    assert wrong == []


def test_references_render_on_every_medical_page(site):
    for url in ["/ketamine-therapy/", "/after-your-session/", "/questions/", ARTICLE]:
        assert len(site.soup(url).select(".app-references li[id]")) >= 2, url


@pytest.mark.parametrize("url", ["/ketamine-therapy/", "/questions/", ARTICLE])
def test_adjacent_markers_and_back_links_read_apart(site, url):
    soup = site.soup(url)
    markers = soup.select("sup[id^=fnref]")
    for sup in markers:
        following = sup.find_next_sibling()
        if following is sup.next_sibling and following is not None and following.name == "sup":
            assert sup.get_text().endswith(", "), f"{url}: '{sup.get_text()}{following.get_text()}'"
    references = soup.select_one(".app-references").get_text(" ")
    assert "\u21a9" not in references
    for item in soup.select(".app-references li[id]"):
        links = item.select("a.footnote-backref")
        uses = len(soup.select(f'sup a[href="#{item["id"]}"]'))
        assert len(links) == uses
        if uses == 1:
            assert links[0].get_text() == "Back to text"
        else:
            assert [a["aria-label"] for a in links] == [
                f"Back to text, {check_ordinal(n)} use" for n in range(1, uses + 1)]


def check_ordinal(number):
    return {1: "1st", 2: "2nd", 3: "3rd"}.get(number, f"{number}th")


def test_a_source_used_twice_has_two_back_links(site):
    soup = site.soup(ARTICLE)
    assert any(len(item.select("a.footnote-backref")) > 1 for item in soup.select(".app-references li[id]"))


GONE_FROM_ARTICLE = ["no hope", "breakthrough", "remarkable", "optimal", "transformative", "Unveiling",
                     "Sustained Remission", "regain control", "effective alternative", "at risk of self-harm",
                     "synaptic plasticity", "cognition", "modulating", "adaptive mindset", "DMN activity"]


@pytest.mark.parametrize("phrase", GONE_FROM_ARTICLE)
def test_article_drops_marketing_and_jargon(site, phrase):
    assert phrase.lower() not in main_text(site, ARTICLE).lower()


ARTICLE_SAYS = [
    # Crisis help first, and no treatment during a crisis.
    (".app-prose .app-callout--urgent a[href='tel:988']", "988"),
    (".app-prose .app-callout--urgent", "We do not start it during a crisis."),
    # Citation precision.
    (".app-prose", "Of them, 14 were healthy volunteers and 7 had depression."),
    (".app-prose", "Within 110 minutes, they felt clearly better than with a dummy drip."),
    (".app-prose", "In this part of the trial, everyone knew they were getting ketamine. Of them, 59 percent"),
    (".app-prose", "links within this network were weaker 24 hours after one dose"),
    (".app-prose", "The first such study was in 2000."),
    (".app-prose", "It is taken together with an antidepressant pill."),
    (".app-prose", "Esketamine can cause sleepiness and dissociation, and it can be misused."),
    # The edit history at the end of the review block.
    (".app-review .app-review__changes", "What changed on December 3, 2026: Plainer words"),
]


@pytest.mark.parametrize("selector, text", ARTICLE_SAYS)
def test_article_says(site, selector, text):
    element = site.soup(ARTICLE).select_one(selector)
    assert element is not None and text in " ".join(element.get_text().split())


def test_response_figures_lead_with_the_largest_trial(site):
    text = main_text(site, ARTICLE)
    assert text.index("73 people") < text.index("17 people")


def test_first_trial_date_is_the_same_everywhere(site):
    for url in site.urls():
        text = main_text(site, url)
        assert "since at least 2006" not in text, url
    assert "since 2000" in main_text(site, "/ketamine-therapy/")


CRISIS_FIRST_SCREEN = [
    ("Call 911", "tel:911"),
    ("call 988", "tel:988"),
    ("text 988", "sms:988"),
]


@pytest.mark.parametrize("label, href", CRISIS_FIRST_SCREEN)
def test_crisis_lede_numbers_are_links(site, label, href):
    lede = site.soup("/crisis-help/").select_one(".app-article__lede")
    assert [a["href"] for a in lede.find_all("a") if a.get_text(strip=True) == label] == [href]


def test_crisis_emergency_card_comes_before_the_contents_box(site):
    html = site.path("/crisis-help/").read_text(encoding="utf-8")
    assert html.index("app-callout--emergency") < html.index('class="app-toc"')


CRISIS_OPTIONS = [
    ("a[href='https://988lifeline.org/chat/']", "988lifeline.org/chat"),
    ("a[href='sms:838255']", "text 838255"),
    ("a[href='https://www.veteranscrisisline.net/']", "Veterans Crisis Line"),
    ("a[href='https://988lifeline.org/help-yourself/for-deaf-hard-of-hearing/']",
     "988 Lifeline for deaf and hard of hearing people"),
]


@pytest.mark.parametrize("selector, text", CRISIS_OPTIONS)
def test_crisis_options_with_their_sources(site, selector, text):
    link = site.soup("/crisis-help/").select_one(f".app-prose {selector}")
    assert link is not None and link.get_text(strip=True) == text


def test_spanish_tagline_is_marked_spanish(site):
    tagline = site.soup("/language-assistance/").select_one('.app-prose p[lang="es"]')
    assert tagline is not None and tagline.get_text().startswith("ATENCIÓN")
    assert tagline.select_one("a[href^='tel:']")


PAGE_SAYS = [
    ("/costs-and-insurance/", "You have the right to receive a “Good Faith Estimate” explaining how much "
                              "your medical care will cost."),
    ("/costs-and-insurance/", "If your bill is at least $400 more than the estimate, you can dispute the bill."),
    ("/notice-of-privacy-practices/", "This notice describes how medical information about you may be used "
                                      "and disclosed, and how you can get access to this information."),
    ("/language-assistance/", "We do not treat people unfairly because of their race, color, national "
                              "origin, age, disability or sex."),
    ("/after-your-session/", "[Placeholder: the out-of-hours phone number for patients, and who answers it.]"),
    ("/questions/", "We are not a crisis service, and we do not start ketamine therapy during a crisis."),
]


@pytest.mark.parametrize("url, text", PAGE_SAYS)
def test_page_says(site, url, text):
    assert text in main_text(site, url)


def test_questions_are_plain_headings_without_faq_markup(site):
    soup = site.soup("/questions/")
    assert len(soup.select(".app-prose h2")) >= 8
    assert "FAQPage" not in str(soup) and "itemtype" not in str(soup)


@pytest.mark.parametrize("url", ["/after-your-session/", ARTICLE, "/questions/"])
def test_medical_pages_point_to_crisis_help(site, url):
    soup = site.soup(url)
    assert soup.select_one(".app-prose a[href='tel:988']") and soup.select_one(".app-prose a[href$='crisis-help/']")


UNCONFIRMED = [
    ("/ketamine-therapy/", "[Confirm: A first course at our clinic is often 6 drips over 2 to 3 weeks]"),
    ("/ketamine-therapy/", "[Confirm: pregnant, planning a pregnancy, or breastfeeding]"),
    ("/ketamine-therapy/", "[Confirm: under 18, because we only treat adults]"),
    ("/ketamine-therapy/", "[Confirm: A nurse checks on you during every drip]"),
    ("/", "[Confirm: A nurse stays with you and checks on you for the whole session]"),
    ("/request-a-consultation/", "[Confirm: We call back within one working day]"),
]


@pytest.mark.parametrize("url, text", UNCONFIRMED)
def test_unconfirmed_clinic_practice_is_marked(site, url, text):
    assert text in main_text(site, url)
