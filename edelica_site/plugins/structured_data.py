"""Structured data: schema.org JSON-LD for every page, built from CLINIC and content metadata.

Templates call `{{ structured_data() }}` (a Jinja global) in the head. It
returns one `<script type="application/ld+json">` data block holding an
@graph: the MedicalClinic and the WebSite on every page; on an article a
MedicalWebPage (WebPage for non-medical posts) with its BlogPosting and
BreadcrumbList; on a page a WebPage or MedicalWebPage with its
BreadcrumbList, the Contact page as a ContactPage with the clinic's contact
points. Nothing is typed by hand: every value comes from CLINIC, the
STRUCTURED_DATA settings or the article's or page's metadata.

The JSON is escaped so no value can end the script element: `<`, `>` and
`&` become \\u003c, \\u003e, \\u0026 escapes (see to_script_json). It is a
data block, not a script, so a strict Content-Security-Policy allows it.
Only a build with an absolute SITEURL (publishconf.py) gets it: search
engines need absolute URLs, and the local preview has none.
"""

import html
import json
import re

from jinja2 import pass_context
from markupsafe import Markup
from pelican import signals

from edelica_site.errors import BuildError
from edelica_site.plugin_settings import plugin_settings

DEFAULTS = {
    # What the clinic offers, as schema.org MedicalTherapy entries. `page` is
    # the slug of the page that describes the service (its URL is linked).
    "SERVICES": [{"name": "Ketamine therapy for treatment-resistant depression",
                  "page": "ketamine-therapy"}],
    # Pages rendered with this template are the clinic's ContactPage.
    "CONTACT_TEMPLATE": "contact",
    # contactType of the clinic's phone/email contact point.
    "CONTACT_TYPE": "patient appointments",
    # The clinic's logo and image, relative to SITEURL.
    "LOGO": "apple-touch-icon.png",
}

TAG = re.compile(r"<[^>]+>")
LIST_ITEM = re.compile(r"<li\b[^>]*>(.*?)</li>", re.S)
HREF = re.compile(r'href="(https?://[^"]+)"')
# The most stable identifier of a source first: DOI, then PubMed, then any link.
CITATION_HOSTS = ("doi.org/", "pubmed.ncbi.nlm.nih.gov/", "ncbi.nlm.nih.gov/pmc/")


def _check(conf):
    for service in conf["SERVICES"]:
        if not isinstance(service, dict) or not service.get("name"):
            raise ValueError(f"'SERVICES'] entry {service!r} needs a 'name' "
                             "(and optionally 'page', the slug of the page about it)")


def settings_for(settings):
    return plugin_settings(settings, "STRUCTURED_DATA", DEFAULTS, check=_check)


def to_script_json(data):
    """Compact JSON that is safe inside <script>: no '<', '>' or '&' survives raw,
    so '</script>' or '<!--' in a value cannot end or confuse the element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def plain(markup):
    """Text of a metadata value as the theme shows it (tags stripped, entities decoded)."""
    return " ".join(html.unescape(TAG.sub(" ", str(markup or ""))).split())


def text(value):
    """A metadata value that is text, not markup (Title): kept as written, spaces tidied."""
    return " ".join(str(value or "").split())


def citations(references_html):
    """One URL per footnote: its DOI link, else its PubMed link, else its first link."""
    found = []
    for item in LIST_ITEM.findall(references_html or ""):
        links = HREF.findall(item)
        best = next((u for host in CITATION_HOSTS for u in links if host in u), None)
        best = best or (links[0] if links else None)
        if best:
            found.append(html.unescape(best))
        elif plain(item):
            found.append(plain(item).rstrip("↩ ").strip())
    return found


def page_url(siteurl, obj):
    """Absolute URL of an article or page; the home page (URL '' or '.') is SITEURL/."""
    url = obj.url if obj.url not in (".", "./") else ""
    return f"{siteurl}/{url}"


def iso(moment):
    return moment.isoformat() if moment else None


def person_or_team(name, clinic_name):
    """Authors are a person or a role; a clinic team is an Organization, not a Person."""
    name = plain(name)
    kind = "Organization" if clinic_name.lower() in name.lower() else "Person"
    return {"@type": kind, "name": name}


def clinic_node(siteurl, clinic, conf, pages, contact_points=False):
    slugs = {p.slug: p for p in pages}
    services = []
    for service in conf["SERVICES"]:
        node = {"@type": "MedicalTherapy", "name": service["name"]}
        if service.get("page"):
            if service["page"] not in slugs:
                raise BuildError(
                    f"pelicanconf.py: STRUCTURED_DATA SERVICES names page {service['page']!r}, "
                    "but no page has that slug — fix the slug or remove 'page'")
            node["url"] = page_url(siteurl, slugs[service["page"]])
        services.append(node)
    node = {
        "@type": "MedicalClinic",
        "@id": f"{siteurl}/#clinic",
        "name": clinic["name"],
        "url": f"{siteurl}/",
        "logo": f"{siteurl}/{conf['LOGO']}",
        "image": f"{siteurl}/{conf['LOGO']}",
        "telephone": clinic["phone_e164"],
        "email": clinic["email"],
        "address": {
            "@type": "PostalAddress",
            "streetAddress": clinic["street"],
            "addressLocality": clinic["city"],
            "addressRegion": clinic["region"],
            "postalCode": clinic["postal_code"],
            "addressCountry": clinic["country"],
        },
        "geo": {"@type": "GeoCoordinates", "latitude": clinic["geo"]["latitude"],
                "longitude": clinic["geo"]["longitude"]},
        "hasMap": clinic.get("map_url"),
        "openingHoursSpecification": [
            {"@type": "OpeningHoursSpecification", "dayOfWeek": spec["days"],
             "opens": spec["opens"], "closes": spec["closes"]}
            for spec in clinic["hours"]
        ],
        "medicalSpecialty": clinic.get("medical_specialty") or "Psychiatric",
        "availableService": services,
    }
    if contact_points:
        node["contactPoint"] = [{
            "@type": "ContactPoint",
            "contactType": conf["CONTACT_TYPE"],
            "telephone": clinic["phone_e164"],
            "email": clinic["email"],
            "areaServed": clinic["region"] + ", " + clinic["country"],
            "availableLanguage": "en",
            "hoursAvailable": [
                {"@type": "OpeningHoursSpecification", "dayOfWeek": spec["days"],
                 "opens": spec["opens"], "closes": spec["closes"]}
                for spec in clinic["hours"]
            ],
        }]
    return {k: v for k, v in node.items() if v is not None}


def website_node(siteurl, clinic, lang):
    return {"@type": "WebSite", "@id": f"{siteurl}/#website", "url": f"{siteurl}/",
            "name": clinic["name"], "inLanguage": lang,
            "publisher": {"@id": f"{siteurl}/#clinic"}}


def breadcrumb_node(url, trail):
    """trail: [(name, absolute url), ...] from Home to this page."""
    return {"@type": "BreadcrumbList", "@id": f"{url}#breadcrumb", "itemListElement": [
        {"@type": "ListItem", "position": i, "name": name, "item": item}
        for i, (name, item) in enumerate(trail, start=1)]}


def image_node(siteurl, obj):
    card = getattr(obj, "social_card", None)
    if not card:
        return None
    return {"@type": "ImageObject", "url": f"{siteurl}/{card['path']}",
            "width": card["width"], "height": card["height"]}


def reviewer_node(clinician):
    """The reviewing clinician (edelica_site/plugins/clinicians.py) as a schema.org Person."""
    return {"@type": "Person", "name": plain(clinician["name"]),
            "honorificSuffix": plain(clinician["credentials"]),
            "jobTitle": plain(clinician["role"]), "url": clinician["url"]}


def review_props(obj):
    props = {}
    if getattr(obj, "reviewed_by", None):
        props["reviewedBy"] = reviewer_node(obj.reviewed_by)
    if getattr(obj, "reviewed", None):
        props["lastReviewed"] = obj.reviewed.date().isoformat()
    return props


def article_nodes(siteurl, article, clinic, conf, index_url):
    url = page_url(siteurl, article)
    clinic_ref = {"@id": f"{siteurl}/#clinic"}
    headline, summary = text(article.title), plain(getattr(article, "summary", ""))
    modified = getattr(article, "modified", None) or article.date
    author = person_or_team(article.author.name if hasattr(article.author, "name")
                            else article.author, clinic["name"])
    image = image_node(siteurl, article)
    common = {"headline": headline, "description": summary,
              "datePublished": iso(article.date), "dateModified": iso(modified),
              "author": author, "image": image, "publisher": clinic_ref}
    trail = [("Home", f"{siteurl}/"), ("Articles", f"{siteurl}/{index_url}"),
             (article.category.name, f"{siteurl}/{article.category.url}"), (headline, url)]
    webpage = {
        "@type": "MedicalWebPage" if getattr(article, "medical", False) else "WebPage",
        "@id": url, "url": url, "name": headline, **common,
        **review_props(article),
        "citation": citations(getattr(article, "references_html", "")) or None,
        "inLanguage": article.lang,
        "isPartOf": {"@id": f"{siteurl}/#website"},
        "breadcrumb": {"@id": f"{url}#breadcrumb"},
        "mainEntity": {"@id": f"{url}#article"},
    }
    posting = {"@type": "BlogPosting", "@id": f"{url}#article", **common,
               "articleSection": article.category.name, "inLanguage": article.lang,
               "keywords": [t.name for t in getattr(article, "tags", []) or []] or None,
               "mainEntityOfPage": {"@id": url}}
    return [_compact(webpage), _compact(posting), breadcrumb_node(url, trail)]


def page_nodes(siteurl, page, clinic, conf):
    url = page_url(siteurl, page)
    is_home = url == f"{siteurl}/"
    is_contact = getattr(page, "template", "") == conf["CONTACT_TEMPLATE"]
    kind = ("ContactPage" if is_contact else
            "MedicalWebPage" if getattr(page, "medical", False) else "WebPage")
    name = text(page.title)
    node = {"@type": kind, "@id": url, "url": url, "name": name,
            "description": plain(getattr(page, "summary", "")),
            "inLanguage": page.lang, "image": image_node(siteurl, page),
            "isPartOf": {"@id": f"{siteurl}/#website"},
            **review_props(page),
            "citation": citations(getattr(page, "references_html", "")) or None}
    if getattr(page, "modified", None):
        node["dateModified"] = iso(page.modified)
    if is_home or is_contact:
        node["about" if is_home else "mainEntity"] = {"@id": f"{siteurl}/#clinic"}
    nodes = [node]
    if not is_home:  # the home page is the root of every trail, not a step in one
        node["breadcrumb"] = {"@id": f"{url}#breadcrumb"}
        nodes.append(breadcrumb_node(url, [("Home", f"{siteurl}/"), (name, url)]))
    return [_compact(n) for n in nodes]


def _compact(node):
    return {k: v for k, v in node.items() if v is not None}


def graph_for(context):
    """The @graph of the page being rendered, from the Jinja context."""
    settings_siteurl = context.get("SITEURL", "")
    conf = settings_for(context)
    clinic = context["CLINIC"]
    pages = list(context.get("pages", [])) + list(context.get("hidden_pages", []))
    article, page = context.get("article"), context.get("page")
    is_contact = page is not None and getattr(page, "template", "") == conf["CONTACT_TEMPLATE"]
    graph = [clinic_node(settings_siteurl, clinic, conf, pages, contact_points=is_contact),
             website_node(settings_siteurl, clinic, context.get("DEFAULT_LANG", "en"))]
    if article is not None:
        graph += article_nodes(settings_siteurl, article, clinic, conf, context.get("INDEX_URL", ""))
    elif page is not None:
        graph += page_nodes(settings_siteurl, page, clinic, conf)
    return {"@context": "https://schema.org", "@graph": graph}


def is_absolute(siteurl):
    return str(siteurl).startswith(("https://", "http://"))


@pass_context
def structured_data(context):
    """The page's JSON-LD data block; empty in a build without an absolute SITEURL."""
    if not is_absolute(context.get("SITEURL", "")):
        return Markup("")
    payload = to_script_json(graph_for(context))
    return Markup(f'<script type="application/ld+json">{payload}</script>')


def add_global(generator):
    settings_for(generator.settings)  # fail early on bad settings
    if hasattr(generator, "env"):
        generator.env.globals["structured_data"] = structured_data


def register():
    signals.generator_init.connect(add_global)
