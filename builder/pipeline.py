"""The build pipeline: config and content in, a complete site out, written atomically.

In order, each stage a module of its own: config, sections rendered (Markdown, math, glossary,
each widget's first state), warnings (errors under ``--strict``), then into a staging folder the
vendored runtime, own assets, pages from the templates and the service worker, the site's own
link check, and the swap into place. The ``build`` and ``serve`` commands call ``build``; the
single-file build starts from its output.
"""

import functools
import json
import logging
import posixpath
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from builder import vendor
from builder.article import render_article
from builder.article_widgets import widgets_folder
from builder.assets import SOURCE_ZIP, copy_own_assets
from builder.config import load_config
from builder.errors import BuildError
from builder.katex import Katex
from builder.lint import warnings_for
from builder.embed import write_embed_pages
from builder.offline import write_service_worker
from builder.output import atomic_directory, check_replaceable
from builder.page import make_environment, use_labels
from builder.policy import CONTENT_SECURITY_POLICY
from builder.preview_image import write_preview_image
from builder.self_check import refuse_what_check_would
from builder.snapshot import pyodide_snapshot

log = logging.getLogger("builder")


@dataclass
class BuildResult:
    out_dir: Path
    seconds: float
    widgets: list


@functools.cache
def warm_engines():
    """One KaTeX engine and one Jinja environment per process: ``serve`` rebuilds reuse the warm
    engine, its rendered formulas and the compiled templates (Jinja recompiles a template whose
    file changed), which makes a rebuild about three times faster."""
    katex = Katex()
    return katex, make_environment(katex)


def build(config_path, out_dir, live_reload=None, strict=False):
    """Build the article; ``live_reload`` is the event-stream path when ``serve`` watches;
    ``strict`` turns warnings into errors (and then nothing is written)."""
    started = time.perf_counter()
    config = load_config(config_path)
    check_replaceable(out_dir, [config.path, *config.sections, *filter(None, [config.glossary]),
                                widgets_folder(config)], keep=config.keep)
    katex, env = warm_engines()
    use_labels(env, config)
    log.info("rendering %d sections", len(config.sections))
    article = render_article(config, katex, env)
    warnings = warnings_for(article.sections, article.glossary)
    for warning in warnings:
        log.warning("warning: %s", warning)
    if strict and warnings:
        raise BuildError(warnings[0].path, warnings[0].line,
                         f"{warnings[0].problem} ({len(warnings)} warning(s); --strict makes them errors)")

    with atomic_directory(out_dir, keep=config.keep) as staging:
        log.info("copying vendored runtime (Pyodide, KaTeX, d3)")
        vendored = vendor.copy_vendored(staging)
        assets = copy_own_assets(staging, article.widgets.catalogue.own.values())
        article.media.copy_into(staging)
        if config.site_url:  # the link preview's picture, which only an absolute address can name
            write_preview_image(staging)
        runtime = {
            "pyodide": vendored["pyodide"],
            "backprop": assets + "backprop.zip",
            "worker": assets + "js/worker.mjs",
        }
        if (staging / assets / SOURCE_ZIP).is_file():  # fetched once the page is live
            runtime["backpropSource"] = assets + SOURCE_ZIP
        snapshot = config.python_snapshot and copy_snapshot(staging, vendored["pyodide"])
        if snapshot:
            runtime["snapshot"] = snapshot
        if live_reload:
            runtime["liveReload"] = live_reload.lstrip("/")
        else:  # a cache would fight the reloads while an author edits
            runtime["serviceWorker"] = "sw.js"
        page_context = dict(config=config, assets=assets, vendor=vendored, runtime=runtime,
                            csp=CONTENT_SECURITY_POLICY)
        html = env.get_template("article.html").render(**article.page_context(), **page_context)
        (staging / "index.html").write_text(html, encoding="utf-8")
        # Embed pages live one folder down: their runtime paths climb back up.
        embed_runtime = {key: "../" + path for key, path in runtime.items()}
        # Embed pages share one Python between them where the browser can (static/js/
        # shared-python.js); the article keeps its own (a runaway cell ends its worker).
        embed_runtime["sharedWorker"] = "../" + shared_worker_address(assets + "js/shared-worker.mjs",
                                                                     runtime)
        write_embed_pages(staging, env, {**page_context, "runtime": embed_runtime},
                          placed=article.widgets.embeds, catalogue=article.widgets.catalogue)
        (staging / ".nojekyll").write_text("", encoding="utf-8")
        if "serviceWorker" in runtime:
            write_service_worker(staging)
        refuse_what_check_would(staging, [*config.sections, *filter(None, [config.glossary])],
                                fallback=config.path)
    seconds = time.perf_counter() - started
    log.info("built %s in %.2f s", out_dir, seconds)
    return BuildResult(out_dir=Path(out_dir), seconds=seconds, widgets=article.widgets.used)


def shared_worker_address(worker, runtime):
    """The shared worker's address with how to start Python in its fragment (no server sees it),
    as paths from the worker's own folder: every page of the site then names the same worker, and
    it begins Python's downloads as it starts rather than once a page's "init" has come, which
    crossed a main thread busy with the frames' loading (0.07 s on a course page of three embeds)."""
    folder = posixpath.dirname(worker)
    init = {"type": "init"}
    for key in ("pyodide", "backprop", "backpropSource", "snapshot"):
        if key in runtime:  # a folder keeps its closing slash, which relpath drops
            slash = "/" if runtime[key].endswith("/") else ""
            init[key] = posixpath.relpath(runtime[key], folder) + slash
    return f"{worker}#init={quote(json.dumps(init, separators=(',', ':')), safe='')}"


def copy_snapshot(site_dir, pyodide_prefix):
    """Ship Python's start-up snapshot beside Pyodide, named after its content; its URL or None."""
    snapshot = pyodide_snapshot()
    if snapshot is None:
        return None
    name = f"snapshot-{vendor.sha256(snapshot)[:12]}.bin.gz"
    shutil.copyfile(snapshot, site_dir / pyodide_prefix / name)
    return pyodide_prefix + name
