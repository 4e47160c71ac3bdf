// Run by builder/snapshot.py under Node: start Pyodide once, import the standard-library modules
// the backprop package uses, and write the interpreter's memory to a file. A browser that loads
// this snapshot skips Python's own start-up (about 2 s of the 2.5 s loadPyodide takes on 2 cores).
//
//   node builder/snapshot.mjs <pyodide folder> <output file>

import { writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [folder, output] = process.argv.slice(2);
if (!folder || !output) {
  console.error("usage: node builder/snapshot.mjs <pyodide folder> <output file>");
  process.exit(2);
}
const indexURL = folder.endsWith("/") ? folder : folder + "/";
// Emscripten records the script's path and arguments as the program's name and argv: keep the
// builder's own folders (someone's home directory) out of the memory every reader downloads.
process.argv.length = 1;
const { loadPyodide } = await import(pathToFileURL(indexURL + "pyodide.mjs").href);
// A fixed hash seed: the same input makes the same interpreter state for every reader.
const pyodide = await loadPyodide({ indexURL, _makeSnapshot: true, env: { PYTHONHASHSEED: "0" } });
// Generic modules only (never backprop itself): the snapshot depends on Pyodide alone, so it is
// made once per Pyodide version and an edit to pyodide_src does not invalidate it.
pyodide.runPython(
  "import collections, dataclasses, decimal, functools, importlib, json, math, operator, random, " +
  "re, time, urllib.parse, zipfile");
writeFileSync(output, pyodide.makeMemorySnapshot());
