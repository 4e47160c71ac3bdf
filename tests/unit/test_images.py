"""Local images in sections: Markdown in, HTML out; shipped under media/, inlined in the single
file, and every way to get one wrong stops the build at its line."""

import markdown
import pytest

from builder.commands.build import build
from builder.commands.check import problems_in
from builder.errors import BuildError
from builder.markdown_ext.images import ImageExtension, MediaFiles
from builder.single_file import single_file_html
from tests.unit.test_build import write_article

SQUARE = b'<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><rect width="8" height="8"/></svg>'


@pytest.fixture
def section(tmp_path):
    """A section file whose folder holds pics/square.svg; returns (write(text) -> html, media)."""
    (tmp_path / "pics").mkdir()
    (tmp_path / "pics" / "square.svg").write_bytes(SQUARE)
    path = tmp_path / "one.md"
    media = MediaFiles()

    def convert(text):
        path.write_text(text, encoding="utf-8")
        extension = ImageExtension(media, source=(path, 1))
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


def test_the_build_ships_images_and_the_single_file_inlines_them(tmp_path):
    content = tmp_path / "content"
    write_article(content, section='## Hi\n\n![A square](pics/square.svg "A square.")\n')
    (content / "pics").mkdir()
    (content / "pics" / "square.svg").write_bytes(SQUARE)
    out = tmp_path / "site"
    build(content / "article.toml", out)
    [shipped] = (out / "media").iterdir()
    assert shipped.read_bytes() == SQUARE
    assert f'src="media/{shipped.name}"' in (out / "index.html").read_text()
    assert problems_in(out) == []
    single = single_file_html(out)
    assert 'src="data:image/svg+xml;base64,' in single and "media/" not in single
