"""The evening check-in of the recovery journal: a few 0-10 scales, one key each.

When it is asked: after a session of a routine tagged `evening`, `sleep` or `bedtime`, or
after any session of a program's day played in the evening (from 18:00, the evening part of
the day as breathe.core.program declares it), once a day: a day that already has an entry
is not asked again (the summary's `j` opens it anyway, and answering replaces that entry,
as the check-in says first).

Keys: 0-9, `t` for 10; Tab or Enter passes over a scale; Esc closes the check-in. It is a
screen over the summary, after the session has ended and been recorded: it never holds up
the end of a session, and leaving it costs nothing.

Nothing is lost on a crash: each answer is written to the history as it is given (the first
answer of a check-in replacing the day's old entry in the same transaction). Esc keeps the
answers already given and asks no more.

The numbers are shown as given; nothing here interprets them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from breathe.core.program import PartOfDay, part_of_day
from breathe.history.journal import SCALE_HIGHEST, JournalEntry, Scale, short_date
from breathe.history.store import HistoryError, HistoryStore
from breathe.ui.screens.breakpoints import SHORT_OR_ROOMY

EVENING_TAGS = frozenset({"evening", "sleep", "bedtime"})
TEN_KEY = "t"


def is_evening_session(tags: Sequence[str], program: str | None, ended_at: datetime) -> bool:
    """Whether the check-in is asked after this session (see the module's docstring)."""
    if EVENING_TAGS.intersection(tag.casefold() for tag in tags):
        return True
    return program is not None and part_of_day(ended_at.time()) is PartOfDay.EVENING


@dataclass(frozen=True, slots=True)
class CheckinResult:
    """What the check-in recorded: the answers given (none if skipped at once)."""

    day: date
    values: dict[str, int]
    error: str | None = None  # why the answers could not be kept, if so


class JournalCheckin(ModalScreen[CheckinResult]):
    """Asks each scale in turn and writes each answer as it is given."""

    CSS_PATH = "journal_checkin.tcss"
    VERTICAL_BREAKPOINTS = SHORT_OR_ROOMY  # `-compact`: no blank lines, the box fits 12 lines

    # Every key a priority binding: Tab must be (it moves the focus otherwise), and keys
    # typed quickly are handled in the order typed only if they all are (a priority
    # binding is handled as the key arrives, the others after the focused widget has
    # seen it: "4 Tab t" typed at once was read as Tab, 4, t).
    BINDINGS = [
        *(Binding(str(n), f"answer({n})", show=False, priority=True) for n in range(10)),
        Binding(TEN_KEY, f"answer({SCALE_HIGHEST})", show=False, priority=True),
        Binding("tab,enter", "pass_over", "Pass", priority=True, key_display="tab"),
        Binding("escape", "skip", "Skip the check-in", priority=True),
    ]

    def __init__(
        self,
        store: HistoryStore,
        day: date,
        scales: Sequence[Scale],
        earlier: JournalEntry | None = None,
    ) -> None:
        super().__init__()
        self.store = store
        self.day = day
        self.scales = tuple(scales)
        self.earlier = earlier
        self.current = 0
        self.answers: dict[str, int] = {}
        self.error: str | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="checkin"):
            yield Static(
                f"Journal for {self.day.strftime('%a')} {short_date(self.day)}", id="checkin-title"
            )
            yield Static("0 to 10, one key each (t is 10)", id="checkin-how")
            if self.earlier is not None:
                yield Static("Answering replaces today's entry.", id="checkin-replaces")
            yield Static(self._scales(), id="checkin-scales")
            yield Static(self._anchors(), id="checkin-anchors")
            yield Static("Tab: pass · Esc: skip", id="checkin-keys")
        yield Footer()  # its own keys, not the summary's under it

    def _scales(self) -> Text:
        width = max(len(scale.label) for scale in self.scales)
        text = Text()
        for index, scale in enumerate(self.scales):
            if index:
                text.append("\n")
            here = index == self.current
            text.append("▸ " if here else "  ", "bold" if here else "")
            text.append(
                scale.label.ljust(width), "bold" if here else "dim" if index > self.current else ""
            )
            value = self.answers.get(scale.key)
            if value is not None:
                text.append(f" {value:>2}", "bold")
            elif here:
                text.append("  _", "bold")
        return text

    def _anchors(self) -> str:
        if self.current >= len(self.scales):
            return ""
        scale = self.scales[self.current]
        return f"0 {scale.low} · 10 {scale.high}"

    def _show(self) -> None:
        self.query_one("#checkin-scales", Static).update(self._scales())
        self.query_one("#checkin-anchors", Static).update(self._anchors())

    def action_answer(self, value: int) -> None:
        if self.current >= len(self.scales):
            return
        scale = self.scales[self.current]
        try:
            self.store.journal_answer(self.day, scale.key, value, replace_day=not self.answers)
        except HistoryError as error:
            self.error = str(error)
            self.dismiss(self._result())
            return
        self.answers[scale.key] = value
        self._next()

    def action_pass_over(self) -> None:
        self._next()

    def action_skip(self) -> None:
        self.dismiss(self._result())

    def _next(self) -> None:
        self.current += 1
        if self.current >= len(self.scales):
            self.dismiss(self._result())
        else:
            self._show()

    def _result(self) -> CheckinResult:
        return CheckinResult(self.day, dict(self.answers), self.error)
