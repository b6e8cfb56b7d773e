"""Text lines stamped from cached glyphs: the same pixels as ImageDraw.text on an "L" image.

Pillow renders every glyph of a string with FreeType on each call (twice: once to
measure, once to draw), ~0.6 ms a card title line. A title uses a few dozen
distinct glyphs, so each is rendered once per font and size and stamped where
Pillow's own layout puts it: advances and pair kerning measured with
font.getlength (so Raqm's kerning is kept), pen positions in 1/64 px rounded to
a whole pixel per glyph, as Pillow does. A pair the font shapes differently
together than apart (a ligature such as "fi") is found by rendering the pair
once and comparing, and is then stamped as one unit.
"""

from PIL import Image


def _pixel(pen):
    """Pillow's PIXEL(): a 26.6 fixed-point pen position rounded to a whole pixel."""
    return (pen + 32) >> 6


class GlyphStamper:
    """Draws lines of one font (an ImageFont.FreeTypeFont) from cached glyph masks."""

    def __init__(self, font):
        self.font = font
        self.ascent = font.getmetrics()[0]
        self._advances = {}  # unit -> advance in 1/64 px
        self._kerning = {}   # (unit, unit) -> adjustment in 1/64 px
        self._masks = {}     # unit -> (mask, (dx, dy) from the pen on the baseline)
        self._joined = {}    # (unit, char) -> True when the font shapes them as one

    def advance(self, unit):
        if unit not in self._advances:
            self._advances[unit] = round(self.font.getlength(unit) * 64)
        return self._advances[unit]

    def kerning(self, left, right):
        pair = (left, right)
        if pair not in self._kerning:
            together = round(self.font.getlength(left + right) * 64)
            self._kerning[pair] = together - self.advance(left) - self.advance(right)
        return self._kerning[pair]

    def mask(self, unit):
        if unit not in self._masks:
            self._masks[unit] = self.font.getmask2(unit, mode="L", anchor="ls")
        return self._masks[unit]

    def _stamp(self, draw, x, baseline, units):
        """Stamp units from pen x (whole pixels) on a baseline; returns nothing."""
        pen, previous = 0, None
        for unit in units:
            if previous is not None:
                pen += self.kerning(previous, unit)
            mask, (dx, dy) = self.mask(unit)
            if mask.size[0] and mask.size[1]:
                draw.draw_bitmap((x + _pixel(pen) + dx, baseline + dy), mask, 255)
            pen += self.advance(unit)
            previous = unit

    def joins(self, unit, char):
        """True when unit + char is not the two drawn side by side (a ligature)."""
        pair = (unit, char)
        if pair not in self._joined:
            whole, (dx, dy) = self.font.getmask2(unit + char, mode="L", anchor="ls")
            pad = self.font.size
            size = (whole.size[0] + 2 * pad, whole.size[1] + 2 * pad)
            expected = Image.new("L", size, 0)
            expected.im.paste(whole, (pad, pad, pad + whole.size[0], pad + whole.size[1]))
            apart = Image.new("L", size, 0)
            self._stamp(Image.core.draw(apart.im, 0), pad - dx, pad - dy, (unit, char))
            self._joined[pair] = apart.tobytes() != expected.tobytes()
        return self._joined[pair]

    def units(self, text):
        """The text cut into units drawn as one: single characters, or ligatures."""
        units = []
        for char in text:
            if units and self.joins(units[-1], char):
                units[-1] += char
            else:
                units.append(char)
        return units

    def draw(self, image, xy, text):
        """Draw text at full coverage (255) on an "L" image, like
        ImageDraw.Draw(image).text(xy, text, font=font, fill=255, anchor="la")."""
        x, y = xy
        self._stamp(Image.core.draw(image.im, 0), x, y + self.ascent, self.units(text))


class WordWidths:
    """Widths of lines of words (in 1/64 px, font.getlength * 64) summed from each
    word measured once and the gap between two words: the space with the kerning
    on either side of it, measured once per pair of letters around it. Exact for a
    font whose shaping across a space goes by pairs (Lato: every candidate line of
    every title of a 1,000-article corpus, at every title size)."""

    def __init__(self, font):
        self.font = font
        self._words = {}  # word -> width
        self._gaps = {}   # (last letter, first letter) -> width of the space between

    def measure(self, text):
        return round(self.font.getlength(text) * 64)

    def word(self, word):
        if word not in self._words:
            self._words[word] = self.measure(word)
        return self._words[word]

    def gap(self, left, right):
        """Width added by the space between words ending in `left` and starting with `right`."""
        pair = (left, right)
        if pair not in self._gaps:
            self._gaps[pair] = self.measure(f"{left} {right}") - self.word(left) - self.word(right)
        return self._gaps[pair]
