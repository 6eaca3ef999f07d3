"""`breathe about`: the safety notice."""

from __future__ import annotations

import argparse

from breathe.cli.command import Command


def run(args: argparse.Namespace) -> int:
    from breathe.cli.about import run_about

    return run_about()


COMMAND = Command("about", help="the safety notice: educational, not medical advice", run=run)
