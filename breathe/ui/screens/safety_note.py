"""A routine's safety note, before its first cue, on every way into a session.

The app shows it from `BreatheApp.start_session`, the one door every session goes through
(`breathe play`, `breathe today`, the Today box, the library's routine page, `--watch`).
It holds the routine's own note and its includes' (each sentence once, as the timeline
gathers them), is passed with one key (Enter or Space on Begin), and offers "Don't show
again" for this routine only: what was chosen is kept per routine name in the state file
(`breathe.library.state`), never for every routine at once.
"""

from __future__ import annotations

from enum import Enum

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from breathe.ui.screens.breakpoints import SHORT_OR_ROOMY


class SafetyChoice(Enum):
    """What the person chose on the note."""

    BEGIN = "begin"  # and show it again next time
    BEGIN_AND_HIDE = "hide"  # and do not show this routine's note again
    BACK = "back"  # not now: the session does not start


class SafetyNoteScreen(ModalScreen[SafetyChoice]):
    """The note, then Begin. Escape goes back without starting."""

    CSS_PATH = "safety_note.tcss"

    VERTICAL_BREAKPOINTS = SHORT_OR_ROOMY  # `-compact`: the note scrolls, the buttons stay

    BINDINGS = [
        Binding("escape", "choose('back')", "Back", id="safety-back"),
        Binding("d", "choose('hide')", "Don't show again", id="safety-hide"),
        Binding("space", "press_focused", "Begin", show=False),  # as Enter: one key passes it
    ]

    def __init__(self, title: str, notes: tuple[str, ...]) -> None:
        super().__init__()
        self.routine_title = title
        self.notes = notes

    def compose(self) -> ComposeResult:
        box = Vertical(id="safety-box")
        box.border_title = "Safety"
        box.border_subtitle = "Esc: back"
        with box:
            with VerticalScroll(id="safety-notes"):
                # An author's words, shown as written: never read as markup.
                yield Static(self.routine_title, id="safety-title", markup=False)
                for note in self.notes:
                    yield Static(note, classes="safety-paragraph", markup=False)
            with Horizontal(id="safety-buttons"):
                yield Button("Don't show again (d)", id="hide")
                yield Button("Begin", id="begin", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#begin", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        hide = event.button.id == "hide"
        self.dismiss(SafetyChoice.BEGIN_AND_HIDE if hide else SafetyChoice.BEGIN)

    def action_press_focused(self) -> None:
        focused = self.focused
        if isinstance(focused, Button):
            focused.press()
        else:  # the note's scroll area has focus (Tab): Space begins, as on Begin
            self.dismiss(SafetyChoice.BEGIN)

    def action_choose(self, choice: str) -> None:
        self.dismiss(SafetyChoice(choice))
