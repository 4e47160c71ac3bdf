"""Local images: ``![what it shows](plot.png "Caption")`` ships ``plot.png`` with the site.

A relative path is resolved against the section's own folder and the file is copied to
``media/<name>-<hash>.<ext>``: the content hash lets browsers cache it for good and keeps two
files of one name from different folders apart. A missing file, or a type browsers do not show,
stops the build at its line. An image alone in its paragraph becomes a ``<figure>``, and its
title, when it has one, the ``<figcaption>``. In the single file the address is the image itself,
a ``data:`` URL (InlineMedia).

The file must lie in the article's folder (the config file's): a path that climbs out of it
(``../``, also written ``%2e%2e``), an absolute path or a symbolic link to a file elsewhere stops
the build, so an article cannot ship a file of the machine that builds it. Every SVG is checked
by builder/svg_safety.py, whatever ``sanitize_html`` says: opened from its own address it would
run on the site's origin.
"""

import base64
import hashlib
import html
import os
import posixpath
import re
import shutil
from pathlib import Path
from urllib.parse import unquote, urlsplit

from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor
from markdown.treeprocessors import Treeprocessor
import xml.etree.ElementTree as etree

from builder.errors import BuildError, line_of
from builder.svg_safety import UnsafeSvg, check_svg

MEDIA_DIR = "media"
# What <img> shows in every current browser, by the type a data: URL of it names.
IMAGE_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
               ".gif": "image/gif", ".webp": "image/webp", ".avif": "image/avif",
               ".svg": "image/svg+xml"}


class MediaFiles:
    """The local files the sections use, by their path in the site; shared by all sections."""

    def __init__(self):
        self.files = {}  # site path -> source Path

    def add(self, source, data):
        # Only characters an address takes as they are ("my plot.png" -> "my-plot-<hash>.png").
        stem = re.sub(r"[^A-Za-z0-9._-]+", "-", source.stem).strip("-") or "image"
        name = f"{stem}-{hashlib.sha256(data).hexdigest()[:10]}{source.suffix.lower()}"
        site_path = posixpath.join(MEDIA_DIR, name)
        self.files[site_path] = source
        return site_path

    def copy_into(self, site_dir):
        for site_path, source in sorted(self.files.items()):
            target = Path(site_dir) / site_path
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)


class InlineMedia(MediaFiles):
    """The single file's images (builder/single_file.py): each one's address is its content, a
    data: URL, and no file is shipped."""

    def add(self, source, data):
        kind = IMAGE_TYPES[source.suffix.lower()]
        return f"data:{kind};base64,{base64.b64encode(data).decode()}"


def is_data(src):
    return src.startswith("data:")


def _shown(src):
    """An address as it may be printed: control characters written out."""
    return src.encode("unicode_escape").decode("ascii") if not src.isprintable() else src


class LocalImages:
    """Checks an image address from a section and ships the file it names."""

    def __init__(self, media, source, root):
        self.media = media
        self.path, self.first_line = source
        self.root = Path(root).resolve()  # the article's folder: no image comes from outside it

    def shipped(self, src):
        """The file's address in the site (``src`` itself for a data: URL or one shipped already)."""
        if is_data(src) or src in self.media.files:
            return src
        where = self.line(src)
        parts = urlsplit(src)
        if parts.scheme or parts.netloc or src.startswith("/"):
            # The page fetches nothing from other hosts (and its policy would block it), and a
            # path from the host's root breaks under a sub-path such as GitHub Pages'.
            raise BuildError(self.path, where, f"image '{src}': put the file beside the section "
                                               "and give its relative path")
        source = self.inside_article(src, unquote(parts.path), where)
        if source.suffix.lower() not in IMAGE_TYPES:
            known = ", ".join(sorted(IMAGE_TYPES))
            raise BuildError(self.path, where, f"image '{src}': not an image type browsers show "
                                               f"({known})")
        if not source.is_file():
            raise BuildError(self.path, where, f"image '{src}' not found (looked for {source})")
        try:
            data = source.read_bytes()
        except OSError as err:
            raise BuildError(self.path, where, f"image '{src}' cannot be read ({err.strerror})") from None
        if source.suffix.lower() == ".svg":
            try:
                check_svg(data)
            except UnsafeSvg as unsafe:
                raise BuildError(self.path, where, f"image '{src}' is refused: line {unsafe.line} of "
                                                   f"the SVG {unsafe.problem}; an SVG image may not "
                                                   "run code or load other files") from None
        return self.media.add(source, data)

    def inside_article(self, src, relative, where):
        """The real file a relative path names, which must lie in the article's folder."""
        if "\x00" in relative:
            raise BuildError(self.path, where, f"image '{_shown(src)}': a path cannot hold a NUL character")
        if relative.startswith("/"):  # written %2F: the address looked relative until decoded
            raise BuildError(self.path, where, f"image '{src}': an absolute path; put the file in the "
                                               "article's folder and give its relative path")
        written = Path(os.path.normpath(Path(self.path).parent.resolve() / relative))
        if not written.is_relative_to(self.root):
            raise BuildError(self.path, where, f"image '{src}' leaves the article's folder "
                                               "(the config file's); keep images inside it")
        try:
            source = written.resolve()
        except (OSError, RuntimeError) as err:  # a loop of links
            raise BuildError(self.path, where, f"image '{src}' cannot be resolved ({err})") from None
        if not source.is_relative_to(self.root):
            raise BuildError(self.path, where, f"image '{src}' is a link to a file outside the "
                                               "article's folder; copy the file in instead")
        return source

    def line(self, src):
        text = Path(self.path).read_text(encoding="utf-8")
        found = line_of(text, f"]({src}", 0) or line_of(text, src, 0)
        return found + self.first_line - 1 if found else None


class ImageTreeprocessor(Treeprocessor):
    """Markdown's images: shipped, and an image alone in its paragraph made a figure."""

    def __init__(self, md, images):
        super().__init__(md)
        self.images = images

    def run(self, root):
        for parent in root.iter():
            for child in list(parent):
                if child.tag == "img":
                    child.set("src", self.images.shipped(child.get("src", "")))
                    child.set("loading", "lazy")
            if parent.tag == "p" and self.alone(parent):
                self.make_figure(parent)

    @staticmethod
    def alone(p):
        """A paragraph holding one image and nothing else (not even words)."""
        return (len(p) == 1 and p[0].tag == "img" and not (p.text or "").strip()
                and not (p[0].tail or "").strip())

    @staticmethod
    def make_figure(p):
        img = p[0]
        caption = img.attrib.pop("title", "").strip()
        p.tag = "figure"
        p.set("class", " ".join(filter(None, [p.get("class"), "image"])))
        if caption:
            etree.SubElement(p, "figcaption").text = caption


class RawImagePostprocessor(Postprocessor):
    """``<img src="plot.png" width="300">`` written as HTML ships its file too (checked the same
    way), instead of leaving the page with a broken image."""

    SRC = re.compile(r'(<img\b[^>]*?\bsrc\s*=\s*)(["\'])(.*?)\2', re.I | re.S)

    def __init__(self, md, images):
        super().__init__(md)
        self.images = images

    def run(self, text):
        def ship(match):
            src = self.images.shipped(html.unescape(match.group(3)))
            # Double quotes whatever the author wrote: one form for every address we write.
            return f'{match.group(1)}"{html.escape(src)}"'
        return self.SRC.sub(ship, text)


class ImageExtension(Extension):
    def __init__(self, media, source, root, **kwargs):
        self.media = media
        self.source = source  # (section path, line its text starts on)
        self.root = root  # the article's folder, which images may not leave
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        # After inline patterns (20) have made the <img> elements and attr_list (8) has taken
        # a trailing {: .class} off them; before heading ids (5).
        images = LocalImages(self.media, self.source, self.root)
        md.treeprocessors.register(ImageTreeprocessor(md, images), "images", 7)
        # After raw HTML is put back (30).
        md.postprocessors.register(RawImagePostprocessor(md, images), "raw_images", 15)
