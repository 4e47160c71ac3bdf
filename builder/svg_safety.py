"""Is an SVG file safe to ship? An SVG opened on its own (from its media/ address) is a document
of the site's origin: a script in it would run with the article's rights, whatever the page's
sanitising setting. So every SVG an article ships is read here first, and one that could run code
or reach another file is refused rather than cleaned (a cleaned drawing may look different from
what its author saw, without a word).

Refused: ``<script>``, event-handler attributes (``onload``), ``<foreignObject>`` and HTML
elements (they can hold HTML), references to anything but a part of the same drawing
(``href="other.svg"``, ``url(http://…)``, ``@import``), ``javascript:`` anywhere, animations that
rewrite a link or a handler, style sheets attached by a processing instruction, and entity
declarations (the classic "billion laughs" and external-file tricks). A DOCTYPE without
declarations of its own (as some editors write) is fine. Embedded raster pictures
(``<image href="data:image/png;base64,…">``) are fine too: they cannot run anything.
"""

import re
import xml.parsers.expat

SVG_NAMESPACE = "http://www.w3.org/2000/svg"
HTML_NAMESPACE = "http://www.w3.org/1999/xhtml"
_SEPARATOR = "\x1f"  # between a namespace and a local name in expat's names

# Elements that run code or embed a document of another kind.
_REFUSED_ELEMENTS = {"script": "a <script> element",
                     "foreignobject": "a <foreignObject> element (it can hold HTML)",
                     "iframe": "an <iframe> element", "embed": "an <embed> element",
                     "object": "an <object> element"}
_ANIMATIONS = {"set", "animate", "animatemotion", "animatetransform", "animatecolor"}
_RASTER_DATA = re.compile(r"data:image/(png|jpeg|gif|webp|avif)[;,]", re.I)
_URL = re.compile(r"url\(\s*(['\"]?)(?P<target>[^'\")]*)\1\s*\)", re.I)
# What browsers ignore inside a URL scheme ("java\tscript:").
_IGNORED_IN_URLS = re.compile(r"[\x00-\x20]+")
_CSS_ESCAPE = re.compile(r"\\(?:([0-9a-fA-F]{1,6})\s?|(.))", re.S)


class UnsafeSvg(Exception):
    """Why an SVG is refused ("has a <script> element"), and on which line of it."""

    def __init__(self, problem, line):
        self.problem = problem
        self.line = line
        super().__init__(f"{problem} (line {line})")


def check_svg(data):
    """Raise UnsafeSvg if the SVG (bytes) could run code or load another file when opened."""
    parser = xml.parsers.expat.ParserCreate(namespace_separator=_SEPARATOR)

    def refuse(problem):
        raise UnsafeSvg(problem, parser.CurrentLineNumber)

    def doctype(name, system_id, public_id, has_internal_subset):
        if has_internal_subset:
            refuse("has a DOCTYPE with declarations of its own (entities can expand without end "
                   "or read other files)")

    def start(name, attributes):
        namespace, local = _split(name)
        if namespace == HTML_NAMESPACE:
            refuse(f"has an HTML element <{local}>")
        if local.lower() in _REFUSED_ELEMENTS:
            refuse(f"has {_REFUSED_ELEMENTS[local.lower()]}")
        for attribute, value in attributes.items():
            _check_attribute(local, _split(attribute)[1], value, refuse)
        if local.lower() in _ANIMATIONS:
            animated = attributes.get("attributeName", "").strip().lower()
            if animated.endswith("href") or animated.startswith("on"):
                refuse(f"has an animation <{local}> that rewrites '{animated}'")
        # A style sheet's text may come in pieces (a character reference splits it): kept whole.
        style_text.append([] if local.lower() == "style" else None)

    def end(name):
        pieces = style_text.pop()
        if pieces is not None:
            _check_style("".join(pieces), refuse)

    def text(data):
        if style_text and style_text[-1] is not None:
            style_text[-1].append(data)

    def instruction(target, data):
        if target.lower() == "xml-stylesheet":
            refuse("attaches a style sheet with <?xml-stylesheet?>")

    style_text = []
    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = lambda name, *rest: refuse(f"declares an entity ('{name}')")
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    parser.ProcessingInstructionHandler = instruction
    try:
        parser.Parse(data, True)
    except xml.parsers.expat.ExpatError as err:
        raise UnsafeSvg(f"is not well-formed XML ({xml.parsers.expat.errors.messages[err.code]})",
                        err.lineno) from None


def _split(name):
    namespace, _, local = name.rpartition(_SEPARATOR)
    return namespace, local


def _check_attribute(element, name, value, refuse):
    if name.lower().startswith("on"):
        refuse(f"has an event handler '{name}' on <{element}>")
    squeezed = _IGNORED_IN_URLS.sub("", value).lower()
    for scheme in ("javascript:", "vbscript:"):
        if scheme in squeezed:
            refuse(f"has a {scheme} address in '{name}' on <{element}>")
    if name.lower() == "href":
        target = value.strip()
        if not (target.startswith("#") or (element.lower() == "image" and _RASTER_DATA.match(target))):
            refuse(f"refers to '{_short(target)}' on <{element}> (only '#part' of the same "
                   "drawing, or an embedded PNG/JPEG/GIF/WebP/AVIF picture)")
    elif name.lower() == "style":
        _check_style(value, refuse)
    else:
        _check_urls(value, f"'{name}' on <{element}>", refuse)


def _check_style(css, refuse):
    css = _unescape_css(css).lower()
    for loader in ("@import", "image-set("):
        if loader in css:
            refuse(f"has {loader.rstrip('(')} in its style: it loads another file")
    _check_urls(css, "its style", refuse)


def _check_urls(text, where, refuse):
    for match in _URL.finditer(_unescape_css(text)):
        if not match.group("target").strip().startswith("#"):
            refuse(f"has url({_short(match.group('target'))}) in {where}: it loads another file")


def _unescape_css(css):
    """CSS with its backslash escapes read (``@\\69mport`` is ``@import`` to a browser)."""
    def read(match):
        if match.group(1) is None:
            return match.group(2)
        code = int(match.group(1), 16)
        return chr(code) if 0 < code <= 0x10FFFF else "\ufffd"
    return _CSS_ESCAPE.sub(read, css)


def _short(text, limit=60):
    return text if len(text) <= limit else text[:limit - 1] + "…"
