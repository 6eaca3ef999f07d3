"""`breathe history`: the sessions you have practised."""

from __future__ import annotations

import argparse

from breathe.cli.arguments import iso_date
from breathe.cli.command import Command


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--since", type=iso_date, metavar="YYYY-MM-DD", help="only sessions from this day on"
    )
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print JSON for scripts")
    output.add_argument("--csv", action="store_true", help="print CSV, to export to a spreadsheet")


def run(args: argparse.Namespace) -> int:
    from breathe.cli.history import print_history

    return print_history(args.since, as_json=args.json, as_csv=args.csv)


COMMAND = Command(
    "history",
    help="the sessions you have practised (--json, --csv to export)",
    description="Every recorded session, oldest first: when (local time), the routine, "
    "the practice time (pauses excluded), the steps done, and how it ended.",
    add_arguments=add_arguments,
    run=run,
)
