"""The footer of a screen with many keys names the command palette only where it is wide
enough for it beside them, and follows the terminal as it is resized."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.screen import Screen

from breathe.ui.widgets.footer import KeysFirstFooter
from tests.support.player import screen_lines


class KeysScreen(Screen[None]):
    BINDINGS = [Binding("s", "start", "Start"), Binding("t", "tempo", "Tempo")]

    def compose(self) -> ComposeResult:
        yield KeysFirstFooter(palette_from=70)


class KeysApp(App[None]):
    def on_mount(self) -> None:
        self.push_screen(KeysScreen())


def footer(app: App[None]) -> str:
    return screen_lines(app)[-1]


async def test_the_palette_is_named_only_from_its_width_on() -> None:
    app = KeysApp()
    async with app.run_test(size=(100, 10)) as pilot:
        await pilot.pause()
        assert "Start" in footer(app) and "palette" in footer(app)
        await pilot.resize_terminal(69, 10)
        await pilot.pause()
        assert "Start" in footer(app) and "palette" not in footer(app)
        await pilot.resize_terminal(70, 10)
        await pilot.pause()
        assert "palette" in footer(app)


async def test_a_narrow_terminal_starts_without_it() -> None:
    app = KeysApp()
    async with app.run_test(size=(60, 10)) as pilot:
        await pilot.pause()
        assert "Tempo" in footer(app) and "palette" not in footer(app)
