"""The third-party runtime files the site ships, taken from the pinned npm packages.

Each package is copied into a folder named after its version (``vendor/katex-0.19.1/``), so names
change whenever content can, browsers may cache them forever, and files that refer to each other
by name (Pyodide's core, KaTeX's fonts) keep working.
"""

import json
import re
import shutil

from builder import REPO_DIR
from builder.errors import BuildError

NODE_MODULES = REPO_DIR / "node_modules"

# Only what the page needs: Pyodide's core (no package wheels ship with it), KaTeX's CSS and
# woff2 fonts (every browser we support reads woff2), and d3's single UMD file.
VENDORED = {
    "pyodide": ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip",
                "pyodide-lock.json"],
    "katex": ["dist/katex.min.css", "dist/fonts/*.woff2"],
    "d3": ["dist/d3.min.js"],
}


def node_package(name, relative=None):
    """package.json of an installed npm package as a dict, or the path of one of its files."""
    root = NODE_MODULES / name
    if not (root / "package.json").is_file():
        raise BuildError(None, None, f"npm package '{name}' is not installed: run 'npm ci' "
                                     "(or 'make site', which does it)")
    if relative is not None:
        return root / relative
    return json.loads((root / "package.json").read_text(encoding="utf-8"))


def vendor_dir_name(name):
    return f"{name}-{node_package(name)['version']}"


def copy_vendored(site_dir):
    """Copy the vendored files under ``site_dir/vendor``; returns {package: url prefix}."""
    prefixes = {}
    for name, patterns in VENDORED.items():
        root = NODE_MODULES / name
        target = site_dir / "vendor" / vendor_dir_name(name)
        for pattern in patterns:
            matches = sorted(root.glob(pattern))
            if not matches:
                raise BuildError(None, None, f"npm package '{name}' lacks '{pattern}'")
            for source in matches:
                # Flatten dist/ so KaTeX's CSS finds fonts/ beside it.
                relative = source.relative_to(root)
                if relative.parts[0] == "dist":
                    relative = relative.relative_to("dist")
                destination = target / relative
                destination.parent.mkdir(parents=True, exist_ok=True)
                if source.name == "katex.min.css":
                    destination.write_text(woff2_only(source.read_text(encoding="utf-8")),
                                           encoding="utf-8")
                else:
                    shutil.copyfile(source, destination)
        prefixes[name] = f"vendor/{target.name}/"
    return prefixes


def woff2_only(css):
    """KaTeX's CSS without its .woff and .ttf fallbacks, which we do not ship (every browser
    that runs the live parts reads woff2), so each url() in it names a file in the site."""
    return re.sub(r',url\(fonts/[^)]+\.(?:woff|ttf)\) format\("(?:woff|truetype)"\)', "", css)
