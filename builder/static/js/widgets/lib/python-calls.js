// The two ways a widget calls Python. Every widget uses one of them, on one channel of its own
// (python-client.js: a newer call on a channel makes the older ones on it obsolete).
//
// - LatestWins: the figure follows a control, and only where the control is now matters. Calls
//   go out at once; an answer overtaken by a newer call is dropped, never shown. It remembers
//   which call the figure shows the answer to (at first the one the build drew it with), so a
//   widget going live asks Python only if its controls have moved on from that picture.
// - InOrder: each call builds on what the one before it did (a point that moves, a network that
//   trains). Calls go out one at a time, each once the answer before it has been handled, so none
//   is dropped and each sees the page as that answer left it. A stream (a network training
//   "Faster") takes its turn in the same queue: it runs in the worker until stopped, and the
//   calls after it wait for its end.

import { Superseded } from "../../python-client.js";

export class LatestWins {
  /** `show(result)` gets the newest answer, `fail(err)` a real failure (not an overtaken call).
   *  `built`: the call [op, args] whose answer the pre-rendered figure shows. */
  constructor(python, channel, show, fail, built = null) {
    this.python = python;
    this.channel = channel;
    this.show = show;
    this.fail = fail;
    this.unanswered = 0;
    this.shown = built && callKey(...built); // the call whose answer the figure shows
  }

  /** True while a call is on its way: a widget that paces itself waits for it. */
  get busy() {
    return this.unanswered > 0;
  }

  /** Send `op`; the promise settles once its answer was shown, dropped or reported. */
  async ask(op, args) {
    const key = callKey(op, args);
    this.unanswered += 1;
    try {
      this.show(await this.python.call(this.channel, op, args));
      this.shown = key;
    } catch (err) {
      if (!(err instanceof Superseded)) this.fail(err);
    } finally {
      this.unanswered -= 1;
    }
  }

  /** Send `op` unless the figure already shows its answer: as a widget goes live, the controls
   *  may have moved before Python was ready (or while it restarted), or the browser may have
   *  restored other values into them; if not, the picture is already Python's answer. */
  refresh(op, args) {
    return callKey(op, args) === this.shown ? Promise.resolve() : this.ask(op, args);
  }
}

/** A call as text, to tell two calls apart (args are plain JSON, made the same way each time). */
function callKey(op, args) {
  return JSON.stringify([op, args]);
}

export class InOrder {
  /** `fail(err)`: what the widget does when a call fails, unless that call names its own. */
  constructor(python, channel, fail) {
    this.python = python;
    this.channel = channel;
    this.fail = fail;
    this.waiting = []; // calls not sent yet, oldest first
    this.running = false;
  }

  /**
   * Queue `op`. `args` is an object, or a function that makes it when the call goes out (so it
   * can start from the answer before). A call that `collapses` replaces one such call still
   * waiting behind it (a drag: only the newest position matters). The promise settles once
   * `onResult` (or the failure handler) has run, or the call was replaced.
   *
   * A failure includes a call lost when Python stopped and was restarted: the calls meant to
   * build on it cannot, and the widget has to know its sequence broke.
   */
  ask(op, args, onResult, { collapses = false, onError = this.fail } = {}) {
    return new Promise((settled) => {
      if (collapses && this.waiting.at(-1)?.collapses) this.waiting.pop().settled();
      this.waiting.push({ op, args, onResult, onError, collapses, settled });
      if (!this.running) this.run();
    });
  }

  /**
   * Queue a stream (PythonClient.stream): `op` runs on in the worker from its turn until stop(),
   * and `onChunk` gets each result asked for by want(). Calls asked after it wait until it has
   * ended and each of its results has been handled, so they see the page as the last left it.
   * `args` as for ask. Returns {want(), stop()}; stop() before its turn takes it off the queue.
   */
  stream(op, args, onChunk, { onError = this.fail } = {}) {
    const handle = { running: null, stopped: false };
    handle.want = () => handle.running?.want();
    handle.stop = () => {
      handle.stopped = true;
      handle.running?.stop();
    };
    this.waiting.push({ op, args, onResult: onChunk, onError, stream: handle });
    if (!this.running) this.run();
    return handle;
  }

  /** Run a queued stream until it ends; every chunk's handler runs before this settles. */
  async runStream({ op, args, onResult, onError, stream }) {
    if (stream.stopped) return;
    const handle = (chunk) => {
      try {
        onResult(chunk);
      } catch (bug) {
        reportError(bug);
      }
    };
    stream.running = this.python.stream(this.channel, op, typeof args === "function" ? args() : args, handle);
    try {
      await stream.running.ended;
    } catch (err) {
      try {
        onError(err);
      } catch (bug) {
        reportError(bug);
      }
    }
  }

  async run() {
    this.running = true;
    while (this.waiting.length) {
      if (this.waiting[0].stream) {
        await this.runStream(this.waiting.shift());
        continue;
      }
      const { op, args, onResult, onError, settled } = this.waiting.shift();
      let answer;
      try {
        answer = { result: await this.python.call(this.channel, op, typeof args === "function" ? args() : args) };
      } catch (err) {
        answer = { err };
      }
      // A mistake in a handler is a bug of the page, not a failure of Python: report it as the
      // browser reports any uncaught error, and keep the queue going.
      try {
        if ("err" in answer) onError(answer.err); else onResult(answer.result);
      } catch (bug) {
        reportError(bug);
      }
      settled();
    }
    this.running = false;
  }
}
