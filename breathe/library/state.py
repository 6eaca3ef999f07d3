"""What breathe remembers between runs: the active program and its start date, whether
the first-run notice was dismissed for good, which routines' safety notes the person chose
not to see again (by routine name, one at a time: never all at once), the last reason
for having no sound that was said (so it is said once, and again only when it changes),
and the tempo and length a person chose for each routine on its page or in its session
(`routines`, by routine name: `{"box-breathing": {"tempo": 1.25, "length": 5}}`, a length
of `"own"` for the routine as written).

A small JSON file in platformdirs' user state directory (on Linux
`$XDG_STATE_HOME/breathe/state.json`). It is written atomically (a temporary file in the
same folder, then a rename), so a crash leaves the old file or the new one, never half of
one. Every change reads the file, changes it and writes it back holding a lock on the
folder, so two breathes changing it at once (a program started in one terminal, the notice
dismissed in another) each see the other's change: neither is lost. A file that cannot be
read as breathe's state raises `StateFileError` and is left exactly as it is: breathe
never overwrites what it does not understand. Keys it does not know (written by a newer
breathe) are kept when it writes the file.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import Any

from breathe.core.bounds import MAX_LENGTH, MAX_TEMPO, MIN_LENGTH, MIN_TEMPO, decimal
from breathe.library.locations import user_state_dir

STATE_VERSION = 1
STATE_FILE_NAME = "state.json"
_NAME_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9 _.-]*")
_KNOWN_KEYS = frozenset(
    {
        "version",
        "program",
        "notice_dismissed",
        "safety_notes_hidden",
        "sound_notice_shown",
        "routines",
    }
)
OWN_LENGTH = "own"  # a routine's length, chosen as written (as `length = "own"` in settings)


@dataclass(frozen=True, slots=True)
class ActiveProgram:
    """The program being followed: its name, the date of its day 1 (local), and the
    alternatives the person chose for the whole program (`instead`: routine -> the routine
    done in its place, sorted by routine; empty in a state file from before they existed)."""

    name: str
    started: date
    instead: tuple[tuple[str, str], ...] = ()

    @property
    def choices(self) -> dict[str, str]:
        return dict(self.instead)


@dataclass(frozen=True, slots=True)
class RoutineChoice:
    """How a person chose to play one routine: its tempo (None: not chosen), its length in
    minutes (None: as written), and whether a length was chosen at all (as written is a
    choice too, over a `length` in the settings file)."""

    tempo: Fraction | None = None
    length: int | None = None
    length_chosen: bool = False

    @property
    def empty(self) -> bool:
        return self.tempo is None and not self.length_chosen


@dataclass(frozen=True, slots=True)
class AppState:
    program: ActiveProgram | None = None
    notice_dismissed: bool = False
    # Routines whose own safety note is not shown before they start (the person chose so).
    safety_notes_hidden: frozenset[str] = frozenset()
    sound_notice_shown: str | None = None  # the no-sound reason last said, if any
    # The tempo and length chosen for each routine, by name, sorted.
    routines: tuple[tuple[str, RoutineChoice], ...] = ()
    # Keys of a newer breathe, kept as they were written.
    other: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)


class StateFileError(Exception):
    """The state file exists but is not breathe's state; it was not touched."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(
            f"the state file {path} {reason}; breathe leaves it as it is: "
            "fix it, or move it away to start afresh"
        )


def state_path() -> Path:
    return user_state_dir() / STATE_FILE_NAME


def load_state(path: Path | None = None) -> AppState:
    """The saved state; the defaults when there is no file yet."""
    path = path or state_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return AppState()
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise StateFileError(path, f"cannot be read ({reason})") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise StateFileError(
            path, f"is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"
        ) from None
    return _state_from_json(data, path)


def _state_from_json(data: object, path: Path) -> AppState:
    if not isinstance(data, dict):
        raise StateFileError(path, "does not hold a JSON object")
    version = data.get("version", STATE_VERSION)
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise StateFileError(path, f"has a `version` breathe does not know: {version!r}")
    if version > STATE_VERSION:
        raise StateFileError(
            path, f"was written by a newer breathe (state version {version}); upgrade breathe"
        )
    program = data.get("program")
    active = None
    if program is not None:
        if not isinstance(program, dict):
            raise StateFileError(path, "has a `program` that is not an object")
        name, started = program.get("name"), program.get("started")
        if not isinstance(name, str) or not _NAME_RE.fullmatch(name):
            raise StateFileError(path, f"has a program name breathe cannot use: {name!r}")
        try:
            start = date.fromisoformat(started) if isinstance(started, str) else None
        except ValueError:
            start = None
        if start is None:
            raise StateFileError(path, f"has a start date that is not YYYY-MM-DD: {started!r}")
        active = ActiveProgram(name, start, _choices_from_json(program.get("instead", {}), path))
    dismissed = data.get("notice_dismissed", False)
    if not isinstance(dismissed, bool):
        raise StateFileError(path, "has a `notice_dismissed` that is not true or false")
    hidden = data.get("safety_notes_hidden", [])
    if not isinstance(hidden, list) or not all(isinstance(name, str) for name in hidden):
        raise StateFileError(path, "has a `safety_notes_hidden` that is not a list of names")
    sound = data.get("sound_notice_shown")
    if sound is not None and not isinstance(sound, str):
        raise StateFileError(path, "has a `sound_notice_shown` that is not text")
    routines = _routines_from_json(data.get("routines", {}), path)
    other = {key: value for key, value in data.items() if key not in _KNOWN_KEYS}
    return AppState(active, dismissed, frozenset(hidden), sound, routines, other)


def _routines_from_json(value: object, path: Path) -> tuple[tuple[str, RoutineChoice], ...]:
    if not isinstance(value, dict):
        raise StateFileError(path, "has `routines` that is not an object of routine names")
    chosen = []
    for name, choice in value.items():
        if not _NAME_RE.fullmatch(name) or not isinstance(choice, dict):
            raise StateFileError(path, f"has a routine in `routines` breathe cannot use: {name!r}")
        tempo = choice.get("tempo")
        if tempo is not None:
            if isinstance(tempo, bool) or not isinstance(tempo, int | float):
                raise StateFileError(path, f"has a tempo for {name} that is not a number")
            tempo = Fraction(str(tempo))
            if not MIN_TEMPO <= tempo <= MAX_TEMPO:
                raise StateFileError(
                    path, f"has a tempo for {name} out of range: {choice['tempo']}"
                )
        length = choice.get("length")
        if (
            length is not None
            and length != OWN_LENGTH
            and (
                isinstance(length, bool)
                or not isinstance(length, int)
                or not MIN_LENGTH <= length <= MAX_LENGTH
            )
        ):
            raise StateFileError(path, f"has a length for {name} breathe cannot use: {length!r}")
        minutes = length if isinstance(length, int) else None
        chosen.append((name, RoutineChoice(tempo, minutes, length is not None)))
    return tuple(sorted(chosen))


def _routine_json(choice: RoutineChoice) -> dict[str, Any]:
    data: dict[str, Any] = {}
    if choice.tempo is not None:
        data["tempo"] = (
            int(choice.tempo) if choice.tempo.denominator == 1 else float(decimal(choice.tempo))
        )
    if choice.length_chosen:
        data["length"] = choice.length if choice.length is not None else OWN_LENGTH
    return data


def _choices_from_json(value: object, path: Path) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, dict) or not all(
        isinstance(key, str)
        and isinstance(chosen, str)
        and _NAME_RE.fullmatch(key)
        and _NAME_RE.fullmatch(chosen)
        for key, chosen in value.items()
    ):
        raise StateFileError(path, "has a program `instead` that is not an object of routine names")
    return tuple(sorted(value.items()))


def _program_json(program: ActiveProgram) -> dict[str, Any]:
    data: dict[str, Any] = {"name": program.name, "started": program.started.isoformat()}
    if program.instead:  # written only once chosen: older breathes read the file as before
        data["instead"] = dict(program.instead)
    return data


def state_json(state: AppState) -> str:
    data: dict[str, Any] = {
        **state.other,
        "version": STATE_VERSION,
        "program": _program_json(state.program) if state.program else None,
        "notice_dismissed": state.notice_dismissed,
    }
    # Written only once they hold something: a file that never needed them stays as it was.
    if state.safety_notes_hidden:
        data["safety_notes_hidden"] = sorted(state.safety_notes_hidden)
    if state.sound_notice_shown is not None:
        data["sound_notice_shown"] = state.sound_notice_shown
    if state.routines:
        data["routines"] = {name: _routine_json(choice) for name, choice in state.routines}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def save_state(state: AppState, path: Path | None = None) -> None:
    """Write `state` atomically: readers see the old file or the new one, never a mix."""
    path = path or state_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(prefix=".state-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            file.write(state_json(state))
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@contextmanager
def _one_change_at_a_time(folder: Path) -> Iterator[None]:
    """Hold the state folder's lock, across processes. The folder, not the file: the file is
    replaced at every write, so a lock on it would guard a file already gone; and a lock
    file would be one more file left in the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # and the lock with it


def update_state(change: Callable[[AppState], AppState], path: Path | None = None) -> AppState:
    """Read the state, change it and write it back, one change at a time across processes
    (without the lock, two at once could both read the old file and the second write would
    undo the first); StateFileError leaves the file alone."""
    path = path or state_path()
    with _one_change_at_a_time(path.parent):
        changed = change(load_state(path))
        save_state(changed, path)
    return changed


def active_program(path: Path | None = None) -> ActiveProgram | None:
    """The program being followed, if any (for the history, the app and the CLI)."""
    return load_state(path).program


def start_program(
    name: str,
    started: date,
    path: Path | None = None,
    *,
    instead: dict[str, str] | None = None,
) -> AppState:
    """Follow `name` from `started`, doing the alternatives in `instead` (routine ->
    alternative) wherever the program plays those routines."""
    chosen = tuple(sorted((instead or {}).items()))
    return update_state(
        lambda state: replace(state, program=ActiveProgram(name, started, chosen)), path
    )


def choose_alternatives(instead: dict[str, str], path: Path | None = None) -> AppState:
    """The active program plays these alternatives (routine -> alternative) from now on,
    in place of those chosen before; its day 1 stays. LookupError if none is active."""

    def change(state: AppState) -> AppState:
        if state.program is None:
            raise LookupError("no program is active")
        chosen = tuple(sorted(instead.items()))
        return replace(state, program=replace(state.program, instead=chosen))

    return update_state(change, path)


def stop_program(path: Path | None = None) -> AppState:
    return update_state(lambda state: replace(state, program=None), path)


def dismiss_notice(path: Path | None = None) -> AppState:
    return update_state(lambda state: replace(state, notice_dismissed=True), path)


def notice_due(path: Path | None = None) -> bool:
    """Whether the first-run notice should show: yes, unless dismissed for good."""
    try:
        return not load_state(path).notice_dismissed
    except StateFileError:
        return True  # cannot tell: better shown once too often


def hide_safety_note(routine: str, path: Path | None = None) -> AppState:
    """Do not show `routine`'s safety note before it starts any more (that routine only)."""
    return update_state(
        lambda state: replace(state, safety_notes_hidden=state.safety_notes_hidden | {routine}),
        path,
    )


def safety_note_due(routine: str, path: Path | None = None) -> bool:
    """Whether `routine`'s safety note should show before it starts: yes, unless the person
    chose not to see it again."""
    try:
        return routine not in load_state(path).safety_notes_hidden
    except StateFileError:
        return True  # cannot tell: better shown once too often


def sound_notice_due(reason: str, path: Path | None = None) -> bool:
    """Whether to say `reason` (why there is no sound, or only the bell): yes, unless it is
    the very reason said last time."""
    try:
        return load_state(path).sound_notice_shown != reason
    except StateFileError:
        return True


def remember_sound_notice(reason: str, path: Path | None = None) -> AppState:
    """Note that `reason` was said, so it is not said again until the reason changes."""
    return update_state(lambda state: replace(state, sound_notice_shown=reason), path)


def routine_choice(routine: str, path: Path | None = None) -> RoutineChoice:
    """The tempo and length the person chose for `routine` (none chosen: an empty one; a
    state file breathe cannot read: an empty one too, and it is left alone)."""
    try:
        return dict(load_state(path).routines).get(routine, RoutineChoice())
    except StateFileError:
        return RoutineChoice()


def change_routine_choice(
    routine: str, change: Callable[[RoutineChoice], RoutineChoice], path: Path | None = None
) -> AppState:
    """Remember `change` of the choice for `routine` (read and written under the lock, so
    a tempo chosen in one terminal and a length in another are both kept; an empty choice
    is forgotten), the other routines' and everything else in the file kept."""

    def changed(state: AppState) -> AppState:
        chosen = dict(state.routines)
        new = change(chosen.get(routine, RoutineChoice()))
        if new.empty:
            chosen.pop(routine, None)
        else:
            chosen[routine] = new
        return replace(state, routines=tuple(sorted(chosen.items())))

    return update_state(changed, path)
