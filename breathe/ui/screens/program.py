"""The active program in the app: where it stands (what `breathe program status` says, in
the same words, with the journal's chart), every one of its days (what each plays, the
lighter days, which are done, where today is), and stopping it, after a confirmation that
says what is kept.

The screen shows a `ProgramView` (breathe.ui.screens.today_source reads it) and answers
True when the person confirmed stopping the program: the library stops it, as it starts
one, and fills its Today box again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rich.text import Text
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from breathe.core.program import DayState, ProgramDay, ProgramStatus
from breathe.ui.screens.breakpoints import SHORT_OR_ROOMY

if TYPE_CHECKING:
    from collections.abc import Mapping
    from datetime import date

    from textual.app import ComposeResult

    from breathe.history.journal import JournalEntry


@dataclass(frozen=True)
class ProgramView:
    """What the Program screen shows: the `status` of the active program today, all its
    `days` (with the alternatives chosen), the routines' `titles` (name -> title), the
    dates `done` (a session finished), and the journal since day 1 (`journal`, with the
    person's `own_scale`)."""

    status: ProgramStatus
    days: tuple[ProgramDay, ...]
    titles: Mapping[str, str] = field(default_factory=dict)
    done: frozenset[date] = frozenset()
    journal: tuple[JournalEntry, ...] = ()
    own_scale: str | None = None

    @property
    def today(self) -> ProgramDay:
        return self.status.day

    def title(self, routine: str) -> str:
        return self.titles.get(routine, routine)

    def chosen(self) -> str | None:
        """`Constructive rest instead of Legs up the wall`, for the alternatives chosen."""
        instead = self.today.instead
        if not instead:
            return None
        return "; ".join(
            f"{self.title(alternative)} instead of {self.title(routine)}"
            for routine, alternative in instead.items()
        )


def _cut(text: Text) -> Text:
    text.no_wrap = True
    text.overflow = "ellipsis"
    return text


class ProgramScreen(Screen[bool]):
    """The active program: its status above, its days below (today's row picked)."""

    CSS_PATH = "program.tcss"

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="back"),
        Binding("s", "stop_program", "Stop program", id="stop-program"),
    ]

    VERTICAL_BREAKPOINTS = SHORT_OR_ROOMY  # `-compact`: no margins, the status shorter
    NARROW_BELOW_WIDTH = 70  # below it, the days show their number and what they play only
    TODAY, DONE = "▸", "✓"
    DATE_WIDTH = 10  # "Wed 30 Dec"
    FOCUS_WIDTH = 30  # the stage's focus takes at most this, and a third of the room

    def __init__(self, view: ProgramView) -> None:
        super().__init__()
        self.view = view
        self._narrow: bool | None = None

    def compose(self) -> ComposeResult:
        view = self.view
        program = view.today.program
        yield Header()
        with VerticalScroll(id="program-status"):
            yield Static(Text(program.title), id="program-title")
            yield Static(Text(view.status.headline), id="program-headline")
            yield Static(Text(view.status.dates), id="program-dates", classes="muted")
            if view.status.progress_line is not None:
                yield Static(Text(view.status.progress_line), id="program-progress")
            chosen = view.chosen()
            if chosen is not None:
                yield Static(Text(f"Chosen for the whole program: {chosen}"), id="program-chosen")
            if view.journal and view.today.state is not DayState.UPCOMING:
                from breathe.ui.screens.history import JournalChart

                yield Static("Journal (0 to 10, · no entry)", id="program-journal-label")
                last = min(view.today.today, view.today.end)
                yield JournalChart(
                    view.journal, view.own_scale, view.today.start, last, id="program-journal"
                )
        yield Static(self._days_label(), id="program-days-label")
        yield DataTable(id="program-days", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def _days_label(self) -> Text:
        days = self.view.today.length
        lighter = self.view.today.program.lighter_days
        rest = f", every {lighter.every}th lighter" if lighter is not None else ""
        return Text.assemble(
            (f"All {days} days{rest}", "bold"),
            (f"  ·  {self.TODAY} today  {self.DONE} done", ""),
        )

    def on_mount(self) -> None:
        self._fill()
        table = self.query_one(DataTable)
        table.focus()
        today = self.view.today
        if today.state is DayState.IN_PROGRESS:
            row = today.number - 1
        else:
            row = 0 if today.state is DayState.UPCOMING else table.row_count - 1
        if table.row_count:
            table.move_cursor(row=row, scroll=False)
            self.call_after_refresh(self._centre_today, row)

    def _centre_today(self, row: int) -> None:
        """Today's row in the middle of the table, with the days before and after it."""
        table = self.query_one(DataTable)
        top = sum(shown.height for shown in table.ordered_rows[:row])  # rows may wrap
        middle = table.scrollable_content_region.height // 2
        table.scroll_to(y=max(0, top - middle), animate=False)

    def on_resize(self) -> None:
        self._fill()  # the columns share out the new width (at mount it may not be known)

    def _fill(self) -> None:
        """A row a day: the marks, its number and date, what it plays (on as many lines as
        it takes) and the focus where it changes. Narrow, the number and what it plays,
        one line a day."""
        table = self.query_one(DataTable)
        self._narrow = self.size.width < self.NARROW_BELOW_WIDTH
        cursor = table.cursor_row
        table.clear(columns=True)
        table.add_column("", key="mark", width=2)
        table.add_column("Day", key="day", width=3)
        # What is left of the width once the margins, the scrollbar and each cell's padding
        # (a space either side) are taken.
        width = self.size.width - table.styles.margin.width - 2
        if self._narrow:
            table.add_column("Plays", key="plays", width=max(8, width - 2 - 3 - 3 * 2))
        else:
            table.add_column("Date", key="date", width=self.DATE_WIDTH)
            rest = width - 2 - 3 - self.DATE_WIDTH - 5 * 2
            focus_width = min(self.FOCUS_WIDTH, rest // 3)
            table.add_column("Plays", key="plays", width=rest - focus_width)
            table.add_column("Focus", key="focus", width=focus_width)
        focus_before, plays_before, shown_on = None, None, 0
        for day in self.view.days:
            focus = day.stage.focus if day.stage is not None else ""
            plays = self._plays(day)
            if plays == plays_before and day.number != self.view.today.number:
                plays = f"as day {shown_on}"  # a stage's days play the same: said once
            else:
                plays_before, shown_on = plays, day.number
            table.add_row(
                *self._cells(day, plays, focus if focus != focus_before else ""),
                key=str(day.number),
                height=1 if self._narrow else None,
            )
            focus_before = focus
        if table.row_count and cursor:
            table.move_cursor(row=min(cursor, table.row_count - 1), scroll=False)

    def _plays(self, day: ProgramDay) -> str:
        return " · ".join(self.view.title(planned.routine) for planned in day.routines)

    def _cells(self, day: ProgramDay, plays: str, focus: str) -> list[Text | str]:
        """The marks, the number, (wide) the date, what it plays, the focus."""
        today = self.view.today
        is_today = day.number == today.number
        mark = Text.assemble(
            (self.TODAY if is_today else " ", "bold"),
            (self.DONE if day.today in self.view.done else " ", ""),
        )
        style = "bold" if is_today else ("italic" if day.lighter else "")
        same = plays.startswith("as day ")
        number = Text(str(day.number), style=style, justify="right")
        if self._narrow:
            plays = f"Lighter: {plays}" if day.lighter else plays
            return [mark, number, _cut(Text(plays, style="dim" if same else style))]
        return [
            mark,
            number,
            Text(day.today.strftime("%a %d %b").replace(" 0", " "), style=style),
            Text(plays, style="dim" if same else style),
            Text(focus, style="italic" if day.lighter else "dim"),
        ]

    def action_stop_program(self) -> None:
        """Ask first; stopped, the library stops it (this screen answers True)."""
        from breathe.ui.screens.program_stop import ConfirmProgramStop

        def answered(stop: bool | None) -> None:
            if stop:
                self.dismiss(True)

        self.app.push_screen(ConfirmProgramStop(self.view.status), answered)
