// The page's side of the worker protocol. Widgets call `call(channel, op, args)`; a newer call on
// the same channel makes every older pending one obsolete, so a stale answer is never shown.
// If the worker dies or stops answering, a new one is started ("restarting", then "ready" again);
// widgets keep their settings in the page and simply re-send them when Python is back.

import { label } from "./labels.js";
import { adoptShared, openWorker } from "./shared-python.js";

export class Superseded extends Error {}

// The calls Python has not answered yet. Their number is kept on <html data-python-calls>, so
// anyone outside the page's scripts (a test, a screen recorder) can tell when the figures have
// caught up with the reader, instead of guessing how long that takes.
class PendingCalls extends Map {
  constructor(onEmpty) {
    super();
    this.onEmpty = onEmpty; // called each time the last pending call is answered
  }

  set(id, entry) {
    super.set(id, entry);
    this.show();
    return this;
  }

  delete(id) {
    const had = super.delete(id);
    this.show();
    if (had && this.size === 0) this.onEmpty();
    return had;
  }

  show() {
    document.documentElement.dataset.pythonCalls = String(this.size);
  }
}

const STALL_MS = 8000;            // every op is time-boxed to milliseconds: this long means trouble
const MAX_RESTARTS_PER_MINUTE = 3;

export class PythonClient extends EventTarget {
  constructor(runtime) {
    super();
    this.runtime = runtime;       // absolute URLs: pyodide folder, backprop zips, worker script
    this.nextId = 1;
    // id -> {resolve, reject, channel, sent} (a stream: onChunk too)
    this.pending = new PendingCalls(() => this.dispatchEvent(new Event("settled")));
    this.lastHeard = 0;           // when the worker last said anything
    this.latest = new Map();      // channel -> newest id sent
    this.ready = false;
    this.fetchedLater = false;    // the worker has fetched what it leaves until the page is live
    this.background = false;      // true while asBackground runs
    this.failure = null;
    this.restarts = [];           // times of recent restarts, to give up on a crash loop
  }

  start(timeoutMs = 30000) {
    this.timeoutMs = timeoutMs;
    // start-python.js may have started the worker already, right after the first paint.
    const early = this.worker ? null : globalThis.backpropEarlyWorker;
    if (early) early.cancelled = true;
    let worker = early && (early.shared ? adoptShared(early) : early.worker);
    try {
      worker = worker || openWorker(this.runtime); // an embed page's may be shared (shared-python.js)
    } catch (err) {
      this._fail(`the browser refused to start a worker (${err.message})`);
      return;
    }
    this.worker = worker;
    worker.addEventListener("message", (event) => this._onMessage(event.data));
    worker.addEventListener("error", (event) => {
      const reason = event.message || label("worker_not_loaded");
      if (this.ready) this._restart(label("python_stopped", { reason }));
      else this._fail(reason);
    });
    // A blocked wasm compile or fetch can leave Pyodide waiting forever: give up visibly.
    this.timer = setTimeout(() => {
      if (!this.ready) this._fail(`Python did not start within ${timeoutMs / 1000} s`);
    }, timeoutMs);
    if (early && (early.worker || early.shared)) {
      early.adopted = true; // from now on its messages come straight here
      for (const message of early.messages.splice(0)) this._onMessage(message);
      if (early.errors.length) this._fail(early.errors[0]);
      return;
    }
    const { pyodide, backprop, backpropSource, snapshot } = this.runtime;
    worker.postMessage({ type: "init", pyodide, backprop, backpropSource, snapshot });
  }

  call(channel, op, args) {
    if (this.failure) return Promise.reject(new Error(this.failure));
    const id = this.nextId++;
    const older = this.latest.get(channel);
    if (older !== undefined) this._settleSuperseded(older);
    this.latest.set(channel, id);
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, channel, sent: performance.now() });
      this.worker.postMessage({ type: "call", id, channel, op, args,
                                ...(this.background && { background: true }) });
    });
  }

  /** Runs `making`: the calls it makes are the figures' own (their first pictures as they go
   *  live), which the worker answers after any call a reader's input makes meanwhile. */
  asBackground(making) {
    this.background = true;
    try {
      return making();
    } finally {
      this.background = false;
    }
  }

  /** Resolves once no call is waiting for Python: at the next turn of the event loop if none is
   *  then (so that calls the current task is about to make count), else when the last of them
   *  has been answered. */
  whenSettled() {
    return new Promise((resolve) => setTimeout(() => {
      if (this.pending.size === 0) resolve();
      else this.addEventListener("settled", () => resolve(), { once: true });
    }, 0));
  }

  /** Resolves once the worker has fetched what it leaves until the page is live (the standard
   *  library, backprop's source: worker.mjs), or found nothing to fetch. */
  whenFetchedLater() {
    if (this.fetchedLater) return Promise.resolve();
    return new Promise((resolve) => this.addEventListener("fetched-later", () => resolve(), { once: true }));
  }

  /** Send the worker a message of another kind than a call (a live cell's run, cells.js);
   *  what the worker answers to it comes as a "worker-message" event. */
  send(message) {
    this.worker.postMessage(message);
  }

  /** Replace the worker on purpose (a live cell ran past its time limit): not a crash, so it
   *  does not count towards giving up. */
  restart(reason) {
    this._restart(reason, { counted: false });
  }

  /**
   * Start a stream on `channel` (worker.mjs): Python runs `op` again and again without waiting
   * for the page, and sends a result each time the page asked for one: want() asks for the next
   * (the worker starts with one asked for), stop() ends the stream. `onChunk(result)` gets each;
   * `ended` settles once the worker has sent the last of them (and rejects as a call would).
   */
  stream(channel, op, args, onChunk) {
    if (this.failure) return { ended: Promise.reject(new Error(this.failure)), want() {}, stop() {} };
    const id = this.nextId++;
    const older = this.latest.get(channel);
    if (older !== undefined) this._settleSuperseded(older);
    this.latest.set(channel, id);
    // `sent`: since when the page has been waiting for a result (null: it asked for none).
    const entry = { channel, onChunk, sent: performance.now() };
    const ended = new Promise((resolve, reject) => Object.assign(entry, { resolve, reject }));
    this.pending.set(id, entry);
    this.worker.postMessage({ type: "stream", id, channel, op, args });
    const running = () => this.pending.get(id) === entry;
    return {
      ended,
      want: () => {
        if (!running()) return;
        entry.sent ??= performance.now();
        this.worker.postMessage({ type: "want", id });
      },
      stop: () => {
        if (running()) this.worker.postMessage({ type: "stop", id });
      },
    };
  }

  /**
   * While Python is ready, a call unanswered for STALL_MS, from a worker that has said nothing
   * for as long, means the worker is gone. A worker still answering a long queue of calls (a busy
   * machine, many widgets waking at once) is slow, not gone: restarting it would lose the queue.
   */
  _watch() {
    clearInterval(this.watchdog);
    this.watchdog = setInterval(() => {
      const now = performance.now();
      if (now - this.lastHeard <= STALL_MS) return;
      for (const entry of this.pending.values()) {
        if (entry.sent !== null && now - entry.sent > STALL_MS) {
          this._restart(label("python_stopped_answering"));
          return;
        }
      }
    }, 1000);
  }

  _restart(reason, { counted = true } = {}) {
    const now = performance.now();
    this.restarts = this.restarts.filter((t) => now - t < 60000);
    if (counted && this.restarts.length >= MAX_RESTARTS_PER_MINUTE) {
      this._fail(`${reason}, and kept stopping after ${MAX_RESTARTS_PER_MINUTE} restarts`);
      return;
    }
    if (counted) this.restarts.push(now);
    clearInterval(this.watchdog);
    this.ready = false;
    this.worker.terminate();
    for (const [id, entry] of this.pending) {
      this.pending.delete(id);
      entry.reject(new Superseded(`request ${id} was lost when Python stopped`));
    }
    this.dispatchEvent(new CustomEvent("restarting", { detail: { reason } }));
    this.start(this.timeoutMs);
  }

  _settleSuperseded(id) {
    const entry = this.pending.get(id);
    if (!entry) return;
    this.pending.delete(id);
    entry.reject(new Superseded(`request ${id} was superseded`));
  }

  _onMessage(message) {
    this.lastHeard = performance.now();
    switch (message.type) {
      case "progress":
        this.dispatchEvent(new CustomEvent("progress", { detail: message }));
        break;
      case "ready":
        this.ready = true;
        clearTimeout(this.timer);
        this._watch();
        this.dispatchEvent(new CustomEvent("ready", { detail: message }));
        break;
      case "fetched-later":
        this.fetchedLater = true;
        this.dispatchEvent(new Event("fetched-later"));
        break;
      case "failed":
        this._fail(message.error);
        break;
      case "result":
      case "error": {
        const entry = this.pending.get(message.id);
        if (!entry) return; // already superseded on this side
        this.pending.delete(message.id);
        if (this.latest.get(entry.channel) !== message.id) {
          entry.reject(new Superseded(`request ${message.id} was superseded`));
        } else if (message.type === "result") {
          entry.resolve(message.result);
        } else {
          entry.reject(new Error(message.error));
        }
        break;
      }
      case "superseded":
        this._settleSuperseded(message.id);
        break;
      case "chunk": {
        const entry = this.pending.get(message.id);
        if (!entry) return; // superseded on this side
        entry.sent = null;
        entry.onChunk(message.result);
        break;
      }
      case "end": {
        const entry = this.pending.get(message.id);
        if (!entry) return;
        this.pending.delete(message.id);
        if (message.error === undefined) entry.resolve(); else entry.reject(new Error(message.error));
        break;
      }
      default:
        this.dispatchEvent(new CustomEvent("worker-message", { detail: message }));
    }
  }

  _fail(reason) {
    if (this.failure) return;
    this.failure = reason;
    clearTimeout(this.timer);
    clearInterval(this.watchdog);
    if (this.worker) this.worker.terminate();
    for (const [id, entry] of this.pending) {
      this.pending.delete(id);
      entry.reject(new Error(reason));
    }
    this.dispatchEvent(new CustomEvent("failed", { detail: { error: reason } }));
  }
}
