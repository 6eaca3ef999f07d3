"""The library: every routine there is, valid or broken, with its length and source."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from breathe.catalog import Catalog
from breathe.durations import format_clock
from breathe.problems import RoutineFileError


class LibraryScreen(Screen[None]):
    BINDINGS = [Binding("q", "app.quit", "Quit", id="quit")]

    def __init__(self, catalog: Catalog) -> None:
        super().__init__()
        self.catalog = catalog

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Your routines", id="library-heading")
        yield DataTable(id="routines", cursor_type="row", zebra_stripes=True)
        yield Static(
            "Playing sessions arrives with the player; `breathe show NAME` prints a "
            "routine's timeline today.",
            id="player-note",
        )
        yield Footer()

    COMPACT_BELOW_HEIGHT = 20

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.height < self.COMPACT_BELOW_HEIGHT, "-compact")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Routine", "Length", "Tags", "Source")
        for entry in self.catalog.sorted_entries():
            source = "user, overrides bundled" if entry.overrides else str(entry.source)
            try:
                timeline = self.catalog.timeline(entry)
            except RoutineFileError as error:
                title = Text.assemble(
                    ("broken ", "bold red"), (entry.name, ""), (f"  {error.first.message}", "dim")
                )
                table.add_row(title, Text("—", style="dim"), "", source, key=entry.name)
                continue
            assert entry.routine is not None
            table.add_row(
                entry.routine.title,
                Text(format_clock(timeline.total_ms), justify="right"),
                Text(", ".join(entry.routine.tags), style="dim"),
                source,
                key=entry.name,
            )
        table.focus()
