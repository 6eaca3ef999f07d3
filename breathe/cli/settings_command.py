"""`breathe settings`: where the settings file is, and the settings in effect."""

from __future__ import annotations

import argparse

from breathe.cli.command import Command


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--path", action="store_true", help="print only the file's path")
    parser.add_argument(
        "--init", action="store_true", help="write a commented settings file, if there is none"
    )


def run(args: argparse.Namespace) -> int:
    from breathe.cli.settings import run_settings

    return run_settings(path_only=args.path, init=args.init)


COMMAND = Command(
    "settings",
    help="print where the settings file is and the settings in effect",
    description="Print the settings file's path and the settings in effect (the file's, "
    "else the defaults). The command line's options win over the file.",
    add_arguments=add_arguments,
    run=run,
)
