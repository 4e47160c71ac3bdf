// Run by builder/bytecode.py under Node: compile the backprop package's modules to Python
// bytecode with the very Python the browser runs (Pyodide's), so the reader's first import reads
// code instead of compiling source (on 2 cores that was most of backprop's import time).
//
//   node builder/bytecode.mjs <pyodide folder> <folder of .py files> <path prefix>
//
// Writes each x.py's bytecode beside it as x.pyc, where zipimport looks for it. The .pyc is of
// the unchecked-hash kind (PEP 552): no file time inside, so the same source always gives the
// same bytes, and the zip, which also ships the source for tracebacks, has no times to compare.
// Code objects name their file <path prefix>/<relative path>, where the worker puts the zip.

import { pathToFileURL } from "node:url";

const [folder, sources, prefix] = process.argv.slice(2);
if (!folder || !sources || !prefix) {
  console.error("usage: node builder/bytecode.mjs <pyodide folder> <sources folder> <path prefix>");
  process.exit(2);
}
const indexURL = folder.endsWith("/") ? folder : folder + "/";
process.argv.length = 1; // keep the builder's folders out of Python's sys.argv
const { loadPyodide } = await import(pathToFileURL(indexURL + "pyodide.mjs").href);
const pyodide = await loadPyodide({ indexURL, env: { PYTHONHASHSEED: "0", LANG: "C.UTF-8" } });
pyodide.mountNodeFS("/sources", sources);
pyodide.globals.set("prefix", prefix);
pyodide.runPython(`
import pathlib, py_compile
root = pathlib.Path("/sources")
for source in sorted(root.rglob("*.py")):
    relative = source.relative_to(root).as_posix()
    py_compile.compile(str(source), cfile=str(source) + "c", dfile=f"{prefix}/{relative}",
                       doraise=True, invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)
`);
