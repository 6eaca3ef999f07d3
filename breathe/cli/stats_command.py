"""`breathe stats`: streaks, totals and the routines you practise most."""

from __future__ import annotations

import argparse

from breathe.cli.command import Command


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON for scripts")


def run(args: argparse.Namespace) -> int:
    from datetime import datetime

    from breathe.cli.history import print_stats

    return print_stats(as_json=args.json, today=datetime.now().astimezone().date())


COMMAND = Command(
    "stats",
    help="streaks, totals, the last 30 days and your most practised routines",
    add_arguments=add_arguments,
    run=run,
)
