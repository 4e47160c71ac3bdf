// The signal on its way through the step-through: in a forward phase a pulse runs along the
// active layer's links from the layer before to the active layer, in a backward phase it runs back,
// each once (a CSS animation, network-tool.css), so every phase ends as a still figure. Only links
// that carry something pulse: forward, those leaving a neuron that is on (an off ReLU passes on 0);
// backward, those into a neuron that is on (∂loss/∂z = 0 stops there). With reduced motion there
// are no pulses; the update phase's widths and colours move by CSS transitions, off as well then.

const SVG = "http://www.w3.org/2000/svg";
const reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)");

function pulse(d, back) {
  const path = document.createElementNS(SVG, "path");
  path.setAttribute("class", back ? "nt-pulse nt-back" : "nt-pulse");
  path.setAttribute("d", d);
  path.setAttribute("pathLength", "100"); // every link as long as the dash pattern expects
  return path;
}

export class Signal {
  /** Give a (re)built drawing its group of pulses, above the links. */
  attach(svg) {
    this.group = document.createElementNS(SVG, "g");
    this.group.setAttribute("class", "nt-pulses");
    this.group.setAttribute("aria-hidden", "true");
    svg.querySelector(".nt-links").after(this.group);
  }

  clear() {
    this.group.replaceChildren();
  }

  /** The pulses of one phase (steps.py: `active` names the layer of links, or "loss"). */
  show(layout, record, phase, lossLink) {
    this.clear();
    if (reducedMotion.matches || phase.active === null || phase.active === "all") return;
    const back = phase.kind === "backward";
    if (phase.active === "loss") {
      this.group.append(pulse(lossLink.getAttribute("d"), back));
      return;
    }
    const first = [0]; // index in layout.neurons of each layer's first neuron
    for (const size of layout.sizes) first.push(first[first.length - 1] + size);
    const off = record.neurons.off;
    const carries = (link) => (back ? !off[first[link.layer + 1] + link.j] : !off[first[link.layer] + link.k]);
    this.group.append(...layout.links.filter((link) => link.layer === phase.active && carries(link))
      .map((link) => pulse(link.d, back)));
  }
}
