// Classic and tiny, in <head>: starts Python's worker as the page begins, before the page's ES
// modules have even loaded (on this 2-core machine that saves about a second); the worker's own
// work runs beside the page's first paint, on the other core. An embed page starts it in its first
// frame instead (see below).
// python-client.js adopts the worker and replays what it has said so far. An embed page that can
// share the site's one Python (shared-python.js) connects to it here instead.
(function () {
  "use strict";
  if (location.protocol === "file:" || typeof WebAssembly !== "object" || typeof Worker !== "function") return;
  var config;
  try {
    config = JSON.parse(document.getElementById("runtime-config").textContent);
  } catch (err) {
    return; // app.js reports a broken page; nothing to start here
  }
  // While Python starts, the article's sections out of sight wait to be drawn (<html
  // data-starting>: article.css, sections.js ends it): laying the whole article out as it
  // arrived took 0.3 s and more of one of the two cores Python's start needs. Only on a fresh
  // visit at the top: a link to a place in the page, or a reload or a step back that restores
  // the reader's place, needs the true heights of the sections above it at once. (An embed
  // page, which shares its Python, shows one figure: nothing waits there.)
  var arrival = performance.getEntriesByType ? performance.getEntriesByType("navigation")[0] : null;
  if (!config.sharedWorker && !location.hash && (!arrival || arrival.type === "navigate")) {
    document.documentElement.setAttribute("data-starting", "");
  }
  var share = Boolean(config.sharedWorker && typeof SharedWorker === "function" && navigator.locks);
  // worker: a dedicated Worker; shared: a SharedWorker, whose port says what worker would.
  var early = { worker: null, shared: null, messages: [], errors: [], adopted: false, cancelled: false };
  window.backpropEarlyWorker = early;

  function start() {
    if (early.cancelled) return; // the page's own client started first
    var base = document.baseURI;
    var init = { type: "init", pyodide: new URL(config.pyodide, base).href,
                 backprop: new URL(config.backprop, base).href,
                 backpropSource: config.backpropSource && new URL(config.backpropSource, base).href,
                 snapshot: config.snapshot && new URL(config.snapshot, base).href };
    var speaker; // what posts and receives the messages
    try {
      if (share) {
        early.shared = new SharedWorker(new URL(config.sharedWorker, base).href,
                                        { type: "module", name: "backprop-python" });
        speaker = early.shared.port;
        speaker.start();
      } else {
        // Told how to start in its own address too (worker.mjs says why), not only by the message.
        speaker = early.worker = new Worker(new URL(config.worker, base).href + "#init=" +
                                            encodeURIComponent(JSON.stringify(init)), { type: "module" });
      }
    } catch (err) {
      return; // the client will try again and report why it cannot
    }
    speaker.addEventListener("message", function (event) {
      if (!early.adopted) early.messages.push(event.data);
    });
    (early.shared || early.worker).addEventListener("error", function (event) {
      if (!early.adopted) early.errors.push(event.message || "the Python worker could not be loaded");
    });
    speaker.postMessage(init);
  }
  // An embed page waits for its first frame: a frame out of view runs none, so it starts no
  // Python until the reader scrolls to it; the article page starts at once. One frame, not two:
  // the frames of a course page are drawn together, so a second waited for the first layout of
  // every frame on it (three embeds: Python started 0.1 s later than under one).
  if (config.sharedWorker) requestAnimationFrame(start);
  else start();
})();
