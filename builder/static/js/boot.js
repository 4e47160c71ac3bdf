// Classic script, so it runs even where module scripts cannot (a page opened from file://).
// It only tells the reader, in plain words, which parts are live and why not.
(function () {
  "use strict";
  var status = document.getElementById("python-status");
  if (!status) return;
  var text = status.querySelector(".python-status-text");
  if (location.protocol === "file:") {
    status.setAttribute("data-state", "failed");
    text.textContent = "You opened this page as a file, so everything reads fine but the " +
      "interactive figures stay still: browsers do not run Python from file:// pages. " +
      "Serve the folder instead (for example: python3 -m http.server -d site) and open it from there.";
  } else if (typeof WebAssembly !== "object") {
    status.setAttribute("data-state", "failed");
    text.textContent = "This browser has no WebAssembly, so Python cannot run here: the text " +
      "and the starting figures are complete, but the figures will not respond.";
  } else {
    // app.js marks the page as soon as it runs, and module scripts run before DOMContentLoaded:
    // no mark then means it (or a module it imports) did not load. Say so, not "waiting" forever.
    document.addEventListener("DOMContentLoaded", function () {
      if (document.documentElement.hasAttribute("data-app")) return;
      var early = window.backpropEarlyWorker; // start-python.js's worker: no script will use it
      if (early) {
        early.cancelled = true;
        if (early.worker) early.worker.terminate();
      }
      document.documentElement.removeAttribute("data-scripts"); // nothing will unfold the contents
      status.setAttribute("data-state", "failed");
      text.textContent = "The page's script (app.js) did not load, so the figures stay still " +
        "pictures of their starting state; everything else on this page reads as normal. " +
        "Reloading the page may help.";
    });
  }
})();
