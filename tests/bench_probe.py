"""What the playing-figure benches share: the built article as a reader opens it, and a probe that
counts, in the page itself, the animation frames in which a figure actually changed.

The probe runs before the page's own scripts (an init script) and touches none of their code:

- changed frames: a MutationObserver on the figure notes every real change (an attribute or a text
  whose value differs from before; rewriting the same value is not a change), and the probe's
  requestAnimationFrame callback counts the frames in which some change happened. The probe
  registers its next callback first thing in each frame, so it always runs first in the next
  one: every change falls into exactly one interval between two of its callbacks.
- frames: every requestAnimationFrame callback (the browser's own frame rate);
- long tasks: PerformanceObserver 'longtask' entries (main-thread tasks over 50 ms);
- the worker's answers that carry timing_ms (the network tool's training chunks), to read the
  milliseconds Python spent training and drawing;
- on Linux, the CPU time of Chromium's threads (from /proc) over the same seconds: the share of a
  core the renderer's main thread and the Python worker got (on two cores they compete).

Figures, not assertions: the machine is shared, so a bench reports what it saw.
"""

import os
import re
import shutil
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import sync_playwright

from builder import REPO_DIR
from builder.preview_server import make_server
from tests.articles import build
from tests.conftest import HARDENING_ARGS, chromium_executable

PROBE = """
(() => {
  const fresh = () => ({ frames: 0, changed: 0, longTasks: 0, longest: 0, calls: 0, epochs: 0,
    trainMs: 0, viewMs: 0, started: performance.now() });
  const probe = window.__bench = { ...fresh(), dirty: false, watched: null };
  probe.reset = () => Object.assign(probe, fresh(), { dirty: false });
  const tick = () => {
    requestAnimationFrame(tick); // first thing: the next frame runs this callback before any other
    probe.frames += 1;
    if (probe.dirty) probe.changed += 1;
    probe.dirty = false;
  };
  requestAnimationFrame(tick);
  const texts = new WeakMap(); // element -> its text when last seen, to tell real changes
  const changed = (record) => {
    if (record.type === "attributes") {
      return record.target.getAttribute(record.attributeName) !== record.oldValue;
    }
    const element = record.type === "characterData" ? record.target.parentNode : record.target;
    if (!element) return false;
    const text = element.textContent;
    const before = texts.get(element);
    texts.set(element, text);
    return record.type === "characterData" ? text !== record.oldValue : text !== before ||
      [...record.addedNodes, ...record.removedNodes].some((n) => n.nodeType === Node.ELEMENT_NODE);
  };
  const observer = new MutationObserver((records) => {
    if (records.some(changed)) probe.dirty = true;
  });
  probe.watch = (selector) => {
    probe.watched = document.querySelector(selector);
    for (const element of probe.watched.querySelectorAll("*")) texts.set(element, element.textContent);
    observer.observe(probe.watched, { subtree: true, childList: true, attributes: true,
      attributeOldValue: true, characterData: true, characterDataOldValue: true });
  };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      probe.longTasks += 1;
      probe.longest = Math.max(probe.longest, entry.duration);
    }
  }).observe({ type: "longtask", buffered: false });
  const Original = window.Worker;
  window.Worker = class extends Original {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (event) => {
        const result = event.data && event.data.result;
        if (result && result.timing_ms) {
          probe.calls += 1; probe.epochs += result.ran;
          probe.trainMs += result.timing_ms[0]; probe.viewMs += result.timing_ms[1];
        }
      });
    }
  };
})();
"""

READ = """() => { const p = window.__bench; const seconds = (performance.now() - p.started) / 1000;
  return { seconds, frames: p.frames, changed: p.changed, longTasks: p.longTasks, longest: p.longest,
           calls: p.calls, epochs: p.epochs, trainMs: p.trainMs, viewMs: p.viewMs }; }"""


@contextmanager
def served_article(config=REPO_DIR / "content" / "article.toml"):
    """The article built from ``config`` and served on 127.0.0.1: yields its address."""
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build(config, site)
        server = make_server(site, port=0)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}/"
        finally:
            server.shutdown()


def bench_executable(playwright):
    """The Chromium a bench measures in: $CHROMIUM_EXECUTABLE, else Playwright's own (whose
    headless launch is its headless shell), else Debian's chromium-headless-shell, else the
    full browser the tests fall back to. The full browser in headless mode still builds a
    window's interface for every new context: its omnibox popup starts a renderer of its own,
    which took about a second of a core while the page started (measured with /proc), so on two
    cores its figures say as much about the browser's window as about the page."""
    if os.environ.get("CHROMIUM_EXECUTABLE") or Path(playwright.chromium.executable_path).exists():
        return chromium_executable(playwright)
    shell = shutil.which("chromium-headless-shell")
    if shell:
        return shell
    print("note: no headless shell (Debian: apt-get install chromium-headless-shell); measuring "
          "in the full browser, whose window interface competes with the page for the cores")
    return chromium_executable(playwright)


def launch(playwright):
    return playwright.chromium.launch(executable_path=bench_executable(playwright),
                                      args=HARDENING_ARGS, headless=True)


@contextmanager
def chromium():
    """Headless Chromium as the benches start it (bench_executable)."""
    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            yield browser
        finally:
            browser.close()


def open_as_reader(browser, address, figure, viewport=None):
    """A new page at ``address`` with the probe, as a reader has it: the browser's default
    viewport (unless ``viewport``), the whole page loaded, Python ready, every figure's first
    answers in, and ``figure`` (a CSS selector) scrolled into view and watched."""
    context = browser.new_context(**({"viewport": viewport} if viewport else {}))
    context.add_init_script(PROBE)
    page = context.new_page()
    page.goto(address, wait_until="load")
    page.wait_for_selector("#python-status[data-state=ready]", timeout=120_000)
    while page.evaluate("document.documentElement.dataset.pythonCalls ?? '0'") != "0":
        time.sleep(0.05)
    page.locator(figure).first.scroll_into_view_if_needed()
    page.evaluate("(s) => document.querySelector(s).scrollIntoView({block: 'start'})", figure)
    page.evaluate("(s) => window.__bench.watch(s)", figure)
    return page


def measure(page, seconds, count=None):
    """The probe's figures over ``seconds`` from now; ``count()`` (for example the epoch the
    figure shows) is read at both ends and its rise per second reported as "per second"."""
    page.evaluate("window.__bench.reset()")
    first = count() if count else 0
    threads_before, started = chromium_threads(), time.monotonic()
    time.sleep(seconds)
    read = page.evaluate(READ)
    threads = thread_shares(threads_before, chromium_threads(), time.monotonic() - started)
    last = count() if count else 0
    elapsed = read["seconds"]
    figures = {
        "changed frames/s": read["changed"] / elapsed,
        "frames/s": read["frames"] / elapsed,
        "long tasks": read["longTasks"],
        "longest task (ms)": read["longest"],
    }
    if count:
        figures["per second"] = (last - first) / elapsed
    if threads_before:
        figures.update(threads)
    if read["calls"]:
        figures["views/s"] = read["calls"] / elapsed
        figures["Python ms/epoch"] = read["trainMs"] / max(1, read["epochs"])
        figures["Python ms/view"] = read["viewMs"] / read["calls"]
    return figures


def chromium_threads():
    """{(pid, tid): (process type, thread name, CPU seconds so far)} of every Chromium thread,
    read from /proc (Linux only: {} elsewhere)."""
    found = {}
    if not os.path.isdir("/proc/self/task"):
        return found
    tick = os.sysconf("SC_CLK_TCK")
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ")
            if b"chrom" not in command.split(b" ", 1)[0]:
                continue
            kind = re.search(rb"--type=([\w-]+)", command)
            kind = kind.group(1).decode() if kind else "browser"
            for tid in os.listdir(f"/proc/{pid}/task"):
                name = Path(f"/proc/{pid}/task/{tid}/comm").read_text().strip()
                fields = Path(f"/proc/{pid}/task/{tid}/stat").read_text().rsplit(")", 1)[1].split()
                found[(pid, tid)] = (kind, name, (int(fields[11]) + int(fields[12])) / tick)
        except OSError:  # a process or thread that ended meanwhile
            continue
    return found


def thread_shares(before, after, seconds):
    """The share of a core (%) the renderer's main thread and its dedicated workers took between
    two chromium_threads() readings."""
    shares = {"main thread (% of a core)": 0.0, "worker (% of a core)": 0.0}
    for key, (kind, name, cpu) in after.items():
        if kind != "renderer":
            continue
        used = cpu - before.get(key, (kind, name, 0.0))[2]
        if name == "DedicatedWorker":
            shares["worker (% of a core)"] += 100 * used / seconds
        elif name in ("chromium", "CrRendererMain"):
            shares["main thread (% of a core)"] += 100 * used / seconds
    return shares


def load():
    """The machine's load averages (1, 5 and 15 minutes), to print beside figures it disturbs."""
    return "load average " + ", ".join(f"{v:.2f}" for v in os.getloadavg())


def print_rows(rows):
    """rows: [(label, {figure: value})], printed as a table with one column per figure."""
    columns = list(dict.fromkeys(c for _, figures in rows for c in figures))
    width = max(len(label) for label, _ in rows)
    print(f"{'':<{width}} " + " ".join(f"{c:>17}" for c in columns))
    for label, figures in rows:
        cells = [f"{figures[c]:>17.1f}" if c in figures else f"{'':>17}" for c in columns]
        print(f"{label:<{width}} " + " ".join(cells))
