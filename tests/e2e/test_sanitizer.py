"""An article from an untrusted author, built with ``sanitize_html = true``, in a real Chromium under
the page's <meta> policy only (as GitHub Pages serves it): the author's payloads are gone from the
HTML, and clicking, hovering and focusing them opens no dialog, leaves no page and lays nothing
over the article."""

import textwrap
from urllib.parse import urldefrag

import pytest
from playwright.sync_api import expect

from tests.conftest import serving, url_of

pytestmark = pytest.mark.e2e

DATA_PAGE = "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="  # <script>alert(1)</script>
COVER = "position:fixed;inset:0;z-index:9999;background:red"

SECTION = textwrap.dedent(f"""\
    ## Payloads

    A paragraph laid over the page.
    {{: #cover style="{COVER}" onclick="alert('attr_list')" onmouseover="alert('attr_list')" }}

    <div markdown="1" id="banner" class="build-error" style="position:sticky;top:0"
         onmouseover="alert('div')" onfocus="alert('div focus')" tabindex="0">
    A **banner** aside.
    </div>

    [markdown js link](javascript:alert(1)) and [markdown data link]({DATA_PAGE})
    and [markdown vb link](vbscript:msgbox(1)).

    <p><a href="java&#x09;script:alert('entity')">entity js link</a>
    <a href="JaVaScRiPt&colon;alert('case')">mixed-case js link</a>
    <img src="data:image/png;base64,broken" onerror="alert('img')" alt="broken dot">
    <span style="{COVER}" onmouseover="alert('span')">overlay span</span></p>

    <meta http-equiv="refresh" content="0;url=https://example.org/">

    <script>alert('script')</script>

    The [[loss]] explains itself; [back to the start](#payloads).
    """)

GLOSSARY = textwrap.dedent("""\
    ## loss

    How wrong the model is, $L$. <img src="data:image/png;base64,broken" onerror="alert('glossary')" alt="">
    <script>alert('glossary script')</script> [more](javascript:alert(2))
    {: style="position:fixed;inset:0" onclick="alert('glossary attr')" }
    """)

# What a sanitised page must not hold anywhere.
PAYLOAD_MARKS = ["alert", "msgbox", "javascript", "vbscript", "data:text", "onclick", "onmouseover",
                 "onfocus", "onerror", "position:fixed", "position:sticky", "build-error",
                 'http-equiv="refresh"', "tabindex"]


@pytest.fixture
def untrusted_site(tiny_site):
    return tiny_site(SECTION, glossary=GLOSSARY, config={"sanitize_html": True})


def test_sanitised_payloads_are_gone_from_the_built_page(untrusted_site):
    html = (untrusted_site / "index.html").read_text(encoding="utf-8")
    article = html[html.index('<main id="article"'):html.index("</main>")]
    assert [mark for mark in PAYLOAD_MARKS if mark in article] == []
    assert "<script" not in article
    assert "A <strong>banner</strong> aside." in article  # the author's words stay


def test_payloads_open_no_dialog_leave_no_page_and_cover_nothing(page, untrusted_site):
    dialogs, popups, visited = [], [], []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("popup", lambda popup: popups.append(popup.url))
    page.on("framenavigated", lambda frame: frame == page.main_frame and visited.append(frame.url))
    with serving(untrusted_site, policy="") as server:  # the page's <meta> policy alone
        start = url_of(server)
        page.goto(start)

        # Nothing of the author's is fixed or stuck over the page, and the middle of the window
        # shows the page itself (this short article leaves the masthead in the middle).
        positioned = page.evaluate("""() => [...document.querySelectorAll("#article section *")]
            .filter((element) => ["fixed", "sticky"].includes(getComputedStyle(element).position))
            .map((element) => element.outerHTML.slice(0, 80))""")
        assert positioned == []
        middle = page.evaluate("""() => {
            const element = document.elementFromPoint(innerWidth / 2, innerHeight / 2);
            const positions = [];
            for (let e = element; e; e = e.parentElement) positions.push(getComputedStyle(e).position);
            return {inArticle: element.closest("#article, .masthead") !== null,
                    laidOver: positions.some((position) => ["fixed", "sticky"].includes(position))};
        }""")
        assert middle == {"inArticle": True, "laidOver": False}

        section = page.locator("#article section").first
        for name in ["markdown js link", "markdown data link", "markdown vb link",
                     "entity js link", "mixed-case js link"]:
            link = section.get_by_text(name, exact=True)
            link.hover()
            link.click()
        for text in ["A paragraph laid over the page.", "A banner aside.", "overlay span"]:
            element = section.get_by_text(text, exact=True)
            element.hover()
            element.click()
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
        term = section.locator("a.term")
        term.click()
        tooltip = page.get_by_role("tooltip")
        expect(tooltip).to_contain_text("How wrong the model is")
        tooltip.get_by_text("more", exact=True).click()

        # A last, harmless link: once it has moved the page, anything the clicks above set off
        # would have happened too.
        section.get_by_role("link", name="back to the start").click()
        expect(page).to_have_url(start + "#payloads")

    assert dialogs == [] and popups == []
    assert {urldefrag(url).url for url in visited} == {start}
