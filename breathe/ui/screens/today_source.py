"""What the library's Today box shows, and what it changes: read from the program state,
the program catalog and the history; written to the state (a program started) and the
history (a checklist item ticked).

The box itself (breathe.ui.widgets.today) only shows a `TodayView` and posts messages;
the library screen reads the view here and handles the messages with these functions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Protocol

from breathe.core.paste import breathe_command
from breathe.core.program import DayState, Program, ProgramStatus, program_day, program_days
from breathe.core.words import counted
from breathe.library.locations import bundled_programs_dir, user_programs_dir
from breathe.library.program_catalog import ProgramCatalog
from breathe.library.state import (
    StateFileError,
    active_program,
    start_program,
    state_path,
    stop_program,
)
from breathe.ui.screens.program import ProgramView
from breathe.ui.widgets.today import TodayView

if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path

    from breathe.history.store import HistoryStore, SessionRecord
    from breathe.library.catalog import Catalog


class HistoryHost(Protocol):
    """What the library needs of the app: the time of day and the history, which the app
    opens once and closes as it ends (breathe.ui.app.BreatheApp is one)."""

    @property
    def history_path(self) -> Path: ...

    def now(self) -> datetime: ...

    def history_store(self) -> HistoryStore | None: ...


@dataclass(frozen=True)
class TodaySource:
    """The Today box's data, for the routines in `catalog`."""

    catalog: Catalog
    host: HistoryHost

    def now(self) -> datetime:
        """The time of day, as the app tells it (tests set the app's clock)."""
        return self.host.now()

    def watched(self) -> tuple[Path, ...]:
        """What the box is read from: the program state, and the history (in WAL mode a
        write lands in the `-wal` file first)."""
        history = self.host.history_path
        return (state_path(), history, history.with_name(history.name + "-wal"))

    def _programs(self) -> ProgramCatalog:
        return ProgramCatalog.load(
            bundled_programs_dir(self.catalog.bundled_dir), user_programs_dir()
        )

    def read(self) -> TodayView:
        """The active program's day (with its progress and ticks), a reason it cannot be
        shown, or, with none active, the programs there are to start."""
        now = self.now()
        try:
            active = active_program()
        except StateFileError as error:
            return TodayView(now, self.watched(), reason=str(error))
        if active is None:
            offers = [entry.program for entry in self._programs().sorted_entries()]
            return TodayView(now, self.watched(), offers=tuple(p for p in offers if p))
        entry = self._programs().entries.get(active.name)
        if entry is None or entry.program is None:
            status = breathe_command("program", "status")
            reason = f"The active program `{active.name}` cannot be read: `{status}`"
            return TodayView(now, self.watched(), reason=reason)
        day = program_day(entry.program, active.started, now.date(), active.choices)
        if day.state is not DayState.IN_PROGRESS:
            return TodayView(now, self.watched(), day=day)
        progress = self._progress(day.program.name, day.start, now.date())
        return TodayView(
            now, self.watched(), day=day, progress=progress, ticked=self._ticked(day.program, now)
        )

    def _progress(self, program: str, start: date, today: date) -> str:
        """` · 12 days done, 2 missed`, from the history (nothing if it cannot be read)."""
        from breathe.history.stats import days_done, days_missed

        records = self._records_since(start)
        if records is None:
            return ""
        done = len(days_done(records, program, start, today))
        missed = len(days_missed(records, program, start, today))
        return f" · {counted(done, 'day')} done, {missed} missed"

    def _records_since(self, start: date) -> list[SessionRecord] | None:
        """The sessions from the program's first day on (all a program's progress needs),
        not the whole history: with a program active, the library read every one of
        100,000 sessions at each start. None if the history cannot be read."""
        from breathe.history.store import HistoryError

        if not self.host.history_path.exists():
            return []  # nothing recorded yet; looking does not create the file
        store = self.host.history_store()
        if store is None:
            return None
        try:
            return store.sessions(since=start)
        except HistoryError:
            return None

    def _ticked(self, program: Program, now: datetime) -> frozenset[str] | None:
        """Today's checklist items ticked, kept in the history; None: no checklist to show
        (the program has none, or the history cannot be read)."""
        from breathe.history.store import HistoryError

        store = self.host.history_store()
        if not program.checklist or store is None:
            return None
        try:
            return frozenset(store.ticked(now.date(), program.name))
        except HistoryError:
            return None

    def read_program(self) -> ProgramView | str:
        """The active program for the Program screen: its status as `breathe program
        status` gives it, every day's plan, the days done and the journal; or why it
        cannot be shown."""
        from breathe.history.stats import days_done, days_missed
        from breathe.ui.screens.history import read_journal

        try:
            active = active_program()
        except StateFileError as error:
            return str(error)
        if active is None:
            return "No program is active."
        entry = self._programs().entries.get(active.name)
        status = breathe_command("program", "status")
        if entry is None or entry.program is None:
            return f"The active program `{active.name}` cannot be read: `{status}`"
        program = entry.program
        days = program_days(program, active.started, active.choices)
        if not days:  # a start date past the end of the calendar
            return f"The active program `{active.name}` cannot be followed: `{status}`"
        today = self.now().date()
        day = program_day(program, active.started, today, active.choices)
        last = min(today, day.end)
        records = self._records_since(active.started)
        done: frozenset[date] = frozenset()
        progress = None
        if records is not None:
            done = frozenset(days_done(records, program.name, active.started, last))
            progress = (len(done), len(days_missed(records, program.name, active.started, last)))
        journal, own = read_journal(self.host)
        titles = {
            name: entry.routine.title
            for name, entry in self.catalog.entries.items()
            if entry.routine is not None
        }
        return ProgramView(
            ProgramStatus(day, progress),
            days,
            titles=titles,
            done=done,
            journal=tuple(e for e in journal if active.started <= e.day <= last),
            own_scale=own,
        )

    def stop(self) -> str | None:
        """Stop following the active program (the history keeps everything it did); why
        not, if it could not be."""
        try:
            stop_program()
        except StateFileError as error:
            return str(error)
        return None

    def start(self, program: Program, instead: Mapping[str, str] | None = None) -> str | None:
        """Start `program` today, doing the alternatives in `instead` (routine ->
        alternative); why not, if it could not be."""
        try:
            start_program(program.name, self.now().date(), instead=dict(instead or {}))
        except StateFileError as error:
            return str(error)
        return None

    def tick(self, program: Program, item: str, ticked: bool) -> str | None:
        """Tick (or untick) today's `item` of `program` in the history; why not, if it
        could not be."""
        from breathe.history.store import HistoryError

        store = self.host.history_store()
        if store is None:
            return None  # no history: the box shows no checklist to tick
        today = self.now().date()
        try:
            if ticked:
                store.tick(today, program.name, item)
            else:
                store.untick(today, program.name, item)
        except HistoryError as error:
            return str(error)
        return None
