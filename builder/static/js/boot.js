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
  }
})();
