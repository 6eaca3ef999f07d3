"""`breathe locate`: the folder for your own routines."""

from __future__ import annotations

import argparse

from breathe.cli.command import Command
from breathe.cli.exits import EXIT_OK


def run(args: argparse.Namespace) -> int:
    from breathe.library.locations import user_routines_dir

    print(user_routines_dir(create=True))
    return EXIT_OK


COMMAND = Command("locate", help="print the folder for your own routines (creating it)", run=run)
