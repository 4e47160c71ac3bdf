// Start of the single-file page (builder/single_file.py explains the design). Inlined as the
// page's last script, a module, so it runs once the whole file has been parsed:
//  1. each of our ES modules becomes a blob: URL, dependencies first, with its imports (rewritten
//     at build time to "inline-module:KEY") pointing at the blob: URLs already made;
//  2. the Python worker named in the runtime config is started from a data: URL instead (from
//     file:// a blob: module worker does not start) and is handed the inline Pyodide files;
//  3. app.js is imported and runs as on the served site.

const INLINE_BASE = "https://inline.invalid/"; // never fetched: the worker answers it itself
const LINKED = /(["'])inline-module:([^"']+)\1/g;

function showFailure(reason) {
  const status = document.getElementById("python-status");
  if (!status) return;
  status.dataset.state = "failed";
  status.querySelector(".python-status-text").textContent = `The interactive figures are not ` +
    `live: ${reason}. Everything else in this file, including each figure's starting state, ` +
    "reads as normal.";
}

function moduleURLs(modules) {
  const urls = new Map();
  for (const [key, source] of modules) { // in dependency order: imports are made already
    const linked = source.replace(LINKED, (_, quote, target) => {
      if (!urls.has(target)) throw new Error(`${key} imports ${target} before it exists`);
      return JSON.stringify(urls.get(target));
    });
    urls.set(key, URL.createObjectURL(new Blob([linked], { type: "text/javascript" })));
  }
  return urls;
}

function takeInlineFiles() {
  const elements = [...document.querySelectorAll("script[type='text/x-base64'][data-file]")];
  const files = elements.map((element) => ({
    name: element.dataset.file, type: element.dataset.type,
    gzip: element.dataset.encoding === "gzip", base64: element.textContent,
  }));
  // The strings live on here (a restarted worker needs them again); the DOM copies can go.
  for (const element of elements) element.remove();
  return files;
}

function lendFilesToTheWorker(worker, files) {
  const workerURL = "data:text/javascript," + encodeURIComponent(worker.boot);
  const PageWorker = globalThis.Worker;
  // PythonClient creates the worker by the runtime config's name for it; only that one changes.
  globalThis.Worker = class InlineWorker extends PageWorker {
    constructor(url, options) {
      const inline = String(url) === INLINE_BASE + "worker.mjs";
      super(inline ? workerURL : url, options);
      if (inline) {
        this.postMessage({ type: "inline-files", files, module: worker.module, lockInfo: worker.lockInfo });
      }
    }
  };
}

try {
  const inline = JSON.parse(document.getElementById("inline-runtime").textContent);
  lendFilesToTheWorker(inline.worker, takeInlineFiles());
  await import(moduleURLs(inline.modules).get(inline.entry));
} catch (err) {
  showFailure(String(err.message || err));
  throw err;
}
