"""``make bench``: measure the built article in headless Chromium and print a table.

Figures, not assertions: build time, the size of site/ (article shell against the Pyodide
runtime), and in the browser the time from navigation until Python is ready and until the first
widget answers. Run with ``python -m tests.bench [--runs N]``.
"""

import argparse
import gzip
import statistics
import tempfile
import threading
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from builder import REPO_DIR
from builder.commands.build import build
from builder.commands.serve import make_server
from tests.conftest import HARDENING_ARGS, chromium_executable


def folder_bytes(path):
    return sum(p.stat().st_size for p in Path(path).rglob("*") if p.is_file())


def measure_build(out, runs):
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        build(REPO_DIR / "content" / "article.toml", out)
        times.append(time.perf_counter() - started)
    return times


def measure_page(browser, url):
    """Milliseconds from navigation start to: first paint, Python ready, manual-tuning answering a
    key press (each run in a new context: a cold cache); the files fetched before the first paint;
    the cumulative layout shift."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(url)
    page.wait_for_selector("#python-status[data-state=ready]", timeout=60_000)
    ready = page.evaluate("performance.now()")
    slider = page.locator(".widget-manual-tuning").get_by_role("slider", name="Weight w", exact=True)
    loss = page.locator(".widget-manual-tuning").get_by_role("status", name="loss", exact=True)
    before = loss.text_content()
    slider.press("ArrowRight")
    page.wait_for_selector(f".widget-manual-tuning output[aria-label=loss]:not(:text-is('{before}'))")
    answered = page.evaluate("performance.now()")
    paint = page.evaluate(
        "performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null")
    # Everything fetched before the first paint (the article shell), and layout shifts so far.
    before_paint = page.evaluate(
        "performance.getEntriesByType('resource').filter(e => e.startTime < %f).map(e => e.name)"
        % paint) + [url]
    shift = page.evaluate("""new Promise(resolve => {
        let total = 0;
        new PerformanceObserver(list => { for (const e of list.getEntries())
            if (!e.hadRecentInput) total += e.value; }).observe({type: "layout-shift", buffered: true});
        setTimeout(() => resolve(total), 100);
    })""")
    context.close()
    return {"first paint": paint, "python ready": ready, "widget answers": answered,
            "layout shift": shift, "shell": before_paint}


def shell_bytes(site, url, urls):
    """Raw and gzip -9 bytes of the files fetched before the first paint."""
    raw = packed = 0
    for fetched in set(urls):
        path = site / (fetched[len(url):].split("#")[0].split("?")[0] or "index.html")
        data = path.read_bytes()
        raw += len(data)
        packed += len(gzip.compress(data, 9))
    return raw, packed


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "site"
        build_times = measure_build(out, args.runs)
        total = folder_bytes(out)
        pyodide = folder_bytes(next((out / "vendor").glob("pyodide-*")))
        server = make_server(out, port=0)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_address[1]}/"
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium_executable(playwright), args=HARDENING_ARGS)
            pages = [measure_page(browser, url) for _ in range(args.runs)]
            browser.close()
        server.shutdown()

        shell_raw, shell_gzip = shell_bytes(out, url, pages[0].pop("shell"))
        for p in pages[1:]:
            p.pop("shell")

    rows = [
        ("build (warm, s)", build_times),
        ("before first paint, raw (KB)", [shell_raw / 1e3]),
        ("before first paint, gzip -9 (KB; budget 350)", [shell_gzip / 1e3]),
        ("site/ total (MB)", [total / 1e6]),
        ("  Pyodide runtime (MB)", [pyodide / 1e6]),
        ("  article shell and the rest (MB)", [(total - pyodide) / 1e6]),
    ]
    for key in pages[0]:
        rows.append((f"{key} after navigation (ms)", [p[key] for p in pages if p[key] is not None]))
    width = max(len(name) for name, _ in rows)
    print(f"{'measure':<{width}}  median     runs")
    for name, values in rows:
        runs = ", ".join(f"{v:.3g}" for v in values)
        print(f"{name:<{width}}  {statistics.median(values):<9.4g}  {runs}")


if __name__ == "__main__":
    main()
