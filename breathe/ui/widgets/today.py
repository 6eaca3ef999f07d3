"""The Today box at the top of the library: the active program's day and its routines.

Hidden when no program is active. While one is, it shows `Today · day N of M`, the
program and the stage's focus, and the day's routines with the one for now highlighted:
Enter opens it (its detail, with its safety note, comes before it starts). Below them, the
program's daily checklist, a list of its own, each item with its box, ☐ or ☑ (space
reaches it from anywhere in the library but the filter, as do Tab and a click; never Down
from the routines, so that Enter meant for a routine cannot tick a supplement): space or
Enter ticks or unticks an item, kept in the history. `p` (on the box's border and in the
footer) opens the program's own screen: its status, all its days, and stopping it.

With no program active, it offers the programs there are, under "Programs": Enter shows
one (what it is, how long, its safety note) and starts it today if asked.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events, on
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import var
from textual.strip import Strip
from textual.widgets import OptionList, SelectionList, Static
from textual.widgets.option_list import Option, OptionDoesNotExist
from textual.widgets.selection_list import Selection

from breathe.core.durations import format_clock
from breathe.core.problems import RoutineFileError
from breathe.core.program import DayState, PlannedRoutine, Program, ProgramDay
from breathe.core.words import counted

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping
    from pathlib import Path

    from textual.app import ComposeResult

    from breathe.library.catalog import Catalog, Entry


@dataclass(frozen=True)
class TodayView:
    """What the box shows, read at `now` (breathe.ui.screens.today_source reads it): the
    active program's `day`, or a `reason` it cannot be shown, or (neither) the `offers`
    there are to start. `watched`: the files it was read from, for `has_news`."""

    now: datetime
    watched: tuple[Path, ...]
    day: ProgramDay | None = None
    reason: str | None = None
    offers: tuple[Program, ...] = ()
    progress: str = ""  # ` · 12 days done, 2 missed`, if the history can be read
    ticked: frozenset[str] | None = None  # today's checklist ticks; None: no checklist

    @property
    def shows_anything(self) -> bool:
        """Whether the box is shown: a program's day, why it cannot be, or programs to
        start."""
        return self.day is not None or self.reason is not None or bool(self.offers)


class TodayList(OptionList):
    """Today's routines; down from the last one goes on to the library's table."""

    def action_cursor_down(self) -> None:
        if self.highlighted is not None and self.highlighted >= self.option_count - 1:
            self.screen.query_one("#routines").focus()
            return
        super().action_cursor_down()

    def on_resize(self) -> None:
        """Made shorter (the library's `-compact` look, one line of routines), it still
        shows the routine highlighted: the one for now."""
        self.scroll_to_highlight()


class Checklist(SelectionList[int]):
    """Today's checklist with a box before each item: ☐ to do, ☑ done, as `breathe program
    status` prints it (Textual's toggle shows an X either way, dim when not ticked, which
    reads as done or as rejected). Space (or Enter, or a click) ticks and unticks."""

    UNTICKED, TICKED = "☐", "☑"

    BINDINGS = [
        Binding("space", "select", "Tick / untick", id="tick"),
        Binding("escape", "leave", "Back to today's routines", show=False),
    ]

    COMPONENT_CLASSES = {"checklist--ticked", "checklist--unticked"}
    DEFAULT_CSS = """
    Checklist > .checklist--ticked { color: $text-success; text-style: bold; }
    Checklist > .checklist--unticked { color: $text; }
    """

    def action_leave(self) -> None:
        """Esc: back up to today's routines (the screen's Esc would clear the filter)."""
        self.query_ancestor(TodayBox).query_one(TodayList).focus()

    def _get_left_gutter_width(self) -> int:
        return len(self.UNTICKED + " ")

    def render_line(self, y: int) -> Strip:
        """The item's line (as an option list draws it), with its box before it."""
        line = OptionList.render_line(self, y)
        index = self.scroll_offset.y + y
        try:
            selection = self.get_option_at_index(index)
        except OptionDoesNotExist:
            return line
        ticked = selection.value in self.selected
        style = self.get_component_rich_style(
            "checklist--ticked" if ticked else "checklist--unticked", partial=True
        )
        underlying = next(iter(line)).style or self.rich_style
        meta = Style(meta={"option": index})  # a click on the box ticks it
        return Strip(
            [
                Segment(self.TICKED if ticked else self.UNTICKED, underlying + style + meta),
                Segment(" ", underlying + meta),
                *line,
            ]
        )


class TodayBox(Vertical):
    """Shows a `TodayView` (`show`); what is chosen in it, it posts as a message for the
    screen (or the app) to act on."""

    class OpenRoutine(Message):
        """Open today's `entry` (recorded as the program's `day`, while one is running),
        with the alternatives chosen for the program (`instead`) in place of what it
        includes."""

        def __init__(
            self,
            entry: Entry,
            program: str | None,
            day: int | None,
            instead: Mapping[str, str] | None = None,
        ) -> None:
            super().__init__()
            self.entry = entry
            self.program = program
            self.day = day
            self.instead = instead

    class OfferProgram(Message):
        """Show `program` before it starts, and start it today if asked."""

        def __init__(self, program: Program) -> None:
            super().__init__()
            self.program = program

    class TickItem(Message):
        """Today's checklist `item` of `program` was ticked (or unticked): keep it in the
        history; if that fails, `TodayBox.tick_failed(value)` shows it as it was."""

        def __init__(self, program: Program, item: str, value: int, ticked: bool) -> None:
            super().__init__()
            self.program = program
            self.item = item
            self.value = value
            self.ticked = ticked

    class NewDay(Message):
        """Midnight passed since the box was filled: what was chosen belonged to the day
        before; the box is to be filled again for today."""

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
    TodayBox { border-subtitle-color: $text-muted; }
    """

    # The checklist's keys, said where it is: space reaches it from anywhere in the library
    # (but the filter), and ticks there.
    CHECKLIST_LABEL = "Daily checklist  ·  space to tick"
    CHECKLIST_FOCUSED_LABEL = "Daily checklist  ·  space ticks ☑ or unticks ☐  ·  Esc back"
    # On the box's lower border, while a program is active: the key to its screen.
    PROGRAM_KEY = "p  program · all {days} days · stop"

    shown = var(False, toggle_class="-shown")  # hidden with nothing to show
    has_checklist = var(False, toggle_class="-checklist")  # today's checklist, under them
    # The checklist has (or is about to get) focus: a small terminal, which leaves it out
    # of the box otherwise (the library's `-compact` look), shows it while it is ticked.
    ticking = var(False)

    def __init__(
        self, catalog: Catalog, now: Callable[[], datetime], first: TodayView | None = None
    ) -> None:
        """The screen calls `show` once mounted to fill it; `now` tells the time of day.
        `first`, the view it will first show: the box is styled shown or hidden from the
        start (shown after it was styled, it was styled again, with its children)."""
        super().__init__(id="today")
        if first is not None:
            self.set_reactive(TodayBox.shown, first.shows_anything)
            self.set_class(first.shows_anything, "-shown", update=False)
        self.catalog = catalog
        self.now = now
        self.day: ProgramDay | None = None
        self.planned: list[PlannedRoutine] = []
        self.ticked: set[str] = set()  # today's checklist items ticked, from the history
        self.offers: list[Program] = []  # programs to start, while none is active
        self.shown_date: date | None = None  # the day the box shows
        self._watched: tuple[Path, ...] = ()
        self._read_from: tuple[tuple[int, int] | None, ...] | None = None  # see has_news

    def _stamp(self) -> tuple[tuple[int, int] | None, ...]:
        stamps: list[tuple[int, int] | None] = []
        for path in self._watched:
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

    def mark_read(self) -> None:
        """What the files say now is known here (this box's own tick is not news to it)."""
        self._read_from = self._stamp()

    def compose(self) -> ComposeResult:
        yield Static(id="today-about", markup=False)
        yield TodayList(id="today-routines")
        with Vertical(id="today-checks"):
            yield Static(self.CHECKLIST_LABEL, id="today-checks-label")
            yield Checklist(id="today-checklist")

    @property
    def has_routines(self) -> bool:
        return bool(self.planned)

    @property
    def checklist_has_focus(self) -> bool:
        """Whether today's checklist has the focus (space and letters are its keys)."""
        return self.query_one(Checklist).has_focus

    @property
    def program_active(self) -> bool:
        """Whether the box shows an active program (in progress, upcoming or finished)."""
        return self.day is not None

    def watch_ticking(self, ticking: bool) -> None:
        # Set on the widget itself, above the library's stylesheet, which hides it when small.
        self.query_one("#today-checks").styles.display = "block" if ticking else None

    def focus_checklist(self) -> None:
        """Move to the checklist, shown first where a small terminal leaves it out."""
        self.ticking = True
        checklist = self.query_one(Checklist)
        self.call_after_refresh(checklist.focus)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if isinstance(event.widget, Checklist):
            self.ticking = True
            self.query_one("#today-checks-label", Static).update(self.CHECKLIST_FOCUSED_LABEL)

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        if isinstance(event.widget, Checklist):
            self.ticking = False
            self.query_one("#today-checks-label", Static).update(self.CHECKLIST_LABEL)

    def out_of_date(self) -> bool:
        """Whether the box shows another day than today (it was open over midnight)."""
        return self.shown_date is not None and self.shown_date != self.now().date()

    def show(self, view: TodayView) -> None:
        """Fill the box with `view`, read just now (reading may touch the files it came
        from: opening the history does, so they are stamped after it)."""
        self._watched = view.watched
        self._fill(view)
        self.mark_read()

    def _fill(self, view: TodayView) -> None:
        now = view.now
        self.shown_date = now.date()
        day, reason = view.day, view.reason
        self.day = day
        about = self.query_one("#today-about", Static)
        options = self.query_one(TodayList)
        # Filled again (back from a routine): the same list keeps the row the person was on.
        was = (list(self.planned), options.highlighted)
        checklist = self.query_one("#today-checklist", SelectionList)
        checklist_was = checklist.highlighted
        options.clear_options()
        checklist.clear_options()
        self.has_checklist = False
        self.planned = []
        self.ticked = set()
        self.offers = []
        self.shown = view.shows_anything
        self.border_subtitle = "" if day is None else self.PROGRAM_KEY.format(days=day.length)
        if day is None and reason is None:
            self._offer_programs(view.offers, about, options)
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
        about.update(f"{program.title}{focus}{view.progress}{self._chosen(day)}")
        now_planned = day.suggested(now.time())
        self.planned = list(day.routines)
        catalog = self.catalog.choosing(day.instead or {})
        rows = [self._row(planned, catalog) for planned in self.planned]
        widths = [max(len(row[column][0]) for row in rows) for column in range(3)]
        for planned, row in zip(self.planned, rows, strict=True):
            cells = [
                (text.ljust(width) + "  ", style)
                for (text, style), width in zip(row, widths, strict=True)
            ]
            cells[2] = (row[2][0].rjust(widths[2]), "")
            cells.append(("  now" if planned is now_planned else "", "bold"))
            options.add_option(Option(Text.assemble(*cells)))
        if program.checklist and view.ticked is not None:
            self._add_checklist(checklist, program.checklist, view.ticked)
        if checklist_was is not None and checklist_was < checklist.option_count:
            checklist.highlighted = checklist_was  # refilled: the same item stays picked
        options.display = True
        if was[0] == self.planned and was[1] is not None:
            options.highlighted = was[1]
        elif now_planned is not None:
            options.highlighted = self.planned.index(now_planned)

    def _offer_programs(
        self, offers: tuple[Program, ...], about: Static, options: OptionList
    ) -> None:
        """No program is active: the ones there are, each to look at and start."""
        self.offers = list(offers)
        if not self.offers:
            options.display = False
            return
        self.border_title = "Programs"
        about.update("A plan day by day: its routines and a daily checklist. Enter to look at one.")
        for number, program in enumerate(self.offers):
            prompt = Text.assemble(
                ("Start  ", "dim"), program.title, (f"  ·  {program.length_days} days", "dim")
            )
            options.add_option(Option(prompt, id=f"offer-{number}"))
        options.display = True
        options.highlighted = 0

    def _add_checklist(
        self, checklist: SelectionList[int], items: tuple[str, ...], ticked: frozenset[str]
    ) -> None:
        """The day's checklist under the routines, each item with its tick."""
        self.ticked = set(ticked)
        checklist.add_options(
            Selection(Text(item), number, item in self.ticked) for number, item in enumerate(items)
        )
        checklist.highlighted = 0  # Tab, then space, ticks the first item
        self.has_checklist = True

    def _chosen(self, day: ProgramDay) -> str:
        """The alternatives the person chose for the program, on a line of their own."""
        if not day.instead:
            return ""
        chosen = "; ".join(
            f"{self._title(alternative)} instead of {self._title(routine)}"
            for routine, alternative in day.instead.items()
        )
        return f"\n{chosen}"

    def _title(self, name: str) -> str:
        entry = self.catalog.entries.get(name)
        routine = entry.routine if entry is not None else None
        return routine.title if routine is not None else name

    def _row(self, planned: PlannedRoutine, catalog: Catalog) -> list[tuple[str, str]]:
        """When, title and length (as played, with the alternatives chosen), each with its
        style."""
        entry = catalog.entries.get(planned.routine)
        length = ""
        if entry is None:
            title, style = f"{planned.routine} (missing)", "red"
        else:
            try:
                routine = entry.routine
                title, style = (routine.title if routine else planned.routine), ""
                length = format_clock(catalog.total_ms(entry))
            except RoutineFileError:
                title, style = f"{planned.routine} (broken)", "red"
        return [(str(planned.when or "any time"), "dim"), (title, style), (length, "")]

    @on(OptionList.OptionSelected, "#today-routines")
    def open_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self._caught_up_with_the_date():
            return
        if event.option.id and event.option.id.startswith("offer-"):
            program = self.offers[int(event.option.id.removeprefix("offer-"))]
            self.post_message(self.OfferProgram(program))
            return
        planned = self.planned[event.option_index]
        entry = self.catalog.entries.get(planned.routine)
        if entry is None:
            self.notify(f"No routine is named `{planned.routine}`.", severity="error", markup=False)
            return
        day = self.day
        in_progress = day is not None and day.state is DayState.IN_PROGRESS
        self.post_message(
            self.OpenRoutine(
                entry,
                program=day.program.name if day is not None and in_progress else None,
                day=day.number if day is not None and in_progress else None,
                instead=day.instead if day is not None and in_progress else None,
            )
        )

    def _caught_up_with_the_date(self) -> bool:
        """If midnight has passed since the box was filled, ask for it to be filled for the
        new day (True): what was chosen belonged to the day before."""
        if not self.out_of_date():
            return False
        self.post_message(self.NewDay())
        return True

    @on(SelectionList.SelectionToggled, "#today-checklist")
    def toggle_item(self, event: SelectionList.SelectionToggled[int]) -> None:
        """Tick or untick an item of today's checklist: the screen keeps it in the history."""
        event.stop()
        if self._caught_up_with_the_date():
            return  # the tick was for a list of another day: nothing recorded
        if self.day is None:
            return
        value = event.selection.value
        item = self.day.program.checklist[value]
        ticked = value in event.selection_list.selected
        self.post_message(self.TickItem(self.day.program, item, value, ticked))

    def tick_kept(self, item: str, ticked: bool) -> None:
        """The history has the tick (or its removal)."""
        if ticked:
            self.ticked.add(item)
        else:
            self.ticked.discard(item)

    def tick_failed(self, value: int) -> None:
        """The history could not keep the tick: the checklist shows the item as it was."""
        self.query_one("#today-checklist", SelectionList).toggle(value)
