"""Before a program starts: what it is, how long, and its safety note, as a routine's detail
shows its own before a session. Answers True to start it today."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from breathe.core.paste import breathe_command
from breathe.core.program import Program


class ProgramStartScreen(ModalScreen[bool]):
    CSS_PATH = "program_start.tcss"

    BINDINGS = [
        Binding("s", "answer(True)", "Start today", id="program-start"),
        Binding("escape,n", "answer(False)", "Not now", id="program-not-now"),
    ]

    def __init__(self, program: Program) -> None:
        super().__init__()
        self.program = program

    def compose(self) -> ComposeResult:
        program = self.program
        with Vertical() as box:
            box.border_title = f"Start a program · {program.length_days} days"
            with VerticalScroll():
                # An author's words, shown as written (never read as markup).
                yield Static(program.title, classes="program-title", markup=False)
                if program.description:
                    yield Static(" ".join(program.description.split()), markup=False)
                if program.safety:
                    yield Static(
                        "Safety  " + " ".join(program.safety.split()),
                        classes="program-safety",
                        markup=False,
                    )
                yield Static(
                    "Today is day 1. The library's Today box then shows each day's "
                    f"routines and checklist. To end it: {breathe_command('program', 'stop')}.",
                    markup=False,
                )
            with Horizontal():
                yield Button("Not now (esc)", id="not-now")
                yield Button("Start today (s)", id="start", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#start", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "start")

    def action_answer(self, start: bool) -> None:
        self.dismiss(start)
