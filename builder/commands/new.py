"""``new DIR``: a minimal article that builds and runs as it is (builder/scaffold.py), and how to
build it."""

import shlex
import sys
from pathlib import Path

from builder.scaffold import create


def run(args):
    try:
        config = create(args.directory, args.title)
    except (OSError, ValueError) as err:  # a taken file, a read-only folder, an empty title
        print(f"error: {err}", file=sys.stderr)
        return 1
    site = Path(args.directory) / "site"
    print(f"Created {config}. Build it with:\n"
          f"  python -m builder build --config {shlex.quote(str(config))} "
          f"--out {shlex.quote(str(site))}")
    return 0
