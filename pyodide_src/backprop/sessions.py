"""What a widget keeps in Python between calls: its sessions, and the page's share of a series.

A widget that trains (the network tool, linear training) keeps its run in Python, in a session
named by the id its script sends, never in a global shared by two figures; the page keeps only
what it draws. A series the page draws as it grows (a loss history, a trail) is sent in pieces:
each answer brings only the points the page lacks (``since``).
"""

from collections import OrderedDict


class Sessions(OrderedDict):
    """Sessions by name, at most ``limit``: opening one more drops the one used least recently.

    A page has a few figures at most, but one mounted again (or a page left open across many
    worker restarts) opens new names, so the oldest must go.
    """

    def __init__(self, limit):
        super().__init__()
        self.limit = limit

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
