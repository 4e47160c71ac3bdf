// Where python-client.js finds its Python. An embed page shares one with every other embed page
// of this site that the browser has open (shared-worker.mjs: a course page with three embedded
// figures starts Python once, not three times); a page that cannot share, or a browser that
// cannot (no SharedWorker, no Web Locks, a file:// page, a sandboxed frame), gets a dedicated
// worker of its own as before. The article page keeps its own too: a runaway live cell is stopped
// by ending its worker, which a page cannot do to a worker other pages share.
//
// SharedPython looks like a Worker to the client (postMessage, "message" and "error" events,
// terminate), so the client's restart path serves both: when the shared Python ends, every page
// it served gets "error" at once, restarts, and restores its widgets' settings as after a crash.

import { label } from "./labels.js";

// One shared worker per site: pages meet in it by this name (start-python.js uses it too).
const NAME = "backprop-python";

export function canShare(runtime) {
  return Boolean(runtime.sharedWorker) && typeof SharedWorker === "function" &&
    Boolean(globalThis.navigator?.locks) && location.protocol !== "file:";
}

/** A worker for this page: the site's shared one where it can be, else a dedicated one. */
export function openWorker(runtime) {
  if (canShare(runtime)) {
    try {
      return new SharedPython(runtime.sharedWorker);
    } catch (err) { // a sandboxed frame's opaque origin, for one
      console.warn(`Python is not shared with this site's other pages (${err.message})`);
    }
  }
  return new Worker(runtime.worker, { type: "module" });
}

/** The shared worker start-python.js connected to before the page's modules had loaded: what it
 *  said so far stays in early.messages for the client to replay, but for its greeting. */
export function adoptShared(early) {
  const python = new SharedPython(early.shared);
  const hello = early.messages.findIndex((message) => message.type === "hello");
  if (hello >= 0) python._receive(early.messages.splice(hello, 1)[0]);
  return python;
}

class SharedPython extends EventTarget {
  /** `source`: the shared worker's script address, or the SharedWorker start-python.js opened. */
  constructor(source) {
    super();
    const shared = source instanceof SharedWorker ? source
      : new SharedWorker(source, { type: "module", name: NAME });
    this.port = shared.port;
    this.watching = new AbortController(); // ends the waits on locks once this page lets go
    this.released = false;
    shared.addEventListener("error", () => this._error(label("worker_not_loaded")));
    this.port.addEventListener("message", (event) => this._receive(event.data));
    this.port.start();
    // Leaving the page lets go of Python's memory for this page at once; a page brought back
    // from the back-forward cache then needs Python again, as after a crash.
    this.onHide = () => this._release();
    this.onShow = (event) => {
      if (!event.persisted || !this.released) return;
      this.dispatchEvent(new ErrorEvent("error", { message: label("shared_python_ended") }));
    };
    addEventListener("pagehide", this.onHide);
    addEventListener("pageshow", this.onShow);
  }

  postMessage(message) {
    if (!this.released) this.port.postMessage(message);
  }

  /** This page is done with the shared Python (a restart, a failure); the other pages go on. */
  terminate() {
    this._release();
    removeEventListener("pagehide", this.onHide);
    removeEventListener("pageshow", this.onShow);
  }

  _release() {
    if (this.released) return;
    this.port.postMessage({ type: "release" });
    this.port.close();
    this.watching.abort();
    this.released = true;
  }

  _receive(message) {
    if (message.type !== "hello") {
      this.dispatchEvent(new MessageEvent("message", { data: message }));
      return;
    }
    const { signal } = this.watching;
    const ignoreAbort = (err) => { if (err.name !== "AbortError") console.error(err); };
    // Granted only once the shared worker has ended (it holds this lock while it lives).
    navigator.locks.request(message.lock, { signal }, () => this._error(label("shared_python_ended")))
      .catch(ignoreAbort);
    // And this page holds one of its own while it lives, so the worker learns of a page that
    // went without a word (a crashed tab) and drops what it kept for it.
    const own = `${message.lock}/${message.client}`;
    navigator.locks.request(own, { signal }, () => {
      this.port.postMessage({ type: "holding", lock: own });
      return new Promise((resolve) => signal.addEventListener("abort", resolve));
    }).catch(ignoreAbort);
  }

  _error(reason) {
    if (!this.released) this.dispatchEvent(new ErrorEvent("error", { message: reason }));
  }
}
