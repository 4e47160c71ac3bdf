"""The network tool's ops: what its page asks of Python, each answering plain JSON.

    initial(...)                      the first state, pre-rendered at build time
    reset(session, settings, ...)     a new network for these settings (and the address text)
    from_address(session, text, ...)  settings read from the page address, then reset
    train(session, budget_ms, ...)    training for about budget_ms (or epochs), then one snapshot
    view(session, have)               the snapshot as it is now
    explain(session, index)           one example's forward, loss, backward, update: phase by phase
    apply(session, index)             make exactly that update (Trainer.apply), then a snapshot

Every op but initial takes the id of the tool's session (session.py).
"""

import math
import random
import time

from backprop import mlp
from backprop.views.network import fill_style, legend, link_style
from backprop.widgets.network_tool.session import Session, open_session, session_of
from backprop.widgets.network_tool.settings import (MAX_SEED, RUN, SETTINGS, checked_settings,
                                                    parse_address)
from backprop.widgets.network_tool.steps import explain_view
from backprop.widgets.network_tool.view import GRID, PLOT_CLIP, PLOT_Y, full_state, snapshot


@SETTINGS.checked_options
def initial(hidden, dataset, lr, batch_size, seed, address_key):
    """The tool's first state, computed at build time (options are the directive's)."""
    given = {"hidden": hidden, "dataset": dataset, "lr": lr, "batch_size": batch_size, "seed": seed}
    state = full_state(Session({name: given[name] for name in RUN}), key=address_key)
    snap = state["snapshot"]
    state.update(
        # The menus offer the table's choices.
        options={"datasets": SETTINGS["dataset"].menu(),
                 "learning_rates": [[rate, f"{rate:g}"] for rate in SETTINGS["lr"].menu()],
                 "batch_sizes": SETTINGS["batch_size"].menu(),
                 "max_layers": mlp.MAX_HIDDEN_LAYERS, "max_width": mlp.MAX_WIDTH},
        address_key=address_key, legend=legend(), plot_y=PLOT_Y, plot_clip=PLOT_CLIP,
        loss_exp=math.log10(snap["loss"]),  # where the static chart's one point sits
        curve_points=[[x, y] for x, y in zip(GRID, snap["curve"])],
        link_styles=[link_style(t) for t in snap["links"]],
        fill_styles=[fill_style(t) for t in snap["fills"]])
    return state


def reset(session, settings=None, new_seed=False, key="tool"):
    """A new network for these settings (the seed drawn afresh if new_seed); the full state.

    key names the tool's part of the page address ('' for none), as in the directive.
    """
    settings = checked_settings(settings)
    if new_seed:
        settings["seed"] = random.SystemRandom().randrange(MAX_SEED + 1)
    return full_state(open_session(session, settings), key=key)


def from_address(session, text, key="tool", settings=None):
    """Reset to the settings in the page address, or to ``settings`` if it holds none for us.

    'found' says which: the page scrolls to the tool when a shared address brought the reader.
    Without fallback settings, an address that is not ours changes nothing ({'found': False}).
    """
    read, notice = parse_address(text, key)
    if read is None and settings is None:
        return {"found": False}
    chosen = checked_settings(read if read is not None else settings)
    return {"found": read is not None, **full_state(open_session(session, chosen), notice, key)}


def train(session, budget_ms=8.0, max_epochs=0, have=None, view=True, playing=False,
          view_budget_ms=0):
    """Training, until budget_ms have passed (the epoch under way may end later) and/or
    max_epochs have ended.

    A limit of 0 is no limit; with neither limit, one epoch. Then one snapshot (have: see
    LossHistory.since), unless ``view`` is False: the worker's stream (worker.mjs) trains on
    between two pictures the page asked for and gets only where the run is. "done" ends a stream
    (the run diverged, and the snapshot says so). ``playing``: see Session.texts_due.
    ``view_budget_ms``, if set, replaces budget_ms when a picture is asked for: the stream's page
    waits for that picture to draw its next frame, so it comes after a short step, not a long one.
    """
    if view and view_budget_ms:
        budget_ms = view_budget_ms
    s = session_of(session)
    t = s.trainer
    started = time.perf_counter()
    ran = 0  # epochs ended
    while not t.diverged:
        # One update at a time (Trainer.train_updates), so that a budget of a few milliseconds
        # ends in time, in the middle of an epoch if need be: the next call goes on from there.
        ended = t.train_updates(1)
        s.explained = None  # the model moved on: an old explanation may no longer be applied
        if ended:
            s.extra_steps = 0
            s.history.add(t.epoch, t.status()["loss"])
            ran += 1
        out_of_time = budget_ms and (time.perf_counter() - started) * 1000 >= budget_ms
        if (max_epochs and ran >= max_epochs) or out_of_time or (ended and not (max_epochs or budget_ms)):
            break
    trained = time.perf_counter()
    s.unreported = [s.unreported[0] + ran, s.unreported[1] + trained - started]
    if not (view or t.diverged):
        return {"epoch": t.epoch, "done": False}
    snap = snapshot(s, have, s.texts_due(playing))
    # The epochs since the last snapshot, how long they and this snapshot took, for
    # tests/bench_network.py (not shown).
    (ran, seconds), s.unreported = s.unreported, [0, 0.0]
    timing = [round(seconds * 1000, 2), round((time.perf_counter() - trained) * 1000, 2)]
    return {**snap, "ran": ran, "timing_ms": timing, "done": t.diverged}


def view(session, have=None):
    """The snapshot as the network is now, texts and all (training stopped playing)."""
    return snapshot(session_of(session), have)


def explain(session, index=None):
    """One example (index, or a random pick from the seed), explained phase by phase."""
    s = session_of(session)
    t = s.trainer
    if t.diverged:
        raise ValueError("the network has diverged: reset it before stepping through an update")
    if index is None:
        index = s.examples.randrange(len(t.xs))
    index = int(index)
    if not 0 <= index < len(t.xs):
        raise ValueError(f"no data point {index}")
    s.explained = index
    return explain_view(t.explain(index), t.net, GRID, index, len(t.xs), s.arrow_scale())


def apply(session, index, have=None):
    """Make the update explain(index) showed, exactly once; then the snapshot.

    'applied' is False (and nothing changes) if that explanation is not the pending one, for
    example after it was applied already or training moved on in between.
    """
    s = session_of(session)
    applied = s.explained == index and not s.trainer.diverged
    if applied:
        s.trainer.apply(index)
        s.explained = None
        s.extra_steps += 1
    return {**snapshot(s, have), "applied": applied}


OPS = {"initial": initial, "reset": reset, "from_address": from_address, "train": train,
       "view": view, "explain": explain, "apply": apply}
