"""The third-party runtime files the site ships, taken from the pinned npm packages.

Each package is copied into a folder named after its version (``vendor/katex-0.19.1/``), so names
change whenever content can, browsers may cache them forever, and files that refer to each other
by name (Pyodide's core, KaTeX's fonts) keep working.
"""

import hashlib
import json
import re
import shutil

from builder import PACKAGE_DIR, REPO_DIR, fonts
from builder.errors import BuildError

NODE_MODULES = REPO_DIR / "node_modules"
# sha256 of every vendored file, written by `python -m builder.vendor --update` after a deliberate
# upgrade. npm checks each tarball's integrity on install; this checks the files we actually ship
# have not changed since (a tampered or half-upgraded node_modules stops the build).
HASHES = PACKAGE_DIR / "vendor-hashes.json"

# Only what the page needs: Pyodide's core (no package wheels ship with it), KaTeX's CSS and
# woff2 fonts (every browser we support reads woff2), d3's single UMD file and the text face
# (builder/fonts.py), each with its licence where the package has one (Pyodide's has none).
VENDORED = {
    "pyodide": ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip",
                "pyodide-lock.json"],
    "katex": ["dist/katex.min.css", "dist/fonts/*.woff2", "LICENSE"],
    "d3": ["dist/d3.min.js", "LICENSE"],
    fonts.PACKAGE: fonts.package_files(),
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
    """katex-0.19.1; a scoped package without its scope: source-serif-4-5.3.1."""
    return f"{name.rsplit('/', 1)[-1]}-{node_package(name)['version']}"


def vendor_prefix(name):
    """The URL prefix, relative to the site, of the folder a package's files are copied to."""
    return f"vendor/{vendor_dir_name(name)}/"


# Used by the builder itself (KaTeX renders at build time), verified like the shipped files.
BUILD_TIME = {"katex": ["dist/katex.min.js"]}
# Bundled by esbuild into the live cells' editor (builder/editor.py), which checks that the
# bundle read these files and nothing else.
BUNDLED = {
    **dict.fromkeys(["@codemirror/autocomplete", "@codemirror/commands", "@codemirror/lang-python",
                     "@codemirror/language", "@codemirror/state", "@codemirror/streamparser",
                     "@codemirror/view", "@lezer/common", "@lezer/highlight", "@lezer/lr",
                     "@lezer/python"], ["dist/index.js"]),
    "@marijn/find-cluster-break": ["src/index.js"], "style-mod": ["src/style-mod.js"],
    "crelt": ["index.js"], "w3c-keyname": ["index.js"],
}


def vendored_files(groups=(VENDORED, BUILD_TIME, BUNDLED)):
    """{"pyodide/pyodide.mjs": path, ...}: every file shipped, run or bundled from node_modules."""
    files = {}
    for name, patterns in [item for group in groups for item in group.items()]:
        root = NODE_MODULES / name
        for pattern in patterns:
            matches = sorted(root.glob(pattern))
            if not matches:
                raise BuildError(None, None, f"npm package '{name}' lacks '{pattern}'")
            for source in matches:
                files[f"{name}/{source.relative_to(root).as_posix()}"] = source
    return files


def split_key(key):
    """("katex", "dist/katex.min.css") from "katex/dist/katex.min.css"; a scoped package's name
    keeps its scope ("@fontsource/source-serif-4")."""
    parts = key.split("/")
    cut = 2 if key.startswith("@") else 1
    return "/".join(parts[:cut]), "/".join(parts[cut:])


def sha256(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def recorded_hashes():
    return json.loads(HASHES.read_text(encoding="utf-8"))


def _checked_bytes(key, path, expected):
    """The bytes of ``path``, after checking them against ``expected[key]``. Callers use these very
    bytes: reading the file again could give others (a tampered or half-upgraded package)."""
    if key not in expected:
        raise BuildError(HASHES, None, f"no recorded hash for {key}: run "
                                       "'python -m builder.vendor --update' after checking it")
    data = path.read_bytes()
    if hashlib.sha256(data).hexdigest() != expected[key]:
        raise BuildError(path, None, f"content differs from the hash recorded in {HASHES.name}"
                                     f" (expected sha256 {expected[key][:12]}...)")
    return data


def verified_bytes(name, relative):
    """One vendored file's bytes, checked: the builder runs KaTeX's JavaScript only after this."""
    return _checked_bytes(f"{name}/{relative}", node_package(name, relative), recorded_hashes())


def copy_vendored(site_dir):
    """Copy the vendored files under ``site_dir/vendor``, each checked against its recorded hash
    as it is read; returns {package: url prefix}."""
    expected = recorded_hashes()
    prefixes = {}
    for key, source in vendored_files((VENDORED, BUILD_TIME)).items():
        name, relative = split_key(key)
        data = _checked_bytes(key, source, expected)  # the builder's own files are checked too
        if relative in BUILD_TIME.get(name, []):
            continue  # run by the builder, not shipped
        # Flatten dist/ so KaTeX's CSS finds fonts/ beside it, and files/ for fonts.css; a
        # licence gets a name that hosts serve as text, not as a download.
        relative = relative.removeprefix("dist/").removeprefix("files/")
        relative = "LICENSE.txt" if relative == "LICENSE" else relative
        destination = site_dir / vendor_prefix(name) / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        if source.name == "katex.min.css":
            data = woff2_only(data.decode("utf-8")).encode("utf-8")
        if source.name == "pyodide-lock.json":
            data = lock_without_packages(data)
        destination.write_bytes(data)
        prefixes[name] = vendor_prefix(name)
    (site_dir / prefixes[fonts.PACKAGE] / fonts.STYLESHEET).write_text(fonts.stylesheet(),
                                                                       encoding="utf-8")
    return prefixes


def lock_without_packages(data):
    """Pyodide's lock file with its info (the ABI it checks at start) and no packages: none ship
    with the site, and the full list is 26 KB gzipped that every reader downloads before Python
    starts (issue 17). A cell importing a package then gets Python's own "No module named", not
    advice to load a package the site does not have. The single file's worker is handed the
    same, {info, packages: {}}."""
    info = json.loads(data)["info"]
    return (json.dumps({"info": info, "packages": {}}, indent=1) + "\n").encode("utf-8")


def woff2_only(css):
    """KaTeX's CSS without its .woff and .ttf fallbacks, which we do not ship (every browser
    that runs the live parts reads woff2), so each url() in it names a file in the site."""
    return re.sub(r',url\(fonts/[^)]+\.(?:woff|ttf)\) format\("(?:woff|truetype)"\)', "", css)


if __name__ == "__main__":
    import sys

    if sys.argv[1:] != ["--update"]:
        sys.exit("usage: python -m builder.vendor --update   (records the current files' hashes)")
    hashes = {key: sha256(path) for key, path in sorted(vendored_files().items())}
    HASHES.write_text(json.dumps(hashes, indent=1) + "\n", encoding="utf-8")
    print(f"recorded {len(hashes)} hashes in {HASHES}")
