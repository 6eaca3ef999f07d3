"""Finding the routine a command names, the same way for `show`, `play` and `render`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from breathe.cli.exits import UsageError
from breathe.core.problems import RoutineFileError
from breathe.format.spec import shown
from breathe.library.catalog import Catalog
from breathe.library.locations import bundled_routines_dir, user_routines_dir

if TYPE_CHECKING:
    from breathe.core.timeline import Timeline
    from breathe.library.catalog import Entry


def load_catalog() -> Catalog:
    return Catalog.load(bundled_routines_dir(), user_routines_dir())


def named_timeline(command: str, name_or_path: str) -> tuple[Catalog, Entry, Timeline] | None:
    """The routine `name_or_path` and its timeline; None once its problems are printed.

    An unknown name is a usage error (exit status 2); a broken routine prints its problems
    (the caller exits with status 1).
    """
    catalog = load_catalog()
    try:
        entry = catalog.find(name_or_path)
    except LookupError as error:
        raise UsageError(f"{command}: {shown(str(error))}") from None
    try:
        return catalog, entry, catalog.timeline(entry)
    except RoutineFileError as error:
        # Imported for a broken routine only: `breathe play NAME` starts without them.
        from breathe.cli.console import stdout_console
        from breathe.cli.validate import render_problem

        console = stdout_console()
        for problem in error.problems:
            console.print(render_problem(problem))
        return None
