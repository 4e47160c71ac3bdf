"""Linear training ("See it in action") as a reader sees it: ``python -m tests.bench_linear``.

Figures, not assertions (tests/bench_probe.py says how each is counted). The whole article, in the
browser's default viewport, with the figure scrolled into view and playing at normal speed (60
epochs a second, so at most 60 new pictures a second): the animation frames a second in which its
picture changed, the browser's frames a second, the long main-thread tasks (over 50 ms) and the
longest, and epochs a second (its epoch readout). At the default learning rate (0.03) the film
converges after 444 epochs, about 7 s; at 0.001 it runs for minutes. "Fast" converges within a
second at any rate, so it has no row.
"""

import argparse
import re

from tests.bench_probe import chromium, load, measure, open_as_reader, print_rows, served_article

FIGURE = ".widget-linear-training"
WARM_UP_S = 1.0


def epoch_of(page):
    return int(re.sub(r"\D", "", page.locator(f"{FIGURE} [data-role=epoch]").inner_text()))


def row(browser, address, lr, seconds):
    page = open_as_reader(browser, address, FIGURE)
    figure = page.locator(FIGURE)
    figure.locator("[data-role=speed]").select_option("normal")
    figure.locator("[data-role=lr]").select_option(lr)
    figure.locator("[data-role=epoch]").filter(has_text=re.compile(r"^0$")).wait_for()
    figure.get_by_role("button", name="Play", exact=True).click()
    page.wait_for_timeout(WARM_UP_S * 1000)
    figures = measure(page, seconds, lambda: epoch_of(page))
    figures["epochs/s"] = figures.pop("per second")
    page.context.close()
    return figures


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="measuring time per row")
    args = parser.parse_args(argv)
    before = load()
    with served_article() as address, chromium() as browser:
        rows = [(f"normal speed, lr {lr}", row(browser, address, lr, args.seconds))
                for lr in ("0.03", "0.001")]
    print(f"Linear training, whole article, default viewport, figure in view ({before}; after: {load()}):")
    print_rows(rows)


if __name__ == "__main__":
    main()
