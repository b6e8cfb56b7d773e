"""Draw the favicon set from one definition of the mark (run once; output is committed).

    python -m edelica_site.commands.make_favicons

Writes content/extra/favicon.svg, favicon.ico (16, 32, 48), favicon-192.png
(192, for browsers and search results that want a PNG) and
apple-touch-icon.png (180) from the same circle-and-leaf geometry as the
header logo, in the theme's brand colour.
"""

from PIL import Image, ImageDraw

from edelica_site.paths import ROOT

EXTRA = ROOT / "content" / "extra"
BRAND = "#0b5c63"
SVG = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><circle cx="16" cy="16" r="15" fill="{brand}"/><path d="M9 17c3-6 11-6 14 0-3 4-11 4-14 0z" fill="#fff"/></svg>
"""


def draw(size, padded=False):
    scale = size / 32
    image = Image.new("RGBA", (size, size), (255, 255, 255, 255) if padded else (0, 0, 0, 0))
    d = ImageDraw.Draw(image)
    d.ellipse([1 * scale, 1 * scale, 31 * scale, 31 * scale], fill=BRAND)
    # The leaf: two arcs between (9,17) and (23,17), approximated by a polygon.
    top = [(9 + t * 14, 17 - 4.5 * (1 - ((t - .5) * 2) ** 2)) for t in [i / 20 for i in range(21)]]
    bottom = [(23 - t * 14, 17 + 3 * (1 - ((t - .5) * 2) ** 2)) for t in [i / 20 for i in range(21)]]
    d.polygon([(x * scale, y * scale) for x, y in top + bottom], fill="#ffffff")
    return image


def main():
    EXTRA.mkdir(parents=True, exist_ok=True)
    (EXTRA / "favicon.svg").write_text(SVG.format(brand=BRAND), encoding="utf-8")
    draw(256).save(EXTRA / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)])
    # Drawn at 4x and scaled down, so the PNG's edges are smooth.
    draw(768).resize((192, 192), Image.LANCZOS).save(EXTRA / "favicon-192.png", optimize=True)
    draw(180, padded=True).convert("RGB").save(EXTRA / "apple-touch-icon.png", optimize=True)
    print("Wrote favicon.svg, favicon.ico, favicon-192.png and apple-touch-icon.png in content/extra/")


if __name__ == "__main__":
    main()
