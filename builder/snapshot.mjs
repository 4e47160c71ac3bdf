// Run by builder/snapshot.py under Node: start Pyodide once, import the standard-library modules
// the backprop package uses, and write the interpreter's memory to a file. A browser that loads
// this snapshot skips Python's own start-up (about 2 s of the 2.5 s loadPyodide takes on 2 cores).
//
//   node builder/snapshot.mjs <pyodide folder> <output file>
//
// The same Pyodide always gives the same bytes, so two clones build byte-identical sites. Start-up
// reads the machine's randomness (the `random` module's Mersenne Twister, mimalloc's ChaCha20
// state), its clocks (file times, start-up timings), its time zone (time.timezone) and its
// language (LANG): this process serves them all fixed instead. Nothing is lost by that: every
// reader restores the same file anyway, and the worker reseeds `random` from the browser's
// randomness right after the restore.

import nodeCrypto from "node:crypto";
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

// Read by Emscripten's tzset and by Node's Date, so set before Pyodide loads. Pyodide has no
// time.tzset, so a restored Python reports this zone in time.timezone (local times themselves come
// from the browser's Date and are the reader's own).
process.env.TZ = "UTC";

// Emscripten's getentropy (and so os.urandom) draws from node:crypto's randomFillSync in Node:
// hand it SHA-256 of a counter instead.
let block = 0;
nodeCrypto.randomFillSync = (view) => {
  const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
  for (let at = 0; at < bytes.length; at += 32) {
    const digest = nodeCrypto.createHash("sha256").update(`snapshot entropy ${block++}`).digest();
    bytes.set(digest.subarray(0, bytes.length - at), at);
  }
  return view;
};
// Clocks that tick 1 ms per reading from a fixed start: deterministic, yet never frozen, so
// nothing that waits for time to pass can hang here.
let wallClock = Date.UTC(2025, 0, 1);
let monotonic = 0;
Date.now = () => (wallClock += 1);
performance.now = () => (monotonic += 1);

const { loadPyodide } = await import(pathToFileURL(indexURL + "pyodide.mjs").href);
// A fixed hash seed: the same input makes the same interpreter state for every reader. It cannot
// change after start (every string keeps its hash, every dict its layout), so readers share it;
// hash randomization guards servers against keys chosen by an attacker, and here the only keys
// come from the reader's own page. LANG fixed too: Emscripten takes it from navigator.language,
// which newer Nodes define.
const env = { PYTHONHASHSEED: "0", LANG: "C.UTF-8" };
const pyodide = await loadPyodide({ indexURL, _makeSnapshot: true, env });
// Generic modules only (never backprop itself): the snapshot depends on Pyodide alone, so it is
// made once per Pyodide version and an edit to pyodide_src does not invalidate it.
pyodide.runPython(
  "import collections, dataclasses, decimal, functools, importlib, json, math, operator, random, " +
  "re, time, urllib.parse, zipfile");
writeFileSync(output, pyodide.makeMemorySnapshot());
