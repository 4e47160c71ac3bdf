// See it in action: plays full-batch gradient descent like a film. Python holds the arithmetic:
// each call takes the training state and some epochs (or a time budget) and returns the next
// state with its text. This script schedules the calls with requestAnimationFrame, draws at most
// once per frame, and stops when Python says training has converged or diverged.

import { drawScheduler, latest, part, scaleFrom, setLive } from "./common.js";
import { attrs, polyline } from "./surface-plot.js";

const MANY = 1_000_000; // "as many epochs as the time budget allows"

export function mount(root, python) {
  const dataPlot = part(root, "data-plot");
  const dx = scaleFrom(dataPlot, "data-x");
  const dy = scaleFrom(dataPlot, "data-y");
  const surface = part(root, "surface");
  const sw = scaleFrom(surface, "data-x");
  const sb = scaleFrom(surface, "data-y");
  const chart = part(root, "chart");
  const chartX = chart.getAttribute("data-x-range").split(" ").map(Number);
  const chartY = chart.getAttribute("data-y-range").split(" ").map(Number);
  const buttons = { play: part(root, "play"), step: part(root, "one-step"), reset: part(root, "reset") };
  const rate = part(root, "lr");
  const speedSelect = part(root, "speed");

  let view = JSON.parse(part(root, "view").textContent);
  let live = false;
  let playing = false;
  let inFlight = 0; // calls on their way: no new advance until the newest state is back
  let owed = 0; // epochs due at the chosen rate but not yet asked for
  let lastFrame = null;

  const channel = `${root.id}:train`; // a reset supersedes an advance still on its way

  function fail(err) {
    pause();
    part(root, "live-note").textContent = `Python could not compute this: ${err.message}`;
  }

  function accept(next) {
    view = next;
    requestDraw();
    if (view.status !== "running") pause(); // converged or diverged: Python says which, and why
    updateButtons();
  }

  const requestDraw = drawScheduler(() => draw());

  function draw() {
    if (!view.text) return; // the pre-rendered picture is still right
    for (const role of ["epoch", "equation", "loss", "message"]) part(root, role).textContent = view.text[role];
    const [[x1, y1], [x2, y2]] = view.line;
    attrs(part(root, "line"), { x1: dx(x1), y1: dy(y1), x2: dx(x2), y2: dy(y2) });

    const { w, b, trail } = view.state;
    part(root, "trail").setAttribute("d", polyline([...trail.map((p) => [sw(p[1]), sb(p[2])]), [sw(w), sb(b)]]));
    // Off the map (a diverging run), the dot waits at the edge; the message says what happened.
    const [wx0, wx1] = sw.range();
    const [by0, by1] = sb.range();
    attrs(part(root, "now"), { cx: clamp(sw(w), wx0, wx1), cy: clamp(sb(b), by1, by0) });
    drawChart();
  }

  function drawChart() {
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

  function speed() {
    const option = speedSelect.selectedOptions[0];
    return { rate: Number(option.dataset.rate || 0), budgetMs: Number(option.dataset.budgetMs || 0) };
  }

  // One animation frame of playing: ask Python for the epochs now due, unless it is still busy.
  function tick(now) {
    if (!playing) return;
    const { rate: perSecond, budgetMs } = speed();
    if (lastFrame !== null && perSecond) owed = Math.min(owed + ((now - lastFrame) * perSecond) / 1000, 1 + perSecond / 4);
    lastFrame = now;
    if (!inFlight) {
      const epochs = budgetMs ? MANY : Math.floor(owed);
      if (epochs >= 1) {
        owed -= budgetMs ? 0 : epochs;
        advance(epochs, budgetMs);
      }
    }
    requestAnimationFrame(tick);
  }

  async function send(op, args) {
    inFlight += 1;
    await latest(python.call(channel, `linear-training.${op}`, args), accept, fail);
    inFlight -= 1;
  }

  function advance(epochs, budgetMs) {
    send("advance", { state: view.state, epochs, budget_ms: budgetMs });
  }

  function play() {
    if (view.status !== "running") return;
    playing = true;
    owed = 1; // the first epoch at once, then the chosen pace
    lastFrame = null;
    updateButtons();
    requestAnimationFrame(tick);
  }

  function pause() {
    playing = false;
    updateButtons();
  }

  function restart() {
    pause();
    send("reset", { lr: Number(rate.value) });
  }

  function updateButtons() {
    buttons.play.textContent = playing ? "Pause" : "Play";
    const finished = view.status !== "running";
    buttons.play.disabled = !live || finished;
    buttons.step.disabled = !live || finished || playing;
    buttons.reset.disabled = !live;
  }

  buttons.play.addEventListener("click", () => (playing ? pause() : play()));
  buttons.step.addEventListener("click", () => {
    if (!inFlight) advance(1, 0);
  });
  buttons.reset.addEventListener("click", restart);
  rate.addEventListener("change", restart);
  speedSelect.addEventListener("change", () => {
    owed = Math.min(owed, 1);
  });

  return {
    activate() {
      live = true;
      setLive(root, true, "Live: Python trains the neuron as you watch.");
      updateButtons();
      // A reader may have picked another learning rate before Python was ready.
      if (Number(rate.value) !== view.state.lr) restart();
    },
    deactivate() {
      live = false;
      pause();
      setLive(root, false, "This figure is a static picture of its starting state.");
      updateButtons();
    },
  };
}

function clamp(value, lo, hi) {
  return Math.min(Math.max(value, lo), hi);
}
