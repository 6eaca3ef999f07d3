"""The orb's picture, and the partial repaints that keep it on screen frame after frame."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.geometry import Region, Size

from breathe.core.timeline import SegmentKind
from breathe.ui.widgets.pacer import (
    TOPPED_UP,
    Breath,
    Pacer,
    _changed_regions,
    _largest_radius,
    _orb_lines,
    fullness,
)
from tests.support.player import (
    EXHALE_AT,
    INHALE_AT,
    START,
    FakeClock,
    advance_to,
    at,
    player_app,
    session_screen,
    start_short_routine,
    write_short_routine,
)
from tests.support.repo import WriteRoutine

SIZES = [Size(1, 1), Size(7, 3), Size(40, 9), Size(41, 10), Size(100, 20), Size(37, 30)]


def lit(width: int, height: int, radius: float, column: int, pixel_row: int) -> bool:
    """The definition: a pixel is lit when its centre is within `radius` of the orb's
    centre (the middle of the widget; a cell is one pixel wide and two pixels high)."""
    dx = column + 0.5 - width / 2
    dy = pixel_row + 0.5 - height
    return dx * dx + dy * dy <= radius * radius


def radii(size: Size) -> list[float]:
    largest = _largest_radius(size)
    return [step / 2 for step in range(round(2 * largest) + 3)] + [0.3, largest * 0.77]


@pytest.mark.parametrize("size", SIZES, ids=str)
def test_the_orb_lights_exactly_the_pixels_within_its_radius(size: Size) -> None:
    width, height = size
    glyph = {(True, True): "B", (True, False): "T", (False, True): "L"}
    for radius in radii(size):
        rows = _orb_lines(width, height, radius, _largest_radius(size))
        assert len(rows) == height
        for row, cells in enumerate(rows):
            assert len(cells) == width
            for column, cell in enumerate(cells):
                pixels = (lit(width, height, radius, column, 2 * row),
                          lit(width, height, radius, column, 2 * row + 1))  # fmt: skip
                assert cell == glyph.get(pixels, cell if cell in " g" else "?"), (
                    radius,
                    row,
                    column,
                )


@pytest.mark.parametrize("size", SIZES, ids=str)
def test_the_changed_regions_hold_every_cell_that_changes(size: Size) -> None:
    largest = _largest_radius(size)
    steps = radii(size)[: round(2 * largest) + 1]
    kinds = ["inhale", "inhale", "exhale"]
    for before, after in pairwise(steps):
        for old_kind, new_kind in pairwise(kinds):
            regions = _changed_regions((old_kind, size, before), (new_kind, size, after))
            assert regions is not None
            old = _orb_lines(size.width, size.height, before, largest)
            new = _orb_lines(size.width, size.height, after, largest)
            for row in range(size.height):
                for column in range(size.width):
                    colour_changed = old_kind != new_kind and new[row][column] in "BTL"
                    if old[row][column] != new[row][column] or colour_changed:
                        assert any(r.contains(column, row) for r in regions), (
                            before,
                            after,
                            row,
                            column,
                        )
            # no overlaps, no empty regions: each changed row is sent once
            rows = [y for region in regions for y in range(region.y, region.bottom)]
            assert len(rows) == len(set(rows)) and all(region.area for region in regions)


def test_a_new_size_or_the_empty_picture_redraws_everything() -> None:
    size = Size(40, 9)
    assert _changed_regions(None, ("inhale", size, 3.0)) is None
    assert _changed_regions(("empty", size), ("inhale", size, 3.0)) is None
    assert _changed_regions(("inhale", Size(41, 9), 3.0), ("inhale", size, 3.0)) is None


async def test_frame_after_frame_the_pacer_shows_what_a_fresh_drawing_would(
    user_routines: Path, write_routine: WriteRoutine
) -> None:
    """Lines not repainted come from Textual's cache: if a changed row were left out of the
    regions repainted, the stale row would show here."""
    write_short_routine(write_routine, user_routines)
    clock = FakeClock(START)
    app = player_app(user_routines, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await start_short_routine(pilot)
        await advance_to(pilot, clock, INHALE_AT - 2)  # the inhale starts at 5 s
        pacer = session_screen(app).query_one(Pacer)
        width, height = pacer.size
        frames = 0
        while clock() < at(EXHALE_AT + 3):
            clock.advance(0.05)
            pacer.repaint_if_changed()
            await pilot.pause()
            picture = pacer.picture
            assert picture is not None
            if picture[0] == "empty":
                continue
            frames += 1
            drawn = [strip.text for strip in pacer.render_lines(Region(0, 0, width, height))]
            radius = picture[2]
            assert isinstance(radius, float)
            glyphs = str.maketrans({"B": "█", "T": "▀", "L": "▄", "g": "·"})
            expected = [
                line.translate(glyphs)
                for line in _orb_lines(width, height, radius, _largest_radius(pacer.size))
            ]
            assert drawn == expected, f"{(clock() - START) / 1000} s"
        assert frames > 100


async def test_a_theme_chosen_mid_session_recolours_the_orb(
    user_routines: Path, write_routine: WriteRoutine
) -> None:
    """The orb's colours are looked up once per phase and kept: a new theme must drop them."""
    write_short_routine(write_routine, user_routines)
    clock = FakeClock(START)
    app = player_app(user_routines, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await start_short_routine(pilot)
        await advance_to(pilot, clock, INHALE_AT)
        pacer = session_screen(app).query_one(Pacer)

        def orb_colour() -> str:
            width, height = pacer.size
            middle = pacer.render_lines(Region(0, 0, width, height))[height // 2]
            styles = {
                str(segment.style.color if segment.style else None)
                for segment in middle
                if "█" in segment.text
            }
            assert len(styles) == 1, styles
            return styles.pop()

        before = orb_colour()
        app.theme = "textual-light" if app.theme != "textual-light" else "textual-dark"
        await pilot.pause()
        pacer.refresh()
        await pilot.pause()
        after = orb_colour()
        assert after != before
        primary = app.current_theme.primary.lstrip("#").lower()
        assert primary in after.lower().replace("#", ""), (after, primary)


class OrbApp(App[None]):
    """The pacer alone, on a fake clock."""

    def __init__(self, clock: FakeClock) -> None:
        super().__init__()
        self.clock = clock

    def compose(self) -> ComposeResult:
        yield Pacer(clock=self.clock)


async def test_a_top_up_grows_the_orb_past_full_and_the_exhale_shrinks_it_from_there() -> None:
    clock = FakeClock(START)
    app = OrbApp(clock)
    async with app.run_test(size=(60, 20)) as pilot:
        pacer = app.query_one(Pacer)
        largest = _largest_radius(pacer.size)

        def radius() -> float:
            pacer.repaint_if_changed()
            picture = pacer.picture
            assert picture is not None and isinstance(picture[2], float)
            return picture[2]

        pacer.show(Breath(SegmentKind.INHALE, clock(), 3000))
        clock.advance(3)
        assert radius() == round(2 * largest) / 2  # full: on the guide ring
        pacer.show(Breath(SegmentKind.TOP_UP, clock(), 1000))
        assert pacer.moving and pacer.ticking  # the orb moves through a top-up
        grown = [radius()]
        for _ in range(4):
            clock.advance(0.25)
            grown.append(radius())
        assert grown == sorted(grown) and grown[-1] > grown[0] == round(2 * largest) / 2
        assert pacer.fullness_now() == pytest.approx(TOPPED_UP)
        pacer.show(Breath(SegmentKind.EXHALE, clock(), 6000))
        assert radius() == grown[-1]  # no jump back to full
        assert pacer.fullness_now() == pytest.approx(TOPPED_UP)
        clock.advance(6)
        assert pacer.fullness_now() == pytest.approx(0.0)
        await pilot.pause()


def test_a_top_up_eases_from_full_to_topped_up() -> None:
    assert fullness(SegmentKind.TOP_UP, 0.0) == 1.0
    assert fullness(SegmentKind.TOP_UP, 1.0) == pytest.approx(TOPPED_UP)
    assert fullness(SegmentKind.EXHALE, 0.0, TOPPED_UP) == pytest.approx(TOPPED_UP)
    assert fullness(SegmentKind.HOLD, 0.5, TOPPED_UP) == pytest.approx(TOPPED_UP)
    assert fullness(SegmentKind.EXHALE, 0.0) == 1.0  # a breath with no top-up, as before
