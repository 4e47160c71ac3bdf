// Entry point: mounts every widget on its pre-rendered figure, then starts Python in a worker
// right after the first paint, so text, math and starting figures never wait for it.

import { PythonClient } from "./python-client.js";
import { setUpGlossary } from "./glossary.js";
import { showStatus } from "./status.js";
import { addEmbedCodeControls } from "./embed-code.js";
import { applyAddressOptions, reportHeight } from "./embed.js";
import { keepForOffline } from "./offline.js";
import { setUpThemeToggle } from "./theme-toggle.js";
import { followSections } from "./toc.js";
import { loadWidget } from "./widgets/index.js";

function runtimeConfig() {
  const raw = JSON.parse(document.getElementById("runtime-config").textContent);
  // Relative to the page, so the site works under any sub-path (e.g. GitHub Pages).
  const absolute = (path) => new URL(path, document.baseURI).href;
  return {
    pyodide: absolute(raw.pyodide), backprop: absolute(raw.backprop), worker: absolute(raw.worker),
    snapshot: raw.snapshot && absolute(raw.snapshot),
    liveReload: raw.liveReload && absolute(raw.liveReload),
    serviceWorker: raw.serviceWorker && absolute(raw.serviceWorker),
  };
}

async function mountWidgets(python) {
  const roots = [...document.querySelectorAll("[data-widget]")];
  const modules = await Promise.all(roots.map((root) => loadWidget(root.dataset.widget)));
  return roots.map((root, i) => modules[i].mount(root, python));
}

async function main() {
  followSections();
  setUpGlossary();
  setUpThemeToggle();
  // The single-file build (builder/single_file.py) carries everything inside and runs from file://;
  // on any other page opened as a file, boot.js has told the reader why the figures stay still.
  const singleFile = "singleFile" in document.documentElement.dataset;
  if (location.protocol === "file:" && !singleFile) return;
  const runtime = runtimeConfig();
  if (runtime.liveReload) import("./live-reload.js").then((m) => m.listen(runtime.liveReload));
  const python = new PythonClient(runtime);
  // Caching the whole build for offline use downloads it all again: wait until Python has
  // started (or failed), so the two never compete for the network and the CPU.
  if (runtime.serviceWorker) {
    const keep = () => keepForOffline(runtime.serviceWorker);
    for (const settled of ["ready", "failed"]) python.addEventListener(settled, keep, { once: true });
  }
  const embedded = document.documentElement.dataset.embed;
  if (embedded) {
    for (const root of document.querySelectorAll("[data-widget]")) applyAddressOptions(root);
    reportHeight();
  } else if (!singleFile) { // a single file has no embed pages beside it
    addEmbedCodeControls();
  }
  // Widget scripts load while Python starts; neither waits for the other.
  const mounted = mountWidgets(python);
  let restartReason = null; // set while a stopped worker is being replaced
  python.addEventListener("progress", (e) => {
    const label = restartReason ? `${restartReason}. Restarting: ${e.detail.label}` : e.detail.label;
    showStatus("loading", label, e.detail.step / e.detail.steps);
  });
  python.addEventListener("ready", async (e) => {
    const again = restartReason ? `${restartReason}, so it was restarted; your settings are kept. ` : "";
    restartReason = null;
    showStatus("ready", `${again}Python ${e.detail.python} is running in your browser: the figures are live.`, 1);
    document.documentElement.dataset.python = "ready";
    document.documentElement.dataset.pythonStarted = e.detail.started; // "from snapshot" or "cold"
    for (const widget of await mounted) widget.activate();
  });
  python.addEventListener("restarting", (e) => {
    restartReason = e.detail.reason;
    showStatus("loading", `${restartReason}. Restarting it; every setting on the page is kept.`, 0);
  });
  python.addEventListener("failed", async (e) => {
    showStatus("failed", `The interactive figures are not live: ${e.detail.error}. ` +
      "Everything else on this page, including each figure's starting state, reads as normal.");
    document.documentElement.dataset.python = "failed";
    for (const widget of await mounted) widget.deactivate(e.detail.error);
  });
  if (typeof WebAssembly !== "object") {
    python.dispatchEvent(new CustomEvent("failed", { detail: { error: "this browser has no WebAssembly" } }));
    return;
  }
  showStatus("loading", "Starting Python in your browser…", 0);
  // Two frames: the first paint has happened before the worker competes for the CPU.
  requestAnimationFrame(() => requestAnimationFrame(() => python.start()));
}

main();
