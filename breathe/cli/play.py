"""`breathe play ROUTINE`: straight into a session, back to the shell when it ends."""

from __future__ import annotations

from breathe.app import BreatheApp
from breathe.cli import EXIT_OK, EXIT_PROBLEMS
from breathe.cli.routines import named_timeline
from breathe.screens.session import PlayOptions


def run_play(name_or_path: str, options: PlayOptions, *, watch: bool = False) -> int:
    found = named_timeline("play", name_or_path)
    if found is None:
        return EXIT_PROBLEMS
    catalog, entry, _ = found
    if watch:  # for authors: the detail screen, reloaded on every save, until they quit
        from breathe.cli.routines import load_catalog
        from breathe.watch import RoutineWatch

        live = RoutineWatch(entry.path, load_catalog)
        if live.last_good is None:  # broken since a moment ago: say so, as above
            return run_play(name_or_path, options)
        BreatheApp(catalog, options=options, live=live).run()
        return EXIT_OK
    app = BreatheApp(catalog, options=options, play=entry)
    ended = app.run()
    if ended is not None:
        from breathe.screens.summary import summary_sentence  # after the session, not before

        title = entry.routine.title if entry.routine else entry.name
        print(summary_sentence(title, ended))
    return EXIT_OK
