"""Rebuild on change, for ``serve``: poll the article's sources and the generator's own files.

Polling every quarter second costs nothing measurable on a tree this size and works everywhere
(no inotify dependency). Each successful rebuild bumps ``Reloads.generation``; pages listening on
the event stream reload. A failed rebuild keeps the old site and tells the page why.
"""

import logging
import threading
import time

from builder import PACKAGE_DIR, PYODIDE_SRC
from builder.errors import BuildError

log = logging.getLogger("builder")


class Reloads:
    """What the event stream reports: a generation counter and the last build error."""

    def __init__(self):
        self.generation = 0
        self.error = None
        self.changed = threading.Condition()

    def publish(self, error=None):
        with self.changed:
            self.error = error
            self.generation += 1
            self.changed.notify_all()

    def wait_after(self, generation, timeout):
        with self.changed:
            self.changed.wait_for(lambda: self.generation != generation, timeout)
            return self.generation, self.error


def snapshot(roots):
    """{path: mtime} for every file under the roots (skipping caches)."""
    seen = {}
    for root in roots:
        for path in root.rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                try:
                    seen[path] = path.stat().st_mtime_ns
                except FileNotFoundError:
                    pass  # removed while we looked
    return seen


def watch_and_rebuild(roots, rebuild, reloads, interval=0.25, stop=None, before=None):
    """Call ``rebuild()`` whenever a file under ``roots`` changes, until ``stop`` is set.

    ``before`` is the snapshot the last build started from: taken before that build, it lets a
    save made while it ran (or before this thread got going) still trigger a rebuild.
    """
    stop = stop or threading.Event()
    before = snapshot(roots) if before is None else before
    while not stop.wait(interval):
        now = snapshot(roots)
        if now == before:
            continue
        before = now
        started = time.perf_counter()
        try:
            rebuild()
        except BuildError as err:
            log.error("error: %s (the previous site is still served)", err)
            reloads.publish(error=str(err))
            continue
        log.info("rebuilt in %.2f s", time.perf_counter() - started)
        reloads.publish()


def watched_roots(config_path):
    return [config_path.resolve().parent, PACKAGE_DIR / "templates", PACKAGE_DIR / "static",
            PYODIDE_SRC / "backprop"]
