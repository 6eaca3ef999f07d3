"""How a session ends, told the same way everywhere: the summary screen, the line
`breathe play` prints, the history row and a program's days done.

Skipping steps on purpose and playing the rest to the end is practising: finished, with
the steps left out named calmly on the summary, in the history and in `breathe history`,
and the program's day done (breathe/core/engine.py). Skipping through the whole routine
ends it stopped, and so does stopping early (q). Ctrl+Q is the emergency exit: no
question, the session recorded stopped, and `breathe play` still says how it went.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from breathe.cli import main
from breathe.core.durations import format_practice_time
from breathe.core.engine import SessionEnded, SessionState
from breathe.core.options import PlayOptions
from breathe.history.store import Ended, SessionRecord
from breathe.library.catalog import Catalog
from breathe.library.locations import history_path
from breathe.library.state import start_program
from breathe.ui.app import BreatheApp
from breathe.ui.screens.confirm import ConfirmStop
from breathe.ui.screens.summary import SummaryScreen, summary_sentence
from tests.cli.test_history_cli import Played, only_row, played, row_when
from tests.support.history import history_at
from tests.support.player import (
    FakeClock,
    advance,
    advance_to,
    library_ready,
    screen_text,
    session_screen,
    start_routine,
    svg_lines,
    write_short_routine,
)
from tests.support.repo import BUNDLED_ROUTINES, WriteRoutine

__all__ = ["played"]  # the fixture of `breathe play` in a pseudo-terminal, used here by name

PROGRAM = "circulation-60-day"
BIG = (100, 32)


@pytest.fixture
def user(user_routines: Path, write_routine: WriteRoutine) -> Path:
    """The short routine (Settle 5 s, Paced breath 28 s, Twist 24 s) in the user folder,
    and the program started today, so that its day 1 is today."""
    write_short_routine(write_routine, user_routines)
    start_program(PROGRAM, date.today())
    return user_routines


def noon() -> datetime:
    return datetime.combine(date.today(), time(12)).astimezone()


def app_for(user: Path, clock: FakeClock, *, play: bool) -> BreatheApp:
    """The app on the real history file of the isolated user dirs (the one `breathe
    program status` reads); with `play`, as `breathe play short` builds it, as day 1."""
    catalog = Catalog.load(BUNDLED_ROUTINES, user)
    return BreatheApp(
        catalog,
        options=PlayOptions(sound="off"),
        clock=clock,
        play=catalog.find("short") if play else None,
        now=noon,
        program=PROGRAM if play else None,
        day=1 if play else None,
    )


@asynccontextmanager
async def day_one_session(
    user: Path, clock: FakeClock
) -> AsyncIterator[tuple[BreatheApp, Pilot[Any]]]:
    """The app on the library, the short routine's session started in it as the program's
    day 1 (as the Today box starts it)."""
    app = app_for(user, clock, play=False)
    async with app.run_test(size=BIG) as pilot:
        await library_ready(pilot)
        await start_routine(pilot, "short", program=PROGRAM, day=1)
        yield app, pilot


@asynccontextmanager
async def play_session(
    user: Path, clock: FakeClock
) -> AsyncIterator[tuple[BreatheApp, Pilot[Any]]]:
    """The app as `breathe play short` builds it, as the program's day 1, running: its
    first screen is the session, started at the clock's time."""
    app = app_for(user, clock, play=True)
    async with app.run_test(size=BIG) as pilot:
        await library_ready(pilot)
        yield app, pilot


def rows() -> list[SessionRecord]:
    with history_at(history_path(), create=False) as store:
        return store.sessions()


def program_status(capsys: pytest.CaptureFixture[str]) -> str:
    capsys.readouterr()
    assert main(["program", "status"]) == 0
    return capsys.readouterr().out


async def test_skipping_through_a_routine_is_stopped_and_leaves_the_day_undone(
    user: Path, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    """The review's case: `n` on every step, a couple of seconds apart."""
    async with day_one_session(user, clock) as (app, pilot):
        for _ in range(3):
            await advance(pilot, clock, 2)
            await pilot.press("n")
            await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        shown = screen_text(app)
    assert "Session stopped." in shown and "Well done." not in shown
    assert "Steps      0 of 3 completed" in shown and "Ended      stopped" in shown
    (record,) = rows()
    assert (record.ended, record.steps_done, record.practised_ms) == (Ended.STOPPED, 0, 6000)
    assert (record.program, record.day) == (PROGRAM, 1)
    assert "0 days done, 0 missed" in program_status(capsys)


async def test_skipping_through_in_play_says_stopped(user: Path, clock: FakeClock) -> None:
    async with play_session(user, clock) as (app, pilot):
        await pilot.pause()
        for _ in range(3):
            await advance(pilot, clock, 2)
            await pilot.press("n")
            await pilot.pause()
    ended = app.return_value
    assert ended == SessionEnded(False, 6000, 0, 3)
    assert summary_sentence("Short practice", ended) == (
        "Stopped Short practice: practised 0:06, 0 of 3 steps completed."
    )
    (record,) = rows()
    assert record.ended is Ended.STOPPED


async def test_skipping_steps_then_playing_on_to_the_end_is_practised(
    user: Path, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    """Following advice (a pose that does not suit you today) is not failing: the session
    is finished, says what was skipped, and the program's day is done."""
    async with day_one_session(user, clock) as (app, pilot):
        await advance(pilot, clock, 1)
        await pilot.press("n", "n")  # Settle and Paced breath skipped
        await pilot.pause()
        await advance(pilot, clock, 24)  # Twist, whole
        assert isinstance(app.screen, SummaryScreen)
        shown = screen_text(app)
    assert "Well done." in shown and "Session stopped." not in shown
    assert "Skipped: Settle, Paced breath" in shown
    assert "Leaving out what does not suit you today is part of practising." in shown
    assert "Steps      1 of 3 completed" in shown and "Ended      finished" in shown
    (record,) = rows()
    assert (record.ended, record.steps_done, record.practised_ms) == (Ended.FINISHED, 1, 25_000)
    assert [step.title for step in record.skipped] == ["Settle", "Paced breath"]
    assert "1 day done, 0 missed" in program_status(capsys)
    assert main(["history"]) == 0
    assert "finished · 2 steps skipped" in capsys.readouterr().out


async def test_in_play_the_summary_line_names_what_was_skipped(
    user: Path, clock: FakeClock
) -> None:
    async with play_session(user, clock) as (app, pilot):
        await advance(pilot, clock, 1)
        await pilot.press("n")  # Settle skipped
        await pilot.pause()
        await advance(pilot, clock, 52)  # the rest, whole
    ended = app.return_value
    assert isinstance(ended, SessionEnded) and ended.finished
    assert summary_sentence("Short practice", ended) == (
        "Finished Short practice: practised 0:53, 2 of 3 steps completed; skipped: Settle."
    )
    assert rows()[0].ended is Ended.FINISHED


async def test_cutting_the_last_step_short_is_finished_with_it_skipped(
    user: Path, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    async with day_one_session(user, clock) as (app, pilot):
        await advance_to(pilot, clock, 36)  # Settle and Paced breath whole, 3 s of Twist
        await pilot.press("n")
        await pilot.pause()
        shown = screen_text(app)
    assert "Well done." in shown and "Skipped: Twist" in shown
    assert "Steps      2 of 3 completed" in shown and "Ended      finished" in shown
    (record,) = rows()
    assert (record.ended, record.steps_done, record.practised_ms) == (Ended.FINISHED, 2, 36_000)
    assert "1 day done, 0 missed" in program_status(capsys)


async def test_stopping_early_after_a_skip_is_still_stopped(
    user: Path, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    async with day_one_session(user, clock) as (app, pilot):
        await advance(pilot, clock, 1)
        await pilot.press("n")  # Settle skipped
        await pilot.pause()
        await advance(pilot, clock, 10)
        await pilot.press("q")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        shown = screen_text(app)
    assert "Session stopped." in shown and "Skipped" not in shown
    (record,) = rows()
    assert (record.ended, record.skipped) == (Ended.STOPPED, ())
    assert "0 days done" in program_status(capsys)


# -- the summary of a session with a step skipped, as it looks --

SUMMARY_SIZES = {"80x24": (80, 24), "40x12": (40, 12)}
STORED = Path(__file__).parent / "__snapshots__" / Path(__file__).stem


@pytest.mark.parametrize("size", SUMMARY_SIZES)
def test_summary_with_a_skipped_step(
    snap_compare: Callable[..., bool], user: Path, clock: FakeClock, size: str
) -> None:
    """Settle skipped a second in, the rest played: update with --snapshot-update -k
    summary_with_a_skipped_step, then look."""
    app = app_for(user, clock, play=False)

    async def run_before(pilot: Pilot[Any]) -> None:
        entry = app.catalog.entries["short"]
        app.start_session(entry, app.catalog.timeline(entry))
        await pilot.pause()
        await advance(pilot, clock, 1)
        await pilot.press("n")
        await pilot.pause()
        await advance(pilot, clock, 52)
        await pilot.pause()

    assert snap_compare(app, terminal_size=SUMMARY_SIZES[size], run_before=run_before)


@pytest.mark.parametrize("size", SUMMARY_SIZES)
def test_the_stored_summaries_say_what_was_skipped(size: str) -> None:
    path = STORED / f"test_summary_with_a_skipped_step[{size}].svg"
    if not path.exists():
        pytest.fail(f"no stored snapshot {path.name}: run with --snapshot-update")
    lines = svg_lines(path.read_text(encoding="utf-8"))
    width, height = SUMMARY_SIZES[size]
    assert len(lines) == height and all(len(line) <= width for line in lines)
    screen = "\n".join(lines)
    ended = "Ended      finished" if size == "80x24" else "Practised  0:53, finished"
    for words in ("Well done.", ended, "Skipped: Settle", "Back to the library"):
        assert words in screen, screen
    for words in ("Today", "1-day streak" if size == "40x12" else "Streak     1 day"):
        assert words in screen, screen
    note = "Leaving out what does not suit you today"
    assert (note in screen) == (size == "80x24"), screen  # no room for it at 40x12


# -- Ctrl+Q --


@pytest.mark.parametrize("key", ["ctrl+q", "ctrl+c"])
async def test_ctrl_q_in_play_ends_at_once_and_returns_the_session(
    user: Path, clock: FakeClock, key: str
) -> None:
    """Ctrl+C does what Ctrl+Q does: people press it to leave a terminal program."""
    async with play_session(user, clock) as (app, pilot):
        await advance_to(pilot, clock, 8.5)
        await pilot.press(key)
        # No question: the app is on its way out with the session's end.
        assert not any(isinstance(screen, ConfirmStop) for screen in app.screen_stack)
        assert app.return_value == SessionEnded(False, 8500, 1, 3)
        await pilot.pause()
    assert app.return_value == SessionEnded(False, 8500, 1, 3)
    (record,) = rows()
    assert (record.ended, record.practised_ms, record.steps_done) == (Ended.STOPPED, 8500, 1)
    assert (record.program, record.day) == (PROGRAM, 1)


async def test_ctrl_q_while_the_stop_question_is_open(user: Path, clock: FakeClock) -> None:
    """The question paused the session: the time spent reading it is not practice."""
    async with play_session(user, clock) as (app, pilot):
        await advance_to(pilot, clock, 10)
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmStop)
        clock.advance(30)
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_value == SessionEnded(False, 10_000, 1, 3)
    assert rows()[0].ended is Ended.STOPPED


async def test_ctrl_q_from_the_library_just_quits(user: Path, clock: FakeClock) -> None:
    """Mid-session it records the session stopped; there is nothing to print."""
    async with day_one_session(user, clock) as (app, pilot):
        await advance_to(pilot, clock, 12)
        screen = session_screen(app)
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert screen.session.state is SessionState.STOPPED
    assert app.return_value is None
    assert rows()[0].ended is Ended.STOPPED

    idle = app_for(user, clock, play=False)
    async with idle.run_test(size=BIG) as pilot:
        await library_ready(pilot)
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert idle.return_value is None
    assert len(rows()) == 1  # nothing new recorded


@pytest.mark.slow
def test_ctrl_q_in_breathe_play_prints_the_summary(played: Played) -> None:
    """`breathe play tiny` in a pseudo-terminal: Ctrl+Q a moment into its third step."""
    row_when(lambda record: record.steps_done >= 2)
    os.write(played.master, b"\x11")  # Ctrl+Q, as the terminal sends it
    assert played.wait() == 0
    record = only_row()
    assert record.ended is Ended.STOPPED
    assert record.steps_done in (2, 3)
    assert b"Stopped Tiny: practised 0:0" in played.output


# -- after practice: today, the streak, what is next, play again; `breathe play` stays --


def exited_with(app: BreatheApp) -> SessionEnded | None:
    """What the app was told to exit with (Textual's own return value): None while it runs
    on. BreatheApp.return_value answers with the session's end as soon as it ends."""
    result = super(BreatheApp, app).return_value
    assert result is None or isinstance(result, SessionEnded)
    return result


async def test_the_summary_tells_today_the_streak_and_what_is_next(
    user: Path, clock: FakeClock
) -> None:
    """Day 1 of the program, the short routine played whole: today's practice, a one-day
    streak, and the program's first routine not practised yet today; `r` plays it again."""
    async with day_one_session(user, clock) as (app, pilot):
        await advance(pilot, clock, 57)
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        shown = screen_text(app)
        assert "Today      1 session, 57 s" in shown
        assert "Streak     1 day" in shown
        assert "Next       Belly breathing (morning)" in shown
        assert "r Play again" in shown and "j Journal" in shown and "esc Back" in shown
        assert "Play again" in shown and "Back to the library" in shown  # the buttons
        await pilot.press("r")
        await pilot.pause()
        assert session_screen(app).session.state is SessionState.RUNNING
        await advance(pilot, clock, 57)
        await pilot.pause()
        assert f"Today      2 sessions, {format_practice_time(114_000)}" in screen_text(app)
    assert [record.program for record in rows()] == [PROGRAM, PROGRAM]


async def test_a_session_stopped_after_seconds_says_it_is_not_counted(
    user: Path, clock: FakeClock
) -> None:
    async with day_one_session(user, clock) as (app, pilot):
        await advance(pilot, clock, 6)
        await pilot.press("q", "y")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        shown = screen_text(app)
    assert "Not counted. A session counts once finished, or after a minute of practice." in shown
    assert "Today      0 sessions, 0 min" in shown and "Streak     0 days" in shown


async def test_breathe_play_keeps_the_summary_until_the_person_leaves(
    user: Path, clock: FakeClock
) -> None:
    """`breathe play` used to drop back to the shell the moment the session ended."""
    async with play_session(user, clock) as (app, pilot):
        await advance(pilot, clock, 57)
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        shown = screen_text(app)
        assert "Well done." in shown and "Done" in shown and "esc Done" in shown
        assert "Back to the library" not in shown
        assert exited_with(app) is None  # still here
        assert app.return_value == SessionEnded(True, 57_000, 3, 3)  # for its last line
        await pilot.press("enter")
        await pilot.pause()
        assert exited_with(app) == SessionEnded(True, 57_000, 3, 3)


async def test_breathe_play_again_returns_the_last_session(user: Path, clock: FakeClock) -> None:
    async with play_session(user, clock) as (app, pilot):
        await advance(pilot, clock, 57)
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        await advance(pilot, clock, 6)
        await pilot.press("q", "y")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("q")
        await pilot.pause()
        assert exited_with(app) == SessionEnded(False, 6000, 1, 3)
    assert [record.ended for record in rows()] == [Ended.FINISHED, Ended.STOPPED]


async def test_ctrl_q_on_the_play_summary_still_returns_the_session(
    user: Path, clock: FakeClock
) -> None:
    async with play_session(user, clock) as (app, pilot):
        await advance(pilot, clock, 57)
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert exited_with(app) == SessionEnded(True, 57_000, 3, 3)


async def test_with_today_s_plan_done_the_summary_names_tomorrow(
    user: Path, clock: FakeClock
) -> None:
    """Every routine of day 1 practised today (as the history says): next is day 2's."""
    from breathe.core.program import program_day
    from breathe.history.store import NewSession
    from breathe.library.locations import bundled_programs_dir, user_programs_dir
    from breathe.library.program_catalog import ProgramCatalog

    programs = ProgramCatalog.load(bundled_programs_dir(BUNDLED_ROUTINES), user_programs_dir())
    program = programs.entries[PROGRAM].program
    assert program is not None
    today = noon().date()
    day_one = program_day(program, today, today)
    day_two = program_day(program, today, today + timedelta(days=1))
    with history_at(history_path()) as store:
        for planned in day_one.routines:
            new = NewSession(planned.routine, planned.routine, None, noon(), 3, 1.0, PROGRAM, 1)
            session = store.start_session(new)
            store.update_session(session, practised_ms=300_000, steps_done=3, ended=Ended.FINISHED)
    catalog = Catalog.load(BUNDLED_ROUTINES, user)
    titles = []
    for planned in day_two.routines:
        routine = catalog.entries[planned.routine].routine
        titles.append(routine.title if routine else planned.routine)
    async with day_one_session(user, clock) as (app, pilot):
        await advance(pilot, clock, 57)
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        shown = " ".join(screen_text(app).split())  # the line may wrap in the box
    assert f"Next Tomorrow, day 2: {', '.join(titles)}" in shown
    assert f"Today {len(day_one.routines) + 1} sessions," in shown
