"""A screen's footer that gives its keys the room first.

Textual's footer names the command palette (`^p palette`) at its right end. On a screen
with many keys that name takes the room of one of them, so this footer names it only from
`palette_from` columns on; narrower, the keys have the room (ctrl+p still opens the
palette). Each screen says from how wide, by how many keys it shows.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Footer


class KeysFirstFooter(Footer):
    """The footer, naming the command palette only from `palette_from` columns on."""

    def __init__(self, palette_from: int) -> None:
        super().__init__()
        self.palette_from = palette_from
        # As wide as the app: a footer is docked across the bottom of its screen.
        self.set_reactive(Footer.show_command_palette, self.app.size.width >= palette_from)

    def on_resize(self, event: events.Resize) -> None:
        shown = event.size.width >= self.palette_from
        if self.show_command_palette != shown:
            self.show_command_palette = shown
            self.refresh(recompose=True)
