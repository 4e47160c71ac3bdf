"""The shape the codebase keeps (issue 13): no module over 400 lines and no function over 60, in
Python or in the front end's JavaScript, unless a comment right above it says why its length is
its clarity (``# long on purpose: ...`` / ``// long on purpose: ...``)."""

import ast
import re

import pytest

from builder import BACKPROP_DIR, PACKAGE_DIR

MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
REASON = "long on purpose:"

PYTHON = sorted([*PACKAGE_DIR.rglob("*.py"), *BACKPROP_DIR.rglob("*.py")])
JAVASCRIPT = sorted(p for p in (PACKAGE_DIR / "static" / "js").rglob("*") if p.suffix in (".js", ".mjs"))

# Where a JavaScript function starts, in this codebase's formatting (two-space indents, the
# opening brace ending the line): a declaration, a method, or an arrow function given a name or
# handed to a listener. It ends at the first later line that starts with its indent and "}".
_JS_FUNCTION = re.compile(
    r"^(?P<indent>\s*)(?:export\s+)?(?:async\s+)?(?:"
    r"function\b.*"                                        # function name(...) {
    r"|(?:static\s+)?(?:get\s+|set\s+)?[\w$]+\s*\(.*\)"      # method(...) {
    r"|(?:const|let)\s+[\w$]+\s*=\s*(?:async\s*)?(?:\(.*\)|[\w$]+)\s*=>"  # const f = (...) => {
    r"|.*\.addEventListener\(.*=>"                           # el.addEventListener("x", (e) => {
    r")\s*\{$")
_NOT_FUNCTIONS = re.compile(r"^\s*(?:if|for|while|switch|catch|else|do|try)\b")


def relative(path):
    return path.relative_to(PACKAGE_DIR.parent).as_posix()


def excused(lines, first):
    """True when the line above line index ``first`` gives the reason for a long function."""
    return first > 0 and REASON in lines[first - 1]


def python_functions(path):
    """(name, first line index, length) of every function and method in a Python file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            first = min([node.lineno, *(d.lineno for d in node.decorator_list)]) - 1
            yield node.name, first, node.end_lineno - first


def javascript_functions(lines):
    """(first line, first line index, length) of every function in a JavaScript file."""
    for i, line in enumerate(lines):
        start = _JS_FUNCTION.match(line)
        if not start or _NOT_FUNCTIONS.match(line):
            continue
        closing = start.group("indent") + "}"
        end = next((j for j in range(i + 1, len(lines)) if lines[j].startswith(closing)), None)
        if end is not None:
            yield line.strip(), i, end - i + 1


@pytest.mark.parametrize("path", PYTHON + JAVASCRIPT, ids=relative)
def test_no_module_is_over_400_lines(path):
    assert path.read_text(encoding="utf-8").count("\n") <= MAX_MODULE_LINES


@pytest.mark.parametrize("path", PYTHON, ids=relative)
def test_no_python_function_is_over_60_lines_without_a_reason(path):
    lines = path.read_text(encoding="utf-8").split("\n")
    long = [f"{name} ({length} lines)" for name, first, length in python_functions(path)
            if length > MAX_FUNCTION_LINES and not excused(lines, first)]
    assert long == []


@pytest.mark.parametrize("path", JAVASCRIPT, ids=relative)
def test_no_javascript_function_is_over_60_lines_without_a_reason(path):
    lines = path.read_text(encoding="utf-8").split("\n")
    long = [f"line {first + 1}: {head} ({length} lines)"
            for head, first, length in javascript_functions(lines)
            if length > MAX_FUNCTION_LINES and not excused(lines, first)]
    assert long == []


def test_the_javascript_measure_finds_functions_of_every_form():
    source = """\
export async function load(url) {
  return 1;
}
class Tool {
  static from(root) {
    return new Tool(root);
  }
}
const draw = (points) => {
  draw.count += 1;
};
button.addEventListener("click", (event) => {
  if (event) {
    go();
  }
});
""".split("\n")
    found = {head: length for head, _, length in javascript_functions(source)}
    assert found == {"export async function load(url) {": 3, "static from(root) {": 3,
                     "const draw = (points) => {": 3,
                     'button.addEventListener("click", (event) => {': 5}
