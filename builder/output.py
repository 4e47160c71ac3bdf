"""Atomic output: build into a temporary folder beside the target, then swap.

A build that fails at any point leaves the previous ``site/`` exactly as it was. The swap deletes
the old folder, so a folder that is not an earlier build is refused before anything is written.
"""

import contextlib
import os
import shutil
import tempfile
from pathlib import Path

from builder.errors import BuildError

BUILD_MARKS = ("index.html", ".nojekyll", "vendor")  # every build writes these


@contextlib.contextmanager
def atomic_directory(target):
    target = Path(target).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.building-", dir=target.parent))
    try:
        yield staging
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    old = None
    if target.exists():
        old = target.parent / f".{target.name}.old-{os.getpid()}"
        os.rename(target, old)
    os.rename(staging, target)
    os.chmod(target, 0o755)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def check_replaceable(target, sources):
    """Refuse an output folder whose replacement would destroy something: one that holds the
    article's own ``sources``, the current folder or a git checkout, or a folder with files in it
    that no build made (``--out docs`` where an author keeps notes)."""
    target = Path(target).resolve()

    def refuse(why, advice="choose another --out"):
        raise BuildError(target, None, f"will not build into this folder: {why}; {advice}")

    for source in sources:
        if Path(source).resolve().is_relative_to(target):
            refuse(f"it holds the article's own {Path(source).name}, which the build would delete")
    if Path.cwd().resolve().is_relative_to(target):
        refuse("it holds the current folder, which the build would delete")
    if target.exists() and not target.is_dir():
        refuse("it is a file")
    if not target.is_dir() or not any(target.iterdir()):
        return
    if (target / ".git").exists():
        refuse("it is a git checkout, and the build replaces the whole folder")
    if not all((target / mark).exists() for mark in BUILD_MARKS):
        refuse("it holds files but no earlier build (index.html, .nojekyll and vendor/), and a "
               "build replaces the whole folder", "empty it, or choose another --out")
