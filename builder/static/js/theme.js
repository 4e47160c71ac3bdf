// Runs in <head> before the first paint (a classic, blocking, tiny script), so a reader who chose
// a theme never sees the other one flash. The toggle itself is wired up in app.js.
(function () {
  "use strict";
  try {
    var chosen = localStorage.getItem("theme");
    if (chosen === "dark" || chosen === "light") document.documentElement.dataset.theme = chosen;
  } catch (err) { /* storage may be blocked (file://, privacy settings): follow the system */ }
})();
