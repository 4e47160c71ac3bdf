"""``build``: content/ to a complete site/, atomically (builder/pipeline.py); with
``--single-file``, also the whole article as one HTML file (builder/single_file.py)."""

import logging

from builder.pipeline import build
from builder.single_file import build_single_file

log = logging.getLogger("builder")


def run(args):
    if getattr(args, "single_file", False):
        path = build_single_file(args.config, args.out, strict=args.strict)
        log.info("wrote the whole article as one file that works opened from disk: %s (%.1f MB)",
                 path, path.stat().st_size / 1e6)
        return 0
    build(args.config, args.out, strict=args.strict)
    return 0
