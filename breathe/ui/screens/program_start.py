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
    DEFAULT_CSS = """
    ProgramStartScreen {
        align: center middle;
        background: $background 60%;
    }
    ProgramStartScreen > Vertical {
        width: 76;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        padding: 0 1;
        border: round $primary;
        border-title-color: $primary;
        border-title-style: bold;
        background: $surface;
    }
    ProgramStartScreen VerticalScroll { height: auto; max-height: 20; }
    ProgramStartScreen Static { margin-top: 1; }
    ProgramStartScreen .program-title { text-style: bold; }
    ProgramStartScreen .program-safety { border-left: thick $warning; padding-left: 1; }
    ProgramStartScreen Horizontal { width: 100%; height: auto; align-horizontal: right; }
    ProgramStartScreen Button { margin: 1 0 0 1; min-width: 0; }
    """

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
