// The network tool's step-through: one example's forward pass, loss, backward pass and update,
// one phase at a time, by buttons, arrow keys or playing through. Python sends every phase with
// what it shows (backprop/widgets/network_tool/steps.py); this module only moves between them.
// When the reader first reaches a phase drawn with the updated weights, the tool applies that very
// update to the network (onApply), once. Playing through is a slideshow on the shared PlayLoop:
// each phase stays PLAY_INTERVAL_MS, the one showing when it starts included; it waits in a
// hidden tab; and with reduced motion it is a sequence of still pictures (the loop's `stills`,
// and the links' transitions are off in network-tool.css).

import { part } from "../lib/figure.js";
import { PlayLoop } from "../lib/play-loop.js";
import { label } from "../../labels.js";

const PLAY_INTERVAL_MS = 1400;

export class Steps {
  constructor(root, { graph, plots, onApply, onNewExample, onExit }) {
    this.root = root;
    this.panel = part(root, "steps");
    this.graph = graph;
    this.plots = plots;
    this.onApply = onApply;
    this.record = null;
    this.index = 0;
    this.slideshow = new PlayLoop(() => this.go(this.index + 1),
      { spacingMs: () => PLAY_INTERVAL_MS, waitFirst: true, stills: true });
    const on = (role, handler) => part(root, role).addEventListener("click", handler);
    on("phase-prev", () => this.go(this.index - 1));
    on("phase-next", () => this.go(this.index + 1));
    on("phase-play", () => (this.slideshow.playing ? this.pause() : this.play()));
    on("replay", () => { this.pause(); this.go(0); this.play(); });
    on("new-example", () => { this.pause(); onNewExample(); });
    on("step-exit", () => { this.pause(); onExit(); });
    this.panel.addEventListener("keydown", (e) => this.key(e));
    part(root, "phases").addEventListener("click", (e) => {
      const item = e.target.closest("button[data-phase]");
      if (item) { this.pause(); this.go(Number(item.dataset.phase)); }
    });
  }

  get active() {
    return this.record !== null;
  }

  key(event) {
    const moves = { ArrowRight: this.index + 1, ArrowLeft: this.index - 1, Home: 0,
      End: this.record ? this.record.phases.length - 1 : 0 };
    if (!(event.key in moves) || !this.record) return;
    event.preventDefault();
    this.pause();
    this.go(moves[event.key]);
  }

  /** Show a new example from its first phase. */
  start(record) {
    this.pause();
    this.record = { ...record, applied: false };
    this.panel.hidden = false;
    part(this.root, "example").textContent = record.text.example;
    part(this.root, "arrow-scale").textContent = record.text.arrow_scale;
    const list = part(this.root, "phases");
    list.replaceChildren(...record.phases.map((phase, i) => {
      const item = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.dataset.phase = String(i);
      button.dataset.kind = phase.kind;
      button.textContent = phase.title;
      item.append(button);
      return item;
    }));
    this.go(0);
  }

  go(i) {
    const phases = this.record.phases;
    this.index = Math.min(Math.max(i, 0), phases.length - 1);
    const phase = phases[this.index];
    this.graph.drawPhase(this.record, phase);
    this.plots.drawPhase(this.record, phase);
    part(this.root, "phase-text").textContent = `${phase.title}. ${phase.text}`;
    showLosses(part(this.root, "step-losses"), phase.losses);
    for (const button of part(this.root, "phases").querySelectorAll("button")) {
      const current = Number(button.dataset.phase) === this.index;
      if (current) button.setAttribute("aria-current", "step"); else button.removeAttribute("aria-current");
    }
    // aria-disabled, not disabled: a disabled button would drop the keyboard focus at either end.
    part(this.root, "phase-prev").setAttribute("aria-disabled", String(this.index === 0));
    part(this.root, "phase-next").setAttribute("aria-disabled", String(this.index === phases.length - 1));
    if (phase.weights === "after" && !this.record.applied) {
      this.record.applied = true;
      this.onApply(this.record.index);
    }
    if (this.index === phases.length - 1) this.pause();
  }

  play() {
    if (this.index === this.record.phases.length - 1) this.go(0);
    part(this.root, "phase-play").textContent = label("pause");
    this.slideshow.start();
  }

  pause() {
    this.slideshow.stop();
    part(this.root, "phase-play").textContent = label("play_through");
  }

  /** Leave the step-through (the caller redraws the network as it now is). */
  close() {
    this.pause();
    this.record = null;
    this.panel.hidden = true;
    this.graph.clearPhase();
    this.plots.clearPhase();
  }
}

/** The last phase's losses, before and after, on the example and over all the points (texts by
 * role, from steps.py's losses()); other phases have none and hide them. */
function showLosses(block, losses) {
  block.hidden = !losses;
  for (const [role, text] of Object.entries(losses ?? {})) part(block, role).textContent = text;
}
