"""`breathe journal`: the recovery journal, a few 0-10 scales noted once a day."""

from __future__ import annotations

import argparse

from breathe.cli.arguments import iso_date
from breathe.cli.command import Command


def scale_value(text: str) -> int:
    """A journal answer: a whole number from 0 to 10."""
    from breathe.history.journal import SCALE_HIGHEST, SCALE_LOWEST

    if not text.strip().isdigit() or not SCALE_LOWEST <= int(text) <= SCALE_HIGHEST:
        raise argparse.ArgumentTypeError(
            f"`{text}` is not a whole number from {SCALE_LOWEST} to {SCALE_HIGHEST}"
        )
    return int(text)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from breathe.history.journal import BUILT_IN_SCALES

    parser.add_argument(
        "--since", type=iso_date, metavar="YYYY-MM-DD", help="only entries from this day on"
    )
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print JSON for scripts")
    output.add_argument(
        "--csv", action="store_true", help="print CSV: a row a day, a column a scale"
    )
    actions = parser.add_subparsers(dest="journal_command", metavar="ACTION")
    add = actions.add_parser(
        "add",
        help="note today's entry (replaces the day's entry, if it has one)",
        description="Each scale from 0 to 10; leave out a scale to pass over it.",
    )
    for scale in BUILT_IN_SCALES:
        add.add_argument(
            f"--{scale.key}",
            type=scale_value,
            metavar="0-10",
            help=f"{scale.label.lower()}: 0 {scale.low}, 10 {scale.high}",
        )
    add.add_argument("--own", type=scale_value, metavar="0-10", help="your own scale")
    add.add_argument(
        "--date", type=iso_date, metavar="YYYY-MM-DD", help="the day it is for (default: today)"
    )
    naming = actions.add_parser("scale", help="name your own scale, once (or --none)")
    named = naming.add_mutually_exclusive_group(required=True)
    named.add_argument("name", nargs="?", metavar="NAME", help='such as "knee stiffness"')
    named.add_argument("--none", action="store_true", help="have no scale of your own")


def run(args: argparse.Namespace) -> int:
    from datetime import datetime

    from breathe.cli import journal
    from breathe.history.journal import BUILT_IN_SCALES

    today = datetime.now().date()
    if args.journal_command == "add":
        values = {s.key: getattr(args, s.key) for s in BUILT_IN_SCALES}
        return journal.run_journal_add(values, own=args.own, day=args.date or today)
    if args.journal_command == "scale":
        return journal.run_journal_scale(None if args.none else args.name)
    return journal.run_journal_list(args.since, as_json=args.json, as_csv=args.csv)


COMMAND = Command(
    "journal",
    help="a few 0-10 scales a day, to bring to your clinician (add, scale, --csv)",
    description="The recovery journal: numbness or tingling, cold hands or feet, cramps, "
    "sleep quality and a scale of your own, 0 to 10, once a day. The app asks after an "
    "evening session; `breathe journal add` notes it here. breathe shows the numbers and "
    "draws no conclusions from them.",
    add_arguments=add_arguments,
    run=run,
)
