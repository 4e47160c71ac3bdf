// The page-level Python status line: an ARIA live region with a progress bar.

export function showStatus(state, text, fraction) {
  const status = document.getElementById("python-status");
  if (!status) return;
  status.dataset.state = state;
  status.querySelector(".python-status-text").textContent = text;
  const bar = status.querySelector("progress");
  bar.hidden = state !== "loading";
  if (fraction !== undefined) bar.value = Math.round(fraction * 100);
}
