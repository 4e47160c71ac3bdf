// Registers the service worker that keeps this build for offline reading (only over http(s);
// a page from file:// or a `serve` preview has none).

export function keepForOffline(scriptURL) {
  if (!("serviceWorker" in navigator) || location.protocol === "file:") return;
  // The worker sits at the site's root; its folder is its scope (embed pages are inside it).
  // updateViaCache "none": the browser asks the host for sw.js on every check, never the HTTP
  // cache (GitHub Pages lets that keep it ten minutes), so a new build is found at once.
  navigator.serviceWorker.register(scriptURL, {
    scope: new URL("./", scriptURL).href,
    updateViaCache: "none",
  }).catch(() => {
    // Private windows and some policies refuse service workers; the page works without.
  });
}
