"""After a session: how long, how much, finished or stopped, and what was skipped.

A finished session that left steps out says which, calmly: skipping a pose that does not
suit you today is part of practising (breathe.history.outcome), and the session counts.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import Button, Footer, Static

from breathe.core.durations import format_practised
from breathe.core.engine import SessionEnded
from breathe.history.outcome import SKIPPING_IS_PRACTICE, skipped_names


def summary_sentence(title: str, ended: SessionEnded) -> str:
    how = "Finished" if ended.finished else "Stopped"
    sentence = (
        f"{how} {title}: practised {format_practised(ended.practised_ms)}, "
        f"{ended.steps_completed} of {ended.steps_total} steps completed"
    )
    if ended.skipped:
        sentence += f"; skipped: {skipped_names(ended.skipped)}"
    return sentence + "."


class SummaryScreen(Screen[None]):
    CSS_PATH = "summary.tcss"

    BINDINGS = [Binding("enter,escape,q", "back", "Back to the library", id="back")]

    # `-compact`: the whole summary and its button still fit.
    VERTICAL_BREAKPOINTS = [(0, "-compact"), (16, "-roomy")]

    def __init__(self, title: str, ended: SessionEnded) -> None:
        super().__init__()
        self.routine_title = title
        self.ended = ended

    def compose(self) -> ComposeResult:
        ended = self.ended
        with Center(), Vertical(id="summary"):
            yield Static("Well done." if ended.finished else "Session stopped.", id="summary-head")
            yield Static(self.routine_title, id="summary-title", markup=False)
            yield Static(
                f"Practised  {format_practised(ended.practised_ms)}\n"
                f"Steps      {ended.steps_completed} of {ended.steps_total} completed\n"
                f"Ended      {'finished' if ended.finished else 'stopped'}",
                id="summary-facts",
            )
            if ended.skipped:
                yield Static(
                    f"Skipped: {skipped_names(ended.skipped)}", id="summary-skipped", markup=False
                )
                yield Static(SKIPPING_IS_PRACTICE, id="summary-skipped-note")
            yield Button("Back to the library", id="back", variant="primary")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(None)

    def action_back(self) -> None:
        self.dismiss(None)
