// Getting started: two sliders drive one neuron; Python computes the loss and line on every input.

import { noteFailure, part, scaleFrom, setLive } from "./lib/figure.js";
import { LatestWins } from "./lib/python-calls.js";
import { label } from "../labels.js";

export function mount(root, python) {
  const plot = part(root, "plot");
  const x = scaleFrom(plot, "data-x");
  const y = scaleFrom(plot, "data-y");
  const sliders = { w: part(root, "w"), b: part(root, "b") };
  const reveal = part(root, "reveal");

  const readouts = { w: "w-text", b: "b-text", loss: "loss-text", equation: "equation" };

  function show(state) {
    for (const [key, role] of Object.entries(readouts)) part(root, role).textContent = state.text[key];
    const [[x1, y1], [x2, y2]] = state.line;
    const line = part(root, "line");
    line.setAttribute("x1", x(x1).toFixed(2));
    line.setAttribute("y1", y(y1).toFixed(2));
    line.setAttribute("x2", x(x2).toFixed(2));
    line.setAttribute("y2", y(y2).toFixed(2));
  }

  // The build drew the figure at the sliders' own starting values.
  const at = (value) => ({ w: Number(sliders.w[value]), b: Number(sliders.b[value]) });
  const calls = new LatestWins(python, `${root.id}:evaluate`, show, (err) => noteFailure(root, err),
    ["manual-tuning.evaluate", at("defaultValue")]);
  function update() {
    calls.ask("manual-tuning.evaluate", at("value"));
  }

  sliders.w.addEventListener("input", update);
  sliders.b.addEventListener("input", update);
  reveal.disabled = false; // showing the plot needs no Python
  // A button that shows or hides says what it will do next ("Show the plot", then "Hide the
  // plot"), with no aria-pressed: a pressed "Show" would contradict its own name.
  reveal.addEventListener("click", () => {
    const shown = plot.dataset.hidden === "true";
    plot.dataset.hidden = String(!shown);
    reveal.textContent = label(shown ? "hide_plot" : "show_plot");
  });

  return {
    activate() {
      setLive(root, true, label("live_manual_tuning"));
      calls.refresh("manual-tuning.evaluate", at("value")); // a slider may have moved meanwhile
    },
    deactivate() {
      setLive(root, false, label("widget_static"));
    },
  };
}
