// See it in action: plays full-batch gradient descent like a film. Python holds the run, in a
// session of this figure's own (backprop/widgets/linear_training.py): each call asks for more
// epochs (a number of them, or a time budget) and brings back only what the page draws: w and b,
// the texts, the line, the chart's axes and the trail points the page lacks. This script paces
// the calls on animation frames, draws at most once per frame, and stops when Python says
// training has converged or diverged. Going live asks Python nothing: the figure already shows
// epoch 0 as the build computed it, and each call names the run the page shows, which Python
// replays when it has none (it has just started, or was restarted and forgot it).

import { noteFailure, part, scaleFrom, setLive } from "./lib/figure.js";
import { drawScheduler, PlayLoop } from "./lib/play-loop.js";
import { LatestWins } from "./lib/python-calls.js";
import { polyline } from "./lib/surface-plot.js";
import { label } from "../labels.js";

const MANY = 1_000_000; // "as many epochs as the time budget allows"

let sessions = 0; // two of these figures on a page, or one mounted again, never share a run

export function mount(root, python) {
  const training = new LinearTraining(root, python);
  return { activate: () => training.activate(), deactivate: () => training.deactivate() };
}

class LinearTraining {
  constructor(root, python) {
    this.root = root;
    this.figure = figureOf(root);
    this.buttons = { play: part(root, "play"), step: part(root, "one-step"), reset: part(root, "reset") };
    this.rate = part(root, "lr");
    this.pace = new Pace(part(root, "speed"));
    this.session = `${root.id}-${++sessions}`;
    const { state, status } = JSON.parse(part(root, "view").textContent);
    // What the page holds of the run: where it is, and the trail drawn so far (thinned by Python).
    const trail = { stride: state.trail_stride, points: state.trail };
    this.run = { lr: state.lr, epoch: state.epoch, status, trail };
    this.answer = null; // Python's newest answer (until the first, the pre-rendered picture is right)
    this.live = false;
    this.requestDraw = drawScheduler(() => draw(this.figure, this.answer, this.run.trail.points));
    // A reset makes an advance still on its way obsolete: the newest answer is the one shown.
    this.calls = new LatestWins(python, `${root.id}:train`, (next) => this.accept(next), (err) => {
      this.pause();
      noteFailure(root, err);
    });
    // One animation frame of playing: ask Python for the epochs now due, unless it is still busy.
    this.loop = new PlayLoop((now) => {
      this.pace.advanceTo(now);
      const due = this.calls.busy ? null : this.pace.take();
      return due && this.advance(due.epochs, due.budgetMs);
    }, { onFrames: true });
    this.listen();
  }

  listen() {
    const { buttons } = this;
    buttons.play.addEventListener("click", () => (this.loop.playing ? this.pause() : this.play()));
    buttons.step.addEventListener("click", () => {
      if (!this.calls.busy) this.advance(1, 0);
    });
    buttons.reset.addEventListener("click", () => this.restart());
    this.rate.addEventListener("change", () => this.restart());
  }

  advance(epochs, budgetMs) {
    const have = [this.run.trail.stride, this.run.trail.points.length];
    const shown = { lr: this.run.lr, epoch: this.run.epoch };
    return this.calls.ask("linear-training.train",
      { session: this.session, epochs, budget_ms: budgetMs, have, shown });
  }

  accept(answer) {
    const { trail } = answer;
    if (trail.replace) this.run.trail = { stride: trail.stride, points: [...trail.points] };
    else this.run.trail.points.push(...trail.points);
    Object.assign(this.run, { lr: answer.lr, epoch: answer.epoch, status: answer.status });
    this.answer = answer;
    this.requestDraw();
    if (answer.status !== "running") this.pause(); // converged or diverged: Python says which, and why
    this.updateButtons();
  }

  play() {
    if (this.run.status !== "running") return;
    this.pace.restart();
    this.loop.start();
    this.updateButtons();
  }

  pause() {
    this.loop.stop();
    this.updateButtons();
  }

  /** A new run, from epoch 0 at the chosen learning rate. */
  restart() {
    this.pause();
    this.calls.ask("linear-training.reset", { session: this.session, lr: Number(this.rate.value), epoch: 0 });
  }

  updateButtons() {
    const { buttons, live } = this;
    const playing = this.loop.playing;
    buttons.play.textContent = label(playing ? "pause" : "play");
    const finished = this.run.status !== "running";
    buttons.play.disabled = !live || finished;
    buttons.step.disabled = !live || finished || playing;
    buttons.reset.disabled = !live;
  }

  activate() {
    this.live = true;
    setLive(this.root, true, label("live_linear_training"));
    this.updateButtons();
    // A reader may have picked another learning rate before Python was ready (or while it was
    // restarting): that starts again, as any change of rate does. Otherwise the figure shows the
    // run as it is, and a film that was playing plays on from there with its next call.
    if (Number(this.rate.value) !== this.run.lr) this.restart();
  }

  deactivate() {
    this.live = false;
    this.pause();
    setLive(this.root, false, label("widget_static"));
    this.updateButtons();
  }
}

/** Epochs owed at the speed chosen in the select: a rate (epochs a second) or a time budget. */
class Pace {
  constructor(select) {
    this.select = select;
    this.owed = 0; // epochs due at the chosen rate but not yet asked for
    this.lastFrame = null;
    // A slower speed chosen while playing must not pay out what the faster one had run up.
    select.addEventListener("change", () => {
      this.owed = Math.min(this.owed, 1);
    });
  }

  speed() {
    const option = this.select.selectedOptions[0];
    return { perSecond: Number(option.dataset.rate || 0), budgetMs: Number(option.dataset.budgetMs || 0) };
  }

  /** Playing starts: the first epoch at once, then the chosen pace. */
  restart() {
    this.owed = 1;
    this.lastFrame = null;
  }

  /** Count the epochs that came due since the last frame (at most a quarter second's worth). */
  advanceTo(now) {
    const { perSecond } = this.speed();
    if (this.lastFrame !== null && perSecond) {
      this.owed = Math.min(this.owed + ((now - this.lastFrame) * perSecond) / 1000, 1 + perSecond / 4);
    }
    this.lastFrame = now;
  }

  /** The call now due, {epochs, budgetMs}, or null while no whole epoch is. */
  take() {
    const { budgetMs } = this.speed();
    const epochs = budgetMs ? MANY : Math.floor(this.owed);
    if (epochs < 1) return null;
    if (!budgetMs) this.owed -= epochs;
    return { epochs, budgetMs };
  }
}

/** The figure's parts and scales, read once from the pre-rendered page. */
function figureOf(root) {
  const dataPlot = part(root, "data-plot");
  const surface = part(root, "surface");
  const chart = part(root, "chart");
  const range = (attribute) => chart.getAttribute(attribute).split(" ").map(Number);
  const roles = ["epoch", "equation", "loss", "message", "line", "trail", "now", "curve", "chart-now",
    "epoch-ticks", "loss-ticks", "tolerance", "tolerance-label"];
  return {
    root,
    parts: Object.fromEntries(roles.map((role) => [role, part(root, role)])),
    ticksKey: "", // the chart's ticks as drawn, redrawn only when they change
    dx: scaleFrom(dataPlot, "data-x"),
    dy: scaleFrom(dataPlot, "data-y"),
    sw: scaleFrom(surface, "data-x"),
    sb: scaleFrom(surface, "data-y"),
    chartX: range("data-x-range"),
    chartY: range("data-y-range"),
  };
}

// Playing, the figure is redrawn once an animation frame: only what changed is written, as each
// write costs the browser style, layout or paint work.

function setText(element, text) {
  if (element.textContent !== text) element.textContent = text;
}

/** Set attributes that changed; numbers with two decimals (enough for SVG). */
function setAttrs(element, values) {
  for (const [name, value] of Object.entries(values)) {
    const text = typeof value === "number" ? value.toFixed(2) : value;
    if (element.getAttribute(name) !== text) element.setAttribute(name, text);
  }
}

/** Draw Python's answer, with the trail the page holds: (epoch, w, b, loss) points. */
function draw(figure, answer, trail) {
  const { parts, dx, dy, sw, sb } = figure;
  for (const role of ["epoch", "equation", "loss", "message"]) setText(parts[role], answer.text[role]);
  const [[x1, y1], [x2, y2]] = answer.line;
  setAttrs(parts.line, { x1: dx(x1), y1: dy(y1), x2: dx(x2), y2: dy(y2) });

  const { w, b } = answer;
  setAttrs(parts.trail, { d: polyline([...trail.map((p) => [sw(p[1]), sb(p[2])]), [sw(w), sb(b)]]) });
  // Off the map (a diverging run), the dot waits at the edge; the message says what happened.
  const [wx0, wx1] = sw.range();
  const [by0, by1] = sb.range();
  setAttrs(parts.now, { cx: clamp(sw(w), wx0, wx1), cy: clamp(sb(b), by1, by0) });
  drawChart(figure, answer.chart, trail);
}

function drawChart(figure, axes, trail) {
  const { parts, chartX, chartY } = figure;
  const ce = d3.scaleLinear().domain(axes.epochs).range(chartX);
  const cl = d3.scaleLinear().domain(axes.exponents).range(chartY);
  const exponent = (loss) => Math.max(Math.log10(loss), axes.exponents[0]);
  const points = trail.map((p) => [ce(p[0]), cl(exponent(p[3]))]);
  points.push([ce(axes.now[0]), cl(axes.now[1])]);
  setAttrs(parts.curve, { d: polyline(points) });
  setAttrs(parts["chart-now"], { cx: ce(axes.now[0]), cy: cl(Math.max(axes.now[1], axes.exponents[0])) });
  const key = JSON.stringify([axes.epochs, axes.exponents, axes.epoch_ticks, axes.exponent_ticks, axes.tolerance]);
  if (key === figure.ticksKey) return;
  figure.ticksKey = key;
  d3.select(parts["epoch-ticks"]).selectAll("text").data(axes.epoch_ticks).join("text")
    .attr("x", ([t]) => ce(t).toFixed(2)).attr("y", 242).attr("text-anchor", "middle").text(([, label]) => label);
  d3.select(parts["loss-ticks"]).selectAll("text").data(axes.exponent_ticks).join("text")
    .attr("x", 46).attr("y", ([k]) => (cl(k) + 4).toFixed(2)).attr("text-anchor", "end").text(([, label]) => label);
  const ty = cl(axes.tolerance[0]);
  setAttrs(parts.tolerance, { y1: ty, y2: ty });
  setAttrs(parts["tolerance-label"], { y: ty - 4 });
}

function clamp(value, lo, hi) {
  return Math.min(Math.max(value, lo), hi);
}
