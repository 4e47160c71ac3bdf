"""The network tool as a reader sees it, in headless Chromium: ``python -m tests.bench_network``.

Figures, not assertions (tests/bench_probe.py says how each is counted). The whole article, in the
browser's default viewport, with the tool scrolled into view and playing, for the default network
(1-8-8-8-1) and the largest (six hidden layers of eight), "Faster" and normal speed: the animation
frames a second in which the tool's picture changed, the browser's frames a second, the long
main-thread tasks (over 50 ms) and the longest, epochs a second (the tool's epoch readout), and
from the worker's answers the views Python sent a second and its milliseconds per epoch and view.

``--explain`` adds the same measurement on other pages and viewports, to see what each costs: a
page with only the tool (the old bench's page), a taller viewport, the tool scrolled out of sight.
"""

import argparse
import re
import statistics
import tempfile
from contextlib import ExitStack
from pathlib import Path

from tests.articles import tiny_article
from tests.bench_probe import chromium, load, measure, open_as_reader, print_rows, served_article

FIGURE = ".widget-network-tool"
NETWORKS = {"1-8-8-8-1": "8-8-8", "1-8×6-1": "8-8-8-8-8-8"}
WARM_UP_S = 1.5  # past the wasm tier-up and the first frames
TALL = {"width": 1200, "height": 1000}  # the old bench's viewport


def epoch_of(page):
    text = page.locator(f"{FIGURE} [data-role=epoch]").inner_text()
    return int(re.match(r"\d+", text).group())


def play(page, fast):
    tool = page.locator(FIGURE)
    if fast:
        tool.get_by_role("button", name="Faster").click()
    tool.get_by_role("button", name="Play", exact=True).click()


def row(browser, address, layers, fast, seconds, viewport=None, out_of_sight=False):
    page = open_as_reader(browser, f"{address}#tool=sin,lr=0.001,batch_size=1,hidden={layers},seed=0",
                          FIGURE, viewport)
    page.locator(f"{FIGURE} [data-role=layer-count]").filter(has_text=str(len(layers.split("-")))).wait_for()
    play(page, fast)
    if out_of_sight:
        page.evaluate("window.scrollTo(0, 0)")
    page.wait_for_timeout(WARM_UP_S * 1000)
    figures = measure(page, seconds, lambda: epoch_of(page))
    figures["epochs/s"] = figures.pop("per second")
    page.get_by_role("button", name="Pause").click()
    page.context.close()
    return figures


WORST = ("long tasks", "longest task (ms)")  # the worst run, not the median: one stall is one too many


def medians(runs):
    """{figure: median over the runs} for a list of runs' {figure: value} (the worst of them for
    the long tasks)."""
    return {name: (max if name in WORST else statistics.median)(run[name] for run in runs)
            for name in runs[0]}


def spread(runs, name):
    values = [run[name] for run in runs]
    return {"min": min(values), "max": max(values)}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=6.0, help="measuring time per row")
    parser.add_argument("--runs", type=int, default=5,
                        help="runs of every row, interleaved; the table gives their medians")
    parser.add_argument("--explain", action="store_true", help="also measure other pages and viewports")
    args = parser.parse_args(argv)
    rows = []
    before = load()
    with ExitStack() as stack:
        article = stack.enter_context(served_article())
        browser = stack.enter_context(chromium())
        if args.explain:
            folder = Path(stack.enter_context(tempfile.TemporaryDirectory()))
            only_tool = stack.enter_context(served_article(
                tiny_article(folder, "## Bench\n\n::: widget network-tool\n")))
        # Interleaved runs: single runs on this shared machine swing by a third (140 to 188
        # epochs a second, one minute apart), so only medians of several say anything.
        runs = {}
        for _ in range(args.runs):
            for name, layers in NETWORKS.items():
                for fast in (True, False):
                    label = f"{name} {'faster' if fast else 'normal'}"
                    runs.setdefault(label, []).append(row(browser, article, layers, fast, args.seconds))
        rows += [(label, medians(figures)) for label, figures in runs.items()]
        rows += [(f"{label}, range of epochs/s", spread(figures, "epochs/s")) for label, figures in runs.items()]
        if args.explain:
            layers = NETWORKS["1-8-8-8-1"]
            variants = {
                "only the tool, 1200×1000 (old bench)": (only_tool, TALL, False),
                "only the tool, default viewport": (only_tool, None, False),
                "article, 1200×1000": (article, TALL, False),
                "article, tool out of sight": (article, None, True),
                "article (as above, again)": (article, None, False),
            }
            for label, (address, viewport, hidden) in variants.items():
                rows.append((f"1-8-8-8-1 faster: {label}",
                             row(browser, address, layers, True, args.seconds, viewport, hidden)))
    print(f"The network tool, whole article, default viewport, tool in view, medians of {args.runs} "
          f"runs ({before}; after: {load()}):")
    print_rows(rows)


if __name__ == "__main__":
    main()
