// Drawing helpers for the figures on the loss surface (gradient descent, linear training).
// Positions only: every number shown as text comes from Python.

/** Set several attributes at once; numbers are written with two decimals (enough for SVG). */
export function attrs(element, values) {
  for (const [name, value] of Object.entries(values)) {
    element.setAttribute(name, typeof value === "number" ? value.toFixed(2) : value);
  }
}

/** The data point (w, b) under a pointer event, through the figure's own scales. */
export function pointerToData(svg, event, x, y) {
  const point = new DOMPoint(event.clientX, event.clientY).matrixTransform(svg.getScreenCTM().inverse());
  return { w: x.invert(point.x), b: y.invert(point.y) };
}

/** The unit vector, on the page, of the data-space vector (dw, db) at (w, b); [0, 0] if it is zero. */
export function pageDirection(x, y, w, b, dw, db) {
  const dx = x(w + dw) - x(w);
  const dy = y(b + db) - y(b);
  const length = Math.hypot(dx, dy);
  return length > 0 ? [dx / length, dy / length] : [0, 0];
}

/** Draw a <line> from (x1, y1) to (x2, y2), or hide it when it would be a dot. */
export function drawLine(line, x1, y1, x2, y2) {
  attrs(line, { x1, y1, x2, y2 });
  line.style.visibility = Math.hypot(x2 - x1, y2 - y1) > 0.01 ? "" : "hidden";
}

/** Polyline path data for a list of page points [[x, y], ...]. */
export function polyline(points) {
  return points.length ? `M${points.map(([px, py]) => `${px.toFixed(2)},${py.toFixed(2)}`).join("L")}` : "";
}
