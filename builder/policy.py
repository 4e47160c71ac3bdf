"""The pages' Content-Security-Policies: what a browser may load and run, in one place.

The site's policy goes into every page as a <meta> (all GitHub Pages allows) and, from ``serve``,
into every response as a header, which unlike the <meta> also reaches the worker: one string, so
the two never drift apart. The single file has its own: it fetches nothing, and runs inline only
its own scripts, named by their hashes.
"""

import base64
import hashlib

# Everything a browser may request from another file than the page.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; "
    "connect-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; font-src 'self'; "
    "img-src 'self' data:; base-uri 'none'; form-action 'none'"
)

# The single file (builder/single_file.py) cannot avoid inline scripts and styles: it allows
# exactly those, by their hashes ({scripts}, {styles}), plus blob: modules, the data: worker,
# data: fonts and images and WebAssembly compilation; it fetches nothing.
SINGLE_FILE_POLICY = (
    "default-src 'none'; script-src {scripts} blob: 'wasm-unsafe-eval'; worker-src data:; "
    "connect-src 'none'; style-src {styles}; style-src-attr 'unsafe-inline'; font-src data:; "
    "img-src data:; base-uri 'none'; form-action 'none'")


def csp_hash(text):
    """A policy's source for exactly this inline script or style."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"
