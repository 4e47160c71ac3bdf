"""``build --single-file``: one HTML file that holds everything it loads, under a policy that
allows exactly its own inline scripts and styles."""

import base64
import gzip
import hashlib
import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser

import pytest

from builder import REPO_DIR
from builder.assets import backprop_zips
from builder.errors import BuildError
from builder.config import load_config
from builder.output import MANIFEST
from builder.pipeline import build
from builder.single_file import build_single_file, css_with_inline_urls, single_file_name
from builder.vendor import NODE_MODULES
from tests.articles import tiny_article

EXECUTED_TYPES = {None, "", "module", "text/javascript"}


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text of each <script> and <style>."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.scripts, self.styles = [], [], []
        self._open = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if tag in ("script", "style"):
            self._open = (tag, attrs, [])

    def handle_data(self, data):
        if self._open:
            self._open[2].append(data)

    def handle_endtag(self, tag):
        if self._open and tag == self._open[0]:
            kind, attrs, parts = self._open
            (self.scripts if kind == "script" else self.styles).append((attrs, "".join(parts)))
            self._open = None


@pytest.fixture(scope="module")
def single(tmp_path_factory):
    path = tmp_path_factory.mktemp("single") / "article.html"
    build_single_file(REPO_DIR / "content" / "article.toml", path)
    text = path.read_text(encoding="utf-8")
    parsed = Elements()
    parsed.feed(text)
    return path, text, parsed


def sha256_source(text):
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def policy(parsed):
    [content] = [a["content"] for tag, a in parsed.tags
                 if tag == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    return {d.split()[0]: d.split()[1:] for d in (part.strip() for part in content.split(";")) if d}


def test_only_the_file_is_written_and_its_size_is_reasonable(single):
    path, _, _ = single
    assert [p.name for p in path.parent.iterdir()] == ["article.html"]
    assert 5e6 < path.stat().st_size < 15e6


def test_file_loads_nothing_from_another_file_or_host(single):
    _, text, parsed = single
    for tag, attrs in parsed.tags:
        assert "src" not in attrs, (tag, attrs)
        href = attrs.get("href")
        if href is None or href.startswith("#"):  # within the page (also SVG <use>)
            continue
        if tag == "a":  # a link the reader may follow, never one into a missing folder
            assert href.startswith("https://"), href
        else:
            assert tag == "link" and attrs["rel"] == "icon" and href.startswith("data:"), attrs
    page_without_data = re.sub(r"<script type=\"text/x-base64\".*?</script>", "", text, flags=re.S)
    for target in re.findall(r"url\(([^)]*)\)", page_without_data):
        assert target.strip("'\"").startswith(("data:", "#")), target
    assert not re.search(r"@import|sourceMappingURL", page_without_data)


def test_policy_allows_exactly_the_inline_scripts_and_styles(single):
    _, _, parsed = single
    directives = policy(parsed)
    executed = [text for attrs, text in parsed.scripts if attrs.get("type") in EXECUTED_TYPES]
    assert len(executed) == 3  # theme.js, d3 and the boot module
    hashes = {s for s in directives["script-src"] if s.startswith("'sha256-")}
    assert hashes == {sha256_source(text) for text in executed}
    assert set(directives["script-src"]) - hashes == {"blob:", "'wasm-unsafe-eval'"}
    assert set(directives["style-src"]) == {sha256_source(text) for _, text in parsed.styles}
    assert directives["default-src"] == directives["connect-src"] == ["'none'"]
    assert directives["worker-src"] == ["data:"]
    assert not any("self" in s or "http" in s or "unsafe-inline" in s
                   for name, sources in directives.items() if name != "style-src-attr" for s in sources)


def test_modules_link_only_to_modules_made_before_them(single):
    _, _, parsed = single
    [inline] = [json.loads(text) for attrs, text in parsed.scripts if attrs.get("id") == "inline-runtime"]
    made = set()
    for key, source in inline["modules"]:
        assert not re.search(r"""(from\s*|import\s*\(\s*|import\s+)["'`]\.""", source), key
        assert set(re.findall(r'"inline-module:([^"]+)"', source)) <= made, key
        made.add(key)
    assert inline["entry"] == "app.js" and "widgets/manual-tuning.js" in made
    assert "usePyodide" in inline["worker"]["module"]
    assert inline["worker"]["lockInfo"]["abi_version"]


def test_pyodide_and_backprop_inside_are_byte_for_byte_the_originals(single):
    _, _, parsed = single
    inside = {}
    for attrs, text in parsed.scripts:
        if attrs.get("type") == "text/x-base64":
            data = base64.b64decode(text)
            inside[attrs["data-file"]] = gzip.decompress(data) if attrs.get("data-encoding") == "gzip" else data
    pyodide = NODE_MODULES / "pyodide"
    for name in ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip"):
        assert inside.pop(f"pyodide/{name}") == (pyodide / name).read_bytes(), name
    start, source = backprop_zips()
    assert inside.pop("backprop.zip") == start
    assert inside.pop("backprop-source.zip") == source
    assert inside == {}


def test_a_stylesheets_files_become_data_urls(tmp_path):
    (tmp_path / "fonts").mkdir()
    (tmp_path / "fonts" / "a.woff2").write_bytes(b"font")
    css = tmp_path / "page.css"
    css.write_text('@font-face{src:url(fonts/a.woff2) format("woff2")}\r\n'
                   ".x{fill:url('#shade');mask:url(data:,m)}\n", encoding="utf-8")
    assert css_with_inline_urls(css) == ('@font-face{src:url(data:font/woff2;base64,Zm9udA==) '
                                         'format("woff2")}\n.x{fill:url(\'#shade\');mask:url(data:,m)}\n')


@pytest.mark.parametrize("target, problem", [("fonts/gone.woff2", "names no file"),
                                             ("fonts/a.ttf", "no data: type known")])
def test_a_stylesheet_naming_what_cannot_be_inlined_stops_the_build(tmp_path, target, problem):
    (tmp_path / "fonts").mkdir()
    (tmp_path / "fonts" / "a.ttf").write_bytes(b"font")
    css = tmp_path / "page.css"
    css.write_text(f"@font-face{{src:url({target})}}\n", encoding="utf-8")
    with pytest.raises(BuildError, match=problem):
        css_with_inline_urls(css)


def test_an_element_naming_another_file_stops_the_single_file(tmp_path):
    section = '## Hi\n\n<iframe src="https://example.com/clip" title="A clip"></iframe>\n'
    config = tiny_article(tmp_path / "content", section=section)
    with pytest.raises(BuildError, match=r"cannot inline <iframe> 'https://example\.com/clip'"):
        build_single_file(config, tmp_path / "one.html")
    assert not (tmp_path / "one.html").exists()


@pytest.mark.parametrize("title, name", [
    ("Backpropagation, explained by doing", "backpropagation-explained-by-doing.html"),
    ("Learning rates, \"by feel\"", "learning-rates-by-feel.html"),
    ("反向传播", "反向传播.html"),
    ("Index", "index-article.html"),  # never the site's own page
])
def test_the_single_file_is_named_after_the_articles_title(tmp_path, title, name):
    config = tiny_article(tmp_path, config={"title": title})
    assert single_file_name(load_config(config)) == name


def test_a_folders_single_file_is_the_builds_own_and_the_next_build_replaces_it(tmp_path):
    config = tiny_article(tmp_path / "content", config={"title": "Learning rates"})
    out = tmp_path / "site"
    run = subprocess.run([sys.executable, "-m", "builder", "build", "--single-file", "--config",
                          str(config), "--out", str(out)], capture_output=True, text=True,
                         timeout=300, env={**os.environ, "PYTHONPATH": str(REPO_DIR)})
    assert run.returncode == 0, run.stderr
    path = out / "learning-rates.html"
    assert path.stat().st_size > 1_000_000
    assert f"wrote the whole article as one file that works opened from disk: {path} (" in run.stderr
    assert "learning-rates.html" in (out / MANIFEST).read_text().splitlines()
    build(config, out)  # not stopped as an author's file: replaced with the rest of the build
    assert not path.exists()
