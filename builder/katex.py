"""KaTeX at build time: one warm QuickJS engine renders every formula of the build.

The page then needs no math JavaScript at all, only KaTeX's CSS and fonts, which ``vendor.py``
copies from the same KaTeX package so markup and styles always match.
"""

import json

import quickjs

from builder.vendor import node_package, verified_bytes

# Runs inside QuickJS. Strings cross the boundary as JSON because QuickJS-ng hands some string
# representations back to Python as an unknown tag.
_BATCH_RENDERER = r"""
// \\weight{w}, \\bias{b}, \\loss{L}: the article's colours as CSS classes, so formulas follow the
// page's light or dark palette. Only these classes are trusted; every other HTML command is refused.
var MACROS = {"\\weight": "\\htmlClass{c-weight}{#1}", "\\bias": "\\htmlClass{c-bias}{#1}",
              "\\loss": "\\htmlClass{c-loss}{#1}"};
var UNTRUSTED = "#cc0001";
function strictButColours(code) {
  return code === "htmlExtension" ? "ignore" : "error";  // \htmlClass, limited by trust below
}
function onlyColourClasses(context) {
  return context.command === "\\htmlClass" && /^c-(weight|bias|loss)$/.test(context.class);
}

globalThis.renderBatch = function (jobsJson) {
  var jobs = JSON.parse(jobsJson);
  return JSON.stringify(jobs.map(function (job) {
    try {
      var html = katex.renderToString(job.tex, {
        displayMode: job.display, throwOnError: true, strict: strictButColours, output: "htmlAndMathml",
        macros: Object.assign({}, MACROS), trust: onlyColourClasses, errorColor: UNTRUSTED});
      // KaTeX draws an untrusted command in errorColor instead of throwing: make it an error.
      if (html.indexOf(UNTRUSTED) >= 0) return {error: "a command that is not allowed here " +
        "(only \\weight, \\bias and \\loss may add HTML classes; no links or styles)"};
      return {html: html};
    } catch (err) {
      return {error: String(err && err.message || err)};
    }
  }));
};
"""


class KatexError(ValueError):
    """KaTeX could not parse a formula; the message is KaTeX's own."""


class Katex:
    """A KaTeX engine loaded once; ``render_many`` renders a list of formulas in one call."""

    def __init__(self):
        self.version = node_package("katex")["version"]
        self._context = quickjs.Context()
        # Checked before it runs, and the checked bytes are the ones that run.
        self._context.eval(verified_bytes("katex", "dist/katex.min.js").decode("utf-8"))
        self._context.eval(_BATCH_RENDERER)
        self._cache = {}

    def render_many(self, formulas):
        """``formulas`` is a list of (tex, display). Returns a list of HTML strings or KatexErrors."""
        todo = [f for f in dict.fromkeys(formulas) if f not in self._cache]
        if todo:
            jobs = json.dumps([{"tex": tex, "display": display} for tex, display in todo])
            results = json.loads(self._context.eval(f"renderBatch({json.dumps(jobs)})"))
            for formula, result in zip(todo, results):
                self._cache[formula] = result.get("html") or KatexError(result["error"])
        return [self._cache[f] for f in formulas]

    def render(self, tex, display=False):
        result = self.render_many([(tex, display)])[0]
        if isinstance(result, KatexError):
            raise result
        return result
