"""The Today box at the top of the library: the active program's day and its routines.

Hidden when no program is active. While one is, it shows `Today · day N of M`, the
program and the stage's focus, and the day's routines with the one for now highlighted:
Enter opens it (its detail, with its safety note, comes before it starts). Below them, the
program's daily checklist, a list of its own (Tab or a click reaches it, never Down from
the routines, so that Enter meant for a routine cannot tick a supplement): space or Enter
ticks or unticks an item, kept in the history.

With no program active, it offers the programs there are, under "Programs": Enter shows
one (what it is, how long, its safety note) and starts it today if asked.
"""

from __future__ import annotations

import os
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import OptionList, SelectionList, Static
from textual.widgets.option_list import Option
from textual.widgets.selection_list import Selection

from breathe.core.durations import format_clock
from breathe.core.paste import breathe_command
from breathe.core.problems import RoutineFileError
from breathe.core.program import DayState, PlannedRoutine, Program, ProgramDay, program_day
from breathe.core.words import counted
from breathe.library.locations import bundled_programs_dir, user_programs_dir
from breathe.library.program_catalog import ProgramCatalog
from breathe.library.state import StateFileError, active_program, start_program, state_path

if TYPE_CHECKING:
    from collections.abc import Callable

    from textual.app import ComposeResult

    from breathe.library.catalog import Catalog


def find_today(catalog: Catalog, now: datetime) -> tuple[ProgramDay | None, str | None]:
    """The active program's day, or a reason to show instead (or neither: nothing active)."""
    try:
        active = active_program()
    except StateFileError as error:
        return None, str(error)
    if active is None:
        return None, None
    programs = ProgramCatalog.load(bundled_programs_dir(catalog.bundled_dir), user_programs_dir())
    entry = programs.entries.get(active.name)
    if entry is None or entry.program is None:
        status = breathe_command("program", "status")
        return None, f"The active program `{active.name}` cannot be read: `{status}`"
    return program_day(entry.program, active.started, now.date()), None


class TodayList(OptionList):
    """Today's routines; down from the last one goes on to the library's table."""

    def action_cursor_down(self) -> None:
        if self.highlighted is not None and self.highlighted >= self.option_count - 1:
            self.screen.query_one("#routines").focus()
            return
        super().action_cursor_down()


class TodayBox(Vertical):
    class OfferProgram(Message):
        """Show `program` before it starts: the screen pushes the program start screen,
        and `answered` gets its reply (True starts the program today)."""

        def __init__(self, program: Program, answered: Callable[[bool | None], None]) -> None:
            super().__init__()
            self.program = program
            self.answered = answered

    SCOPED_CSS = False  # its compact look follows the library's `-compact` class
    DEFAULT_CSS = """
    TodayBox {
        display: none;
        height: auto;
        margin: 1 2 0 2;
        padding: 0 1;
        border: round $primary;
        border-title-color: $primary;
        border-title-style: bold;
    }
    TodayBox.-shown { display: block; }
    TodayBox #today-about { color: $text-muted; }
    TodayBox TodayList {
        height: auto;
        max-height: 8;
        border: none;
        padding: 0;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    TodayBox TodayList:focus { border: none; }
    TodayBox #today-checks { display: none; height: auto; }
    TodayBox.-checklist #today-checks { display: block; }
    TodayBox #today-checks-label { color: $text-muted; margin-top: 1; }
    TodayBox #today-checklist {
        height: auto;
        max-height: 6;
        border: none;
        padding: 0;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    TodayBox #today-checklist:focus { border: none; }
    LibraryScreen.-compact TodayBox.-checklist #today-checks { display: none; }
    LibraryScreen.-compact TodayBox { margin: 0; }
    LibraryScreen.-compact #today-about { display: none; }
    LibraryScreen.-compact TodayBox TodayList { max-height: 1; scrollbar-size-vertical: 0; }
    """

    def __init__(self, catalog: Catalog) -> None:
        """Call `refresh_day` once mounted (the library does) to fill it."""
        super().__init__(id="today")
        self.catalog = catalog
        self.day: ProgramDay | None = None
        self.planned: list[PlannedRoutine] = []
        self.ticked: set[str] = set()  # today's checklist items ticked, from the history
        self.offers: list[Program] = []  # programs to start, while none is active
        self.shown_date: date | None = None  # the day the box shows
        self._read_from: tuple[tuple[int, int] | None, ...] | None = None  # see has_news

    def _files(self) -> tuple[Path, ...]:
        """What the box is read from: the program state, and the history (in WAL mode a
        write lands in the `-wal` file first)."""
        history: Path | None = getattr(self.app, "history_path", None)
        if history is None:
            return (state_path(),)
        return (state_path(), history, history.with_name(history.name + "-wal"))

    def _stamp(self) -> tuple[tuple[int, int] | None, ...]:
        stamps: list[tuple[int, int] | None] = []
        for path in self._files():
            try:
                status = os.stat(path)
            except OSError:
                stamps.append(None)
            else:
                stamps.append((status.st_mtime_ns, status.st_size))
        return tuple(stamps)

    def has_news(self) -> bool:
        """Whether the program state or the history changed since the box was filled: a
        `breathe program tick` or `start` in another terminal, or a session played in
        another window. A few stats: cheap enough to ask every two seconds."""
        return self._read_from is not None and self._stamp() != self._read_from

    def compose(self) -> ComposeResult:
        yield Static(id="today-about", markup=False)
        yield TodayList(id="today-routines")
        with Vertical(id="today-checks"):
            yield Static("Today's checklist  ·  Tab to it, space ticks", id="today-checks-label")
            yield SelectionList[int](id="today-checklist")

    @property
    def has_routines(self) -> bool:
        return bool(self.planned)

    def _now(self) -> datetime:
        now: datetime = getattr(self.app, "now", datetime.now)()
        return now

    def out_of_date(self) -> bool:
        """Whether the box shows another day than today (it was open over midnight)."""
        return self.shown_date is not None and self.shown_date != self._now().date()

    def refresh_day(self) -> None:
        self._fill()
        # After reading, which itself may touch the files (opening the history does).
        self._read_from = self._stamp()

    def _fill(self) -> None:
        now = self._now()
        self.shown_date = now.date()
        day, reason = find_today(self.catalog, now)
        self.day = day
        about = self.query_one("#today-about", Static)
        options = self.query_one(TodayList)
        # Filled again (back from a routine): the same list keeps the row the person was on.
        was = (list(self.planned), options.highlighted)
        checklist = self.query_one("#today-checklist", SelectionList)
        checklist_was = checklist.highlighted
        options.clear_options()
        checklist.clear_options()
        self.set_class(False, "-checklist")
        self.planned = []
        self.ticked = set()
        self.offers = []
        self.set_class(day is not None or reason is not None, "-shown")
        if day is None and reason is None:
            self._offer_programs(about, options)
            return
        if day is None:
            self.border_title = "Today"
            about.update(reason or "")
            options.display = False
            return
        program = day.program
        if day.state is not DayState.IN_PROGRESS:
            self.border_title = Text(f"Today · {program.title}")  # not markup
            about.update(
                f"Starts on {day.start.isoformat()}, in {counted(day.days_until_start, 'day')}."
                if day.state is DayState.UPCOMING
                else f"Finished on {day.end.isoformat()}: all {day.length} days. Well done."
            )
            options.display = False
            return
        self.border_title = f"Today · day {day.number} of {day.length}"
        focus = f" · {day.stage.focus}" if day.stage and day.stage.focus else ""
        about.update(f"{program.title}{focus}{self._progress(day, now)}")
        now_planned = day.suggested(now.time())
        self.planned = list(day.routines)
        rows = [self._row(planned) for planned in self.planned]
        widths = [max(len(row[column][0]) for row in rows) for column in range(3)]
        for planned, row in zip(self.planned, rows, strict=True):
            cells = [
                (text.ljust(width) + "  ", style)
                for (text, style), width in zip(row, widths, strict=True)
            ]
            cells[2] = (row[2][0].rjust(widths[2]), "")
            cells.append(("  now" if planned is now_planned else "", "bold"))
            options.add_option(Option(Text.assemble(*cells)))
        self._add_checklist(checklist, day, now)
        if checklist_was is not None and checklist_was < checklist.option_count:
            checklist.highlighted = checklist_was  # refilled: the same item stays picked
        options.display = True
        if was[0] == self.planned and was[1] is not None:
            options.highlighted = was[1]
        elif now_planned is not None:
            options.highlighted = self.planned.index(now_planned)

    def _offer_programs(self, about: Static, options: OptionList) -> None:
        """No program is active: the ones there are, each to look at and start."""
        programs = ProgramCatalog.load(
            bundled_programs_dir(self.catalog.bundled_dir), user_programs_dir()
        )
        self.offers = [entry.program for entry in programs.sorted_entries() if entry.program]
        if not self.offers:
            options.display = False
            return
        self.set_class(True, "-shown")
        self.border_title = "Programs"
        about.update("A plan day by day: its routines and a daily checklist. Enter to look at one.")
        for number, program in enumerate(self.offers):
            prompt = Text.assemble(
                ("Start  ", "dim"), program.title, (f"  ·  {program.length_days} days", "dim")
            )
            options.add_option(Option(prompt, id=f"offer-{number}"))
        options.display = True
        options.highlighted = 0

    def _add_checklist(self, checklist: SelectionList[int], day: ProgramDay, now: datetime) -> None:
        """The day's checklist under the routines, each item with its tick (if the history
        can be read: ticks are kept there)."""
        store = getattr(self.app, "history_store", lambda: None)()
        if not day.program.checklist or store is None:
            return
        from breathe.history.store import HistoryError

        try:
            self.ticked = store.ticked(now.date(), day.program.name)
        except HistoryError:
            return
        checklist.add_options(
            Selection(Text(item), number, item in self.ticked)
            for number, item in enumerate(day.program.checklist)
        )
        checklist.highlighted = 0  # Tab, then space, ticks the first item
        self.set_class(True, "-checklist")

    def _progress(self, day: ProgramDay, now: datetime) -> str:
        """` · 12 days done, 2 missed`, from the history (nothing if it cannot be read)."""
        from breathe.history.stats import days_done, days_missed

        records = getattr(self.app, "history_records", lambda: None)()
        if records is None:
            return ""
        today = now.date()
        done = len(days_done(records, day.program.name, day.start, today))
        missed = len(days_missed(records, day.program.name, day.start, today))
        return f" · {counted(done, 'day')} done, {missed} missed"

    def _row(self, planned: PlannedRoutine) -> list[tuple[str, str]]:
        """When, title and length, each with its style."""
        entry = self.catalog.entries.get(planned.routine)
        length = ""
        if entry is None:
            title, style = f"{planned.routine} (missing)", "red"
        else:
            try:
                routine = entry.routine
                title, style = (routine.title if routine else planned.routine), ""
                length = format_clock(self.catalog.total_ms(entry))
            except RoutineFileError:
                title, style = f"{planned.routine} (broken)", "red"
        return [(str(planned.when or "any time"), "dim"), (title, style), (length, "")]

    @on(OptionList.OptionSelected, "#today-routines")
    def open_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self._caught_up_with_the_date():
            return
        if event.option.id and event.option.id.startswith("offer-"):
            self._offer(self.offers[int(event.option.id.removeprefix("offer-"))])
            return
        planned = self.planned[event.option_index]
        entry = self.catalog.entries.get(planned.routine)
        if entry is None:
            self.notify(f"No routine is named `{planned.routine}`.", severity="error", markup=False)
            return
        day = self.day
        in_progress = day is not None and day.state is DayState.IN_PROGRESS
        self.app.open_routine(  # type: ignore[attr-defined]
            entry,
            program=day.program.name if day is not None and in_progress else None,
            day=day.number if day is not None and in_progress else None,
        )

    def _caught_up_with_the_date(self) -> bool:
        """If midnight has passed since the box was filled, fill it for the new day and
        say so (True): what was chosen belonged to the day before."""
        if not self.out_of_date():
            return False
        self.refresh_day()
        self.notify("A new day: the Today box now shows it.", title="Today", markup=False)
        return True

    @on(SelectionList.SelectionToggled, "#today-checklist")
    def toggle_item(self, event: SelectionList.SelectionToggled[int]) -> None:
        """Tick or untick an item of today's checklist, in the history."""
        event.stop()
        from breathe.history.store import HistoryError

        if self._caught_up_with_the_date():
            return  # the tick was for a list of another day: nothing recorded
        day, store = self.day, getattr(self.app, "history_store", lambda: None)()
        if day is None or store is None:
            return
        item = day.program.checklist[event.selection.value]
        today = getattr(self.app, "now", datetime.now)().date()
        ticked = event.selection.value in event.selection_list.selected
        up_to_date = not self.has_news()  # if not, the next check fills the box again
        try:
            if ticked:
                store.tick(today, day.program.name, item)
                self.ticked.add(item)
            else:
                store.untick(today, day.program.name, item)
                self.ticked.discard(item)
        except HistoryError as error:
            event.selection_list.toggle(event.selection.value)  # as it was: not recorded
            self.notify(str(error), title="Checklist", severity="error", markup=False)
        if up_to_date:
            self._read_from = self._stamp()  # this box's own write is not news to it

    def _offer(self, program: Program) -> None:
        """Show `program` before it starts (the screen does: OfferProgram); start it today
        if asked."""

        def answered(start: bool | None) -> None:
            if not start:
                return
            today = getattr(self.app, "now", datetime.now)().date()
            try:
                start_program(program.name, today)
            except StateFileError as error:
                self.notify(str(error), title="The program was not started", severity="error")
                return
            self.refresh_day()
            if self.has_routines:
                self.query_one(TodayList).focus()
            self.notify(
                f"{program.title}: today is day 1 of {program.length_days}.",
                title="Program started",
                markup=False,
            )

        self.post_message(self.OfferProgram(program, answered))
