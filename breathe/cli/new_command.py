"""`breathe new NAME`: a commented, valid routine to start from."""

from __future__ import annotations

import argparse

from breathe.cli.command import Command


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from breathe.library.scaffolds import KINDS  # this command reads routines anyway

    parser.add_argument("name", metavar="NAME", help="the routine's name: its file name")
    parser.add_argument("--kind", choices=KINDS, help="what it starts with (default: mixed)")
    parser.add_argument("--from", dest="from_routine", metavar="ROUTINE", help="copy this routine")
    parser.add_argument("--title", help="the title people see (default: from NAME)")
    parser.add_argument(
        "-o", "--output", metavar="PATH", help="a folder, or a .yaml file (default: your folder)"
    )
    parser.add_argument("--force", action="store_true", help="replace an existing file")


def run(args: argparse.Namespace) -> int:
    from breathe.cli.new import run_new

    return run_new(
        args.name,
        kind=args.kind,
        from_routine=args.from_routine,
        output=args.output,
        title=args.title,
        force=args.force,
    )


COMMAND = Command(
    "new",
    help="write a commented, valid routine to start from",
    description="Write a new routine file, commented and valid, into your routine folder "
    "(or -o). Refuses to replace a file unless --force.",
    add_arguments=add_arguments,
    run=run,
)
