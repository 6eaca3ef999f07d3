"""After a session: how long, how much, finished or stopped, and what was skipped; then
what a person wants after practice (breathe.ui.screens.after_practice): today's practice so
far and the streak, what is next in the active program, and `r` to play it again.
`breathe play` stays here too until the person leaves (Enter, q, Esc).

A finished session that left steps out says which, calmly: skipping a pose that does not
suit you today is part of practising (breathe.history.outcome), and the session counts.

After an evening session the recovery journal's check-in opens over it, once a day
(breathe.ui.screens.journal_checkin); `j` opens it after any session. What was noted is
then shown here, as numbers.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Protocol

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, Static

from breathe.core.durations import format_practised
from breathe.core.engine import SessionEnded
from breathe.core.words import counted
from breathe.history.outcome import PRACTICE_RULE, SKIPPING_IS_PRACTICE, skipped_names
from breathe.ui.screens.after_practice import AfterPractice
from breathe.ui.widgets.footer import KeysFirstFooter

PALETTE_HINT_COLUMNS = 70  # the footer names ^p palette from this wide on (KeysFirstFooter)

if TYPE_CHECKING:
    from breathe.history.store import HistoryStore
    from breathe.ui.screens.journal_checkin import CheckinResult


class JournalHost(Protocol):
    """What the check-in needs of the app, handed by whoever opens the summary
    (breathe.ui.app.BreatheApp is one)."""

    def history_store(self) -> HistoryStore | None: ...

    def today(self) -> date: ...


def steps_done(ended: SessionEnded, *, with_noun: bool = False) -> str:
    """`3 of 5 completed` (`3 of 5 steps completed`); from step 4 on (`--from-step 4`),
    counted in the whole routine as its page and `breathe show` number its steps:
    `2 of 5 completed, from step 4`."""
    total = ended.routine_steps
    of = counted(total, "step") if with_noun else str(total)
    done = f"{ended.steps_completed} of {of} completed"
    return f"{done}, from step {ended.steps_before + 1}" if ended.steps_before else done


def summary_sentence(title: str, ended: SessionEnded) -> str:
    how = "Finished" if ended.finished else "Stopped"
    sentence = (
        f"{how} {title}: practised {format_practised(ended.practised_ms)}, "
        f"{steps_done(ended, with_noun=True)}"
    )
    if ended.skipped:
        sentence += f"; skipped: {skipped_names(ended.skipped)}"
    return sentence + "."


class SummaryScreen(Screen[bool]):
    """Dismissed with True to play the routine again, else False."""

    CSS_PATH = "summary.tcss"

    BINDINGS = [
        Binding("enter,escape,q", "back", "Back", id="back"),
        Binding("enter,escape,q", "done", "Done", id="done"),  # `breathe play`: to the shell
        Binding("r", "again", "Play again", id="again"),
        Binding("j", "journal", "Journal", id="journal"),  # where there is a history
    ]

    # `-compact`: the whole summary and its buttons still fit; `-narrow`: one button (the
    # footer has `r Play again`).
    VERTICAL_BREAKPOINTS = [(0, "-compact"), (16, "-roomy")]
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (60, "-wide")]

    def __init__(
        self,
        title: str,
        ended: SessionEnded,
        *,
        evening: bool = False,
        after: AfterPractice | None = None,
        again: bool = False,
        to_shell: bool = False,
        journal: JournalHost | None = None,
    ) -> None:
        """`after`: today, the streak and the program's next step (none: left out);
        `again`: offer to play the routine again (dismissed with True); `to_shell`: leaving
        ends `breathe play` (Done) rather than going back to the library; `journal`: where
        the check-in keeps its answers (none: it is not offered)."""
        super().__init__()
        self.routine_title = title
        self.ended = ended
        self.evening = evening  # the journal's check-in is asked (once a day)
        self.after = after or AfterPractice()
        self.again = again
        self.to_shell = to_shell
        self.journal = journal

    def compose(self) -> ComposeResult:
        ended = self.ended
        after = self.after
        with Center(), Vertical(id="summary"):
            yield Static("Well done." if ended.finished else "Session stopped.", id="summary-head")
            yield Static(self.routine_title, id="summary-title", markup=False)
            yield Static(
                f"Practised  {format_practised(ended.practised_ms)}\n"
                f"Steps      {steps_done(ended)}\n"
                f"Ended      {'finished' if ended.finished else 'stopped'}",
                id="summary-facts",
            )
            # Short terminals: the session in a line.
            how = "finished" if ended.finished else "stopped"
            yield Static(
                f"Practised  {format_practised(ended.practised_ms)}, {how}",
                id="summary-facts-short",
            )
            if ended.skipped:
                yield Static(
                    f"Skipped: {skipped_names(ended.skipped)}", id="summary-skipped", markup=False
                )
                yield Static(SKIPPING_IS_PRACTICE, id="summary-skipped-note")
            if not after.counts:
                yield Static(f"Not counted. {PRACTICE_RULE}", id="summary-not-counted")
            if after.lines():
                yield Static("\n".join(after.lines()), id="summary-after", markup=False)
                short = "\n".join(after.short_lines())
                yield Static(short, id="summary-after-short", markup=False)
            # What the check-in noted: in full, and on short terminals in a line.
            yield Static("", id="summary-journal", markup=False)
            yield Static("", id="summary-journal-short")
            with Horizontal(id="summary-buttons"):
                if self.again:
                    yield Button("Play again", id="again")
                leave = "Done" if self.to_shell else "Back to the library"
                yield Button(leave, id="back", variant="primary")
        yield KeysFirstFooter(palette_from=PALETTE_HINT_COLUMNS)

    def on_mount(self) -> None:
        self.query_one("#back", Button).focus()
        self.refresh_bindings()
        # Asked after a practice only: not after a few seconds tried and stopped.
        if self.evening and self.after.counts:
            self.open_journal(again=False)

    def open_journal(self, *, again: bool) -> None:
        """The check-in over the summary; unless `again`, only if today has no entry yet.
        A history that cannot be used asks nothing (the app has said why already)."""
        from breathe.history.journal import scales
        from breathe.history.store import HistoryError
        from breathe.ui.screens.journal_checkin import JournalCheckin

        host = self.journal
        if host is None:
            return
        store = host.history_store()
        if store is None:
            return
        today = host.today()
        try:
            earlier = store.journal_entry(today)
            own = store.own_scale()
        except HistoryError:
            return
        if earlier is not None and not again:
            return
        self.app.push_screen(JournalCheckin(store, today, scales(own), earlier), self._noted)

    def _noted(self, result: CheckinResult | None) -> None:
        line = self.query_one("#summary-journal", Static)
        short = self.query_one("#summary-journal-short", Static)
        if result is None:
            return
        if result.error is not None:
            self.notify(
                result.error,
                title="The journal could not be kept",
                severity="warning",
                markup=False,
            )
        if result.values:
            noted = ", ".join(f"{key} {value}" for key, value in result.values.items())
            line.update(f"Journal    {noted}")
            short.update(f"Journal    {len(result.values)} noted")
        else:
            line.update("Journal    skipped (j opens it)")
            short.update("Journal    skipped")
        self.add_class("-journal-noted")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "again":
            return self.again
        if action == "journal":  # only where answers can be kept
            return self.journal is not None and self.journal.history_store() is not None
        if action in ("back", "done"):  # the footer names what leaving does here
            return (action == "done") == self.to_shell
        return True

    def action_journal(self) -> None:
        self.open_journal(again=True)

    def action_again(self) -> None:
        self.dismiss(True)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "again")

    def action_back(self) -> None:
        self.dismiss(False)

    def action_done(self) -> None:
        self.dismiss(False)
