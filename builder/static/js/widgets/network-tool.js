// The Backprop Explainer tool: train a deep network in the Python worker and step through one
// update. Python (backprop/widgets/network_tool.py) holds the network in a session named by this
// tool; this module sends it ops one at a time, keeps the newest snapshot, and draws at most once
// per animation frame. Drawing lives in network-graph.js and network-plots.js, the step-through in
// network-steps.js, the settings and the page address in network-controls.js.

import { drawScheduler, part, setLive } from "./common.js";
import { Controls } from "./network-controls.js";
import { Graph } from "./network-graph.js";
import { Plots } from "./network-plots.js";
import { Steps } from "./network-steps.js";

const NORMAL_INTERVAL_MS = 50; // normal speed: one epoch per call, about 20 epochs a second
const FAST_BUDGET_MS = 50; // faster: whole epochs for about this long per call, back to back

let instances = 0;

export function mount(root, python) {
  const session = `${root.id}-${++instances}`;
  const graph = new Graph(root);
  const plots = new Plots(root, (index) => startSteps(index));
  const controls = new Controls(root, (changes, newSeed) => change(changes, newSeed));
  const steps = new Steps(root, {
    graph, plots,
    onApply: (index) => ask("apply", { index, have: plots.have() }).then(receive, fail),
    onNewExample: () => startSteps(null),
    onExit: () => exitSteps(),
  });
  const buttons = Object.fromEntries(["play", "one-epoch", "reset", "fast", "step-start"]
    .map((role) => [role, part(root, role)]));

  let live = false;
  let playing = false;
  let fast = false;
  let training = false; // a train call is on its way
  let snap = null; // the newest snapshot
  let pending = null; // a snapshot not drawn yet
  let awaitingFull = false; // a new network was asked for and is not drawn yet
  let notice = ""; // what Python said about the settings (for example a malformed address)
  let activatedBefore = false; // activate() runs again when a stopped worker is replaced

  // Ops run one after another, so no answer is ever superseded and none is lost.
  let queue = Promise.resolve();
  function ask(verb, args = {}) {
    const call = queue.then(() => python.call(`${root.id}:${verb}`, `network-tool.${verb}`, { session, ...args }));
    queue = call.catch(() => {});
    return call;
  }

  /** aria-busy while a new network is on its way (cleared once it is drawn). */
  function busy(promise) {
    awaitingFull = true;
    root.setAttribute("aria-busy", "true");
    return promise;
  }

  function fail(err) {
    awaitingFull = false;
    root.setAttribute("aria-busy", "false");
    setPlaying(false);
    notice = `Python could not do this: ${err.message}`;
    part(root, "message").textContent = notice;
  }

  // ----- snapshots: taken in as they come, drawn once per frame --------------------------------

  function receive(snapshot) {
    snap = pending = snapshot;
    plots.addHistory(snapshot.history);
    if (snapshot.diverged) setPlaying(false);
    requestDraw();
  }

  const requestDraw = drawScheduler(() => draw());
  function draw() {
    if (!pending) return;

    const s = pending;
    pending = null;
    part(root, "epoch").textContent = s.text.epoch;
    part(root, "loss").textContent = s.text.loss;
    part(root, "message").textContent = s.text.message || notice;
    if (!steps.active) {
      graph.drawSnapshot(s);
      plots.drawCurve(s.curve);
      const note = part(root, "curve-note");
      note.textContent = s.text.curve;
      note.hidden = !s.text.curve;
    }
    plots.drawHistory(s);
    updateButtons();
    if (!awaitingFull) root.setAttribute("aria-busy", "false");
  }

  /** A new network (after a reset, a settings change or an address): rebuild and redraw all. */
  function showFull(full) {
    awaitingFull = false;
    if (steps.active) steps.close();
    graph.rebuild(full.layout, full.graph_title);
    controls.sync(full);
    plots.setData(full.points, full.points_text, full.grid);
    plots.resetHistory();
    notice = full.notice;
    receive(full.snapshot);
  }

  // ----- training --------------------------------------------------------------------------------

  function setPlaying(on) {
    playing = on && live && !(snap && snap.diverged);
    part(root, "play-label").textContent = playing ? "Pause" : "Play";
    part(root, "play-icon").textContent = playing ? "❚❚" : "▶";
    updateButtons();
    if (playing) train();
  }

  function train() {
    if (!playing || training) return;
    if (document.hidden) { // no training behind the reader's back; resume when visible
      document.addEventListener("visibilitychange", train, { once: true });
      return;
    }
    training = true;
    const started = performance.now();
    const args = fast ? { budget_ms: FAST_BUDGET_MS, max_epochs: 0 } : { budget_ms: 0, max_epochs: 1 };
    ask("train", { ...args, have: plots.have() }).then((snapshot) => {
      training = false;
      receive(snapshot);
      const wait = fast ? 0 : NORMAL_INTERVAL_MS - (performance.now() - started);
      if (wait > 0) setTimeout(train, wait); else train();
    }, (err) => { training = false; fail(err); });
  }

  function updateButtons() {
    const diverged = Boolean(snap && snap.diverged);
    const stepping = steps.active;
    buttons.play.disabled = !live || stepping || diverged;
    buttons["one-epoch"].disabled = !live || stepping || diverged || playing;
    buttons.reset.disabled = !live || stepping;
    buttons.fast.disabled = !live;
    buttons["step-start"].disabled = !live || stepping || diverged;
    controls.setEnabled(live && !stepping);
  }

  // Settings asked for but not yet confirmed by Python: a second change made before the first
  // network arrives builds on the first, so quick successive choices are all kept.
  let requested = null;
  let requests = 0;
  function change(changes, newSeed = false) {
    setPlaying(false);
    const settings = { ...(requested || controls.settings()), ...changes };
    requested = settings;
    const request = ++requests;
    busy(ask("reset", { settings, new_seed: newSeed, key: controls.key })).then((full) => {
      if (request === requests) requested = null;
      showFull(full);
      controls.writeAddress(full.address);
    }, (err) => {
      if (request === requests) requested = null;
      fail(err);
    });
  }

  // ----- stepping through one example ------------------------------------------------------------

  function startSteps(index) {
    if (!live || (snap && snap.diverged)) return;
    setPlaying(false);
    ask("explain", { index }).then((record) => {
      steps.start(record);
      updateButtons();
      part(root, "phase-next").focus();
    }, fail);
  }

  function exitSteps() {
    steps.close();
    if (snap) {
      graph.drawSnapshot(snap);
      plots.drawCurve(snap.curve);
    }
    updateButtons();
    buttons["step-start"].focus();
  }

  // ----- wiring --------------------------------------------------------------------------------

  buttons.play.addEventListener("click", () => setPlaying(!playing));
  buttons["one-epoch"].addEventListener("click", () => {
    ask("train", { budget_ms: 0, max_epochs: 1, have: plots.have() }).then(receive, fail);
  });
  buttons.reset.addEventListener("click", () => change({}));
  buttons.fast.addEventListener("click", () => {
    fast = !fast;
    buttons.fast.setAttribute("aria-pressed", String(fast));
  });
  buttons["step-start"].addEventListener("click", () => startSteps(null));
  window.addEventListener("hashchange", () => {
    if (!live || !controls.addressIsNew()) return;
    ask("from_address", { text: location.hash, key: controls.key }).then((full) => {
      if (!full.found) return;
      busy(Promise.resolve());
      setPlaying(false);
      showFull(full);
    }, fail);
  });

  return {
    // Called again after Python restarts, which forgets the network: the tool asks for the one it
    // showed, from the address where it keeps its settings or, without an address key, from the
    // settings Python confirmed last (layers and seed included). Only the first time does a
    // shared link scroll the page to the tool.
    activate() {
      const first = !live && !activatedBefore;
      const settings = activatedBefore ? controls.settings() : controls.initialSettings();
      activatedBefore = true;
      live = true;
      setLive(root, true, "Live: Python in your browser trains this network.");
      updateButtons();
      // One op, so that nothing the reader clicks meanwhile can run between the two halves.
      busy(ask("from_address", { text: location.hash, key: controls.key, settings }))
        .then((full) => {
          showFull(full);
          if (full.found) {
            controls.written = location.hash;
            if (first) root.scrollIntoView({ block: "start" });
          }
        }, fail);
    },
    deactivate() {
      setPlaying(false);
      live = false;
      setLive(root, false, "This figure is a static picture of its starting state.");
      updateButtons();
    },
  };
}
