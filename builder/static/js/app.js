// Entry point: mounts every widget on its pre-rendered figure and connects them to Python, which
// start-python.js has started in a worker already (or this starts after the first paint), so
// text, math and starting figures never wait for it.

import { PythonClient } from "./python-client.js";
import { setUpGlossary } from "./glossary.js";
import { showStatus } from "./status.js";
import { setUpCells } from "./cells.js";
import { addEmbedCodeControls } from "./embed-code.js";
import { applyAddressOptions, reportHeight } from "./embed.js";
import { keepForOffline } from "./offline.js";
import { setUpThemeToggle } from "./theme-toggle.js";
import { skipSectionsOutOfSight } from "./sections.js";
import { followSections } from "./toc.js";
import { activateWidget, mountWidget } from "./widgets/index.js";
import { label } from "./labels.js";

// boot.js looks for this once the page's scripts have run: without it, they did not load.
document.documentElement.dataset.app = "started";

function runtimeConfig() {
  const raw = JSON.parse(document.getElementById("runtime-config").textContent);
  // Relative to the page, so the site works under any sub-path (e.g. GitHub Pages).
  const absolute = (path) => new URL(path, document.baseURI).href;
  return {
    pyodide: absolute(raw.pyodide), backprop: absolute(raw.backprop), worker: absolute(raw.worker),
    backpropSource: raw.backpropSource && absolute(raw.backpropSource),
    sharedWorker: raw.sharedWorker && absolute(raw.sharedWorker),
    snapshot: raw.snapshot && absolute(raw.snapshot),
    liveReload: raw.liveReload && absolute(raw.liveReload),
    serviceWorker: raw.serviceWorker && absolute(raw.serviceWorker),
  };
}

/** Every widget loads and mounts on its own: [{root, widget}] once all have settled, with
 *  widget null for one that could not (it says so in its own figure). */
function mountWidgets(python) {
  const roots = [...document.querySelectorAll("[data-widget]")];
  return Promise.all(roots.map(async (root) => ({ root, widget: await mountWidget(root, python) })));
}

/** What the status line may claim once Python runs: only the figures that did go live. */
function liveSummary(python, live, total) {
  const running = label("status_running", { version: python });
  if (total === 0) return label("status_live_none_on_page", { running });
  if (live === total) return label("status_live_all", { running });
  if (live === 0) {
    return label(total === 1 ? "status_live_none_one" : "status_live_none_many", { running, total });
  }
  const lost = total - live;
  return label(lost === 1 ? "status_live_some_one_lost" : "status_live_some_lost",
    { running, live, total, lost });
}

async function main() {
  followSections();
  setUpGlossary();
  setUpThemeToggle();
  // The single-file build (builder/single_file.py) carries everything inside and runs from file://;
  // on any other page opened as a file, boot.js has told the reader why the figures stay still.
  const singleFile = "singleFile" in document.documentElement.dataset;
  if (location.protocol === "file:" && !singleFile) return skipSectionsOutOfSight(Promise.resolve());
  const runtime = runtimeConfig();
  if (runtime.liveReload) import("./live-reload.js").then((m) => m.listen(runtime.liveReload));
  const python = new PythonClient(runtime);
  skipSectionsOutOfSight(startUpOver(python)); // the sections out of sight wait for it
  if (runtime.serviceWorker) keepForOfflineOnceStarted(python, runtime.serviceWorker);
  setUpEmbedding(singleFile);
  // Widget scripts load while Python starts; neither waits for the other.
  const mounted = mountWidgets(python);
  setUpCells(python);
  followPython(python, mounted);
  if (typeof WebAssembly !== "object") {
    python.dispatchEvent(new CustomEvent("failed", { detail: { error: label("no_webassembly") } }));
    return;
  }
  showStatus("loading", label("status_starting"), 0);
  // Two frames: the first paint has happened before the worker competes for the CPU.
  requestAnimationFrame(() => requestAnimationFrame(() => python.start()));
}

/** Resolves once the figures' first calls are answered, or Python failed. */
function startUpOver(python) {
  return new Promise((over) => {
    python.addEventListener("failed", () => over(), { once: true });
    python.addEventListener("ready", () => python.whenSettled().then(over), { once: true });
  });
}

// Caching the whole build for offline use downloads it all again: wait until Python has started
// and answered the page's first calls (the figures' first pictures, a reader's first key press),
// and its worker has fetched what it leaves until then (the standard library, backprop's source;
// the cache then finds them in the browser's HTTP cache rather than download them a second time
// beside the worker), then for an idle moment, so that the two never compete for the network and
// the CPU. A reader who keeps Python busy from the start (training left playing) gets the cache
// after a while all the same. If Python failed, there is nothing to wait for.
const KEEP_AT_LATEST_MS = 15000;
function keepForOfflineOnceStarted(python, serviceWorker) {
  let kept = false;
  const keep = () => {
    if (!kept) keepForOffline(serviceWorker);
    kept = true;
  };
  python.addEventListener("failed", keep, { once: true });
  python.addEventListener("ready", () => {
    setTimeout(keep, KEEP_AT_LATEST_MS);
    python.whenSettled().then(() => python.whenFetchedLater()).then(() => idle(keep));
  }, { once: true });
}

function idle(then) {
  if (typeof requestIdleCallback === "function") requestIdleCallback(then, { timeout: 2000 });
  else setTimeout(then, 500);
}

/** An embed page reads its widget's settings from its address and tells its host its height;
 *  the article offers each widget's embed code (a single file has no embed pages beside it). */
function setUpEmbedding(singleFile) {
  if (document.documentElement.dataset.embed) {
    for (const root of document.querySelectorAll("[data-widget]")) applyAddressOptions(root);
    reportHeight();
  } else if (!singleFile) {
    addEmbedCodeControls();
  }
}

/** The status line follows Python, and the mounted widgets go live when it is ready (again after
 *  a restart) and go still when it fails. */
function followPython(python, mounted) {
  let restartReason = null; // set while a stopped worker is being replaced
  python.addEventListener("progress", (e) => {
    const step = label(e.detail.label, e.detail.values);
    const text = restartReason ? label("status_restarting_progress", { reason: restartReason, step }) : step;
    showStatus("loading", text, e.detail.step / e.detail.steps);
  });
  python.addEventListener("ready", async (e) => {
    const again = restartReason ? label("status_restarted", { reason: restartReason }) : "";
    restartReason = null;
    const widgets = await mounted;
    if (!python.ready) return; // it stopped again meanwhile: "restarting" or "failed" says so
    // Six figures' first calls take about 0.25 s on two cores: a reader's key press meanwhile
    // is answered first.
    const live = python.asBackground(() => widgets.filter(({ root, widget }) =>
      widget && !root.dataset.failed && activateWidget(root, widget)));
    showStatus(live.length || !widgets.length ? "ready" : "failed",
      again + liveSummary(e.detail.python, live.length, widgets.length), 1);
    document.documentElement.dataset.python = "ready";
    document.documentElement.dataset.pythonStarted = e.detail.started; // "from snapshot" or "cold"
    // Shared with the site's other open pages (shared-python.js), and which Python: pages that
    // show the same instance are served by one.
    document.documentElement.dataset.pythonWorker = e.detail.shared ? "shared" : "dedicated";
    if (e.detail.instance) document.documentElement.dataset.pythonInstance = e.detail.instance;
  });
  python.addEventListener("restarting", (e) => {
    restartReason = e.detail.reason;
    showStatus("loading", label("status_restarting", { reason: restartReason }), 0);
  });
  python.addEventListener("failed", async (e) => {
    showStatus("failed", label("status_failed", { error: e.detail.error }));
    document.documentElement.dataset.python = "failed";
    for (const { root, widget } of await mounted) {
      if (widget && !root.dataset.failed) widget.deactivate(e.detail.error);
    }
  });
}

main();
