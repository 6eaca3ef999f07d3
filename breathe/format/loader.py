"""Turn a routine file into a `Routine`, or a `RoutineFileError` listing every problem.

Whatever bytes it is given, `parse_routine` returns a routine or raises RoutineFileError:
nothing else escapes (a hypothesis test holds it to that).
"""

from __future__ import annotations

from pathlib import Path

from breathe.core.model import FORMAT_VERSION, NO_SOUNDS, Feel, Level, Routine
from breathe.format.routine_spec import ROUTINE, RoutineChecker
from breathe.format.spec import check_document
from breathe.format.yaml_source import YAML_SUFFIXES, read_source

ROUTINE_SUFFIXES = YAML_SUFFIXES


def routine_name(path: Path) -> str:
    """A routine's name is its file name without the suffix."""
    return path.stem


def load_routine(path: Path, display_path: str | None = None) -> Routine:
    """Read and check the routine file at `path`."""
    shown = display_path or str(path)
    data = read_source(path, shown)
    return parse_routine(data, shown, routine_name(path), path)


def parse_routine(data: bytes, shown_path: str, name: str, path: Path | None = None) -> Routine:
    """Check `data` as a routine file; `shown_path` is how problems name the file."""
    # Own sound files are found next to the routine file (or next to `shown_path`).
    checker = RoutineChecker(shown_path, folder=(path or Path(shown_path)).parent)
    values, location = check_document(data, ROUTINE, checker)
    return Routine(
        name=name,
        title=values["title"],
        steps=values["steps"],
        path=path if path is not None else Path(shown_path),
        description=values.get("description", ""),
        tags=values.get("tags", ()),
        level=Level(values["level"]) if "level" in values else None,
        feel=Feel(values["feel"]) if "feel" in values else None,
        author=values.get("author", ""),
        safety=values.get("safety", ""),
        format_version=values.get("format", FORMAT_VERSION),
        location=location,
        sounds=values.get("sounds", NO_SOUNDS),
    )
