"""``serve``: build, then serve the site on 127.0.0.1 with correct types and the page's policy."""

import functools
import http.server
import logging
import sys

from builder.commands.build import CONTENT_SECURITY_POLICY, build

log = logging.getLogger("builder")


class SiteRequestHandler(http.server.SimpleHTTPRequestHandler):
    # Pyodide refuses to compile wasm served under another type; .mjs must be JavaScript.
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".wasm": "application/wasm", ".mjs": "text/javascript",
                      ".js": "text/javascript", ".woff2": "font/woff2"}

    def end_headers(self):
        # A <meta> policy does not reach the worker; a header does.
        self.send_header("Content-Security-Policy",
                         CONTENT_SECURITY_POLICY + "; frame-ancestors 'self'")
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_message(self, format, *args):
        log.debug("%s %s", self.address_string(), format % args)


class SiteServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # A reader closing the tab mid-download is normal, not worth a traceback.
        if isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            return
        super().handle_error(request, client_address)


def make_server(directory, host="127.0.0.1", port=8000):
    handler = functools.partial(SiteRequestHandler, directory=str(directory))
    return SiteServer((host, port), handler)


def run(args):
    build(args.config, args.out)
    server = make_server(args.out, args.host, args.port)
    host, port = server.server_address[:2]
    print(f"Serving the article at http://{host}:{port}/  (Ctrl+C to stop)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0
