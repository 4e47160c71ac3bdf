"""``check``: prints every broken link, anchor, asset reference and twice-used id of the built
site (builder/site_check.py), and exits non-zero when there is one."""

import logging
import sys
from pathlib import Path

from builder.site_check import problems_in

log = logging.getLogger("builder")


def run(args):
    if not Path(args.out).is_dir():
        print(f"error: {args.out}: no built site here; build it first (build --out {args.out})",
              file=sys.stderr)
        return 1
    problems = problems_in(args.out)
    for problem in problems:
        print(problem)
    if problems:
        print(f"check: {len(problems)} broken reference(s) in {args.out}")
        return 1
    log.info("check: every link, anchor and asset in %s resolves", args.out)
    return 0
