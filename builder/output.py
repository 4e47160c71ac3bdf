"""Atomic output: build into a temporary folder beside the target, then swap.

A build that fails at any point leaves the previous ``site/`` exactly as it was. The swap replaces
the whole folder, so nothing in it may be lost by surprise:

- each build lists the files it wrote in ``.build-manifest``. Any other file found in the folder
  is the author's: ``CNAME`` (a GitHub Pages custom domain) and what the config lists under
  ``keep`` are copied into every new build; anything else stops the build, naming the files;
- a folder that holds the article's sources, the current folder or a git checkout is refused
  before anything is written;
- a build killed halfway (kill -9, a power cut) leaves its ``.site.building-*`` folder: the next
  build removes it once no live build holds its lock, and puts back a site that was killed
  between the two renames of the swap.
"""

import contextlib
import os
import shutil
import tempfile
import threading
from pathlib import Path

from builder.errors import BuildError

try:
    import fcntl
except ImportError:  # Windows: no flock, so leftovers cannot be told from live builds; kept
    fcntl = None

MANIFEST = ".build-manifest"
# The name `build --single-file` gave its file before it named it after the article
# (single_file.OLD_NAME): in a folder built then, it is the build's. The file it writes now is
# recorded in the manifest (record_in_manifest).
AFTER_BUILD = ("backprop-explainer.html",)
# Every name a build writes at the top of its folder: a 'keep' entry may not claim one, and a
# folder built before manifests existed counts everything under these as the build's.
BUILD_NAMES = frozenset({"index.html", ".nojekyll", "sw.js", "assets", "embed", "media", "vendor",
                         MANIFEST, *AFTER_BUILD})
BUILD_MARKS = ("index.html", ".nojekyll", "vendor")  # every build writes these
# Never the author's problem: CNAME is carried over, .nojekyll the build writes itself.
ALWAYS_KEPT = ("CNAME", ".nojekyll")
OLD_SUFFIX = ".old"  # the replaced site, beside its successor's staging folder during the swap

# Held across the two renames of a swap, when the output folder briefly does not exist. ``serve``
# opens each file under it, so a request is answered from the old folder or the new, never 404.
SWAP_LOCK = threading.Lock()


@contextlib.contextmanager
def atomic_directory(target, keep=()):
    """Yields an empty staging folder; on success it replaces ``target``, with the author's
    kept files copied over. ``keep``: paths relative to the folder (the config's 'keep')."""
    target = Path(target).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(target)
    staging, lock = _locked_staging(target)
    try:
        yield staging
        write_manifest(staging)
        if target.exists():
            refuse_authors_files(target, keep)  # again: a file may have arrived during the build
            carry_kept(target, staging, keep)
        os.chmod(staging, 0o755)
        replaced = _swap(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        _unlock(lock)
    if replaced is not None:
        shutil.rmtree(replaced, ignore_errors=True)


def _swap(staging, target):
    """Put ``staging`` in ``target``'s place; returns the replaced folder, to delete, or None."""
    replaced = staging.with_name(staging.name + OLD_SUFFIX) if target.exists() else None
    with SWAP_LOCK:
        if replaced is not None:
            os.rename(target, replaced)
        try:
            os.rename(staging, target)
        except BaseException:
            if replaced is not None:
                os.rename(replaced, target)
            raise
    return replaced


def _locked_staging(target):
    """A new staging folder beside ``target``, locked for as long as this build lives."""
    while True:
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.building-", dir=target.parent))
        lock = _try_lock(staging)
        if lock is not None:  # else another build's clean-up took it in between: try another
            return staging, lock


def _try_lock(folder):
    """An exclusive lock on ``folder`` (a descriptor to close), or None when another process
    holds it or it is gone. The lock dies with its process, however that process ends."""
    if fcntl is None:
        return NO_LOCK
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        if not os.path.samestat(os.fstat(fd), os.stat(folder)):
            raise FileNotFoundError(folder)  # removed (and maybe made again) before we locked it
    except OSError:
        os.close(fd)
        return None
    return fd


NO_LOCK = -1  # where flock is missing: nothing to hold


def _unlock(lock):
    if lock != NO_LOCK:
        os.close(lock)


def remove_leftovers(target):
    """Remove what killed builds of ``target`` left beside it; a live build's folder stays."""
    if fcntl is None:
        return  # no way to tell a killed build from a live one: leave both
    prefix = f".{target.name}.building-"
    for entry in sorted(target.parent.iterdir()):
        if not entry.name.startswith(prefix) or entry.name.endswith(OLD_SUFFIX):
            continue
        lock = _try_lock(entry)
        if lock is None:
            continue  # a build still running
        try:
            old = entry.with_name(entry.name + OLD_SUFFIX)
            if old.is_dir() and not target.exists():
                os.rename(old, target)  # killed mid-swap: the previous site comes back
            shutil.rmtree(entry, ignore_errors=True)
            shutil.rmtree(old, ignore_errors=True)
        finally:
            _unlock(lock)
    for entry in target.parent.iterdir():
        staging = entry.name.removesuffix(OLD_SUFFIX)
        if entry.name.startswith(prefix) and staging != entry.name \
                and not entry.with_name(staging).exists():
            shutil.rmtree(entry, ignore_errors=True)  # swapped, then killed while deleting it


def write_manifest(staging):
    listing = "\n".join(files_in(staging))
    (staging / MANIFEST).write_text(
        "# Written by the build: every file it made. Any other file here is the author's and is\n"
        "# kept only if article.toml lists it under 'keep' (CNAME is always kept).\n"
        f"{listing}\n", encoding="utf-8")


def record_in_manifest(folder, name):
    """Add ``name``, a file written into the built ``folder`` after its build, to the build's
    files: the next build replaces it rather than stopping at an author's file."""
    with open(Path(folder) / MANIFEST, "a", encoding="utf-8") as manifest:
        manifest.write(f"{name}\n")


def files_in(folder):
    """Every file (and symbolic link) under ``folder``, as sorted relative POSIX paths."""
    found = []
    for root, dirs, files in os.walk(folder):
        here = Path(root)
        links = [name for name in dirs if (here / name).is_symlink()]
        dirs[:] = [name for name in dirs if name not in links]
        found += [(here / name).relative_to(folder).as_posix() for name in [*files, *links]]
    return sorted(found)


def built_files(folder):
    """The set of files earlier builds wrote into ``folder``, or None if it is not a build."""
    manifest = folder / MANIFEST
    if manifest.is_file():
        lines = manifest.read_text(encoding="utf-8").splitlines()
        return {line for line in lines if line and not line.startswith("#")} | {MANIFEST,
                                                                                 *AFTER_BUILD}
    if all((folder / mark).exists() for mark in BUILD_MARKS):  # built before manifests existed
        return {path for path in files_in(folder) if path.split("/")[0] in BUILD_NAMES}
    return None


def _kept(path, keep):
    return any(path == name or path.startswith(name + "/") for name in (*ALWAYS_KEPT, *keep))


def authors_files(folder, keep=()):
    """Files in ``folder`` that no build wrote and that ``keep`` does not carry over."""
    built = built_files(folder) or set()
    return [path for path in files_in(folder) if path not in built and not _kept(path, keep)]


def refuse_authors_files(target, keep):
    strays = authors_files(target, keep)
    if not strays:
        return
    listed = ", ".join(strays[:5]) + (f" and {len(strays) - 5} more" if len(strays) > 5 else "")
    what = "files but no earlier build" if built_files(target) is None else "files no build wrote"
    raise BuildError(target, None, f"will not build into this folder: it holds {what} "
                                   f"({listed}), and a build replaces the whole folder; list them "
                                   "under 'keep' in article.toml to carry them into every build, "
                                   "or move them elsewhere (or choose another --out)")


def carry_kept(target, staging, keep):
    """Copy the author's kept files from the current site into the new one (copies, not moves:
    until the swap, the current site must stay whole)."""
    for name in (*ALWAYS_KEPT, *keep):
        source, destination = target / name, staging / name
        if not os.path.lexists(source):
            continue
        if os.path.lexists(destination):
            if name in ALWAYS_KEPT:
                continue  # the build wrote its own (.nojekyll)
            raise BuildError(source, None, f"'keep' lists '{name}', which the build itself writes")
        destination.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir() and not source.is_symlink():
            shutil.copytree(source, destination, symlinks=True)
        else:
            shutil.copy2(source, destination, follow_symlinks=False)


def check_replaceable(target, sources, keep=()):
    """Refuse an output folder whose replacement would destroy something: one that holds the
    article's own ``sources``, the current folder or a git checkout, or files that no build
    made and ``keep`` does not list (``--out docs`` where an author keeps notes)."""
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
    if not target.is_dir():
        return
    if (target / ".git").exists():
        refuse("it is a git checkout, and the build replaces the whole folder")
    refuse_authors_files(target, keep)
