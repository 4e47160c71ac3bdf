"""The network tool's settings, in one table, and its part of the page address.

A seed and the settings give the same run on every host, so the address
``#tool=sin,lr=0.001,batch_size=1,hidden=8-8-8,seed=0`` reproduces it: the data set first and
by itself, then the others by name. The format is public (readers and instructors copy these
links), so the names addresses used before each setting had one name everywhere (``data``,
``batch``, ``layers``) are still read; only the current names are written.
"""

from dataclasses import replace
from urllib.parse import unquote

from backprop.settings import Setting, Settings
from backprop.widgets.network_figure import DATASET, HIDDEN
from backprop.wording import say

LEARNING_RATES = (0.0001, 0.001, 0.003, 0.005, 0.01, 0.03, 0.1)  # the original's four, then more
BATCH_SIZES = (1, 5, 10, 25, 50)
MAX_SEED = 999_999

SETTINGS = Settings(
    replace(HIDDEN, address=True, old_names=("layers",)),
    replace(DATASET, address=True, old_names=("data",)),
    Setting("lr", 0.001, "the learning rate", choices=LEARNING_RATES, address=True),
    Setting("batch_size", 1, "the examples per update", choices=BATCH_SIZES, address=True,
            old_names=("batch",)),
    Setting("seed", 0, "the seed of the first weights and of the examples' order", low=0,
            high=MAX_SEED, address=True),
    Setting("address_key", "tool", "the name of the tool's part of the page address (#tool=…; "
            "'' for none), which two tools on one page must not share"),
)
RUN = ("dataset", "lr", "batch_size", "hidden", "seed")  # what makes a run, in the address's order


def checked_settings(settings=None):
    """A run's settings from the page (or the address), each checked by the table; a missing one
    takes its default. ValueError names the one refused."""
    checked = SETTINGS.checked(settings or {})
    return {name: checked[name] for name in RUN}


DEFAULTS = checked_settings()


def address_text(settings, key="tool"):
    """The settings as the part of the address after '#': tool=sin,lr=0.001,batch_size=1,…"""
    named = [f"{name}={SETTINGS[name].text(settings[name])}" for name in RUN[1:]]
    return f"{key}=" + ",".join([settings["dataset"], *named])


def parse_address(text, key="tool"):
    """(settings or None, notice) from an address fragment such as '#tool=cos,lr=0.003,…'.

    None when the fragment has no '<key>=' part (for example a section's anchor). A malformed
    part never fails: it keeps its default and the notice says which part was not understood.
    """
    fragment = unquote(text or "").lstrip("#")
    found = [part[len(key) + 1:] for part in fragment.split("&") if part.startswith(key + "=")]
    if not key or not found:
        return None, ""
    settings, problems = checked_settings(), []
    for item in filter(None, found[0].split(",")):
        name, _, value = item.partition("=") if "=" in item else ("dataset", "", item)
        setting = SETTINGS.in_address(name)
        if setting is None:
            problems.append(say("nt_unknown_setting", item=item))
            continue
        try:
            settings[setting.name] = setting.from_text(value)
        except ValueError:
            problems.append(f"“{item}”")
    notice = ""
    if problems:
        notice = say("nt_address_notice", problems=", ".join(problems))
    return settings, notice
