"""The network tool's sessions: each tool on a page owns one, named by the id its script sends.

The page keeps no numbers of its own: a session holds the run (a ``mlp.Trainer``), the chart's
history and the pending explanation, and every op finds it by that id (backprop.sessions).
"""

import random
import time

from backprop import mlp
from backprop.sessions import Sessions
from backprop.widgets.network_tool.history import LossHistory
from backprop.widgets.network_tool.steps import arrow_scale

TEXTS_EVERY_S = 0.5  # while training plays, the texts read on hover and focus: twice a second
MAX_SESSIONS = 16  # a page has a few tools at most; the oldest session goes first

SESSIONS = Sessions(MAX_SESSIONS)  # session id → Session


class Session:
    """One tool's run: its settings, its Trainer, the chart's history, the pending explanation."""

    def __init__(self, settings):
        self.settings = settings
        self.trainer = mlp.Trainer(settings["hidden"], settings["dataset"], settings["lr"],
                                   settings["batch_size"], settings["seed"])
        self.history = LossHistory()
        self.history.add(0, self.trainer.status()["loss"])
        self.examples = random.Random(f"examples-{settings['seed']}")  # the step-through's picks
        self.explained = None  # the index explain() showed last and apply() may still make
        self.extra_steps = 0  # single-example updates applied since the last whole epoch
        self.scale = (None, None)  # (epoch, the step-through's arrow scale at that epoch)
        self.texts_at = 0.0  # when a snapshot last brought the links' and neurons' texts
        self.unreported = [0, 0.0]  # epochs and seconds trained since the last snapshot

    def texts_due(self, playing):
        """Whether the next snapshot brings the texts: always, except while training plays, when
        they come at most every TEXTS_EVERY_S (they only change what hover and focus read out)."""
        now = time.perf_counter()
        if playing and now - self.texts_at < TEXTS_EVERY_S:
            return False
        self.texts_at = now
        return True

    def arrow_scale(self):
        """The step-through's arrow scale, one per epoch: fixed while the reader steps through one
        example or several (an applied single-example update does not change it)."""
        t = self.trainer
        if self.scale[0] != t.epoch:
            self.scale = (t.epoch, arrow_scale(t.net, t.xs, t.ys))
        return self.scale[1]


def session_of(session):
    return SESSIONS.find(session)


def open_session(session, settings):
    return SESSIONS.open(session, Session(settings))
