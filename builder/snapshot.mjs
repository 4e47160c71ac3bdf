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
import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { packZeroRuns, xorDataSegments } from "./static/js/snapshot-start.mjs";

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
// Nothing the page's own Python imports is read from the standard library's zip after a restore
// (Pyodide's start imports the rest), so the worker installs an empty zip in its place and
// fetches the real one after the first answer (static/js/worker.mjs). zipimport would remember
// the real zip's table of contents and read at offsets that the empty one lacks: forget it, so
// the zip in place at the time is read afresh. Then every object start-up made is frozen
// (gc.freeze): the collector never walks them again, where its first full pass over them cost
// 17-29 ms of the widgets' first calls (in Pyodide under Node), 1-6 ms once frozen.
pyodide.runPython(`
import gc, sys, zipimport
for path in [path for path in sys.path_importer_cache if path.startswith("/lib/python")]:
    del sys.path_importer_cache[path]
zipimport._zip_directory_cache.clear()
gc.collect()
gc.freeze()`);
zeroUnusedMemory(pyodide._module);
// The memory every instance of the wasm starts from is in pyodide.asm.wasm already: XORed out,
// what Python never changed is zeros (1.5 MB less gzipped); snapshot-start.mjs XORs it back.
const wasm = new Uint8Array(readFileSync(indexURL + "pyodide.asm.wasm"));
// Then its runs of zeros are left out (snapshot-start.mjs says why), and the reader's worker
// puts them back.
writeFileSync(output, packZeroRuns(xorDataSegments(pyodide.makeMemorySnapshot(), wasm)));

// Freed memory still holds what it last held (the source text of every module compiled at start,
// for one): zeroed, the gzipped snapshot shrinks by about 1 MB. Zeroed are the free chunks of
// malloc's heap (found by allocating them all, from 1 MB down to 8 bytes, until an allocation
// would come from the heap's unused top), the unused top itself and the stack below its pointer.
// No live byte changes, and the same steps on the same memory give the same bytes.
function zeroUnusedMemory(module) {
  module._malloc_trim(0);
  const top = module._sbrk(0);
  const held = [];
  for (let size = 1 << 20; size >= 8; size >>= 1) {
    for (;;) {
      const at = module._malloc(size);
      if (at && at + size <= top) {
        module.HEAPU8.fill(0, at, at + size);
        held.push(at);
        continue;
      }
      if (at) module._free(at); // came from the top, which is zeroed below
      break;
    }
  }
  for (const at of held) module._free(at);
  module._malloc_trim(0);
  const heap = module.HEAPU8;
  heap.fill(0, module._sbrk(0), heap.length);
  heap.fill(0, module._emscripten_stack_get_end(), module._emscripten_stack_get_current());
}
