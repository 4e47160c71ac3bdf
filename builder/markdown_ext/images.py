"""Local images: ``![what it shows](plot.png "Caption")`` ships ``plot.png`` with the site.

A relative path is resolved against the section's own folder and the file is copied to
``media/<name>-<hash>.<ext>``: the content hash lets browsers cache it for good and keeps two
files of one name from different folders apart. A missing file, or a type browsers do not show,
stops the build at its line. An image alone in its paragraph becomes a ``<figure>``, and its
title, when it has one, the ``<figcaption>``.
"""

import hashlib
import posixpath
import shutil
from pathlib import Path
from urllib.parse import unquote, urlsplit

from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
import xml.etree.ElementTree as etree

from builder.errors import BuildError, line_of

MEDIA_DIR = "media"
# What <img> shows in every current browser; the single-file build inlines them by these types.
IMAGE_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
               ".gif": "image/gif", ".webp": "image/webp", ".avif": "image/avif",
               ".svg": "image/svg+xml"}


class MediaFiles:
    """The local files the sections use, by their path in the site; shared by all sections."""

    def __init__(self):
        self.files = {}  # site path -> source Path

    def add(self, source):
        data = source.read_bytes()
        name = f"{source.stem}-{hashlib.sha256(data).hexdigest()[:10]}{source.suffix.lower()}"
        site_path = posixpath.join(MEDIA_DIR, name)
        self.files[site_path] = source
        return site_path

    def copy_into(self, site_dir):
        for site_path, source in sorted(self.files.items()):
            target = Path(site_dir) / site_path
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)


def is_data(src):
    return src.startswith("data:")


class ImageTreeprocessor(Treeprocessor):
    def __init__(self, md, media, source):
        super().__init__(md)
        self.media = media
        self.path, self.first_line = source

    def run(self, root):
        for parent in root.iter():
            for child in list(parent):
                if child.tag == "img":
                    self.ship(child)
            if parent.tag == "p" and self.alone(parent):
                self.make_figure(parent)

    def ship(self, img):
        src = img.get("src", "")
        if is_data(src):
            return  # already inside the page
        where = self.line(src)
        parts = urlsplit(src)
        if parts.scheme or parts.netloc or src.startswith("/"):
            # The page fetches nothing from other hosts (and its policy would block it), and a
            # path from the host's root breaks under a sub-path such as GitHub Pages'.
            raise BuildError(self.path, where, f"image '{src}': put the file beside the section "
                                               "and give its relative path")
        source = (Path(self.path).parent / unquote(urlsplit(src).path)).resolve()
        if source.suffix.lower() not in IMAGE_TYPES:
            known = ", ".join(sorted(IMAGE_TYPES))
            raise BuildError(self.path, where, f"image '{src}': not an image type browsers show "
                                               f"({known})")
        if not source.is_file():
            raise BuildError(self.path, where, f"image '{src}' not found (looked for {source})")
        img.set("src", self.media.add(source))
        img.set("loading", "lazy")

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

    def line(self, src):
        text = Path(self.path).read_text(encoding="utf-8")
        found = line_of(text, f"]({src}", 0) or line_of(text, src, 0)
        return found + self.first_line - 1 if found else None


class ImageExtension(Extension):
    def __init__(self, media, source, **kwargs):
        self.media = media
        self.source = source  # (section path, line its text starts on)
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        # After inline patterns (20) have made the <img> elements and attr_list (8) has taken
        # a trailing {: .class} off them; before heading ids (5).
        md.treeprocessors.register(ImageTreeprocessor(md, self.media, self.source), "images", 7)
