// Playing a figure: a loop of steps (each one call to Python), and drawing at most once per
// animation frame. A reader who asked for reduced motion sees a playing figure as a sequence of
// still pictures, at most two a second, instead of a flowing animation.

import { noteRedraw } from "../../sections.js";

const reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)");
const STILL_STEP_MS = 500; // with reduced motion, a playing figure changes at most twice a second

/** Returns request(): draw on the next animation frame, at most once per frame (see above). */
export function drawScheduler(draw) {
  let requested = false;
  let last = -Infinity;
  return function request() {
    if (requested) return;
    requested = true;
    const wait = reducedMotion.matches ? Math.max(0, last + STILL_STEP_MS - performance.now()) : 0;
    const frame = () => requestAnimationFrame(() => {
      requested = false;
      last = performance.now();
      noteRedraw(); // far sections are skipped while figures redraw (sections.js)
      draw();
    });
    if (wait > 0) setTimeout(frame, wait); else frame();
  };
}

function nextFrame() {
  return new Promise((resolve) => requestAnimationFrame(resolve));
}

function pause(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Resolves at once in a visible tab; otherwise once the reader comes back to it. */
function visible() {
  if (!document.hidden) return Promise.resolve();
  return new Promise((resolve) => document.addEventListener("visibilitychange", resolve, { once: true }));
}

/**
 * Runs `step(now)` again and again while playing, one at a time: a step may return a promise (its
 * call to Python), and the next starts only once it has settled, so calls never pile up. Steps
 * start on animation frames (`onFrames`: a step may have nothing to do in some frames) or at most
 * one per `spacingMs()` (0: back to back). Nothing runs in a hidden tab, so no training happens
 * behind the reader's back; it resumes when the tab is visible again.
 *
 * A slideshow differs from training in two ways, each an option. `waitFirst`: the first step
 * comes one spacing after start(), as the picture showing is a slide to see too, and starting
 * again (a replay) starts that wait again. `stills`: each step changes the picture by itself
 * (it draws at once, not through drawScheduler), so with reduced motion steps come at most one
 * per STILL_STEP_MS, as drawScheduler's pictures do.
 */
export class PlayLoop {
  constructor(step, { onFrames = false, spacingMs = () => 0, waitFirst = false, stills = false } = {}) {
    this.step = step;
    this.onFrames = onFrames;
    this.spacingMs = spacingMs;
    this.waitFirst = waitFirst;
    this.stills = stills;
    this.playing = false;
    this.running = false; // a pass of the loop is under way (it may outlive a quick stop-start)
    this.dueAt = 0; // when the next step may start (performance.now() time)
  }

  spacing() {
    const still = this.stills && reducedMotion.matches ? STILL_STEP_MS : 0;
    return Math.max(this.spacingMs(), still);
  }

  start() {
    this.playing = true;
    this.dueAt = performance.now() + (this.waitFirst ? this.spacing() : 0);
    if (!this.running) this.run();
  }

  stop() {
    this.playing = false;
  }

  async run() {
    this.running = true;
    while (this.playing) {
      // Rest until the next step is due; a start() meanwhile may have put it later.
      for (let rest; this.playing && (rest = this.dueAt - performance.now()) > 0;) await pause(rest);
      await visible();
      if (this.onFrames) await nextFrame();
      if (!this.playing) break;
      const began = performance.now();
      try {
        await this.step(began);
      } catch (bug) { // a step reports Python's failures itself: this is a bug of the page
        this.playing = false;
        reportError(bug);
      }
      this.dueAt = Math.max(this.dueAt, began + this.spacing());
    }
    this.running = false;
  }
}
