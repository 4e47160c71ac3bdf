"""The interface's words come from one table (builder/labels/) that article.toml's [labels]
overrides: checked keys, every key used, every key used known, no interface text in a template
that bypasses it; backprop's sentences (backprop.wording) are part of the same table."""

import ast
import re
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

from backprop import wording
from builder import BACKPROP_DIR, PACKAGE_DIR
from builder.config import load_config
from builder.errors import BuildError
from builder.labels import DEFAULTS, labels_with
from builder.widgets import forget_backprop
from tests.articles import build, tiny_article

FRENCH = Path(__file__).parents[1] / "labels_fr.toml"
TEMPLATES = [*(PACKAGE_DIR / "templates").rglob("*.html")]
SCRIPTS = [*(PACKAGE_DIR / "static/js").rglob("*.js"), *(PACKAGE_DIR / "static/js").rglob("*.mjs")]
PYTHON = [*PACKAGE_DIR.glob("*.py"), *(p for p in BACKPROP_DIR.rglob("*.py")
                                         if not p.name.startswith("wording"))]
SEARCHED = [*TEMPLATES, *SCRIPTS, *PYTHON]
# Where a key is asked for, and in which files: labels.key, labels("key"...),
# labels.html/rich("key"...) in templates (and the builder's Python); label("key"...) in scripts (a
# ternary names two); say("key"...) in backprop.
_METHODS = r"(?!html\b|rich\b|for_scripts\b|python_words\b|js\b|py\b)"
ASKED = [(re.compile(rf"labels\.{_METHODS}([a-z_0-9]+)"), TEMPLATES),
         (re.compile(r"labels(?:\.html|\.rich)?\(\s*(\"[a-z_0-9]+\")"), [*TEMPLATES, *PYTHON]),
         (re.compile(r"\blabel\(([^(){}]*)"), [p for p in SCRIPTS if p.name != "labels.js"]),
         (re.compile(r"\bsay\(([^()]*?)(?:,|\))"), PYTHON)]
# The elements whose own words are the interface: a button's text, a control's label.
INTERFACE_ELEMENTS = re.compile(r"<(button|label|summary|legend)\b[^>]*>(.*?)</\1>", re.S)


def french_article(folder, section="## Bonjour\n\nPoids $w$.\n\n::: widget manual-tuning\n"):
    """A tiny article in French, every label French (tests/labels_fr.toml)."""
    head = 'title = "Article de test"\nlang = "fr"\nsections = ["one.md"]\n'
    return tiny_article(folder, section, config_text=head + FRENCH.read_text(encoding="utf-8"))


def test_french_table_names_every_label_and_only_labels():
    french = tomllib.loads(FRENCH.read_text(encoding="utf-8"))["labels"]
    assert sorted(french) == sorted(DEFAULTS)
    same = [key for key, text in french.items() if text.strip() == DEFAULTS[key].strip()
            and re.search(r"[A-Za-z]{2}", re.sub(r"\{[a-z_]+\}", "", text))]
    assert same == [], "these French labels are still the English text"


def test_every_label_is_used_by_a_template_script_or_backprop():
    sources = "\n".join(path.read_text(encoding="utf-8") for path in SEARCHED)
    unused = [key for key in DEFAULTS
              if not re.search(rf"labels\.{key}\b|labels(\.html|\.rich)?\(\"{key}\"|[\"']{key}[\"']"
                               rf"|words\.{key}\b", sources)]
    assert unused == [], "labels no page, script or sentence shows"


def test_every_label_a_template_script_or_backprop_asks_for_exists():
    asked = set()
    for pattern, paths in ASKED:
        for path in paths:
            for match in pattern.finditer(path.read_text(encoding="utf-8")):
                found = re.findall(r"[\"']([a-z_0-9]+)[\"']", match.group(1))
                asked.update(found or ([match.group(1)] if pattern is ASKED[0][0] else []))
    assert len(asked) > 300
    assert sorted(asked - set(DEFAULTS)) == [], "keys asked for that no table defines"


def test_backprop_sentences_are_keys_of_the_one_table_and_share_no_name_with_the_page():
    from builder.labels import CONTROLS, FIGURES, PAGE
    parts = [PAGE, CONTROLS, FIGURES, wording.WORDS]
    assert sum(map(len, parts)) == len(DEFAULTS), "two parts define the same key"
    assert all(key in DEFAULTS for key in wording.WORDS)


def test_a_rich_label_keeps_only_inline_emphasis_and_escapes_everything_else():
    table = labels_with({"nt_help_reset": '<strong>Reset</strong> <a href="x">a</a> <kbd>Home</kbd>'
                                          ' <script>x</script> <var class="c">w</var>'})
    html = str(table.rich("nt_help_reset"))
    assert "<strong>Reset</strong>" in html and "<kbd>Home</kbd>" in html
    assert "<a " not in html and "<script>" not in html and "<var class" not in html
    assert "&lt;a href=" in html and "&lt;script&gt;" in html


def test_templates_write_buttons_labels_and_summaries_through_the_table():
    bare = []
    for template in (PACKAGE_DIR / "templates").rglob("*.html"):
        for match in INTERFACE_ELEMENTS.finditer(template.read_text(encoding="utf-8")):
            # A symbol (<var>lr</var>) is mathematics, not a word to translate.
            words = re.sub(r"<var\b.*?</var>", " ", match.group(2), flags=re.S)
            words = re.sub(r"\{\{.*?\}\}|\{%.*?%\}|<[^>]*>", " ", words, flags=re.S)
            if re.search(r"[A-Za-z]{2}", words):
                bare.append(f"{template.name}: {match.group(0)[:80]}")
    assert bare == [], "interface text written into a template instead of through labels"


def test_article_toml_labels_reach_the_page_and_its_scripts(tmp_path):
    out = tmp_path / "site"
    build(french_article(tmp_path / "content"), out)
    page = (out / "index.html").read_text(encoding="utf-8")
    assert 'lang="fr"' in page and ">Sommaire<" in page and ">Mode sombre<" in page
    assert ">Contents<" not in page and ">Dark mode<" not in page
    assert '"copy_embed_code": "Copier le code d\'int\\u00e9gration"' in page or \
        '"copy_embed_code": "Copier le code d' in page
    assert ">Afficher le graphique<" in page and "Show the plot" not in page


def test_unknown_sentence_key_is_an_error_at_its_line_naming_the_closest_key(tmp_path):
    config = tiny_article(tmp_path, config_text='title = "T"\nsections = ["one.md"]\n\n[labels]\n'
                                                'gd_flat = "Plat"\ngd_left_mapp = "Hors carte"\n')
    with pytest.raises(BuildError) as caught:
        load_config(config)
    assert caught.value.line == 6 and caught.value.path == config
    assert "gd_left_mapp" in str(caught.value) and "did you mean 'gd_left_map'" in str(caught.value)


def test_unknown_label_is_an_error_at_its_line_naming_the_closest_key(tmp_path):
    config = tiny_article(tmp_path, config_text='title = "T"\nsections = ["one.md"]\n\n'
                                                '[labels]\ncontents = "Sommaire"\ndark_mod = "Sombre"\n')
    with pytest.raises(BuildError) as caught:
        load_config(config)
    assert caught.value.line == 6
    assert "dark_mod" in str(caught.value) and "did you mean 'dark_mode'" in str(caught.value)
    assert str(config.name) in str(caught.value) or caught.value.path == config


def test_a_label_must_be_a_string(tmp_path):
    config = tiny_article(tmp_path, config_text='title = "T"\nsections = ["one.md"]\n'
                                                '[labels]\nrun = 3\n')
    with pytest.raises(BuildError, match="label 'run' must be a string") as caught:
        load_config(config)
    assert caught.value.line == 4


def test_an_article_built_after_another_in_one_process_has_only_its_own_labels(tmp_path):
    # serve and the tests build many articles in one process with one Jinja environment; a macro
    # file imported without context is cached with the globals of its first render.
    surface = "## Surface\n\n::: widget loss-surface\n"
    build(tiny_article(tmp_path / "english", surface), tmp_path / "english-site")
    build(french_article(tmp_path / "french", surface), tmp_path / "french-site")
    page = (tmp_path / "french-site" / "index.html").read_text(encoding="utf-8")
    french = tomllib.loads(FRENCH.read_text(encoding="utf-8"))["labels"]["mean_squared_error"]
    assert f'title="{french}"' in page and 'title="mean squared error"' not in page


def test_french_sentences_reach_the_prerendered_widgets_and_the_browsers_backprop(tmp_path):
    out = tmp_path / "site"
    section = "## Bonjour\n\n::: widget gradient-descent\n\n::: widget network-tool\n"
    build(french_article(tmp_path / "content", section), out)
    french = tomllib.loads(FRENCH.read_text(encoding="utf-8"))["labels"]
    page = (out / "index.html").read_text(encoding="utf-8")
    assert ">perte &lt; 0.1<" in page and "loss &lt;" not in page  # a band (surface.legend)
    assert "Une carte de l&#39;erreur quadratique moyenne" in page  # the map's description
    assert "the input x" not in page and "l&#39;entrée x" in page  # the network's names
    # The reader's Python imports backprop from backprop.zip (zipimport) and finds the same words.
    # It holds Pyodide's bytecode, which this Python cannot read: with the source merged in, as
    # the reader's worker merges it once the page is live, it imports from the source.
    package = tmp_path / "backprop.zip"
    package.write_bytes(next(out.glob("assets/*/backprop.zip")).read_bytes())
    with zipfile.ZipFile(next(out.glob("assets/*/backprop-source.zip"))) as source, \
            zipfile.ZipFile(package, "a") as bundle:
        for name in source.namelist():
            bundle.writestr(name, source.read(name))
    script = ("import sys; sys.path.insert(0, sys.argv[1]); from backprop import wording; "
              "print(wording.__file__); print(wording.say('gd_flat')); "
              "print(wording.say('nt_point', number=1))")
    spoken = subprocess.run([sys.executable, "-I", "-c", script, str(package)], capture_output=True,
                            text=True, check=True).stdout.splitlines()
    assert spoken.pop(0) == f"{package}/backprop/wording.py"
    assert spoken[0] == french["gd_flat"]
    assert spoken[1].startswith("point de données 1 sur")


def test_an_english_build_after_a_french_one_speaks_english_again(tmp_path):
    surface = "## Surface\n\n::: widget loss-surface\n"
    build(french_article(tmp_path / "french", surface), tmp_path / "french-site")
    build(tiny_article(tmp_path / "english", surface), tmp_path / "english-site")
    page = (tmp_path / "english-site" / "index.html").read_text(encoding="utf-8")
    assert "minimum: w = " in page and "A map of the mean squared error" in page
    assert not list((tmp_path / "english-site").glob("assets/*/backprop.zip"))[0].read_bytes() \
        .count(b"backprop/wording.json")


def test_a_placeholder_name_may_hold_a_digit_as_the_footers_d3_licence_does(tmp_path):
    # {d3_licence} was left unfilled in every footer: names were letters and underscores only.
    build(tiny_article(tmp_path / "content"), tmp_path / "site")
    page = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    footer = page[page.index('<footer class="page-footer">'):page.index("</footer>")]
    assert "{d3_licence}" not in footer and "ISC licence</a>);" in footer
    long_run = labels_with()("cell_too_long", cell=3, seconds=5)
    assert long_run == "Cell 3 ran longer than its limit of 5 s"
    assert wording.say("cr_random_draw", seed=7) == "random draw number 7"


def test_a_french_article_rebuilt_after_serve_reimports_backprop_still_speaks_french(tmp_path):
    # serve drops backprop from sys.modules before each rebuild (forget_backprop) so that edits
    # reach the figures; the builder must then set the words of the backprop imported afresh.
    section = "## Bonjour\n\n::: widget loss-surface\n"
    forget_backprop()
    build(french_article(tmp_path / "content", section), tmp_path / "site")
    page = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert ">perte &lt; 0.1<" in page and "loss &lt;" not in page


def test_no_sentence_of_backprop_is_said_when_its_module_is_imported():
    # One process builds articles in several languages (serve, the tests): a say() run at import
    # keeps the first article's words, as the linear training's speed menu did.
    said_at_import = []
    for path in BACKPROP_DIR.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        inside_functions = {id(node) for function in ast.walk(tree)
                            if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
                            for node in ast.walk(function)}
        said_at_import += [f"{path.name}:{node.lineno}" for node in ast.walk(tree)
                           if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "say"
                           and id(node) not in inside_functions]
    assert said_at_import == []
