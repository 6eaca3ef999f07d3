"""`breathe export ROUTINE -o DIR|FILE.zip`: a routine with what it includes, to share."""

from __future__ import annotations

import argparse

from breathe.cli.arguments import add_routine_argument
from breathe.cli.command import Command


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_routine_argument(parser)
    parser.add_argument(
        "-o", "--output", required=True, metavar="DIR|FILE.zip", help="a folder or a .zip file"
    )
    parser.add_argument("--force", action="store_true", help="replace existing files")


def run(args: argparse.Namespace) -> int:
    from breathe.cli.share import run_export

    return run_export(args.routine, args.output, force=args.force)


COMMAND = Command(
    "export",
    help="bundle a routine with what it includes and its sounds, to share it",
    add_arguments=add_arguments,
    run=run,
)
