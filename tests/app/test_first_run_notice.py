"""The first-run safety notice at the sizes people use (80x24, 40x12): its text scrolls, its
buttons and the footer stay on screen and Tab reaches them; the default button, Enter,
dismisses it for good; "Show next time" (escape) only for now. And what it says: medicines,
getting up slowly, supplements as a question for the clinician, no doses.

Snapshots (`--snapshot-update -k first_run_notice`, then look at them): the notice at
80x24, and scrolled to its end at 80x24 and 40x12."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.containers import VerticalScroll
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Button, Footer

from breathe.core.options import PlayOptions
from breathe.library.safety import notice_text
from breathe.library.state import load_state
from breathe.ui.app import BreatheApp, make_app
from breathe.ui.screens.library import LibraryScreen
from breathe.ui.screens.notice import NoticeScreen
from tests.support.player import START, FakeClock, library_ready, player_app, screen_text, svg_lines
from tests.support.repo import BUNDLED_ROUTINES, SNAPSHOT_ROUTINES

SnapCompare = Callable[..., bool]
SMALL_SIZES = {"80x24": (80, 24), "40x12": (40, 12)}
SNAPSHOT_SIZES = {"100x30": (100, 30), **SMALL_SIZES}
STORED = Path(__file__).parent / "__snapshots__" / Path(__file__).stem


def first_run_app(user: Path) -> BreatheApp:
    app = make_app(bundled=BUNDLED_ROUTINES, user=user, options=PlayOptions(sound="off"))
    app.notice_on_start = True
    return app


def on_screen(app: BreatheApp, widget: Widget) -> bool:
    """Whether `widget` is drawn where the user sees it: inside the screen, and what the
    screen has at the middle of its region (nothing covers or clips it)."""
    region = widget.region
    if not region or not app.screen.region.contains_region(region):
        return False
    found, _ = app.screen.get_widget_at(region.x + region.width // 2, region.y + region.height // 2)
    return found is widget or widget in found.ancestors


async def tab_to(pilot: Pilot[Any], app: BreatheApp, button_id: str) -> bool:
    """Press Tab until the button has focus; False if a whole round of the focus chain
    never reaches it."""
    for _ in range(len(app.screen.focus_chain) + 1):
        focused = app.focused
        if focused is not None and focused.id == button_id:
            return True
        await pilot.press("tab")
    return False


@pytest.mark.parametrize("size", SMALL_SIZES)
async def test_the_buttons_and_the_footer_are_on_screen_and_tab_reaches_them(
    user_routines: Path, size: str
) -> None:
    app = first_run_app(user_routines)
    async with app.run_test(size=SMALL_SIZES[size]) as pilot:
        await library_ready(pilot)
        await pilot.pause()
        notice = app.screen
        assert isinstance(notice, NoticeScreen)
        for_good = notice.query_one("#for-good", Button)
        for_now = notice.query_one("#for-now", Button)
        assert for_good.has_focus  # the default
        for button in (for_good, for_now):
            assert on_screen(app, button), (button.id, button.region)
        footer = notice.query_one(Footer)
        assert on_screen(app, footer)
        assert "Don't show again" in screen_text(app).splitlines()[-1]
        assert await tab_to(pilot, app, "for-now")
        assert await tab_to(pilot, app, "for-good")
        # Scrolled to the end, the buttons are still where they were.
        await pilot.press("end")
        await pilot.pause()
        assert on_screen(app, for_good) and on_screen(app, for_now)


@pytest.mark.parametrize("size", SMALL_SIZES)
async def test_the_text_scrolls_to_its_last_words_whatever_has_focus(
    user_routines: Path, size: str
) -> None:
    app = first_run_app(user_routines)
    async with app.run_test(size=SMALL_SIZES[size]) as pilot:
        await library_ready(pilot)
        await pilot.pause()
        text = app.screen.query_one("#notice-text", VerticalScroll)
        assert text.max_scroll_y > 0  # it does not fit: it scrolls
        assert "discomfort." not in screen_text(app)
        assert app.screen.query_one("#for-good", Button).has_focus
        for _ in range(text.max_scroll_y):
            await pilot.press("down")
        await pilot.pause()
        assert "discomfort." in screen_text(app)
        await pilot.press("home")
        await pilot.pause()
        assert "breathe is educational" in screen_text(app)


@pytest.mark.parametrize("size", SMALL_SIZES)
async def test_enter_on_the_default_dismisses_it_for_good(user_routines: Path, size: str) -> None:
    app = first_run_app(user_routines)
    async with app.run_test(size=SMALL_SIZES[size]) as pilot:
        await library_ready(pilot)
        await pilot.pause()
        assert isinstance(app.screen, NoticeScreen)
        await pilot.press("end", "enter")  # read to the end, then the default button
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
    assert load_state().notice_dismissed

    again = first_run_app(user_routines)  # the next start, the same state folder
    async with again.run_test(size=SMALL_SIZES[size]) as pilot:
        await library_ready(pilot)
        await pilot.pause()
        assert isinstance(again.screen, LibraryScreen)
        assert not any(isinstance(screen, NoticeScreen) for screen in again.screen_stack)


@pytest.mark.parametrize("how", ["escape", "button"])
async def test_show_next_time_closes_it_for_now_only(user_routines: Path, how: str) -> None:
    for _ in range(2):
        app = first_run_app(user_routines)
        async with app.run_test(size=(80, 24)) as pilot:
            await library_ready(pilot)
            await pilot.pause()
            assert isinstance(app.screen, NoticeScreen)
            if how == "escape":
                await pilot.press("escape")
            else:
                assert await tab_to(pilot, app, "for-now")
                await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, LibraryScreen)
    assert not load_state().notice_dismissed


async def test_the_footer_names_the_keys(user_routines: Path) -> None:
    app = first_run_app(user_routines)
    async with app.run_test(size=(80, 24)) as pilot:
        await library_ready(pilot)
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        assert "esc Show next time" in footer and "d Don't show again" in footer
        app.screen.dismiss(False)
        await pilot.pause()
        app.action_about()
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        assert "esc Close" in footer and "Don't show again" not in footer
        assert app.screen.query_one("#for-now", Button).has_focus  # Close, the only one


# -- what it says --


def test_the_notice_names_medicines_and_supplements_without_doses() -> None:
    words = " ".join(notice_text().split())
    for phrase in (
        "educational, not medical advice",
        "a medicine for blood pressure",
        "get up slowly after lying down",
        "legs up the wall or a rest on the floor",
        "Supplements can interact with medicines",
        "ask your clinician or pharmacist",
        "breathe gives no doses",
    ):
        assert phrase in words
    # No amount of anything, and no product: the clinician decides.
    assert not re.search(r"\d\s*(mg|mcg|µg|g|ml|IU|tablet|capsule)s?\b", words, re.IGNORECASE)
    assert "magnesium" not in words.lower()


# -- snapshots --


def snapshot(
    snap_compare: SnapCompare,
    user: Path,
    size: str,
    *,
    keys: tuple[str, ...],
    theme: str | None = None,
) -> bool:
    app = player_app(user, FakeClock(START), bundled=SNAPSHOT_ROUTINES)
    app.notice_on_start = True

    async def run_before(pilot: Pilot[Any]) -> None:
        if theme is not None:
            app.theme = theme
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
        await pilot.pause()

    return snap_compare(app, terminal_size=SNAPSHOT_SIZES[size], run_before=run_before)


def test_first_run_notice_80x24(snap_compare: SnapCompare, user_routines: Path) -> None:
    assert snapshot(snap_compare, user_routines, "80x24", keys=())


@pytest.mark.parametrize("size", SNAPSHOT_SIZES)
def test_first_run_notice_read_to_the_end(
    snap_compare: SnapCompare, user_routines: Path, size: str
) -> None:
    assert snapshot(snap_compare, user_routines, size, keys=("end",))


@pytest.mark.parametrize("variant", ["breathe-light", "breathe-night", "no-color"])
def test_first_run_notice_in_colours(
    snap_compare: SnapCompare, user_routines: Path, variant: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The notice in the other themes, and with NO_COLOR (greys: Textual's Monochrome)."""
    if variant == "no-color":
        monkeypatch.setenv("NO_COLOR", "1")
    theme = None if variant == "no-color" else variant
    assert snapshot(snap_compare, user_routines, "80x24", keys=(), theme=theme)


WORDS = {
    "test_first_run_notice_80x24[]": [
        "Before you practise",
        "educational, not medical advice",
        "Show next time",
        "Don't show again",
        "esc Show next time",
    ],
    "test_first_run_notice_read_to_the_end[80x24]": [
        "a medicine for blood pressure",
        "ask your clinician or",
        "discomfort.",
        "Show next time",
        "Don't show again",
    ],
    "test_first_run_notice_read_to_the_end[40x12]": [
        "discomfort.",
        "Show next time",
        "Don't show again",
        "esc Show next time",
    ],
}


WORDS |= {
    f"test_first_run_notice_in_colours[{variant}]": WORDS["test_first_run_notice_80x24[]"]
    for variant in ("breathe-light", "breathe-night", "no-color")
}


@pytest.mark.parametrize("name", WORDS)
def test_stored_snapshots_show_the_right_words(name: str) -> None:
    path = STORED / f"{name.removesuffix('[]')}.svg"
    if not path.exists():
        pytest.fail(f"no stored snapshot {path.name}: run with --snapshot-update")
    lines = svg_lines(path.read_text(encoding="utf-8"))
    width, height = SMALL_SIZES["40x12" if "40x12" in name else "80x24"]
    assert len(lines) == height and all(len(line) <= width for line in lines)
    screen = "\n".join(lines)
    missing = [words for words in WORDS[name] if words not in screen]
    assert not missing, screen
