// The table of contents follows the reader: the section in view is marked (aria-current) and the
// address bar's #anchor follows along, without adding a history entry per scroll.

export function followSections() {
  const links = new Map();
  for (const link of document.querySelectorAll(".toc a[href^='#']")) {
    links.set(decodeURIComponent(link.hash.slice(1)), link);
  }
  const headings = [...links.keys()].map((id) => document.getElementById(id)).filter(Boolean);
  if (!headings.length || !("IntersectionObserver" in window)) return;

  let current = null;
  function mark(id) {
    if (id === current) return;
    if (current) links.get(current)?.removeAttribute("aria-current");
    current = id;
    links.get(id)?.setAttribute("aria-current", "true");
    if (location.hash !== `#${id}`) history.replaceState(history.state, "", `#${id}`);
  }

  // The current section is the last heading above a line 30% down the viewport.
  const observer = new IntersectionObserver(() => {
    const line = window.innerHeight * 0.3;
    let passed = null;
    for (const heading of headings) {
      if (heading.getBoundingClientRect().top <= line) passed = heading;
    }
    if (passed) mark(passed.id);
  }, { rootMargin: "0px 0px -70% 0px", threshold: [0, 1] });
  for (const heading of headings) observer.observe(heading);
}
