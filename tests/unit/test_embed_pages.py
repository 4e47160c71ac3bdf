"""Embed pages: one per widget at its defaults, and one for each placement with other options."""

import json
import re
from urllib.parse import unquote, urljoin

from builder.widgets import embed_page, parse_options


def test_options_equal_to_the_defaults_share_the_default_page():
    assert embed_page("gradient-descent", parse_options("gradient-descent", {})) == \
        "embed/gradient-descent.html"
    assert embed_page("gradient-descent", parse_options("gradient-descent", {"lr": "0.050"})) == \
        "embed/gradient-descent.html"


def test_other_options_get_a_page_named_after_them_whatever_their_spelling():
    first = embed_page("gradient-descent", parse_options("gradient-descent", {"lr": "0.2"}))
    again = embed_page("gradient-descent", parse_options("gradient-descent", {"lr": "0.20"}))
    other = embed_page("gradient-descent", parse_options("gradient-descent", {"lr": "0.3"}))
    assert first == again != other
    assert first.startswith("embed/gradient-descent-") and first.endswith(".html")


def test_the_build_writes_each_placements_page_once(tiny_site):
    section = ("## One\n\n::: widget gradient-descent lr=0.2\n\n::: widget gradient-descent lr=0.20\n\n"
               "::: widget gradient-descent\n")
    out = tiny_site(section)
    own = embed_page("gradient-descent", parse_options("gradient-descent", {"lr": "0.2"}))
    pages = sorted(p.name for p in (out / "embed").glob("gradient-descent*.html"))
    assert pages == sorted(["gradient-descent.html", own.removeprefix("embed/")])
    assert '<option value="0.2" selected>' in (out / own).read_text(encoding="utf-8")
    html = (out / "index.html").read_text(encoding="utf-8")
    assert html.count(f'data-embed="{own}"') == 2 and html.count('data-embed="embed/gradient-descent.html"') == 1


def test_two_tools_with_their_own_address_keys_each_get_an_embed_page(tiny_site):
    # The tool's default page and a placed tool's page both keep settings under '#tool=…': they
    # are separate pages, so that is no clash, unlike two tools on one page.
    section = ("## One\n\n::: widget network-tool lr=0.01\n\n"
               "::: widget network-tool address_key=second\n")
    out = tiny_site(section)
    pages = sorted(p.name for p in (out / "embed").glob("network-tool*.html"))
    assert len(pages) == 3 and "network-tool.html" in pages


def test_an_embed_page_links_katexs_stylesheet_only_when_its_figure_holds_math(tiny_site):
    site = tiny_site()
    for name, math in [("manual-tuning", True), ("chain-rule", True), ("network-tool", False),
                       ("linear-training", False)]:
        page = (site / "embed" / f"{name}.html").read_text(encoding="utf-8")
        assert ('class="katex' in page) == math, name
        assert ("katex.min.css" in page) == math, name
    assert "katex.min.css" in (site / "index.html").read_text(encoding="utf-8")


def test_every_embed_page_names_one_shared_worker_whose_address_says_how_to_start_python(tiny_site):
    """The fragment of the shared worker's address holds Python's start, with paths from the
    worker's own folder: they lead to the page's own files, and every page names the same worker
    (a different address would start a second Python)."""
    site = tiny_site()
    workers = set()
    for page in sorted((site / "embed").glob("*.html")):
        text = page.read_text(encoding="utf-8")
        config = json.loads(re.search(r'id="runtime-config">(.*?)</script>', text).group(1))
        page_url = f"https://school.example/course/embed/{page.name}"
        worker = urljoin(page_url, config["sharedWorker"])
        workers.add(worker)
        script, _, fragment = worker.partition("#init=")
        init = json.loads(unquote(fragment))
        assert init.pop("type") == "init"
        assert set(init) == {"pyodide", "backprop", "backpropSource", "snapshot"} & set(config)
        for key, path in init.items():
            assert urljoin(script, path) == urljoin(page_url, config[key]), (page.name, key)
    assert len(workers) == 1 and len(list((site / "embed").glob("*.html"))) >= 8
