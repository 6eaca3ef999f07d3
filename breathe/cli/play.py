"""`breathe play ROUTINE`: straight into a session, back to the shell when it ends."""

from __future__ import annotations

from breathe.app import BreatheApp
from breathe.cli import EXIT_OK, EXIT_PROBLEMS, UsageError
from breathe.cli.console import stdout_console
from breathe.cli.listing import load_catalog
from breathe.cli.validate import render_problem
from breathe.problems import RoutineFileError
from breathe.screens.session import PlayOptions
from breathe.screens.summary import summary_sentence


def run_play(name_or_path: str, options: PlayOptions) -> int:
    catalog = load_catalog()
    try:
        entry = catalog.find(name_or_path)
    except LookupError as error:
        raise UsageError(f"play: {error}") from None
    try:
        catalog.timeline(entry)
    except RoutineFileError as error:
        console = stdout_console()
        for problem in error.problems:
            console.print(render_problem(problem))
        return EXIT_PROBLEMS
    app = BreatheApp(catalog, options=options, play=entry)
    ended = app.run()
    if ended is not None:
        title = entry.routine.title if entry.routine else entry.name
        print(summary_sentence(title, ended))
    return EXIT_OK
