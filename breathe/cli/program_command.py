"""`breathe program ACTION`: following a multi-day program (list, start, status, ...)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from breathe.cli.arguments import iso_date
from breathe.cli.command import Command

if TYPE_CHECKING:
    from collections.abc import Callable


CHOICE_HELP = (
    "for the whole program, do ALTERNATIVE wherever it plays ROUTINE, on its own or inside a "
    "longer routine (e.g. legs-up-the-wall=constructive-rest); one of the alternatives the "
    "program offers (`breathe program status` lists them)"
)


def routine_choice(text: str) -> tuple[str, str]:
    """`ROUTINE=ALTERNATIVE`, as two routine names."""
    routine, sign, alternative = text.partition("=")
    if not sign or not routine.strip() or not alternative.strip():
        raise argparse.ArgumentTypeError(
            f"`{text}` is not ROUTINE=ALTERNATIVE (e.g. legs-up-the-wall=constructive-rest)"
        )
    return routine.strip(), alternative.strip()


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="program_command", metavar="ACTION", required=True)
    actions.add_parser("list", help="list the programs you can start")
    start = actions.add_parser(
        "start", help="start a program: day 1 is today, or the date given with --date"
    )
    start.add_argument("name", metavar="NAME", help="a program name, as `breathe program list`")
    start.add_argument(
        "--date",
        type=iso_date,
        metavar="YYYY-MM-DD",
        help="the date of day 1 (default: today); an earlier date takes up a program again",
    )
    start.add_argument(
        "--force", action="store_true", help="replace the program that is active, if any"
    )
    start.add_argument(
        "--instead",
        type=routine_choice,
        action="append",
        metavar="ROUTINE=ALTERNATIVE",
        help=CHOICE_HELP + "; repeatable",
    )
    choose = actions.add_parser(
        "choose",
        help="change what the active program plays instead of its routines, from now on",
    )
    choose.add_argument(
        "choices", nargs="*", type=routine_choice, metavar="ROUTINE=ALTERNATIVE", help=CHOICE_HELP
    )
    choose.add_argument(
        "--as-planned",
        action="append",
        default=[],
        metavar="ROUTINE",
        help="do ROUTINE as the program plans it again; repeatable",
    )
    actions.add_parser("status", help="which day it is, today's routines and the checklist")
    for verb in ("tick", "untick"):
        tick = actions.add_parser(verb, help=f"{verb} an item of today's checklist")
        tick.add_argument(
            "item", metavar="ITEM", help="its number in `program status`, or its text"
        )
    actions.add_parser("stop", help="stop following the active program")
    actions.add_parser("locate", help="print the folder for your own programs (creating it)")
    actions.add_parser("schema", help="print the JSON Schema of program files")


def run(args: argparse.Namespace) -> int:
    """The action named; the day is today's local date."""
    from datetime import datetime

    from breathe.cli import program

    now = datetime.now()
    actions: dict[str, Callable[[], int]] = {
        "list": program.run_program_list,
        "start": lambda: program.run_program_start(
            args.name, args.date, force=args.force, today=now.date(), instead=args.instead
        ),
        "status": lambda: program.run_program_status(now.date(), now),
        "choose": lambda: program.run_program_choose(
            args.choices, args.as_planned, today=now.date()
        ),
        "tick": lambda: program.run_program_tick(args.item, today=now.date(), ticked=True),
        "untick": lambda: program.run_program_tick(args.item, today=now.date(), ticked=False),
        "stop": lambda: program.run_program_stop(now.date()),
        "schema": program.run_program_schema,
        "locate": program.run_program_locate,
    }
    return actions[args.program_command]()


COMMAND = Command(
    "program",
    help="follow a multi-day program: list, start, status, stop",
    description="A program plans routines over many days (`breathe docs programs`). "
    "Exit status: 0 ok, 1 problems (a broken program, one already active), 2 usage.",
    add_arguments=add_arguments,
    run=run,
    action_dest="program_command",
)
