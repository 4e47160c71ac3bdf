"""Command line: python -m builder VERB; each verb lives in builder/commands/VERB.py."""

import argparse
import importlib
import logging
import sys

from builder.errors import BuildError

VERBS = {
    "build": "Build the article into a static folder.",
    "serve": "Build, then serve the article on 127.0.0.1.",
    "check": "Check that every link, anchor and asset reference in the built site resolves.",
    "new": "Create a minimal article (one section, a built-in widget and one of its own) in a new "
           "folder.",
    "widgets": "List every widget the article can place, built-in and its own, with their options.",
}


class Parser(argparse.ArgumentParser):
    def error(self, message):
        # One line, like every other error of the generator (argparse adds the whole usage).
        self.exit(2, f"error: {self.prog}: {message} (see {self.prog} --help)\n")


def port_number(text):
    """--port: a whole number from 0 to 65535 (0 lets the system pick a free port)."""
    try:
        port = int(text)
    except ValueError:
        port = None
    if port is None or not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"'{text}' is not a port: give a whole number from 0 to "
                                         "65535 (0 picks a free one)")
    return port


def parser():
    top = Parser(prog="backprop-explainer", description=__doc__)
    verbs = top.add_subparsers(dest="verb", required=True, metavar="VERB")
    for verb, help_text in VERBS.items():
        sub = verbs.add_parser(verb, help=help_text, description=help_text)
        if verb == "new":
            sub.add_argument("directory", help="folder for the new article")
            sub.add_argument("--title", help="the article's title (default: from the folder's "
                                             "name)")
        else:
            sub.add_argument("--config", default="content/article.toml",
                             help="the article's config file (default: %(default)s)")
        if verb not in ("new", "widgets"):
            sub.add_argument("--out", default="site", help="output folder (default: %(default)s)")
        if verb in ("build", "serve"):
            sub.add_argument("--strict", action="store_true",
                             help="treat warnings (unmarked glossary terms, skipped heading "
                                  "levels, images without alt text) as errors")
        sub.add_argument("-v", "--verbose", action="store_true", help="say more")
        sub.add_argument("-q", "--quiet", action="store_true", help="only errors")
        if verb == "build":
            sub.add_argument("--single-file", action="store_true",
                             help="also write the whole article as one HTML file that stays live "
                                  "opened from disk: OUT/TITLE.html, named after the article's "
                                  "title, or only that file when --out ends in .html")
        if verb == "serve":
            sub.add_argument("--host", default="127.0.0.1")
            sub.add_argument("--port", type=port_number, default=8000)
            sub.add_argument("--open", action="store_true",
                             help="open the article in the default browser once it is served")
    return top


def main(argv=None):
    args = parser().parse_args(argv)
    level = logging.DEBUG if args.verbose else logging.WARNING if args.quiet else logging.INFO
    logging.basicConfig(level=level, format="%(message)s")
    command = importlib.import_module(f"builder.commands.{args.verb}")
    try:
        return command.run(args)
    except BuildError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
