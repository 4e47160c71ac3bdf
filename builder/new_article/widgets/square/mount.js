// The square widget: each move of the slider sends x to Python, which answers with x² as text.

import { noteFailure, part, setLive } from "./lib/figure.js";
import { LatestWins } from "./lib/python-calls.js";

export function mount(root, python) {
  const slider = part(root, "x");
  const show = (answer) => {
    part(root, "x-text").textContent = answer.x_text;
    part(root, "square").textContent = answer.square_text;
  };
  const calls = new LatestWins(python, `${root.id}:square`, show, (err) => noteFailure(root, err));
  const ask = () => calls.ask("square.square", { x: Number(slider.value) });
  slider.addEventListener("input", ask);
  return {
    activate() {
      setLive(root, true, "Live: Python squares x on every move of the slider.");
      ask(); // the slider may have moved, or an embed page's address set it, before Python was ready
    },
    deactivate() {
      setLive(root, false, "This figure shows its starting state only.");
    },
  };
}
