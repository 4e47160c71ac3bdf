// The Backprop Explainer tool: train a deep network in the Python worker and step through one
// update. This module is the tool's entry (widgets are found by name as widgets/<name>.js): it
// ties together its parts in network-tool/ and keeps the newest snapshot, drawn at most once per
// animation frame. "Faster" trains in a stream in the worker (lib/python-calls.js), which makes a
// picture each time a frame asks for one; normal speed is one call, one epoch, 20 a second.
// Python's session and its in-order calls are in session.js, the drawing in graph.js and
// plots.js (the step-through's motion in motion.js), the step-through in steps.js, the settings
// and the page address in controls.js.

import { part, setLive } from "./lib/figure.js";
import { drawScheduler, PlayLoop } from "./lib/play-loop.js";
import { Controls } from "./network-tool/controls.js";
import { Graph } from "./network-tool/graph.js";
import { Plots } from "./network-tool/plots.js";
import { Session } from "./network-tool/session.js";
import { Steps } from "./network-tool/steps.js";
import { label } from "../labels.js";

const NORMAL_INTERVAL_MS = 50; // normal speed: one epoch per call, about 20 epochs a second
const ONE_EPOCH = { budget_ms: 0, max_epochs: 1 };
// Faster: the worker trains on, in steps of a few milliseconds (an epoch may span several), and
// makes a picture after the step under way each time the page asks for one, once an animation frame
// (see draw()): short steps, and a shorter one before a picture, so that it is ready for the next
// frame (a step is not cut short when the page asks: the worker hears it only between steps).
const STREAMED = { budget_ms: 4, view_budget_ms: 1, max_epochs: 0, playing: true };
const BUTTONS = ["play", "one-epoch", "reset", "fast", "step-start"];

function setText(element, text) {
  if (element.textContent !== text) element.textContent = text;
}

export function mount(root, python) {
  const tool = new NetworkTool(root, python);
  return { activate: () => tool.activate(), deactivate: () => tool.deactivate() };
}

class NetworkTool {
  constructor(root, python) {
    this.root = root;
    this.session = new Session(root, python, (err) => this.fail(err));
    this.graph = new Graph(root);
    this.plots = new Plots(root, (index) => this.startSteps(index));
    this.controls = new Controls(root, (changes, newSeed) => this.change(changes, newSeed));
    this.steps = new Steps(root, {
      graph: this.graph, plots: this.plots,
      onApply: (index) => this.apply(index),
      onNewExample: () => this.startSteps(null),
      onExit: () => this.exitSteps(),
    });
    this.buttons = Object.fromEntries(BUTTONS.map((role) => [role, part(root, role)]));
    this.readouts = { epoch: part(root, "epoch"), loss: part(root, "loss"), message: part(root, "message"),
      note: part(root, "curve-note") };
    this.buttonsKey = ""; // the state the buttons show, to skip redrawing them in every frame
    this.loop = new PlayLoop(() => this.train({ ...ONE_EPOCH, playing: true }),
      { spacingMs: () => NORMAL_INTERVAL_MS });
    this.stream = null; // training "Faster": the worker's stream, while it plays
    this.requestDraw = drawScheduler(() => this.draw());
    this.live = false;
    this.activatedBefore = false; // activate() runs again when a stopped worker is replaced
    this.snap = null; // the newest snapshot
    this.pending = null; // a snapshot not drawn yet
    this.awaitingNetwork = false; // a new network was asked for and is not drawn yet
    this.notice = ""; // what Python said about the settings (for example a malformed address)
    this.listen();
  }

  listen() {
    const { buttons } = this;
    buttons.play.addEventListener("click", () => this.setPlaying(!this.playing));
    buttons["one-epoch"].addEventListener("click", () => this.train(ONE_EPOCH));
    buttons.reset.addEventListener("click", () => this.change({}));
    buttons.fast.addEventListener("click", () => {
      buttons.fast.setAttribute("aria-pressed", String(!this.fast));
      if (this.playing) { // go on at the other speed
        this.setPlaying(false);
        this.setPlaying(true);
      }
    });
    buttons["step-start"].addEventListener("click", () => this.startSteps(null));
    window.addEventListener("hashchange", () => this.followAddress());
  }

  /** The "Faster" toggle's own state is the one kept. */
  get fast() {
    return this.buttons.fast.getAttribute("aria-pressed") === "true";
  }

  get playing() {
    return this.loop.playing || this.stream !== null;
  }

  get diverged() {
    return Boolean(this.snap && this.snap.diverged);
  }

  // ----- snapshots: taken in as they come, drawn once per frame --------------------------------

  receive(snapshot) {
    // While training plays, the texts read on hover and focus come only now and then: keep the
    // latest (the graph applies a set of texts once).
    if (!snapshot.links_text && this.snap?.links_text) {
      Object.assign(snapshot, { links_text: this.snap.links_text, neurons_text: this.snap.neurons_text });
    }
    this.snap = this.pending = snapshot;
    this.plots.addHistory(snapshot.history);
    if (snapshot.diverged) this.setPlaying(false);
    this.requestDraw();
  }

  draw() {
    // The next picture is made while this one is drawn and painted: one asked for per frame.
    this.stream?.want();
    const s = this.pending;
    if (!s) return;
    this.pending = null;
    // Only what changed is written: each write costs the browser style, layout or paint.
    const { readouts } = this;
    setText(readouts.epoch, s.text.epoch);
    setText(readouts.loss, s.text.loss);
    setText(readouts.message, s.text.message || this.notice);
    if (!this.steps.active) {
      this.graph.drawSnapshot(s, this.playing);
      this.plots.drawCurve(s.curve);
      setText(readouts.note, s.text.curve);
      if (readouts.note.hidden !== !s.text.curve) readouts.note.hidden = !s.text.curve;
    }
    this.plots.drawHistory(s);
    this.updateButtons();
    if (!this.awaitingNetwork && this.root.getAttribute("aria-busy") !== "false") {
      this.root.setAttribute("aria-busy", "false");
    }
  }

  /** aria-busy while a new network is on its way (cleared once it is drawn). */
  expectNetwork() {
    this.awaitingNetwork = true;
    this.root.setAttribute("aria-busy", "true");
  }

  /** A new network (after a reset, a settings change or an address): rebuild and redraw all. */
  showNetwork(full) {
    this.awaitingNetwork = false;
    if (this.steps.active) this.steps.close();
    this.graph.rebuild(full.layout, full.graph_title);
    this.controls.sync(full);
    this.plots.setData(full.points, full.points_text, full.grid);
    this.plots.resetHistory();
    this.notice = full.notice;
    this.receive(full.snapshot);
  }

  fail(err) {
    this.awaitingNetwork = false;
    this.root.setAttribute("aria-busy", "false");
    this.setPlaying(false);
    this.notice = label("python_could_not_do", { error: err.message });
    part(this.root, "message").textContent = this.notice;
  }

  // ----- training ----------------------------------------------------------------------------------

  setPlaying(on) {
    const play = on && this.live && !this.diverged;
    if (play && !this.playing) this.startTraining();
    if (!play && this.playing) this.stopTraining();
    const playing = this.playing;
    part(this.root, "play-label").textContent = label(playing ? "pause" : "play");
    part(this.root, "play-icon").textContent = playing ? "❚❚" : "▶";
    this.updateButtons();
  }

  startTraining() {
    if (!this.fast) {
      this.loop.start();
      return;
    }
    this.stream = this.session.stream("train", () => ({ ...STREAMED, have: this.plots.have() }),
      (s) => this.receive(s));
  }

  /** Stop playing; then show the network as training left it, texts and all. */
  stopTraining() {
    this.loop.stop();
    this.stream?.stop();
    this.stream = null;
    if (this.live) this.session.ask("view", () => ({ have: this.plots.have() }), (s) => this.receive(s));
  }

  // Python sends only the loss history the page lacks: what the page holds (plots.have) is read
  // when the call goes out, after every answer before it has been taken in.

  /** Whole epochs, within `limits` (budget_ms, max_epochs). */
  train(limits) {
    return this.session.ask("train", () => ({ ...limits, have: this.plots.have() }), (s) => this.receive(s));
  }

  /** The step-through reached its update: make that very update to the network. */
  apply(index) {
    return this.session.ask("apply", () => ({ index, have: this.plots.have() }), (s) => this.receive(s));
  }

  updateButtons() {
    const { buttons, live, diverged } = this;
    const stepping = this.steps.active;
    const key = [live, stepping, diverged, this.playing, Boolean(this.controls.state)].join();
    if (key === this.buttonsKey) return;
    this.buttonsKey = key;
    buttons.play.disabled = !live || stepping || diverged;
    buttons["one-epoch"].disabled = !live || stepping || diverged || this.playing;
    buttons.reset.disabled = !live || stepping;
    buttons.fast.disabled = !live;
    buttons["step-start"].disabled = !live || stepping || diverged;
    this.controls.setEnabled(live && !stepping);
  }

  // ----- settings and the address ------------------------------------------------------------------

  change(changes, newSeed = false) {
    this.setPlaying(false);
    this.expectNetwork();
    this.session.reset(this.controls.settings(), changes, newSeed, this.controls.key, (full) => {
      this.showNetwork(full);
      this.controls.writeAddress(full.address);
    });
  }

  /** The reader typed or pasted another address: show the network it names, if it names one. */
  followAddress() {
    if (!this.live || !this.controls.addressIsNew()) return;
    this.session.ask("from_address", { text: location.hash, key: this.controls.key }, (full) => {
      if (!full.found) return;
      this.expectNetwork();
      this.setPlaying(false);
      this.showNetwork(full);
    });
  }

  // ----- stepping through one example ------------------------------------------------------------

  startSteps(index) {
    if (!this.live || this.diverged) return;
    this.setPlaying(false);
    this.session.ask("explain", { index }, (record) => {
      this.steps.start(record);
      this.updateButtons();
      part(this.root, "phase-next").focus();
    });
  }

  exitSteps() {
    this.steps.close();
    if (this.snap) {
      this.graph.drawSnapshot(this.snap);
      this.plots.drawCurve(this.snap.curve);
    }
    this.updateButtons();
    this.buttons["step-start"].focus();
  }

  // ----- life cycle --------------------------------------------------------------------------------

  // Called again after Python restarts, which forgets the network: the tool asks for the one it
  // showed, from the address where it keeps its settings or, without an address key, from the
  // settings Python confirmed last (layers and seed included). Only the first time does a shared
  // link scroll the page to the tool.
  activate() {
    const first = !this.activatedBefore;
    const settings = first ? this.controls.initialSettings() : this.controls.settings();
    this.activatedBefore = true;
    this.live = true;
    setLive(this.root, true, label("live_network_tool"));
    this.updateButtons();
    // One op, so that nothing the reader clicks meanwhile can run between the two halves.
    this.expectNetwork();
    this.session.ask("from_address", { text: location.hash, key: this.controls.key, settings }, (full) => {
      this.showNetwork(full);
      if (full.found) {
        this.controls.written = location.hash;
        if (first) this.root.scrollIntoView({ block: "start" });
      }
    });
  }

  deactivate() {
    this.live = false; // first: there is no Python to ask for a last picture
    this.setPlaying(false);
    setLive(this.root, false, label("widget_static"));
    this.updateButtons();
  }
}
