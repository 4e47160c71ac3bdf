// Gradient descent on the loss surface: the reader places a point (click, drag or arrow keys) and
// takes steps, and may step back along them. Python computes every number; this script draws the
// marks and routes the events.

import { noteFailure, part, scaleFrom, setLive } from "./lib/figure.js";
import { InOrder } from "./lib/python-calls.js";
import { attrs, drawLine, pageDirection, pointerToData } from "./lib/surface-plot.js";
import { label } from "../labels.js";

const KEYS = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowDown: [0, -1], ArrowUp: [0, 1] };
const READOUTS = ["w", "b", "loss", "dloss_dw", "dloss_db", "slope", "delta_w", "delta_b", "step_length",
  "next_w", "next_b", "next_loss", "note"];

/** The figure's parts and scales, read once from the pre-rendered page. */
function figureOf(root) {
  const plot = part(root, "plot");
  const [, , width, height] = plot.getAttribute("viewBox").split(" ").map(Number);
  const x = scaleFrom(plot, "data-x");
  return {
    root, plot, width, height, x,
    y: scaleFrom(plot, "data-y"),
    middle: (x.range()[0] + x.range()[1]) / 2, // of the map, across
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
  const back = part(root, "back");
  const start = JSON.parse(part(root, "state").textContent);
  let view = { ...start, gradient: null, next: null };
  let live = false;
  const lr = () => Number(rate.value);
  // Where each step so far started, newest last: "Step back" returns there. Placing or moving
  // the point by hand, or Reset, starts a new path.
  const path = [];
  const showPath = () => { back.disabled = !live || path.length === 0; };

  // Actions run one after another, each from the point the previous one produced, so quick
  // key presses and clicks are never lost. Consecutive drag moves collapse into the newest.
  const calls = new InOrder(python, `${root.id}:point`, (err) => noteFailure(root, err));
  function act(verb, args, { collapses = false, moved = () => path.splice(0) } = {}) {
    const accept = (next) => {
      if (next.w !== view.w || next.b !== view.b) moved(view);
      view = next;
      show(figure, view);
      showPath();
    };
    calls.ask(`gradient-descent.${verb}`, () => args(view), accept, { collapses });
  }
  const here = (v) => ({ w: v.w, b: v.b, lr: lr() });

  followPointer(figure, () => live, (w, b) => act("place", () => ({ w, b, lr: lr() }), { collapses: true }));
  handle.addEventListener("keydown", (event) => {
    const move = KEYS[event.key];
    if (!live || !move) return;
    event.preventDefault(); // the arrows move the point, not the page
    const times = event.shiftKey ? 10 : 1;
    act("nudge", (v) => ({ ...here(v), dw: move[0] * times, db: move[1] * times }));
  });
  wireButtons(root, { act, here, path, start, lr });

  return {
    activate() {
      live = true;
      handle.setAttribute("aria-disabled", "false");
      setLive(root, true, label("live_gradient_descent"));
      showPath();
      // A reader may have chosen a learning rate before Python was ready.
      act("evaluate", here, { moved: () => {} });
    },
    deactivate() {
      live = false;
      handle.setAttribute("aria-disabled", "true");
      showPath();
      setLive(root, false, label("widget_static"));
    },
  };
}

/** Take a step, step back, reset, and a new learning rate: each evaluated from the point shown. */
function wireButtons(root, { act, here, path, start, lr }) {
  const stays = { moved: () => {} }; // the path of steps is kept
  part(root, "step").addEventListener("click", () => act("step", here, { moved: (from) => path.push([from.w, from.b]) }));
  // Where to step back to is read when the call leaves, after every step before it has landed.
  const stepBack = (v) => {
    const [w, b] = path.pop() ?? [v.w, v.b];
    return { w, b, lr: lr() };
  };
  part(root, "back").addEventListener("click", () => act("evaluate", stepBack, stays));
  part(root, "reset").addEventListener("click", () => act("evaluate", () => ({ w: start.w, b: start.b, lr: lr() })));
  part(root, "lr").addEventListener("change", () => act("evaluate", here, stays));
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
  // A point off the map sits on the frame, where drawOffMap's arrow and label say where it went.
  const [hw, hb] = view.point_off_map ? view.point_off_map.edge : [view.w, view.b];
  placeHandle(figure, x(hw), y(hb));
  figure.handle.toggleAttribute("data-off-map", Boolean(view.point_off_map));
  const [ux, uy] = pageDirection(x, y, view.w, view.b, ...view.gradient);
  drawLine(part(root, "grad"), px, py, px + arrowLength * ux, py + arrowLength * uy);
  const label = part(root, "grad-label");
  attrs(label, { x: px + (arrowLength + 14) * ux, y: py + (arrowLength + 14) * uy + 4 });
  label.style.visibility = view.flat ? "hidden" : "";
  const nx = x(view.next[0]);
  const ny = y(view.next[1]);
  drawLine(part(root, "step-line"), px, py, nx, ny);
  attrs(part(root, "landing"), { cx: nx, cy: ny });
  drawOffMap(figure, part(root, "point-off"), view.point_off_map);
  drawOffMap(figure, part(root, "landing-off"), view.landing_off_map);
  drawInset(figure, [px, py], [ux, uy], [nx, ny]);
}

/** A point off the map (Python's off_map, or null): an arrow at the frame pointing out the way the
 * point lies, and its label inside the frame beside it. The template lays out the first state
 * with the same rules. */
function drawOffMap(figure, marker, off) {
  marker.setAttribute("visibility", off ? "visible" : "hidden");
  if (!off) return;
  const ex = figure.x(off.edge[0]);
  const ey = figure.y(off.edge[1]);
  const length = Math.hypot(off.out[0], off.out[1]);
  const [ox, oy] = [off.out[0] / length, -off.out[1] / length]; // b grows upwards, the page down
  const arrow = marker.querySelector("line"); // the point's marker has none: its handle is there
  if (arrow) attrs(arrow, { x1: ex - 18 * ox, y1: ey - 18 * oy, x2: ex, y2: ey });
  const label = marker.querySelector("text");
  const anchor = ox < 0 ? "start" : ox > 0 ? "end" : ex < figure.middle ? "start" : "end";
  attrs(label, { x: ex - 22 * ox, y: ey + 4 - 26 * oy, "text-anchor": anchor });
  label.textContent = off.text;
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
  const { handle, width, height } = figure;
  handle.style.left = `${((100 * px) / width).toFixed(3)}%`;
  handle.style.top = `${((100 * py) / height).toFixed(3)}%`;
}
