// Reading a widget's pre-rendered figure: its parts by role, the scales the builder wrote into it,
// and the note that says whether it is live.

import { label } from "../../labels.js";

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

/** Say in the figure's live note that Python could not answer (the figure keeps what it shows). */
export function noteFailure(root, err) {
  part(root, "live-note").textContent = label("python_could_not_compute", { error: err.message });
}
