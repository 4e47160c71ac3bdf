"""The build command: a complete site from good input; a clear error and an untouched site from bad."""

import json
import re
import subprocess
import sys
from html import unescape

import pytest

from builder import REPO_DIR, vendor
from builder.errors import BuildError
from tests.articles import assert_untouched, build, files_of, tiny_article


def test_good_input_builds_a_page_with_math_widget_and_vendored_runtime(tmp_path):
    out = tmp_path / "site"
    result = build(tiny_article(tmp_path / "content"), out)
    html = (out / "index.html").read_text()
    assert '<span class="katex">' in html
    assert 'data-widget="manual-tuning"' in html
    assert 'href="#hello"' in html  # table of contents
    assert result.widgets == ["manual-tuning"]
    vendored = {p.name for p in (out / "vendor").iterdir()}
    assert vendored == {"pyodide-314.0.7", "katex-0.19.1", "d3-7.9.0", "source-serif-4-5.3.1"}
    shipped = sorted(p.name for p in (out / "vendor" / "pyodide-314.0.7").iterdir())
    assert [name for name in shipped if not name.startswith("snapshot-")] == [
        "pyodide-lock.json", "pyodide.asm.mjs", "pyodide.asm.wasm", "pyodide.mjs",
        "python_stdlib.zip"]  # and the start-up snapshot: tests/unit/test_snapshot.py
    assert all(p.suffix == ".woff2" for p in (out / "vendor" / "katex-0.19.1" / "fonts").iterdir())
    # No package ships, so the lock lists none: Pyodide reads only its info (the ABI) at start.
    shipped_lock = json.loads((out / "vendor" / "pyodide-314.0.7" / "pyodide-lock.json").read_text())
    full_lock = json.loads(vendor.node_package("pyodide", "pyodide-lock.json").read_text())
    assert shipped_lock == {"info": full_lock["info"], "packages": {}} and full_lock["packages"]


def test_starting_state_is_prerendered_by_backprop(tiny_site):
    html = (tiny_site() / "index.html").read_text()
    assert 'aria-label="loss" class="c-loss">0.8707300</output>' in html


@pytest.mark.parametrize("section, expected", [
    ("## A\n\ntext\n\n$\\frac{1}{$\n", r"one\.md:5: cannot typeset"),
    ("## A\n\n::: widget no-such-widget\n", r"one\.md:3: unknown widget 'no-such-widget'"),
    ("## A\n::: widget manual-tuning colour=red\n", r"one\.md:2: widget 'manual-tuning' has no option 'colour'"),
    ("## A\n\n::: widget network-tool\n\n::: widget network-tool lr=0.01\n",
     r"one\.md:5: another widget on this page already keeps its settings in the address as '#tool=…'"),
])
def test_bad_section_stops_build_and_keeps_previous_site(previous_site, tmp_path, section, expected):
    out, snapshot = previous_site
    config = tiny_article(tmp_path / "content", section)
    with pytest.raises(BuildError, match=expected):
        build(config, out)
    assert_untouched(out, snapshot)


@pytest.mark.parametrize("config, expected", [
    ('title = "T"\nsections = ["missing.md"]\n', r"article\.toml:2: section file 'missing\.md' not found"),
    ('title = "T"\nsections = ["one.md"]\ncolour = "red"\n', r"article\.toml:3: unknown key 'colour'"),
    ('title = "T"\nsections = ["one.md"\n', r"article\.toml:3: malformed TOML"),
    ('title = 3\nsections = ["one.md"]\n', r"article\.toml:1: 'title' must be a str"),
    ('sections = ["one.md"]\n', r"article\.toml: missing required key 'title'"),
    ('title = " "\nsections = ["one.md"]\n', r"article\.toml:1: 'title' must not be empty"),
    ('title = "T"\nlang = "english"\nsections = ["one.md"]\n',
     r"article\.toml:2: 'lang' must be a language tag such as 'en' or 'de-CH', not 'english'"),
    ('title = "T"\nsections = [\n  "one.md",\n  "./one.md",\n]\n',
     r"article\.toml:4: section file '\./one\.md' is listed twice"),
])
def test_bad_config_stops_build_and_keeps_previous_site(previous_site, tmp_path, config, expected):
    out, snapshot = previous_site
    path = tiny_article(tmp_path / "content", config_text=config)
    with pytest.raises(BuildError, match=expected):
        build(path, out)
    assert_untouched(out, snapshot)


def test_a_fenced_code_block_stays_code_with_its_indentation_and_dollars(tiny_site):
    # Without fenced_code it became one run-on <p><code> with "python" as its first word.
    section = "## Code\n\n```python\ndef f(x):\n    return 2 * x  # $5, not $math$\n```\n"
    html = (tiny_site(section) / "index.html").read_text(encoding="utf-8")
    code = re.search(r'<pre><span></span><code class="language-python">(.*?)</code></pre>', html,
                     re.S).group(1)
    # Coloured token by token (builder/code_highlight.py), the text is the author's exactly.
    text = unescape(re.sub(r"<[^>]*>", "", code))
    assert text == "def f(x):\n    return 2 * x  # $5, not $math$\n"


def test_a_byte_order_mark_and_windows_line_ends_change_nothing(tmp_path):
    # Some Windows editors start a file with U+FEFF; read as text, it hid the first heading.
    config = tiny_article(tmp_path / "content", "\ufeff## Hello\r\n\r\nWeight $w$.\r\n")
    config.write_bytes(b"\xef\xbb\xbf" + config.read_bytes())
    build(config, tmp_path / "site")
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert '<h2 id="hello">Hello</h2>' in html and "\ufeff" not in html


@pytest.mark.parametrize("out, expected", [
    ("content", "holds the article's own article.toml"),  # --out content: the swap deleted it all
    (".", "holds the article's own article.toml"),
    ("readme.txt", "it is a file"),
    ("notes", "holds files but no earlier build"),  # GitHub Pages' docs/ with an author's files
    ("checkout", "it is a git checkout"),
])
def test_an_output_folder_that_is_not_a_build_is_refused_and_kept(tmp_path, monkeypatch, out, expected):
    config = tiny_article(tmp_path / "content")
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "todo.txt").write_text("mine")
    (tmp_path / "readme.txt").write_text("mine too")
    (tmp_path / "checkout" / ".git").mkdir(parents=True)
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    monkeypatch.chdir(tmp_path)
    with pytest.raises(BuildError, match=expected):
        build(config, tmp_path / out)
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before


def test_the_current_folder_is_never_an_output_folder(tmp_path, monkeypatch):
    config = tiny_article(tmp_path / "content")
    (tmp_path / "project").mkdir()
    monkeypatch.chdir(tmp_path / "project")
    with pytest.raises(BuildError, match="holds the current folder"):
        build(config, tmp_path / "project")


def test_cli_prints_file_line_problem_and_exits_nonzero(tmp_path):
    config = tiny_article(tmp_path / "content", "$\\frac{$\n")
    run = subprocess.run([sys.executable, "-m", "builder", "build", "--config", str(config),
                          "--out", str(tmp_path / "site")], capture_output=True, text=True,
                         cwd=REPO_DIR)
    assert run.returncode == 1
    assert "one.md:1: cannot typeset" in run.stderr
    assert not (tmp_path / "site").exists()


def test_two_builds_of_the_same_input_are_byte_identical(tmp_path):
    config = tiny_article(tmp_path / "content")
    first, second = tmp_path / "one", tmp_path / "two"
    build(config, first)
    build(config, second)
    assert files_of(first) == files_of(second)


def test_new_article_builds_and_checks_clean(tmp_path):
    from builder.site_check import problems_in
    from builder.scaffold import create

    config = create(tmp_path / "my-article")
    result = build(config, tmp_path / "my-article" / "site")
    assert result.widgets == ["manual-tuning", "square"]  # a built-in widget and its own
    assert problems_in(tmp_path / "my-article" / "site") == []
    with pytest.raises(FileExistsError):
        create(tmp_path / "my-article")


def test_new_writes_nothing_over_an_authors_section(tmp_path):
    from builder.scaffold import create

    mine = tmp_path / "mine" / "content" / "01-first-section.md"
    mine.parent.mkdir(parents=True)
    mine.write_text("my own words")
    with pytest.raises(FileExistsError, match="01-first-section.md already exists"):
        create(tmp_path / "mine")
    assert mine.read_text() == "my own words"
    assert not (mine.parent / "article.toml").exists()


def test_a_vendored_file_that_differs_from_its_recorded_hash_stops_the_build(tmp_path, tiny_site,
                                                                            monkeypatch):
    from builder import vendor

    hashes = tmp_path / "hashes.json"
    recorded = {key: vendor.sha256(path) for key, path in vendor.vendored_files().items()}
    recorded["d3/dist/d3.min.js"] = "0" * 64
    import json
    hashes.write_text(json.dumps(recorded))
    monkeypatch.setattr(vendor, "HASHES", hashes)
    with pytest.raises(BuildError, match="d3.min.js: content differs from the hash recorded"):
        tiny_site()
    assert not (tmp_path / "site").exists()


def test_a_build_that_breaks_halfway_through_writing_leaves_the_previous_site(previous_site, tmp_path,
                                                                            monkeypatch):
    from builder import pipeline

    out, snapshot = previous_site

    def half_written(staging):
        (staging / "index.html").write_text("half a page")
        raise OSError("disk full")

    monkeypatch.setattr(pipeline, "write_service_worker", half_written)
    with pytest.raises(OSError, match="disk full"):
        build(tiny_article(tmp_path / "content"), out)
    assert_untouched(out, snapshot)


def test_warnings_are_logged_and_strict_makes_them_errors(previous_site, tmp_path, caplog):
    out, snapshot = previous_site
    config = tiny_article(
        tmp_path / "content", "## A\n\nThe [[loss]].\n\n#### Too deep\n\n![](plot.png)\n",
        glossary="## loss {#loss}\n\nHow wrong.\n\n## gradient {#gradient}\n\nUphill.\n",
        files={"plot.png": b"\x89PNG\r\n\x1a\n"})  # shipped as it is: only its name matters here
    build(config, tmp_path / "lenient")
    logged = caplog.text
    assert "glossary.md:5: term 'gradient' is never marked in the prose" in logged
    assert "one.md:5: heading 'Too deep' (h4) skips a level after h2" in logged
    assert "image without alternative text" in logged
    with pytest.raises(BuildError, match=r"glossary\.md:5: .*3 warning\(s\); --strict"):
        build(config, out, strict=True)
    assert_untouched(out, snapshot)


def test_footnotes_of_two_sections_get_distinct_ids_and_no_id_repeats(tiny_site):
    from builder.site_check import problems_in

    site = tiny_site("## One\n\nA claim.[^1]\n\n[^1]: First source.\n",
                     extra_sections={"two.md": "## Article\n\nAnother.[^1]\n\n[^1]: Second source.\n"})
    html = (site / "index.html").read_text()
    assert 'id="fn:1-1"' in html and 'id="fn:2-1"' in html
    assert 'id="article-2"' in html  # the page's own <main id="article"> keeps its id
    assert problems_in(site) == []


def test_check_reports_an_id_used_twice(tmp_path):
    from builder.site_check import problems_in

    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text('<p id="a"></p><p id="a"></p>')
    assert problems_in(site) == ["index.html: id 'a' is used twice (links to it are ambiguous)"]
