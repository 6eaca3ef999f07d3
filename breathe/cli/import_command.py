"""`breathe import PATH`: a shared routine, checked, added to your routines."""

from __future__ import annotations

import argparse

from breathe.cli.command import Command


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("source", metavar="PATH", help="a routine file, a folder or a .zip")
    parser.add_argument(
        "--force",
        action="store_true",
        help="replace your routines of the same names (the old files are kept aside)",
    )


def run(args: argparse.Namespace) -> int:
    from breathe.cli.share import run_import

    return run_import(args.source, force=args.force)


COMMAND = Command(
    "import",
    help="check a shared routine (file, folder or .zip) and add it to your routines",
    add_arguments=add_arguments,
    run=run,
)
