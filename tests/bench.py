"""``make bench``: measure the built article in headless Chromium and print a table.

Figures, not assertions: build time, the size of site/ (article shell against the Pyodide
runtime), and in the browser the time from navigation until Python is ready and until the first
widget answers a key press, read on the page's own clock (CLOCK), in the headless Chromium
bench_probe.bench_executable picks. Each page measure runs beside the same measure on a site
built by the baseline commit (``--baseline``; default: the commit before issue 17's start-up
work), interleaved, each run in a new browser context (a cold cache); the bytes a gzip-serving host (GitHub Pages) sends
before the first widget answers are printed file by file, as gzip -9 of each file fetched.
Run with ``python -m tests.bench [--runs N] [--baseline REV]``.
"""

import argparse
import gzip
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import tomllib
from pathlib import Path

from playwright.sync_api import sync_playwright

from builder import REPO_DIR
from builder.vendor import NODE_MODULES
from builder.preview_server import make_server
from tests.articles import build
from tests.bench_probe import launch


def folder_bytes(path):
    return sum(p.stat().st_size for p in Path(path).rglob("*") if p.is_file())


def measure_build(out, runs):
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        build(REPO_DIR / "content" / "article.toml", out)
        times.append(time.perf_counter() - started)
    return times


def config_without_snapshot(folder):
    """The article's config, written to ``folder`` with python_snapshot = false (paths made
    absolute), to measure what the start-up snapshot saves."""
    source = REPO_DIR / "content" / "article.toml"
    raw = tomllib.loads(source.read_text(encoding="utf-8"))
    raw["sections"] = [str(source.parent / name) for name in raw["sections"]]
    if raw.get("glossary"):
        raw["glossary"] = str(source.parent / raw["glossary"])
    raw["python_snapshot"] = False
    lines = [f"{key} = {json.dumps(value)}" for key, value in raw.items()]  # JSON values are TOML
    path = Path(folder) / "article-without-snapshot.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


BASELINE = "7568ea5"  # main before issue 17 (start-up time and bytes)


def build_baseline(rev, folder):
    """The article built by the builder as it was at ``rev`` (its own code, this checkout's
    node_modules and content), into ``folder/site``; returns that folder."""
    source = Path(folder) / "baseline"
    source.mkdir()
    archive = subprocess.run(["git", "-C", str(REPO_DIR), "archive", rev], check=True,
                             capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(source)], input=archive, check=True)
    (source / "node_modules").symlink_to(NODE_MODULES.resolve())
    out = Path(folder) / "site-baseline"
    env = {**os.environ, "PYTHONPATH": str(source / "pyodide_src") + os.pathsep + str(source)}
    subprocess.run([sys.executable, "-m", "builder", "build", "--config",
                    str(REPO_DIR / "content" / "article.toml"), "--out", str(out)],
                   cwd=source, env=env, check=True, capture_output=True)
    return out


# Runs in the page before its own scripts and reads the page's own clock, so that no figure waits
# on the harness noticing: Playwright's polling noticed a change 0.2-0.5 s late while the page
# started (the moments below against wait_for_selector's return). Notes when the status turns
# ready, when manual tuning's slider is enabled (then it is focused, as for a reader who tabbed to
# it, and the harness is told at once by a console message, to press a key), when the key goes
# down, and when the loss shows its first new number (the harness is told again).
CLOCK = """
(() => {
  const moments = window.__benchClock = {};
  const now = () => performance.now();
  new MutationObserver(() => {
    const status = document.getElementById("python-status");
    if (!moments.ready && status?.dataset.state === "ready") moments.ready = now();
    const slider = document.querySelector(".widget-manual-tuning [data-role=w]");
    if (!moments.enabled && slider && !slider.disabled) {
      moments.enabled = now();
      slider.focus({ preventScroll: true });
      console.log("bench: slider enabled");
    }
    const loss = document.querySelector(".widget-manual-tuning output[aria-label=loss]");
    if (loss && moments.loss === undefined) moments.loss = loss.textContent;
    if (loss && moments.key && !moments.answered && loss.textContent !== moments.loss) {
      moments.answered = now();
      console.log("bench: answered");
    }
  }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
  addEventListener("keydown", () => { moments.key ??= now(); }, true);
})();
"""


def saying(text):
    """A predicate for the console message CLOCK writes."""
    return lambda message: message.text == text


def measure_page(browser, url):
    """Milliseconds from navigation start to: first paint, Python ready, manual tuning answering a
    key press made as soon as its slider took one (each run in a new context: a cold cache), and
    how long the harness took to press it; the files fetched before the first paint; the
    cumulative layout shift."""
    context = browser.new_context()
    context.add_init_script(CLOCK)
    fetched = []  # the page's and its worker's requests, in order
    context.on("request", lambda request: fetched.append(request.url))
    page = context.new_page()
    with page.expect_console_message(saying("bench: slider enabled"), timeout=180_000):
        page.goto(url)
    with page.expect_console_message(saying("bench: answered"), timeout=60_000):
        page.keyboard.press("ArrowRight")
    moments = page.evaluate("window.__benchClock")
    started = page.locator("html").get_attribute("data-python-started")
    before_answer = list(fetched)
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
    return {"started": started, "first paint": paint, "python ready": moments["ready"],
            "widget answers": moments["answered"], "key press": moments["key"] - moments["enabled"],
            "layout shift": shift, "shell": before_paint,
            "fetched": before_answer}


def shell_bytes(site, url, urls):
    """Raw and gzip -9 bytes of the files fetched before the first paint."""
    raw = packed = 0
    for fetched in set(urls):
        path = site / (fetched[len(url):].split("#")[0].split("?")[0] or "index.html")
        data = path.read_bytes()
        raw += len(data)
        packed += len(gzip.compress(data, 9))
    return raw, packed


def transferred(site, url, urls):
    """{file: gzip -9 bytes} of every distinct file of ``site`` fetched (a gzip-serving host
    sends about that much; it sends an already gzipped file as it is)."""
    sizes = {}
    for fetched in dict.fromkeys(urls):
        if not fetched.startswith(url):
            continue
        name = fetched[len(url):].split("#")[0].split("?")[0] or "index.html"
        data = (site / name).read_bytes()
        sizes[name] = len(data) if data[:2] == b"\x1f\x8b" else len(gzip.compress(data, 9))
    return sizes


def print_breakdown(new, old):
    """Bytes per file before the first widget answers, new beside baseline, largest first."""
    def short(name):  # folders and snapshots are named after their content: compare by file
        base = name.rsplit("/", 1)[-1]
        return "snapshot.bin.gz" if base.startswith("snapshot-") and base.endswith(".bin.gz") else base
    new_by, old_by = ({short(k): v for k, v in d.items()} for d in (new, old))
    names = sorted(set(new_by) | set(old_by), key=lambda n: -max(new_by.get(n, 0), old_by.get(n, 0)))
    print(f"\n{'fetched before the first widget answers (gzip KB)':<52}  {'now':>8}  {'baseline':>8}")
    for name in names:
        print(f"{name:<52}  {new_by.get(name, 0) / 1e3:>8.0f}  {old_by.get(name, 0) / 1e3:>8.0f}")
    print(f"{'total (MB; budget 8)':<52}  {sum(new.values()) / 1e6:>8.2f}  {sum(old.values()) / 1e6:>8.2f}")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--baseline", default=BASELINE,
                        help="the commit whose build the page measures run beside")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "site"
        build_times = measure_build(out, args.runs)
        total = folder_bytes(out)
        pyodide = folder_bytes(next((out / "vendor").glob("pyodide-*")))
        snapshot = sum(p.stat().st_size for p in out.glob("vendor/pyodide-*/snapshot-*"))
        cold_out = Path(tmp) / "site-without-snapshot"
        build(config_without_snapshot(tmp), cold_out)
        old_out = build_baseline(args.baseline, tmp)
        servers = [make_server(folder, port=0) for folder in (out, cold_out, old_out)]
        for server in servers:
            threading.Thread(target=server.serve_forever, daemon=True).start()
        url, cold_url, old_url = (f"http://127.0.0.1:{s.server_address[1]}/" for s in servers)
        with sync_playwright() as playwright:
            browser = launch(playwright)
            pages, cold_pages, old_pages = [], [], []
            for _ in range(args.runs):  # interleaved, so all see the same machine load
                pages.append(measure_page(browser, url))
                old_pages.append(measure_page(browser, old_url))
                cold_pages.append(measure_page(browser, cold_url))
            browser.close()
        for server in servers:
            server.shutdown()

        # Measure what the rows say: one site started from the snapshot, the other without.
        assert {p.pop("started") for p in pages + old_pages} == {"from snapshot"}
        assert {p.pop("started") for p in cold_pages} == {"cold"}
        shell_raw, shell_gzip = shell_bytes(out, url, pages[0].pop("shell"))
        sent = transferred(out, url, pages[0]["fetched"])
        old_sent = transferred(old_out, old_url, old_pages[0]["fetched"])
        for p in pages + cold_pages + old_pages:
            p.pop("shell", None)
            p.pop("fetched")

    rows = [
        ("build (warm, s)", build_times),
        ("before first paint, raw (KB)", [shell_raw / 1e3]),
        ("before first paint, gzip -9 (KB; budget 350)", [shell_gzip / 1e3]),
        ("site/ total (MB)", [total / 1e6]),
        ("  Pyodide runtime (MB)", [pyodide / 1e6]),
        ("    of which the start-up snapshot (MB)", [snapshot / 1e6]),
        ("  article shell and the rest (MB)", [(total - pyodide) / 1e6]),
    ]
    names = {"layout shift": "cumulative layout shift",
             "key press": "the harness's key press, after the slider was enabled (ms)"}
    for key in pages[0]:
        name = names.get(key, f"{key} after navigation (ms)")
        rows.append((name, [p[key] for p in pages if p[key] is not None]))
    for key in ("first paint", "python ready", "widget answers"):
        rows.append((f"{key}, baseline {args.baseline} (ms)", [p[key] for p in old_pages if p[key] is not None]))
    for key in ("python ready", "widget answers"):  # runs side by side saw the same load
        rows.append((f"{key}, minus the baseline's beside it (ms)",
                     [p[key] - o[key] for p, o in zip(pages, old_pages)]))
    for key in ("python ready", "widget answers"):
        rows.append((f"{key}, no start-up snapshot (ms)", [p[key] for p in cold_pages]))
    rows.append(("sent before the first widget answers (MB; budget 8)", [sum(sent.values()) / 1e6]))
    rows.append(("  the same, baseline (MB)", [sum(old_sent.values()) / 1e6]))
    width = max(len(name) for name, _ in rows)
    print(f"{'measure':<{width}}  median     runs")
    for name, values in rows:
        runs = ", ".join(f"{v:.3g}" for v in values)
        print(f"{name:<{width}}  {statistics.median(values):<9.4g}  {runs}")
    print_breakdown(sent, old_sent)


if __name__ == "__main__":
    main()
