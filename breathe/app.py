"""The Textual app. For now it opens on the routine library; the player comes next."""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.binding import Binding

from breathe.catalog import Catalog
from breathe.locations import bundled_routines_dir, user_routines_dir
from breathe.screens.library import LibraryScreen


class BreatheApp(App[None]):
    """Guided breathing and gentle yoga."""

    CSS_PATH = "app.tcss"
    TITLE = "breathe"
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", show=False, priority=True, id="quit")]

    def __init__(self, catalog: Catalog) -> None:
        super().__init__()
        self.catalog = catalog

    def on_mount(self) -> None:
        self.push_screen(LibraryScreen(self.catalog))


def make_app(bundled: Path | None = None, user: Path | None = None) -> BreatheApp:
    """Build the app on a catalog; tests point it at folders of their own."""
    catalog = Catalog.load(bundled or bundled_routines_dir(), user or user_routines_dir())
    return BreatheApp(catalog)


def run_app() -> int:
    make_app().run()
    return 0
