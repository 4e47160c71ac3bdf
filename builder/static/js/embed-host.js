// For a page that embeds our widgets: <script src=".../embed/host.js"></script> makes each iframe
// exactly as tall as its widget. It only reads a number, and only from our own embed pages: the
// message must come from the window of an iframe whose address is a page in this script's folder,
// so another frame on the course page cannot resize itself or anything else.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !script.src) return; // loaded in a way that hides where it is from: do nothing
  var folder = new URL(".", script.src);
  var EMBED_PAGE = /^[a-z0-9][a-z0-9-]*\.html$/; // embed/<widget>.html, embed/<widget>-<digest>.html

  function isEmbedPage(address) {
    var url;
    try {
      url = new URL(address, document.baseURI);
    } catch (err) {
      return false;
    }
    var path = url.pathname;
    return url.origin === folder.origin && path.indexOf(folder.pathname) === 0 &&
      EMBED_PAGE.test(path.slice(folder.pathname.length));
  }

  window.addEventListener("message", function (event) {
    var data = event.data;
    if (!data || data.type !== "backprop-explainer:resize" || typeof data.height !== "number" ||
        !isFinite(data.height)) return;
    if (event.origin !== folder.origin) return;
    var frames = document.getElementsByTagName("iframe");
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === event.source && isEmbedPage(frames[i].src)) {
        frames[i].style.height = Math.max(0, Math.min(data.height, 20000)) + "px";
      }
    }
  });
})();
