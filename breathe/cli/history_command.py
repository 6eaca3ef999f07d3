"""`breathe history`: the sessions you have practised."""

from __future__ import annotations

import argparse

from breathe.cli.arguments import iso_date
from breathe.cli.command import Command

# The table lists the newest this many unless told (`--limit N`, `--all`): at 100,000
# sessions, a table of every one took half a minute and 467 MiB to print.
SHOWN_BY_DEFAULT = 50


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--since", type=iso_date, metavar="YYYY-MM-DD", help="only sessions from this day on"
    )
    shown = parser.add_mutually_exclusive_group()
    shown.add_argument(
        "--limit",
        type=positive_count,
        metavar="N",
        help=f"the last N sessions (the table shows the last {SHOWN_BY_DEFAULT} unless told)",
    )
    shown.add_argument("--all", action="store_true", help="every session, however many")
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print JSON for scripts")
    output.add_argument("--csv", action="store_true", help="print CSV, to export to a spreadsheet")


def run(args: argparse.Namespace) -> int:
    from breathe.cli.history import print_history

    last: int | None = args.limit
    if last is None and not (args.all or args.json or args.csv):
        last = SHOWN_BY_DEFAULT  # an export is whole unless --limit says otherwise
    return print_history(args.since, as_json=args.json, as_csv=args.csv, last=last)


def positive_count(text: str) -> int:
    """`--limit`'s N: a whole number from 1."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number from 1, not {text!r}")
    return value


COMMAND = Command(
    "history",
    help="the sessions you have practised (--json, --csv to export)",
    description=f"The last {SHOWN_BY_DEFAULT} sessions recorded (--limit N, --all), oldest "
    "first: when (local time), the routine, the practice time (pauses excluded), the steps "
    "done, and how it ended; the sums under them are over every session. --json and --csv "
    "export every session unless --limit is given.",
    add_arguments=add_arguments,
    run=run,
)
