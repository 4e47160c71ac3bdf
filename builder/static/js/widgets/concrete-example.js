// A concrete example: five number fields drive one forward pass, one backward pass and one update.
// Python (concrete-example.evaluate) computes and formats every number; this script only routes
// the fields' values to it and writes the returned text into the page.

import { noteFailure, part, setLive } from "./lib/figure.js";
import { LatestWins } from "./lib/python-calls.js";
import { label } from "../labels.js";

export function mount(root, python) {
  const fields = [...root.querySelectorAll('[data-role="input"]')];
  const texts = [...root.querySelectorAll("[data-text]")];
  const relations = [...root.querySelectorAll("[data-rel]")];

  function show(state) {
    for (const element of texts) element.textContent = state.text[element.dataset.text];
    for (const element of relations) element.textContent = state.rel[element.dataset.rel];
  }

  // A field half typed ("-", "", "1e") or outside its range is marked and not sent: the figure
  // keeps showing the last complete example rather than guessing.
  function readFields() {
    const args = {};
    let complete = true;
    for (const field of fields) {
      const { badInput, valueMissing, rangeUnderflow, rangeOverflow } = field.validity;
      const bad = badInput || valueMissing || rangeUnderflow || rangeOverflow || field.value === "";
      field.setAttribute("aria-invalid", String(bad));
      if (bad) complete = false;
      else args[field.dataset.name] = field.valueAsNumber;
    }
    return complete ? args : null;
  }

  // The build drew the example from the fields' own starting values.
  const built = Object.fromEntries(fields.map((field) => [field.dataset.name, Number(field.defaultValue)]));
  const calls = new LatestWins(python, `${root.id}:evaluate`, show, (err) => noteFailure(root, err),
    ["concrete-example.evaluate", built]);
  function update() {
    const args = readFields();
    if (args) calls.ask("concrete-example.evaluate", args);
  }

  for (const field of fields) field.addEventListener("input", update);

  part(root, "reset").addEventListener("click", () => {
    for (const field of fields) field.value = field.defaultValue; // the value the page was built with
    update();
  });

  wireDescriptionToggles(root);

  return {
    activate() {
      setLive(root, true, label("live_concrete_example"));
      // Asks only if the browser restored other values into the fields than the build's.
      const args = readFields();
      if (args) calls.refresh("concrete-example.evaluate", args);
    },
    deactivate() {
      setLive(root, false, label("widget_static_example"));
    },
  };
}

// Each toggle says what it will do next, as every show/hide button on the page does: "Describe
// the forward graph", then "Hide the descriptions of the forward graph" (no aria-pressed).
// Showing text needs no Python, so the toggles work as soon as this script runs.
function wireDescriptionToggles(root) {
  for (const toggle of root.querySelectorAll('[data-role="describe"]')) {
    const graph = root.querySelector(`#${CSS.escape(toggle.getAttribute("aria-controls"))}`);
    const name = toggle.dataset.graph;
    toggle.disabled = false;
    toggle.addEventListener("click", () => {
      const shown = graph.dataset.descriptions !== "true";
      graph.dataset.descriptions = String(shown);
      toggle.textContent = label(shown ? "hide_descriptions" : "describe_graph", { graph: label(name) });
    });
  }
}
