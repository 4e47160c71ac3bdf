"""Rebuild on change, for ``serve``: poll the article's sources and the generator's own files.

Polling every quarter second costs nothing measurable on a tree this size and works everywhere
(no inotify dependency). Each successful rebuild bumps ``Reloads.generation``; pages listening on
the event stream reload. A failed rebuild keeps the old site and tells the page why.
"""

import logging
import os
import threading
import time
from pathlib import Path

from builder import BACKPROP_DIR, PACKAGE_DIR
from builder.config import load_config
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


NOT_SOURCES = {"__pycache__", "node_modules"}


def is_source(name):
    # Hidden names are a venv, .git, an editor's swap file or a build's staging folder
    # (builder/output.py), none of which should start a rebuild.
    return not name.startswith(".") and name not in NOT_SOURCES


def snapshot(roots, skip=()):
    """{path: (mtime, size)} for every source file under the roots. The size too, because file
    times move in coarse ticks (a few milliseconds): two saves within one tick change only it.

    ``skip`` holds folders that are not sources: the build's output, which may sit inside the
    article's folder and would otherwise make every build start the next one."""
    skip = {Path(folder).resolve() for folder in skip}
    seen = {}
    for root in roots:
        if not root.is_dir():  # a source file kept outside the article's folder
            files_here = [root]
        else:
            files_here = []
            for folder, dirs, files in os.walk(root):
                dirs[:] = [d for d in dirs if is_source(d) and Path(folder, d).resolve() not in skip]
                files_here += [Path(folder, name) for name in files if is_source(name)]
        for path in files_here:
            try:
                stat = path.stat()
                seen[path] = (stat.st_mtime_ns, stat.st_size)
            except FileNotFoundError:
                pass  # removed while we looked
    return seen


def watch_and_rebuild(roots, rebuild, reloads, interval=0.25, stop=None, before=None, skip=()):
    """Call ``rebuild()`` whenever a file under ``roots`` changes, until ``stop`` is set.

    ``before`` is the snapshot the last build started from: taken before that build, it lets a
    save made while it ran (or before this thread got going) still trigger a rebuild. ``skip``
    as for snapshot().
    """
    stop = stop or threading.Event()
    before = snapshot(roots, skip) if before is None else before
    while not stop.wait(interval):
        now = snapshot(roots, skip)
        if now == before:
            continue
        before = now
        started = time.perf_counter()
        try:
            rebuild()
        except Exception as err:  # whatever it was, keep watching: the next save may fix it
            error = build_failure(err)
            log.error("error: %s (the previous site is still served)", error)
            reloads.publish(error=error)
            continue
        log.info("rebuilt in %.2f s", time.perf_counter() - started)
        reloads.publish()


def build_failure(err):
    """What serve says about a failed build: an author's mistake as it is; anything else (a bug
    in the generator) by its kind, with the traceback in the terminal under -v."""
    if isinstance(err, BuildError):
        return str(err)
    log.debug("the build failed here:", exc_info=err)
    return (f"the build stopped on an unexpected {type(err).__name__}: {err} (a bug in the "
            "generator: serve -v prints where it happened)")


def watched_roots(config_path):
    """The config's folder, any section or glossary file kept outside it (the file alone, not
    its whole folder), and the generator's own templates, front end and Python package."""
    folder = config_path.resolve().parent
    try:
        config = load_config(config_path)
        sources = [*config.sections, *filter(None, [config.glossary])]
    except BuildError:  # serve shows the error; the next save to the folder tries again
        sources = []
    elsewhere = sorted({path for path in sources if not path.is_relative_to(folder)})
    return [folder, *elsewhere, PACKAGE_DIR / "templates", PACKAGE_DIR / "static",
            BACKPROP_DIR]
