"""The network tool's settings and its part of the page address.

Settings: data set, learning rate, batch size, hidden layer widths and the seed. A seed and the
settings give the same run on every host, so the address ``#tool=sin,lr=0.001,batch=1,
layers=8-8-8,seed=0`` reproduces it.
"""

from urllib.parse import unquote

from backprop import mlp
from backprop.datasets import CURVES
from backprop.widgets.network_figure import parse_hidden

DATASETS = list(CURVES)  # sin (the default), cos, tanh
LEARNING_RATES = [0.0001, 0.001, 0.003, 0.005, 0.01, 0.03, 0.1]  # the original's four, then more
BATCH_SIZES = [1, 5, 10, 25, 50]
DEFAULTS = {"dataset": "sin", "lr": 0.001, "batch_size": 1, "hidden": [8, 8, 8], "seed": 0}
MAX_SEED = 999_999


def checked_settings(settings):
    """Settings from the page's own controls, validated (ValueError names the bad one)."""
    s = {**DEFAULTS, **(settings or {})}
    hidden = parse_hidden(s["hidden"]) if isinstance(s["hidden"], str) else list(s["hidden"])
    if (len(hidden) > mlp.MAX_HIDDEN_LAYERS
            or not all(n == int(n) and 1 <= n <= mlp.MAX_WIDTH for n in hidden)):
        raise ValueError(f"hidden layers {hidden!r}: at most {mlp.MAX_HIDDEN_LAYERS} of 1 to "
                         f"{mlp.MAX_WIDTH} neurons")
    hidden = [int(n) for n in hidden]
    if s["dataset"] not in DATASETS:
        raise ValueError(f"unknown data set {s['dataset']!r}")
    if float(s["lr"]) not in LEARNING_RATES:
        raise ValueError(f"learning rate {s['lr']!r} is not offered")
    if int(s["batch_size"]) not in BATCH_SIZES:
        raise ValueError(f"batch size {s['batch_size']!r} is not offered")
    if not 0 <= int(s["seed"]) <= MAX_SEED:
        raise ValueError(f"seed {s['seed']!r} is not in 0…{MAX_SEED}")
    return {"dataset": s["dataset"], "lr": float(s["lr"]), "batch_size": int(s["batch_size"]),
            "hidden": hidden, "seed": int(s["seed"])}


def address_text(settings, key="tool"):
    """The settings as the part of the address after '#': tool=sin,lr=0.001,batch=1,…"""
    layers = "-".join(map(str, settings["hidden"])) or "0"
    return (f"{key}={settings['dataset']},lr={settings['lr']:g},batch={settings['batch_size']},"
            f"layers={layers},seed={settings['seed']}")


def parse_address(text, key="tool"):
    """(settings or None, notice) from an address fragment such as '#tool=cos,lr=0.003,…'.

    None when the fragment has no '<key>=' part (for example a section's anchor). A malformed
    part never fails: it keeps its default and the notice says which part was not understood.
    """
    fragment = unquote(text or "").lstrip("#")
    found = [part[len(key) + 1:] for part in fragment.split("&") if part.startswith(key + "=")]
    if not key or not found:
        return None, ""
    settings, problems = dict(DEFAULTS), []
    readers = {"data": ("dataset", _read_dataset), "lr": ("lr", _read_lr),
               "batch": ("batch_size", _read_batch), "layers": ("hidden", parse_hidden),
               "seed": ("seed", _read_seed)}
    for item in filter(None, found[0].split(",")):
        name, _, value = item.partition("=") if "=" in item else ("data", "", item)
        if name not in readers:
            problems.append(f"“{item}” (unknown setting)")
            continue
        field, read = readers[name]
        try:
            settings[field] = read(value)
        except ValueError:
            problems.append(f"“{item}”")
    notice = ""
    if problems:
        notice = (f"The address had settings this tool does not understand: {', '.join(problems)}. "
                  "Those keep their default values.")
    return settings, notice


def _read_dataset(text):
    if text not in DATASETS:
        raise ValueError(text)
    return text


def _read_lr(text):
    lr = float(text)
    if lr not in LEARNING_RATES:
        raise ValueError(text)
    return lr


def _read_batch(text):
    size = int(text)
    if size not in BATCH_SIZES:
        raise ValueError(text)
    return size


def _read_seed(text):
    seed = int(text)
    if not 0 <= seed <= MAX_SEED:
        raise ValueError(text)
    return seed
