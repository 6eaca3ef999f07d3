"""The safety notice: shown on first run until dismissed for good, and as the About screen.

The words come from `breathe.library.safety`, the same as `breathe about` prints. Dismissing it
for good is remembered in the state file (`breathe.library.state`); if that file cannot be
written, the notice says so and will simply show again next time.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from breathe import __version__
from breathe.library.safety import NOTICE_TITLE, notice_paragraphs
from breathe.library.state import StateFileError, dismiss_notice, notice_due
from breathe.ui.screens.breakpoints import SHORT_OR_ROOMY


class NoticeScreen(ModalScreen[bool]):
    """The notice. First run: `Continue` (dismisses with False) or `Don't show again`
    (True); as About, a single `Close`."""

    CSS_PATH = "notice.tcss"

    VERTICAL_BREAKPOINTS = SHORT_OR_ROOMY  # `-compact`: the notice scrolls, the buttons stay

    BINDINGS = [
        Binding("escape", "close", "Close", id="notice-close"),
        Binding("d", "forget", "Don't show again", id="notice-forget"),
    ]

    def __init__(self, *, first_run: bool = True) -> None:
        super().__init__()
        self.first_run = first_run

    def compose(self) -> ComposeResult:
        box = Vertical()
        box.border_title = NOTICE_TITLE if self.first_run else "About breathe"
        with box:
            with VerticalScroll():
                if not self.first_run:
                    yield Static(
                        f"breathe {__version__}: guided breathing and gentle yoga. "
                        "Press ctrl+p for every command.",
                        id="notice-version",
                        classes="notice-paragraph",
                    )
                for paragraph in notice_paragraphs():
                    yield Static(paragraph, classes="notice-paragraph", markup=False)
            with Horizontal():
                if self.first_run:
                    yield Button("Don't show again (d)", id="forget")
                    yield Button("Continue", id="continue", variant="primary")
                else:
                    yield Button("Close", id="continue", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#continue", Button).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.first_run if action == "forget" else True

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "forget")

    def action_close(self) -> None:
        self.dismiss(False)

    def action_forget(self) -> None:
        self.dismiss(True)


def show_notice_then(app: App[Any], then: Callable[[], None]) -> None:
    """Show the first-run notice if it is due, and call `then` once it is closed."""
    if not notice_due():
        then()
        return

    def closed(for_good: bool | None) -> None:
        if for_good:
            try:
                dismiss_notice()
            except (StateFileError, OSError) as error:
                app.notify(
                    f"This could not be remembered: {error}",
                    title="Notice",
                    severity="warning",
                    timeout=10,
                    markup=False,
                )
        then()

    app.push_screen(NoticeScreen(first_run=True), closed)
