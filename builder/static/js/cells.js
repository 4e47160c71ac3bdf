// Live Python cells (builder/cells.py). The page arrives with each cell's code and the output the
// build ran it to; here the code becomes an editor (js/editor.js, CodeMirror, loaded only on a
// page with cells) and Run (or Ctrl/Cmd+Enter) runs it in the page's Python worker.
//
// - Cells run in order in one namespace, as at build time: running a cell first runs each cell
//   above it that has not run since Python started (or restarted), then the cell itself.
// - A cell running past its time limit (data-time-limit, seconds: cell_time_limit) cannot be
//   interrupted inside the worker, so Python is restarted; every widget keeps its settings, and
//   the cells above run again before the next one.
// - Edits are kept in this browser (localStorage, by page and cell) until Reset, which brings
//   back the article's code and the output it was built with.

import { label } from "./labels.js";

const STORE_PREFIX = "backprop-explainer:cell:";
const SVG_DATA_URL = "data:image/svg+xml;base64,";
const MAC = /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

/** Bring every live cell on the page to life with `python` (a PythonClient). */
export function setUpCells(python) {
  const roots = [...document.querySelectorAll(".live-cell[data-cell]")];
  if (!roots.length) return null;
  const notebook = new Notebook(python, roots.map((root) => new Cell(root)));
  // The editor (365 KB) loads once a cell comes near the screen: never before the first paint,
  // and not at all for a reader who never scrolls that far.
  whenNear(roots, () => import("./editor.js").then(
    ({ createEditor }) => notebook.attachEditors(createEditor),
    (err) => notebook.editorFailed(err)));
  return notebook;
}

/** Call `then()` once, when any of `elements` comes within a screen of the screen. */
function whenNear(elements, then) {
  if (typeof IntersectionObserver !== "function") {
    then();
    return;
  }
  const observer = new IntersectionObserver((entries) => {
    if (!entries.some((entry) => entry.isIntersecting)) return;
    observer.disconnect();
    then();
  }, { rootMargin: "100% 0px" });
  for (const element of elements) observer.observe(element);
}

/** Call `then()` once `element` is on screen, as of now: an observer reports a moment late, and a
 *  fast scroll may have carried the element off screen again meanwhile. */
function whenOnScreen(element, then) {
  if (typeof IntersectionObserver !== "function") {
    then();
    return;
  }
  const observer = new IntersectionObserver((entries) => {
    if (!entries.at(-1).isIntersecting) return;
    const box = element.getBoundingClientRect();
    if (box.bottom <= 0 || box.top >= window.innerHeight) return; // it will be reported again
    observer.disconnect();
    then();
  });
  observer.observe(element);
}

/** The page's cells and the one Python session they share. */
class Notebook {
  constructor(python, cells) {
    this.python = python;
    this.cells = cells;
    this.queue = Promise.resolve(); // runs go one after another
    this.pending = new Map(); // id -> {resolve, reject, timer}
    this.nextId = 1;
    for (const cell of cells) cell.onRun = () => this.run(cell);
    python.addEventListener("worker-message", (e) => this._answer(e.detail));
    python.addEventListener("ready", () => this._setReady(true));
    python.addEventListener("restarting", () => this._forgetSession());
    python.addEventListener("failed", () => {
      this._forgetSession();
      for (const cell of cells) cell.note(label("cell_no_python"));
    });
  }

  /** Each cell's code becomes an editor once the cell is on screen, one with a kept edit at once.
   *  CodeMirror measures its lines only while it is on screen and guesses their heights before:
   *  off screen, with wrapping, it guessed cell 1 83 px too tall and corrected that as the cell
   *  came into view, moving the page under a reader scrolling up (and stopping a Home key's
   *  scroll short of the top). On screen, it measures before its first paint, and the code as
   *  text had the editor's height already (cells.css). */
  attachEditors(createEditor) {
    for (const cell of this.cells) {
      const attach = () => cell.attachEditor(createEditor);
      if (cell.store.load(cell.original) !== null) attach();
      else whenOnScreen(cell.root, attach);
    }
    document.documentElement.dataset.cellEditors = "ready";
  }

  editorFailed(err) {
    console.error("The live cells' editor did not load:", err);
    for (const cell of this.cells) cell.note(label("cell_no_editor"));
    document.documentElement.dataset.cellEditors = "failed";
  }

  _setReady(ready) {
    for (const cell of this.cells) cell.setRunnable(ready);
  }

  /** A restarted (or failed) Python has an empty namespace: every cell has to run again. */
  _forgetSession() {
    this._setReady(false);
    for (const cell of this.cells) cell.ran = false;
    for (const [id, entry] of this.pending) {
      this.pending.delete(id);
      clearTimeout(entry.timer);
      entry.reject(new Error(label("cell_python_stopped")));
    }
  }

  /** Run `cell`, after each cell above it that has not run in this session. */
  run(cell) {
    const work = this.queue.then(() => this._runInOrder(cell));
    this.queue = work.catch(() => {});
    return work;
  }

  async _runInOrder(cell) {
    if (!this.python.ready) return;
    const before = this.cells.slice(0, this.cells.indexOf(cell)).filter((c) => !c.ran);
    for (const earlier of [...before, cell]) {
      if (!(await this._runOne(earlier))) return; // stopped: the session is gone
    }
    if (before.length) {
      const numbers = before.map((c) => c.number).join(", ");
      cell.note(label(before.length > 1 ? "cells_ran_first" : "cell_ran_first", { numbers }));
    }
  }

  async _runOne(cell) {
    cell.setBusy(true);
    try {
      cell.show(await this._execute(cell));
      cell.ran = true;
      return true;
    } catch (err) {
      cell.showStopped(err.message);
      return false;
    } finally {
      cell.setBusy(false);
    }
  }

  /** The worker's record of running `cell`'s code; past the cell's time limit, Python restarts. */
  _execute(cell) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const reason = label("cell_too_long", { cell: cell.number, seconds: cell.timeLimit });
        this.pending.delete(id);
        reject(new Error(`${reason}, so Python was restarted to stop it. Every other setting on ` +
          "the page is kept; the cells above this one run again before it next time."));
        this.python.restart(reason);
      }, cell.timeLimit * 1000);
      this.pending.set(id, { resolve, reject, timer });
      this.python.send({ type: "run-cell", id, cell: cell.number, source: cell.code() });
    });
  }

  _answer(message) {
    if (message.type !== "cell-result") return;
    const entry = this.pending.get(message.id);
    if (!entry) return;
    this.pending.delete(message.id);
    clearTimeout(entry.timer);
    if (message.failure) entry.reject(new Error(label("cell_failure", { failure: message.failure })));
    else entry.resolve(message.output);
  }
}

/** One cell on the page: its code (an editor once loaded), its buttons and its output. */
class Cell {
  constructor(root) {
    this.root = root;
    this.number = Number(root.dataset.cell);
    this.timeLimit = Number(root.dataset.timeLimit) || 10;
    this.pre = root.querySelector('[data-role="code"]');
    this.original = this.pre.textContent;
    this.output = root.querySelector('[data-role="output"]');
    this.builtOutput = [...this.output.childNodes].map((node) => node.cloneNode(true));
    this.runButton = root.querySelector('[data-role="run"]');
    this.resetButton = root.querySelector('[data-role="reset"]');
    this.noteElement = root.querySelector('[data-role="note"]');
    this.store = new EditStore(this.number);
    this.editor = null;
    this.ran = false;
    this.runnable = false;
    this.runButton.addEventListener("click", () => this.onRun());
    this.resetButton.addEventListener("click", () => this.reset());
  }

  /** The code to run: the editor's, or, before the cell has one, the reader's kept edit or ours. */
  code() {
    return this.editor ? this.editor.text() : this.store.load(this.original) ?? this.original;
  }

  attachEditor(createEditor) {
    const hint = this.root.querySelector('[data-role="keys"]');
    hint.textContent = label("cell_keys", { modifier: MAC ? "⌘" : "Ctrl" });
    hint.hidden = false;
    const kept = this.store.load(this.original);
    const holder = document.createElement("div");
    holder.className = "live-cell-editor";
    this.pre.replaceWith(holder);
    this.editor = createEditor({
      host: holder, doc: kept ?? this.original, label: label("cell_code", { cell: this.number }),
      onRun: () => this.runnable && this.onRun(),
      onChange: (text) => this._edited(text),
    });
    if (kept !== null) {
      this.note(label("cell_edit_kept"));
    }
    this._updateReset();
  }

  _edited(text) {
    this.store.save(this.original, text);
    this._updateReset();
  }

  _updateReset() {
    this.resetButton.disabled = this.code() === this.original;
  }

  /** The article's code and the output it was built with, and no edit kept. */
  reset() {
    if (this.editor) this.editor.setText(this.original);
    this.store.forget();
    this.output.replaceChildren(...this.builtOutput.map((node) => node.cloneNode(true)));
    this.note("");
    this._updateReset();
    if (this.editor) this.editor.focus();
  }

  setRunnable(runnable) {
    this.runnable = runnable;
    this.runButton.disabled = !runnable || this.root.dataset.running === "true";
  }

  setBusy(busy) {
    this.root.dataset.running = String(busy);
    this.output.setAttribute("aria-busy", String(busy));
    this.runButton.disabled = busy || !this.runnable;
    if (busy) this.note(label("cell_running"));
  }

  note(text) {
    this.noteElement.textContent = text;
  }

  /** Show a record from backprop.cells, as templates/cell.html shows the build's. */
  show(record) {
    this.note("");
    this.output.replaceChildren(...outputParts(record));
  }

  showStopped(message) {
    const stopped = document.createElement("p");
    stopped.className = "live-cell-stopped";
    stopped.textContent = message;
    this.output.replaceChildren(stopped);
    this.note("");
  }
}

function outputParts(record) {
  const parts = [];
  if (record.text) parts.push(preformatted("live-cell-text", record.text));
  if (record.value !== null && record.value !== undefined) parts.push(preformatted("live-cell-value", record.value));
  // Only a base64 SVG data: URL, as an <img>: a drawing never becomes the page's own markup.
  if (record.image && String(record.image.src).startsWith(SVG_DATA_URL)) {
    const image = document.createElement("img");
    image.className = "live-cell-image";
    image.src = record.image.src;
    image.alt = record.image.alt;
    parts.push(image);
  }
  if (record.error) parts.push(preformatted("live-cell-error", record.error.text));
  return parts;
}

function preformatted(className, text) {
  const pre = document.createElement("pre");
  pre.className = className;
  pre.textContent = text;
  return pre;
}

/** A reader's edit of one cell, kept in localStorage by page and cell with the code it edits:
 *  when the article's code changes, an edit of the old code is dropped. */
class EditStore {
  constructor(number) {
    this.key = `${STORE_PREFIX}${location.pathname}:${number}`;
  }

  /** The kept edit of `original`, or null. */
  load(original) {
    try {
      const kept = JSON.parse(localStorage.getItem(this.key));
      if (kept && kept.original === original && typeof kept.code === "string" && kept.code !== original) {
        return kept.code;
      }
    } catch {
      // no storage (a private window's policy) or not ours: nothing kept
    }
    return null;
  }

  save(original, code) {
    try {
      if (code === original) localStorage.removeItem(this.key);
      else localStorage.setItem(this.key, JSON.stringify({ original, code }));
    } catch {
      // storage full or refused: the edit lives until the page closes
    }
  }

  forget() {
    try {
      localStorage.removeItem(this.key);
    } catch {
      // nothing was kept
    }
  }
}
