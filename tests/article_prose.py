"""The article's prose as a reader sees it, for the tests of its length and of its claims.

The article body is every section of content/ whose file name starts with 0 or 10- (in that
order), the glossary aside. reader_words(text) are the words a reader reads there:

- fenced code blocks, widget directives (``::: widget …``) and HTML comments are not prose and
  count for nothing;
- a display formula (``$$…$$``) stands apart from the sentences, like a figure: no words;
- an inline formula (``$…$``) is read as one term of its sentence (``$w = 1$``, ``$\\hat y$``):
  one word, however many symbols it holds;
- markup counts for nothing, only the text it shows: HTML tags, ``**``/``*``/``_``, heading and
  list marks, ``[[shown|term]]`` (the shown text), ``[text](address)`` (the text); a bare
  address (``<https://…>``) is one word, and so is an inline code span's text per word;
- a word is a run of characters between spaces that holds a letter or a digit, so a dash or a
  lone symbol is no word, while "2.1", "don't" and "one-neuron" are one each.
"""

import re

from builder import REPO_DIR
from builder.markdown_ext.glossary import TERM_MARK
from builder.markdown_ext.math import MATH
from builder.markdown_ext.source_scan import code_ranges
from builder.markdown_ext.widget_directive import DIRECTIVE

CONTENT = REPO_DIR / "content"

_COMMENT = re.compile(r"<!--.*?-->", re.S)
_LINK = re.compile(r"(?<!!)\[(?P<text>[^\]\n]+)\]\([^)\s]+\)")
_AUTOLINK = re.compile(r"<(?P<address>https?://[^>\s]+)>")
_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_MARKS = re.compile(r"\*\*|\*|(?<!\w)_|_(?!\w)|^[ \t]*#{1,6}[ \t]+|^[ \t]*(?:[-+]|\d+[.)])[ \t]+",
                    re.M)
_WORD = re.compile(r"[^\W_]")  # a letter or a digit


def body_files():
    """The article body's section files, in the article's order (glossary aside)."""
    return sorted(CONTENT.glob("0*.md")) + sorted(CONTENT.glob("10-*.md"))


def without_fences(text):
    """The text without its fenced code blocks (inline code spans stay: a reader reads them)."""
    fences = [(start, end) for start, end in code_ranges(text)
              if re.match(r"[ ]{0,3}(```|~~~)", text[start:end])]
    for start, end in reversed(fences):
        text = text[:start] + text[end:]
    return text


def reader_text(text):
    """The prose of one section's Markdown as it reads, by the rules of the module's docstring."""
    text = without_fences(_COMMENT.sub("", text))
    text = DIRECTIVE.sub("", text)
    text = MATH.sub(lambda m: "" if m.group("display") is not None
                    else " formula" + m.group("tail"), text)
    text = TERM_MARK.sub(lambda m: m.group("shown") or m.group("id"), text)
    text = _LINK.sub(lambda m: m.group("text"), text)
    text = _AUTOLINK.sub(lambda m: m.group("address"), text)
    text = _TAG.sub("", text)
    return _MARKS.sub("", text)


def reader_words(text):
    """The words a reader reads in one section's Markdown."""
    return [word for word in reader_text(text).split() if _WORD.search(word)]


def body_word_count():
    """Words in the whole article body."""
    return sum(len(reader_words(path.read_text(encoding="utf-8"))) for path in body_files())


def section(prefix):
    """The Markdown of the one body section whose file name starts with ``prefix`` ("09"), its
    white space collapsed, so a test can look for a phrase however the lines were wrapped."""
    (path,) = [p for p in body_files() if p.name.startswith(prefix)]
    return " ".join(path.read_text(encoding="utf-8").split())
