"""Noticing that a file was saved: polling, with no dependency and no threads.

`Watcher.poll()` compares each watched file's fingerprint (size, modification time and a
hash of the content) with the last one it reported. Polling every 0.1-0.2 s costs a `stat`
and a read of a few kilobytes per file, and works the same on every system, on network
folders and in containers, where file-system events are often missing.

What editors do on save is handled:
- an in-place write may be caught half done: a change is reported only once two polls in
  a row see the same content ("settled"), so a half-written file is never reported;
- an atomic save writes a temporary file and renames it over the original: the path is
  looked at afresh on every poll, so the new file is simply seen as a change;
- a file may vanish for a moment (rename-then-write): it is reported as gone only if it is
  still missing on the next poll; when it comes back, that is a change like any other;
- a save that leaves the content as it was (`:w` on an unchanged buffer, `touch`) is not a
  change.

The CLI wraps `wait_for_changes` around it, inside `StopSignals`; the app calls `poll` from
a Textual timer. `RoutineWatch` adds what both need for one routine: reload it, with its
includes, on save.
"""

from __future__ import annotations

import hashlib
import os
import signal
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from types import FrameType, TracebackType

from breathe.core.model import IncludeStep, Routine
from breathe.core.problems import FILE_KEY, Problem, RoutineFileError
from breathe.core.timeline import Timeline, compile_timeline
from breathe.format.files import open_regular
from breathe.format.yaml_source import MAX_FILE_BYTES
from breathe.library.catalog import Catalog, Entry

POLL_SECONDS = 0.15  # a save shows within two polls: 0.3 s at worst
_READ_LIMIT = MAX_FILE_BYTES + 1  # a bigger file is refused by the loader anyway

Fingerprint = tuple[int, str, int]
"""Size, sha256 of the content and, for files too big to hash whole, the mtime in ns.

Not the mtime otherwise: a save that leaves the content as it was is not a change. None
stands for a file that is not there.
"""


def fingerprint(path: Path) -> Fingerprint | None:
    try:
        with open_regular(path) as file:  # a FIFO is never opened: it would block
            stat = os.fstat(file.fileno())
            data = file.read(_READ_LIMIT)
    except OSError:  # gone, a folder, a FIFO, or unreadable for now: not there
        return None
    mtime = stat.st_mtime_ns if len(data) == _READ_LIMIT else 0
    return (stat.st_size, hashlib.sha256(data).hexdigest(), mtime)


@dataclass(frozen=True, slots=True)
class Change:
    """`path` was saved with new content (`exists`), or is gone (not `exists`)."""

    path: Path
    exists: bool


class Watcher:
    """Reports files whose content changed since the last report.

    `paths` are files, or folders when `expand` turns a folder into the files to watch
    (looked at afresh on every poll, so new files are noticed). The state when the watcher
    is made, or when `watch` sets new paths, is the baseline: nothing is reported for it.
    """

    def __init__(
        self,
        paths: Iterable[Path],
        *,
        expand: Callable[[Path], Iterable[Path]] | None = None,
    ) -> None:
        self.expand = expand
        self.paths: tuple[Path, ...] = ()
        self._reported: dict[Path, Fingerprint | None] = {}
        self._seen: dict[Path, Fingerprint | None] = {}
        self.watch(paths)

    def watch(self, paths: Iterable[Path]) -> None:
        """Watch these paths from now on; files already watched keep their state."""
        self.paths = tuple(dict.fromkeys(paths))
        current = self._look()
        for path, print_ in current.items():
            if path not in self._reported:
                self._reported[path] = print_
                self._seen[path] = print_
        for path in list(self._reported):
            if path not in current:
                del self._reported[path]
                self._seen.pop(path, None)

    def _files(self) -> list[Path]:
        files: list[Path] = []
        for path in self.paths:
            if self.expand is not None and path.is_dir():
                files.extend(self.expand(path))
            else:
                files.append(path)
        return list(dict.fromkeys(files))

    def _look(self) -> dict[Path, Fingerprint | None]:
        return {path: fingerprint(path) for path in self._files()}

    def poll(self) -> list[Change]:
        """The files that changed and have settled since the last report, in path order."""
        current = self._look()
        changes = []
        for path in sorted(set(current) | set(self._reported)):
            now = current.get(path)  # None: gone, or no longer listed in its folder
            before = self._seen.get(path)
            self._seen[path] = now
            if now == self._reported.get(path) or now != before:
                continue  # unchanged, or still changing: look again next time
            self._reported[path] = now
            changes.append(Change(path, now is not None))
        for path in [path for path, state in self._reported.items() if state is None]:
            if path not in current:  # gone from a folder and reported: forget it
                del self._reported[path]
                self._seen.pop(path, None)
        return changes


def wait_for_changes(
    watcher: Watcher,
    *,
    interval: float = POLL_SECONDS,
    sleep: Callable[[float], None] = time.sleep,
) -> list[Change]:
    """Block until the watcher reports a change (Ctrl-C raises KeyboardInterrupt)."""
    while True:
        sleep(interval)
        changes = watcher.poll()
        if changes:
            return changes


Sleep = Callable[[float], None]
Handler = Callable[[int, FrameType | None], object] | int | None  # as signal.signal gives it
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class StopSignals:
    """While in effect, SIGINT (Ctrl-C) and SIGTERM (`kill`) stop a watch: KeyboardInterrupt.

    Installed explicitly, because Python's own Ctrl-C is not always there: a process started
    with SIGINT ignored (any `cmd &` from a script: the shell ignores it for background jobs,
    and `exec` keeps that) never sees a KeyboardInterrupt, and SIGTERM's default ends the
    process without a word.

    The stop comes at a safe point: at once while the watch waits (in `sleep`), else as soon
    as the result being printed is whole, so a JSON line is never cut in half. A second
    signal stops at once, wherever the watch is (stuck writing to a full pipe, say). Out of
    the main thread nothing is installed (Python allows handlers only there).
    """

    def __init__(self) -> None:
        self.requested: int | None = None  # the signal that asked for the stop
        self._waiting = False
        self._previous: dict[int, Handler] = {}

    def __enter__(self) -> StopSignals:
        for signum in STOP_SIGNALS:
            try:
                self._previous[signum] = signal.signal(signum, self._handle)
            except ValueError:  # not the main thread
                break
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        for signum, previous in self._previous.items():
            # None: a handler not set from Python; the default is the nearest to it.
            signal.signal(signum, signal.SIG_DFL if previous is None else previous)
        self._previous.clear()

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        again = self.requested is not None
        self.requested = signum
        if self._waiting or again:
            raise KeyboardInterrupt

    def sleep(self, sleep: Sleep) -> Sleep:
        """`sleep`, as the point where a signal received meanwhile stops the watch."""

        def stoppable(seconds: float) -> None:
            if self.requested is not None:
                raise KeyboardInterrupt
            self._waiting = True
            try:
                sleep(seconds)
            finally:
                self._waiting = False
            if self.requested is not None:
                raise KeyboardInterrupt

        return stoppable


# -- one routine, reloaded on save ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Loaded:
    """A version of the routine that plays."""

    entry: Entry
    timeline: Timeline


@dataclass(frozen=True, slots=True)
class Broken:
    """The routine as saved does not play: every problem, with its line and column."""

    path: Path
    problems: tuple[Problem, ...]

    @property
    def gone(self) -> bool:
        """The file is not there any more (deleted, moved or renamed): nothing was saved."""
        return is_gone(self.problems)


GONE_MESSAGE = "the file is gone: it was deleted, moved or renamed"
GONE_HINT = "save it there again to go on"


def is_gone(problems: tuple[Problem, ...]) -> bool:
    """Whether `problems` say that the watched file is gone, rather than saved broken."""
    return len(problems) == 1 and problems[0].message == GONE_MESSAGE


Version = Loaded | Broken


class RoutineWatch:
    """A routine file and every file it includes, reloaded whenever one of them is saved.

    Each reload builds a fresh catalog, so an included routine saved in the user folder
    counts too. `last_good` keeps the latest version that played, for callers that must
    go on offering something to play while the file is broken.
    """

    def __init__(self, path: Path, make_catalog: Callable[[], Catalog]) -> None:
        self.path = path
        self.make_catalog = make_catalog
        self.current: Version = self.load()
        self.last_good: Loaded | None = self.current if isinstance(self.current, Loaded) else None
        self.watcher = Watcher(self._paths_to_watch())
        self.changes: list[Change] = []  # what the last poll saw

    def _paths_to_watch(self) -> list[Path]:
        paths = [self.path]
        if isinstance(self.current, Loaded):
            paths.extend(self._included)
        return paths

    def load(self) -> Version:
        catalog = self.make_catalog()
        included: list[Path] = []

        def resolve(step: IncludeStep, including: Routine) -> Routine:
            routine = catalog.resolve_include(step, including)
            included.append(routine.path)
            return routine

        self._included = included
        try:
            entry = catalog.find(str(self.path))
        except LookupError as error:  # the file is gone, or no longer a routine file
            gone = not self.path.exists()
            message = GONE_MESSAGE if gone else str(error)
            problem = Problem(str(self.path), 1, 1, FILE_KEY, message, GONE_HINT if gone else None)
            return Broken(self.path, (problem,))
        if entry.routine is None:
            return Broken(self.path, entry.problems)
        try:
            timeline = compile_timeline(entry.routine, resolve)
        except RoutineFileError as error:
            return Broken(self.path, error.problems)
        return Loaded(entry, timeline)

    def poll(self) -> Version | None:
        """The new version when the routine (or an include) was saved; None otherwise."""
        self.changes = self.watcher.poll()
        if not self.changes:
            return None
        self.current = self.load()
        if isinstance(self.current, Loaded):
            self.last_good = self.current
            self.watcher.watch(self._paths_to_watch())
        return self.current
