// Sections out of sight are left undrawn (content-visibility: auto, article.css), so that a figure
// redrawing every frame costs the browser one or two sections, not the whole article. A skipped
// section takes the height it last had when drawn; one never drawn would take a guess, and a
// contents link followed across guesses lands in the wrong place as the sections it passes are
// drawn at their true heights. So the sections are all drawn once, with the page's own fonts,
// before skipping is turned on; and again after the width changes, as the heights change with it.

const SKIPPING = "skipSections"; // <html data-skip-sections>: article.css skips sections then

export function skipSectionsOutOfSight() {
  const root = document.documentElement;
  if (!document.querySelector(".article > .section")) return;
  let width = window.innerWidth;
  // Two frames: the browser records a section's height while it renders one.
  const afterTwoFrames = (then) => requestAnimationFrame(() => requestAnimationFrame(then));
  const turnOn = () => afterTwoFrames(() => { root.dataset[SKIPPING] = ""; });
  document.fonts.ready.then(turnOn, turnOn);
  window.addEventListener("resize", () => {
    if (window.innerWidth === width) return; // a phone's toolbar moving: the heights stand
    width = window.innerWidth;
    delete root.dataset[SKIPPING];
    turnOn();
  });
}
