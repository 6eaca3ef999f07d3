"""The library: every routine there is, valid or broken, filtered as you type.

Its first frame is painted before any routine is read: the table's place says "Loading
routines…" while a worker lists the folders and reads every file (thousands take a
while), then the screen fills the table and the Today box in one update (CatalogLoaded).
What is typed meanwhile goes to the filter, and Enter opens the first match once there is
one; the other keys wait for the routines (there is nothing to move through yet).

The first frame holds only what it shows (the header, the filter, the loading line, the
footer): the table and the Today box, and the modules behind them, come with the routines.
They are mounted as the routines arrive, in the same update that fills them, and their
modules are imported by the worker that reads the routines, off the event loop (issue
18: with their styles, they were about a fifth of the CPU time of the first frame).
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.text import Text
from textual import events, on
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Static
from textual.worker import get_current_worker

from breathe.ui.screens.breakpoints import COMPACT_BELOW_HEIGHT, band_classes

if TYPE_CHECKING:
    from textual.app import ComposeResult
    from textual.widgets import DataTable

    from breathe.library.catalog import Catalog, Entry
    from breathe.ui.screens.today_source import HistoryHost, TodaySource
    from breathe.ui.widgets.today import TodayBox, TodayView


def _cut(text: Text) -> Text:
    """A cell that ends in an ellipsis where its column cuts it."""
    text.no_wrap = True
    text.overflow = "ellipsis"
    return text


def haystack(entry: Entry) -> str:
    """What the filter looks in: the name, title and tags, lower-cased."""
    routine = entry.routine
    return " ".join([entry.name, *(([routine.title, *routine.tags]) if routine else [])]).lower()


@dataclass(frozen=True, slots=True)
class LibraryRow:
    """A routine's row in the table, and the text the filter looks in."""

    entry: Entry
    cells: list[Text | str]
    haystack: str


class LibraryScreen(Screen[None]):
    """Every routine, and above them the Today box: the screen reads what the box shows
    (breathe.ui.screens.today_source) and acts on what is chosen in it; `p` opens the
    active program's screen (breathe.ui.screens.program), which may stop it."""

    class OpenRoutine(Message):
        """Open `entry`: its detail, then its session (the app does)."""

        def __init__(self, entry: Entry) -> None:
            super().__init__()
            self.entry = entry

    class CatalogLoaded(Message):
        """Every routine is read (in a worker, after the first frame): the rows to show."""

        def __init__(self, rows: list[LibraryRow]) -> None:
            super().__init__()
            self.rows = rows

    LOADING = "Loading routines…"
    # Focus is given once the routines are there (the table, or today's routines): until
    # then nothing has it, and a letter typed goes to the filter (on_key). ("" is none;
    # None would be the app's, the first focusable widget.)
    AUTO_FOCUS = ""

    CSS_PATH = "library.tcss"

    BINDINGS = [
        Binding("q", "app.quit", "Quit", id="quit"),
        Binding("enter", "open", "Open", id="open"),
        Binding("slash", "focus_filter", "Filter", id="filter"),
        Binding("h", "app.history", "History", id="history"),
        # While a program is active (the Today box shows it): its checklist, its own screen.
        Binding("space", "checklist", "Checklist", id="checklist"),
        Binding("p", "program", "Program", id="program"),
        Binding("escape", "clear_filter", "Clear filter", show=False),
        Binding("down", "cursor(1)", "Down", show=False),
        Binding("up", "cursor(-1)", "Up", show=False),
    ]

    # `-compact` (below COMPACT_BELOW_HEIGHT lines): the Today box and the table only;
    # `-medium` (80x24, 100x30): the Today box keeps to a few lines and scrolls, so the
    # table shows at least eight routines; `-roomy`: everything at full length.
    VERTICAL_BREAKPOINTS = [(0, "-compact"), (COMPACT_BELOW_HEIGHT, "-medium"), (32, "-roomy")]
    NEWS_CHECK_SECONDS = 2.0  # the Today box looks for changes made elsewhere this often
    NARROW_BELOW_WIDTH = 70  # below it, the table shows titles and lengths only
    PROBLEM_WIDTH = 48  # a broken file's first problem, cut to this in the table
    LENGTH_WIDTH = 6  # "Length", and lengths up to 999:59
    LEAST_TAGS_WIDTH = 12  # the tags' column gives way to titles down to this
    LEAST_TITLE_WIDTH = 16
    # Each column's cell padding (one space either side), and the vertical scrollbar.
    CELL_PADDING, SCROLLBAR = 2, 2

    def __init__(self, catalog: Catalog, host: HistoryHost) -> None:
        super().__init__()
        # The band of the terminal's height from the start, as Textual would set it on the
        # first resize: set then, after the widgets are styled, it restyles every one of
        # them before the first frame.
        with contextlib.suppress(RuntimeError):  # no app running (NoActiveAppError): on resize
            bands = band_classes(self.app.size.height, self.VERTICAL_BREAKPOINTS)
            self.update_classes(bands, update=False)
        self.catalog = catalog
        self.host = host
        self._narrow = False
        self._resumed_once = False
        self._sound_line: str | None = None  # why the cues do not sound, once said
        self._rows: list[LibraryRow] | None = None  # every routine's row, made once
        self._columns: list[tuple[str, int]] | None = None  # the table's, as made
        self._open_when_loaded = False  # Enter came before the routines

    @cached_property
    def today_source(self) -> TodaySource:
        """What the Today box reads (the program state, the programs, the history): made
        when first read, after the first frame."""
        from breathe.ui.screens.today_source import TodaySource

        return TodaySource(self.catalog, self.host)

    @property
    def loaded(self) -> bool:
        """Whether the routines are read and shown (see CatalogLoaded)."""
        return self._rows is not None

    def compose(self) -> ComposeResult:
        """The first frame: the Today box (above the filter) and the table (in the place
        of the loading line) are mounted with the routines (_mount_routines_widgets)."""
        yield Header()
        yield Input(
            placeholder="Type to filter: a name, a word of the title, a tag",
            id="filter",
            select_on_focus=False,  # else the letter that moved focus here is selected, then lost
        )
        loading = Static(self.LOADING, id="library-empty", markup=False)  # in the table's place
        loading.display = True
        yield loading
        # Why the cues do not play through a sound device, when there is news of it: a quiet
        # line here, where it covers nothing (see breathe.ui.sound_notice).
        yield Static("", id="library-sound", markup=False)
        yield Static(
            "Enter opens a routine  ·  breathe is educational, not medical advice",
            id="library-note",
        )
        yield Footer()

    def on_mount(self) -> None:
        self.set_interval(self.NEWS_CHECK_SECONDS, self.check_for_news)
        self._show_sound_line()
        self.call_after_refresh(self._start_loading)  # once the first frame is painted

    def _start_loading(self) -> None:
        self.run_worker(self._read_routines, thread=True, exclusive=True, group="catalog")

    def _read_routines(self) -> None:
        """In a worker thread: list the folders, read every routine, make every row. The
        screen's widgets are left alone here; CatalogLoaded brings the rows to them. Quit
        while it reads, it stops at the next file (the process waits for this thread)."""
        # The modules of the widgets that show the routines, imported here rather than on
        # the event loop, where the first frame does not wait for them.
        from textual.widgets import DataTable  # noqa: F401

        import breathe.ui.widgets.today  # noqa: F401

        worker = get_current_worker()
        self.catalog.list_folders()
        if not self.catalog.read_every_file(stop=lambda: worker.is_cancelled):
            return
        rows = []
        for entry in sorted(self.catalog.sorted_entries(), key=shown_order):
            if worker.is_cancelled:
                return
            rows.append(LibraryRow(entry, self._cells(entry), haystack(entry)))
        self.post_message(self.CatalogLoaded(rows))

    async def on_library_screen_catalog_loaded(self, message: CatalogLoaded) -> None:
        """The routines and the Today box, mounted and shown in one update; the focus goes
        where Enter opens what a person most likely wants (today's routine, else the
        table), unless they have begun to type a filter."""
        with self.app.batch_update():
            view = self.today_source.read()
            await self._mount_routines_widgets(view)
            self._rows = message.rows
            filter_box = self.query_one("#filter", Input)
            self.fill(filter_box.value)
            today = self._refresh_today(view)
            if filter_box.has_focus:
                pass
            elif today.has_routines:  # Enter opens today's routine
                today.query_one("#today-routines").focus()
            else:
                self.routines_table.focus()
        if self._open_when_loaded:
            self._open_when_loaded = False
            self.action_open()

    async def _mount_routines_widgets(self, today: TodayView) -> None:
        """The Today box above the filter (to show `today`), the table where the loading
        line is (hidden until `fill` shows it or says that nothing matches)."""
        from textual.widgets import DataTable

        from breathe.ui.widgets.today import TodayBox  # the active program's day, if any

        table = DataTable[Text | str](id="routines", cursor_type="row", zebra_stripes=True)
        table.display = False
        box = self.mount(TodayBox(self.catalog, self.host.now, today), before="#filter")
        await self.mount(table, before="#library-empty")
        await box

    @property
    def routines_table(self) -> DataTable[Text | str]:
        """The routines' table: there once the routines are (see `loaded`)."""
        from textual.widgets import DataTable

        return self.query_one("#routines", DataTable)

    @property
    def today_box(self) -> TodayBox:
        """The Today box: there once the routines are (see `loaded`)."""
        from breathe.ui.widgets.today import TodayBox

        return self.query_one(TodayBox)

    def show_sound_notice(self, line: str) -> None:
        """Say, below the routines, why the cues do not play through a sound device."""
        self._sound_line = line
        if self.is_mounted:
            self._show_sound_line()

    def _show_sound_line(self) -> None:
        if self._sound_line is not None:
            notice = self.query_one("#library-sound", Static)
            notice.update(self._sound_line)
            notice.display = True

    def on_screen_resume(self) -> None:
        """Back from a routine or a session: the Today box shows what the history says now.
        (The first resume, as the library opens, follows `on_mount`, which filled it.)"""
        if not self._resumed_once:
            self._resumed_once = True
            return
        if self.is_mounted and self.loaded:
            self._refresh_today()

    def _refresh_today(self, view: TodayView | None = None) -> TodayBox:
        """Fill the Today box with what the state and the history say now (`view`, if
        it was just read)."""
        today = self.today_box
        today.show(view or self.today_source.read())
        self.refresh_bindings()  # the checklist's and the program's keys come and go
        return today

    def check_for_news(self) -> None:
        """The periodic check (every NEWS_CHECK_SECONDS): left open over midnight, the
        Today box moves on to the new day by itself; and it shows what another terminal
        or window changed (a tick, a program started, a session played)."""
        if self.app.screen is not self or not self.loaded:  # under a session: on resume
            return
        today = self.today_box
        if today.out_of_date() or today.has_news():
            self._refresh_today()
            if self.app.focused is None:  # what had focus went with the old day's lists
                self.routines_table.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The checklist's and the program's keys are there (in the footer and the
        palette) only while the Today box has a checklist, or an active program."""
        if action not in ("checklist", "program"):
            return True
        if not self.loaded:  # the Today box comes with the routines
            return False
        box = self.today_box
        return box.has_checklist if action == "checklist" else box.program_active

    def _today_keys(self) -> str:
        """The letters the footer gives to the Today box now: not typed into the filter."""
        return "p" if self.loaded and self.today_box.program_active else ""

    def action_checklist(self) -> None:
        """Space: to today's checklist (space there ticks)."""
        if self.loaded:
            self.today_box.focus_checklist()

    def action_program(self) -> None:
        """The active program's screen: its status, all its days, stopping it."""
        from breathe.ui.screens.program import ProgramScreen

        view = self.today_source.read_program()
        if isinstance(view, str):
            self.notify(view, title="Program", severity="error", markup=False)
            return

        def answered(stop: bool | None) -> None:
            if stop:
                self._stop_program(view.status.day.program.title)

        self.app.push_screen(ProgramScreen(view), answered)

    def _stop_program(self, title: str) -> None:
        """Stopped on the Program screen: the state forgets it, the history keeps it all."""
        problem = self.today_source.stop()
        if problem is not None:
            self.notify(problem, title="The program was not stopped", severity="error")
            return
        today = self._refresh_today()
        if today.offers:
            today.query_one("#today-routines").focus()
        else:
            self.routines_table.focus()
        self.notify(
            f"Stopped {title}. Your history is kept.", title="Program stopped", markup=False
        )

    def on_today_box_new_day(self, message: TodayBox.NewDay) -> None:
        """Something was chosen in the box on the day before: it shows the new day now."""
        self._refresh_today()
        self.notify("A new day: the Today box now shows it.", title="Today", markup=False)

    def on_today_box_offer_program(self, message: TodayBox.OfferProgram) -> None:
        """A program offered in the Today box: shown before it starts, started if asked."""
        from breathe.ui.screens.program_start import ProgramStart, ProgramStartScreen

        program = message.program

        def answered(start: ProgramStart | None) -> None:
            if start is None:
                return
            problem = self.today_source.start(program, start.instead)
            if problem is not None:
                self.notify(problem, title="The program was not started", severity="error")
                return
            today = self._refresh_today()
            if today.has_routines:
                today.query_one("#today-routines").focus()
            self.notify(
                f"{program.title}: today is day 1 of {program.length_days}.",
                title="Program started",
                markup=False,
            )

        titles = {
            name: entry.routine.title
            for name, entry in self.catalog.entries.items()
            if entry.routine is not None
        }
        self.app.push_screen(ProgramStartScreen(program, titles), answered)

    def on_today_box_tick_item(self, message: TodayBox.TickItem) -> None:
        """A checklist item ticked in the Today box: kept in the history."""
        today = self.today_box
        up_to_date = not today.has_news()  # if not, the next check fills the box again
        problem = self.today_source.tick(message.program, message.item, message.ticked)
        if problem is None:
            today.tick_kept(message.item, message.ticked)
        else:
            today.tick_failed(message.value)  # as it was: not recorded
            self.notify(problem, title="Checklist", severity="error", markup=False)
        if up_to_date:
            today.mark_read()  # the box's own write is not news to it

    def on_resize(self, event: events.Resize) -> None:
        """The columns fit the new width; a resize that leaves them as they are (the one
        as the screen opens) does not fill the table again, nor one before the routines
        are there (they are made for the width there is then)."""
        if self.loaded and self._wanted_columns() != self._columns:
            self.fill(self.query_one("#filter", Input).value)

    def _wanted_columns(self) -> list[tuple[str, int]]:
        """The columns the screen's width asks for, by name and width."""
        self._narrow = self.size.width < self.NARROW_BELOW_WIDTH
        names = ["Routine", "Length"] if self._narrow else ["Routine", "Length", "Tags", "Source"]
        return list(zip(names, self._column_widths(), strict=True))

    def _column_widths(self) -> list[int]:
        """The columns' widths, from every routine (not only those the filter leaves) and
        the table's width: they stay put as a person types, and the table fits the screen
        with no sideways scrolling (the tags, then long titles, are cut with an ellipsis)."""
        table = self.routines_table
        width = self.size.width - table.styles.margin.width - self.SCROLLBAR
        if self._narrow:
            return [max(8, width - self.LENGTH_WIDTH - 2 * self.CELL_PADDING), self.LENGTH_WIDTH]
        title, source = self._widest()
        tags = width - title - self.LENGTH_WIDTH - source - 4 * self.CELL_PADDING
        if tags < self.LEAST_TAGS_WIDTH:
            title = max(self.LEAST_TITLE_WIDTH, title - (self.LEAST_TAGS_WIDTH - tags))
            tags = self.LEAST_TAGS_WIDTH
        return [title, self.LENGTH_WIDTH, tags, source]

    def _all_rows(self) -> list[LibraryRow]:
        """Every routine's row, in the order shown: made once (reading each file once, in
        the worker), then only filtered as a person types. None before that."""
        return self._rows or []

    def _widest(self) -> tuple[int, int]:
        """The widest title and source of every row, with their headers."""
        rows = self._all_rows()
        title = max([len("Routine"), *(cell_len(str(row.cells[0])) for row in rows)])
        source = max([len("Source"), *(cell_len(str(row.cells[3])) for row in rows)])
        return title, source

    def fill(self, query: str) -> None:
        """The routines matching `query`, or in the table's place a line saying none does.
        Narrow terminals get the title and length only. The columns are made again only
        when the width asks for other ones; a keystroke replaces the rows alone, from rows
        made once. Before the routines are read, the screen keeps saying it loads them."""
        if not self.loaded:
            return
        table = self.routines_table
        cursor = table.cursor_row
        columns = self._wanted_columns()
        names = [name for name, _ in columns]
        if columns != self._columns:
            table.clear(columns=True)
            for name, width in columns:
                table.add_column(name, key=name.lower(), width=width)
            self._columns = columns
        else:
            table.clear()
        words = query.lower().split()
        for row in self._all_rows():
            if all(word in row.haystack for word in words):
                table.add_row(*row.cells[: len(names)], key=row.entry.name)
        if table.row_count:
            table.move_cursor(row=min(cursor, table.row_count - 1))
        self._show_empty(query)

    def _show_empty(self, query: str) -> None:
        """No routine matches: say so where the table was, and how to see them all again."""
        table = self.routines_table
        empty = self.query_one("#library-empty", Static)
        nothing = not table.row_count
        if nothing:
            empty.update(f"No routine matches “{query.strip()}”.\nEsc clears the filter.")
        table.display = not nothing
        empty.display = nothing

    def _cells(self, entry: Entry) -> list[Text | str]:
        """Title, length, tags, source; a broken file: its name, and its first problem where
        the tags go (a long message must not widen the titles' column). In the worker:
        what it imports, the first frame does not wait for."""
        from breathe.core.durations import format_clock
        from breathe.core.problems import RoutineFileError

        source = "user, overrides bundled" if entry.overrides else str(entry.source)
        try:
            total_ms = self.catalog.total_ms(entry)
        except RoutineFileError as error:
            message = error.first.message
            if len(message) > self.PROBLEM_WIDTH:
                message = message[: self.PROBLEM_WIDTH - 1] + "…"
            return [
                _cut(Text.assemble((entry.name, ""), ("  broken", "bold red"))),
                Text("—", style="dim", justify="right"),
                _cut(Text(message, style="red")),
                source,
            ]
        assert entry.routine is not None
        return [
            _cut(Text(entry.routine.title)),  # as written: a title is not markup
            Text(format_clock(total_ms), justify="right"),
            _cut(Text(", ".join(entry.routine.tags), style="dim")),
            source,
        ]

    @on(Input.Changed, "#filter")
    def filter_changed(self, event: Input.Changed) -> None:
        self.fill(event.value)

    @on(Input.Submitted, "#filter")
    def filter_submitted(self) -> None:
        self.action_open()

    def on_data_table_row_selected(self) -> None:  # DataTable.RowSelected
        self.action_open()

    def on_key(self, event: events.Key) -> None:
        """Typing anywhere filters: the first letter moves to the filter box. Up from the
        table's first row goes to the Today box (today's routines, or programs to start)."""
        if not self.loaded:  # nothing to move through: letters go to the filter
            self._type_into_filter(event)
            return
        table = self.routines_table
        if event.key == "up" and table.has_focus and table.cursor_row == 0:
            today = self.query_one("#today-routines")
            if today.display and today.parent is not None and today.parent.display:
                today.focus()
                event.stop()
                event.prevent_default()
                return
        if self.today_box.checklist_has_focus:
            return  # the Today checklist: space ticks there
        self._type_into_filter(event)

    def _type_into_filter(self, event: events.Key) -> None:
        """A letter typed outside the filter: the filter takes focus, and the letter."""
        filter_box = self.query_one("#filter", Input)
        if event.is_printable and event.character and not filter_box.has_focus:
            if event.character in "q/h " + self._today_keys():
                # q quits, / focuses the filter, h opens the history, space goes to the
                # checklist (a filter never starts with one), p opens the program: the
                # footer says
                return
            filter_box.focus()
            filter_box.insert_text_at_cursor(event.character)
            event.stop()

    def action_focus_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_clear_filter(self) -> None:
        self.query_one("#filter", Input).value = ""
        if self.loaded:
            self.routines_table.focus()
        else:  # the focus goes where it should once the routines are there
            self.set_focus(None)

    def action_cursor(self, step: int) -> None:
        if not self.loaded:
            return
        table = self.routines_table
        if step > 0:
            table.action_cursor_down()
        else:
            table.action_cursor_up()

    def action_open(self) -> None:
        if not self.loaded:  # Enter while they load: the first match, once they are read
            self._open_when_loaded = True
            return
        table = self.routines_table
        if not table.row_count:
            return  # the screen says so in the table's place
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        entry = self.catalog.entries[str(key.value)]
        table.focus()  # back from the routine, `q` quits again (the filter keeps its text)
        self.post_message(self.OpenRoutine(entry))


def shown_order(entry: Entry) -> str:
    """The table lists routines by the title it shows (a broken file by its name), as a
    person reads down it; file names (`circulation-and-…`) need not follow titles."""
    return (entry.routine.title if entry.routine is not None else entry.name).casefold()
