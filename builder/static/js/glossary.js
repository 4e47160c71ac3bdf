// Glossary terms: a term (`a.term`, built by builder/markdown_ext/glossary.py) opens its
// explanation in a popover on hover, on keyboard focus and on tap or click. A tap or click
// toggles the popover instead of following the link; without this script the link still leads to
// the term's entry in the Glossary section. Screen readers hear the explanation either way,
// through the term's aria-describedby, which names that entry's <dd>.

const CLOSE_DELAY_MS = 150; // long enough to move the pointer from a term onto its popover
const GAP_PX = 6; // between the term and the popover
const MARGIN_PX = 8; // kept free between the popover and the viewport's edges
const MAX_WIDTH_PX = 352; // 22rem: a comfortable line length for a few sentences

export function setUpGlossary(doc = document) {
  const terms = [...doc.querySelectorAll("a.term[aria-describedby]")];
  if (!terms.length) return;

  const popover = doc.createElement("div");
  popover.className = "term-popover";
  popover.setAttribute("role", "tooltip");
  popover.hidden = true;
  doc.body.append(popover);

  let current = null; // the term whose explanation is showing
  let pinned = false; // opened by a tap or click: open until toggled, Escape or a tap elsewhere
  let hovered = false; // a mouse or pen is over the current term or over the popover
  let closeTimer = 0;

  function fill(term) {
    const definition = doc.getElementById(term.getAttribute("aria-describedby"));
    const entry = doc.getElementById(decodeURIComponent(term.hash.slice(1)));
    const name = doc.createElement("p");
    name.className = "term-popover-name";
    name.textContent = entry ? entry.textContent : term.textContent;
    // Copies of the definition's own nodes (KaTeX markup included); ids stay unique on the page.
    const copies = definition ? [...definition.childNodes].map((node) => node.cloneNode(true)) : [];
    for (const copy of copies) {
      if (copy.nodeType !== Node.ELEMENT_NODE) continue;
      copy.removeAttribute("id");
      for (const inner of copy.querySelectorAll("[id]")) inner.removeAttribute("id");
    }
    popover.replaceChildren(name, ...copies);
  }

  // Below the term if it fits, else above; never past the viewport's left or right edge. A term
  // that wraps onto two lines is cleared as a whole, starting where its first line starts.
  function place(term) {
    const rects = term.getClientRects();
    const whole = term.getBoundingClientRect();
    const start = rects.length ? rects[0].left : whole.left;
    const width = doc.documentElement.clientWidth;
    const height = doc.documentElement.clientHeight;
    popover.style.maxWidth = `${Math.min(MAX_WIDTH_PX, width - 2 * MARGIN_PX)}px`;
    popover.style.maxHeight = `${Math.max(height / 2, 120)}px`;
    popover.style.left = "0px"; // measured where nothing squeezes it
    popover.style.top = "0px";
    const box = popover.getBoundingClientRect();
    const left = Math.max(MARGIN_PX, Math.min(start, width - MARGIN_PX - box.width));
    const below = whole.bottom + GAP_PX;
    const above = whole.top - GAP_PX - box.height;
    const fitsBelow = below + box.height <= height - MARGIN_PX;
    const top = fitsBelow || above < MARGIN_PX ? below : above;
    popover.dataset.side = top === below ? "below" : "above";
    popover.style.left = `${left + window.scrollX}px`;
    popover.style.top = `${top + window.scrollY}px`;
  }

  function show(term) {
    clearTimeout(closeTimer);
    if (term !== current) {
      current?.removeAttribute("data-open");
      current = term;
      pinned = false;
      fill(term);
    }
    term.setAttribute("data-open", "");
    popover.hidden = false;
    place(term);
  }

  function close() {
    clearTimeout(closeTimer);
    current?.removeAttribute("data-open");
    current = null;
    pinned = false;
    popover.hidden = true;
  }

  // A pointer leaving closes the popover after a moment, unless it came back, the term holds
  // the keyboard focus or a tap pinned it open.
  function closeSoon() {
    clearTimeout(closeTimer);
    closeTimer = setTimeout(() => {
      if (current && !hovered && !pinned && doc.activeElement !== current) close();
    }, CLOSE_DELAY_MS);
  }

  const isTouch = (event) => event.pointerType === "touch";

  for (const term of terms) {
    term.addEventListener("pointerenter", (event) => {
      if (isTouch(event)) return; // a tap opens through click, never through a hover
      hovered = true;
      show(term);
    });
    term.addEventListener("pointerleave", (event) => {
      if (isTouch(event)) return;
      hovered = false;
      if (term === current) closeSoon();
    });
    term.addEventListener("focus", () => show(term));
    term.addEventListener("blur", () => {
      if (term === current && !hovered) close();
    });
    term.addEventListener("click", (event) => {
      event.preventDefault(); // toggle here rather than jump to the Glossary section
      if (term === current && pinned) {
        close();
      } else {
        show(term);
        pinned = true;
      }
    });
  }

  popover.addEventListener("pointerenter", (event) => {
    if (isTouch(event)) return;
    hovered = true;
    clearTimeout(closeTimer);
  });
  popover.addEventListener("pointerleave", (event) => {
    if (isTouch(event)) return;
    hovered = false;
    closeSoon();
  });

  doc.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && current) close(); // the focus stays on the term
  });
  // A tap elsewhere closes it (mobile Safari does not focus a tapped link, so blur may not come).
  doc.addEventListener("pointerdown", (event) => {
    if (current && !current.contains(event.target) && !popover.contains(event.target)) close();
  }, true);
  window.addEventListener("resize", () => {
    if (current) place(current);
  });
  // Focusing a term may scroll the page (smoothly) after the popover was placed: the side that
  // fitted before may not fit any more, so place it again as the page moves.
  let placing = false;
  window.addEventListener("scroll", () => {
    if (!current || placing) return;
    placing = true;
    requestAnimationFrame(() => {
      placing = false;
      if (current) place(current);
    });
  }, { passive: true });
}
