"""8-bit palette PNGs in which only a band of rows changes from picture to picture.

Cards of one kind share their header and footer rows, and around the title the
band is one flat colour; only the title's rows differ. So the shared rows are
filtered and deflated once (at zlib's best level, for free), runs of flat rows
once per length, and each card deflates only its title rows and splices the
pieces into one zlib stream: a raw deflate stream may be cut after a full flush
(which ends byte-aligned and drops back-references) and continued by another
compressor, and the Adler-32 checksum runs on over the pieces. The file is an
ordinary PNG (IHDR, PLTE, one IDAT, IEND; filter type 0 on every row, the usual
choice for palette images).

Compression is zlib-ng's (the same deflate format, with SIMD matching and
checksums): the title rows at its level 3 take a quarter of stdlib zlib's time
at level 3 and come out smaller; its Adler-32 is ~20x faster.
"""

import functools
import struct

try:
    from zlib_ng import zlib_ng as zlib
except ImportError:
    raise ImportError("social cards need the zlib-ng package: run "
                      "`.venv/bin/pip install -r requirements.txt` (or `make html`)") from None

SIGNATURE = b"\x89PNG\r\n\x1a\n"
ZLIB_HEADER = b"\x78\x9c"  # deflate, 32 KB window, no dictionary (header check bits valid)


def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def adler32_combine(first, second, second_length):
    """Adler-32 of A + B from adler32(A), adler32(B) and len(B) (zlib's
    adler32_combine): the fixed rows' sums are computed once, not per file."""
    base = 65521
    low = ((first & 0xFFFF) + (second & 0xFFFF) - 1) % base
    high = ((first >> 16) + (second >> 16) + second_length * ((first & 0xFFFF) - 1)) % base
    return low | high << 16


def deflate(data, level, finish=False, strategy=zlib.Z_DEFAULT_STRATEGY):
    """Raw deflate (no zlib header); ends with the final block or a full flush."""
    compressor = zlib.compressobj(level, zlib.DEFLATED, -15, 9, strategy)
    return compressor.compress(data) + compressor.flush(zlib.Z_FINISH if finish else zlib.Z_FULL_FLUSH)


class BandedPNG:
    """A palette image ("P" mode, at most 256 colours; `palette` is its RGB bytes) whose
    rows from `top` to `bottom` are all palette index `fill` but for the rows given
    anew for every file."""

    def __init__(self, image, palette, top, bottom, fill):
        from PIL import Image
        if image.mode != "P" or not 0 < top < bottom < image.height or len(palette) > 768:
            raise ValueError("BandedPNG needs a P image, 0 < top < bottom < height, <= 256 colours")
        self.width, self.top, self.bottom = image.width, top, bottom
        framed = Image.new("P", (self.width + 1, image.height), 0)  # column 0: filter type 0
        framed.paste(image, (1, 0))
        pixels, row = framed.tobytes(), self.width + 1
        head, tail = pixels[:top * row], pixels[bottom * row:]
        self.head_adler, self.tail_adler = zlib.adler32(head), (zlib.adler32(tail), len(tail))
        self.head = deflate(head, 9)
        self.tail = deflate(tail, 9, finish=True)
        self.fill_row = b"\0" + bytes([fill]) * self.width
        ihdr = struct.pack(">IIBBBBB", image.width, image.height, 8, 3, 0, 0, 0)
        self.prefix = SIGNATURE + chunk(b"IHDR", ihdr) + chunk(b"PLTE", bytes(palette))
        self.flat = functools.lru_cache(maxsize=None)(self._flat)

    def _flat(self, count):
        """`count` rows of the fill colour: ((Adler-32, length), deflated)."""
        rows = self.fill_row * count
        # Z_RLE: for runs of one byte as small as level 9's default and 5x faster.
        return (zlib.adler32(rows), len(rows)), deflate(rows, 9, strategy=zlib.Z_RLE)

    def png(self, rows, first_row, level):
        """The PNG file (bytes) whose rows from first_row on are `rows`: scanlines
        (bytes, each a filter type 0 and `width` palette indices, as scanlines()
        makes them) inside the band, deflated at zlib `level`."""
        height, extra = divmod(len(rows), self.width + 1)
        if extra or first_row < self.top or first_row + height > self.bottom:
            raise ValueError("the rows must be whole scanlines, inside the band")
        above = self.flat(first_row - self.top)
        below = self.flat(self.bottom - first_row - height)
        adler = zlib.adler32(rows, adler32_combine(self.head_adler, *above[0]))
        for checksum, length in (below[0], self.tail_adler):
            adler = adler32_combine(adler, checksum, length)
        stream = b"".join((ZLIB_HEADER, self.head, above[1], deflate(rows, level), below[1],
                           self.tail, struct.pack(">I", adler)))
        return self.prefix + chunk(b"IDAT", stream) + chunk(b"IEND", b"")


def scanlines(image, table):
    """PNG scanlines from an "L" image one column wider than the picture: its
    values mapped to palette indices by `table` (256 bytes; table[0] is the
    colour of the empty rows), then column 0 set to 0, every row's filter type.
    Only the box around what is not 0 is mapped (a third of a card's title rows
    are empty or blank to the right of the text); the rest is table[0]."""
    from PIL import Image
    mapped = Image.new("L", image.size, table[0])
    box = image.getbbox()
    if box:
        mapped.paste(image.crop(box).point(list(table)), box)
    rows = bytearray(mapped.tobytes())
    rows[::image.width] = bytes(image.height)
    return rows
