"""The network tool's loss history: (epoch, loss) points for the chart, bounded however long it runs."""

from backprop.sessions import since

HISTORY_CAP = 200  # the loss chart keeps between CAP and 2·CAP points, however long the run


class LossHistory:
    """(epoch, loss) points for the chart, thinned as the run grows so that drawing stays cheap.

    Points are kept every ``stride`` epochs; when there are more than 2·cap, every other one goes
    and the stride doubles. The page appends the new points it is sent and redraws from scratch
    only after a thinning.
    """

    def __init__(self, cap=HISTORY_CAP):
        self.cap, self.stride, self.points = cap, 1, []

    def add(self, epoch, loss):
        if loss is None or epoch % self.stride:
            return
        self.points.append([epoch, loss])
        if len(self.points) > 2 * self.cap:
            self.points = self.points[::2]  # epochs 0, s, 2s, … keep 0, 2s, 4s, …
            self.stride *= 2

    def since(self, have=None):
        """The points the page lacks, given what it has: have = [stride, count] (None: nothing)."""
        return since(self.points, self.stride, have)
