"""What the app's notifications show on screen (run the app with `notifications=True`)."""

from __future__ import annotations

from typing import Any

from textual.app import App


def toasts(app: App[Any]) -> list[str]:
    """The notifications shown on the current screen, oldest first, each as its text:
    the title (if any) on the first line, then the message."""
    return [str(toast.render()) for toast in app.screen.query("Toast")]
