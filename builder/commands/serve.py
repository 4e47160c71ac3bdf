"""``serve``: build, serve the site on 127.0.0.1, and rebuild and reload the page on every change
(builder/preview_server.py), until Ctrl+C."""

import ipaddress
import sys
import webbrowser

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
    if args.open:  # the server is listening already: the browser's first request is answered
        url = browser_address(host, port)
        if not webbrowser.open(url):
            print(f"Could not start a browser here: open {url} in one.", flush=True)
    try:
        server.stopping.wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stopping.set()
        server.shutdown()
        server.server_close()
    return 0


def browser_address(host, port):
    """The address a browser on this machine opens for a server bound to ``host``: one bound to
    every address (0.0.0.0, ::) is reached on the loopback; an IPv6 address goes in brackets."""
    try:
        address = ipaddress.ip_address(host)
    except ValueError:  # a host name
        return f"http://{host}:{port}/"
    if address.is_unspecified:
        address = ipaddress.ip_address("::1" if address.version == 6 else "127.0.0.1")
    return f"http://[{address}]:{port}/" if address.version == 6 else f"http://{address}:{port}/"
