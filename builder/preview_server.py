"""The preview server behind ``serve``: builds, serves the site on 127.0.0.1, and rebuilds and
reloads the page on every change.

Responses carry the right types (Pyodide needs application/wasm) and the page's security policy
as a header, which, unlike the page's <meta>, also reaches the worker. Files are opened under the
swap's lock, so a request during a rebuild is answered from a complete folder; open pages hear of
each rebuild (or its error) through a server-sent event stream; a first build that fails shows
its error instead of a folder listing. The ``serve`` command (builder/commands/serve.py) starts it.
"""

import errno
import functools
import html
import http.server
import json
import logging
import socket
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

from builder import output
from builder.article_widgets import widgets_folder
from builder.config import load_config
from builder.errors import BuildError
from builder.pipeline import build
from builder.policy import CONTENT_SECURITY_POLICY
from builder.widgets import forget_backprop
from builder.watch import Reloads, build_failure, snapshot, watch_and_rebuild, watched_roots

EVENTS_PATH = "/__reload-events"
BUILD_ERROR_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="2">
<title>Build failed</title></head>
<body><main><h1>The article did not build</h1>
<p role="alert"><code>{error}</code></p>
<p>Fix it and save: this page looks again every two seconds.</p></main></body></html>
"""

log = logging.getLogger("builder")


# Where the build puts only files named after their content (a hash, or a package's version):
# builder/assets.py, builder/vendor.py, builder/markdown_ext/images.py.
CONTENT_NAMED = ("/assets/", "/vendor/", "/media/")


def cache_control(path):
    """Files named after their content are kept by the browser for good, as a well-set host
    would: a course page's three embed frames then share one download of each script instead
    of asking for it three times while Python downloads (goal 3 of issue 17), and a reload after
    a rebuild asks only for what changed. Pages, sw.js and embed/host.js keep their names across
    builds: the browser asks again each time."""
    if urlsplit(path).path.startswith(CONTENT_NAMED):
        return "public, max-age=31536000, immutable"
    return "no-cache"


class SiteRequestHandler(http.server.SimpleHTTPRequestHandler):
    # Pyodide refuses to compile wasm served under another type; .mjs must be JavaScript.
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".wasm": "application/wasm", ".mjs": "text/javascript",
                      ".js": "text/javascript", ".woff2": "font/woff2"}

    def end_headers(self):
        # A <meta> policy does not reach the worker; a header does. No frame-ancestors: embed pages
        # are made to be framed by any course site.
        if self.server.policy:  # tests serve without one, as GitHub Pages does
            self.send_header("Content-Security-Policy", self.server.policy)
        self.send_header("Cache-Control", cache_control(self.path))
        super().end_headers()

    def do_GET(self):
        if self.path == EVENTS_PATH and self.server.reloads is not None:
            self.stream_reloads()
        elif self.nothing_built_yet():
            self.send_build_error_page()
        else:
            super().do_GET()

    def send_head(self):
        try:
            # Opened under the swap's lock, a file comes from the old folder or the new one,
            # never from the instant between them when the output folder does not exist (404).
            with output.SWAP_LOCK:
                return super().send_head()
        except ValueError:  # a NUL in the address ("/index.html%00.txt"): no file has one
            self.send_error(400, "No file name holds that character")
            return None

    def nothing_built_yet(self):
        """True when the first build failed and there is no earlier site to show instead."""
        reloads = self.server.reloads
        return (reloads is not None and reloads.error is not None
                and self.path.split("?")[0] in ("/", "/index.html")
                and not (Path(self.directory) / "index.html").exists())

    def send_build_error_page(self):
        # Better than a directory listing: the error, and a page that looks again every two
        # seconds (a meta refresh, since the strict policy allows no inline script).
        body = BUILD_ERROR_PAGE.format(error=html.escape(self.server.reloads.error)).encode()
        self.send_response(503)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def stream_reloads(self):
        """Server-sent events: one 'reload' (or 'build-error') message per rebuild."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        reloads = self.server.reloads
        generation = reloads.generation
        try:
            if reloads.error:  # a page that connects after a failed rebuild still hears of it
                self.wfile.write(f"event: build-error\ndata: {json.dumps(reloads.error)}\n\n".encode())
                self.wfile.flush()
            while not self.server.stopping.is_set():
                new, error = reloads.wait_after(generation, timeout=15)
                if new == generation:
                    self.wfile.write(b": still here\n\n")  # keeps proxies from timing out
                else:
                    generation = new
                    kind = "build-error" if error else "reload"
                    self.wfile.write(f"event: {kind}\ndata: {json.dumps(error or '')}\n\n".encode())
                self.wfile.flush()
        except (ConnectionResetError, BrokenPipeError):
            pass

    def log_message(self, format, *args):
        log.debug("%s %s", self.address_string(), format % args)


class SiteServer(http.server.ThreadingHTTPServer):
    daemon_threads = True
    reloads = None  # a Reloads when serving with live reload
    policy = CONTENT_SECURITY_POLICY  # sent as a header with every response
    stopping = threading.Event()

    def handle_error(self, request, client_address):
        # A reader closing the tab mid-download is normal, not worth a traceback; anything else
        # is one line (the traceback with -v), and the server goes on answering.
        error = sys.exc_info()[1]
        if isinstance(error, (ConnectionResetError, BrokenPipeError)):
            return
        log.error("error: a request from %s failed: %s: %s", client_address[0],
                  type(error).__name__, error)
        log.debug("where it failed:", exc_info=error)


def make_server(directory, host="127.0.0.1", port=8000):
    handler = functools.partial(SiteRequestHandler, directory=str(Path(directory).resolve()))
    try:
        return SiteServer((host, port), handler)
    except socket.gaierror:
        raise ServeError(f"cannot serve on {host}: no such host name or address; --host takes "
                         "an address of this machine, such as 127.0.0.1") from None
    except (OverflowError, ValueError) as err:  # a port outside 0-65535, a NUL in the host
        raise ServeError(f"cannot serve on {host}:{port}: {err}") from None
    except OSError as err:
        advice = {errno.EADDRINUSE: "is another serve running there? Choose another --port",
                  errno.EACCES: "ports below 1024 need special rights: choose another --port",
                  errno.EADDRNOTAVAIL: "that address is not one of this machine's: choose "
                                       "another --host"}.get(err.errno, "choose another --host "
                                                                         "or --port")
        raise ServeError(f"cannot serve on {host}:{port}: {err.strerror or err}; {advice}") from None


def check_output_folder(config_path, out):
    """Refuse, before serving anything from it, an --out the build would refuse: serving it would
    show the current folder or the article's sources to the browser."""
    try:
        config = load_config(config_path)
        sources = [config.path, *config.sections, *filter(None, [config.glossary]),
                   widgets_folder(config)]
        keep = config.keep
    except BuildError:  # the first build reports it; judge the folder without the config's help
        sources, keep = [config_path], ()
    output.check_replaceable(out, sources, keep)


def serve_with_reload(config, out, host="127.0.0.1", port=8000, strict=False):
    """Build, start serving and watching; returns the server (its ``stopping`` event ends it)."""
    def rebuild():
        forget_backprop()  # an edit to pyodide_src must reach the pre-rendered figures too
        build(config, out, live_reload=EVENTS_PATH, strict=strict)

    check_output_folder(config, out)
    # Then the port: one already in use should not cost a build, nor end in a traceback.
    server = make_server(out, host, port)
    reloads = Reloads()
    roots = watched_roots(Path(config))
    sources = snapshot(roots, skip=[out])  # before building: a save during it is not missed
    try:
        rebuild()
    except Exception as err:
        # Keep serving (the previous site, if any) and watching: the next save may fix it.
        reloads.error = build_failure(err)
        log.error("error: %s (fix it and save: the site rebuilds)", reloads.error)
    server.reloads = reloads
    server.stopping = threading.Event()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    threading.Thread(target=watch_and_rebuild, daemon=True,
                     args=(roots, rebuild, server.reloads),
                     kwargs={"stop": server.stopping, "before": sources, "skip": [out]}).start()
    return server


class ServeError(Exception):
    """serve cannot start (the port is taken, no such host); not a problem in the article."""
