"""A progress bar without Textual's estimate of the time left.

Textual's `ProgressBar` keeps a one-second interval timer from its mount to its unmount, to
update that estimate, even when it is not shown (`show_eta=False`) and even while the bar
itself is hidden. On the session screen that timer woke the app once more a second and
repainted the bottom of the screen a second time in each second, doubling what a pose's
countdown or a rest costs. The session knows its own times: this bar moves only when told.
"""

from __future__ import annotations

from textual import events
from textual.widgets import ProgressBar


class QuietProgressBar(ProgressBar):
    """A `ProgressBar` (same look, same CSS type) that never wakes by itself."""

    def _on_mount(self, event: events.Mount) -> None:
        # Textual calls the mount handlers of each class up the MRO: prevent_default stops
        # before ProgressBar's, which starts the timer; Widget's own is called here.
        event.prevent_default()
        super()._on_mount(event)
        self.update()
