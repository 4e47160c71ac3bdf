// The page-level Python status line: an ARIA live region with a progress bar.

export function showStatus(state, text, fraction) {
  const status = document.getElementById("python-status");
  if (!status) return;
  status.dataset.state = state;
  status.querySelector(".python-status-text").textContent = text;
  // The bar is hidden by CSS (visibility), not removed, so the line never reflows.
  const bar = status.querySelector("progress");
  if (fraction !== undefined) bar.value = Math.round(fraction * 100);
}
