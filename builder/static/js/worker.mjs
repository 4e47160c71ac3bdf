// The only place Python runs in the browser. Loads Pyodide and the backprop package, then answers
// {type: "call", id, channel, op, args} with {type: "result", id, result}. Calls that pile up on a
// channel while Python is busy collapse to the newest; the older ones are answered "superseded".
//
// A stream, {type: "stream", id, channel, op, args}, calls its op again and again, without waiting
// for the page in between (a network training while the page draws): each call gets the args
// the one before it named (its result's "next") and `view`, true when the page has asked for a
// picture ({type: "want", id}) since the last it got. Only those results go to the page
// ({type: "chunk", id, result}), so Python makes no picture the page would not draw. It runs
// on for at most LEAD_MS past the page's last want (a hidden tab asks for none, and nothing
// trains behind the reader's back), and ends when the page says {type: "stop", id}, when a
// result says "done", or when a newer call or stream comes on its channel: {type: "end", id}
// (with "error" if its op failed), after every chunk it sent. Calls of other channels (other
// figures) are answered between two of its steps, before them. A call marked `background` (a
// figure's first, as it goes live: python-client.js) waits while any other does.
//
// Where one worker serves several pages (shared-worker.mjs), each call and stream names its page,
// `client`, to Python (which keeps each page's sessions apart), and {type: "release", client}
// ends what that page left running once it has closed.

let api = null;               // backprop.api.call_json, once Python is ready
const queued = new Map();     // channel -> newest waiting call
const streams = new Map();    // channel -> running stream, in the order they take turns
let scheduled = false;
// A page asks once a frame, or twice a second with reduced motion (widgets/lib/play-loop.js):
// a stream runs on for a while longer than that without being asked, no more.
const LEAD_MS = 1000;

function progress(step, label, values = {}) { // label: a key of builder/labels.py
  postMessage({ type: "progress", step, steps: 3, label, values });
}

// Where Pyodide comes from: its folder beside the page, unless the single-file page's worker
// (js/single/worker.js) imports this module and hands over its inline copy first.
let pyodideSource = {
  // Compressed sizes: Pyodide's core is about 6 MB; from the snapshot (3.7 MB), the core less its
  // standard library (2.5 MB, fetched once the page is live): about 8 MB with backprop.
  label: (snapshotURL) => ["status_downloading", { megabytes: snapshotURL ? 8 : 6 }],
  async load(indexURL, snapshotURL) {
    // The snapshot (the largest file), both modules, and Pyodide's own large files at once,
    // rather than once its loader has asked for them (0.1-0.15 s later on two busy cores): the
    // wasm, handed to it below, and its JavaScript, which its loader imports by the same address.
    // snapshot-start.mjs is found from the worker's own address (the single-file page runs this
    // module from a blob: URL, which has no neighbours, and never with a snapshot).
    const snapshot = snapshotURL && download(snapshotURL);
    snapshot?.catch(() => {}); // reported below, as the snapshot not loading
    const wasm = snapshotURL && download(new URL("pyodide.asm.wasm", indexURL).href);
    wasm?.catch(() => {}); // reported by Pyodide, which is handed this response
    if (snapshotURL) import(new URL("pyodide.asm.mjs", indexURL).href).catch(() => {});
    const neighbour = (name) => new URL(name, self.location.href).href;
    const [{ loadPyodide }, fromSnapshot] = await Promise.all([
      import(new URL("pyodide.mjs", indexURL).href),
      snapshotURL && import(neighbour("snapshot-start.mjs")).catch((err) => err)]);
    if (snapshotURL) {
      try {
        if (fromSnapshot instanceof Error) throw fromSnapshot;
        // Python's memory right after start-up, made at build time (builder/snapshot.py):
        // restoring it skips about 2 s of interpreter start on a 2-core machine.
        const start = await fromSnapshot.startFromSnapshot(loadPyodide, indexURL, snapshot, wasm);
        return { ...start, started: "from snapshot" };
      } catch (err) {
        console.warn(`Python's start-up snapshot did not load (${err.message || err}); ` +
                     "starting Python the ordinary way");
      }
    }
    return { pyodide: await loadPyodide({ indexURL }), started: "cold" };
  },
};
export function usePyodide(source) {
  pyodideSource = source;
}

const BUNDLE_PATH = "/home/pyodide/backprop.zip";

async function start({ pyodide: pyodideURL, backprop: backpropURL, backpropSource: sourceURL,
                       snapshot: snapshotURL }) {
  progress(0, ...pyodideSource.label(snapshotURL));
  const bundleDownload = download(backpropURL); // beside Python's own files, not after them
  bundleDownload.catch(() => {}); // reported below, once Python has started
  const { pyodide, started, fetchStdlib } = await pyodideSource.load(pyodideURL, snapshotURL);
  if (fetchStdlib) later.push(fetchStdlib);
  progress(2, "status_loading_module");
  const bundle = `the page's backprop module (${fileName(backpropURL)})`;
  const response = await bundleDownload;
  if (!response.ok) throw new StartFailure(`${bundle} could not be downloaded (the server answered ${response.status})`);
  try {
    // Imported from the zip as it is (zipimport), not unpacked first: unpacking took 0.3-0.7 s.
    pyodide.FS.writeFile(BUNDLE_PATH, new Uint8Array(await response.arrayBuffer()));
    pyodide.runPython(`import sys, zipimport; zipimport.zipimporter("${BUNDLE_PATH}")
sys.path.insert(0, "${BUNDLE_PATH}")`);
  } catch (err) {
    if (downloadsMissed(snapshotURL).length) throw err; // Python itself is incomplete, not the bundle
    console.error(err);
    throw new StartFailure(`${bundle} is damaged: Python cannot open it as a zip archive`);
  }
  try {
    api = pyodide.pyimport("backprop.api").call_json;
  } catch (err) {
    console.error(err);
    throw new StartFailure(`${bundle} is damaged: Python cannot load it (${lastLine(err)})`);
  }
  cellHost = pyodide;
  if (sourceURL) later.push(backpropSource = once(() => mergeSource(pyodide, sourceURL)));
  const version = pyodide.runPython("import sys; sys.version.split()[0]");
  progress(3, "status_python_ready");
  postMessage({ type: "ready", python: version, started });
  if (!later.length) postMessage({ type: "fetched-later" }); // nothing left to fetch
  schedule(); // calls and streams that arrived while Python was starting
}

// Between two pieces of work the worker yields, so that new messages (calls, a stream's want or
// stop) are taken in; through a MessageChannel, as setTimeout(0) is clamped to 4 ms once nested.
const turns = new MessageChannel();
turns.port1.onmessage = () => {
  scheduled = false;
  if (queued.size) answerCall(); else stepStream();
  if (later.length) fetchLaterOnceIdle();
  if (queued.size || [...streams.values()].some(due)) schedule();
};

function schedule() {
  if (!scheduled && api) {
    scheduled = true;
    turns.port2.postMessage(null);
  }
}

function answerCall() {
  const [channel, message] = [...queued].find(([, waiting]) => !waiting.background) ??
    queued.entries().next().value;
  queued.delete(channel);
  try {
    const args = JSON.stringify(message.args ?? {});
    const result = JSON.parse(api(message.op, args, message.client ?? ""));
    postMessage({ type: "result", id: message.id, result });
  } catch (err) {
    postMessage({ type: "error", id: message.id, error: String(err.message || err) });
  }
}

function due(stream) {
  return stream.wanted || performance.now() - stream.wantedAt < LEAD_MS;
}

/** One call of the first stream due, which then waits behind the others. */
function stepStream() {
  const stream = [...streams.values()].find(due);
  if (!stream) return;
  streams.delete(stream.channel);
  streams.set(stream.channel, stream);
  const view = stream.wanted;
  let result;
  try {
    result = JSON.parse(api(stream.op, JSON.stringify({ ...stream.args, view }), stream.client));
  } catch (err) {
    endStream(stream, String(err.message || err));
    return;
  }
  if (view || result.done) {
    postMessage({ type: "chunk", id: stream.id, result });
    stream.wanted = false;
  }
  Object.assign(stream.args, result.next);
  if (result.done) endStream(stream);
}

function endStream(stream, error) {
  streams.delete(stream.channel);
  postMessage({ type: "end", id: stream.id, ...(error === undefined ? {} : { error }) });
}

function streamById(id) {
  return [...streams.values()].find((stream) => stream.id === id);
}

/** A newer call or stream on a channel replaces what waits or runs there. */
function replaceOn(channel) {
  const older = queued.get(channel);
  if (older) postMessage({ type: "superseded", id: older.id });
  queued.delete(channel); // re-inserted by the caller, so channels are served in arrival order
  if (streams.has(channel)) endStream(streams.get(channel));
}

function take(message) {
  if (message.type === "call") {
    replaceOn(message.channel);
    queued.set(message.channel, message);
  } else if (message.type === "stream") {
    replaceOn(message.channel);
    const { id, channel, op, args, client = "" } = message;
    streams.set(channel, { id, channel, op, client, args: { ...args }, wanted: true,
                           wantedAt: performance.now() });
  } else if (message.type === "want") {
    const stream = streamById(message.id);
    if (stream) Object.assign(stream, { wanted: true, wantedAt: performance.now() });
  } else if (message.type === "stop") {
    const stream = streamById(message.id);
    if (stream) endStream(stream);
  } else if (message.type === "release") {
    release(message.client);
  }
  schedule();
}

/** A page this worker shared has closed: its waiting calls and its streams end, and Python
 *  drops its sessions (backprop.sessions.release). */
function release(client) {
  for (const [channel, waiting] of queued) if (waiting.client === client) queued.delete(channel);
  for (const stream of [...streams.values()]) if (stream.client === client) endStream(stream);
  if (cellHost) cellHost.pyimport("backprop.sessions").release(client);
}

// ----- what comes once the page is live --------------------------------------------------------
// Python answers the widgets without the standard library's zip (a start from the snapshot leaves
// it for later: snapshot-start.mjs) and backprop's source (only tracebacks and `inspect` read it).
// Both are fetched once Python has answered and then had nothing to do for a moment (so the
// widgets' first calls never wait behind them), a cell's needs at once; then {type:
// "fetched-later"} tells the page, which keeps its offline copy only after them.

const LATER_AFTER_IDLE_MS = 1500;
const later = [];           // the downloads not started yet
let laterTimer = null;
let backpropSource = null;  // () => promise of backprop's source in place, when it comes later

function fetchLaterOnceIdle() { // after every answer or stream step: Python is busy again
  clearTimeout(laterTimer);
  laterTimer = setTimeout(() => {
    Promise.allSettled(later.splice(0).map((fetchIt) => fetchIt()))
      .then(() => postMessage({ type: "fetched-later" }));
  }, LATER_AFTER_IDLE_MS);
}

function once(task) {
  let running = null;
  return () => (running ??= task());
}

const SOURCE_PATH = "/home/pyodide/backprop-source.zip";
const MERGED_PATH = "/home/pyodide/backprop-merged.zip";

/** Adds backprop's .py files to the zip Python imports it from, where tracebacks look for its
 *  lines (zipimport's get_source, through linecache); a failed download only costs those lines. */
async function mergeSource(pyodide, url) {
  try {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`the server answered ${response.status}`);
    pyodide.FS.writeFile(SOURCE_PATH, new Uint8Array(await response.arrayBuffer()));
    // Written anew, the names read as UTF-8 (appending reads them as cp437, a codec no snapshot
    // holds: importing it would fetch the standard library at once); then each zipimporter of the
    // bundle rereads it (importlib.invalidate_caches would import importlib.metadata, likewise).
    pyodide.runPython(`import os, sys, zipfile
with zipfile.ZipFile("${BUNDLE_PATH}", metadata_encoding="utf-8") as bundle, \\
        zipfile.ZipFile("${SOURCE_PATH}", metadata_encoding="utf-8") as source, \\
        zipfile.ZipFile("${MERGED_PATH}", "w") as merged:
    for archive in (bundle, source):
        for info in archive.infolist():
            merged.writestr(info, archive.read(info))
os.replace("${MERGED_PATH}", "${BUNDLE_PATH}")
os.remove("${SOURCE_PATH}")
for path, finder in list(sys.path_importer_cache.items()):
    if path.startswith("${BUNDLE_PATH}") and finder is not None:
        finder.invalidate_caches()`);
  } catch (err) {
    console.warn(`backprop's source (${fileName(url)}) could not be added (${lastLine(err)}): ` +
                 "tracebacks will show its files without their lines");
  }
}

// ----- live cells (static/js/cells.js) ---------------------------------------------------------
// {type: "run-cell", id, cell, source} runs a cell's code in the page's one namespace
// (backprop.cells) and answers {type: "cell-result", id, output} with the output's record, or
// {id, failure} when there is none. A cell that never ends blocks this worker: the page restarts it.

let cellHost = null;  // Pyodide, once Python is ready
let runCellCode = null; // backprop.cells.run_json, imported at the first cell run

async function runCell({ id, cell, source }) {
  try {
    if (!cellHost) throw new Error("Python is not ready");
    await backpropSource?.(); // a traceback through backprop shows its lines
    runCellCode ??= cellHost.pyimport("backprop.cells").run_json;
    postMessage({ type: "cell-result", id, output: JSON.parse(runCellCode(cell, source)) });
  } catch (err) {
    postMessage({ type: "cell-result", id, failure: lastLine(err) });
  }
}

// ----- a start that fails is reported at once, in plain words -----------------------------------
// Pyodide swallows some failures: a pyodide.asm.wasm that is missing or damaged only logs a
// warning, and the start then waits forever. Others come back as a Python traceback. So while
// Python starts, the worker watches its own downloads and WebAssembly's promises and names the
// file at fault; the technical detail goes to the console.

class StartFailure extends Error {} // its message is meant for the reader as it stands
let failStart; // ends the running start at once, for a failure Pyodide would not report
const startFailed = new Promise((_, reject) => { failStart = reject; });
const failedDownloads = new Map(); // file name -> why, for the files fetched while starting

const fileName = (url) => String(url).split(/[?#]/)[0].split("/").pop();
// A Python traceback ends with the one line that says what went wrong.
const lastLine = (err) => String(err.message || err).trim().split("\n").pop();

const fetchFile = self.fetch; // looked up when called, by Pyodide too, so this sees every file
self.fetch = (resource, options) => watched(resource instanceof Request ? resource.url
  : String(resource), fetchFile.call(self, resource, options));
async function watched(url, download) {
  try {
    const response = await download;
    if (!response.ok && !api) failedDownloads.set(fileName(url), `the server answered ${response.status}`);
    return response;
  } catch (err) {
    if (!api) failedDownloads.set(fileName(url), "the server did not answer");
    throw err;
  }
}

function download(url) { // the one shared-worker.mjs began before this module loaded, or a new one
  const begun = globalThis.begunDownloads?.get(url);
  globalThis.begunDownloads?.delete(url);
  return begun ? watched(url, begun) : fetch(url);
}

for (const name of ["compile", "compileStreaming", "instantiate", "instantiateStreaming"]) {
  const original = WebAssembly[name];
  WebAssembly[name] = function (source, ...rest) {
    return original.call(WebAssembly, source, ...rest).catch(async (err) => {
      // A policy that forbids WebAssembly is told by the policy violation listener below.
      if (!api && !/Content.Security.Policy/i.test(err.message)) failStart(await wasmFailure(source, err));
      throw err;
    });
  };
}

async function wasmFailure(source, err) {
  const response = await Promise.resolve(source).catch(() => null);
  const name = (response instanceof Response && fileName(response.url)) || "pyodide.asm.wasm";
  const file = `Python's core file ${name}`;
  if (failedDownloads.has(name)) return new StartFailure(`${file} could not be downloaded (${failedDownloads.get(name)})`);
  if (err instanceof WebAssembly.CompileError || err instanceof WebAssembly.LinkError) {
    return new StartFailure(`${file} is damaged: this browser cannot read it as WebAssembly`);
  }
  const type = response instanceof Response && response.headers.get("content-type");
  if (type && !type.startsWith("application/wasm")) {
    return new StartFailure(`the server sends ${file} as ${type}, where browsers need application/wasm`);
  }
  return new StartFailure(`${file} could not be loaded (${err.message || err})`);
}

/** [[file name, why], ...]: a missing start-up snapshot is no failure (Python then starts cold). */
function downloadsMissed(snapshotURL) {
  return [...failedDownloads].filter(([name]) => !snapshotURL || name !== fileName(snapshotURL));
}

function plainReason(err, snapshotURL) {
  if (err instanceof StartFailure) return err.message;
  const [missed] = downloadsMissed(snapshotURL);
  if (missed) return `Python's file ${missed[0]} could not be downloaded (${missed[1]})`;
  return `Python could not start (${lastLine(err)})`;
}

// A security policy that forbids WebAssembly or fetch makes Pyodide wait forever without an error;
// the violation event is the only sign, so turn it into a clear failure at once.
self.addEventListener("securitypolicyviolation", (event) => {
  if (!api) {
    postMessage({ type: "failed", error: `the server's Content-Security-Policy blocks ` +
      `${event.blockedURI || "a resource"} (directive ${event.effectiveDirective}; Python needs ` +
      `script-src 'self' 'wasm-unsafe-eval' and connect-src 'self')` });
  }
});

let begun = false;

/** Starts Python, once: told how by the worker's own address or by the page's "init". */
function begin(init) {
  if (begun || init?.type !== "init") return;
  begun = true;
  Promise.race([start(init), startFailed]).catch((err) => {
    console.error("Python did not start:", err);
    postMessage({ type: "failed", error: plainReason(err, init.snapshot) });
  });
}

self.addEventListener("message", (event) => {
  const message = event.data;
  if (message.type === "init") {
    begin(message);
  } else if (message.type === "run-cell") {
    runCell(message);
  } else {
    take(message);
  }
});

// The article page's start-python.js writes its "init" into the worker's address too (the
// fragment, which no server sees), so Python starts as this module runs, not once the page's busy
// main thread passes its message on (0.1-0.15 s later). A shared worker reads its own address.
const [, initInAddress] = globalThis.begunDownloads ? [] : self.location.hash.match(/^#init=(.*)/) ?? [];
try {
  if (initInAddress) begin(JSON.parse(decodeURIComponent(initInAddress)));
} catch { /* not ours to read: the page's message will say how to start */ }
