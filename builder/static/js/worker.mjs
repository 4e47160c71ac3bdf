// The only place Python runs in the browser. Loads Pyodide and the backprop package, then answers
// {type: "call", id, channel, op, args} with {type: "result", id, result}. Calls that pile up on a
// channel while Python is busy collapse to the newest; the older ones are answered "superseded".

let api = null;               // backprop.api.call_json, once Python is ready
const queued = new Map();     // channel -> newest waiting call
let draining = false;

function progress(step, label) {
  postMessage({ type: "progress", step, steps: 3, label });
}

// Where Pyodide comes from: its folder beside the page, unless the single-file page's worker
// (js/single/worker.js) imports this module and hands over its inline copy first.
let pyodideSource = {
  // Compressed sizes: Pyodide's core is about 6 MB, its start-up snapshot 6 MB more.
  label: (snapshotURL) => `Downloading Python (about ${snapshotURL ? 12 : 6} MB)`,
  async load(indexURL, snapshotURL) {
    const { loadPyodide } = await import(new URL("pyodide.mjs", indexURL).href);
    if (snapshotURL) {
      try {
        // Python's memory right after start-up, made at build time (builder/snapshot.py):
        // restoring it skips about 2 s of interpreter start on a 2-core machine.
        const pyodide = await loadPyodide({ indexURL, _loadSnapshot: fetchSnapshot(snapshotURL) });
        // Every reader restores the same `random` state (made deterministically at build time):
        // reseed it from this browser's randomness so readers never share a sequence.
        pyodide.runPython("import random; random.seed()");
        return { pyodide, started: "from snapshot" };
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

async function fetchSnapshot(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`HTTP ${response.status} for ${url}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  // Stored gzipped; a host that already undid the gzip (Content-Encoding) hands over the raw file.
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  const inflated = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(inflated).arrayBuffer());
}

async function start({ pyodide: pyodideURL, backprop: backpropURL, snapshot: snapshotURL }) {
  progress(0, pyodideSource.label(snapshotURL));
  const { pyodide, started } = await pyodideSource.load(pyodideURL, snapshotURL);
  progress(2, "Loading the backprop module");
  const response = await fetch(backpropURL);
  if (!response.ok) throw new Error(`backprop module: HTTP ${response.status} for ${backpropURL}`);
  pyodide.unpackArchive(await response.arrayBuffer(), "zip", { extractDir: "/home/pyodide/lib" });
  pyodide.runPython("import sys; sys.path.insert(0, '/home/pyodide/lib')");
  api = pyodide.pyimport("backprop.api").call_json;
  const version = pyodide.runPython("import sys; sys.version.split()[0]");
  progress(3, "Python is ready");
  postMessage({ type: "ready", python: version, started });
  if (queued.size) schedule(); // calls that arrived while Python was starting
}

function drain() {
  draining = false;
  const [channel, message] = queued.entries().next().value;
  queued.delete(channel);
  try {
    const result = JSON.parse(api(message.op, JSON.stringify(message.args ?? {})));
    postMessage({ type: "result", id: message.id, result });
  } catch (err) {
    postMessage({ type: "error", id: message.id, error: String(err.message || err) });
  }
  // Yield between calls so newer messages can arrive and replace older queued ones.
  if (queued.size) schedule();
}

function schedule() {
  if (!draining) {
    draining = true;
    setTimeout(drain, 0);
  }
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

self.addEventListener("message", (event) => {
  const message = event.data;
  if (message.type === "init") {
    start(message).catch((err) => postMessage({ type: "failed", error: String(err.message || err) }));
  } else if (message.type === "call") {
    const older = queued.get(message.channel);
    if (older) postMessage({ type: "superseded", id: older.id });
    queued.delete(message.channel); // re-insert so channels are served in arrival order
    queued.set(message.channel, message);
    if (api) schedule();
  }
});
