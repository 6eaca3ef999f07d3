"""`breathe play ROUTINE`: straight into a session, back to the shell when it ends."""

from __future__ import annotations

import argparse

from breathe.cli.arguments import add_routine_argument
from breathe.cli.command import Command
from breathe.cli.exits import EXIT_PROBLEMS, UsageError
from breathe.cli.play_options import add_play_options


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_routine_argument(parser)
    add_play_options(parser)
    parser.add_argument(
        "--watch",
        action="store_true",
        help="open the routine's detail, reloaded each time its file is saved (for authors)",
    )
    parser.add_argument(
        "--from-step",
        type=step_number,
        default=1,
        metavar="N",
        help="start at step N, numbered as `breathe show` and the routine's page number them "
        "(to try the end of a long routine); the history records the steps before it as "
        "left out",
    )


def step_number(text: str) -> int:
    """`--from-step`: a whole number from 1 (the routine's own count is checked once it is
    read)."""
    if not text.strip().isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"`{text}` is not a step number: 1, 2, 3…")
    return int(text)


def run(args: argparse.Namespace) -> int:
    from breathe.cli.settings import effective_settings

    options = effective_settings(args)
    if options is None:
        return EXIT_PROBLEMS
    if args.from_step != 1 and args.watch:
        raise UsageError(
            "play: --from-step and --watch do not go together: the page of a "
            "watched routine starts from any step (Tab to the steps, Enter)"
        )
    from dataclasses import replace

    from breathe.cli.play import run_play  # the app: imported once the options are good

    return run_play(args.routine, replace(options, from_step=args.from_step), watch=args.watch)


COMMAND = Command(
    "play",
    help="play a routine now, and return to the shell when it ends",
    add_arguments=add_arguments,
    run=run,
    plays=True,
    collects_at_once=False,
)
