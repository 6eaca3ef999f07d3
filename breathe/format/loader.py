"""Turn a routine file into a `Routine`, or a `RoutineFileError` listing every problem.

Routines go through the same pipeline as programs (`breathe.format.document`): whatever
bytes it is given, `parse_routine` returns a routine or raises RoutineFileError, and
nothing else escapes (a hypothesis test holds it to that).
"""

from __future__ import annotations

from breathe.core.model import FORMAT_VERSION, Routine
from breathe.format.document import Document, file_name
from breathe.format.routine_spec import ROUTINE
from breathe.format.yaml_source import YAML_SUFFIXES

ROUTINE_SUFFIXES = YAML_SUFFIXES

ROUTINE_FILE = Document("routine", FORMAT_VERSION, ROUTINE, Routine, {"format": "format_version"})

routine_name = file_name
load_routine = ROUTINE_FILE.load
parse_routine = ROUTINE_FILE.parse
