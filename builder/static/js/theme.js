// Runs in <head> before the first paint (a classic, blocking, tiny script), so a reader who chose
// a theme never sees the other one flash. The toggle itself is wired up in app.js.
// It also marks the page as one where our scripts will run (data-scripts), so the parts they make
// interactive, like the contents folding behind a button on a narrow screen, start folded. From
// file:// module scripts do not run (the single file runs its own), so there the mark stays off;
// boot.js takes it off again if app.js does not load.
(function () {
  "use strict";
  var root = document.documentElement;
  if (location.protocol !== "file:" || root.hasAttribute("data-single-file")) {
    root.setAttribute("data-scripts", "");
  }
  try {
    var chosen = localStorage.getItem("theme");
    if (chosen === "dark" || chosen === "light") document.documentElement.dataset.theme = chosen;
  } catch (err) { /* storage may be blocked (file://, privacy settings): follow the system */ }
})();
