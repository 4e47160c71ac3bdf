// For a page that embeds our widgets: <script src=".../embed/host.js"></script> makes each iframe
// exactly as tall as its widget. It only reads a number from messages sent by its own iframes.
(function () {
  "use strict";
  window.addEventListener("message", function (event) {
    var data = event.data;
    if (!data || data.type !== "backprop-explainer:resize" || typeof data.height !== "number") return;
    var frames = document.getElementsByTagName("iframe");
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === event.source) {
        frames[i].style.height = Math.max(0, Math.min(data.height, 20000)) + "px";
      }
    }
  });
})();
