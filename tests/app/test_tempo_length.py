"""Tempo and length in the app (issue 16 §3): `-` and `+` on a routine's page and during its
session, `l` for a breathing routine's length on its page; what the page shows, the exact
timeline a session plays (on the fake clock), and the choice remembered per routine across
runs of the app, in the real state file."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from breathe.core.engine import SessionState
from breathe.core.options import PlayOptions
from breathe.library.state import state_path
from breathe.ui.app import BreatheApp
from breathe.ui.screens.detail import DetailScreen
from breathe.ui.screens.session import SessionScreen
from tests.support.box_routine import BOX_STEPS
from tests.support.player import (
    FakeClock,
    advance_to,
    at,
    hide_safety_notes,
    library_ready,
    player_app,
    run_timers,
    screen_lines,
    session_screen,
    text,
    write_short_routine,
)
from tests.support.repo import WriteRoutine

BOX = (
    """
title: Square breath
description: A box of four, for the tests of tempo and length.
tags: [breathing, test]
level: beginner
feel: balancing
safety: Keep the holds easy.
"""
    + BOX_STEPS
)
# 15 s + 24 s + 192 s + 30 s = 4:21; the box is the main practice, 16 s a breath.


@pytest.fixture
def user(user_routines: Path, write_routine: WriteRoutine) -> Path:
    write_short_routine(write_routine, user_routines)
    write_routine("square", BOX, folder=user_routines)
    hide_safety_notes(["short", "square"])
    return user_routines


async def open_detail(pilot: Pilot[Any], name: str) -> DetailScreen:
    await library_ready(pilot)  # the routines are read after the library's first paint
    app = pilot.app
    assert isinstance(app, BreatheApp)
    app.open_routine(app.catalog.entries[name])
    await pilot.pause()
    await pilot.pause()  # the footer, once its bindings are known
    assert isinstance(app.screen, DetailScreen)
    return app.screen


def page(screen: DetailScreen) -> dict[str, str]:
    """The facts, the tempo and length lines and the total, as the page shows them."""
    shown = {
        name: text(screen.query_one(f"#{name}", Static))
        for name in ("detail-facts", "detail-total")
    }
    lines = screen_lines(screen.app)
    shown["detail-play"] = "\n".join(
        line.strip() for line in lines if line.strip().startswith(("Tempo", "Length"))
    )
    return shown


def footer(app: Any) -> str:
    """The footer's line: the last with words."""
    return [line for line in screen_lines(app) if line.strip(" ▁")][-1]


async def test_the_page_steps_the_tempo_and_shows_the_total(user: Path, clock: FakeClock) -> None:
    app = player_app(user, clock)
    async with app.run_test(size=(100, 40)) as pilot:
        await library_ready(pilot)
        screen = await open_detail(pilot, "square")
        shown = page(screen)
        assert "Tempo   1× (as written)   - slower, + faster" in shown["detail-play"]
        assert shown["detail-total"] == "Total 4:21"
        await pilot.press("plus")
        await pilot.pause()
        shown = page(screen)
        assert "Tempo   1.1× (faster)" in shown["detail-play"]
        # 24 s and 192 s of breathing at 1.1, each 4 s phase 3.636 s: 21.816 s + 174.528 s
        assert screen.played.total_ms == 45_000 + 3 * 2 * 3_636 + 12 * 4 * 3_636
        assert shown["detail-total"] == "Total 4:01  (as written 4:21)"
        assert "4:01" in shown["detail-facts"]
        for _ in range(10):  # up to the fastest; more presses change nothing
            await pilot.press("plus")
        await pilot.pause()
        assert screen.tempo == 2
        assert "- slower" in page(screen)["detail-play"]
        assert "+ faster" not in page(screen)["detail-play"]
        await pilot.press("minus", "minus")
        await pilot.pause()
        assert screen.tempo == Fraction(3, 2)
        # The steps table shows the routine as it will play: Even breath, 24 s at 1.5.
        row = next(line for line in screen_lines(app) if "Even breath" in line)
        assert row.split()[:4] == ["2", "0:15", "0:16", "Even"]


async def test_the_length_goes_round_about_3_5_and_10_minutes(user: Path, clock: FakeClock) -> None:
    app = player_app(user, clock)
    async with app.run_test(size=(100, 40)) as pilot:
        await library_ready(pilot)
        screen = await open_detail(pilot, "square")
        assert (
            "Length  as written   l: as written, about 3, 5 or 10 min"
            in (page(screen)["detail-play"])
        )
        totals = []
        for _ in range(4):
            await pilot.press("l")
            await pilot.pause()
            totals.append((screen.length, page(screen)["detail-total"]))
        # 69 s around the box: about 3 min is 7 breaths (3:01), 5 min 14 (4:53), 10 min 33.
        assert totals == [
            (3, "Total 3:01  (as written 4:21)"),
            (5, "Total 4:53  (as written 4:21)"),
            (10, "Total 9:57  (as written 4:21)"),
            (None, "Total 4:21"),
        ]
        await pilot.press("l", "l")
        await pilot.pause()
        assert "Length  about 5 min" in page(screen)["detail-play"]
        # The length counts breaths at the tempo: about 5 minutes stays about 5 minutes.
        await pilot.press("plus", "plus", "plus", "plus")
        await pilot.pause()
        assert screen.tempo == Fraction(7, 4)
        assert abs(screen.played.total_ms - 300_000) <= 5_000


async def test_a_routine_of_poses_offers_no_length_and_no_tempo(
    user: Path, clock: FakeClock
) -> None:
    app = player_app(user, clock)
    async with app.run_test(size=(100, 40)) as pilot:
        await library_ready(pilot)
        short = await open_detail(pilot, "short")  # a breath and a pose: a tempo, no length
        assert "Tempo" in page(short)["detail-play"] and "Length" not in page(short)["detail-play"]
        assert "- + Tempo" in footer(app) and "l Length" not in footer(app)
        await pilot.press("escape")
        await pilot.pause()
        poses = await open_detail(pilot, "legs-up-the-wall")  # no breathing step at all
        assert page(poses)["detail-play"] == ""
        assert "Tempo" not in footer(app) and "Length" not in footer(app)
        await pilot.press("plus", "l")
        await pilot.pause()
        assert page(poses)["detail-total"] == "Total 5:05"


async def test_the_palette_offers_the_page_s_tempo_and_length(user: Path, clock: FakeClock) -> None:
    app = player_app(user, clock)
    async with app.run_test(size=(100, 40)) as pilot:
        await library_ready(pilot)
        screen = await open_detail(pilot, "square")
        commands = {command.title: command for command in app.get_system_commands(screen)}
        assert {"Slower", "Faster", "Length"} <= set(commands)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"faster", "enter")
        await pilot.pause()
        assert app.screen is screen and screen.tempo == Fraction(11, 10)


async def test_choices_are_remembered_per_routine_across_runs(user: Path, clock: FakeClock) -> None:
    first = player_app(user, clock)
    async with first.run_test(size=(100, 40)) as pilot:
        await library_ready(pilot)
        await open_detail(pilot, "square")
        await pilot.press("minus", "l", "l")  # 0.9, about 5 minutes
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        await open_detail(pilot, "short")
        await pilot.press("plus")  # 1.1 for this one
        await pilot.pause()
    assert json.loads(state_path().read_text())["routines"] == {
        "short": {"tempo": 1.1},
        "square": {"tempo": 0.9, "length": 5},
    }
    again = player_app(user, clock)  # the app started again: the same state file
    async with again.run_test(size=(100, 40)) as pilot:
        await library_ready(pilot)
        screen = await open_detail(pilot, "square")
        assert (screen.tempo, screen.length) == (Fraction(9, 10), 5)
        assert "Tempo   0.9× (slower)" in page(screen)["detail-play"]
        assert "Length  about 5 min" in page(screen)["detail-play"]
        expected = screen.played
        await pilot.press("enter")  # Start: the session plays what the page showed
        await pilot.pause()
        session = session_screen(again)
        assert session.timeline == expected
        assert session.tempo == Fraction(9, 10)
        assert "tempo 0.9×" in text(session.query_one("#status", Static))


async def test_the_command_line_tempo_wins_for_its_run(user: Path, clock: FakeClock) -> None:
    remembered = player_app(user, clock)
    async with remembered.run_test(size=(100, 40)) as pilot:
        await library_ready(pilot)
        await open_detail(pilot, "square")
        await pilot.press("plus", "plus")  # 1.25, remembered
        await pilot.pause()
    given = PlayOptions(sound="off").for_run({"tempo": Fraction(1, 2)})  # --tempo 0.5
    app = player_app(user, clock, given)
    async with app.run_test(size=(100, 40)) as pilot:
        await library_ready(pilot)
        screen = await open_detail(pilot, "square")
        assert screen.tempo == Fraction(1, 2)
        await pilot.press("plus")  # chosen in this run: it wins, and is remembered
        await pilot.pause()
        assert screen.tempo == Fraction(3, 5)
    assert json.loads(state_path().read_text())["routines"]["square"] == {"tempo": 0.6}


# -- during a session --


async def start(pilot: Pilot[Any], name: str) -> SessionScreen:
    await library_ready(pilot)  # the routines are read after the library's first paint
    app = pilot.app
    assert isinstance(app, BreatheApp)
    entry = app.catalog.entries[name]
    app.start_session(entry, app.catalog.timeline(entry))
    await pilot.pause()
    screen = session_screen(app)
    assert screen.session.state is SessionState.RUNNING
    return screen


async def test_faster_in_a_session_lands_at_the_next_breath(user: Path, clock: FakeClock) -> None:
    """The short routine: Settle 0-5 s, then two breaths of 4-2-6-2 (5-19 s, 19-33 s), then a
    pose of 24 s. `+` at 7 s, in the first inhale: that breath plays on as it began (to
    19 s); the second plays at 1.1 (3.636 + 1.818 + 5.455 + 1.818 s, to 31.727 s); the pose
    is not paced by the tempo."""
    app = player_app(user, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await library_ready(pilot)
        screen = await start(pilot, "short")
        await advance_to(pilot, clock, 7)
        before = screen.timeline
        await pilot.press("plus")
        await pilot.pause()
        assert screen.tempo == Fraction(11, 10)
        assert screen.timeline.segments[:5] == before.segments[:5]  # up to the next breath
        assert screen.timeline.total_ms == 55_727
        status = text(screen.query_one("#status", Static))
        assert status == "tempo 1.1× from the next breath"
        assert "of 0:56" in text(screen.query_one("#times", Static))
        # On the clock: the hold and the exhale of this breath end where they did.
        run_timers(screen, clock, until=at(19))
        assert screen.session.position_ms() == 19_000
        assert screen.session.current_segment_index() == 5  # the second inhale, on time
        assert screen.session.next_deadline() == at(19 + 3.636)  # the new tempo's first
        assert text(screen.query_one("#status", Static)) == "tempo 1.1×"
        run_timers(screen, clock, until=at(31.727))
        twist = screen.timeline.steps[2]
        assert screen.session.current_step() == twist and twist.start_ms == 31_727
        assert screen.session.next_deadline() == at(31.727 + 10)  # the pose as written
        assert screen.session.practised_ms() == 31_727
    assert json.loads(state_path().read_text())["routines"] == {"short": {"tempo": 1.1}}


async def test_slower_while_paused_and_the_keys_in_footer_and_palette(
    user: Path, clock: FakeClock
) -> None:
    app = player_app(user, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await library_ready(pilot)
        screen = await start(pilot, "square")
        await pilot.pause()
        assert "- + Tempo" in footer(app) and "? Help" in footer(app)
        titles = [command.title for command in app.get_system_commands(screen)]
        assert "Slower" in titles and "Faster" in titles
        await advance_to(pilot, clock, 20)  # in the Even breath's first breath (15-23 s)
        await pilot.press("space")
        await pilot.pause()
        await pilot.press("minus")
        await pilot.pause()
        assert screen.session.state is SessionState.PAUSED
        assert screen.tempo == Fraction(9, 10)
        # The first breath at 1 (to 23 s); from the second on at 0.9: 4 s phases, 4.444 s.
        even = screen.timeline.steps[1]
        assert even.end_ms == 23_000 + 2 * 2 * 4_444
        box = screen.timeline.steps[2]
        assert box.duration_ms == 12 * 4 * 4_444
        assert screen.timeline.total_ms == even.end_ms + 12 * 4 * 4_444 + 30_000


async def test_the_tempo_keys_stop_at_the_bounds_in_a_session(user: Path, clock: FakeClock) -> None:
    app = player_app(user, clock, PlayOptions(sound="off", tempo=Fraction(2)))
    async with app.run_test(size=(100, 32)) as pilot:
        await library_ready(pilot)
        screen = await start(pilot, "square")
        before = screen.timeline
        await pilot.press("plus")
        await pilot.pause()
        assert screen.tempo == 2 and screen.timeline == before
        assert screen.check_action("tempo", (1,)) is None  # offered, dimmed
        await pilot.press("minus")
        await pilot.pause()
        assert screen.tempo == Fraction(7, 4)


async def test_where_the_footer_has_no_room_the_keys_work_and_are_named(
    user: Path, clock: FakeClock
) -> None:
    """With the bell to mute, "- + Tempo" needs 77 columns beside "? Help": at 70 it gives
    way, the status line names the keys, and they work all the same."""
    app = player_app(user, clock, PlayOptions(sound="bell"))
    async with app.run_test(size=(70, 24)) as pilot:
        await library_ready(pilot)
        screen = await start(pilot, "square")
        for _ in range(300):  # the bell is known once the sound has opened (a worker)
            if screen.sounding == "bell":
                break
            await pilot.pause(0.01)
        await pilot.pause()
        assert "? Help" in footer(app) and "Tempo" not in footer(app)
        assert "tempo 1× (- or +)" in text(screen.query_one("#status", Static))
        await pilot.press("plus")
        await pilot.pause()
        assert screen.tempo == Fraction(11, 10)
        await pilot.resize_terminal(100, 24)
        await pilot.pause()
        await pilot.pause()
        assert "- + Tempo" in footer(app)
        assert "(- or +)" not in text(screen.query_one("#status", Static))
