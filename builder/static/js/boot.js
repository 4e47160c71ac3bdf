// Classic script, so it runs even where module scripts cannot (a page opened from file://).
// It only tells the reader, in plain words, which parts are live and why not.
(function () {
  "use strict";
  var status = document.getElementById("python-status");
  if (!status) return;
  var text = status.querySelector(".python-status-text");
  // The interface's words (builder/labels.py); this classic script cannot import labels.js.
  var table = document.getElementById("labels");
  var words = table ? JSON.parse(table.textContent) : {};
  if (location.protocol === "file:") {
    status.setAttribute("data-state", "failed");
    text.textContent = words.status_file_page;
  } else if (typeof WebAssembly !== "object") {
    status.setAttribute("data-state", "failed");
    text.textContent = words.status_no_webassembly;
  } else {
    // app.js marks the page as soon as it runs, and module scripts run before DOMContentLoaded:
    // no mark then means it (or a module it imports) did not load. Say so, not "waiting" forever.
    document.addEventListener("DOMContentLoaded", function () {
      if (document.documentElement.hasAttribute("data-app")) return;
      var early = window.backpropEarlyWorker; // start-python.js's worker: no script will use it
      if (early) {
        early.cancelled = true;
        if (early.worker) early.worker.terminate();
        if (early.shared) { // let go of the shared Python: this page will never use it
          early.shared.port.postMessage({ type: "release" });
          early.shared.port.close();
        }
      }
      document.documentElement.removeAttribute("data-scripts"); // nothing will unfold the contents
      document.documentElement.removeAttribute("data-starting"); // nor draw the sections whole
      status.setAttribute("data-state", "failed");
      text.textContent = words.status_no_app;
    });
  }
})();
