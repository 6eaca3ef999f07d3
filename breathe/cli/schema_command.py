"""`breathe schema`: the JSON Schema of routine files, for editors."""

from __future__ import annotations

import argparse
import sys

from breathe.cli.command import Command
from breathe.cli.exits import EXIT_OK


def run(args: argparse.Namespace) -> int:
    from breathe.format.schema import routine_json_schema_text

    sys.stdout.write(routine_json_schema_text())
    return EXIT_OK


COMMAND = Command("schema", help="print the JSON Schema of routine files", run=run)
