// The page-level Python status line: an ARIA live region with a progress bar.

export function showStatus(state, text, fraction) {
  const status = document.getElementById("python-status");
  if (!status) return;
  status.dataset.state = state;
  status.querySelector(".python-status-text").textContent = text;
  const bar = status.querySelector("progress");
  if (fraction !== undefined) bar.value = Math.round(fraction * 100);
  // Once every figure is live the line has nothing left to say: it steps out of sight (CSS,
  // [data-quiet]) but stays in the page, so a screen reader still hears that the figures are
  // live and data-state still says "ready". While any figure could not load it stays in view.
  const everyFigureLive = state === "ready" && !document.querySelector("[data-widget][data-failed]");
  status.toggleAttribute("data-quiet", everyFigureLive);
}
