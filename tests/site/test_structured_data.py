"""JSON-LD on the published site: what search engines and maps read about the clinic.

Every block is parsed with json and expanded with pyld (a JSON-LD processor)
against a local schema.org context (tests/fixtures/schema.org.jsonld: the
tests never fetch anything). Assertions are on the expanded graph, so a
property counts only when a JSON-LD processor sees it under its schema.org IRI.
"""

import json
import re

import pytest
from bs4 import BeautifulSoup
from pelican.settings import read_settings
from pyld import jsonld

from edelica_site.content_model import is_medical
from tests.support.helpers import PRODUCTION, ROOT, copy_content, run_build

S = "https://schema.org/"
FIXTURES = ROOT / "tests" / "fixtures"
SCHEMA_CONTEXT = json.loads((FIXTURES / "schema.org.jsonld").read_text(encoding="utf-8"))
LD_BLOCK = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def offline_loader(url, options=None):
    """Serve schema.org's context from tests/fixtures; refuse every other URL."""
    if url.rstrip("/") in ("https://schema.org", "http://schema.org"):
        return {"contextUrl": None, "documentUrl": url, "document": SCHEMA_CONTEXT}
    raise jsonld.JsonLdError(f"offline test: will not fetch {url}", "jsonld.LoadDocumentError",
                             code="loading document failed")


def ld_blocks(html):
    return [json.loads(raw) for raw in LD_BLOCK.findall(html)]


def expand(block):
    return jsonld.expand(block, {"documentLoader": offline_loader})


def nodes(html):
    """{schema.org type name: [expanded node, ...]} of every top-level node on a page."""
    found = {}
    for block in ld_blocks(html):
        for node in expand(block):
            for kind in node.get("@type", []):
                found.setdefault(kind.removeprefix(S), []).append(node)
    return found


def value(node, prop):
    """The first value of a property in an expanded node (a literal, an @id or a node)."""
    items = node.get(S + prop, [])
    if not items:
        return None
    first = items[0]
    return first.get("@value", first.get("@id", first))


def values(node, prop):
    return [item.get("@value", item.get("@id", item)) for item in node.get(S + prop, [])]


def source_metadata(path):
    """The `Key: value` header of a Markdown source file, keys lowercased."""
    meta = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            break
        key, _, val = line.partition(":")
        meta[key.strip().lower()] = val.strip()
    return meta


def meta_description(site, url):
    """The page's meta description: the Summary as the reader sees it (typographic quotes)."""
    return site.soup(url).find("meta", attrs={"name": "description"})["content"]


def published_pages(site):
    return [url for url in site.urls() if not url.startswith("/drafts/")]


@pytest.fixture(scope="module")
def graphs(published_site):
    return {url: nodes(published_site.path(url).read_text(encoding="utf-8"))
            for url in published_pages(published_site)}


ARTICLE_SOURCES = sorted((ROOT / "content" / "articles").glob("*.md"))
PAGE_SOURCES = sorted((ROOT / "content" / "pages").glob("*.md"))


REVIEWED_ARTICLES = [p for p in ARTICLE_SOURCES if source_metadata(p).get("reviewer")]
CITING_ARTICLES = [p for p in ARTICLE_SOURCES if "[^" in p.read_text(encoding="utf-8")]


def article_url(path):
    return "/articles/" + re.sub(r"^\d{4}-\d{2}-\d{2}-", "", path.stem) + "/"


def page_url(path):
    meta = source_metadata(path)
    if meta.get("save_as") == "index.html":
        return "/"
    return "/" + meta.get("slug", path.stem) + "/"


# --- Every page ------------------------------------------------------------------

def test_every_page_has_one_block_that_parses_and_expands(published_site):
    for url in published_pages(published_site):
        html = published_site.path(url).read_text(encoding="utf-8")
        blocks = ld_blocks(html)
        assert len(blocks) == 1, f"{url}: {len(blocks)} JSON-LD blocks, expected 1"
        assert expand(blocks[0]), f"{url}: JSON-LD expands to nothing"


CLINIC_PROPERTIES = ["name", "url", "telephone", "email", "address", "geo",
                     "openingHoursSpecification", "medicalSpecialty", "availableService"]


def test_every_page_describes_the_clinic_and_the_website(graphs):
    for url, found in graphs.items():
        assert len(found.get("MedicalClinic", [])) == 1, f"{url}: no MedicalClinic"
        clinic = found["MedicalClinic"][0]
        missing = [p for p in CLINIC_PROPERTIES if not value(clinic, p)]
        assert not missing, f"{url}: MedicalClinic lacks {missing}"
        assert len(found.get("WebSite", [])) == 1, f"{url}: no WebSite"
        assert value(found["WebSite"][0], "name") and value(found["WebSite"][0], "url")


def test_clinic_facts_come_from_clinic(graphs, clinic, published_site):
    node = graphs["/"]["MedicalClinic"][0]
    address = value(node, "address")
    geo = value(node, "geo")
    hours = value(node, "openingHoursSpecification")
    service = value(node, "availableService")
    expected = [
        (value(node, "name"), clinic["name"]),
        (value(node, "url"), published_site.siteurl + "/"),
        (value(node, "telephone"), clinic["phone_e164"]),
        (value(node, "email"), clinic["email"]),
        (value(node, "medicalSpecialty"), clinic["medical_specialty"]),
        (address["@type"], [S + "PostalAddress"]),
        (value(address, "streetAddress"), clinic["street"]),
        (value(address, "addressLocality"), clinic["city"]),
        (value(address, "addressRegion"), clinic["region"]),
        (value(address, "postalCode"), clinic["postal_code"]),
        (value(address, "addressCountry"), clinic["country"]),
        (value(geo, "latitude"), clinic["geo"]["latitude"]),
        (value(geo, "longitude"), clinic["geo"]["longitude"]),
        (values(hours, "dayOfWeek"), clinic["hours"][0]["days"]),
        (value(hours, "opens"), clinic["hours"][0]["opens"]),
        (value(hours, "closes"), clinic["hours"][0]["closes"]),
        (service["@type"], [S + "MedicalTherapy"]),
        (value(service, "url"), published_site.siteurl + "/ketamine-therapy/"),
    ]
    for got, want in expected:
        assert got == want
    assert "ketamine" in value(service, "name").lower()


# --- Articles ----------------------------------------------------------------------

ARTICLE_PAGE_PROPERTIES = ["headline", "description", "datePublished", "dateModified", "author",
                           "reviewedBy", "lastReviewed", "image", "citation", "publisher",
                           "breadcrumb"]
POSTING_PROPERTIES = ["headline", "description", "datePublished", "dateModified", "author",
                      "image", "publisher", "mainEntityOfPage"]


@pytest.mark.parametrize("source", ARTICLE_SOURCES, ids=lambda p: p.stem)
def test_article_is_a_blog_posting_on_a_medical_web_page(source, graphs, published_site):
    meta = source_metadata(source)
    url = article_url(source)
    found = graphs[url]
    medical = is_medical(meta, True, read_settings(str(ROOT / "pelicanconf.py")))
    page_type = "MedicalWebPage" if medical else "WebPage"
    assert len(found.get(page_type, [])) == 1, f"{url}: no {page_type}"
    assert len(found.get("BlogPosting", [])) == 1, f"{url}: no BlogPosting"
    webpage, posting = found[page_type][0], found["BlogPosting"][0]
    required = ARTICLE_PAGE_PROPERTIES if medical else [
        p for p in ARTICLE_PAGE_PROPERTIES if p not in ("reviewedBy", "lastReviewed", "citation")]
    assert not [p for p in required if not value(webpage, p)], f"{url}: {page_type} incomplete"
    assert not [p for p in POSTING_PROPERTIES if not value(posting, p)], f"{url}: BlogPosting incomplete"

    absolute = published_site.siteurl + url
    assert webpage["@id"] == absolute
    assert value(posting, "mainEntityOfPage") == absolute
    assert value(posting, "headline") == meta["title"]
    assert value(posting, "description") == meta_description(published_site, url)
    assert value(posting, "datePublished").startswith(meta["date"])
    assert value(posting, "dateModified").startswith(meta.get("modified", meta["date"]))
    assert value(value(posting, "author"), "name") == meta["author"]
    assert value(value(posting, "image"), "url").startswith(published_site.siteurl + "/social/")


@pytest.mark.parametrize("source", REVIEWED_ARTICLES, ids=lambda p: p.stem)
def test_article_review_matches_its_metadata(source, graphs, clinicians, published_site):
    meta = source_metadata(source)
    webpage = graphs[article_url(source)]["MedicalWebPage"][0]
    assert_reviewer(value(webpage, "reviewedBy"), clinicians[meta["reviewer"]], meta["reviewer"],
                    published_site)
    assert value(webpage, "lastReviewed") == meta["reviewed"]


def assert_reviewer(node, clinician, key, site):
    """reviewedBy is the clinician of the registry, a Person linked to the team page."""
    assert node["@type"] == [S + "Person"]
    assert value(node, "name") == clinician["name"]
    assert value(node, "jobTitle") == clinician["role"]
    assert value(node, "honorificSuffix") == clinician["credentials"]
    assert value(node, "url") == f"{site.siteurl}/our-team/#{key}"
    assert site.path(f"{site.siteurl}/our-team/").is_file()


@pytest.mark.parametrize("source", CITING_ARTICLES, ids=lambda p: p.stem)
def test_article_cites_its_footnote_sources(source, graphs, published_site):
    url = article_url(source)
    soup = published_site.soup(url)
    items = soup.select(".app-references__list li")
    assert items, f"{url}: no references rendered"
    cited = values(graphs[url]["MedicalWebPage"][0], "citation")
    assert len(cited) == len(items)
    for item, citation in zip(items, cited):
        links = [a["href"] for a in item.select("a[href^='https://']")]
        assert citation in links, f"{url}: citation {citation} is not a link of its footnote"
        if any("doi.org/" in link for link in links):
            assert "doi.org/" in citation, f"{url}: the DOI link is the preferred citation"


@pytest.mark.parametrize("source", ARTICLE_SOURCES, ids=lambda p: p.stem)
def test_article_breadcrumb_runs_home_articles_category_article(source, graphs, published_site):
    url = article_url(source)
    meta = source_metadata(source)
    trail = graphs[url]["BreadcrumbList"][0]
    items = sorted(values(trail, "itemListElement"), key=lambda li: value(li, "position"))
    names = [value(li, "name") for li in items]
    targets = [value(li, "item") for li in items]
    assert names == ["Home", "Articles", meta["category"], meta["title"]]
    assert targets[0] == published_site.siteurl + "/"
    assert targets[-1] == published_site.siteurl + url
    for target in targets:
        assert published_site.path(target).is_file(), f"breadcrumb target {target} has no page"


# --- Pages ---------------------------------------------------------------------------

@pytest.mark.parametrize("source", PAGE_SOURCES, ids=lambda p: p.stem)
def test_page_is_a_web_page_of_the_right_type(source, graphs, published_site, clinicians):
    meta = source_metadata(source)
    url = page_url(source)
    found = graphs[url]
    expected = ("ContactPage" if meta.get("template") == "contact" else
                "MedicalWebPage" if is_medical(meta, False, {}) else "WebPage")
    assert len(found.get(expected, [])) == 1, f"{url}: expected a {expected}"
    node = found[expected][0]
    assert node["@id"] == published_site.siteurl + url
    assert value(node, "name") == meta["title"]
    assert value(node, "description") == meta_description(published_site, url)
    if expected == "MedicalWebPage" and meta.get("reviewer"):
        assert_reviewer(value(node, "reviewedBy"), clinicians[meta["reviewer"]], meta["reviewer"],
                        published_site)
        assert value(node, "lastReviewed") == meta["reviewed"]
    if url == "/":
        assert "BreadcrumbList" not in found  # home is where every trail starts
        assert value(node, "about") == published_site.siteurl + "/#clinic"
    else:
        trail = found["BreadcrumbList"][0]
        items = sorted(values(trail, "itemListElement"), key=lambda li: value(li, "position"))
        assert [value(li, "name") for li in items] == ["Home", meta["title"]]
        assert value(node, "breadcrumb") == trail["@id"]


def test_contact_page_carries_the_clinics_contact_points(graphs, clinic, published_site):
    found = graphs["/contact/"]
    page = found["ContactPage"][0]
    assert value(page, "mainEntity") == published_site.siteurl + "/#clinic"
    point = value(found["MedicalClinic"][0], "contactPoint")
    assert point["@type"] == [S + "ContactPoint"]
    assert value(point, "telephone") == clinic["phone_e164"]
    assert value(point, "email") == clinic["email"]
    assert value(point, "contactType")
    # Only the Contact page repeats the contact points.
    assert not value(graphs["/about/"]["MedicalClinic"][0], "contactPoint")


# --- Escaping ------------------------------------------------------------------------

TRICKY_TITLE = 'Ketamine "myths" & facts </script><script>alert(1)</script>'
TRICKY_SUMMARY = 'A "quoted" summary with quotes & an ampersand that must stay inside the data block.'


@pytest.fixture(scope="module")
def tricky_site(tmp_path_factory):
    content = copy_content(tmp_path_factory.mktemp("tricky") / "content")
    (content / "articles" / "2026-11-10-tricky-title.md").write_text(
        f"Title: {TRICKY_TITLE}\nDate: 2026-11-10\nCategory: Clinic news\n"
        f"Summary: {TRICKY_SUMMARY}\nAuthor: Edelica Health clinical team\nMedical: no\n\n"
        "A short clinic news post.\n", encoding="utf-8")
    output = content.parent / "output"
    result = run_build(content, output, PRODUCTION)
    assert result.returncode == 0, result.output
    return output


def test_title_with_script_tag_and_quotes_gives_valid_json_ld(tricky_site):
    html = (tricky_site / "articles" / "tricky-title" / "index.html").read_text(encoding="utf-8")
    # The only </script> in the page closes the one data block.
    assert html.count("</script>") == html.count("<script") == 1
    raw = LD_BLOCK.search(html).group(1)
    assert "<" not in raw and ">" not in raw
    found = nodes(html)
    posting = found["BlogPosting"][0]
    shown = BeautifulSoup(html, "lxml").h1.get_text()
    assert value(posting, "headline") == shown  # the same text the reader sees
    assert '"myths" & facts' in value(posting, "headline")
    description = BeautifulSoup(html, "lxml").find("meta", attrs={"name": "description"})["content"]
    assert value(posting, "description") == description
    assert "“quoted” summary with quotes &" in description
