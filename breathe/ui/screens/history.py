"""The History screen: the last twelve weeks a square a day, streaks, minutes, favourites,
and the recovery journal's scales across the program (breathe.history.journal): a block a
day from ▁ (0) to █ (10), a dot for a day without an entry, and the last value given. The
numbers only: the screen says nothing about what they mean.

Everything shown comes from an overview of the history (breathe.history.overview: sums
SQLite keeps, the days practised and the newest sessions, never every session) against an
injected "today", so the screen (and its snapshots) do not depend on the real date. The
recent sessions are the newest eight; `m` adds older ones, a page at a time.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING, Protocol

from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Header, Static

from breathe.core.durations import format_practice_time
from breathe.core.words import counted
from breathe.history.journal import JournalEntry, chart_rows
from breathe.history.outcome import NOT_COUNTED, PRACTICE_RULE, counts, how_it_ended
from breathe.history.overview import MORE, Overview, overview_of, read_overview
from breathe.history.stats import minutes_of_days
from breathe.ui.screens.breakpoints import SHORT_OR_ROOMY, band

if TYPE_CHECKING:
    from pathlib import Path

    from textual.app import ComposeResult

    from breathe.history.store import HistoryStore, SessionRecord

WEEKS = 12
CHART_DAYS = 30
# Older sessions, `count` of them recorded before the session with id `before`, oldest first.
OlderSessions = Callable[[int, int], list["SessionRecord"]]
# Minutes a day at which a calendar square gets darker: under 5, 5 to 10, 10 to 20, 20+.
LEVEL_MINUTES = (5, 10, 20)
GLYPHS = "·░▒▓█"  # no practice, then the four levels: readable without colour too
BARS = " ▁▂▃▄▅▆▇█"
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def level(ms: int) -> int:
    """0 for a day without practice, else 1 to 4 by minutes practised."""
    if ms <= 0:
        return 0
    return 1 + sum(1 for minutes in LEVEL_MINUTES if ms >= minutes * 60_000)


def first_shown_day(today: date) -> date:
    """The Monday that starts the first of the twelve weeks ending with today's week."""
    return today - timedelta(days=today.weekday(), weeks=WEEKS - 1)


class Calendar(Widget):
    """Twelve weeks in columns, Monday to Sunday in rows, a square a day shaded by minutes."""

    COMPONENT_CLASSES = {"calendar--none", "calendar--day", "calendar--label"}
    DEFAULT_CSS = """
    Calendar { height: auto; width: auto; }
    Calendar > .calendar--none { color: $text-disabled; }
    Calendar > .calendar--day { color: $success; }
    Calendar > .calendar--label { color: $text-muted; }
    """

    narrow = reactive(False, layout=True)  # one character a day instead of two

    def __init__(self, by_day: dict[date, int], today: date, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.by_day = by_day
        self.today = today

    def get_content_width(self, container: object, viewport: object) -> int:
        label, cell = (2, 2) if self.narrow else (4, 3)
        return label + WEEKS * cell + 1  # room for a month's name over the last week

    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        return 9  # months, seven days, the legend

    def render(self) -> Text:
        none = self.get_component_rich_style("calendar--none")
        day_style = self.get_component_rich_style("calendar--day")
        label_style = self.get_component_rich_style("calendar--label")
        label_width, cell = (2, 2) if self.narrow else (4, 3)
        first = first_shown_day(self.today)
        lines = [self._months(first, label_width, cell, label_style)]
        for weekday in range(7):
            line = Text()
            name = WEEKDAYS[weekday][: label_width - 1]
            line.append(name.ljust(label_width), label_style)
            for week in range(WEEKS):
                day = first + timedelta(weeks=week, days=weekday)
                if day > self.today:
                    break
                shade = level(self.by_day.get(day, 0))
                glyph = GLYPHS[shade] * (cell - 1)
                line.append(glyph, day_style if shade else none)
                if week < WEEKS - 1:
                    line.append(" ")
            lines.append(line)
        legend = Text(" " * label_width)
        legend.append("less ", label_style)
        for shade, glyph in enumerate(GLYPHS):
            legend.append(glyph, day_style if shade else none)
            legend.append(" ")
        legend.append("more", label_style)
        lines.append(legend)
        return Text("\n").join(lines)

    def _months(self, first: date, label_width: int, cell: int, style: Style) -> Text:
        """Every month's name: above the week in which it begins, and the month the first
        week is in (when no month begins in it) above the weekday names if its own week has
        no room, so that a month beginning in the second week keeps its name too."""
        row = [" "] * (label_width + WEEKS * cell + 1)

        def free(x: int, name: str) -> bool:  # a blank on either side of the name
            return x >= 0 and all(c == " " for c in row[max(0, x - 1) : x + len(name) + 1])

        for week in range(WEEKS):
            start = first + timedelta(weeks=week)
            firsts = [
                start + timedelta(days=n) for n in range(7) if (start + timedelta(days=n)).day == 1
            ]
            if firsts:  # months begin at least four weeks apart: never two names too close
                x = label_width + week * cell
                row[x : x + 3] = list(firsts[0].strftime("%b"))
        if first.day != 1 and not any((first + timedelta(days=n)).day == 1 for n in range(7)):
            name = first.strftime("%b")
            for x in (label_width, label_width - len(name) - 1, 0):
                if free(x, name):
                    row[x : x + len(name)] = list(name)
                    break
        return Text("".join(row).rstrip(), style=style)


class MinutesChart(Widget):
    """Minutes a day over the last thirty days as bars from zero, today on the right."""

    COMPONENT_CLASSES = {"minutes--bar", "minutes--axis"}
    DEFAULT_CSS = """
    MinutesChart { height: auto; width: auto; }
    MinutesChart > .minutes--bar { color: $primary; }
    MinutesChart > .minutes--axis { color: $text-muted; }
    """

    ROWS = 4
    narrow = reactive(False, layout=True)  # a bar one character wide instead of two

    def __init__(self, minutes: Sequence[float], today: date, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.minutes = list(minutes)
        self.today = today

    @property
    def bar_width(self) -> int:
        return 1 if self.narrow else 2

    def get_content_width(self, container: object, viewport: object) -> int:
        return 5 + len(self.minutes) * self.bar_width

    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        return self.ROWS + 1

    def render(self) -> Text:
        bar_style = self.get_component_rich_style("minutes--bar")
        axis_style = self.get_component_rich_style("minutes--axis")
        top = max(self.minutes, default=0.0)
        # The scale is at least a minute: a day of 12 seconds is a low bar, not a full one
        # under a `0m` label.
        scale = max(top, 1.0)
        # In eighths of a row; a day with any practice shows at least the lowest bar.
        eighths = [
            max(1, round(value / scale * self.ROWS * 8)) if value else 0 for value in self.minutes
        ]
        lines = []
        for row in reversed(range(self.ROWS)):
            label = f"{round(scale)}m" if row == self.ROWS - 1 and top else ""
            line = Text(label.rjust(4) + " ", style=axis_style)
            for amount in eighths:
                filled = min(8, max(0, amount - row * 8))
                line.append(BARS[filled] * self.bar_width, bar_style)
            lines.append(line)
        first = self.today - timedelta(days=len(self.minutes) - 1)
        left = first.strftime("%d %b").lstrip("0")
        width = len(self.minutes) * self.bar_width
        axis = Text(" " * 5 + left + "today".rjust(width - len(left)), style=axis_style)
        lines.append(axis)
        return Text("\n").join(lines)


class JournalChart(Widget):
    """The journal's scales from the program's day 1 (or the first entry) to today, as many
    of the last days as the width holds."""

    COMPONENT_CLASSES = {"journal--label", "journal--blocks", "journal--axis"}
    DEFAULT_CSS = """
    JournalChart { height: auto; width: 1fr; }
    JournalChart > .journal--label { color: $text; }
    JournalChart > .journal--blocks { color: $primary; }
    JournalChart > .journal--axis { color: $text-muted; }
    """

    def __init__(
        self,
        entries: Sequence[JournalEntry],
        own_scale: str | None,
        start: date,
        today: date,
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.entries = list(entries)
        self.own_scale = own_scale
        self.start = start
        self.today = today

    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        return len(chart_rows(self.entries, self.own_scale, self.start, self.today, width))

    def render(self) -> Text:
        label = self.get_component_rich_style("journal--label")
        blocks = self.get_component_rich_style("journal--blocks")
        axis = self.get_component_rich_style("journal--axis")
        rows = chart_rows(self.entries, self.own_scale, self.start, self.today, self.size.width)
        lines = []
        for index, row in enumerate(rows):
            last = index == len(rows) - 1
            lines.append(
                Text.assemble(
                    (row.label, label), (row.blocks, axis if last else blocks), (row.tail, axis)
                )
            )
        return Text("\n").join(lines)


def journal_start(program_start: date | None, entries: Sequence[JournalEntry]) -> date:
    """Where the journal's chart begins: day 1 of the program last practised, else the
    first entry."""
    return program_start or min(entry.day for entry in entries)


class JournalHost(Protocol):
    """What reading the journal needs of the app (breathe.ui.app.BreatheApp is one)."""

    @property
    def history_path(self) -> Path: ...

    def history_store(self) -> HistoryStore | None: ...


class HistoryHost(JournalHost, Protocol):
    """What opening the History screen needs of the app: the history, and why it cannot be
    used when it cannot."""

    history_error: str | None


def read_history_screen(host: HistoryHost, today: date) -> HistoryScreen:
    """The History screen for `host`'s history as it is now: an overview summed by SQLite
    (no file yet: nothing recorded, and looking does not create one), the journal, and
    older sessions read a page at a time when asked for."""
    from breathe.history.store import HistoryError

    overview = overview_of([], today)
    older: OlderSessions | None = None
    if host.history_path.exists():
        store = host.history_store()
        if store is not None:
            try:
                overview = read_overview(store, today)
            except HistoryError as error:
                host.history_error = str(error)
            else:
                older = _older_in(store)
    journal, own = read_journal(host)  # drawn under the minutes
    screen = HistoryScreen(overview, today, error=host.history_error, older=older)
    return screen.with_journal(journal, own)


def _older_in(store: HistoryStore) -> OlderSessions:
    def older(before: int, count: int) -> list[SessionRecord]:
        return store.sessions(last=count, before=before)

    return older


def read_journal(host: JournalHost) -> tuple[list[JournalEntry], str | None]:
    """The journal's entries and the own scale's name; none when there is no history file
    (looking does not create it) or it cannot be read (the screen says why elsewhere)."""
    from breathe.history.store import HistoryError

    if not host.history_path.exists():
        return [], None
    store = host.history_store()
    if store is None:
        return [], None
    try:
        return store.journal(), store.own_scale()
    except HistoryError:
        return [], None


def _facts(overview: Overview, today: date) -> Text:
    streak, total = overview.streaks, overview.totals
    week_start = today - timedelta(days=today.weekday())
    days = range(today.weekday() + 1)  # Monday to today
    this_week = sum(overview.by_day.get(week_start + timedelta(days=n), 0) for n in days)
    rows = [
        ("Current streak", counted(streak.current, "day")),
        ("Longest streak", counted(streak.longest, "day")),
        ("This week", format_practice_time(this_week)),
        ("In all", format_practice_time(total.practised_ms)),
        ("Sessions", f"{total.sessions} on {counted(total.days, 'day')}"),
    ]
    if total.not_counted:  # kept in the list below, left out of every sum here
        rows.append(("Not counted", str(total.not_counted)))
    text = Text()
    for index, (name, value) in enumerate(rows):
        if index:
            text.append("\n")
        text.append(f"{name:<16}", "dim")
        text.append(value, "bold" if index < 2 else "")
    return text


def _brief(overview: Overview) -> Text:
    streak = overview.streaks
    text = Text()
    text.append(f"{streak.current}-day streak" if streak.current else "No streak yet", "bold")
    text.append(f" · best {streak.longest} · ", "dim")
    text.append(format_practice_time(overview.totals.practised_ms))
    return text


def _top(overview: Overview) -> Table:
    table = Table(box=None, pad_edge=False, show_header=False, expand=True)
    # A name is never cut: a long one wraps between its words.
    table.add_column("routine", overflow="fold", ratio=1)
    table.add_column("sessions", justify="right", style="dim", no_wrap=True)
    table.add_column("time", justify="right", no_wrap=True)
    for total in overview.top:
        sessions = f"{total.sessions}×"
        table.add_row(Text(total.title), sessions, format_practice_time(total.practised_ms))
    return table


def _recent(records: Sequence[SessionRecord], *, narrow: bool = False) -> Table:
    """The sessions, newest first; narrow: shorter dates, and no ending but for those
    that do not count. A routine's name is never cut: a long one wraps between its words."""
    table = Table(box=None, pad_edge=False, show_header=False, expand=True)
    table.add_column("when", style="dim", no_wrap=True)
    table.add_column("routine", overflow="fold", ratio=1)
    table.add_column("time", justify="right", no_wrap=True)
    if not narrow:
        table.add_column("how", style="dim", no_wrap=True)
    for record in reversed(records):
        how = how_it_ended(record, short=True)  # the routine's name keeps its room
        when = record.started_at.strftime("%d %b" if narrow else "%a %d %b %H:%M")
        # A title is text, not markup; the others are breathe's own words.
        name = Text(record.title)
        # Narrow: the program's day and `not counted` on a line of their own under the name
        # (wrapped with it, `day` and its number could land on two lines).
        more = []
        if record.program is not None and record.day is not None:
            more.append(f"day {record.day}")
        if narrow and not counts(record):
            more.append(NOT_COUNTED)
        if more:
            name.append("\n" if narrow else " · ")
            name.append(" · ".join(more), "dim" if narrow else "")
        style = "" if counts(record) else "dim"  # kept, and quieter: not in the sums
        cells: list[Text | str] = [when, name, format_practice_time(record.practised_ms)]
        table.add_row(*cells if narrow else [*cells, how], style=style)
    return table


def _recent_note(records: Sequence[SessionRecord]) -> str:
    """The rule, under the recent sessions when one of them does not count."""
    return PRACTICE_RULE if any(not counts(record) for record in records) else ""


def _shown_of(shown: int, recorded: int) -> str:
    """Under the recent sessions while older ones are not shown: how many are, and the key."""
    if shown >= recorded:
        return ""
    return f"The newest {shown:,} of {recorded:,} · m shows {min(MORE, recorded - shown)} more"


class HistoryScreen(Screen[None]):
    """The practice history, from an overview already read; `today` decides what is
    recent; `older` reads older sessions when a person asks for more (none: there are no
    more to read)."""

    CSS_PATH = "history.tcss"

    BINDINGS = [
        Binding("escape,q", "back", "Back", id="back"),
        Binding("j", "journal", "Journal", id="journal"),  # shown when there is one
        Binding("m", "more", "More sessions", id="more"),  # shown while there are more
    ]
    # `-slim`: a calendar day one character wide; `-narrow` (and slim): one column, the
    # chart's bars one character wide, the recent sessions shorter; `-compact`: a one-line
    # summary in place of the facts.
    HORIZONTAL_BREAKPOINTS = [(0, "-slim"), (50, "-narrow"), (80, "-wide")]
    VERTICAL_BREAKPOINTS = SHORT_OR_ROOMY

    def __init__(
        self,
        overview: Overview,
        today: date,
        *,
        error: str | None = None,
        journal: Sequence[JournalEntry] = (),
        own_scale: str | None = None,
        older: OlderSessions | None = None,
    ) -> None:
        super().__init__()
        self.overview = overview
        self.recent = list(overview.recent)  # oldest first; `m` adds older ones before them
        self.older = older
        self.today = today
        self.error = error
        self.journal = [entry for entry in journal if entry.day <= today]
        self.own_scale = own_scale

    def with_journal(self, journal: Sequence[JournalEntry], own_scale: str | None) -> HistoryScreen:
        """This screen, showing the recovery journal's `journal` too."""
        self.journal = [entry for entry in journal if entry.day <= self.today]
        self.own_scale = own_scale
        return self

    def compose(self) -> ComposeResult:
        yield Header()
        yield Footer()  # docked at the bottom; yielded first because the body may end early
        with VerticalScroll(id="history"):
            if self.error is not None:
                yield Static("Your history cannot be shown", id="history-error-title")
                yield Static(self.error, id="history-error", markup=False)
                yield Static(
                    "Routines still play as always; they are recorded again once the "
                    "history file can be read.",
                    id="history-error-note",
                )
                return
            overview, today = self.overview, self.today
            yield Static(_brief(overview), id="history-brief")
            with Horizontal(id="history-top"):
                with Vertical(id="calendar-box"):
                    yield Static(
                        f"Last {WEEKS} weeks, to {today.strftime('%a %d %b').replace(' 0', ' ')}",
                        classes="history-heading",
                        id="calendar-heading",
                    )
                    yield Calendar(overview.by_day, today, id="calendar")
                yield Static(_facts(overview, today), id="history-facts")
            if not overview.recorded:
                yield Static(
                    "Nothing recorded yet. Each day you practise fills a square.",
                    id="history-empty",
                )
                yield from self._journal()  # noted with `breathe journal add`, say
                return
            yield Static(f"Minutes a day, last {CHART_DAYS} days", classes="history-heading")
            minutes = minutes_of_days(overview.by_day, today, CHART_DAYS)
            yield MinutesChart(minutes, today, id="minutes")
            yield from self._journal()
            with Horizontal(id="history-lists"):
                with Vertical(id="top-box"):
                    yield Static("Most practised", classes="history-heading")
                    yield Static(_top(overview), id="top-routines")
                with Vertical(id="recent-box"):
                    yield Static("Recent sessions", classes="history-heading")
                    yield Static(_recent(self.recent), id="recent")
                    yield _shown_when_said(_recent_note(self.recent), "recent-note")
                    yield _shown_when_said(self._shown_of(), "recent-more")

    def _journal(self) -> ComposeResult:
        """The journal's heading and chart, if it has entries."""
        if self.journal:
            yield Static(
                "Journal, 0 to 10 (· no entry)", classes="history-heading", id="journal-heading"
            )
            start = journal_start(self.overview.program_start, self.journal)
            yield JournalChart(self.journal, self.own_scale, start, self.today, id="journal")

    def on_resize(self, event: events.Resize) -> None:
        self._fit(event.size.width)

    def on_mount(self) -> None:
        self._fit(self.size.width)

    def _fit(self, width: int) -> None:
        """What is drawn in Python follows the width's band, as the stylesheet does."""
        slim_or_narrow = band(width, self.HORIZONTAL_BREAKPOINTS) != "-wide"
        for widget in self.query(Calendar):
            widget.narrow = band(width, self.HORIZONTAL_BREAKPOINTS) == "-slim"
        for chart in self.query(MinutesChart):
            chart.narrow = slim_or_narrow
        for recent in self.query("#recent").results(Static):
            recent.update(_recent(self.recent, narrow=slim_or_narrow))

    def _shown_of(self) -> str:
        return _shown_of(len(self.recent), self.overview.recorded) if self.older else ""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "journal":
            return bool(self.journal) and self.error is None
        if action == "more":
            return bool(self._shown_of()) and self.error is None
        return True

    def action_more(self) -> None:
        """Older sessions under the recent ones: the next page back, read now."""
        from breathe.history.store import HistoryError

        if self.older is None or not self.recent:
            return
        try:
            older = self.older(self.recent[0].id, MORE)
        except HistoryError as error:
            self.notify(str(error), title="History", severity="error", markup=False)
            return
        self.recent[:0] = older
        if not older:  # the file changed under the screen: nothing older after all
            self.older = None
        narrow = band(self.size.width, self.HORIZONTAL_BREAKPOINTS) != "-wide"
        self.query_one("#recent", Static).update(_recent(self.recent, narrow=narrow))
        for id_, line in (
            ("recent-note", _recent_note(self.recent)),
            ("recent-more", self._shown_of()),
        ):
            said = self.query_one(f"#{id_}", Static)
            said.update(line)
            said.display = bool(line)
        self.refresh_bindings()

    def action_journal(self) -> None:
        """Scroll to the journal's chart, below the minutes."""
        heading = self.query_one("#journal-heading")
        self.query_one("#history", VerticalScroll).scroll_to_widget(
            heading, top=True, animate=False
        )

    def action_back(self) -> None:
        self.dismiss(None)


def _shown_when_said(line: str, id: str) -> Static:
    """A line under the recent sessions, hidden while it has nothing to say."""
    static = Static(line, id=id)
    static.display = bool(line)
    return static
