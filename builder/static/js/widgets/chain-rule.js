// The chain rule: a slider feeds three linear neurons. Python computes and formats every number from
// (x, seed); this script only keeps those two, asks, and writes the answer's texts into the page.

import { noteFailure, part, setLive } from "./lib/figure.js";
import { LatestWins } from "./lib/python-calls.js";
import { label } from "../labels.js";

export function mount(root, python) {
  const slider = part(root, "x");
  // null: the article's starting neurons. The k-th press of "New weights and biases" asks for
  // draw k, so a reader (or a teacher) can get the same neurons again by pressing the same number
  // of times.
  let seed = null;
  let draws = 0;

  function show(state) {
    for (const [key, text] of Object.entries(state.text)) {
      for (const element of root.querySelectorAll(`[data-text="${key}"]`)) element.textContent = text;
    }
  }

  // One channel for every change: the newest request carries both the current x and the current
  // seed, so whatever answer arrives last shows both.
  // The build drew the figure with the starting neurons at the slider's own starting x.
  const calls = new LatestWins(python, `${root.id}:evaluate`, show, (err) => noteFailure(root, err),
    ["chain-rule.evaluate", { x: Number(slider.defaultValue), seed: null }]);
  const now = () => ({ x: Number(slider.value), seed });
  function update() {
    calls.ask("chain-rule.evaluate", now());
  }

  slider.addEventListener("input", update);
  part(root, "new").addEventListener("click", () => {
    draws += 1;
    seed = draws;
    update();
  });
  part(root, "reset").addEventListener("click", () => {
    seed = null;
    update();
  });

  return {
    activate() {
      setLive(root, true, label("live_chain_rule"));
      // The slider may have been moved (or restored by the browser) before Python was ready.
      calls.refresh("chain-rule.evaluate", now());
    },
    deactivate() {
      setLive(root, false, label("widget_static"));
    },
  };
}
