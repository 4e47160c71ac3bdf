"""The Backprop Explainer tool (article 2.3): train a deep network and step through one update.

One module per job:

    settings   the settings, checked, and the tool's part of the page address (#tool=…)
    session    each tool on a page owns a session here, holding its run (a mlp.Trainer)
    history    the loss chart's points, bounded however long the run
    view       what the page draws after each op: numbers, texts, curve, chart axes
    steps      the step-through of one example's update, phase by phase
    ops        the verbs the page calls (OPS), each answering plain JSON
"""

from backprop.widgets.network_tool.ops import OPS, initial
from backprop.widgets.network_tool.settings import SETTINGS

__all__ = ["OPS", "SETTINGS", "initial"]
