"""The article's text face, Source Serif 4, vendored from its npm package like KaTeX's fonts.

Why this face: the article is long prose with many numbers and symbols, read on screens from a
phone up. Source Serif 4 was drawn for reading on screens (its "text" cut has a large x-height,
open counters and sturdy serifs that hold at 17 px), its figures are clear in running text, and
its italic reads as a quiet voice rather than a different face, which the article's term names and
emphasis need. A serif also separates the prose from the figures, which stay in the system's sans.

Only the Latin subset ships (every letter the article uses; others fall back to the next face in
the stack, by ``unicode-range``), as woff2, in the four faces the prose uses: regular, italic and
semibold (headings, bold) in both styles. The builder writes their ``@font-face`` rules into
``fonts.css`` beside the files, in the package's versioned vendor folder, so a new version of the
package is a new folder and an old page never mixes with new fonts.
"""

PACKAGE = "@fontsource/source-serif-4"
FAMILY = "Source Serif 4"
STYLESHEET = "fonts.css"
# The Latin subset's characters, as the package splits its fonts (its unicode.json, "latin").
LATIN = ("U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,"
         "U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD")
FACES = ((400, "normal"), (400, "italic"), (600, "normal"), (600, "italic"))
# The face the first paint needs: preloaded by every page, so the text does not swap late.
REGULAR = "source-serif-4-latin-400-normal.woff2"


# Until the face arrives, the text shows in a serif the reader has, scaled (size-adjust) so that
# a line of it is as long as the same line in Source Serif 4: the text then keeps its line breaks
# and nothing below it moves when the face swaps in. Each entry is the local fonts of one design
# (a family's full names, for each face the suffix below adds) and, per face, the ratio of Source
# Serif 4's width to theirs over a paragraph of the article, measured with fontTools on the fonts'
# advance widths: Times New Roman and Liberation Serif share their widths; DejaVu Serif is what
# a Linux without Liberation has.
FALLBACKS = (
    ("Source Serif 4 fallback Times", ("Times New Roman", "Liberation Serif", "Tinos"),
     {(400, "normal"): 118.5, (400, "italic"): 109.2, (600, "normal"): 113.3, (600, "italic"): 110.9}),
    ("Source Serif 4 fallback DejaVu", ("DejaVu Serif",),
     {(400, "normal"): 93.2, (400, "italic"): 85.9, (600, "normal"): 85.5, (600, "italic"): 80.9}),
)
FACE_SUFFIX = {(400, "normal"): "", (400, "italic"): " Italic", (600, "normal"): " Bold",
               (600, "italic"): " Bold Italic"}


def face_file(weight, style):
    return f"source-serif-4-latin-{weight}-{style}.woff2"


def package_files():
    """The package's files the site ships, as paths inside the package (vendor.VENDORED)."""
    return [f"files/{face_file(weight, style)}" for weight, style in FACES] + ["LICENSE"]


def stylesheet():
    """The @font-face rules, naming the files beside the stylesheet. ``swap``: the text shows at
    once in the fallback face and changes face when the file arrives (at once from the preload)."""
    rules = [
        f"@font-face {{ font-family: \"{FAMILY}\"; font-style: {style}; font-weight: {weight}; "
        f"font-display: swap; src: url({face_file(weight, style)}) format(\"woff2\"); "
        f"unicode-range: {LATIN}; }}"
        for weight, style in FACES
    ]
    fallbacks = [_fallback_rule(name, locals_, ratio[face], *face)
                 for name, locals_, ratio in FALLBACKS for face in FACES]
    header = (f"/* {FAMILY}, from the npm package {PACKAGE}: SIL Open Font License 1.1, "
              "in LICENSE.txt beside this file. Then the local serifs sized to stand in for it. */")
    return "\n".join([header, *rules, *fallbacks]) + "\n"


def _fallback_rule(family, locals_, ratio, weight, style):
    """One stand-in face: scaled to Source Serif 4's widths, with its ascent and descent (1.036
    and 0.335 of the em, from its hhea table) so a line's text sits where the face will put it;
    the overrides count in the scaled size, hence the division."""
    names = ", ".join(f'local("{local}{FACE_SUFFIX[weight, style]}")' for local in locals_)
    ascent, descent = 103.6 * 100 / ratio, 33.5 * 100 / ratio
    return (f'@font-face {{ font-family: "{family}"; font-style: {style}; font-weight: {weight}; '
            f"src: {names}; size-adjust: {ratio}%; ascent-override: {ascent:.1f}%; "
            f"descent-override: {descent:.1f}%; line-gap-override: 0%; }}")
