"""The network tool's speed in headless Chromium: ``python -m tests.bench_network [--seconds S]``.

Figures, not assertions. For the default network (1-8-8-8-1) and the largest (six hidden layers of
eight), at the "Faster" speed and at normal speed: epochs per second (from the epoch counter),
frames per second of the page while training (requestAnimationFrame callbacks), the longest gap
between two frames, the longest main-thread task ('longtask' entries, 50 ms and over), and, from
the worker's answers, the milliseconds per epoch and per snapshot inside Python.
"""

import argparse
import tempfile
import threading
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from builder.preview_server import make_server
from tests.articles import build_tiny_site
from tests.conftest import HARDENING_ARGS, chromium_executable

ARTICLE = """## Bench\n\n::: widget network-tool\n"""
NETWORKS = {"1-8-8-8-1": "8-8-8", "1-8-8-8-8-8-8-1": "8-8-8-8-8-8"}

# Runs before the page's own scripts: counts frames and long tasks, and reads the worker's
# answers to train ops (epochs run, milliseconds spent) without touching the page's code.
PROBE = """
(() => {
  const probe = window.__ntBench = { frames: 0, maxGap: 0, longest: 0, calls: 0, epochs: 0,
    trainMs: 0, snapshotMs: 0, last: 0 };
  const tick = (now) => {
    if (probe.last) probe.maxGap = Math.max(probe.maxGap, now - probe.last);
    probe.last = now; probe.frames += 1; requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) probe.longest = Math.max(probe.longest, entry.duration);
  }).observe({ type: "longtask", buffered: false });
  const Original = window.Worker;
  window.Worker = class extends Original {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (event) => {
        const result = event.data && event.data.result;
        if (result && result.timing_ms) {
          probe.calls += 1; probe.epochs += result.ran;
          probe.trainMs += result.timing_ms[0]; probe.snapshotMs += result.timing_ms[1];
        }
      });
    }
  };
})();
"""

RESET_PROBE = """() => { const p = window.__ntBench;
  Object.assign(p, { frames: 0, maxGap: 0, longest: 0, calls: 0, epochs: 0, trainMs: 0,
                     snapshotMs: 0, last: 0 });
  return performance.now(); }"""


def epoch_of(page):
    return int(page.get_by_role("status", name="epoch").inner_text().split()[0])


def measure(browser, url, layers, fast, seconds):
    context = browser.new_context(viewport={"width": 1200, "height": 1000})
    context.add_init_script(PROBE)
    page = context.new_page()
    page.goto(f"{url}#tool=sin,lr=0.001,batch_size=1,hidden={layers},seed=0")
    page.wait_for_selector("#python-status[data-state=ready]", timeout=60_000)
    count = str(len(layers.split("-")))
    page.get_by_role("status", name="hidden layers").filter(has_text=count).wait_for()
    if fast:
        page.get_by_role("button", name="Faster").click()
    page.get_by_role("button", name="Play", exact=True).click()
    page.wait_for_timeout(1500)  # past the wasm tier-up and the first frames
    started = page.evaluate(RESET_PROBE)
    first = epoch_of(page)
    time.sleep(seconds)
    probe = page.evaluate("() => ({ ...window.__ntBench, now: performance.now() })")
    last = epoch_of(page)
    page.get_by_role("button", name="Pause").click()
    context.close()
    elapsed = (probe["now"] - started) / 1000
    per_call = max(1, probe["calls"])
    return {
        "epochs/s": (last - first) / elapsed,
        "frames/s": probe["frames"] / elapsed,
        "longest frame gap (ms)": probe["maxGap"],
        "longest task (ms)": probe["longest"],
        "snapshots/s": probe["calls"] / elapsed,
        "epochs per call": probe["epochs"] / per_call,
        "Python ms/epoch": probe["trainMs"] / max(1, probe["epochs"]),
        "Python ms/snapshot": probe["snapshotMs"] / per_call,
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=6.0, help="measuring time per row")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        server = make_server(build_tiny_site(Path(tmp), ARTICLE), port=0)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_address[1]}/"
        rows = []
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium_executable(playwright), args=HARDENING_ARGS)
            for name, layers in NETWORKS.items():
                for fast in (True, False):
                    rows.append((name, "faster" if fast else "normal",
                                 measure(browser, url, layers, fast, args.seconds)))
            browser.close()
        server.shutdown()
    columns = list(rows[0][2])
    print(f"{'network':<17} {'speed':<7} " + " ".join(f"{c:>22}" for c in columns))
    for name, speed, figures in rows:
        print(f"{name:<17} {speed:<7} " + " ".join(f"{figures[c]:>22.1f}" for c in columns))


if __name__ == "__main__":
    main()
