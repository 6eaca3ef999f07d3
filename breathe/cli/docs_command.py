"""`breathe docs [NAME]`: the guides that come with breathe."""

from __future__ import annotations

import argparse

from breathe.cli.command import Command


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", metavar="NAME", nargs="?", help="a guide: routines, programs, ...")
    parser.add_argument("--path", action="store_true", help="print only where the file is")


def run(args: argparse.Namespace) -> int:
    from breathe.cli.docs import run_docs

    return run_docs(args.name, path_only=args.path)


COMMAND = Command(
    "docs",
    help="list the guides (the routine format, a tutorial, programs), or print one",
    description="The guides that come with breathe. Without NAME: each one's name, title "
    "and file. With NAME: the guide, as Markdown (try `breathe docs routines | less`).",
    add_arguments=add_arguments,
    run=run,
)
