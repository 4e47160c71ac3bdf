// The square widget: each move of the slider sends x to Python, which answers with x² as text.

import { noteFailure, part, setLive } from "./lib/figure.js";
import { LatestWins } from "./lib/python-calls.js";

export function mount(root, python) {
  const slider = part(root, "x");
  const show = (answer) => {
    part(root, "x-text").textContent = answer.x_text;
    part(root, "square").textContent = answer.square_text;
  };
  // The build drew the figure at the slider's starting value: Python's answer is already shown.
  const calls = new LatestWins(python, `${root.id}:square`, show, (err) => noteFailure(root, err),
    ["square.square", { x: Number(slider.defaultValue) }]);
  const now = () => ({ x: Number(slider.value) });
  slider.addEventListener("input", () => calls.ask("square.square", now()));
  return {
    activate() {
      setLive(root, true, "Live: Python squares x on every move of the slider.");
      // Asks only if the slider moved, or an embed page's address set it, before Python was ready.
      calls.refresh("square.square", now());
    },
    deactivate() {
      setLive(root, false, "This figure shows its starting state only.");
    },
  };
}
