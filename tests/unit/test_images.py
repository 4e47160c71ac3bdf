"""Local images in sections: Markdown in, HTML out; shipped under media/, inlined in the single
file, and every way to get one wrong stops the build at its line."""

import os

import markdown
import pytest

from builder import REPO_DIR
from builder.site_check import problems_in
from builder.errors import BuildError
from builder.markdown_ext.images import ImageExtension, MediaFiles
from builder.single_file import single_file_html
from builder.svg_safety import UnsafeSvg, check_svg

SQUARE = b'<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><rect width="8" height="8"/></svg>'


@pytest.fixture
def section(tmp_path):
    """A section file in the article's folder, which holds pics/square.svg; returns
    (write(text, name="one.md") -> html, media)."""
    (tmp_path / "pics").mkdir()
    (tmp_path / "pics" / "square.svg").write_bytes(SQUARE)
    media = MediaFiles()

    def convert(text, name="one.md"):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        extension = ImageExtension(media, source=(path, 1), root=tmp_path)
        return markdown.Markdown(extensions=["attr_list", extension], output_format="html").convert(text)
    return convert, media


def test_an_image_alone_becomes_a_figure_with_its_title_as_caption(section):
    convert, media = section
    html = convert('![A black square](pics/square.svg "Figure 1: a square.")')
    [site_path] = media.files
    assert site_path.startswith("media/square-") and site_path.endswith(".svg")
    assert html == (f'<figure class="image"><img alt="A black square" loading="lazy" src="{site_path}">'
                    "<figcaption>Figure 1: a square.</figcaption></figure>")


def test_an_image_among_words_stays_inline_and_keeps_its_title(section):
    convert, _ = section
    html = convert('See ![a square](pics/square.svg "tip") here.')
    assert html.startswith("<p>See <img") and 'title="tip"' in html and "<figure" not in html


def test_an_attribute_list_after_the_image_keeps_it_a_figure(section):
    convert, _ = section
    html = convert("![A square](pics/square.svg){: .wide}")
    assert html.startswith('<figure class="image"><img alt="A square" class="wide"')


def test_the_name_carries_the_content_hash(section, tmp_path):
    convert, media = section
    convert("![a](pics/square.svg)")
    (tmp_path / "pics" / "square.svg").write_bytes(SQUARE.replace(b"8", b"9"))
    convert("![a](pics/square.svg)")
    assert len(media.files) == 2  # changed content, new name: no stale cached image


def test_an_image_written_as_html_ships_its_file_too(section):
    convert, media = section
    html = convert("Text.\n\n<p><img src='pics/square.svg' width=\"40\" alt=\"A square\"></p>\n")
    [site_path] = media.files
    assert f'<img src="{site_path}" width="40" alt="A square">' in html
    with pytest.raises(BuildError, match=r"one\.md:3: image 'https://example\.com/a\.png': put"):
        convert('Text.\n\n<img src="https://example.com/a.png" alt="far">\n')


def test_a_file_name_with_spaces_gets_an_address_without_them(section, tmp_path):
    convert, media = section
    (tmp_path / "pics" / "my square!.svg").write_bytes(SQUARE)
    convert("![a](<pics/my square!.svg>)")
    [site_path] = media.files
    assert site_path.startswith("media/my-square-") and " " not in site_path


@pytest.mark.parametrize("text, problem", [
    ("Intro.\n\n![gone](pics/nothere.png)", "one.md:3: image 'pics/nothere.png' not found"),
    ("![far](https://example.com/a.png)", "one.md:1: image 'https://example.com/a.png': put the file"),
    ("![root](/pics/square.svg)", "one.md:1: image '/pics/square.svg': put the file beside"),
    ("![doc](pics/square.pdf)", "one.md:1: image 'pics/square.pdf': not an image type"),
])
def test_bad_images_stop_the_build_at_their_line(section, text, problem):
    convert, _ = section
    with pytest.raises(BuildError) as err:
        convert(text)
    assert problem in str(err.value)


@pytest.fixture
def outside(tmp_path, tmp_path_factory):
    """An image outside the article's folder, as a path relative to the section there."""
    elsewhere = tmp_path_factory.mktemp("elsewhere") / "secret.png"
    elsewhere.write_bytes(b"\x89PNG not for the site")
    return elsewhere, os.path.relpath(elsewhere, tmp_path)


@pytest.mark.parametrize("written", ["plain", "percent-encoded", "upper-case encoded in HTML"])
def test_a_path_climbing_out_of_the_articles_folder_stops_the_build(section, outside, written):
    convert, media = section
    _, relative = outside
    if written == "plain":
        text = f"Intro.\n\n![secret](pics/../{relative})"
    elif written == "percent-encoded":
        text = f"Intro.\n\n![secret]({relative.replace('..', '%2e%2e')})"
    else:
        text = f'Intro.\n\n<img src="{relative.replace("..", "%2E%2E")}" alt="secret">'
    with pytest.raises(BuildError, match=r"one\.md:3: image '[^']+' leaves the article's folder"):
        convert(text)
    assert media.files == {}


def test_a_symbolic_link_to_a_file_outside_stops_the_build(section, outside, tmp_path):
    convert, media = section
    (tmp_path / "pics" / "link.png").symlink_to(outside[0])
    with pytest.raises(BuildError, match=r"one\.md:1: image 'pics/link\.png' is a link to a file "
                                         r"outside the article's folder"):
        convert("![secret](pics/link.png)")
    assert media.files == {}


@pytest.mark.parametrize("src, problem", [
    ("/etc/passwd.png", "image '/etc/passwd.png': put the file beside the section"),
    ("file:///etc/passwd.png", "image 'file:///etc/passwd.png': put the file beside the section"),
    ("%2Fetc%2Fpasswd.png", "image '%2Fetc%2Fpasswd.png': an absolute path"),
    ("pics/square%00.svg", "image 'pics/square%00.svg': a path cannot hold a NUL character"),
])
def test_absolute_and_impossible_paths_are_located_errors(section, src, problem):
    convert, _ = section
    with pytest.raises(BuildError) as err:
        convert(f"Intro.\n\n![x]({src})")
    assert f"one.md:3: {problem}" in str(err.value)


def test_a_section_in_a_subfolder_may_climb_back_to_the_articles_images(section):
    convert, media = section
    html = convert("![A square](../pics/square.svg)", name="part/two.md")
    [site_path] = media.files
    assert f'src="{site_path}"' in html


SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">\n{}\n</svg>'
UNSAFE_SVGS = {
    "script": (SVG.format("<script>alert(1)</script>"), "line 2 of the SVG has a <script> element"),
    "event handler": ('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
                      "line 1 of the SVG has an event handler 'onload' on <svg>"),
    "external use": (SVG.format('<use xlink:href="https://example.org/a.svg#b"/>'),
                     "line 2 of the SVG refers to 'https://example.org/a.svg#b' on <use>"),
    "external image": (SVG.format('<image href="../../secret.png"/>'),
                       "line 2 of the SVG refers to '../../secret.png' on <image>"),
    "foreignObject": (SVG.format("<foreignObject><p>hi</p></foreignObject>"),
                      "line 2 of the SVG has a <foreignObject> element"),
    "entity": ('<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY a "aaaaaaaa">]>\n'
               '<svg xmlns="http://www.w3.org/2000/svg">&a;</svg>',
               "line 2 of the SVG has a DOCTYPE with declarations of its own"),
    "style import": (SVG.format("<style>@import url(https://example.org/x.css);</style>"),
                     "line 2 of the SVG has @import in its style"),
    "external fill": (SVG.format('<rect fill="url(https://example.org/p.svg#g)"/>'),
                      "line 2 of the SVG has url(https://example.org/p.svg#g) in 'fill' on <rect>"),
    "javascript link": (SVG.format('<a href="java&#x09;script:alert(1)"><text>x</text></a>'),
                        "line 2 of the SVG has a javascript: address in 'href' on <a>"),
    "animated link": (SVG.format('<a href="#x"><set attributeName="href" to="https://example.org"/></a>'),
                      "line 2 of the SVG has an animation <set> that rewrites 'href'"),
}


@pytest.mark.parametrize("name", UNSAFE_SVGS)
def test_an_svg_that_could_run_code_or_load_files_is_refused_at_its_line(section, tmp_path, name):
    convert, media = section
    svg, problem = UNSAFE_SVGS[name]
    (tmp_path / "pics" / "bad.svg").write_text(svg)
    with pytest.raises(BuildError) as err:
        convert("Intro.\n\n![bad](pics/bad.svg)")
    assert f"one.md:3: image 'pics/bad.svg' is refused: {problem}" in str(err.value)
    assert media.files == {}


def test_an_svg_written_as_html_is_checked_too(section, tmp_path):
    convert, _ = section
    (tmp_path / "pics" / "bad.svg").write_text(SVG.format("<script>alert(1)</script>"))
    with pytest.raises(BuildError, match=r"one\.md:1: image 'pics/bad\.svg' is refused: line 2"):
        convert('<img src="pics/bad.svg" width="40" alt="bad">')


def test_drawings_that_only_draw_pass_the_svg_check():
    check_svg((REPO_DIR / "docs" / "example" / "figures" / "three-rates.svg").read_bytes())
    check_svg(SQUARE)
    check_svg(SVG.format('<defs><linearGradient id="g"/></defs><rect fill="url(#g)"/>'
                         '<use xlink:href="#g"/><image href="data:image/png;base64,iVBORw0KGgo="/>').encode())
    check_svg(b'<?xml version="1.0"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
              b'"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n<svg xmlns="http://www.w3.org/2000/svg"/>')
    with pytest.raises(UnsafeSvg, match="not well-formed XML"):
        check_svg(b"<svg><g></svg>")


def test_the_svg_check_holds_without_sanitising(tmp_path, tiny_site):
    with pytest.raises(BuildError, match=r"one\.md:3: image 'pics/square\.svg' is refused: line 2 of "
                                         r"the SVG has an event handler 'onclick' on <rect>"):
        tiny_site("## Hi\n\n![A square](pics/square.svg)\n",
                  files={"pics/square.svg": SVG.format('<rect onclick="alert(1)"/>')})
    assert not (tmp_path / "site").exists()


def test_the_build_ships_images_and_the_single_file_inlines_them(tiny_site):
    out = tiny_site('## Hi\n\n![A square](pics/square.svg "A square.")\n',
                    files={"pics/square.svg": SQUARE})
    [shipped] = (out / "media").iterdir()
    assert shipped.read_bytes() == SQUARE
    assert f'src="media/{shipped.name}"' in (out / "index.html").read_text()
    assert problems_in(out) == []
    single = single_file_html(out.parent / "content" / "article.toml", out)
    assert 'src="data:image/svg+xml;base64,' in single and "media/" not in single
