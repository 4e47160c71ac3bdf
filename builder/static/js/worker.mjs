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
  label: "Downloading Python (about 6 MB)",
  async load(indexURL) {
    const { loadPyodide } = await import(new URL("pyodide.mjs", indexURL).href);
    return loadPyodide({ indexURL });
  },
};
export function usePyodide(source) {
  pyodideSource = source;
}

async function start({ pyodide: pyodideURL, backprop: backpropURL }) {
  progress(0, pyodideSource.label);
  const pyodide = await pyodideSource.load(pyodideURL);
  progress(2, "Loading the backprop module");
  const response = await fetch(backpropURL);
  if (!response.ok) throw new Error(`backprop module: HTTP ${response.status} for ${backpropURL}`);
  pyodide.unpackArchive(await response.arrayBuffer(), "zip", { extractDir: "/home/pyodide/lib" });
  pyodide.runPython("import sys; sys.path.insert(0, '/home/pyodide/lib')");
  api = pyodide.pyimport("backprop.api").call_json;
  const version = pyodide.runPython("import sys; sys.version.split()[0]");
  progress(3, "Python is ready");
  postMessage({ type: "ready", python: version });
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
