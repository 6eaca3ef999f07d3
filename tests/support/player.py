"""What the player's Pilot and snapshot tests share: a short routine, a fake clock, and ways
to read what is on the screen (live, or in a stored SVG snapshot)."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from textual.app import App
from textual.pilot import Pilot
from textual.widget import Widget

from breathe.core.engine import SessionState
from breathe.core.options import PlayOptions
from breathe.library.catalog import Catalog
from breathe.library.state import update_state
from breathe.ui.app import BreatheApp, make_app
from breathe.ui.screens.library import LibraryScreen
from breathe.ui.screens.session import SessionScreen
from tests.support.clock import FakeClock, ms
from tests.support.repo import BUNDLED_ROUTINES, WriteRoutine

__all__ = ["FakeClock", "ms"]

START = 1_000_000  # where the fake clock starts, in ms: the session starts there too
ROUTINE = """
title: Short practice
description: A tiny routine for the player's tests.
tags: [test, short]
level: beginner
feel: calming
safety: Stop if you feel dizzy.
steps:
  - rest: Settle
    duration: 5s
    instructions: Sit tall and let the shoulders drop.
  - breathe: Paced breath
    pattern: 4-2-6-2
    cycles: 2
    instructions: In and out through the nose.
  - pose: Twist
    hold: 10s
    sides: both
    switch: 4s
    instructions: Turn gently from the belly.
"""
# Settle 0-5 s. Paced breath 5-33 s: in 5-9, hold 9-11, out 11-17, empty 17-19, then
# in 19-23, hold 23-25, out 25-31, empty 31-33. Twist 33-57 s: left 33-43, switch 43-47,
# right 47-57. Total 57 s.
TOTAL_S = 57
# A moment in the middle of each kind of segment, in seconds from the start.
INHALE_AT, HOLD_AT, EXHALE_AT, EMPTY_AT, POSE_AT, SWITCH_AT = 7, 10, 14, 18, 38, 45


def write_short_routine(write_routine: WriteRoutine, folder: Path) -> Path:
    return write_routine("short", ROUTINE, folder=folder)


def player_app(
    user: Path, clock: FakeClock, options: PlayOptions | None = None, *, bundled: Path | None = None
) -> BreatheApp:
    """The app on the bundled routines and `user`, on a fake clock."""
    # Sound off unless a test asks for it: the sound tests play into an ALSA file sink.
    options = options or PlayOptions(sound="off")
    return make_app(bundled=bundled or BUNDLED_ROUTINES, user=user, clock=clock, options=options)


def play_app(
    user: Path,
    clock: FakeClock,
    options: PlayOptions | None = None,
    *,
    name: str = "short",
    **settings: Any,
) -> BreatheApp:
    """The app as `breathe play NAME` builds it, on the bundled routines and `user`: the
    routine's session (or its safety note) first. `settings` go to BreatheApp as they are
    (history, now, program, day)."""
    catalog = Catalog.load(BUNDLED_ROUTINES, user)
    options = options or PlayOptions(sound="off")
    return BreatheApp(catalog, options=options, clock=clock, play=catalog.find(name), **settings)


def hide_safety_notes(names: Iterable[str]) -> None:
    """Hide the safety note of each routine named, as "Don't show again" on each one's note
    would (in one write of the state file: a test need not wait for dozens)."""
    hidden = frozenset(names)
    update_state(lambda state: replace(state, safety_notes_hidden=hidden))


def show_safety_notes() -> None:
    """Every routine's safety note shows again before it starts (a new user's state)."""
    hide_safety_notes(())


async def pass_safety_note(pilot: Pilot[Any]) -> None:
    """Enter on the routine's safety note: Begin."""
    from breathe.ui.screens.safety_note import SafetyNoteScreen

    assert isinstance(pilot.app.screen, SafetyNoteScreen), pilot.app.screen_stack
    await pilot.press("enter")
    await pilot.pause()


def session_screen(app: App[Any]) -> SessionScreen:
    """The session screen, even under the stop confirmation."""
    for screen in reversed(app.screen_stack):
        if isinstance(screen, SessionScreen):
            return screen
    raise AssertionError(f"no session screen in {app.screen_stack}")


async def type_and_open(pilot: Pilot[Any], words: str = "short") -> None:
    """From the library: type to filter, Enter opens the first match."""
    await library_ready(pilot)
    await pilot.press(*words, "enter")
    await pilot.pause()


async def routines_loaded(pilot: Pilot[Any]) -> LibraryScreen:
    """The library, once it has read its routines: it paints its first frame saying it is
    loading them, reads them in a worker, and shows them on CatalogLoaded. Every test that
    needs the routines (the table, the Today box, the catalog's entries) waits here."""
    libraries = [screen for screen in pilot.app.screen_stack if isinstance(screen, LibraryScreen)]
    assert libraries, f"no library in {pilot.app.screen_stack}"
    await wait_for(pilot, lambda: libraries[0].loaded)
    await pilot.pause()
    return libraries[0]


async def library_ready(pilot: Pilot[Any]) -> None:
    """Wait for the library's routines if the app opened on the library (not for `play`)."""
    if any(isinstance(screen, LibraryScreen) for screen in pilot.app.screen_stack):
        await routines_loaded(pilot)


async def open_short_routine(pilot: Pilot[Any]) -> None:
    """The detail of the short routine, as Enter on its row in the library opens it.

    (Typing costs a tenth of a second a key in Pilot; the library's own tests type.)
    """
    await library_ready(pilot)
    app = pilot.app
    assert isinstance(app, BreatheApp)
    app.open_routine(app.catalog.entries["short"])
    await pilot.pause()


async def start_routine(pilot: Pilot[Any], name: str, **day: Any) -> None:
    """The session of routine `name` (or its safety note), as Start on its page starts it
    (the page's own tests press Start); `day` (program=, day=) as the Today box gives it."""
    await library_ready(pilot)
    app = pilot.app
    assert isinstance(app, BreatheApp)
    entry = app.catalog.entries[name]
    app.start_session(entry, app.catalog.timeline(entry), **day)
    await pilot.pause()


async def start_short_routine(pilot: Pilot[Any]) -> None:
    """The session of the short routine, as Start on its page starts it."""
    await start_routine(pilot, "short")


async def wait_for(pilot: Pilot[Any], condition: Callable[[], bool], tries: int = 1000) -> None:
    """Let the app run until `condition` holds, a hundredth of a second at a time: for what
    happens in workers (a sound device opening, a voice's phrases being made)."""
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.01)
    raise AssertionError("waited in vain")


async def running_session(pilot: Pilot[Any], name: str) -> SessionScreen:
    """Start routine `name`'s session and wait until it runs (it may wait for its sound
    device or its voice first)."""
    await start_routine(pilot, name)
    screen = session_screen(pilot.app)
    await wait_for(pilot, lambda: screen.session.state is SessionState.RUNNING)
    return screen


def at(seconds: float) -> int:
    """The fake clock's time `seconds` after START, in ms."""
    return START + ms(seconds)


async def advance(pilot: Pilot[Any], clock: FakeClock, seconds: float) -> None:
    """Move the fake clock on, then do what the screen's timer would do at that moment."""
    clock.advance(seconds)
    session_screen(pilot.app).sync()
    await pilot.pause()


async def advance_to(pilot: Pilot[Any], clock: FakeClock, seconds: float) -> None:
    """Go to `seconds` after START (for sessions that were not paused)."""
    clock.now = at(seconds)
    session_screen(pilot.app).sync()
    await pilot.pause()


def run_timers(screen: SessionScreen, clock: FakeClock, until: int | None = None) -> None:
    """What the screen's timer does, on time: set the clock to each wake-up and sync, up to
    clock time `until` (ms; None: to the end). A wake-up that does not move on would loop
    forever: it is an error."""
    while screen.wake_at is not None and (until is None or screen.wake_at <= until):
        clock.now = screen.wake_at
        screen.sync()
        if screen.wake_at is not None and screen.wake_at <= clock.now:
            raise RuntimeError(f"woken at {clock.now}, the screen asks to wake at {screen.wake_at}")


def text(widget: Widget) -> str:
    """The plain text a Static shows."""
    return str(widget.render())


_SVG_TEXT = re.compile(
    r'<text class="[^"]*" x="([\d.]+)" y="[\d.]+" textLength="([\d.]+)" '
    r'clip-path="url\(#[\w-]*?line-(\d+)\)">(.*?)</text>'
)


def svg_lines(svg: str) -> list[str]:
    """The terminal lines of a Textual SVG screenshot, as plain text."""
    cell = 12.2  # width of one cell in Textual's SVG export
    rows: dict[int, dict[int, str]] = {}
    for x, _length, line, content in _SVG_TEXT.findall(svg):
        column = round(float(x) / cell)
        for offset, character in enumerate(html.unescape(content).replace("\xa0", " ")):
            rows.setdefault(int(line), {})[column + offset] = character
    lines = []
    for number in range(max(rows, default=-1) + 1):
        cells = rows.get(number, {})
        lines.append("".join(cells.get(c, " ") for c in range(max(cells, default=-1) + 1)).rstrip())
    return lines


def screen_lines(app: App[Any]) -> list[str]:
    """What the terminal shows right now, line by line."""
    return svg_lines(app.export_screenshot())


def screen_text(app: App[Any]) -> str:
    return "\n".join(screen_lines(app))
