"""The link preview's picture: the masthead's figure as a 1200 × 630 PNG, drawn at build time.

Sites and chat apps that show a card for a shared link want a PNG or JPEG of about 1200 × 630 (not
SVG), so the builder rasterises the header's own geometry (backprop/views/header.py: the loss
contours, the descent run, its dots and the minimum) in the page's light colours, read from
article.css. A few antialiased lines and discs need no imaging library: each mark adds its
coverage of every pixel it touches (the distance from the pixel's centre, within half a pixel of
the stroke's edge), and the pixels go out as a PNG through zlib. The banner's 1200 × 280 is
stretched to 630 high: its axes are w and b, whose scales the picture chooses anyway. The bytes
depend on nothing but the geometry, so two builds write the same file.
"""

import functools
import hashlib
import math
import re
import struct
import zlib

from backprop.views import header

from builder.assets import STATIC_DIR

WIDTH, HEIGHT = 1200, 630
# A card is often shown at a third of this size: the page's hairlines, thickened to stay visible.
LINE_SCALE = 1.8
# The marks as article.css draws them: (stroke width, colour variable) per contour tone.
TONES = {0: (0.9, "art-0"), 1: (1.1, "art-1"), 2: (1.1, "art-2"), 3: (1.3, "art-3")}
PATH_WIDTH, PATH_OPACITY = 1.25, 0.85
DOT_RADIUS, MINIMUM_RADIUS, MINIMUM_STROKE = 2.75, 6.0, 2.0


@functools.lru_cache(maxsize=1)
def preview_png():
    """The picture's PNG bytes."""
    colours = page_colours()
    art = header.banner()
    sx, sy = WIDTH / header.WIDTH, HEIGHT / header.HEIGHT
    place = lambda points: [(px * sx, py * sy) for px, py in points]  # noqa: E731
    canvas = Canvas(WIDTH, HEIGHT, colours["page"])
    for line in art["contours"]:
        width, colour = TONES[line["tone"]]
        canvas.stroke([place(ring) for ring in line["rings"]], width * LINE_SCALE,
                      colours[colour], line["opacity"], closed=True)
    canvas.stroke([place(art["run"])], PATH_WIDTH * LINE_SCALE, colours["loss"], PATH_OPACITY)
    for x, y in place(art["dots"]):
        canvas.disc(x, y, DOT_RADIUS * LINE_SCALE, colours["loss"])
    (x, y), = place([art["minimum"]])
    ring = MINIMUM_STROKE * LINE_SCALE / 2
    canvas.disc(x, y, MINIMUM_RADIUS * LINE_SCALE + ring, colours["text"])
    canvas.disc(x, y, MINIMUM_RADIUS * LINE_SCALE - ring, colours["page"])
    return png(WIDTH, HEIGHT, canvas.pixels)


def preview_path():
    """The picture's address in the site, named after its content: a card's picture is cached
    hard by the sites that show it, so a new picture must get a new name."""
    return f"media/link-preview-{hashlib.sha256(preview_png()).hexdigest()[:10]}.png"


def write_preview_image(site_dir):
    target = site_dir / preview_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(preview_png())


def page_colours():
    """{name: (r, g, b)} of the light theme's colour variables (the first ``--name: #rrggbb``
    of each in article.css, which is its :root block)."""
    css = (STATIC_DIR / "css" / "article.css").read_text(encoding="utf-8")
    colours = {}
    for name, value in re.findall(r"--([a-z0-9-]+):\s*#([0-9a-fA-F]{6})\b", css):
        colours.setdefault(name, tuple(bytes.fromhex(value)))
    return colours


class Canvas:
    """RGB pixels, row by row, and the two marks the picture needs."""

    def __init__(self, width, height, background):
        self.width, self.height = width, height
        self.pixels = bytearray(bytes(background) * (width * height))

    def stroke(self, polylines, width, colour, opacity=1.0, closed=False):
        """Stroke each polyline; a pixel two segments touch (a joint) is painted once, with the
        larger of their coverages, so joints do not show as darker beads."""
        coverage = {}
        for points in polylines:
            pairs = zip(points, points[1:] + points[:1] if closed else points[1:])
            for (x0, y0), (x1, y1) in pairs:
                self._segment(coverage, x0, y0, x1, y1, width / 2)
        self._paint(coverage, colour, opacity)

    def disc(self, cx, cy, radius, colour):
        coverage = {}
        for y in range(max(0, math.floor(cy - radius - 1)), min(self.height, math.ceil(cy + radius + 1))):
            for x in range(max(0, math.floor(cx - radius - 1)), min(self.width, math.ceil(cx + radius + 1))):
                inside = radius + 0.5 - math.hypot(x + 0.5 - cx, y + 0.5 - cy)
                if inside > 0:
                    coverage[y * self.width + x] = min(1.0, inside)
        self._paint(coverage, colour, 1.0)

    def _segment(self, coverage, x0, y0, x1, y1, half):
        """Coverage of the pixels within ``half`` (+ half a pixel) of the segment: row by row,
        only across the band the segment sweeps, not its whole bounding box."""
        reach = half + 0.5
        reach2 = reach * reach
        dx, dy = x1 - x0, y1 - y0
        length2 = dx * dx + dy * dy or 1.0  # a segment of no length: a dot at (x0, y0)
        # The band's half-width along a row, and the row's first and last pixel it could touch.
        across = reach * math.sqrt(length2) / abs(dy) if dy else math.inf
        left, right = min(x0, x1) - reach, max(x0, x1) + reach
        width, get = self.width, coverage.get
        for y in range(max(0, math.floor(min(y0, y1) - reach)),
                       min(self.height, math.ceil(max(y0, y1) + reach))):
            ry = y + 0.5 - y0
            centre = x0 + ry * dx / dy if dy else x0
            lo = max(left, centre - across, 0.0)
            hi = min(right, centre + across, width)
            row = y * width
            for x in range(math.floor(lo), math.ceil(hi)):
                rx = x + 0.5 - x0
                t = (rx * dx + ry * dy) / length2
                t = 0.0 if t < 0.0 else 1.0 if t > 1.0 else t
                ex, ey = rx - t * dx, ry - t * dy
                distance2 = ex * ex + ey * ey
                if distance2 < reach2:  # the square root only for pixels the stroke touches
                    cover = reach - math.sqrt(distance2)
                    cover = 1.0 if cover > 1.0 else cover
                    if cover > get(row + x, 0.0):
                        coverage[row + x] = cover

    def _paint(self, coverage, colour, opacity):
        pixels = self.pixels
        red, green, blue = colour
        for index, cover in coverage.items():
            alpha = cover * opacity
            at = 3 * index
            r, g, b = pixels[at:at + 3]
            pixels[at:at + 3] = bytes((int(r + (red - r) * alpha + 0.5), int(g + (green - g) * alpha + 0.5),
                                       int(b + (blue - b) * alpha + 0.5)))


def png(width, height, rgb):
    """A PNG file of 8-bit RGB pixels (``rgb``: rows top to bottom, no padding)."""
    stride = 3 * width
    # Each row unfiltered (filter type 0): the picture is mostly flat page colour, long runs that
    # zlib packs well as they are.
    raw = b"".join(b"\0" + rgb[y * stride:(y + 1) * stride] for y in range(height))
    chunks = [(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)),
              (b"IDAT", zlib.compress(bytes(raw), 9)),
              (b"IEND", b"")]
    return b"\x89PNG\r\n\x1a\n" + b"".join(
        struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        for kind, data in chunks)
