"""The breathing pacer: an orb that grows through the inhale and shrinks through the exhale.
A top-up (a short second inhale) grows it a little past full, over its guide ring; the
exhale that follows shrinks it from there.

The orb's size is read from elapsed time (like Textual's LoadingIndicator), never from a
frame count, so a late frame shows the right size instead of falling behind. The orb is
drawn with half-block characters (two pixels a cell, which makes the pixels square on most
terminals) and its radius is rounded to half pixels; the widget wakes exactly when that
rounded radius will next change (at most `MAX_FPS` times a second), so a slow breath
repaints a few times a second and a hold not at all. With `still` (reduced motion
or Textual's animation level "none") the orb is not drawn; the phase is shown by words and
a bar elsewhere on the screen.
"""

from __future__ import annotations

import asyncio
import math
from dataclasses import dataclass, replace
from functools import lru_cache

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Region, Size
from textual.strip import Strip
from textual.widget import Widget

from breathe.core.engine import Clock, monotonic_ms
from breathe.core.timeline import SegmentKind

MAX_FPS = 30
SMALLEST = 0.35  # the empty-lungs orb, as a share of the largest
TOPPED_UP = 1.1  # how full the orb is after a top-up: a little past full


@dataclass(frozen=True, slots=True)
class Breath:
    """The phase being paced: what it is, when it began (its deadline, on the session's
    clock, in ms) and how long it lasts (ms)."""

    kind: SegmentKind
    started_ms: int
    duration_ms: int
    peak: float = 1.0  # how full the lungs are when it begins: TOPPED_UP after a top-up


def span(kind: SegmentKind, peak: float = 1.0) -> tuple[float, float]:
    """How full the orb is at the start and at the end of a phase."""
    if kind is SegmentKind.INHALE:
        return (0.0, 1.0)
    if kind is SegmentKind.TOP_UP:
        return (1.0, TOPPED_UP)
    if kind is SegmentKind.EXHALE:
        return (peak, 0.0)
    if kind is SegmentKind.HOLD:
        return (peak, peak)
    return (0.0, 0.0)


def fullness(kind: SegmentKind, progress: float, peak: float = 1.0) -> float:
    """How full the orb is (0 empty, 1 full, TOPPED_UP after a top-up) at `progress` (0 to
    1) through a phase that begins `peak` full (an exhale or hold after a top-up).

    Inhale, top-up and exhale ease in and out (a half cosine), so the orb starts and ends
    each breath gently; holds stay where the breath left them.
    """
    eased = (1 - math.cos(math.pi * min(1.0, max(0.0, progress)))) / 2
    start, end = span(kind, peak)
    return start + (end - start) * eased


class Pacer(Widget):
    """Draws the orb for the current breath phase."""

    DEFAULT_CSS = """
    Pacer {
        width: 1fr;
        height: 1fr;
        min-height: 3;
        & > .pacer--inhale { color: $primary; }
        & > .pacer--top-up { color: $primary; }
        & > .pacer--hold { color: $warning; }
        & > .pacer--exhale { color: $success; }
        & > .pacer--hold-empty { color: $secondary; }
        & > .pacer--guide { color: $foreground 25%; }
    }
    """

    COMPONENT_CLASSES = {
        "pacer--inhale",
        "pacer--top-up",
        "pacer--hold",
        "pacer--exhale",
        "pacer--hold-empty",
        "pacer--guide",
    }

    def __init__(
        self, *, clock: Clock = monotonic_ms, still: bool = False, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.clock = clock
        self.still = still
        self.breath: Breath | None = None
        self.frozen_at: int | None = None  # clock time (ms), set while paused
        self._picture: tuple[object, ...] | None = None  # see `picture`
        self._ticker: asyncio.TimerHandle | None = None
        # (base, orb, guide) for each phase's colour: rich_style walks every ancestor, too
        # slow to ask each frame; forgotten whenever Textual restyles the widget (a theme).
        self._styles: dict[SegmentKind, tuple[Style, Style, Style]] = {}

    # -- what to show --

    def show(self, breath: Breath | None) -> None:
        """Pace `breath` from now on (None: nothing to pace, e.g. a pose or a rest).

        A hold or exhale straight after a top-up (or after a hold that came after one)
        begins from the topped-up orb, so the picture never jumps back to full."""
        before = self.breath
        if (
            breath is not None
            and breath.kind in (SegmentKind.HOLD, SegmentKind.EXHALE)
            and before is not None
            and (
                before.kind is SegmentKind.TOP_UP
                or (before.kind is SegmentKind.HOLD and before.peak == TOPPED_UP)
            )
        ):
            breath = replace(breath, peak=TOPPED_UP)
        self.breath = breath
        self.frozen_at = None
        self._update_ticker()
        self.repaint_if_changed()

    def freeze(self, at: int) -> None:
        """Hold the picture as it is at clock time `at` (pause)."""
        self.frozen_at = at
        self._update_ticker()

    def thaw(self, shift_ms: int) -> None:
        """Resume after a pause that lasted `shift_ms` milliseconds."""
        if self.breath is not None:
            b = self.breath
            self.breath = replace(b, started_ms=b.started_ms + shift_ms)
        self.frozen_at = None
        self._update_ticker()

    def hold_still(self, still: bool) -> None:
        """Show the orb still (reduced motion), or moving again: a hidden orb (the
        eyes-closed view) is held still, so that it costs no frames."""
        if still != self.still:
            self.still = still
            self._update_ticker()
            self.repaint_if_changed()

    def fullness_now(self) -> float:
        breath = self.breath
        if breath is None:
            return 0.0
        now = self.frozen_at if self.frozen_at is not None else self.clock()
        progress = (now - breath.started_ms) / breath.duration_ms if breath.duration_ms else 1.0
        return fullness(breath.kind, progress, breath.peak)

    # -- frames --

    @property
    def picture(self) -> tuple[object, ...] | None:
        """What the orb shows: (phase, size, radius in half pixels), or ("empty", size)
        without an orb; None before it is first drawn, or after a resize until it is."""
        return self._picture

    @property
    def ticking(self) -> bool:
        """Whether the next frame is due (only while the orb moves: see `moving`)."""
        return self._ticker is not None

    @property
    def moving(self) -> bool:
        breath = self.breath
        return (
            not self.still
            and self.frozen_at is None
            and breath is not None
            and breath.kind in (SegmentKind.INHALE, SegmentKind.TOP_UP, SegmentKind.EXHALE)
        )

    def on_mount(self) -> None:
        self._update_ticker()

    def on_resize(self) -> None:
        self._picture = None
        self.refresh()
        self._update_ticker()  # at another size the next change comes at another moment

    def on_unmount(self) -> None:
        self._stop_ticker()

    def _stop_ticker(self) -> None:
        if self._ticker is not None:
            self._ticker.cancel()
            self._ticker = None

    def _update_ticker(self) -> None:
        """Wake only while the orb moves: holds, poses and pauses cost nothing."""
        if not self.is_mounted:
            return
        self._stop_ticker()
        if self.moving:
            self._start_ticker()

    def _start_ticker(self) -> None:
        # The event loop's own one-shot timer: a Textual Timer starts a task at every wake.
        self._ticker = asyncio.get_running_loop().call_later(
            self._seconds_to_next_change(), self._tick
        )

    def _tick(self) -> None:
        self._ticker = None
        self.repaint_if_changed()
        if self.moving:
            self._start_ticker()

    def _seconds_to_next_change(self) -> float:
        """When the orb next grows or shrinks by half a pixel: the easing solved for time.

        Waking exactly then (never sooner than 1 / MAX_FPS) costs a wake per visible
        change instead of MAX_FPS wakes a second.
        """
        breath = self.breath
        assert breath is not None
        largest = _largest_radius(self.size)
        radius = _radius(largest, self.fullness_now())
        start, stop = span(breath.kind, breath.peak)
        growing = stop > start
        threshold = round(radius * 2) / 2 + (0.25 if growing else -0.25)
        full = (threshold / largest - SMALLEST) / (1 - SMALLEST)
        eased = (full - start) / (stop - start)
        end = breath.started_ms + breath.duration_ms
        when: float = end  # on the clock, in ms (a fraction of one is fine for drawing)
        if 0.0 <= eased <= 1.0:
            when = breath.started_ms + math.acos(1 - 2 * eased) / math.pi * breath.duration_ms
        # A millisecond after the change: a timer may fire a little early, and a wake
        # just before the change would find nothing to draw and sleep 1 / MAX_FPS.
        return max(1 / MAX_FPS, (min(when, end) + 1 - self.clock()) / 1000)

    def repaint_if_changed(self) -> None:
        """Draw the orb as it is now on the clock, if that is another picture than the
        one shown (each frame; also after a clock that moved without the ticker)."""
        picture = self._picture_key(self.size)
        if picture != self._picture:
            old, self._picture = self._picture, picture
            changed = _changed_regions(old, picture)
            if changed is None:
                self.refresh()
            elif changed:
                self.refresh(*changed)

    def _picture_key(self, size: Size) -> tuple[object, ...]:
        breath = self.breath
        if self.still or breath is None:
            return ("empty", size)
        largest = _largest_radius(size)
        radius = _radius(largest, self.fullness_now())
        return (breath.kind, size, round(radius * 2) / 2)  # half-pixel steps

    # -- drawing --

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()

    def render_line(self, y: int) -> Strip:
        # One picture for the whole frame (lines drawn a moment apart must not tear);
        # made afresh only if the size changed since it was chosen.
        picture = self._picture
        if picture is None or picture[1] != self.size:
            picture = self._picture = self._picture_key(self.size)
        kind = picture[0] if isinstance(picture[0], SegmentKind) else SegmentKind.INHALE
        styles = self._styles.get(kind)
        if styles is None:
            base = self.rich_style
            orb = base + self.get_component_rich_style(f"pacer--{kind.value}")
            styles = self._styles[kind] = (
                base,
                orb,
                base + self.get_component_rich_style("pacer--guide"),
            )
        base, orb, guide = styles
        if picture[0] == "empty" or y >= self.size.height:
            return Strip.blank(self.size.width, base)
        _, size, radius = picture
        assert isinstance(size, Size) and isinstance(radius, float)
        return _strips(size.width, size.height, radius, _largest_radius(size), orb, guide)[y]


def _largest_radius(size: Size) -> float:
    """The full orb fills the height (two pixels a row) and never overflows the width."""
    return max(1.0, min(size.width / 2, size.height) - 0.5)


def _radius(largest: float, full: float) -> float:
    return largest * (SMALLEST + (1 - SMALLEST) * full)


@lru_cache(maxsize=256)
def _orb_lines(width: int, height: int, radius: float, guide: float) -> tuple[str, ...]:
    """Rows of cells: 'B' full, 'T' top half, 'L' lower half, 'g' guide dot, ' ' empty.

    A pixel is lit when its centre lies within `radius` of the orb's centre. In units of
    half a pixel every centre offset is a whole number, so each row's lit columns are found
    exactly with integer square roots, without testing every cell (a new size or radius is
    drawn in a fraction of a millisecond, even on the first breath).
    """
    dots_in_row: dict[int, list[int]] = {}
    for row_dot, column in _guide_dots(width, height, guide):
        dots_in_row.setdefault(row_dot, []).append(column)
    reach = 4 * radius * radius  # the radius squared, in half-pixels squared
    rows = []
    for row in range(height):
        # Vertical offsets of the row's two pixel centres from the orb's, in half pixels.
        top = _lit_columns(width, reach - (4 * row + 1 - 2 * height) ** 2)
        low = _lit_columns(width, reach - (4 * row + 3 - 2 * height) ** 2)
        cells = [" "] * width
        for column in dots_in_row.get(row, ()):
            cells[column] = "g"
        first = min(top[0], low[0])
        last = max(top[1], low[1])
        for column in range(first, last + 1):
            lit_top = top[0] <= column <= top[1]
            lit_low = low[0] <= column <= low[1]
            if lit_top or lit_low:
                cells[column] = "B" if lit_top and lit_low else ("T" if lit_top else "L")
        rows.append("".join(cells))
    return tuple(rows)


def _lit_columns(width: int, room: float) -> tuple[int, int]:
    """The first and last column whose centre's horizontal offset from the orb's centre,
    in half pixels (`2 * column + 1 - width`), squared, is at most `room`; (0, -1) if none."""
    if room < 0:
        return (0, -1)
    most = math.isqrt(math.floor(room))  # the largest offset allowed
    first = max(0, -((most - width + 1) // 2))  # ceil((width - 1 - most) / 2)
    last = min(width - 1, (width - 1 + most) // 2)
    return (first, last) if first <= last else (0, -1)


@lru_cache(maxsize=64)
def _guide_dots(width: int, height: int, guide: float) -> frozenset[tuple[int, int]]:
    """(row, column) of the guide ring's dots: evenly spaced by angle, about three cells
    apart, and mirror-symmetric left to right and top to bottom (a multiple of four, half a
    step off the axes), so the ring looks the same on every side."""
    cx, cy = width / 2, height
    count = max(8, 4 * round(2 * math.pi * guide / 3 / 4))
    dots = set()
    for k in range(count):
        angle = 2 * math.pi * (k + 0.5) / count
        column = math.floor(cx + guide * math.cos(angle))
        row = math.floor((cy + guide * math.sin(angle)) / 2)
        if 0 <= row < height and 0 <= column < width:
            dots.add((row, column))
    return frozenset(dots)


@lru_cache(maxsize=256)
def _strips(
    width: int, height: int, radius: float, guide: float, orb: Style, guide_style: Style
) -> tuple[Strip, ...]:
    """The finished lines of one picture; a breath reuses them, frame after frame."""
    return tuple(
        Strip(_segments(line, orb, guide_style), width)
        for line in _orb_lines(width, height, radius, guide)
    )


_GLYPHS = {"B": "█", "T": "▀", "L": "▄", "g": "·", " ": " "}


def _segments(cells: str, orb: Style, guide: Style) -> list[Segment]:
    """Runs of equal cells as styled segments."""
    segments = []
    start = 0
    for index in range(1, len(cells) + 1):
        if index == len(cells) or cells[index] != cells[start]:
            code = cells[start]
            text = _GLYPHS[code] * (index - start)
            segments.append(Segment(text, guide if code == "g" else orb))
            start = index
    return segments


def _changed_regions(
    old: tuple[object, ...] | None, new: tuple[object, ...]
) -> list[Region] | None:
    """The cells that differ between two pictures of one size, as one region per run of
    changed rows (a rim that grows leaves some rows as they were); None: redraw everything."""
    if old is None or old[0] == "empty" or new[0] == "empty" or old[1] != new[1]:
        return None
    size = new[1]
    assert isinstance(size, Size)
    largest = _largest_radius(size)
    before = _orb_lines(size.width, size.height, old[2], largest)
    after = _orb_lines(size.width, size.height, new[2], largest)
    if old[0] == new[0]:
        rows = [y for y in range(size.height) if before[y] != after[y]]
    else:  # another colour: every row with orb in it
        rows = [y for y in range(size.height) if before[y].strip(" g") or after[y].strip(" g")]
    assert isinstance(old[2], float) and isinstance(new[2], float)
    reach = max(old[2], new[2]) + 1
    left = max(0, math.floor(size.width / 2 - reach))
    right = min(size.width, math.ceil(size.width / 2 + reach))
    regions: list[Region] = []
    for row in rows:
        if regions and regions[-1].bottom == row:
            last = regions[-1]
            regions[-1] = Region(last.x, last.y, last.width, last.height + 1)
        else:
            regions.append(Region(left, row, right - left, 1))
    return regions
