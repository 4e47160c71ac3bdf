// Registers the service worker that keeps this build for offline reading (only over http(s);
// a page from file:// or a `serve` preview has none).

export function keepForOffline() {
  if (!("serviceWorker" in navigator) || location.protocol === "file:") return;
  const url = new URL("sw.js", document.baseURI);
  navigator.serviceWorker.register(url, { scope: "./" }).catch(() => {
    // Private windows and some policies refuse service workers; the page works without.
  });
}
