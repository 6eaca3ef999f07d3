"""After a session: how long, how much, finished or stopped."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import Button, Footer, Static

from breathe.core.durations import format_practised
from breathe.core.engine import SessionEnded


def summary_sentence(title: str, ended: SessionEnded) -> str:
    how = "Finished" if ended.finished else "Stopped"
    return (
        f"{how} {title}: practised {format_practised(ended.practised_ms)}, "
        f"{ended.steps_completed} of {ended.steps_total} steps completed."
    )


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
            yield Button("Back to the library", id="back", variant="primary")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(None)

    def action_back(self) -> None:
        self.dismiss(None)
