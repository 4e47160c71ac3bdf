"""``build``: content/ to a complete site/, atomically."""

import functools
import logging
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from builder import vendor
from builder.assets import copy_own_assets
from builder.config import load_config
from builder.glossary import load_glossary
from builder.errors import BuildError
from builder.katex import Katex
from builder.lint import warnings_for
from builder.embed import write_embed_pages
from builder.offline import write_service_worker
from builder.output import atomic_directory, check_replaceable
from builder.page import make_environment
from builder.render import SectionRenderer, table_of_contents
from builder.self_check import refuse_what_check_would
from builder.snapshot import pyodide_snapshot
from builder.widgets import WidgetRenderer

log = logging.getLogger("builder")

# Everything a browser may request from another file than the page: kept here so the page's
# policy and the server's header policy are the same string.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; "
    "connect-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; font-src 'self'; "
    "img-src 'self' data:; base-uri 'none'; form-action 'none'"
)


@dataclass
class BuildResult:
    out_dir: Path
    seconds: float
    widgets: list


@functools.cache
def _engines():
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
    check_replaceable(out_dir, [config.path, *config.sections, *filter(None, [config.glossary])],
                      keep=config.keep)
    katex, env = _engines()
    widgets = WidgetRenderer(env)
    glossary = (load_glossary(config.glossary, katex, sanitize_html=config.sanitize_html)
                if config.glossary else None)
    renderer = SectionRenderer(katex, widgets, glossary, sanitize_html=config.sanitize_html,
                               content_dir=config.content_dir)

    log.info("rendering %d sections", len(config.sections))
    sections = [renderer.render(path) for path in config.sections]
    toc = table_of_contents(sections)
    if glossary:
        toc.append(glossary.toc_entry())
    warnings = warnings_for(sections, glossary)
    for warning in warnings:
        log.warning("warning: %s", warning)
    if strict and warnings:
        raise BuildError(warnings[0].path, warnings[0].line,
                         f"{warnings[0].problem} ({len(warnings)} warning(s); --strict makes them errors)")

    with atomic_directory(out_dir, keep=config.keep) as staging:
        log.info("copying vendored runtime (Pyodide, KaTeX, d3)")
        vendored = vendor.copy_vendored(staging)
        assets = copy_own_assets(staging)
        renderer.media.copy_into(staging)
        runtime = {
            "pyodide": vendored["pyodide"],
            "backprop": assets + "backprop.zip",
            "worker": assets + "js/worker.mjs",
        }
        snapshot = config.python_snapshot and copy_snapshot(staging, vendored["pyodide"])
        if snapshot:
            runtime["snapshot"] = snapshot
        if live_reload:
            runtime["liveReload"] = live_reload.lstrip("/")
        else:  # a cache would fight the reloads while an author edits
            runtime["serviceWorker"] = "sw.js"
        page_context = dict(config=config, assets=assets, vendor=vendored, runtime=runtime,
                            csp=CONTENT_SECURITY_POLICY)
        html = env.get_template("article.html").render(
            sections=sections, toc=toc, glossary=glossary, **page_context)
        (staging / "index.html").write_text(html, encoding="utf-8")
        # Embed pages live one folder down: their runtime paths climb back up.
        embed_runtime = {key: "../" + path for key, path in runtime.items()}
        write_embed_pages(staging, env, {**page_context, "runtime": embed_runtime},
                          placed=widgets.embeds)
        (staging / ".nojekyll").write_text("", encoding="utf-8")
        if "serviceWorker" in runtime:
            write_service_worker(staging)
        refuse_what_check_would(staging, [*config.sections, *filter(None, [config.glossary])],
                                fallback=config.path)
    seconds = time.perf_counter() - started
    log.info("built %s in %.2f s", out_dir, seconds)
    return BuildResult(out_dir=Path(out_dir), seconds=seconds, widgets=widgets.used)


def copy_snapshot(site_dir, pyodide_prefix):
    """Ship Python's start-up snapshot beside Pyodide, named after its content; its URL or None."""
    snapshot = pyodide_snapshot()
    if snapshot is None:
        return None
    name = f"snapshot-{vendor.sha256(snapshot)[:12]}.bin.gz"
    shutil.copyfile(snapshot, site_dir / pyodide_prefix / name)
    return pyodide_prefix + name


def run(args):
    if getattr(args, "single_file", False):
        from builder.single_file import build_single_file

        path = build_single_file(args.config, args.out, strict=args.strict)
        log.info("wrote %s (%.1f MB)", path, path.stat().st_size / 1e6)
        return 0
    build(args.config, args.out, strict=args.strict)
    return 0
