"""`breathe show ROUTINE`: a routine's timeline with its total, once or on every save."""

from __future__ import annotations

import argparse

from breathe.cli.arguments import add_routine_argument
from breathe.cli.command import Command


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_routine_argument(parser)
    parser.add_argument(
        "--segments", action="store_true", help="list every breath and hold, not only the steps"
    )
    parser.add_argument(
        "--watch", action="store_true", help="show it again each time the file is saved"
    )


def run(args: argparse.Namespace) -> int:
    if args.watch:
        from breathe.cli.watch import run_show_watch

        return run_show_watch(args.routine, segments=args.segments)
    from breathe.cli.listing import run_show

    return run_show(args.routine, segments=args.segments)


COMMAND = Command(
    "show",
    help="show a routine's timeline with its total",
    add_arguments=add_arguments,
    run=run,
)
