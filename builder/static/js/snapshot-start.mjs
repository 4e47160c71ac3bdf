// Python's start from the memory snapshot the build made (builder/snapshot.py), imported by
// worker.mjs only when there is one; builder/snapshot.mjs imports it too, to write the snapshot
// in the form this module reads. What it saves the reader (issue 17), against shipping Pyodide's
// snapshot as it comes:
//
// - The snapshot leaves out what pyodide.asm.wasm holds anyway: the memory every instance starts
//   from (the wasm's data segments, 3.2 MB of it) is XORed out of it at build time, which turns
//   the bytes Python never changed into zeros, and back in here once the wasm has arrived (it
//   downloads beside the snapshot). About 1.5 MB less to download, gzipped.
// - The standard library's zip (2.5 MB) does not come before Python is ready: everything the
//   page's own Python imports is in the snapshot, so Pyodide is handed an empty zip in its place.
//   The real one comes in the background once the page is live (worker.mjs says when); a module
//   a cell imports before then fetches it there and then.
// - The snapshot leaves out its runs of zeros (73% of the memory: the heap's unused top, the
//   stacks, freed memory, what the XOR above cleared): packZeroRuns lists where they were and
//   keeps the bytes between. Gzipped, 87 KB less than the same memory gzipped whole (deflate
//   looks back 32 KB only, and long zero runs pushed the bytes worth repeating out of its
//   view), and the worker inflates 8 MB instead of 31.

const EMPTY_ZIP = new Uint8Array([0x50, 0x4b, 5, 6, ...new Array(18).fill(0)]); // end record only
const STDLIB_LATER = "#fetched-later"; // marks the standard library's URL handed to Pyodide

/** {pyodide, fetchStdlib}: Python restored from the snapshot (`snapshot`: the promise of its
 *  response), and the standard library's download, to be started once the page is live.
 *  `wasmDownload`, if given, is the promise of pyodide.asm.wasm's response, fetched early. */
export async function startFromSnapshot(loadPyodide, indexURL, snapshot, wasmDownload = null) {
  // Pyodide fetches its files itself: hand it the wasm fetched early (or take it as it passes),
  // whose data segments complete the snapshot and which compiles as soon as it has arrived
  // (Pyodide would compile it only once the snapshot is whole); answer the standard library's
  // download with the empty zip. Compiled from its bytes, not from the response as it streams
  // in: streaming meant reading the download twice (a tee) and decoding it on this thread, which
  // starting Python keeps busy throughout; from the bytes, the browser compiles it on threads of
  // its own (Python ready 0.05 s sooner, paired medians of 10 runs).
  const [fetchFile, instantiateStreaming] = [self.fetch, WebAssembly.instantiateStreaming];
  let wasmResponse = null;
  let compiled = null; // the module, compiled from the wasm's bytes (null if that failed)
  let handedOver = null; // the wasm's response, as Pyodide gets it
  const wasm = new Promise((resolve, reject) => {
    const take = (download, url) => {
      handedOver = download;
      const bytes = download.then((got) => {
        if (!got.ok) throw new Error(`HTTP ${got.status} for ${url}`);
        wasmResponse = got;
        return got.arrayBuffer();
      });
      compiled = bytes.then((arrived) => WebAssembly.compile(arrived)).catch(() => null);
      bytes.then(resolve, reject);
    };
    if (wasmDownload) take(wasmDownload, indexURL + "pyodide.asm.wasm");
    self.fetch = function (resource, options) {
      const url = resource instanceof Request ? resource.url : String(resource);
      if (url.endsWith(STDLIB_LATER)) return Promise.resolve(new Response(EMPTY_ZIP));
      if (fileName(url) !== "pyodide.asm.wasm") return fetchFile.call(self, resource, options);
      if (!handedOver) take(fetchFile.call(self, resource, options), url);
      return handedOver;
    };
  });
  wasm.catch(() => {}); // a failed wasm download is reported by worker.mjs
  WebAssembly.instantiateStreaming = async function (source, imports) {
    const response = await source;
    const module = response === wasmResponse && await compiled;
    // Not the wasm taken above, or its compile failed (worker.mjs has reported that already, as
    // it failed): Pyodide's own way, which reports whatever else is wrong.
    if (!module) return instantiateStreaming.call(WebAssembly, response, imports);
    return { module, instance: await WebAssembly.instantiate(module, imports) };
  };
  const memory = Promise.all([inflate(snapshot).then(unpackZeroRuns), wasm])
    .then(([image, wasmBytes]) => xorDataSegments(image, new Uint8Array(wasmBytes)));
  let pyodide;
  try {
    pyodide = await loadPyodide({ indexURL, _loadSnapshot: memory,
                                  stdLibURL: indexURL + "python_stdlib.zip" + STDLIB_LATER });
  } finally {
    [self.fetch, WebAssembly.instantiateStreaming] = [fetchFile, instantiateStreaming];
  }
  // Every reader restores the same `random` state (made deterministically at build time):
  // reseed it from this browser's randomness so readers never share a sequence.
  pyodide.runPython("import random; random.seed()");
  return { pyodide, fetchStdlib: stdlibOnDemand(pyodide, indexURL + "python_stdlib.zip") };
}

function fileName(url) {
  return String(url).split(/[?#]/)[0].split("/").pop();
}

async function inflate(download) {
  const response = await download;
  if (!response.ok) throw new Error(`HTTP ${response.status} for ${response.url}`);
  // Inflated as it arrives (not once it has all arrived: that cost 0.4 s on 2 cores). Stored
  // gzipped; a host that already undid the gzip (Content-Encoding) hands over the raw file, so
  // the first bytes decide.
  const reader = response.body.getReader();
  const first = await reader.read();
  const whole = new ReadableStream({
    start(controller) { if (!first.done) controller.enqueue(first.value); },
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) controller.close(); else controller.enqueue(value);
    },
  });
  const gzipped = !first.done && first.value[0] === 0x1f && first.value[1] === 0x8b;
  const bytes = gzipped ? whole.pipeThrough(new DecompressionStream("gzip")) : whole;
  return new Uint8Array(await new Response(bytes).arrayBuffer());
}

// ----- the zero runs -----------------------------------------------------------------------------
// Packed: "BPZ1", the image's length (uint32, little-endian), the number of runs, then for each
// run the bytes kept since the one before and its length (unsigned LEB128 numbers), then the
// kept bytes. Runs shorter than MIN_ZERO_RUN stay: listing them would cost more than they do.

const PACKED = [0x42, 0x50, 0x5a, 0x31]; // "BPZ1"
const MIN_ZERO_RUN = 128;

/** The image without its runs of zeros, as unpackZeroRuns reads it. */
export function packZeroRuns(image) {
  const runs = []; // [start, end] of each run left out
  for (let at = 0; at < image.length; at++) {
    if (image[at] !== 0) continue;
    let end = at + 1;
    while (end < image.length && image[end] === 0) end++;
    if (end - at >= MIN_ZERO_RUN) runs.push([at, end]);
    at = end;
  }
  const size = new Uint8Array(4);
  new DataView(size.buffer).setUint32(0, image.length, true);
  const header = [...PACKED, ...size];
  const leb128 = (value) => {
    for (; value >= 0x80; value = Math.floor(value / 0x80)) header.push((value % 0x80) | 0x80);
    header.push(value);
  };
  leb128(runs.length);
  let kept = 0;
  let previousEnd = 0;
  for (const [start, end] of runs) {
    leb128(start - previousEnd);
    leb128(end - start);
    kept += start - previousEnd;
    previousEnd = end;
  }
  kept += image.length - previousEnd;
  const packed = new Uint8Array(header.length + kept);
  packed.set(header);
  let to = header.length;
  previousEnd = 0;
  for (const [start, end] of [...runs, [image.length, image.length]]) {
    packed.set(image.subarray(previousEnd, start), to);
    to += start - previousEnd;
    previousEnd = end;
  }
  return packed;
}

/** The image packZeroRuns packed, whole again. */
export function unpackZeroRuns(packed) {
  if (PACKED.some((byte, at) => packed[at] !== byte)) throw new Error("not a packed snapshot");
  const image = new Uint8Array(new DataView(packed.buffer, packed.byteOffset).getUint32(4, true));
  const read = reader(packed, 8); // past the mark and the length
  const runs = [];
  for (let count = read.number(); count > 0; count--) runs.push([read.number(), read.number()]);
  let { at } = read;
  let to = 0;
  for (const [keptBefore, zeros] of [...runs, [image.length, 0]]) {
    const kept = Math.min(keptBefore, image.length - to); // the last: whatever is left
    image.set(packed.subarray(at, at + kept), to);
    at += kept;
    to += kept + zeros;
  }
  if (at !== packed.length || to !== image.length) throw new Error("packed snapshot damaged");
  return image;
}

/** XORs the wasm's data segments into the memory of a snapshot (Pyodide's header, whose second
 *  little-endian word says where memory starts, then the memory): this takes them out, and the
 *  same again puts them back. Returns the snapshot, changed in place. */
export function xorDataSegments(snapshot, wasm) {
  const memoryStart = new DataView(snapshot.buffer, snapshot.byteOffset).getUint32(4, true);
  for (const [address, start, end] of dataSegments(wasm)) {
    if (memoryStart + address + end - start > snapshot.length) throw new Error("snapshot too short");
    for (let at = start, to = memoryStart + address; at < end; at++, to++) snapshot[to] ^= wasm[at];
  }
  return snapshot;
}

/** [[memory address, start, end], ...] of the active data segments of a wasm module's bytes. */
function dataSegments(wasm) {
  const read = reader(wasm, 8); // past the magic number and the version
  while (read.at < wasm.length) {
    const [section, size] = [read.byte(), read.number()];
    if (section !== 11) { read.at += size; continue; } // 11: the data section
    const segments = [];
    for (let count = read.number(); count > 0; count--) {
      // Active segments of memory 0 placed by an i32.const: all Emscripten writes here.
      if (read.number() !== 0 || read.byte() !== 0x41) throw new Error("unexpected wasm data segment");
      const address = read.number(); // i32.const takes a signed LEB128: addresses stay below 2 GB
      if (read.byte() !== 0x0b) throw new Error("unexpected wasm data segment");
      const length = read.number();
      segments.push([address, read.at, read.at + length]);
      read.at += length;
    }
    return segments;
  }
  throw new Error("the wasm has no data section");
}

/** Reads `bytes` from `at` on: a byte, or an unsigned LEB128 number (the wasm format's, and the
 *  packed snapshot's); `at` follows. */
function reader(bytes, at) {
  return {
    at,
    byte() {
      return bytes[this.at++];
    },
    number() {
      let value = 0;
      for (let scale = 1; ; scale *= 0x80) {
        const byte = this.byte();
        value += (byte & 0x7f) * scale;
        if (byte < 0x80) return value;
      }
    },
  };
}

// The last of Python's finders, asked only for a module no other found: a standard-library one
// fetches the zip at once (synchronously: an import cannot wait) and is looked for again.
const STDLIB_ON_DEMAND = `
import importlib.machinery, sys
class StdlibOnDemand:
    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] in sys.stdlib_module_names and fetch_now():
            return importlib.machinery.PathFinder.find_spec(name, path)
sys.meta_path.append(StdlibOnDemand())
f"/lib/python{sys.version_info[0]}{sys.version_info[1]}.zip"`;

/** Installs the finder; returns the background download. */
function stdlibOnDemand(pyodide, url) {
  let arrived = false;
  const put = (bytes) => {
    if (arrived) return false;
    arrived = true;
    pyodide.FS.writeFile(path, bytes);
    pyodide.runPython("import importlib; importlib.invalidate_caches()"); // zipimport reads it anew
    return true;
  };
  const fetchNow = () => {
    if (arrived) return false; // it is there: what was not found is not in it
    const request = new XMLHttpRequest();
    try {
      request.open("GET", url, false);
      request.responseType = "arraybuffer";
      request.send();
    } catch {
      return false; // not found, then, like any module that is not there
    }
    return request.status === 200 && put(new Uint8Array(request.response));
  };
  // In a namespace of its own: the cells' one stays the reader's.
  const path = pyodide.runPython(STDLIB_ON_DEMAND, { globals: pyodide.toPy({ fetch_now: fetchNow }) });
  return async () => {
    try {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`the server answered ${response.status}`);
      put(new Uint8Array(await response.arrayBuffer()));
    } catch (err) {
      console.warn(`Python's standard library did not download (${err.message || err}); ` +
                   "a cell that imports from it will try again");
    }
  };
}
