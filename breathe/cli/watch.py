"""`breathe validate --watch` and `breathe show --watch`: the result again on every save.

Both poll with `breathe.library.watch` and print the whole new result after a separator line
naming what changed. Ctrl-C or SIGTERM (`kill`) ends them with status 0, however the
process was started (`StopSignals`): stopping a watch is not a failure.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from rich.text import Text

from breathe.cli.console import print_wrapped, stdout_console
from breathe.cli.exits import EXIT_OK, UsageError
from breathe.cli.listing import print_routine
from breathe.cli.routines import load_catalog
from breathe.cli.validate import (
    check_files,
    collect_files,
    print_results,
    render_problem,
    results_json,
)
from breathe.core.words import counted
from breathe.format.spec import shown
from breathe.library.watch import (
    POLL_SECONDS,
    Broken,
    Change,
    RoutineWatch,
    Sleep,
    StopSignals,
    Watcher,
    wait_for_changes,
)


def _files_in(folder: Path) -> list[Path]:
    try:
        return collect_files([str(folder)])
    except UsageError:  # the folder went away between two looks
        return []


def _watched_files(paths: list[Path]) -> list[Path]:
    """Folders' routine files, and the files named (still checked when gone: it says so)."""
    files: list[Path] = []
    for path in paths:
        files.extend(_files_in(path) if path.is_dir() else [path])
    return list(dict.fromkeys(files))


def _what_changed(changes: list[Change]) -> str:
    saved = [str(change.path) for change in changes if change.exists]
    gone = [str(change.path) for change in changes if not change.exists]
    parts = []
    if saved:
        parts.append(", ".join(saved) + " saved")
    if gone:
        parts.append(", ".join(gone) + " gone")
    return "; ".join(parts)


def _separator(changes: list[Change]) -> Text:
    return Text(f"── {time.strftime('%H:%M:%S')} {_what_changed(changes)}", style="muted")


def run_validate_watch(paths: list[str], *, as_json: bool, sleep: Sleep = time.sleep) -> int:
    """Check, then check again after every save, until Ctrl-C or SIGTERM."""
    collect_files(paths)  # a path that does not exist at the start is a usage error
    given = [Path(path) for path in paths]
    watcher = Watcher(given, expand=_files_in)
    console = stdout_console()

    def check(changes: list[Change]) -> None:
        results = check_files(_watched_files(given))
        if as_json:
            document = results_json(results)
            document["changed"] = [
                {"path": str(change.path), "exists": change.exists} for change in changes
            ]
            sys.stdout.write(json.dumps(document, ensure_ascii=False) + "\n")
            sys.stdout.flush()
        else:
            if changes:
                console.print(_separator(changes))
            print_results(results)

    try:
        with StopSignals() as stop:
            check([])
            note = f"watching {counted(len(given), 'path')} for changes; Ctrl-C to stop"
            if as_json:
                print(note, file=sys.stderr)
            else:
                print_wrapped(console, Text(note, style="muted"))
            while True:
                check(wait_for_changes(watcher, sleep=stop.sleep(sleep)))
    except KeyboardInterrupt:
        return EXIT_OK


def run_show_watch(name_or_path: str, *, segments: bool, sleep: Sleep = time.sleep) -> int:
    """Show the routine, then again after every save of it or of a routine it includes."""
    try:
        path = load_catalog().find(name_or_path).path
    except LookupError as error:
        raise UsageError(f"show: {shown(str(error))}") from None
    console = stdout_console()
    live = RoutineWatch(path, load_catalog)

    def show() -> None:
        version = live.current
        if isinstance(version, Broken):
            for problem in version.problems:
                console.print(render_problem(problem))
            console.print(
                Text(f"{version.path} does not play as saved; fix it and save again", style="bad")
            )
        else:
            print_routine(version.entry, version.timeline, segments=segments)

    try:
        with StopSignals() as stop:
            show()
            print_wrapped(
                console, Text(f"watching {path} for changes; Ctrl-C to stop", style="muted")
            )
            wait = stop.sleep(sleep)
            while True:
                wait(POLL_SECONDS)
                if live.poll() is not None:
                    console.print()
                    console.print(_separator(live.changes))
                    show()
    except KeyboardInterrupt:
        return EXIT_OK
