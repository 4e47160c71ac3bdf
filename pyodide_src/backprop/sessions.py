"""What a widget keeps in Python between calls: its sessions, and the page's share of a series.

A widget that trains (the network tool, linear training) keeps its run in Python, in a session
named by the id its script sends, never in a global shared by two figures; the page keeps only
what it draws. A series the page draws as it grows (a loss history, a trail) is sent in pieces:
each answer brings only the points the page lacks (``since``).

One Python may serve several pages at once (the embed pages of one course page share a worker,
static/js/shared-worker.mjs), and two of them may hold the same widget with the same id: the
worker then names each page (its client), ``backprop.api`` puts that name before every session
name it is given (``client_session``), and ``release`` drops a page's sessions once it closes.
"""

from collections import OrderedDict

_EVERY = []  # every Sessions made (one per widget module, kept for Python's lifetime)


def client_session(client, name):
    """The name ``client``'s session ``name`` goes by; a lone page (no client) keeps its own."""
    return f"{client}/{name}" if client else name


def release(client):
    """Drop every session of ``client`` (a page that closed); how many there were."""
    prefix = client_session(client, "")
    dropped = 0
    for sessions in _EVERY:
        for name in [name for name in sessions if name.startswith(prefix)]:
            del sessions[name]
            dropped += 1
    return dropped


class Sessions(OrderedDict):
    """Sessions by name, at most ``limit``: opening one more drops the one used least recently.

    A page has a few figures at most, but one mounted again (or a page left open across many
    worker restarts) opens new names, so the oldest must go.
    """

    def __init__(self, limit):
        super().__init__()
        self.limit = limit
        _EVERY.append(self)

    def open(self, name, session):
        """Keep ``session`` under ``name`` (replacing any before it) and return it."""
        self[name] = session
        self.move_to_end(name)
        while len(self) > self.limit:
            self.popitem(last=False)
        return session

    def find(self, name):
        """The session named ``name``; KeyError if Python has none (never opened, or dropped)."""
        if name not in self:
            raise KeyError(f"no training session {name!r}: reset it first")
        self.move_to_end(name)
        return self[name]


def since(points, stride, have=None):
    """The points of a thinned series the page lacks, given what it has: have = [stride, count].

    The series keeps a point every ``stride`` steps and only ever appends, until it is thinned
    (every other point goes and the stride doubles). So while the stride is the one the page has,
    its ``count`` points are still the first ones, and it needs only the rest; after a thinning,
    or with nothing yet (have is None), it gets them all, to replace its own. Stateless, so an
    answer the page never received loses nothing: the next one catches up.
    """
    have_stride, count = have or (0, 0)
    if have_stride != stride or not 0 <= count <= len(points):
        return {"replace": True, "stride": stride, "points": list(points)}
    return {"replace": False, "stride": stride, "points": list(points[count:])}
