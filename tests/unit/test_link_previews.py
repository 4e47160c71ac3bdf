"""Link previews: Open Graph and Twitter card tags from the config, with a picture and canonical
addresses only once ``site_url`` says where the site is published."""

import hashlib
import os
import struct
import subprocess
import sys
import zlib
from html.parser import HTMLParser

import pytest

from backprop.views import header
from builder import preview_image
from builder.errors import BuildError
from builder.policy import CONTENT_SECURITY_POLICY
from builder.single_file import build_single_file
from builder.site_check import problems_in
from tests.articles import build, tiny_article

SITE_URL = "https://example.org/course/"


class Head(HTMLParser):
    """The <head>'s elements in order, as (tag, attributes)."""

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.elements, self._in_head = [], False
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        if tag == "head":
            self._in_head = True
        elif self._in_head:
            self.elements.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        if tag == "head":
            self._in_head = False

    def meta(self):
        """{property or name: content} of the <meta> tags."""
        return {a.get("property") or a.get("name"): a.get("content")
                for tag, a in self.elements if tag == "meta" and (a.get("property") or a.get("name"))}

    def links(self, rel):
        return [a["href"] for tag, a in self.elements if tag == "link" and a.get("rel") == rel]


def head_of(site, page="index.html"):
    return Head((site / page).read_text(encoding="utf-8"))


def test_without_site_url_a_page_carries_only_the_tags_that_need_no_address(tiny_site):
    site = tiny_site(config={"description": "Learn by doing."})
    head = head_of(site)
    meta = head.meta()
    assert meta["og:type"] == "article"
    assert meta["og:title"] == "Test article"
    assert meta["og:description"] == meta["description"] == "Learn by doing."
    assert meta["twitter:card"] == "summary"  # a card with no picture
    assert not {"og:image", "og:url", "og:image:alt"} & set(meta)
    assert head.links("canonical") == []
    assert not (site / "media").exists()  # no picture nothing names
    assert problems_in(site) == []


def test_with_site_url_pages_name_their_canonical_address_and_the_picture(tiny_site):
    site = tiny_site(config={"site_url": "https://example.org/course", "subtitle": "A & B"})
    head = head_of(site)
    meta = head.meta()
    # The folder's address gains its "/"; the article is the folder itself.
    assert head.links("canonical") == [SITE_URL] and meta["og:url"] == SITE_URL
    assert meta["og:description"] == "A & B"  # the subtitle, when there is no description
    assert meta["twitter:card"] == "summary_large_image"
    image = meta["og:image"]
    assert image.startswith(SITE_URL + "media/link-preview-") and image.endswith(".png")
    assert (site / image.removeprefix(SITE_URL)).read_bytes() == preview_image.preview_png()
    assert (meta["og:image:type"], meta["og:image:width"], meta["og:image:height"]) == \
        ("image/png", "1200", "630")
    assert meta["og:image:alt"] == header.title()
    assert problems_in(site) == []  # absolute addresses are not files the checker looks for


def test_an_embed_page_has_its_own_title_description_and_address(tiny_site):
    site = tiny_site(config={"site_url": SITE_URL, "description": "Learn by doing."})
    meta = head_of(site, "embed/chain-rule.html").meta()
    assert meta["og:title"] == "Chain rule · Test article"
    assert meta["og:description"] == meta["description"] == \
        "An interactive figure from “Test article”. Learn by doing."
    assert meta["og:url"] == SITE_URL + "embed/chain-rule.html"
    assert head_of(site, "embed/chain-rule.html").links("canonical") == [meta["og:url"]]
    assert meta["og:image"] == head_of(site).meta()["og:image"]


def test_the_tags_leave_the_pages_policy_first_and_load_nothing(tiny_site):
    site = tiny_site(config={"site_url": SITE_URL})
    for page in ("index.html", "embed/manual-tuning.html"):
        elements = head_of(site, page).elements
        tag, first = elements[0]
        assert tag == "meta" and first["http-equiv"] == "Content-Security-Policy"
        assert first["content"] == CONTENT_SECURITY_POLICY
        # The only absolute address a <link> names is the canonical one, which nothing fetches.
        fetched = [a.get("href") or a.get("src") for tag, a in elements
                   if tag in ("link", "script", "img") and a.get("rel") != "canonical"]
        assert not [ref for ref in fetched if ref and "//" in ref], fetched


@pytest.mark.parametrize("address", ["example.org/course/", "/course/", "ftp://example.org/",
                                     "https://example.org/course/?from=x", "https://example.org/#top",
                                     "https://example.org/course/index.html", "https:// example.org/"])
def test_a_site_url_that_is_not_a_folders_absolute_address_is_a_located_error(tmp_path, address):
    config = tiny_article(tmp_path, config_text=(
        'title = "T"\nsections = ["one.md"]\n' f'site_url = "{address}"\n'))
    with pytest.raises(BuildError) as caught:
        build(config, tmp_path / "site")
    assert (caught.value.path, caught.value.line) == (config, 3)
    assert "absolute http(s) address of the site's folder" in str(caught.value)


def png_chunks(data):
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    at, chunks = 8, []
    while at < len(data):
        (length,) = struct.unpack(">I", data[at:at + 4])
        kind, body = data[at + 4:at + 8], data[at + 8:at + 8 + length]
        (crc,) = struct.unpack(">I", data[at + 8 + length:at + 12 + length])
        assert crc == zlib.crc32(kind + body), kind
        chunks.append((kind, body))
        at += 12 + length
    return chunks


def test_the_preview_picture_is_a_1200_by_630_png_made_the_same_every_time():
    data = preview_image.preview_png()
    chunks = png_chunks(data)
    assert [kind for kind, _ in chunks] == [b"IHDR", b"IDAT", b"IEND"]
    width, height, depth, colour, *_ = struct.unpack(">IIBBBBB", chunks[0][1])
    assert (width, height, depth, colour) == (1200, 630, 8, 2)  # 8-bit RGB
    assert len(zlib.decompress(chunks[1][1])) == height * (1 + 3 * width)  # a filter byte a row
    preview_image.preview_png.cache_clear()
    assert preview_image.preview_png() == data
    # Another process (another hash seed) makes the same bytes: a rebuild changes no file.
    other = subprocess.run(
        [sys.executable, "-c", "import hashlib; from builder.preview_image import preview_png; "
                               "print(hashlib.sha256(preview_png()).hexdigest())"],
        capture_output=True, text=True, check=True, env={**os.environ, "PYTHONHASHSEED": "7"})
    assert other.stdout.strip() == hashlib.sha256(data).hexdigest()


def test_the_preview_picture_draws_the_headers_descent_run_in_the_pages_colours():
    data = preview_image.preview_png()
    raw = zlib.decompress(png_chunks(data)[1][1])
    stride = 1 + 3 * 1200

    def pixel(x, y):
        at = int(y) * stride + 1 + 3 * int(x)
        return tuple(raw[at:at + 3])

    colours = preview_image.page_colours()
    sx, sy = 1200 / header.WIDTH, 630 / header.HEIGHT
    art = header.banner()
    for bx, by in art["dots"]:  # every step's dot, at the banner's place stretched to 1200 × 630
        assert pixel(bx * sx, by * sy) == colours["loss"]
    mx, my = art["minimum"]
    assert pixel(mx * sx, my * sy) == colours["page"]  # the open ring of the minimum


def test_the_single_file_names_no_address_and_carries_no_preview_picture(tmp_path):
    config = tiny_article(tmp_path / "content", config={"site_url": SITE_URL})
    path = build_single_file(config, tmp_path / "article.html")
    head = head_of(tmp_path, path.name)
    meta = head.meta()
    assert meta["og:title"] == "Test article" and meta["twitter:card"] == "summary"
    assert "og:image" not in meta and "og:url" not in meta and head.links("canonical") == []
    assert "link-preview-" not in path.read_text(encoding="utf-8")
