// Sections out of sight are left undrawn (content-visibility: auto, article.css), so that a figure
// redrawing every frame costs the browser one or two sections, not the whole article.
//
// A skipped section takes the height it last had when drawn; one never drawn would take a guess,
// and a contents link followed across guesses lands in the wrong place as the sections it passes
// are drawn at their true heights. So every section is drawn once, with the page's own fonts,
// before any is skipped, and again after the width changes (heights change with it). And a section
// becomes skippable only while it is out of sight: one on screen that became skippable would be
// left undrawn for a frame, a flash the reader sees and the browser counts as a layout shift.

const MARGIN = "100% 0px"; // a screen above and below: far enough that nothing is seen to change

export function skipSectionsOutOfSight() {
  const sections = document.querySelectorAll(".article > .section");
  if (!sections.length || typeof IntersectionObserver !== "function") return;
  const watcher = new IntersectionObserver((entries) => {
    for (const { target, isIntersecting } of entries) {
      if (isIntersecting) continue;
      target.dataset.skip = ""; // article.css: content-visibility: auto
      watcher.unobserve(target);
    }
  }, { rootMargin: MARGIN });
  // Two frames: the browser records a section's height as it draws it.
  const afterTwoFrames = (then) => requestAnimationFrame(() => requestAnimationFrame(then));
  const watchAll = () => afterTwoFrames(() => { for (const section of sections) watcher.observe(section); });
  document.fonts.ready.then(watchAll, watchAll);
  let width = window.innerWidth;
  window.addEventListener("resize", () => {
    if (window.innerWidth === width) return; // a phone's toolbar moving: the heights stand
    width = window.innerWidth;
    watcher.disconnect();
    for (const section of sections) delete section.dataset.skip;
    watchAll();
  });
}
