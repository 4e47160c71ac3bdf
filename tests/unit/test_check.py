"""The check command: a built site passes; a broken link, anchor or runtime file is listed."""

from pathlib import Path

from builder.site_check import problems_in


def test_the_built_article_has_no_broken_references(built_site):
    assert problems_in(built_site) == []


def test_a_site_named_by_a_relative_path_passes_too(built_site, monkeypatch):
    """`make check` names the folder `site`: its stylesheets' url()s were reported as pointing
    outside it (24 of them), the pages' links were not."""
    monkeypatch.chdir(built_site.parent)
    assert problems_in(Path(built_site.name)) == []


def test_a_missing_anchor_and_file_and_runtime_file_are_listed(built_site, tmp_path):
    broken = tmp_path / "site"
    import shutil
    shutil.copytree(built_site, broken)
    page = broken / "index.html"
    page.write_text(page.read_text().replace("</main>", '<a href="#nowhere">x</a>'
                                             '<img src="missing.png" alt=""></main>'))
    next((broken / "vendor").glob("pyodide-*/pyodide.asm.wasm")).unlink()
    problems = problems_in(broken)
    assert any("#nowhere: no element with id 'nowhere'" in p for p in problems)
    assert any("missing.png: no such file" in p for p in problems)
    assert any("pyodide.asm.wasm: no such file" in p for p in problems)


def test_katex_css_names_only_the_woff2_fonts_we_ship(built_site):
    css = next((built_site / "vendor").glob("katex-*/katex.min.css")).read_text()
    assert ".woff2" in css and ".woff)" not in css and ".ttf" not in css


def test_check_on_a_folder_that_was_never_built_says_so(tmp_path, capsys):
    from builder.cli import main

    assert main(["check", "--out", str(tmp_path / "nowhere")]) == 1
    assert "no built site here; build it first" in capsys.readouterr().err
