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
  const popover = new TermPopover(doc);
  for (const term of terms) popover.followTerm(term);
  popover.followPointerOnItself();
  popover.followPage();
}

const isTouch = (event) => event.pointerType === "touch";

/** The one popover the page's terms share, and which term it shows, if any. */
class TermPopover {
  constructor(doc) {
    this.doc = doc;
    this.element = doc.createElement("div");
    this.element.className = "term-popover";
    this.element.setAttribute("role", "tooltip");
    this.element.hidden = true;
    doc.body.append(this.element);
    this.current = null; // the term whose explanation is showing
    this.pinned = false; // opened by a tap or click: open until toggled, Escape or a tap elsewhere
    this.hovered = false; // a mouse or pen is over the current term or over the popover
    this.closeTimer = 0;
    this.placing = false; // a placement waits for the next frame while the page scrolls
  }

  show(term) {
    clearTimeout(this.closeTimer);
    if (term !== this.current) {
      this.current?.removeAttribute("data-open");
      this.current = term;
      this.pinned = false;
      fillWithEntry(this.element, term, this.doc);
    }
    term.setAttribute("data-open", "");
    this.element.hidden = false;
    placeBeside(this.element, term, this.doc);
  }

  close() {
    clearTimeout(this.closeTimer);
    this.current?.removeAttribute("data-open");
    this.current = null;
    this.pinned = false;
    this.element.hidden = true;
  }

  // A pointer leaving closes the popover after a moment, unless it came back, the term holds
  // the keyboard focus or a tap pinned it open.
  closeSoon() {
    clearTimeout(this.closeTimer);
    this.closeTimer = setTimeout(() => {
      const { current } = this;
      if (current && !this.hovered && !this.pinned && this.doc.activeElement !== current) this.close();
    }, CLOSE_DELAY_MS);
  }

  /** Hover, keyboard focus and tap or click on one term. */
  followTerm(term) {
    term.addEventListener("pointerenter", (event) => {
      if (isTouch(event)) return; // a tap opens through click, never through a hover
      this.hovered = true;
      this.show(term);
    });
    term.addEventListener("pointerleave", (event) => {
      if (isTouch(event)) return;
      this.hovered = false;
      if (term === this.current) this.closeSoon();
    });
    term.addEventListener("focus", () => this.show(term));
    term.addEventListener("blur", () => {
      if (term === this.current && !this.hovered) this.close();
    });
    term.addEventListener("click", (event) => {
      event.preventDefault(); // toggle here rather than jump to the Glossary section
      if (term === this.current && this.pinned) {
        this.close();
      } else {
        this.show(term);
        this.pinned = true;
      }
    });
  }

  /** A pointer moving from the term onto the popover keeps it open (to read or select it). */
  followPointerOnItself() {
    this.element.addEventListener("pointerenter", (event) => {
      if (isTouch(event)) return;
      this.hovered = true;
      clearTimeout(this.closeTimer);
    });
    this.element.addEventListener("pointerleave", (event) => {
      if (isTouch(event)) return;
      this.hovered = false;
      this.closeSoon();
    });
  }

  /** Escape, a tap elsewhere, and a page that resizes or scrolls under the popover. */
  followPage() {
    const { doc } = this;
    doc.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && this.current) this.close(); // the focus stays on the term
    });
    // A tap elsewhere closes it (mobile Safari does not focus a tapped link, so blur may not come).
    doc.addEventListener("pointerdown", (event) => {
      const { current } = this;
      if (current && !current.contains(event.target) && !this.element.contains(event.target)) this.close();
    }, true);
    window.addEventListener("resize", () => {
      if (this.current) placeBeside(this.element, this.current, doc);
    });
    // Focusing a term may scroll the page (smoothly) after the popover was placed: the side that
    // fitted before may not fit any more, so place it again as the page moves.
    window.addEventListener("scroll", () => {
      if (!this.current || this.placing) return;
      this.placing = true;
      requestAnimationFrame(() => {
        this.placing = false;
        if (this.current) placeBeside(this.element, this.current, doc);
      });
    }, { passive: true });
  }
}

/** The term's name (as its Glossary entry spells it) and its definition, into the popover. */
function fillWithEntry(popover, term, doc) {
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
function placeBeside(popover, term, doc) {
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
