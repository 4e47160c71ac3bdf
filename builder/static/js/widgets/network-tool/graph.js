// The network drawing of the network tool: rebuilt from Python's layout when the architecture
// changes, redrawn from snapshots while training and from phases while stepping through, with
// every value readable on hover and on keyboard focus. The first picture comes from
// templates/widgets/_network_macros.html: build the same elements here.

import { part } from "../lib/figure.js";
import { label } from "../../labels.js";
import { Signal } from "./motion.js";

const SVG = "http://www.w3.org/2000/svg";
// While training plays, a link or fill whose value moved by less than this (of its scale from 0 to
// 1) is left as drawn: 1 % of the colour mix and 0.04 px of width, which no one sees, while each
// element redrawn makes the browser paint its part of the drawing again (the costliest part of a
// frame: tests/bench_network.py). Training paused, every value is drawn exactly.
const UNSEEN = 0.01;
// While training plays, links and fills are redrawn at most this often. Any change in the drawing
// makes the browser raster all of it again, hundreds of dashed curves: about 2 ms of CPU a frame
// at 1-8×6-1, taken from the worker's training on two cores (tests/bench_network.py). Weights
// move too little in a tenth of a second for a step to show; the curve, the loss chart and the
// readouts still change in every frame.
const GRAPH_EVERY_MS = 100;

/** A link's style for its scale value t in [−1, 1] (backprop/views/network.py link_style does the same). */
export function linkStyle(t) {
  if (t === null || t === undefined) return "stroke:var(--nt-zero);stroke-width:1px";
  const side = t > 0 ? "pos" : "neg";
  const share = Math.abs(t);
  return `stroke:color-mix(in srgb,var(--nt-${side}) ${(share * 100).toFixed(1)}%,var(--nt-zero));` +
    `stroke-width:${(0.6 + 3.6 * share).toFixed(2)}px`;
}

/** A neuron's fill for its scale value t in [0, 1] (network_figure.fill_style does the same). */
export function fillStyle(t) {
  if (t === null || t === undefined) return "fill:var(--page)";
  return `fill:color-mix(in srgb,var(--nt-act) ${(t * 100).toFixed(1)}%,var(--page))`;
}

function el(name, attributes = {}, parent = null) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  if (parent) parent.append(node);
  return node;
}

/** The arrow for −∂loss/∂a: `length` user units up (positive) or down, beside the neuron. */
function arrowPath(dx, length) {
  if (!length) return "";
  const tip = -length;
  const back = length > 0 ? 5 : -5;
  return `M${dx} 0V${tip}M${dx - 4} ${tip + back}L${dx} ${tip}L${dx + 4} ${tip + back}`;
}

/** The arrows' scale, drawn in the drawing's own units at its top left (free at every shape):
 *  a full-length arrow and the value it stands for. Hidden until a phase shows arrows. */
function scaleKey() {
  const key = el("g", { class: "nt-arrow-scale", transform: "translate(4 42)", "aria-hidden": "true" });
  el("path", { class: "nt-arrow", d: "" }, key);
  el("text", { x: 16, y: -24 }, key).textContent = label("net_full_length");
  el("text", { x: 16, y: -9 }, key);
  key.setAttribute("display", "none");
  return key;
}

export class Graph {
  constructor(root) {
    this.root = root;
    this.box = part(root, "graph-box");
    this.tip = part(root, "tip");
    this.layout = null;
    this.graphDrawnAt = -Infinity; // when drawSnapshot last drew the links and fills
    this.signal = new Signal();
    this.collect();
    const svg = () => this.svg;
    this.box.addEventListener("pointerover", (e) => this.hover(e.target));
    this.box.addEventListener("pointerleave", () => this.hideTip());
    this.box.addEventListener("focusin", (e) => this.showTip(e.target));
    this.box.addEventListener("focusout", () => this.hideTip());
    this.box.addEventListener("keydown", (e) => { if (svg().contains(e.target)) this.navigate(e); });
  }

  /** Find the drawn elements (after the build or a rebuild). */
  collect() {
    this.svg = part(this.root, "graph");
    this.links = [...this.svg.querySelectorAll(".nt-links > path")];
    this.neurons = [...this.svg.querySelectorAll(".nt-neurons > .nt-neuron")]; // the loss node last
    this.lossLink = part(this.root, "loss-link");
    this.drawn = { links: [], fills: [], texts: null }; // what is on screen, to skip unchanged elements
    this.bodies = this.neurons.map((n) => n.querySelector(".nt-body"));
    this.phaseShown = true; // the first picture (the build's) may be anything: clear it once
    this.scaleKey = this.scaleKey || scaleKey();
    this.svg.append(this.scaleKey);
    this.signal.attach(this.svg);
  }

  // ----- hover and focus read-outs ---------------------------------------------------------------

  focusable(target) {
    const hit = target.closest?.(".nt-hits > path");
    if (hit) return this.links[Number(hit.dataset.i)];
    return target.closest?.("[aria-label][tabindex]");
  }

  hover(target) {
    const item = this.focusable(target);
    if (item && this.svg.contains(item)) this.showTip(item); else this.hideTip();
  }

  showTip(item) {
    if (!item || !item.getAttribute || !item.hasAttribute("aria-label")) return;
    this.tip.textContent = item.getAttribute("aria-label");
    this.tip.hidden = false;
    const box = this.box.getBoundingClientRect();
    const r = item.getBoundingClientRect();
    const left = Math.min(Math.max(0, r.left - box.left + r.width / 2 - 110), box.width - 220);
    this.tip.style.left = `${left}px`;
    this.tip.style.top = `${r.bottom - box.top + 6}px`;
  }

  hideTip() {
    this.tip.hidden = true;
  }

  // ----- keyboard: one tab stop, arrow keys inside -----------------------------------------------

  /** Neurons and links in reading order: layer 0's neurons, its links, layer 1's neurons, … */
  groups() {
    const byLayer = (items) => items.reduce((map, item) => {
      const l = Number(item.dataset.l);
      (map[l] ||= []).push(item);
      return map;
    }, []);
    const neurons = byLayer(this.neurons);
    const links = byLayer(this.links);
    const groups = [];
    neurons.forEach((group, l) => {
      groups.push(group);
      if (links[l]) groups.push(links[l]);
    });
    return groups.filter(Boolean);
  }

  navigate(event) {
    const keys = ["ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight", "Home", "End"];
    if (!keys.includes(event.key)) return;
    const groups = this.groups();
    const g = groups.findIndex((group) => group.includes(event.target));
    if (g < 0) return;
    event.preventDefault();
    const p = groups[g].indexOf(event.target);
    let next = groups[g][p];
    const last = (group) => group.length - 1;
    if (event.key === "ArrowDown") next = groups[g][Math.min(p + 1, last(groups[g]))];
    if (event.key === "ArrowUp") next = groups[g][Math.max(p - 1, 0)];
    if (event.key === "Home") next = groups[g][0];
    if (event.key === "End") next = groups[g][last(groups[g])];
    if (event.key === "ArrowRight" || event.key === "ArrowLeft") {
      const to = groups[g + (event.key === "ArrowRight" ? 1 : -1)];
      if (to) next = to[Math.round((p / Math.max(1, last(groups[g]))) * last(to))];
    }
    this.moveFocus(event.target, next);
  }

  moveFocus(from, to) {
    if (!to || to === from) return;
    from.setAttribute("tabindex", "-1");
    to.setAttribute("tabindex", "0");
    to.focus();
  }

  // ----- building ---------------------------------------------------------------------------------

  /** Redraw the whole network for a new architecture (the same elements as the Jinja macro). */
  rebuild(layout, title) {
    this.layout = layout;
    const drawn = this.neurons.filter((n) => n.dataset.i !== "loss").length;
    if (drawn === layout.neurons.length && this.links.length === layout.links.length &&
        layout.sizes.every((size, l) => this.svg.querySelectorAll(`.nt-neuron[data-l="${l}"]`).length === size)) {
      return; // the same architecture: keep the elements (and the reader's focus)
    }
    const r = layout.radius;
    const svg = el("svg", {
      class: "nt-graph", "data-role": "graph", viewBox: `0 0 ${layout.width} ${layout.height}`,
      role: "group", "aria-labelledby": `${this.root.id}-graph-title`,
      "aria-describedby": `${this.root.id}-graph-keys`,
    });
    el("title", { id: `${this.root.id}-graph-title` }, svg).textContent = title;
    const columns = el("g", { class: "nt-columns", "data-role": "columns", "aria-hidden": "true" }, svg);
    for (const c of layout.columns) {
      el("text", { x: c.x, y: layout.height - 6 }, columns).textContent =
        c.kind === "input" ? label("net_column_input") : c.kind === "output" ? label("net_column_output")
          : label("net_column_layer", { layer: c.layer });
    }
    el("text", { x: layout.loss.x, y: layout.height - 6 }, columns).textContent = label("net_loss_node");
    const links = el("g", { class: "nt-links", "data-role": "links" }, svg);
    layout.links.forEach((link, i) => el("path", {
      class: "nt-link", "data-i": i, "data-l": link.layer, d: link.d, tabindex: -1, role: "img",
      "aria-label": link.label,
    }, links));
    const out = layout.neurons[layout.neurons.length - 1];
    el("path", { class: "nt-loss-link", "data-role": "loss-link",
      d: `M${out.x + r} ${out.y}H${layout.loss.x - 24}` }, svg);
    const hits = el("g", { class: "nt-hits", "data-role": "hits", "aria-hidden": "true" }, svg);
    layout.links.forEach((link, i) => el("path", { "data-i": i, d: link.d }, hits));
    const neurons = el("g", { class: "nt-neurons", "data-role": "neurons" }, svg);
    layout.neurons.forEach((n, i) => {
      const g = el("g", {
        class: `nt-neuron nt-${n.kind}`, "data-i": i, "data-l": n.layer,
        transform: `translate(${n.x} ${n.y})`, tabindex: i === 0 ? 0 : -1, role: "img", "aria-label": n.label,
      }, neurons);
      if (n.kind === "hidden") {
        el("circle", { class: "nt-body", r }, g);
      } else {
        el("rect", { class: "nt-body", x: -r, y: -r, width: 2 * r, height: 2 * r, rx: 3 }, g);
        el("text", { class: "nt-symbol", y: 5 }, g).textContent = n.kind === "input" ? "x" : "ŷ";
      }
      el("path", { class: "nt-arrow", d: "" }, g);
    });
    const loss = el("g", {
      class: "nt-neuron nt-loss", "data-i": "loss", "data-l": layout.sizes.length, "data-role": "loss-node",
      transform: `translate(${layout.loss.x} ${layout.loss.y})`, tabindex: -1, role: "img", "aria-label": label("loss"),
    }, neurons);
    el("rect", { class: "nt-body", x: -24, y: -r, width: 48, height: 2 * r, rx: 3 }, loss);
    el("text", { class: "nt-symbol", y: 5 }, loss).textContent = label("loss_symbol");
    this.svg.replaceWith(svg);
    this.collect();
  }

  // ----- drawing ----------------------------------------------------------------------------------

  setLabel(item, text) {
    if (item.getAttribute("aria-label") !== text) item.setAttribute("aria-label", text);
  }

  /** Each link's colour and width for its value t; while training plays (`close` > 0) a link
   *  whose t moved by less than `close` keeps what it shows, an unseen change left unpainted. */
  drawLinks(ts, texts, close = 0) {
    const drawn = this.drawn.links;
    this.links.forEach((link, i) => {
      const t = ts[i];
      if (drawn[i] === t || (close && t !== null && drawn[i] !== null && Math.abs(t - drawn[i]) < close)) return;
      link.setAttribute("style", linkStyle(t));
      link.classList.toggle("neg", t !== null && t < 0); // no change, no mutation
      drawn[i] = t;
    });
    if (texts && texts !== this.drawn.texts) {
      this.drawn.texts = texts;
      const layoutLinks = this.layout.links;
      this.links.forEach((link, i) => this.setLabel(link, `${layoutLinks[i].label}: ${texts[i]}`));
    }
  }

  drawFill(i, t, close = 0) {
    const drawn = this.drawn.fills[i];
    if (drawn === t || (close && t !== null && drawn !== null && drawn !== undefined && Math.abs(t - drawn) < close)) return;
    if (this.neurons[i].classList.contains("nt-hidden")) this.bodies[i].setAttribute("style", fillStyle(t));
    this.drawn.fills[i] = t;
  }

  /** The network as it is while training (`playing`: more to come at once): weights, mean
   *  activations, values in the labels. */
  drawSnapshot(snap, playing = false) {
    if (this.phaseShown) this.clearPhase();
    const now = performance.now();
    if (playing && now - this.graphDrawnAt < GRAPH_EVERY_MS) return;
    this.graphDrawnAt = now;
    const close = playing ? UNSEEN : 0;
    this.drawLinks(snap.links, snap.links_text, close);
    this.layout.neurons.forEach((n, i) => this.drawFill(i, snap.fills[i], close));
    if (snap.neurons_text && snap.neurons_text !== this.drawn.neuronTexts) {
      this.drawn.neuronTexts = snap.neurons_text;
      this.layout.neurons.forEach((n, i) => this.setLabel(this.neurons[i], `${n.label}: ${snap.neurons_text[i]}`));
    }
    this.setLabel(this.neurons[this.neurons.length - 1], `${label("loss")}: ${snap.text.loss}`);
  }

  clearPhase() {
    this.phaseShown = false;
    this.drawn.texts = this.drawn.neuronTexts = null; // a phase wrote its own labels
    this.svg.classList.remove("nt-stepping", "nt-focus");
    for (const link of this.links) {
      link.classList.remove("nt-active");
      link.style.removeProperty("opacity");
    }
    this.lossLink.classList.remove("nt-active");
    this.scaleKey.setAttribute("display", "none");
    this.scaleKey.firstChild.setAttribute("d", "");
    this.signal.clear();
    for (const n of this.neurons) {
      n.classList.remove("nt-pending", "nt-off");
      n.querySelector(".nt-arrow")?.setAttribute("d", "");
    }
  }

  /** The key to the arrows' one scale (backprop/widgets/network_tool/steps.py arrow_scale). */
  drawScaleKey(record, shown) {
    const [arrow, , value] = this.scaleKey.children;
    shown = shown && Boolean(record.text.arrow_scale);
    arrow.setAttribute("d", shown ? arrowPath(8, this.layout.arrow.max) : "");
    value.textContent = `= ${record.text.arrow_scale}`;
    if (shown) this.scaleKey.removeAttribute("display"); else this.scaleKey.setAttribute("display", "none");
  }

  /** One phase of the step-through (see backprop/widgets/network_tool/steps.py). */
  drawPhase(record, phase) {
    this.clearPhase();
    this.phaseShown = true;
    this.svg.classList.add("nt-stepping");
    this.svg.classList.toggle("nt-focus", phase.active !== null && phase.active !== "all");
    const after = phase.weights === "after";
    const links = record.links;
    this.drawLinks(after ? links.after : links.before, after ? links.after_text : links.before_text);
    this.links.forEach((link, i) => {
      if (phase.active === "all") link.style.opacity = (0.12 + 0.88 * links.change[i]).toFixed(3);
      else if (Number(link.dataset.l) === phase.active) link.classList.add("nt-active");
    });
    this.lossLink.classList.toggle("nt-active", phase.active === "loss");
    this.signal.show(this.layout, record, phase, this.lossLink);
    const dx = this.layout.arrow.dx;
    const n = record.neurons;
    this.drawScaleKey(record, phase.arrows_from < this.layout.sizes.length);
    this.layout.neurons.forEach((neuron, i) => {
      const item = this.neurons[i];
      const reached = neuron.layer <= phase.reached;
      const arrow = neuron.layer >= phase.arrows_from && neuron.layer > 0;
      item.classList.toggle("nt-pending", !reached);
      item.classList.toggle("nt-off", reached && n.off[i]);
      this.drawFill(i, reached ? n.act[i] : null);
      item.querySelector(".nt-arrow").setAttribute("d", arrow ? arrowPath(dx, n.arrow[i]) : "");
      const parts = [reached ? n.value_text[i] : label("net_not_computed")];
      if (arrow && n.arrow_text[i]) parts.push(n.arrow_text[i]);
      if (after && n.update_text[i]) parts.push(n.update_text[i]);
      this.setLabel(item, `${neuron.label}: ${parts.join("; ")}`);
    });
    this.setLabel(this.neurons[this.neurons.length - 1], phase.loss_label);
  }
}
