// The network tool's two plots: the data with the network's curve (and, while stepping through,
// the chosen example, its prediction and the curve after the update), and the loss over epochs.
// The loss history arrives in pieces, already thinned by Python, so a long run stays cheap.

import { part, scaleFrom } from "../lib/figure.js";

/** Write an attribute only when its value changes (each write costs the browser a repaint). */
function setAttr(element, name, value) {
  if (element.getAttribute(name) !== value) element.setAttribute(name, value);
}

function rangeFrom(element, attribute) {
  return element.getAttribute(attribute).split(" ").map(Number);
}

export class Plots {
  constructor(root, onPick) {
    this.root = root;
    this.fit = part(root, "fit");
    this.x = scaleFrom(this.fit, "data-x");
    this.y = scaleFrom(this.fit, "data-y");
    this.chart = part(root, "chart");
    this.chartX = rangeFrom(this.chart, "data-x-range");
    this.chartY = rangeFrom(this.chart, "data-y-range");
    this.history = { stride: 0, points: [] };
    this.axesKey = "";
    this.parts = { curve: part(root, "curve"), history: part(root, "history"), now: part(root, "now") };
    this.line = d3.line().defined(([, y]) => y !== null).x(([x]) => this.x(x)).y(([, y]) => this.y(y));
    this.grid = null;
    this.onPick = onPick;
    const points = part(root, "points");
    points.addEventListener("click", (e) => this.pick(e.target));
    points.addEventListener("keydown", (e) => this.navigate(e));
  }

  // ----- data points: one tab stop, arrow keys between them, Enter picks one ---------------------

  pick(target) {
    const point = target.closest("circle[data-i]");
    if (point) this.onPick(Number(point.dataset.i));
  }

  navigate(event) {
    const points = [...part(this.root, "points").children];
    const i = points.indexOf(event.target);
    if (i < 0) return;
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      this.onPick(i);
      return;
    }
    const moves = { ArrowRight: i + 1, ArrowUp: i + 1, ArrowLeft: i - 1, ArrowDown: i - 1,
      Home: 0, End: points.length - 1 };
    if (!(event.key in moves)) return;
    event.preventDefault();
    const next = points[Math.min(Math.max(moves[event.key], 0), points.length - 1)];
    event.target.setAttribute("tabindex", "-1");
    next.setAttribute("tabindex", "0");
    next.focus();
  }

  setData(points, texts, grid) {
    this.grid = grid;
    const circles = part(this.root, "points").children;
    points.forEach(([px, py], i) => {
      circles[i].setAttribute("cx", this.x(px).toFixed(1));
      circles[i].setAttribute("cy", this.y(py).toFixed(1));
      circles[i].setAttribute("aria-label", texts[i]);
    });
  }

  // ----- curves --------------------------------------------------------------------------------

  path(ys) {
    return this.line(this.grid.map((x, i) => [x, ys[i]])) ?? "";
  }

  drawCurve(curve) {
    setAttr(this.parts.curve, "d", this.path(curve));
  }

  /** The chosen example, its prediction and error from the loss phase on, the new curve at the end. */
  drawPhase(record, phase) {
    const circles = part(this.root, "points").children;
    for (const c of circles) c.classList.toggle("nt-chosen", Number(c.dataset.i) === record.index);
    this.drawCurve(record.curve_before);
    const after = phase.weights === "after";
    part(this.root, "curve-after").setAttribute("d", phase.kind === "result" ? this.path(record.curve_after) : "");
    const shown = phase.kind !== "forward";
    const yHat = after && phase.kind === "result" ? record.y_hat_after : record.y_hat;
    const marker = part(this.root, "y-hat");
    const error = part(this.root, "error");
    marker.hidden = error.hidden = !shown || yHat === null;
    if (marker.hidden) return;
    const cx = this.x(record.x).toFixed(1);
    marker.setAttribute("cx", cx);
    marker.setAttribute("cy", this.y(yHat).toFixed(1));
    error.setAttribute("x1", cx);
    error.setAttribute("x2", cx);
    error.setAttribute("y1", this.y(record.y).toFixed(1));
    error.setAttribute("y2", this.y(yHat).toFixed(1));
  }

  clearPhase() {
    for (const c of part(this.root, "points").children) c.classList.remove("nt-chosen");
    part(this.root, "curve-after").setAttribute("d", "");
    part(this.root, "y-hat").hidden = true;
    part(this.root, "error").hidden = true;
  }

  // ----- loss over epochs ------------------------------------------------------------------------

  /** What the page holds of the history, for Python to send only the rest: [stride, count]. */
  have() {
    return [this.history.stride, this.history.points.length];
  }

  resetHistory() {
    this.history = { stride: 0, points: [] };
  }

  /** Take in the history points a snapshot brings (every snapshot, even one never drawn). */
  addHistory(history) {
    if (history.replace) this.history = { stride: history.stride, points: [...history.points] };
    else this.history.points.push(...history.points);
  }

  drawHistory(snap) {
    const { chart } = snap;
    const x = d3.scaleLinear().domain([0, chart.x_max]).range(this.chartX);
    const y = d3.scaleLog().domain([chart.y_min, chart.y_max]).range(this.chartY).clamp(true);
    const key = JSON.stringify([chart.x_ticks, chart.y_ticks]);
    if (key !== this.axesKey) this.drawAxes(chart, x, y, key);
    const points = this.history.points;
    const last = points[points.length - 1];
    const now = snap.loss === null ? null : [snap.epoch, snap.loss];
    const line = d3.line().x(([e]) => x(e)).y(([, v]) => y(v));
    const all = now && (!last || last[0] !== now[0]) ? [...points, now] : points;
    setAttr(this.parts.history, "d", line(all) ?? "");
    const dot = this.parts.now;
    if (dot.hidden !== !now) dot.hidden = !now;
    if (now) {
      setAttr(dot, "cx", x(now[0]).toFixed(1));
      setAttr(dot, "cy", y(now[1]).toFixed(1));
    }
  }

  drawAxes(chart, x, y, key) {
    this.axesKey = key;
    const axes = part(this.root, "chart-axes");
    const [x0, x1] = this.chartX;
    const [y0, y1] = this.chartY;
    const svg = (name, attrs, text) => {
      const node = document.createElementNS("http://www.w3.org/2000/svg", name);
      for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
      if (text !== undefined) node.textContent = text;
      return node;
    };
    const nodes = [svg("line", { x1: x0, x2: x1, y1: y0, y2: y0 }), svg("line", { x1: x0, x2: x0, y1: y1, y2: y0 })];
    for (const [v, label] of chart.x_ticks) {
      nodes.push(svg("text", { x: x(v).toFixed(1), y: y0 + 15, "text-anchor": "middle" }, label));
    }
    for (const [v, label] of chart.y_ticks) {
      const yv = y(v).toFixed(1);
      nodes.push(svg("line", { class: "nt-grid", x1: x0, x2: x1, y1: yv, y2: yv }));
      nodes.push(svg("text", { x: x0 - 6, y: (Number(yv) + 4).toFixed(1), "text-anchor": "end" }, label));
    }
    axes.replaceChildren(...nodes);
  }
}
