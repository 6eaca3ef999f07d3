"""The breathing pacer: a softly shaded orb that grows through the inhale and shrinks
through the exhale, inside a dotted guide ring that it breathes towards (the full orb stays
inside it). A top-up (a short second inhale) grows it a little past full, nearer the ring;
the exhale that follows shrinks it from there.

The orb's size is read from elapsed time (like Textual's LoadingIndicator), never from a
frame count, so a late frame shows the right size instead of falling behind. The orb is
drawn with half-block characters (two pixels a cell, which makes the pixels square on most
terminals) and its radius is rounded to half pixels; the widget wakes exactly when that
rounded radius will next change (at most `MAX_FPS` times a second), so a slow breath
repaints a few times a second and a hold not at all. With `still` (reduced motion
or Textual's animation level "none") the orb is not drawn; the phase is shown by words and
a bar elsewhere on the screen.

Colour, calm rather than loud: each phase has its colour (`phase_colours`, shared with the
screen's words), a hold a paler tone of the breath before it, stillness rather than a
warning. In truecolor the orb is shaded, its core a touch brighter and its rim fading into
the background, and when a phase begins its colour eases from the last one's over `FADE_MS`
(in `FADE_STEPS` steps, read from the clock like the size: the same one-shot wake, no timer
of its own); in 256 colours two tones and the same easing; in 16 colours (or with the
terminal's own ANSI colours) one flat colour that changes at once. Paused, the orb dims.
The orb's size is capped (`MAX_RING_RADIUS`), leaving room for the words around it.
"""

from __future__ import annotations

import asyncio
import math
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import lru_cache

from rich.segment import Segment
from rich.style import Style
from textual.color import Color
from textual.geometry import Region, Size
from textual.strip import Strip
from textual.widget import Widget

from breathe.core.engine import Clock, monotonic_ms
from breathe.core.timeline import SegmentKind

MAX_FPS = 30
SMALLEST = 0.35  # the empty-lungs orb, as a share of the full one
TOPPED_UP = 1.1  # how full the orb is after a top-up: a little past full
RING_ROOM = 0.8  # the full orb's radius, as a share of its guide ring's: room to grow into
MAX_RING_RADIUS = 10.5  # pixels: the ring at most 21 cells wide and 11 high
FADE_MS = 600  # a new phase's colour eases in over this long
FADE_STEPS = 12  # ...in this many steps (20 a second, for 0.6 s)
STILLNESS = 0.45  # a hold: its breath's colour, this far towards the theme's foreground
DIMMED = 0.6  # paused: the orb this far towards the background
GUIDE = 0.4  # the guide ring's dots: this far from the background towards the foreground
GLOW = 0.12  # the shaded orb's core: this far towards the foreground
RIM = 0.5  # ...and its rim this far towards the background
RING_CELLS = 2 * math.ceil(MAX_RING_RADIUS + 0.5)  # the widest guide ring, in cells
MOVING_KINDS = (SegmentKind.INHALE, SegmentKind.TOP_UP, SegmentKind.EXHALE)


def phase_colours(variables: Mapping[str, str]) -> dict[SegmentKind, Color]:
    """Each breathing phase's colour, from a theme's variables (`App.theme_variables`):
    breathing in the theme's primary, out its success colour, a hold the colour of the
    breath before it gone pale (towards the foreground, so that as words it keeps, even
    gains, contrast). The orb and the words of the phase share them."""
    primary = Color.parse(variables.get("primary", "#0178D4"))
    success = Color.parse(variables.get("success", "#4EBF71"))
    foreground = Color.parse(variables.get("foreground", "#E0E0E0"))
    return {
        SegmentKind.INHALE: primary,
        SegmentKind.TOP_UP: primary,
        SegmentKind.HOLD: primary.blend(foreground, STILLNESS),
        SegmentKind.EXHALE: success,
        SegmentKind.HOLD_EMPTY: success.blend(foreground, STILLNESS),
    }


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


@dataclass(frozen=True, slots=True)
class Tone:
    """How the orb is coloured in one picture: `kind`'s colour, or on its way there from
    `fading_from`'s (`step` of FADE_STEPS done), in `shades` tones from core to rim,
    dimmed while paused."""

    kind: SegmentKind
    fading_from: SegmentKind | None = None
    step: int = FADE_STEPS
    shades: int = 1
    dimmed: bool = False


class Pacer(Widget):
    """Draws the orb for the current breath phase."""

    DEFAULT_CSS = """
    Pacer {
        width: 1fr;
        height: 1fr;
        min-height: 3;
    }
    """

    def __init__(
        self, *, clock: Clock = monotonic_ms, still: bool = False, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.clock = clock
        self.still = still
        self.breath: Breath | None = None
        self.fading_from: SegmentKind | None = None  # the colour the last phase left
        self.frozen_at: int | None = None  # clock time (ms), set while paused
        self._picture: tuple[object, ...] | None = None  # see `picture`
        self._ticker: asyncio.TimerHandle | None = None
        # The styles of each tone: rich_style walks every ancestor, too slow to ask each
        # frame; forgotten whenever Textual restyles the widget (a theme).
        self._styles: dict[Tone, tuple[Style, tuple[Style, ...], Style]] = {}
        self._palette: dict[SegmentKind, Color] | None = None
        self._depth: tuple[int, bool] | None = None  # see `_colour_depth`
        # The lines of the picture shown, made once a picture (a frame repaints a few
        # rows, and each asks for its line): (picture, lines).
        self._lines: tuple[tuple[object, ...], tuple[Strip, ...]] | None = None

    # -- what to show --

    def show(self, breath: Breath | None) -> None:
        """Pace `breath` from now on (None: nothing to pace, e.g. a pose or a rest).

        A hold or exhale straight after a top-up (or after a hold that came after one)
        begins from the topped-up orb, so the picture never jumps back to full. The colour
        eases from the last breath's (none after a pose or rest: the orb was not shown)."""
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
        self.fading_from = before.kind if before is not None and breath is not None else None
        self.breath = breath
        self.frozen_at = None
        self._update_ticker()
        self.repaint_if_changed()

    def freeze(self, at: int) -> None:
        """Hold the picture as it is at clock time `at`, dimmed (pause)."""
        self.frozen_at = at
        self._update_ticker()
        self.repaint_if_changed()

    def thaw(self, shift_ms: int) -> None:
        """Resume after a pause that lasted `shift_ms` milliseconds."""
        if self.breath is not None:
            b = self.breath
            self.breath = replace(b, started_ms=b.started_ms + shift_ms)
        self.frozen_at = None
        self._update_ticker()
        self.repaint_if_changed()

    def hold_still(self, still: bool) -> None:
        """Show the orb still (reduced motion), or moving again: a hidden orb (the
        eyes-closed view) is held still, so that it costs no frames."""
        if still != self.still:
            self.still = still
            self._update_ticker()
            self.repaint_if_changed()

    def _now(self) -> int:
        return self.frozen_at if self.frozen_at is not None else self.clock()

    def fullness_now(self) -> float:
        breath = self.breath
        if breath is None:
            return 0.0
        now = self._now()
        progress = (now - breath.started_ms) / breath.duration_ms if breath.duration_ms else 1.0
        return fullness(breath.kind, progress, breath.peak)

    def tone_now(self) -> Tone | None:
        """How the orb is coloured now (None: no orb)."""
        breath = self.breath
        if breath is None:
            return None
        shades, fades = self._colour_depth()
        step = FADE_STEPS
        fading_from = self.fading_from
        if fades and fading_from is not None and fading_from is not breath.kind:
            done = (self._now() - breath.started_ms) / FADE_MS
            step = min(FADE_STEPS, max(0, math.floor(done * FADE_STEPS)))
        if step >= FADE_STEPS:
            fading_from = None
        dimmed = self.frozen_at is not None
        return Tone(breath.kind, fading_from, step if fading_from else FADE_STEPS, shades, dimmed)

    def colour_now(self) -> Color | None:
        """The orb's colour now, at its core, before shading (None: no orb)."""
        tone = self.tone_now()
        return None if tone is None else self._colour(tone)

    def _colour_depth(self) -> tuple[int, bool]:
        """(shades, whether colours ease) for the terminal's colour system: shading and
        easing in truecolor, two shades and easing in 256 colours, else one flat colour.
        With the terminal's own ANSI colours (`App.ansi_color`) no blend is possible.
        Asked at every frame: the terminal's part is kept once known."""
        if self._depth is None:
            if not self.is_attached:
                return (1, False)
            system = self.app.console.color_system
            self._depth = {"truecolor": (4, True), "256": (2, True)}.get(system or "", (1, False))
        return (1, False) if self.app.ansi_color else self._depth

    # -- frames --

    @property
    def picture(self) -> tuple[object, ...] | None:
        """What the orb shows: (phase, size, radius in half pixels, Tone), or ("empty",
        size) without an orb; None before it is first drawn, or after a resize until it is."""
        return self._picture

    @property
    def ticking(self) -> bool:
        """Whether the next frame is due (only while the orb moves: see `moving`)."""
        return self._ticker is not None

    @property
    def moving(self) -> bool:
        """Whether the picture changes with time now: the orb grows or shrinks, or its
        colour eases into a new phase's."""
        breath = self.breath
        if self.still or self.frozen_at is not None or breath is None:
            return False
        if breath.kind in MOVING_KINDS:
            return True
        tone = self.tone_now()
        return tone is not None and tone.fading_from is not None

    def get_content_width(self, container: Size, viewport: Size) -> int:
        """With `width: auto`, as wide as the widest guide ring (RING_CELLS), no wider
        than the room, and as many cells short of the room as make an even number: centred,
        the orb then sits on exactly the cells it would take in the whole width, and a frame
        repaints no blank cells around it."""
        if container.width <= RING_CELLS:
            return container.width
        return RING_CELLS + (container.width - RING_CELLS) % 2

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
        """Wake only while the picture changes: holds (once their colour has settled),
        poses and pauses cost nothing."""
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
        """When the picture next changes: the orb grows or shrinks by half a pixel (the
        easing solved for time), or its colour takes its next step.

        Waking exactly then (never sooner than 1 / MAX_FPS) costs a wake per visible
        change instead of MAX_FPS wakes a second.
        """
        breath = self.breath
        assert breath is not None
        end = breath.started_ms + breath.duration_ms
        when: float = end  # on the clock, in ms (a fraction of one is fine for drawing)
        start, stop = span(breath.kind, breath.peak)
        if stop != start:
            full_radius = largest_radius(self._content_size()) * RING_ROOM
            radius = _radius(full_radius / RING_ROOM, self.fullness_now())
            growing = stop > start
            threshold = round(radius * 2) / 2 + (0.25 if growing else -0.25)
            full = (threshold / full_radius - SMALLEST) / (1 - SMALLEST)
            eased = (full - start) / (stop - start)
            if 0.0 <= eased <= 1.0:
                when = breath.started_ms + math.acos(1 - 2 * eased) / math.pi * breath.duration_ms
        tone = self.tone_now()
        if tone is not None and tone.fading_from is not None:
            when = min(when, breath.started_ms + (tone.step + 1) * FADE_MS / FADE_STEPS)
        # A millisecond after the change: a timer may fire a little early, and a wake
        # just before the change would find nothing to draw and sleep 1 / MAX_FPS.
        return max(1 / MAX_FPS, (min(when, end) + 1 - self.clock()) / 1000)

    def repaint_if_changed(self) -> None:
        """Draw the orb as it is now on the clock, if that is another picture than the
        one shown (each frame; also after a clock that moved without the ticker)."""
        picture = self._picture_key(self._content_size())
        if picture != self._picture:
            old, self._picture = self._picture, picture
            changed = changed_regions(old, picture)
            if changed is None:
                self.refresh()
            elif changed:
                self.refresh(*changed)

    def _picture_key(self, size: Size) -> tuple[object, ...]:
        breath = self.breath
        tone = self.tone_now()
        if self.still or breath is None or tone is None:
            return ("empty", size)
        largest = largest_radius(size)
        radius = _radius(largest, self.fullness_now())
        return (breath.kind, size, round(radius * 2) / 2, tone)  # half-pixel steps

    # -- drawing --

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._palette = None
        self._depth = None
        self._lines = None

    def _colour(self, tone: Tone) -> Color:
        if self._palette is None:
            self._palette = phase_colours(self.app.theme_variables)
        palette = self._palette
        colour = palette.get(tone.kind, palette[SegmentKind.INHALE])
        if tone.fading_from is not None:
            old = palette.get(tone.fading_from, colour)
            eased = (1 - math.cos(math.pi * tone.step / FADE_STEPS)) / 2
            colour = old.blend(colour, eased)
        return colour

    def _tone_styles(self, tone: Tone) -> tuple[Style, tuple[Style, ...], Style]:
        """(background, the orb's shades from core to rim, the guide ring's dots)."""
        styles = self._styles.get(tone)
        if styles is not None:
            return styles
        base = self.rich_style
        background = (
            Color.from_rich_color(base.bgcolor)
            if base.bgcolor is not None
            else Color.parse(self.app.theme_variables.get("background", "#000000"))
        )
        foreground = Color.parse(self.app.theme_variables.get("foreground", "#E0E0E0"))
        colour = self._colour(tone)
        if tone.shades == 1:
            shades = [colour]
        else:
            core = colour.blend(foreground, GLOW)
            rim = colour.blend(background, RIM)
            last = tone.shades - 1
            shades = [core.blend(rim, index / last) for index in range(tone.shades)]
        if tone.dimmed:
            shades = [shade.blend(background, DIMMED) for shade in shades]
        guide = background.blend(foreground, GUIDE * (0.6 if tone.dimmed else 1))
        styles = self._styles[tone] = (
            base,
            tuple(base + Style(color=shade.rich_color) for shade in shades),
            base + Style(color=guide.rich_color),
        )
        return styles

    def render_line(self, y: int) -> Strip:
        # One picture for the whole frame (lines drawn a moment apart must not tear);
        # made afresh only if the size changed since it was chosen. Its lines are made
        # once a picture, and a frame takes the rows it repaints from them.
        size = self._content_size()
        picture = self._picture
        if picture is None or picture[1] != size:
            picture = self._picture = self._picture_key(size)
        lines = self._lines
        if lines is None or lines[0] is not picture:
            lines = self._lines = (picture, self._draw(picture))
        strips = lines[1]
        return strips[y] if 0 <= y < len(strips) else Strip.blank(size.width, self.rich_style)

    def _draw(self, picture: tuple[object, ...]) -> tuple[Strip, ...]:
        """The lines of `picture`, top to bottom."""
        size = picture[1]
        assert isinstance(size, Size)
        if picture[0] == "empty":
            return (Strip.blank(size.width, self.rich_style),) * size.height
        _, _, radius, tone = picture
        assert isinstance(radius, float) and isinstance(tone, Tone)
        base, shades, guide = self._tone_styles(tone)
        largest = largest_radius(size)
        return _strips(size.width, size.height, radius, largest, base, shades, guide)

    def _content_size(self) -> Size:
        """The widget's `size`, worked out from its outer size: `size` asks the
        compositor where the widget is, too slow for every line of every frame."""
        width, height = self.outer_size
        gutter = self.styles.gutter
        return Size(max(0, width - gutter.width), max(0, height - gutter.height))


def largest_radius(size: Size) -> float:
    """The guide ring's radius: it fills the height (two pixels a row) and never overflows
    the width, up to MAX_RING_RADIUS (room left for the words)."""
    return max(1.0, min(size.width / 2, size.height, MAX_RING_RADIUS + 0.5) - 0.5)


def _radius(largest: float, full: float) -> float:
    """The orb's radius `full` full, inside a guide ring of radius `largest`."""
    return largest * RING_ROOM * (SMALLEST + (1 - SMALLEST) * full)


@lru_cache(maxsize=256)
def orb_lines(width: int, height: int, radius: float, guide: float) -> tuple[str, ...]:
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


@lru_cache(maxsize=256)
def _shade_lines(
    width: int, height: int, radius: float, guide: float, shades: int
) -> tuple[tuple[int, ...], ...]:
    """Which shade (0 the core, `shades - 1` the rim) each lit cell of `orb_lines` takes,
    by the distance of the cell's centre from the orb's (-1 where the orb is not): one
    shade a cell, so a cell's two pixels never differ and the glyphs stay as they are."""
    rows = []
    reach = 2 * radius  # in half pixels
    for row, cells in enumerate(orb_lines(width, height, radius, guide)):
        dy = 4 * row + 2 - 2 * height
        rows.append(
            tuple(
                -1
                if cell in " g"
                else min(shades - 1, int(math.hypot(2 * column + 1 - width, dy) / reach * shades))
                for column, cell in enumerate(cells)
            )
        )
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
    width: int,
    height: int,
    radius: float,
    guide: float,
    base: Style,
    shades: tuple[Style, ...],
    guide_style: Style,
) -> tuple[Strip, ...]:
    """The finished lines of one picture; a breath reuses them, frame after frame."""
    lines = orb_lines(width, height, radius, guide)
    shaded = _shade_lines(width, height, radius, guide, len(shades))
    return tuple(
        Strip(_segments(line, tones, base, shades, guide_style), width)
        for line, tones in zip(lines, shaded, strict=True)
    )


_GLYPHS = {"B": "█", "T": "▀", "L": "▄", "g": "·", " ": " "}


def _segments(
    cells: str, tones: tuple[int, ...], base: Style, shades: tuple[Style, ...], guide: Style
) -> list[Segment]:
    """Runs of cells of one style as segments: a half block beside full blocks of its
    shade is one segment with them (each segment is written with its own colour codes,
    about thirty bytes, to the terminal)."""

    def style_of(index: int) -> Style:
        code = cells[index]
        return guide if code == "g" else base if code == " " else shades[tones[index]]

    segments = []
    start = 0
    style = style_of(0) if cells else base
    for index in range(1, len(cells) + 1):
        following = style_of(index) if index < len(cells) else None
        if following != style:
            text = "".join(_GLYPHS[code] for code in cells[start:index])
            segments.append(Segment(text, style))
            start = index
            if following is not None:
                style = following
    return segments


def changed_regions(old: tuple[object, ...] | None, new: tuple[object, ...]) -> list[Region] | None:
    """The cells that differ between two pictures of one size: one region a row, from its
    first changed cell to its last, so a rim that grows by half a pixel repaints its
    edges, not the rows it leaves alone; None: redraw everything.

    One region a row, not one a run of changed cells: Textual writes each region of a
    row from the left edge of the widget to the region's end, so the two edges of a
    row, as two regions, sent the left part of that row twice (about twice the bytes).
    """
    if old is None or old[0] == "empty" or new[0] == "empty" or old[1] != new[1]:
        return None
    size = new[1]
    assert isinstance(size, Size)
    assert isinstance(old[2], float) and isinstance(new[2], float)
    same_colour = old[0] == new[0] and old[3:] == new[3:]
    shades = new[3].shades if len(new) > 3 and isinstance(new[3], Tone) else 1
    return list(_changes(size.width, size.height, old[2], new[2], shades, same_colour))


@lru_cache(maxsize=512)
def _changes(
    width: int, height: int, before: float, after: float, shades: int, same_colour: bool
) -> tuple[Region, ...]:
    """`changed_regions` between the orb at radius `before` and at `after`: the same few
    pairs come back breath after breath, so each is worked out once."""
    largest = largest_radius(Size(width, height))
    old_rows = orb_lines(width, height, before, largest)
    new_rows = orb_lines(width, height, after, largest)
    old_shades = _shade_lines(width, height, before, largest, shades)
    new_shades = _shade_lines(width, height, after, largest, shades)
    regions: list[Region] = []
    for y in range(height):
        old_row, new_row = old_rows[y], new_rows[y]
        if same_colour:
            old_tones, new_tones = old_shades[y], new_shades[y]
            if old_row == new_row and old_tones == new_tones:
                continue
            changed = [
                x for x in range(width) if old_row[x] != new_row[x] or old_tones[x] != new_tones[x]
            ]
        else:  # another colour: every cell with orb in it, before or after
            changed = [x for x in range(width) if old_row[x] not in " g" or new_row[x] not in " g"]
        if changed:
            regions.append(Region(changed[0], y, changed[-1] + 1 - changed[0], 1))
    return tuple(regions)
