"""The guide's second article (docs/example) builds with the generator, and the guide's commands are real.

The article is not ours: other prose, its own glossary, widgets placed with options, a footnote, a
table, an aside and a hand-drawn figure. Building it proves the generator on content it was not
written around; the guide (docs/guide.md) walks an author through writing it.
"""

import re
import shlex

import pytest

from builder import REPO_DIR
from builder.cli import VERBS, parser
from builder.site_check import problems_in
from builder.config import load_config
from builder.glossary import load_glossary
from builder.katex import Katex
from builder.markdown_ext.widget_directive import DIRECTIVE, parse_directive
from tests.articles import build

DOCS = REPO_DIR / "docs"
CONFIG = DOCS / "example" / "article.toml"
GUIDE = DOCS / "guide.md"


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    """(BuildResult, index.html text, ArticleConfig): the example built once, strictly, so a
    warning (an unmarked term, a skipped heading level) fails these tests too."""
    out = tmp_path_factory.mktemp("example") / "site"
    result = build(CONFIG, out, strict=True)
    return result, (out / "index.html").read_text(encoding="utf-8"), load_config(CONFIG)


def directives(config):
    """[(name, {option: text})] of every ::: widget line in the sections, in reading order."""
    found = []
    for section in config.sections:
        for match in DIRECTIVE.finditer(section.read_text(encoding="utf-8")):
            found.append(parse_directive(match.group("rest")))
    return found


def test_the_widgets_placed_are_the_ones_the_article_names(example):
    result, html, config = example
    named = directives(config)
    assert result.widgets == [name for name, _ in named]
    assert len(named) >= 2 and all(options for _, options in named)  # each shows off its options
    for name, _ in named:
        assert f'data-widget="{name}"' in html


def widget_html(html, name):
    """The HTML of the first widget `name` on the page, up to the next widget."""
    start = html.index(f'data-widget="{name}"')
    end = html.find('data-widget="', start + 1)
    return html[start:end if end > 0 else len(html)]


def test_directive_options_reach_the_prerendered_widgets(example):
    _, html, config = example
    options = dict(directives(config))
    lr = float(options["gradient-descent"]["lr"])
    assert re.search(rf'<option value="{lr:g}" selected>', widget_html(html, "gradient-descent"))
    speed = options["linear-training"]["speed"]
    assert re.search(rf'<option value="{speed}"[^>]*selected>', widget_html(html, "linear-training"))


def test_a_widget_placed_with_options_embeds_with_them(example):
    result, html, config = example
    site = result.out_dir
    lr = float(dict(directives(config))["gradient-descent"]["lr"])
    found = re.search(r'data-widget="gradient-descent" data-embed="(embed/gradient-descent-[0-9a-f]{8}\.html)"',
                      html)
    assert found, "the article's widget names an embed page of its own"
    own = (site / found.group(1)).read_text(encoding="utf-8")
    assert re.search(rf'<option value="{lr:g}" selected>', own)  # the article's rate, pre-rendered
    default = (site / "embed" / "gradient-descent.html").read_text(encoding="utf-8")
    assert not re.search(rf'<option value="{lr:g}" selected>', default)  # still the defaults
    assert problems_in(site) == []


def test_every_glossary_term_is_defined_and_marked_in_the_prose(example):
    _, html, config = example
    glossary = load_glossary(config.glossary, Katex())
    ids = [entry.id for entry in glossary.entries]
    assert len(ids) == 3
    for term in ids:
        assert f'<dt id="glossary-{term}">' in html
        assert f'<a class="term" href="#glossary-{term}"' in html
        assert f'data-term="{term}"' in html


def test_footnote_table_aside_figure_and_code_appear(example):
    _, html, _ = example
    code = html.split('<code class="language-python">', 1)[1].split("</code>", 1)[0]
    assert re.sub(r"<[^>]*>", "", code).startswith("w = w - lr * dL_dw\n")
    # Footnote ids carry their section's number, so two sections' [^1] never share one.
    assert '<sup id="fnref:1-1"><a class="footnote-ref" href="#fn:1-1"' in html
    assert '<div class="footnote">' in html and '<li id="fn:1-1">' in html
    assert re.search(r"<table>\s*<thead>\s*<tr>\s*<th", html)
    assert '<td style="text-align: right;">0.5</td>' in html
    assert '<div class="aside">' in html  # md_in_html: the Markdown inside was converted
    aside = html[html.index('<div class="aside">'):]
    assert aside.index("<strong>Why is the edge") < aside.index("</div>")
    figure = html[html.index('<figure class="sketch" id="zig-zag">'):]
    figure = figure[:figure.index("</figure>")]
    assert 'role="img"' in figure and "<title" in figure
    assert '<figcaption>' in figure and 'class="katex"' in figure  # math inside raw HTML


def test_math_is_katex_html_with_the_colour_macros(example):
    _, html, _ = example
    article = html[html.index("<main"):html.index('<section class="section glossary"')
                   if '<section class="section glossary"' in html else html.index("</main>")]
    assert article.count('<span class="katex-display">') >= 3
    assert '<span class="katex-mathml"><math' in article  # MathML for screen readers
    for colour in ("c-weight", "c-bias", "c-loss"):
        assert f'class="enclosing {colour}"' in article
    text = re.sub(r"<(code|annotation)\b.*?</\1>", "", article, flags=re.S)
    assert "$" not in re.sub(r"<[^>]+>", "", text)  # no formula left as TeX


def test_the_built_example_has_no_broken_reference(example):
    result, _, _ = example
    assert problems_in(result.out_dir) == []


def guide_commands():
    """Every line of a ```sh block in the guide that runs the generator with `python -m builder`."""
    text = GUIDE.read_text(encoding="utf-8")
    commands = []
    for block in re.findall(r"^```sh\n(.*?)^```", text, flags=re.S | re.M):
        for line in block.splitlines():
            line = line.split("  #")[0].strip()  # a trailing comment explains the command
            if re.match(r"(\S*/)?python3? -m builder\b", line):
                commands.append(line)
    return commands


def test_the_guide_runs_the_generator_in_its_shell_blocks():
    assert len(guide_commands()) >= 5


@pytest.mark.parametrize("command", guide_commands())
def test_every_generator_command_in_the_guide_is_a_real_verb_with_real_options(command):
    words = shlex.split(command)
    args = words[words.index("builder") + 1:]
    assert args and args[0] in VERBS, f"{command!r}: not one of {', '.join(VERBS)}"
    if "--help" not in args:
        parser().parse_args(args)  # argparse exits (SystemExit) on an unknown option
