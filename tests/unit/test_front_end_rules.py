"""Rules every front-end file keeps, checked on the source: no HTML parsing of strings, no eval,
no inline script code in the templates, nothing loaded from another host."""

import re

import pytest

from builder import PACKAGE_DIR

# The example widget ``new`` writes into an article is ours too, and authors copy it.
EXAMPLE = PACKAGE_DIR / "new_article"
SCRIPTS = sorted((PACKAGE_DIR / "static" / "js").rglob("*.js")) + sorted(
    (PACKAGE_DIR / "static" / "js").rglob("*.mjs")) + sorted(EXAMPLE.rglob("*.js"))
TEMPLATES = sorted((PACKAGE_DIR / "templates").rglob("*.html")) + sorted(EXAMPLE.rglob("*.html"))


@pytest.mark.parametrize("path", SCRIPTS, ids=lambda p: p.name)
def test_script_never_parses_strings_as_html_or_code(path):
    source = path.read_text(encoding="utf-8")
    forbidden = re.findall(r"\.innerHTML|\.outerHTML|insertAdjacentHTML|document\.write|"
                           r"\beval\(|new Function\(|\.html\(", source)
    assert forbidden == []


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.name)
def test_template_has_no_inline_script_code_or_handlers(path):
    source = path.read_text(encoding="utf-8")
    for tag in re.findall(r"<script\b[^>]*>", source):
        # Data blocks are never run: the runtime config, the single file's base64 files.
        assert "src=" in tag or re.search(r'type="(application/json|text/x-base64)"', tag), tag
    assert not re.search(r"\son[a-z]+\s*=", source), "inline event handler"
    assert not re.search(r"(src|href)=\"(https?:)?//", source), "reference to another host"
