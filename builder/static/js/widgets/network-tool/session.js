// The page's side of the network tool's Python session (backprop/widgets/network_tool/), which
// holds the network under a name of this tool's own. Every verb goes through one in-order queue:
// each runs on the network the one before it left, so no answer is ever superseded or lost.

import { InOrder } from "../lib/python-calls.js";

let sessions = 0; // two tools on a page, or one mounted again, never share a network

export class Session {
  constructor(root, python, fail) {
    this.name = `${root.id}-${++sessions}`;
    this.calls = new InOrder(python, `${root.id}:session`, fail);
    this.fail = fail;
    // Settings asked for but not yet confirmed by Python: a second change made before the first
    // network arrives builds on the first, so quick successive choices are all kept.
    this.requested = null;
    this.requests = 0;
  }

  /** Run `network-tool.<verb>`; `args` as for InOrder.ask (an object, or a function of nothing). */
  ask(verb, args, onResult, options) {
    const withSession = typeof args === "function" ? () => ({ session: this.name, ...args() })
      : { session: this.name, ...args };
    return this.calls.ask(`network-tool.${verb}`, withSession, onResult, options);
  }

  /** Stream `network-tool.<verb>` (InOrder.stream): it runs on until its handle's stop(). */
  stream(verb, args, onChunk) {
    const withSession = () => ({ session: this.name, ...(typeof args === "function" ? args() : args) });
    return this.calls.stream(`network-tool.${verb}`, withSession, onChunk);
  }

  /** Ask for a new network: `changes` on top of the settings asked for last (or `current`). */
  reset(current, changes, newSeed, key, onNetwork) {
    const settings = { ...(this.requested || current), ...changes };
    this.requested = settings;
    const request = ++this.requests;
    const confirmed = () => {
      if (request === this.requests) this.requested = null;
    };
    return this.ask("reset", { settings, new_seed: newSeed, key }, (full) => {
      confirmed();
      onNetwork(full);
    }, { onError: (err) => { confirmed(); this.fail(err); } });
  }
}
