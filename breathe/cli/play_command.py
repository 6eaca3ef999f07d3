"""`breathe play ROUTINE`: straight into a session, back to the shell when it ends."""

from __future__ import annotations

import argparse

from breathe.cli.arguments import add_routine_argument
from breathe.cli.command import Command
from breathe.cli.exits import EXIT_PROBLEMS
from breathe.cli.play_options import add_play_options


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_routine_argument(parser)
    add_play_options(parser)
    parser.add_argument(
        "--watch",
        action="store_true",
        help="open the routine's detail, reloaded each time its file is saved (for authors)",
    )


def run(args: argparse.Namespace) -> int:
    from breathe.cli.settings import effective_settings

    options = effective_settings(args)
    if options is None:
        return EXIT_PROBLEMS
    from breathe.cli.play import run_play  # the app: imported once the options are good

    return run_play(args.routine, options, watch=args.watch)


COMMAND = Command(
    "play",
    help="play a routine now, and return to the shell when it ends",
    add_arguments=add_arguments,
    run=run,
    plays=True,
    collects_at_once=False,
)
