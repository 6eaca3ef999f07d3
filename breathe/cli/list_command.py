"""`breathe list`: the routines you can play."""

from __future__ import annotations

import argparse

from breathe.cli.command import Command


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON for scripts")


def run(args: argparse.Namespace) -> int:
    from breathe.cli.listing import run_list

    return run_list(as_json=args.json)


COMMAND = Command(
    "list", help="list the routines you can play", add_arguments=add_arguments, run=run
)
