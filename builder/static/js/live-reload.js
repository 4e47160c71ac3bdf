// Only in pages built by `serve`: reload when the site is rebuilt, show the error when a rebuild
// fails (the previous page stays usable meanwhile).

export function listen(url) {
  const events = new EventSource(url);
  events.addEventListener("reload", () => location.reload());
  events.addEventListener("build-error", (event) => {
    let banner = document.getElementById("build-error");
    if (!banner) {
      banner = document.createElement("div");
      banner.id = "build-error";
      banner.className = "build-error";
      banner.setAttribute("role", "alert");
      document.body.prepend(banner);
    }
    banner.textContent = `The last rebuild failed, so this page is the previous build: ${JSON.parse(event.data)}`;
  });
}
