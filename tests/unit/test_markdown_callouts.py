"""edelica_site.markdown.callouts: Markdown in, HTML out."""

import markdown
import pytest

from edelica_site.errors import BuildError
from edelica_site.markdown.callouts import unrendered_types


def render(text, **config):
    return markdown.markdown(text, extensions=["markdown.extensions.admonition", "markdown.extensions.toc",
                                               "edelica_site.markdown.callouts"],
                             extension_configs={"edelica_site.markdown.callouts": config})


def test_urgent_callout_is_a_care_card_with_a_spoken_label():
    html = render('!!! urgent "Call 988 now if:"\n    - you feel unsafe\n')
    assert html == ('<div class="app-callout app-callout--urgent">\n'
                    '<h2 class="app-callout__title"><span class="app-u-visually-hidden">Urgent advice: '
                    '</span>Call 988 now if:</h2>\n<ul>\n<li>you feel unsafe</li>\n</ul>\n</div>')


@pytest.mark.parametrize("before, level", [("", 2), ("# Title\n\n", 2), ("## Part\n\n", 3),
                                           ("### Part\n\n", 4), ("#### Part\n\n", 4),
                                           ("<h3>Raw</h3>\n\n", 4)])
def test_heading_is_one_below_the_heading_before_it(before, level):
    html = render(before + '!!! info "Good to know"\n    Text.\n')
    assert f'<h{level} class="app-callout__title">' in html


def test_callout_title_gets_no_toc_anchor_and_earlier_callouts_do_not_count():
    html = render('## Part\n\n!!! info "One"\n    Text.\n\n!!! emergency "Two"\n    Text.\n')
    assert html.count('<h3 class="app-callout__title">') == 2
    assert '<h2 id="part">' in html


def test_labels_come_from_the_config():
    html = render('!!! urgent "Now"\n    Text.\n', labels={"urgent": "Dringend"})
    assert '<span class="app-u-visually-hidden">Dringend: </span>Now' in html


def test_unknown_type_stays_an_admonition():
    html = render('!!! warning "Careful"\n    Text.\n\n!!! info "Fine"\n    Text.\n')
    assert '<div class="admonition warning">\n<p class="admonition-title">Careful</p>' in html
    assert 'app-callout--info' in html
    assert unrendered_types(html) == ["warning"]


@pytest.mark.parametrize("labels", [{}, {"urgent": ""}, ["urgent"]])
def test_bad_labels_stop_with_the_fix(labels):
    with pytest.raises(BuildError, match="'labels' must map each callout type"):
        render("x", labels=labels)
