// Sections out of sight are left undrawn while a figure redraws every frame (content-visibility:
// auto, article.css), so that each frame costs the browser one or two sections, not the whole
// article. The rest of the time every section stays drawn: nothing is saved then, and a page
// drawn whole is what a full-page screenshot or a search of the page expects.
//
// A skipped section takes the height it last had when drawn; one never drawn would take a guess,
// and a contents link followed across guesses lands in the wrong place as the sections it passes
// are drawn at their true heights. So every section is drawn once, with the page's own fonts,
// before any may be skipped, and again after the width changes (heights change with it). And a
// section becomes skippable only while it is out of sight: one on screen that became skippable
// would be left undrawn for a frame, a flash the reader sees and the browser counts as a layout
// shift. While Python starts, sections out of sight are skipped anyway (below).

const MARGIN = "100% 0px"; // a screen above and below: far enough that nothing is seen to change
const QUIET_MS = 1000; // this long without a redraw, and the figures are still again

export function skipSectionsOutOfSight(startUpOver) {
  const sections = document.querySelectorAll(".article > .section");
  const drawnWhole = drawWholeAfter(startUpOver);
  if (!sections.length || typeof IntersectionObserver !== "function") return;
  const watcher = new IntersectionObserver((entries) => {
    for (const { target, isIntersecting } of entries) {
      if (isIntersecting) continue;
      target.dataset.skip = ""; // skippable; article.css skips it while a figure redraws
      watcher.unobserve(target);
    }
  }, { rootMargin: MARGIN });
  // Two frames: the browser records a section's height as it draws it.
  const afterTwoFrames = (then) => requestAnimationFrame(() => requestAnimationFrame(then));
  const watchAll = () => afterTwoFrames(() => { for (const section of sections) watcher.observe(section); });
  const fontsLoaded = document.fonts.ready.catch(() => {});
  Promise.all([fontsLoaded, drawnWhole]).then(watchAll);
  let width = window.innerWidth;
  window.addEventListener("resize", () => {
    if (window.innerWidth === width) return; // a phone's toolbar moving: the heights stand
    width = window.innerWidth;
    watcher.disconnect();
    for (const section of sections) delete section.dataset.skip;
    drawnWhole.then(watchAll);
  });
}

// While Python starts, start-python.js has the sections out of sight left undrawn (<html
// data-starting>, article.css). A second after `startUpOver` (the figures' first answers are in,
// or Python failed), so as not to hold up a reader's first key presses, they are drawn one at a
// time in moments the page is idle: each took the main thread 60-95 ms, all at once 0.5-0.8 s.
// Where their true heights matter they are all drawn at once: before the browser follows a link
// to a place in the page or goes to its end (the End key), and before it prints. Resolves once
// every section is drawn.
const AFTER_START_UP_MS = 1000;
const START_UP_AT_MOST_MS = 10000; // a Python that never settles does not keep them undrawn

function drawWholeAfter(startUpOver) {
  const root = document.documentElement;
  if (!root.hasAttribute("data-starting")) return Promise.resolve();
  const sections = [...document.querySelectorAll(".article > .section")];
  return new Promise((drawn) => {
    let done = false;
    const drawAll = () => {
      if (done) return;
      done = true;
      root.removeAttribute("data-starting");
      for (const section of sections) delete section.dataset.drawn;
      drawn();
    };
    const drawNext = () => {
      const next = sections.find((section) => !("drawn" in section.dataset));
      if (done || !next) return drawAll();
      next.dataset.drawn = ""; // article.css no longer skips it
      next.getBoundingClientRect(); // lays it out now, in this idle moment
      whenIdle(drawNext);
    };
    document.addEventListener("click", (event) => {
      if (event.target.closest?.("a[href^='#']")) drawAll();
    }, { capture: true });
    document.addEventListener("keydown", (event) => {
      if (event.key === "End") drawAll(); // the page's true end, not the end of guesses
    }, { capture: true });
    window.addEventListener("hashchange", drawAll);
    window.addEventListener("beforeprint", drawAll);
    const atMost = new Promise((over) => setTimeout(over, START_UP_AT_MOST_MS));
    Promise.race([startUpOver, atMost]).then(() => setTimeout(() => whenIdle(drawNext), AFTER_START_UP_MS));
  });
}

function whenIdle(then) {
  if (typeof requestIdleCallback === "function") requestIdleCallback(then, { timeout: 1000 });
  else setTimeout(then, 50);
}

// A figure that draws now and then (a button's one step) changes nothing here: only one that has
// drawn SUSTAINED pictures without a pause of QUIET_MS is playing, and then the page is marked
// <html data-redrawing> until it has been still for QUIET_MS. Every section is drawn again then,
// which costs one long frame, once per play rather than once per click.
const SUSTAINED = 30; // pictures: half a second of a figure drawing every frame
let quiet = 0;
let drawn = 0;

/** A figure drew a new picture (widgets/lib/play-loop.js). */
export function noteRedraw() {
  const root = document.documentElement;
  drawn += 1;
  if (drawn === SUSTAINED) root.dataset.redrawing = "";
  clearTimeout(quiet);
  quiet = setTimeout(() => {
    drawn = 0;
    delete root.dataset.redrawing;
  }, QUIET_MS);
}
