"""The pages' Content-Security-Policy: what a browser may load and run, in one place.

The site's policy goes into every page as a <meta> (all GitHub Pages allows) and, from ``serve``,
into every response as a header, which unlike the <meta> also reaches the worker: one string, so
the two never drift apart.
"""

# Everything a browser may request from another file than the page.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; "
    "connect-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; font-src 'self'; "
    "img-src 'self' data:; base-uri 'none'; form-action 'none'"
)
