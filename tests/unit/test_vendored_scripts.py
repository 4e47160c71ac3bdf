"""A vendored script is checked against its recorded hash before it runs, and the checked bytes are
the ones that run."""

import shutil

import pytest
import quickjs

from builder import vendor
from builder.errors import BuildError
from builder.katex import Katex

TAMPERING = "\n;globalThis.tampered = 'this code ran';\n"


@pytest.fixture
def tampered_katex(tmp_path, monkeypatch):
    """node_modules where KaTeX's build-time script carries an extra line; returns that script."""
    node_modules = tmp_path / "node_modules"
    shutil.copytree(vendor.NODE_MODULES / "katex", node_modules / "katex")
    script = node_modules / "katex" / "dist" / "katex.min.js"
    script.write_text(script.read_text(encoding="utf-8") + TAMPERING, encoding="utf-8")
    monkeypatch.setattr(vendor, "NODE_MODULES", node_modules)
    return script


@pytest.fixture
def evaluated(monkeypatch):
    """Every piece of code any QuickJS context evaluates, in order."""
    seen = []
    real_context = quickjs.Context

    class RecordingContext:
        def __init__(self):
            self.inner = real_context()

        def eval(self, code):
            seen.append(code)
            return self.inner.eval(code)

    monkeypatch.setattr(quickjs, "Context", RecordingContext)
    return seen


def test_a_tampered_katex_script_stops_the_build_before_any_of_it_runs(tampered_katex, evaluated):
    with pytest.raises(BuildError, match=r"katex\.min\.js: content differs from the hash recorded"):
        Katex()
    assert not any(TAMPERING.strip() in code for code in evaluated)


def test_the_untampered_katex_script_runs_as_checked(evaluated):
    katex = Katex()
    assert evaluated[0] == vendor.verified_bytes("katex", "dist/katex.min.js").decode("utf-8")
    assert '<span class="katex">' in katex.render("w")
