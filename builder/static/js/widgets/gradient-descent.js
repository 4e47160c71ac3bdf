// Gradient descent on the loss surface: the reader places a point (click, drag or arrow keys) and
// takes steps. Python computes every number; this script draws the marks and routes the events.

import { noteFailure, part, scaleFrom, setLive } from "./lib/figure.js";
import { InOrder } from "./lib/python-calls.js";
import { attrs, drawLine, pageDirection, pointerToData } from "./lib/surface-plot.js";

const KEYS = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowDown: [0, -1], ArrowUp: [0, 1] };
const READOUTS = ["w", "b", "loss", "dloss_dw", "dloss_db", "delta_w", "delta_b", "next_w", "next_b", "note"];

/** The figure's parts and scales, read once from the pre-rendered page. */
function figureOf(root) {
  const plot = part(root, "plot");
  const [, , width, height] = plot.getAttribute("viewBox").split(" ").map(Number);
  return {
    root, plot, width, height,
    x: scaleFrom(plot, "data-x"),
    y: scaleFrom(plot, "data-y"),
    arrowLength: Number(root.dataset.arrow),
    insetArrowLength: Number(root.dataset.insetArrow),
    zoom: Number(part(root, "inset").dataset.zoom),
    handle: part(root, "point"),
  };
}

export function mount(root, python) {
  const figure = figureOf(root);
  const { handle } = figure;
  const rate = part(root, "lr");
  const start = JSON.parse(part(root, "state").textContent);
  let view = { ...start, gradient: null, next: null };
  let live = false;
  const lr = () => Number(rate.value);

  // Actions run one after another, each from the point the previous one produced, so quick
  // key presses and clicks are never lost. Consecutive drag moves collapse into the newest.
  const calls = new InOrder(python, `${root.id}:point`, (err) => noteFailure(root, err));
  function act(verb, args, collapses = false) {
    const accept = (next) => {
      view = next;
      show(figure, view);
    };
    calls.ask(`gradient-descent.${verb}`, () => args(view), accept, { collapses });
  }

  followPointer(figure, () => live, (w, b) => act("place", () => ({ w, b, lr: lr() }), true));
  handle.addEventListener("keydown", (event) => {
    const move = KEYS[event.key];
    if (!live || !move) return;
    event.preventDefault(); // the arrows move the point, not the page
    const times = event.shiftKey ? 10 : 1;
    act("nudge", (v) => ({ w: v.w, b: v.b, lr: lr(), dw: move[0] * times, db: move[1] * times }));
  });
  part(root, "step").addEventListener("click", () => act("step", (v) => ({ w: v.w, b: v.b, lr: lr() })));
  part(root, "reset").addEventListener("click", () => act("evaluate", () => ({ w: start.w, b: start.b, lr: lr() })));
  rate.addEventListener("change", () => act("evaluate", (v) => ({ w: v.w, b: v.b, lr: lr() })));

  return {
    activate() {
      live = true;
      handle.setAttribute("aria-disabled", "false");
      setLive(root, true, "Live: Python computes the gradient and the step for every point.");
      // A reader may have chosen a learning rate before Python was ready.
      act("evaluate", (v) => ({ w: v.w, b: v.b, lr: lr() }));
    },
    deactivate() {
      live = false;
      handle.setAttribute("aria-disabled", "true");
      setLive(root, false, "This figure is a static picture of its starting state.");
    },
  };
}

/** Click or drag on the plot places the point there: `place(w, b)` with the data under it. */
function followPointer(figure, isLive, place) {
  const { handle, plot, x, y } = figure;
  function placeAt(event) {
    const { w, b } = pointerToData(plot, event, x, y);
    placeHandle(figure, x(w), y(b)); // follow the finger at once; Python's answer then rounds and clamps
    place(w, b);
  }
  part(figure.root, "hit").addEventListener("pointerdown", (event) => {
    if (!isLive()) return;
    placeAt(event);
    handle.focus();
  });
  handle.addEventListener("pointerdown", (event) => {
    if (!isLive()) return;
    handle.setPointerCapture(event.pointerId);
    event.preventDefault(); // no text selection or scrolling while dragging
    handle.focus();
  });
  handle.addEventListener("pointermove", (event) => {
    if (isLive() && handle.hasPointerCapture(event.pointerId)) placeAt(event);
  });
}

function show(figure, view) {
  const { root, handle } = figure;
  for (const role of READOUTS) part(root, role).textContent = view.text[role];
  part(root, "lr-text").textContent = view.text.lr;
  handle.setAttribute("aria-valuenow", String(view.w));
  handle.setAttribute("aria-valuetext", view.text.point);
  draw(figure, view);
}

function draw(figure, view) {
  const { root, x, y, arrowLength } = figure;
  const px = x(view.w);
  const py = y(view.b);
  placeHandle(figure, px, py);
  const [ux, uy] = pageDirection(x, y, view.w, view.b, ...view.gradient);
  drawLine(part(root, "grad"), px, py, px + arrowLength * ux, py + arrowLength * uy);
  const label = part(root, "grad-label");
  attrs(label, { x: px + (arrowLength + 14) * ux, y: py + (arrowLength + 14) * uy + 4 });
  label.style.visibility = view.flat ? "hidden" : "";
  const nx = x(view.next[0]);
  const ny = y(view.next[1]);
  drawLine(part(root, "step-line"), px, py, nx, ny);
  attrs(part(root, "landing"), { cx: nx, cy: ny });
  drawInset(figure, [px, py], [ux, uy], [nx, ny]);
}

/** The inset: the same bands magnified around the point (its centre is (80, 80)). */
function drawInset(figure, [px, py], [ux, uy], [nx, ny]) {
  const { root, zoom, insetArrowLength } = figure;
  part(root, "inset-view").setAttribute("transform",
    `translate(80 80) scale(${zoom}) translate(${(-px).toFixed(2)} ${(-py).toFixed(2)})`);
  drawLine(part(root, "inset-grad"), 80, 80, 80 + insetArrowLength * ux, 80 + insetArrowLength * uy);
  const ix = 80 + zoom * (nx - px);
  const iy = 80 + zoom * (ny - py);
  drawLine(part(root, "inset-step"), 80, 80, ix, iy);
  attrs(part(root, "inset-landing"), { cx: ix, cy: iy });
}

function placeHandle(figure, px, py) {
  // A point that stepped off the map stays visible at its edge (the note says it left).
  const { handle, width, height } = figure;
  const cx = Math.min(Math.max(px, 0), width);
  const cy = Math.min(Math.max(py, 0), height);
  handle.style.left = `${((100 * cx) / width).toFixed(3)}%`;
  handle.style.top = `${((100 * cy) / height).toFixed(3)}%`;
}
