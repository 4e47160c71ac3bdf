// The table of contents follows the reader: the section in view is marked (aria-current) and the
// address bar's #anchor follows along, without adding a history entry per scroll.

// On a narrow screen the contents fold behind a button (a disclosure: aria-expanded), so the first
// screen shows the article's opening; the stylesheet folds them from the first paint on.

// The contents are a convenience: nothing in them may stop the rest of the page (app.js mounts the
// widgets after this), so a failure is reported and the page goes on.
export function followSections() {
  try {
    foldOnNarrowScreens();
    follow();
  } catch (error) {
    console.error("The contents cannot follow the sections:", error);
  }
}

function foldOnNarrowScreens() {
  const button = document.querySelector(".toc-toggle");
  const list = button && document.getElementById(button.getAttribute("aria-controls"));
  if (!list) return;
  const setOpen = (open) => button.setAttribute("aria-expanded", String(open));
  button.addEventListener("click", () => setOpen(button.getAttribute("aria-expanded") !== "true"));
  // The button shows only on a narrow screen (CSS); there a chosen link folds the list before the
  // browser scrolls, so the section lands at the top, and Escape folds it back to the button.
  const folding = () => getComputedStyle(button).display !== "none";
  list.addEventListener("click", (event) => {
    if (folding() && event.target.closest("a")) setOpen(false);
  });
  list.addEventListener("keydown", (event) => {
    if (folding() && event.key === "Escape") {
      setOpen(false);
      button.focus();
    }
  });
}

// The id a contents link leads to. The build only writes ids that are safe in an address, but a
// "%" not followed by two hex digits made decodeURIComponent throw, which stopped every widget.
function targetId(link) {
  const raw = link.hash.slice(1);
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

function follow() {
  const links = new Map();
  for (const link of document.querySelectorAll(".toc a[href^='#']")) {
    links.set(targetId(link), link);
  }
  const headings = [...links.keys()].map((id) => document.getElementById(id)).filter(Boolean);
  if (!headings.length) return;

  let current = null;
  function mark(id) {
    if (id === current) return;
    if (current) links.get(current)?.removeAttribute("aria-current");
    current = id;
    links.get(id)?.setAttribute("aria-current", "true");
    // Only once the reader has scrolled (landing must not invent an anchor), and never over a
    // widget's state in the address ("#tool=..."), which a shared link must keep.
    const holdsState = location.hash.includes("=");
    if (window.scrollY > 0 && !holdsState && location.hash !== `#${id}`) {
      history.replaceState(history.state, "", `#${id}`);
    }
  }

  // The current section is the last heading above a line 30% down the viewport; at the very
  // bottom of the page it is the last one, however short that section is.
  function update() {
    scheduled = false;
    const line = window.innerHeight * 0.3;
    const atBottom = window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 2;
    let passed = atBottom ? headings[headings.length - 1] : null;
    if (!passed) {
      // In the page's order, so the first below the line ends the search: measuring a heading
      // lays out its section, and the ones further down may be waiting to be drawn (sections.js).
      for (const heading of headings) {
        if (heading.getBoundingClientRect().top > line) break;
        passed = heading;
      }
    }
    if (passed) mark(passed.id);
  }
  let scheduled = false;
  window.addEventListener("scroll", () => {
    if (!scheduled) {
      scheduled = true;
      requestAnimationFrame(update);
    }
  }, { passive: true });
  update();
}
