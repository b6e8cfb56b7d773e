"""The theme's language functions, as Jinja globals of every generator.

    <html lang="{{ page_lang() }}">            the language of the page being written
    {{ t("skip_link") }}                        a word of the strings file in that language
    {{ t("call_us", phone=CLINIC.phone_display) }}   ... with values filled in
    {{ local_date(article.date) }}              "20 de noviembre de 2026"
    {{ page_url("request-a-consultation") }}    that page's address in the page's language
    {% for lang, item in versions() %}          the page and its translations (switch, hreflang)

The language is the article's or page's `lang`, or `lang` set at the top of a
direct template (index_es.html), else DEFAULT_LANG. Macros that use these are
imported `with context`, so they see the page being written.
"""

from jinja2 import pass_context
from markupsafe import Markup

from .localized_html import callout_labels, localize
from .strings import format_date


def language_functions(settings, strings, languages):
    default = settings.get("DEFAULT_LANG", "en")

    def lang_of(context):
        lang = context.get("lang")
        if lang:
            return lang
        for name in ("article", "page"):
            item = context.get(name)
            if item is not None and getattr(item, "lang", None):
                return item.lang
        return default

    def words(context):
        return strings.get(lang_of(context)) or strings[default]

    @pass_context
    def page_lang(context):
        return lang_of(context)

    def fill(lang_strings, key, values):
        # Markup: the strings are escaped, values a template built as markup (links) are not.
        return Markup.escape(lang_strings[key]).format(**values)

    @pass_context
    def t(context, key, **values):
        return fill(words(context), key, values)

    @pass_context
    def t_plain(context, key):
        """The words as written, {parts} unfilled (for a script to fill in)."""
        return words(context)[key]

    def t_in(lang, key, **values):
        """A word in a given language (the language switch names the other one in its own)."""
        return fill(strings.get(lang) or strings[default], key, values)

    @pass_context
    def category_name(context, name):
        return words(context)["categories"].get(str(name), str(name))

    @pass_context
    def local_date(context, moment):
        return format_date(words(context), moment)

    def in_lang(item, lang):
        """`item` or its translation into `lang`, or None."""
        if item is None or getattr(item, "lang", default) == lang:
            return item
        return next((other for other in getattr(item, "translations", ()) if other.lang == lang), None)

    @pass_context
    def page_url(context, slug):
        """The address of the page with this (default-language) slug, in the current
        language when it is translated, else the original's."""
        return url_in(context, lang_of(context), slug)

    @pass_context
    def page_url_in(context, lang, slug):
        return url_in(context, lang, slug)

    def url_in(context, lang, slug):
        for collection in ("pages", "hidden_pages"):
            for item in context.get(collection) or ():
                if item.slug == slug:
                    return (in_lang(item, lang) or item).url
        for collection in ("pages", "hidden_pages"):  # a translation's own slug
            for item in context.get(collection) or ():
                for other in getattr(item, "translations", ()):
                    if other.slug == slug:
                        return (in_lang(item, lang) or item).url
        return f"{slug}/"

    @pass_context
    def versions(context):
        """[(lang, item)] of the article or page being written and its translations,
        in the order of TRANSLATIONS["LANGUAGES"]; [] when it has none."""
        item = context.get("article") or context.get("page")
        others = [t for t in getattr(item, "translations", ()) or () if t.status == "published"]
        if item is None or not others:
            return []
        found = {getattr(x, "lang", default): x for x in [item, *others]}
        return [(lang, found[lang]) for lang in languages if lang in found]

    labels = callout_labels(settings)

    @pass_context
    def localized(context, html):
        """Filter: rendered content with our extensions' words in the page's language."""
        lang = lang_of(context)
        if lang == default or not html:
            return html
        return Markup(localize(str(html), words(context), labels))

    return {"localized": localized, "page_lang": page_lang, "t": t, "t_in": t_in, "t_plain": t_plain, "page_url_in": page_url_in,
            "category_name": category_name,
            "local_date": local_date, "page_url": page_url, "versions": versions,
            "in_lang": in_lang, "LANGUAGE_NAMES": dict(languages)}
