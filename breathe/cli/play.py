"""`breathe play ROUTINE`: straight into a session; its summary stays until the person leaves
(Enter, q, Esc; `r` plays it again), then back to the shell with the one line it prints."""

from __future__ import annotations

import contextlib
import signal
import sys

from breathe.cli.exits import EXIT_OK, EXIT_PROBLEMS, UsageError
from breathe.cli.routines import named_timeline
from breathe.core.options import PlayOptions
from breathe.core.paste import breathe_command
from breathe.core.words import counted
from breathe.ui.app import BreatheApp


def run_play(
    name_or_path: str,
    options: PlayOptions,
    *,
    watch: bool = False,
    program: str | None = None,
    day: int | None = None,
    instead: dict[str, str] | None = None,
) -> int:
    """Play a routine; `program` and `day` are recorded in the history when it is a
    program's, and `instead` (routine -> alternative) plays the alternatives the person
    chose for that program in place of the routines it includes. A signal (SIGINT,
    SIGTERM, SIGHUP) records the session as stopped and exits with 128 + its number."""
    found = named_timeline("play", name_or_path)
    if found is None:
        return EXIT_PROBLEMS
    catalog, entry, timeline = found
    if options.from_step > len(timeline.steps):
        from breathe.core.from_step import step_range

        raise UsageError(
            f"play: --from-step {options.from_step}: {entry.name} has "
            f"{counted(len(timeline.steps), 'step')}; start from one of {step_range(timeline)} "
            f"(`{breathe_command('show', name_or_path)}` numbers them)"
        )
    catalog = catalog.choosing(instead or {})
    if watch:  # for authors: the detail screen, reloaded on every save, until they quit
        from breathe.cli.routines import load_catalog
        from breathe.library.watch import RoutineWatch

        live = RoutineWatch(entry.path, load_catalog)
        if live.last_good is None:  # broken since a moment ago: say so, as above
            return run_play(name_or_path, options)
        watching = BreatheApp(catalog, options=options, live=live)
        watching.run()
        return EXIT_OK
    app = BreatheApp(catalog, options=options, play=entry, program=program, day=day)
    app.notice_on_start = True  # the first-run notice, until dismissed for good
    ended = app.run()  # the app closes the history it opened as it ends
    if app.exit_signal == signal.SIGHUP:
        return 128 + app.exit_signal  # the terminal is gone: nowhere to print
    if ended is not None:
        from breathe.cli.console import print_wrapped, stdout_console
        from breathe.ui.screens.summary import summary_sentence  # after the session, not before

        title = entry.routine.title if entry.routine else entry.name
        print_wrapped(stdout_console(), summary_sentence(title, ended))  # between words
    if app.sound_problem:  # said on the session's status line; here whole, with the way out
        say_sound_notice_once(app.sound_problem)
    return 128 + app.exit_signal if app.exit_signal else EXIT_OK


def say_sound_notice_once(reason: str) -> None:
    """Why the cues did not play through a sound device, in one calm line: once, and again
    only when the reason changes (the library says it on the same terms)."""
    from breathe.library.state import StateFileError, remember_sound_notice, sound_notice_due
    from breathe.ui.sound_notice import sound_line

    if not sound_notice_due(reason):
        return
    print(f"breathe: {sound_line(reason)}", file=sys.stderr)
    with contextlib.suppress(StateFileError, OSError):  # then it is said again next time
        remember_sound_notice(reason)
