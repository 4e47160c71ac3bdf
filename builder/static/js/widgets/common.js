// Small helpers shared by the widget scripts: scales from data attributes, live state, errors.

import { Superseded } from "../python-client.js";

/** The d3 linear scale whose numbers the builder wrote into `data-x` / `data-y`. */
export function scaleFrom(element, attribute) {
  const [d0, d1, r0, r1] = element.getAttribute(attribute).split(" ").map(Number);
  return d3.scaleLinear().domain([d0, d1]).range([r0, r1]);
}

export function part(root, role) {
  return root.querySelector(`[data-role="${role}"]`);
}

/** Enable or disable the controls that need Python (`data-needs-python`) and say so. */
export function setLive(root, live, note) {
  root.dataset.live = String(live);
  for (const control of root.querySelectorAll("[data-needs-python]")) control.disabled = !live;
  const liveNote = part(root, "live-note");
  if (liveNote) liveNote.textContent = note;
}

/** Run a Python call, ignoring answers made obsolete by newer ones. */
export async function latest(promise, onResult, onError) {
  try {
    onResult(await promise);
  } catch (err) {
    if (!(err instanceof Superseded)) onError(err);
  }
}

const reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)");
const STEP_MS = 500; // with reduced motion, a running figure changes at most twice a second

/**
 * Returns request(): draw on the next animation frame, at most once per frame. A reader who asked
 * for reduced motion sees training as a sequence of still steps instead of a flowing animation.
 */
export function drawScheduler(draw) {
  let requested = false;
  let last = -Infinity;
  return function request() {
    if (requested) return;
    requested = true;
    const wait = reducedMotion.matches ? Math.max(0, last + STEP_MS - performance.now()) : 0;
    const frame = () => requestAnimationFrame(() => {
      requested = false;
      last = performance.now();
      draw();
    });
    if (wait > 0) setTimeout(frame, wait); else frame();
  };
}
