"""The interface's words come from one table (builder/labels.py) that article.toml's [labels]
overrides: checked keys, every key used, no interface text in a template that bypasses it."""

import re
import tomllib
from pathlib import Path

import pytest

from builder import PACKAGE_DIR
from builder.config import load_config
from builder.errors import BuildError
from builder.labels import DEFAULTS
from tests.articles import build, tiny_article

FRENCH = Path(__file__).parents[1] / "labels_fr.toml"
SEARCHED = [*(PACKAGE_DIR / "templates").rglob("*.html"), *(PACKAGE_DIR / "static/js").rglob("*.js"),
            *(PACKAGE_DIR / "static/js").rglob("*.mjs"), *PACKAGE_DIR.glob("*.py")]
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


def test_every_label_is_used_by_a_template_or_script():
    sources = "\n".join(path.read_text(encoding="utf-8") for path in SEARCHED
                        if path.name != "labels.py")
    unused = [key for key in DEFAULTS
              if not re.search(rf"labels\.{key}\b|labels(\.html)?\(\"{key}\"|[\"']{key}[\"']"
                               rf"|words\.{key}\b", sources)]
    assert unused == [], "labels no page or script shows"


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
