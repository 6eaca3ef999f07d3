"""The orb's picture, and the partial repaints that keep it on screen frame after frame."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from rich.style import Style
from textual.app import App, ComposeResult
from textual.color import Color
from textual.geometry import Region, Size
from textual.pilot import Pilot

from breathe.core.timeline import SegmentKind
from breathe.ui.widgets.pacer import (
    FADE_MS,
    FADE_STEPS,
    MAX_RING_RADIUS,
    RING_CELLS,
    RING_ROOM,
    TOPPED_UP,
    Breath,
    Pacer,
    _strips,
    changed_regions,
    fullness,
    largest_radius,
    orb_lines,
    phase_colours,
)
from tests.support.player import (
    EXHALE_AT,
    INHALE_AT,
    START,
    FakeClock,
    advance_to,
    at,
    library_ready,
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
    largest = largest_radius(size)
    return [step / 2 for step in range(round(2 * largest) + 3)] + [0.3, largest * 0.77]


@pytest.mark.parametrize("size", SIZES, ids=str)
def test_the_orb_lights_exactly_the_pixels_within_its_radius(size: Size) -> None:
    width, height = size
    glyph = {(True, True): "B", (True, False): "T", (False, True): "L"}
    for radius in radii(size):
        rows = orb_lines(width, height, radius, largest_radius(size))
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
    largest = largest_radius(size)
    steps = radii(size)[: round(2 * largest) + 1]
    kinds = ["inhale", "inhale", "exhale"]
    for before, after in pairwise(steps):
        for old_kind, new_kind in pairwise(kinds):
            regions = changed_regions((old_kind, size, before), (new_kind, size, after))
            assert regions is not None
            old = orb_lines(size.width, size.height, before, largest)
            new = orb_lines(size.width, size.height, after, largest)
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
            # no overlaps, no empty regions: each changed cell is sent once
            cells = [cell for region in regions for cell in _cells(region)]
            assert len(cells) == len(set(cells)) and all(region.area for region in regions)


def _cells(region: Region) -> list[tuple[int, int]]:
    return [(x, y) for y in range(region.y, region.bottom) for x in range(region.x, region.right)]


@pytest.mark.parametrize("size", SIZES, ids=str)
def test_a_growing_rim_repaints_its_edges_not_the_whole_orb(size: Size) -> None:
    """Half a pixel more of the same colour changes the cells at the orb's edge: each
    region repainted begins and ends at a changed cell, and rows that did not change are
    not repainted."""
    largest = largest_radius(size)
    steps = radii(size)[: round(2 * largest) + 1]
    for before, after in pairwise(steps):
        regions = changed_regions(("inhale", size, before), ("inhale", size, after))
        assert regions is not None
        old = orb_lines(size.width, size.height, before, largest)
        new = orb_lines(size.width, size.height, after, largest)
        for region in regions:
            assert region.height == 1
            row = region.y
            for column in (region.x, region.right - 1):
                assert old[row][column] != new[row][column], (before, after, region)
        assert {region.y for region in regions} == {
            row for row in range(size.height) if old[row] != new[row]
        }


@pytest.mark.parametrize("size", SIZES, ids=str)
def test_a_frame_repaints_each_changed_row_as_one_region(size: Size) -> None:
    """Textual writes a repainted region of a row from the widget's left edge to the
    region's end: a row's two edges as two regions sent its left part twice. One region
    a row sends each cell at most once."""
    largest = largest_radius(size)
    steps = radii(size)[: round(2 * largest) + 1]
    for before, after in pairwise(steps):
        for kinds in (("inhale", "inhale"), ("inhale", "exhale")):
            regions = changed_regions((kinds[0], size, before), (kinds[1], size, after))
            assert regions is not None
            rows = [region.y for region in regions]
            assert len(rows) == len(set(rows)), (before, after, kinds, regions)


@pytest.mark.parametrize("size", SIZES, ids=str)
def test_each_line_is_written_as_one_segment_a_style(size: Size) -> None:
    """Each segment reaches the terminal with its own colour codes: a half block beside
    full blocks of the same shade goes with them, never as a segment of its own."""
    base = Style(color="#e0e0e0", bgcolor="#121212")
    guide = base + Style(color="#646464")
    shades = tuple(base + Style(color=colour) for colour in ("#4ea3e7", "#4089c3", "#336fa0"))
    largest = largest_radius(size)
    for radius in radii(size):
        lines = _strips(size.width, size.height, radius, largest, base, shades, guide)
        for line in lines:
            styles = [segment.style for segment in line]
            assert all(a != b for a, b in pairwise(styles)), (radius, list(line))
            assert line.cell_length == size.width


def test_a_new_size_or_the_empty_picture_redraws_everything() -> None:
    size = Size(40, 9)
    assert changed_regions(None, ("inhale", size, 3.0)) is None
    assert changed_regions(("empty", size), ("inhale", size, 3.0)) is None
    assert changed_regions(("inhale", Size(41, 9), 3.0), ("inhale", size, 3.0)) is None


async def test_frame_after_frame_the_pacer_shows_what_a_fresh_drawing_would(
    user_routines: Path, write_routine: WriteRoutine
) -> None:
    """Lines not repainted come from Textual's cache: if a changed row were left out of the
    regions repainted, the stale row would show here."""
    write_short_routine(write_routine, user_routines)
    clock = FakeClock(START)
    app = player_app(user_routines, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await library_ready(pilot)
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
                for line in orb_lines(width, height, radius, largest_radius(pacer.size))
            ]
            assert drawn == expected, f"{(clock() - START) / 1000} s"
        assert frames > 100


@pytest.mark.parametrize("size", [(100, 32), (99, 30), (80, 24), (41, 20), (21, 20)], ids=str)
async def test_the_pacer_is_as_wide_as_its_ring_and_the_orb_stays_centred(
    user_routines: Path, write_routine: WriteRoutine, size: tuple[int, int]
) -> None:
    """A frame repaints no blank cells beside the orb (Textual writes each repainted row of
    a widget from the widget's left edge): the pacer is only as wide as its widest guide
    ring, and the orb's centre is the screen's centre, as in the whole width, at even and
    odd widths alike."""
    write_short_routine(write_routine, user_routines)
    clock = FakeClock(START)
    app = player_app(user_routines, clock)
    async with app.run_test(size=size) as pilot:
        await start_short_routine(pilot)
        await advance_to(pilot, clock, INHALE_AT)
        pacer = session_screen(app).query_one(Pacer)
        region = pacer.region
        assert region.width == min(size[0], RING_CELLS + size[0] % 2)
        assert 2 * region.x + region.width == size[0]  # the middle of the screen
        assert largest_radius(pacer.size) == largest_radius(Size(size[0], pacer.size.height))


async def test_a_theme_chosen_mid_session_recolours_the_orb(
    user_routines: Path, write_routine: WriteRoutine
) -> None:
    """The orb's colours are looked up once per phase and kept: a new theme must drop them."""
    write_short_routine(write_routine, user_routines)
    clock = FakeClock(START)
    app = player_app(user_routines, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await library_ready(pilot)
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
        app.theme = "breathe-light" if app.theme != "breathe-light" else "breathe-dark"
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


@asynccontextmanager
async def lone_pacer(
    size: tuple[int, int] = (60, 20),
) -> AsyncIterator[tuple[Pilot[Any], Pacer, FakeClock]]:
    """The pacer alone on a terminal of `size`, its fake clock at START."""
    clock = FakeClock(START)
    app = OrbApp(clock)
    async with app.run_test(size=size) as pilot:
        await library_ready(pilot)
        yield pilot, app.query_one(Pacer), clock


async def test_a_top_up_grows_the_orb_past_full_and_the_exhale_shrinks_it_from_there() -> None:
    async with lone_pacer() as (pilot, pacer, clock):
        largest = largest_radius(pacer.size)

        def radius() -> float:
            pacer.repaint_if_changed()
            picture = pacer.picture
            assert picture is not None and isinstance(picture[2], float)
            return picture[2]

        full = round(2 * largest * RING_ROOM) / 2
        pacer.show(Breath(SegmentKind.INHALE, clock(), 3000))
        clock.advance(3)
        assert radius() == full < largest - 1  # full: inside its guide ring, room to spare
        pacer.show(Breath(SegmentKind.TOP_UP, clock(), 1000))
        assert pacer.moving and pacer.ticking  # the orb moves through a top-up
        grown = [radius()]
        for _ in range(4):
            clock.advance(0.25)
            grown.append(radius())
        assert grown == sorted(grown) and largest > grown[-1] > grown[0] == full  # still inside
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


def core_colour(pacer: Pacer) -> Color:
    """The colour of the orb's centre cell, as drawn."""
    width, height = pacer.size
    line = pacer.render_lines(Region(0, 0, width, height))[height // 2]
    column = 0
    for segment in line:
        column += len(segment.text)
        if column > width // 2:
            assert segment.style is not None and segment.style.color is not None
            return Color.from_rich_color(segment.style.color)
    raise AssertionError("no centre")


def distance(one: Color, other: Color) -> int:
    return sum(abs(a - b) for a, b in zip(one.rgb, other.rgb, strict=True))


@pytest.fixture
def truecolor(monkeypatch: pytest.MonkeyPatch) -> None:
    """A terminal that says it shows 24-bit colour (read when an app is made)."""
    monkeypatch.setenv("COLORTERM", "truecolor")


@pytest.mark.usefixtures("truecolor")
async def test_a_hold_is_a_calm_tone_not_the_warning_colour() -> None:
    async with lone_pacer() as (pilot, pacer, clock):
        pacer.show(Breath(SegmentKind.INHALE, clock(), 3000))
        clock.advance(3)
        pacer.show(Breath(SegmentKind.HOLD, clock(), 4000))
        clock.advance(2)
        pacer.repaint_if_changed()
        await pilot.pause()
        variables = pilot.app.theme_variables
        hold = pacer.colour_now()
        assert hold == phase_colours(variables)[SegmentKind.HOLD]
        warning = Color.parse(variables["warning"])
        primary = Color.parse(variables["primary"])
        assert distance(hold, warning) > 200  # nothing like an alarm...
        assert distance(hold, primary) < distance(hold, warning)  # ...the breath's, paler
        centre = core_colour(pacer)
        assert distance(centre, warning) > 200 and distance(centre, hold) < 60


@pytest.mark.usefixtures("truecolor")
async def test_a_new_phase_colour_eases_in_from_the_last_over_a_fraction_of_a_second() -> None:
    async with lone_pacer() as (pilot, pacer, clock):
        colours = phase_colours(pilot.app.theme_variables)
        pacer.show(Breath(SegmentKind.INHALE, clock(), 4000))
        clock.advance(4)
        pacer.show(Breath(SegmentKind.EXHALE, clock(), 6000))
        seen = []
        for _ in range(round(FADE_MS / 50) + 2):
            colour = pacer.colour_now()
            assert colour is not None
            seen.append(distance(colour, colours[SegmentKind.EXHALE]))
            clock.advance(0.05)
        assert seen[0] == distance(colours[SegmentKind.INHALE], colours[SegmentKind.EXHALE])
        assert seen == sorted(seen, reverse=True) and seen[-1] == 0  # closer at each step
        assert len(set(seen)) >= FADE_STEPS // 2  # in steps, not at once
        assert pacer.colour_now() == colours[SegmentKind.EXHALE]
        await pilot.pause()


@pytest.mark.usefixtures("truecolor")
async def test_a_settling_colour_wakes_the_pacer_in_a_hold_and_then_it_sleeps() -> None:
    """The easing is drawn by the pacer's one ticker; once settled, a hold costs nothing."""
    async with lone_pacer() as (pilot, pacer, clock):
        pacer.show(Breath(SegmentKind.INHALE, clock(), 3000))
        clock.advance(3)
        pacer.show(Breath(SegmentKind.HOLD, clock(), 7000))
        assert pacer.moving and pacer.ticking
        clock.advance(FADE_MS / 1000 + 0.01)
        pacer.repaint_if_changed()
        assert not pacer.moving
        await pilot.pause()


@pytest.mark.usefixtures("truecolor")
async def test_the_orb_is_shaded_and_dims_while_paused() -> None:
    async with lone_pacer() as (pilot, pacer, clock):
        pacer.show(Breath(SegmentKind.INHALE, clock(), 3000))
        clock.advance(3)
        pacer.repaint_if_changed()
        await pilot.pause()
        width, height = pacer.size
        middle = pacer.render_lines(Region(0, 0, width, height))[height // 2]
        tones = {segment.style.color for segment in middle if segment.style and "█" in segment.text}
        assert len(tones) >= 3  # a core and its rim, not one flat disc
        background = Color.parse(pilot.app.theme_variables["background"])
        lit = core_colour(pacer)
        pacer.freeze(clock())
        await pilot.pause()
        dim = core_colour(pacer)
        assert distance(dim, background) < distance(lit, background) / 2
        pacer.thaw(0)
        await pilot.pause()
        assert core_colour(pacer) == lit


async def test_the_guide_ring_shows_whole_around_the_full_and_the_topped_up_orb() -> None:
    async with lone_pacer() as (pilot, pacer, clock):

        def dots() -> int:
            pacer.repaint_if_changed()
            width, height = pacer.size
            lines = pacer.render_lines(Region(0, 0, width, height))
            return sum(line.text.count("·") for line in lines)

        pacer.show(Breath(SegmentKind.INHALE, clock(), 3000))
        empty = dots()
        assert empty >= 8
        clock.advance(3)
        assert dots() == empty  # full: every dot of the ring still shows
        pacer.show(Breath(SegmentKind.TOP_UP, clock(), 1000))
        clock.advance(1)
        assert dots() == empty  # topped up: a little past full, still inside
        await pilot.pause()


@pytest.mark.parametrize("size", [(100, 30), (200, 60)])
async def test_the_orb_leaves_room_for_the_words(size: tuple[int, int]) -> None:
    async with lone_pacer(size) as (pilot, pacer, clock):
        pacer.show(Breath(SegmentKind.TOP_UP, clock(), 1000))
        clock.advance(1)
        pacer.repaint_if_changed()
        width, height = pacer.size
        lines = [line.text for line in pacer.render_lines(Region(0, 0, width, height))]
        drawn = [line for line in lines if line.strip()]
        assert len(drawn) <= 12  # rows, ring included
        assert max(len(line.strip()) for line in drawn) <= 2 * MAX_RING_RADIUS + 2
        await pilot.pause()
