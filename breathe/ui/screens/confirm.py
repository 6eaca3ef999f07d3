"""Asking before a session is stopped: a stray key must not end someone's practice."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Static

from breathe.core.durations import format_practised


class ConfirmStop(ModalScreen[bool]):
    """Stop the session? Answers True to stop, False to go on."""

    CSS_PATH = "confirm.tcss"

    # The dialog's own keys, in its own footer: the session's footer under it says
    # "n Next", which here would read as the opposite of what n does (go on).
    BINDINGS = [
        Binding("y", "answer(True)", "Stop", id="confirm-stop"),
        Binding("n,escape", "answer(False)", "Go on", key_display="n/esc", id="confirm-continue"),
    ]

    def __init__(self, practised_ms: int) -> None:
        super().__init__()
        self.practised_ms = practised_ms

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(
                f"Stop this session?\nYou have practised {format_practised(self.practised_ms)}."
            )
            with Horizontal():
                yield Button("Go on (n)", id="continue", variant="primary")
                yield Button("Stop (y)", id="stop", variant="error")
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#continue", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "stop")

    def action_answer(self, stop: bool) -> None:
        self.dismiss(stop)
