"""Asking before a program is stopped: what stopping does, and what it keeps (the history
is never lost: stopped and taken up again from the same day 1, it carries on)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Static

from breathe.core.program import DayState, day_headline, take_up_again
from breathe.ui.screens.breakpoints import SHORT_OR_ROOMY

if TYPE_CHECKING:
    from textual.app import ComposeResult

    from breathe.core.program import ProgramStatus


def stop_words(status: ProgramStatus) -> tuple[str, str, str]:
    """The question, what is kept, and how to take the program up again."""
    day = status.day
    program = day.program
    where = day_headline(day)
    question = f"Stop following {program.title}? ({where[:1].lower()}{where[1:]})"
    kept = (
        "Your history is kept: every session, journal entry and checklist tick stays. "
        "The Today box will offer programs to start instead."
    )
    again = (
        f"To take it up again where it is: {take_up_again(program.name, day.start, day.instead)}"
        if day.state is not DayState.FINISHED
        else "It can be started anew from the Today box."
    )
    return question, kept, again


class ConfirmProgramStop(ModalScreen[bool]):
    """Stop the program? Answers True to stop it, False to keep going."""

    CSS_PATH = "program_stop.tcss"

    BINDINGS = [
        Binding("y", "answer(True)", "Stop program", id="confirm-stop-program"),
        Binding("n,escape", "answer(False)", "Keep it", key_display="n/esc", id="keep-program"),
    ]

    VERTICAL_BREAKPOINTS = SHORT_OR_ROOMY  # `-compact`: one-line buttons, no blank lines

    def __init__(self, status: ProgramStatus) -> None:
        super().__init__()
        self.status = status

    def compose(self) -> ComposeResult:
        question, kept, again = stop_words(self.status)
        with Vertical():
            with VerticalScroll():
                yield Static(Text(question), id="stop-question")
                yield Static(Text(kept), id="stop-kept")
                yield Static(Text(again), id="stop-again")
            with Horizontal():
                yield Button("Keep it (n)", id="keep", variant="primary")
                yield Button("Stop (y)", id="stop", variant="error")
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#keep", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "stop")

    def action_answer(self, stop: bool) -> None:
        self.dismiss(stop)
