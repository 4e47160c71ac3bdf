"""A local stand-in for GitHub Pages, for tests of what readers' browsers keep between deploys.

It answers the way Pages does where caching is concerned: every file with
``Cache-Control: max-age=600``, an ETag and a Last-Modified date (a conditional request for an
unchanged file gets 304), gzip for text when the browser accepts it, no security-policy header,
and a folder without its slash redirected to it. "Publishing" points the host at another built
folder in one assignment, so a request is answered wholly from one build or wholly from the other,
as a deploy looks from outside.
"""

import contextlib
import email.utils
import gzip
import hashlib
import http.server
import mimetypes
import sys
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

from tests.conftest import running

MAX_AGE = 600  # what GitHub Pages sends (ten minutes)
# Formats that are compressed already gain nothing from gzip (Pages leaves them alone too); the
# snapshot is a .gz file the page inflates itself, so it must not get a Content-Encoding.
ALREADY_COMPRESSED = {".gz", ".zip", ".woff", ".woff2", ".png", ".jpg", ".jpeg", ".gif", ".webp"}
TYPES = {".wasm": "application/wasm", ".mjs": "text/javascript", ".js": "text/javascript",
         ".woff2": "font/woff2", ".gz": "application/gzip"}


class PagesRequestHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, like a real host; every answer has a length

    def do_GET(self):
        self.answer(send_body=True)

    def do_HEAD(self):
        self.answer(send_body=False)

    def answer(self, send_body):
        root = self.server.root  # read once: this whole answer comes from one build
        path = unquote(urlsplit(self.path).path)
        file = (root / path.lstrip("/")).resolve()
        if not file.is_relative_to(root.resolve()):
            return self.send_plain(404, b"Not found\n", send_body)
        if file.is_dir():
            if not path.endswith("/"):
                return self.redirect(path + "/")
            file = file / "index.html"
        if not file.is_file():
            return self.send_plain(404, b"File not found\n", send_body)
        body = file.read_bytes()
        gzipped = (file.suffix not in ALREADY_COMPRESSED
                   and "gzip" in self.headers.get("Accept-Encoding", ""))
        # A content hash, weak when the bytes sent are a gzip of the file (as Pages marks them).
        tag = f'"{hashlib.sha256(body).hexdigest()[:20]}"'
        etag = "W/" + tag if gzipped else tag
        modified = email.utils.formatdate(file.stat().st_mtime, usegmt=True)
        if self.not_modified(tag, file.stat().st_mtime):
            self.send_response(304)
            self.send_caching_headers(etag, modified)
            self.send_header("Content-Length", "0")
            self.end_headers()
            self.server.record(path, 304, 0)
            return
        if gzipped:
            body = gzip.compress(body, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.type_of(file))
        self.send_caching_headers(etag, modified)
        if gzipped:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body:
            self.wfile.write(body)
        self.server.record(path, 200, len(body) if send_body else 0)

    def not_modified(self, tag, mtime):
        """RFC 9110: If-None-Match (compared weakly) decides when present; else If-Modified-Since."""
        if_none_match = self.headers.get("If-None-Match")
        if if_none_match is not None:
            offered = [t.strip().removeprefix("W/") for t in if_none_match.split(",")]
            return tag in offered or "*" in offered
        since = self.headers.get("If-Modified-Since")
        if since:
            with contextlib.suppress(TypeError, ValueError):
                return int(mtime) <= email.utils.parsedate_to_datetime(since).timestamp()
        return False

    def send_caching_headers(self, etag, modified):
        self.send_header("Cache-Control", f"max-age={MAX_AGE}")
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", modified)
        self.send_header("Vary", "Accept-Encoding")

    @staticmethod
    def type_of(file):
        kind = TYPES.get(file.suffix) or mimetypes.guess_type(file.name)[0]
        kind = kind or "application/octet-stream"
        return kind + "; charset=utf-8" if kind.startswith("text/") else kind

    def redirect(self, location):
        self.send_response(301)
        self.send_header("Location", location)
        self.send_header("Cache-Control", f"max-age={MAX_AGE}")
        self.send_header("Content-Length", "0")
        self.end_headers()
        self.server.record(self.path, 301, 0)

    def send_plain(self, status, body, send_body):
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body:
            self.wfile.write(body)
        self.server.record(urlsplit(self.path).path, status, len(body) if send_body else 0)

    def log_message(self, format, *args):
        pass  # tests read the host's own record instead


class PagesHost(http.server.ThreadingHTTPServer):
    """Serves whichever build was published last; remembers what it answered."""

    daemon_threads = True

    def __init__(self, folder):
        super().__init__(("127.0.0.1", 0), PagesRequestHandler)
        self.root = Path(folder)
        self.answers = []  # (path, status, body bytes sent), in order
        self._lock = threading.Lock()

    def publish(self, folder):
        """Deploy another build: from the next request on, every file comes from ``folder``."""
        self.root = Path(folder)

    def record(self, path, status, sent):
        with self._lock:
            self.answers.append((path, status, sent))

    def bytes_sent(self):
        with self._lock:
            return sum(sent for _, _, sent in self.answers)

    def statuses(self, status):
        with self._lock:
            return [path for path, code, _ in self.answers if code == status]

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server_address[1]}/"

    def handle_error(self, request, client_address):
        # A browser dropping a keep-alive connection is no error of the site's.
        if not isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def pages_host(folder):
    """A running host serving ``folder``; stopped afterwards."""
    with running(PagesHost(folder)) as host:
        yield host
