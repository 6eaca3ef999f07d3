"""The safety notice: shown on first run until dismissed for good, and as the About screen.

The words come from `breathe.library.safety`, the same as `breathe about` prints. The
notice's text scrolls; its buttons sit below the text, outside the scrolling part, and the
footer under it all, so at any terminal size (80x24, 40x12) every control is on screen
and Tab reaches it.

On first run the default, focused button is "Don't show again": a person who has read the
notice and presses Enter is not shown it at every start (the About screen, ctrl+p, shows
it whenever they like). "Show next time" (escape) closes it for now only. Dismissing it
for good is remembered in the state file (`breathe.library.state`); if that file cannot
be written, the app says so and the notice simply shows again next time.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Static

from breathe import __version__
from breathe.library.safety import NOTICE_TITLE, notice_paragraphs
from breathe.library.state import StateFileError, dismiss_notice, notice_due
from breathe.ui.screens.breakpoints import SHORT_OR_ROOMY

FOR_GOOD_LABEL = "Don't show again"
FOR_NOW_LABEL = "Show next time"


class NoticeScreen(ModalScreen[bool]):
    """The notice. First run: `Don't show again` (the default; dismisses with True) or
    `Show next time` (False); as About, a single `Close`."""

    CSS_PATH = "notice.tcss"

    VERTICAL_BREAKPOINTS = SHORT_OR_ROOMY  # `-compact`: no padding, one-line buttons
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (50, "-wide")]  # `-narrow`: buttons stacked

    # Escape closes for now: "Show next time" on first run, "Close" as About. Each binding
    # shows in the footer only where it applies (check_action).
    BINDINGS = [
        Binding("escape", "later", FOR_NOW_LABEL, id="notice-later"),
        Binding("escape", "close", "Close", id="notice-close"),
        Binding("d", "forget", FOR_GOOD_LABEL, id="notice-forget"),
        # The text scrolls whatever has focus (a button has it at first): the scroll bar
        # shows there is more.
        Binding("down", "scroll_text('down')", show=False),
        Binding("up", "scroll_text('up')", show=False),
        Binding("pagedown", "scroll_text('page_down')", show=False),
        Binding("pageup", "scroll_text('page_up')", show=False),
        Binding("home", "scroll_text('home')", show=False),
        Binding("end", "scroll_text('end')", show=False),
    ]

    def __init__(self, *, first_run: bool = True) -> None:
        super().__init__()
        self.first_run = first_run

    def compose(self) -> ComposeResult:
        box = Vertical(id="notice")
        box.border_title = NOTICE_TITLE if self.first_run else "About breathe"
        with box:
            # Yielded first and docked at the bottom of the box: the text scrolls above.
            with Horizontal(id="notice-buttons"):
                if self.first_run:
                    yield Button(FOR_NOW_LABEL, id="for-now")
                    yield Button(FOR_GOOD_LABEL, id="for-good", variant="primary")
                else:
                    yield Button("Close", id="for-now", variant="primary")
            with VerticalScroll(id="notice-text"):
                if not self.first_run:
                    yield Static(
                        f"breathe {__version__}: guided breathing and gentle yoga. "
                        "Press ctrl+p for every command.",
                        id="notice-version",
                        classes="notice-paragraph",
                    )
                for paragraph in notice_paragraphs():
                    yield Static(paragraph, classes="notice-paragraph", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#for-good" if self.first_run else "#for-now", Button).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("later", "forget"):
            return self.first_run
        if action == "close":
            return not self.first_run
        return True

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "for-good")

    def action_scroll_text(self, how: str) -> None:
        text = self.query_one("#notice-text", VerticalScroll)
        getattr(text, f"scroll_{how}")(animate=False)

    def action_later(self) -> None:
        self.dismiss(False)

    def action_close(self) -> None:
        self.dismiss(False)

    def action_forget(self) -> None:
        self.dismiss(True)


def say_not_remembered(app: App[Any], title: str, error: Exception) -> None:
    """What a person chose could not be written to the state file: said, and the app goes
    on (the choice simply holds for this run)."""
    app.notify(
        f"This could not be remembered: {error}",
        title=title,
        severity="warning",
        timeout=10,
        markup=False,
    )


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
                say_not_remembered(app, "Notice", error)
        then()

    app.push_screen(NoticeScreen(first_run=True), closed)
