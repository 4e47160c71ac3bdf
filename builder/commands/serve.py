"""``serve``: build, serve the site on 127.0.0.1, and rebuild and reload the page on every change
(builder/preview_server.py), until Ctrl+C."""

import sys

from builder.preview_server import ServeError, serve_with_reload


def run(args):
    try:
        server = serve_with_reload(args.config, args.out, args.host, args.port, strict=args.strict)
    except ServeError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    host, port = server.server_address[:2]
    print(f"Serving the article at http://{host}:{port}/  (Ctrl+C to stop)", flush=True)
    print("Watching content, templates, front-end code and pyodide_src: the page reloads on change.",
          flush=True)
    try:
        server.stopping.wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stopping.set()
        server.shutdown()
        server.server_close()
    return 0
