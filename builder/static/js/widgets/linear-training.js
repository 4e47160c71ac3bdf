// See it in action: plays full-batch gradient descent like a film. Python holds the arithmetic:
// each call takes the training state and some epochs (or a time budget) and returns the next
// state with its text. This script paces the calls on animation frames, draws at most once per
// frame, and stops when Python says training has converged or diverged.

import { noteFailure, part, scaleFrom, setLive } from "./lib/figure.js";
import { drawScheduler, PlayLoop } from "./lib/play-loop.js";
import { LatestWins } from "./lib/python-calls.js";
import { attrs, polyline } from "./lib/surface-plot.js";

const MANY = 1_000_000; // "as many epochs as the time budget allows"

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
    this.view = JSON.parse(part(root, "view").textContent);
    this.live = false;
    this.requestDraw = drawScheduler(() => draw(this.figure, this.view));
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
    return this.calls.ask("linear-training.advance", { state: this.view.state, epochs, budget_ms: budgetMs });
  }

  accept(next) {
    this.view = next;
    this.requestDraw();
    if (next.status !== "running") this.pause(); // converged or diverged: Python says which, and why
    this.updateButtons();
  }

  play() {
    if (this.view.status !== "running") return;
    this.pace.restart();
    this.loop.start();
    this.updateButtons();
  }

  pause() {
    this.loop.stop();
    this.updateButtons();
  }

  restart() {
    this.pause();
    this.calls.ask("linear-training.reset", { lr: Number(this.rate.value) });
  }

  updateButtons() {
    const { buttons, live } = this;
    const playing = this.loop.playing;
    buttons.play.textContent = playing ? "Pause" : "Play";
    const finished = this.view.status !== "running";
    buttons.play.disabled = !live || finished;
    buttons.step.disabled = !live || finished || playing;
    buttons.reset.disabled = !live;
  }

  activate() {
    this.live = true;
    setLive(this.root, true, "Live: Python trains the neuron as you watch.");
    this.updateButtons();
    // A reader may have picked another learning rate before Python was ready.
    if (Number(this.rate.value) !== this.view.state.lr) this.restart();
  }

  deactivate() {
    this.live = false;
    this.pause();
    setLive(this.root, false, "This figure is a static picture of its starting state.");
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
  return {
    root,
    dx: scaleFrom(dataPlot, "data-x"),
    dy: scaleFrom(dataPlot, "data-y"),
    sw: scaleFrom(surface, "data-x"),
    sb: scaleFrom(surface, "data-y"),
    chartX: range("data-x-range"),
    chartY: range("data-y-range"),
  };
}

function draw(figure, view) {
  if (!view.text) return; // the pre-rendered picture is still right
  const { root, dx, dy, sw, sb } = figure;
  for (const role of ["epoch", "equation", "loss", "message"]) part(root, role).textContent = view.text[role];
  const [[x1, y1], [x2, y2]] = view.line;
  attrs(part(root, "line"), { x1: dx(x1), y1: dy(y1), x2: dx(x2), y2: dy(y2) });

  const { w, b, trail } = view.state;
  part(root, "trail").setAttribute("d", polyline([...trail.map((p) => [sw(p[1]), sb(p[2])]), [sw(w), sb(b)]]));
  // Off the map (a diverging run), the dot waits at the edge; the message says what happened.
  const [wx0, wx1] = sw.range();
  const [by0, by1] = sb.range();
  attrs(part(root, "now"), { cx: clamp(sw(w), wx0, wx1), cy: clamp(sb(b), by1, by0) });
  drawChart(figure, view);
}

function drawChart({ root, chartX, chartY }, view) {
  const axes = view.chart;
  const ce = d3.scaleLinear().domain(axes.epochs).range(chartX);
  const cl = d3.scaleLinear().domain(axes.exponents).range(chartY);
  const exponent = (loss) => Math.max(Math.log10(loss), axes.exponents[0]);
  const points = view.state.trail.map((p) => [ce(p[0]), cl(exponent(p[3]))]);
  points.push([ce(axes.now[0]), cl(axes.now[1])]);
  part(root, "curve").setAttribute("d", polyline(points));
  attrs(part(root, "chart-now"), { cx: ce(axes.now[0]), cy: cl(Math.max(axes.now[1], axes.exponents[0])) });
  d3.select(part(root, "epoch-ticks")).selectAll("text").data(axes.epoch_ticks).join("text")
    .attr("x", ([t]) => ce(t).toFixed(2)).attr("y", 242).attr("text-anchor", "middle").text(([, label]) => label);
  d3.select(part(root, "loss-ticks")).selectAll("text").data(axes.exponent_ticks).join("text")
    .attr("x", 46).attr("y", ([k]) => (cl(k) + 4).toFixed(2)).attr("text-anchor", "end").text(([, label]) => label);
  const ty = cl(axes.tolerance[0]);
  attrs(part(root, "tolerance"), { y1: ty, y2: ty });
  attrs(part(root, "tolerance-label"), { y: ty - 4 });
}

function clamp(value, lo, hi) {
  return Math.min(Math.max(value, lo), hi);
}
