"""`breathe today`: today's routine of the active program, saying which day it is."""

from __future__ import annotations

import argparse

from breathe.cli.command import Command
from breathe.cli.exits import EXIT_PROBLEMS
from breathe.cli.play_options import add_play_options


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--list", action="store_true", help="list today's routines; play none")
    add_play_options(parser)


def run(args: argparse.Namespace) -> int:
    from datetime import datetime

    from breathe.cli.program import run_today
    from breathe.cli.settings import effective_settings

    options = effective_settings(args)
    if options is None:
        return EXIT_PROBLEMS
    now = datetime.now()
    return run_today(options, list_only=args.list, today=now.date(), moment=now)


COMMAND = Command(
    "today",
    help="play today's routine of the active program, saying which day it is",
    add_arguments=add_arguments,
    run=run,
    plays=True,
)
