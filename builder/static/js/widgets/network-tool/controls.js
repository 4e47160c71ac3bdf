// The network tool's settings: data set, learning rate, batch size, hidden layers and neurons,
// the seed, and the page address that keeps them. Every change asks for a new network; Python
// checks the settings and sends back the numbers shown (layer sizes, seed).

import { part } from "../lib/figure.js";
import { label } from "../../labels.js";

const NEW_LAYER_WIDTH = 8; // a new layer copies the last one's width, or this when there is none

export class Controls {
  constructor(root, onChange) {
    this.root = root;
    this.onChange = onChange;
    this.state = null;
    this.enabled = false;
    this.key = root.dataset.addressKey;
    this.written = null; // the address this tool wrote last
    const select = (role, field, parse) => part(root, role).addEventListener("change", (e) => {
      onChange({ [field]: parse(e.target.value) });
    });
    select("dataset", "dataset", String);
    select("lr", "lr", Number);
    select("batch_size", "batch_size", Number);
    part(root, "add-layer").addEventListener("click", () => {
      const hidden = this.hidden();
      onChange({ hidden: [...hidden, hidden.length ? hidden[hidden.length - 1] : NEW_LAYER_WIDTH] });
    });
    part(root, "remove-layer").addEventListener("click", () => onChange({ hidden: this.hidden().slice(0, -1) }));
    part(root, "new-seed").addEventListener("click", () => onChange({}, true));
    part(root, "layer-controls").addEventListener("click", (e) => {
      const button = e.target.closest("button[data-layer]");
      if (!button) return;
      const hidden = this.hidden();
      hidden[Number(button.dataset.layer) - 1] += button.dataset.role === "add-neuron" ? 1 : -1;
      onChange({ hidden });
    });
  }

  hidden() {
    return [...this.settings().hidden];
  }

  /** The settings the page was built with (the directive's), with whatever the selects hold
   *  now: a reader's early choice, or an embed page's address options (?lr=0.003). */
  initialSettings() {
    const built = JSON.parse(this.root.dataset.settings);
    const chosen = (role, parse, fallback) => (part(this.root, role).value ? parse(part(this.root, role).value) : fallback);
    return { ...built, dataset: chosen("dataset", String, built.dataset), lr: chosen("lr", Number, built.lr),
      batch_size: chosen("batch_size", Number, built.batch_size) };
  }

  /** The settings now: Python's latest, or the directive's until Python has sent any. */
  settings() {
    return { ...(this.state ? this.state.settings : this.initialSettings()) };
  }

  /** Show a new full state: the selects, the counts and one +/− pair above each hidden layer. */
  sync(state) {
    this.state = state;
    const s = state.settings;
    part(this.root, "dataset").value = s.dataset;
    part(this.root, "lr").value = String(s.lr);
    part(this.root, "batch_size").value = String(s.batch_size);
    part(this.root, "layer-count").textContent = String(s.hidden.length);
    part(this.root, "seed").textContent = String(s.seed);
    part(this.root, "curve-name").textContent = s.dataset;
    const row = part(this.root, "layer-controls");
    row.replaceChildren(...state.layout.columns.filter((c) => c.kind === "hidden").map((c) => {
      const l = c.layer;
      const group = document.createElement("div");
      group.className = "nt-layer";
      group.setAttribute("role", "group");
      group.setAttribute("aria-label", label("net_column_layer", { layer: l }));
      group.style.left = `${c.x_pct}%`;
      const button = (role, text, label) => {
        const b = document.createElement("button");
        Object.assign(b, { type: "button", textContent: text });
        b.dataset.role = role;
        b.dataset.layer = String(l);
        b.setAttribute("aria-label", label);
        return b;
      };
      const size = document.createElement("output");
      size.dataset.role = "layer-size";
      size.setAttribute("aria-label", label("nt_neurons_in_layer", { layer: l }));
      size.textContent = String(c.size);
      group.append(button("add-neuron", "+", label("add_neuron", { layer: l })), size,
        button("remove-neuron", "−", label("remove_neuron", { layer: l })));
      return group;
    }));
    this.setEnabled(this.enabled);
  }

  /** Settings can change while training (which then stops) but not while stepping through. */
  setEnabled(enabled) {
    this.enabled = enabled;
    const can = this.state ? this.state.can : null;
    for (const role of ["dataset", "lr", "batch_size", "new-seed"]) part(this.root, role).disabled = !enabled;
    part(this.root, "add-layer").disabled = !enabled || !can?.add_layer;
    part(this.root, "remove-layer").disabled = !enabled || !can?.remove_layer;
    for (const b of part(this.root, "layer-controls").querySelectorAll("button")) {
      const l = Number(b.dataset.layer) - 1;
      b.disabled = !enabled || !can || !(b.dataset.role === "add-neuron" ? can.add_neuron[l] : can.remove_neuron[l]);
    }
  }

  // ----- the page address ------------------------------------------------------------------------

  /** Keep the settings in the address (replacing, not adding, a history entry). */
  writeAddress(text) {
    if (!this.key || !text || location.hash === `#${text}`) return;
    this.written = `#${text}`;
    history.replaceState(history.state, "", this.written);
  }

  /** True when the address changed by another hand than ours (typed or pasted by the reader). */
  addressIsNew() {
    return Boolean(this.key) && location.hash !== this.written;
  }
}
