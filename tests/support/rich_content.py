"""The rich fixture site: the real content plus 24 articles that exercise
pagination, featured and body images, and every callout type."""

from PIL import Image, ImageDraw

ARTICLE_COUNT = 24
RICH_ARTICLE = """Title: {title}
Date: {date}
Category: {category}
Tags: {tags}
Summary: A plain summary of test article number {n}, long enough for the rules.
Author: Practice manager
Medical: no
{image}
## What this article covers

Some text for article {n}, with a [link to contact]({{filename}}../pages/contact.md).

## Second section

More text.

## Third section

!!! info "Good to know"
    An information callout.

!!! non-urgent "Speak to your care team if:"
    - a non-urgent callout item

!!! urgent "Call 988 now if:"
    - an urgent callout item

!!! emergency "Call 911 if:"
    - an emergency callout item
{body_image}
"""


def draw_image(path, size, colour):
    """A JPEG or PNG picture (by suffix) of a yellow circle on `colour`."""
    image = Image.new("RGB", size, colour)
    ImageDraw.Draw(image).ellipse([size[0] // 4, size[1] // 4, size[0] * 3 // 4, size[1] * 3 // 4],
                                   fill="#ffd54a")
    image.save(path, quality=85)


def add_rich_articles(content):
    """Write the test articles and their pictures into a copy of content/.
    The last article has a featured image and a body image."""
    (content / "images").mkdir(exist_ok=True)
    draw_image(content / "images" / "test-featured.jpg", (1600, 900), "#0b5c63")
    draw_image(content / "images" / "test-body.png", (1000, 600), "#4c6272")
    for n in range(1, ARTICLE_COUNT + 1):
        last = n == ARTICLE_COUNT
        image = ("Image: images/test-featured.jpg\nImageAlt: A yellow circle on a teal background\n"
                 if last else "")
        body_image = ("\n![A yellow circle on a grey background]({static}../images/test-body.png)\n"
                      if last else "")
        (content / "articles" / f"2026-10-{n:02d}-test-article-{n}.md").write_text(RICH_ARTICLE.format(
            title=f"Test article {n}", date=f"2026-10-{n:02d}", n=n,
            category="Clinic news" if n % 2 else "Depression",
            tags="testing, sample" if n % 3 else "testing", image=image, body_image=body_image))
    return content
