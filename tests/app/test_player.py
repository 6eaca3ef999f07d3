"""The player driven through Textual's Pilot on a fake clock: the library, the detail, whole
sessions with every command, the stop confirmation, the summary, reduced motion, small
terminals and `breathe play`. Nothing here sleeps: the clock moves when a test says so."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Button, DataTable, Digits, Footer, Input, ProgressBar, Static

from breathe.core.engine import SessionEnded, SessionState
from breathe.core.options import PlayOptions
from breathe.library.catalog import Catalog
from breathe.ui.app import BreatheApp
from breathe.ui.screens.confirm import ConfirmStop
from breathe.ui.screens.detail import DetailScreen
from breathe.ui.screens.library import LibraryScreen
from breathe.ui.screens.session import SessionScreen
from breathe.ui.screens.summary import SummaryScreen
from breathe.ui.widgets.pacer import Pacer
from tests.support.player import (
    EMPTY_AT,
    EXHALE_AT,
    HOLD_AT,
    INHALE_AT,
    POSE_AT,
    START,
    SWITCH_AT,
    TOTAL_S,
    FakeClock,
    advance,
    advance_to,
    at,
    library_ready,
    open_short_routine,
    player_app,
    screen_lines,
    screen_text,
    session_screen,
    start_short_routine,
    text,
    type_and_open,
    write_short_routine,
)
from tests.support.repo import BUNDLED_ROUTINES, WriteRoutine
from tests.support.short_session import short_session

BIG = (100, 32)
SMALL = (40, 12)
BELL = PlayOptions(sound="bell")  # something to mute: the terminal's bell rings the cues
RINGS = "cues ring the terminal bell"


@pytest.fixture
def user(user_routines: Path, write_routine: WriteRoutine) -> Path:
    """The user folder, holding the short routine."""
    write_short_routine(write_routine, user_routines)
    return user_routines


def sync_at(app: BreatheApp, clock: FakeClock, seconds: float) -> None:
    """A moment before a deadline, without waiting for the app to be idle: with the clock
    standing a millisecond short of a deadline, the screen's next timer is always due."""
    clock.now = at(seconds)
    session_screen(app).sync()


def shown(screen: SessionScreen) -> dict[str, str]:
    """The session's words, by widget id."""
    return {
        name: text(screen.query_one(f"#{name}", Static))
        for name in ("step-title", "instructions", "phase", "cycle", "next-up", "times", "status")
    }


async def start_when_sound_is_ready(pilot: Pilot[Any]) -> SessionScreen:
    """The short routine's session, once it has begun: with sound, a session waits for
    its device to open (in a worker, a moment) before its clock starts."""
    await start_short_routine(pilot)
    screen = session_screen(pilot.app)
    for _ in range(300):
        if screen.session.state is SessionState.RUNNING:
            return screen
        await pilot.pause(0.01)
    raise AssertionError("the session never began")


def ended(app: BreatheApp) -> SummaryScreen:
    assert isinstance(app.screen, SummaryScreen), app.screen_stack
    return app.screen


def summary_texts(screen: SummaryScreen) -> tuple[str, str, str]:
    head, title, facts = (
        text(screen.query_one(f"#summary-{name}", Static)) for name in ("head", "title", "facts")
    )
    return head, title, facts


# -- library --


async def test_typing_anywhere_filters_and_escape_clears(user: Path, clock: FakeClock) -> None:
    app = player_app(user, clock)
    async with app.run_test(size=BIG, notifications=True) as pilot:
        await library_ready(pilot)
        await pilot.pause()
        library = app.screen
        assert isinstance(library, LibraryScreen)
        table = library.query_one(DataTable)
        filter_box = library.query_one("#filter", Input)
        everything = table.row_count
        assert everything == len(list(BUNDLED_ROUTINES.glob("*.yaml"))) + 1
        assert table.has_focus

        await pilot.press(*"twist")
        assert filter_box.has_focus
        assert filter_box.value == "twist"  # the first letter is kept, not replaced
        assert [key.value for key in table.rows] == ["gentle-spinal-twists"]

        await pilot.press("escape")
        assert filter_box.value == ""
        assert table.row_count == everything
        assert table.has_focus

        # Tags and words of the title match too, in any order and case.
        await pilot.press(*"TEST SH")
        assert [key.value for key in table.rows] == ["short"]
        await pilot.press("escape", *"zzz")
        assert table.row_count == 0
        await pilot.press("enter")  # nothing to open: the library stays, saying so
        await pilot.pause()
        assert app.screen is library
        assert "No routine matches “zzz”." in screen_text(app)


async def test_q_in_the_filter_is_a_letter_and_q_in_the_list_quits(
    user: Path, clock: FakeClock
) -> None:
    app = player_app(user, clock)
    async with app.run_test(size=BIG) as pilot:
        await library_ready(pilot)
        await pilot.press("slash", "q")
        assert app.screen.query_one("#filter", Input).value == "q"
        assert app.is_running
        await pilot.press("escape", "q")
    assert app.return_code == 0
    assert app.return_value is None


async def test_enter_opens_the_routine_under_the_cursor(user: Path, clock: FakeClock) -> None:
    app = player_app(user, clock)
    async with app.run_test(size=BIG) as pilot:
        await library_ready(pilot)
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        names = [key.value for key in table.rows]
        await pilot.press("down", "down")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen)
        assert app.screen.entry.name == names[2]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)


async def test_broken_files_are_listed_as_broken_and_do_not_open(
    user: Path, write_routine: WriteRoutine, clock: FakeClock
) -> None:
    write_routine("wobbly", "title: Wobbly\nsteps:\n  - breathe: x\n    pattern: 4-\n", folder=user)
    app = player_app(user, clock)
    async with app.run_test(size=BIG, notifications=True) as pilot:
        await library_ready(pilot)
        await pilot.press(*"wobbly")
        table = app.screen.query_one(DataTable)
        assert [key.value for key in table.rows] == ["wobbly"]
        routine, length, problem, source = (str(cell) for cell in table.get_row("wobbly"))
        assert routine == "wobbly  broken"
        assert (length, source) == ("—", "user")
        assert problem  # its first problem, where the tags go
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)  # not opened, and no traceback
        assert "wobbly has problems" in screen_text(app)


# -- detail --


async def test_detail_shows_facts_safety_steps_and_total(user: Path, clock: FakeClock) -> None:
    app = player_app(user, clock)
    async with app.run_test(size=BIG) as pilot:
        await library_ready(pilot)
        await type_and_open(pilot)
        detail = app.screen
        assert isinstance(detail, DetailScreen)
        assert text(detail.query_one("#detail-title", Static)) == "Short practice"
        facts = text(detail.query_one("#detail-facts", Static))
        assert facts == "beginner  ·  calming  ·  0:57  ·  test, short"
        assert [text(note) for note in detail.query(".safety").results(Static)] == [
            "Safety  Stop if you feel dizzy."
        ]
        table = detail.query_one("#detail-steps", DataTable)
        rows = [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]
        assert rows == [
            ["1", "0:00", "0:05", "Settle", "rest"],
            ["2", "0:05", "0:28", "Paced breath", "breathe 4-2-6-2 × 2"],
            ["3", "0:33", "0:24", "Twist", "pose, left then right"],
        ]
        assert text(detail.query_one("#detail-total", Static)) == "Total 0:57"
        assert detail.query_one(Button).has_focus
        assert detail.query_one("#detail").scroll_y == 0  # the title and safety come first

        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)


@pytest.mark.parametrize("key", ["enter", "s"])
async def test_enter_or_s_starts_the_session(user: Path, clock: FakeClock, key: str) -> None:
    app = player_app(user, clock)
    async with app.run_test(size=BIG) as pilot:
        await library_ready(pilot)
        await open_short_routine(pilot)
        await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert app.screen.session.state is SessionState.RUNNING


async def test_detail_shows_the_safety_notes_of_includes_too(
    user: Path, write_routine: WriteRoutine, clock: FakeClock
) -> None:
    write_routine(
        "bigger",
        """
        title: Bigger practice
        safety: Go slowly.
        steps:
          - include: short
          - rest: Lie still
            duration: 10s
        """,
        folder=user,
    )
    app = player_app(user, clock)
    async with app.run_test(size=BIG) as pilot:
        await library_ready(pilot)
        await type_and_open(pilot, "bigger")
        notes = [text(note) for note in app.screen.query(".safety").results(Static)]
        assert notes == ["Safety  Go slowly.\n\nStop if you feel dizzy."]  # one block
        total = text(app.screen.query_one("#detail-total", Static))
        assert total == "Total 1:07"


async def test_a_bundled_routine_opens_with_its_safety_note(
    user_routines: Path, clock: FakeClock
) -> None:
    app = player_app(user_routines, clock)
    async with app.run_test(size=BIG) as pilot:
        await library_ready(pilot)
        await type_and_open(pilot, "spinal")
        notes = [text(note) for note in app.screen.query(".safety").results(Static)]
        assert len(notes) == 1
        assert "never force the turn" in notes[0]
        assert text(app.screen.query_one("#detail-total", Static)) == "Total 5:20"


# -- a session, end to end --


async def test_a_whole_session_shows_each_phase_then_well_done(
    user: Path, clock: FakeClock
) -> None:
    app = player_app(user, clock)
    async with app.run_test(size=BIG) as pilot:
        await library_ready(pilot)
        await type_and_open(pilot)
        await pilot.press("enter")
        await pilot.pause()
        screen = session_screen(app)
        pacer = screen.query_one(Pacer)
        countdown = screen.query_one("#countdown", Digits)

        assert shown(screen) == {
            "step-title": "Settle",
            "instructions": "Sit tall and let the shoulders drop.",
            "phase": "Rest",
            "cycle": "",
            "next-up": "Next: Paced breath",
            "times": "0:00 of 0:57  ·  0:57 left",
            "status": "",
        }
        assert countdown.value == "0:05"  # a rest counts down as a clock
        assert countdown.display and not pacer.display

        await advance(pilot, clock, 2)
        assert countdown.value == "0:03"

        expected = [
            (INHALE_AT, "Breathe in  ·  2 s", "breath 1 of 2", "0:07 of 0:57  ·  0:50 left"),
            (HOLD_AT, "Hold  ·  1 s", "breath 1 of 2", "0:10 of 0:57  ·  0:47 left"),
            (EXHALE_AT, "Breathe out  ·  3 s", "breath 1 of 2", "0:14 of 0:57  ·  0:43 left"),
            (EMPTY_AT, "Hold, empty  ·  1 s", "breath 1 of 2", "0:18 of 0:57  ·  0:39 left"),
            (20, "Breathe in  ·  3 s", "breath 2 of 2", "0:20 of 0:57  ·  0:37 left"),
        ]
        for at, phase, cycle, times in expected:
            await advance_to(pilot, clock, at)
            words = shown(screen)
            assert (words["phase"], words["cycle"], words["times"]) == (phase, cycle, times)
            assert words["step-title"] == "Paced breath"
            assert words["instructions"] == "In and out through the nose."
            assert words["next-up"] == "Next: Twist"
            assert pacer.display and not countdown.display
            assert countdown.value == phase.split()[-2]  # "…  2 s"

        await advance_to(pilot, clock, POSE_AT)
        words = shown(screen)
        assert (words["step-title"], words["phase"], words["cycle"]) == (
            "Twist",
            "Hold the pose  ·  left side",
            "",
        )
        assert words["next-up"] == "Last step"
        assert countdown.value == "0:05"  # 38 s: 5 s left of the hold that ends at 43 s
        assert countdown.display and not pacer.display

        await advance_to(pilot, clock, SWITCH_AT)
        assert text(screen.query_one("#phase", Static)) == "Change sides  ·  right side"
        assert countdown.value == "0:02"
        await advance_to(pilot, clock, 47)
        assert text(screen.query_one("#phase", Static)) == "Hold the pose  ·  right side"
        assert countdown.value == "0:10"  # a whole second is shown whole, not one more

        sync_at(app, clock, TOTAL_S - 0.001)
        assert screen.session.state is SessionState.RUNNING
        assert countdown.value == "0:01"
        await advance_to(pilot, clock, TOTAL_S)
        summary = ended(app)
        assert summary_texts(summary) == (
            "Well done.",
            "Short practice",
            "Practised  0:57\nSteps      3 of 3 completed\nEnded      finished",
        )
        assert summary.ended == SessionEnded(True, 57_000, 3, 3)

        await pilot.press("enter")
        await pilot.pause()
        library = app.screen
        assert isinstance(library, LibraryScreen)
        assert library.query_one("#filter", Input).value == "short"  # as it was left
        assert library.query_one(DataTable).has_focus  # so `q` quits, not types
        await pilot.press("q")
    assert app.return_code == 0


async def test_the_countdown_ticks_on_whole_seconds(user: Path, clock: FakeClock) -> None:
    """The screen's next timer is due when the number shown changes, not before or after."""
    async with short_session(user, clock) as (app, pilot):
        screen = session_screen(app)
        assert screen.wake_at is not None
        assert screen.wake_at - clock.now == 1000  # 5 s left, 4 s in a second
        await advance(pilot, clock, 0.25)
        assert screen.wake_at is not None
        assert screen.wake_at - clock.now == 750


async def test_pause_freezes_and_resume_moves_every_deadline(user: Path, clock: FakeClock) -> None:
    async with short_session(user, clock) as (app, pilot):
        await advance_to(pilot, clock, EXHALE_AT)
        screen = session_screen(app)
        pacer = screen.query_one(Pacer)
        before = shown(screen)
        fullness = pacer.fullness_now()
        assert pacer.ticking

        await pilot.press("space")
        assert screen.session.state is SessionState.PAUSED
        assert text(screen.query_one("#phase", Static)) == "Paused"  # large, in the centre
        assert screen.query_one("#pause-hint", Static).display
        assert screen.wake_at is None and not pacer.ticking

        await advance(pilot, clock, 30)  # a long pause: nothing moves
        words = shown(screen)
        assert words["phase"] == "Paused"
        assert {k: v for k, v in words.items() if k != "phase"} == {
            k: v for k, v in before.items() if k != "phase"
        }
        assert pacer.fullness_now() == fullness
        assert screen.query_one("#progress", ProgressBar).progress == EXHALE_AT * 1000

        await pilot.press("space")
        assert screen.session.state is SessionState.RUNNING
        assert text(screen.query_one("#status", Static)) == ""
        assert pacer.ticking
        assert pacer.fullness_now() == fullness  # the orb goes on from there
        # The exhale that would have ended at 17 s now ends 30 s later.
        assert screen.session.next_deadline() == at(17 + 30)

        sync_at(app, clock, 17 + 30 - 0.001)
        assert text(screen.query_one("#phase", Static)) == "Breathe out  ·  1 s"
        sync_at(app, clock, TOTAL_S + 30 - 0.001)
        assert screen.session.state is SessionState.RUNNING
        await advance_to(pilot, clock, TOTAL_S + 30)
        summary = ended(app)
        assert summary.ended == SessionEnded(True, 57_000, 3, 3)  # the pause is not practice


async def test_next_previous_and_restart(user: Path, clock: FakeClock) -> None:
    async with short_session(user, clock) as (app, pilot):
        screen = session_screen(app)

        def now() -> tuple[str, str, str]:
            words = shown(screen)
            return words["step-title"], words["phase"], words["times"].split("  ·  ")[0]

        await advance(pilot, clock, 2)
        await pilot.press("n")
        assert now() == ("Paced breath", "Breathe in  ·  4 s", "0:05 of 0:57")
        assert text(screen.query_one("#cycle", Static)) == "breath 1 of 2"

        await advance(pilot, clock, 12)  # 0:17, empty lungs
        assert now() == ("Paced breath", "Hold, empty  ·  2 s", "0:17 of 0:57")
        await pilot.press("r")
        assert now() == ("Paced breath", "Breathe in  ·  4 s", "0:05 of 0:57")

        await pilot.press("n")
        assert now() == ("Twist", "Hold the pose  ·  left side", "0:33 of 0:57")
        assert screen.query_one("#countdown", Digits).value == "0:10"
        await pilot.press("p")
        assert now() == ("Paced breath", "Breathe in  ·  4 s", "0:05 of 0:57")
        await pilot.press("p")
        assert now() == ("Settle", "Rest", "0:00 of 0:57")
        await pilot.press("p")  # the first step restarts
        assert now() == ("Settle", "Rest", "0:00 of 0:57")

        # Commands work while paused, and the session stays paused.
        await pilot.press("space", "n")
        assert now() == ("Paced breath", "Paused", "0:05 of 0:57")  # the step shown, paused
        assert screen.session.state is SessionState.PAUSED
        assert not screen.query_one(Pacer).ticking
        await pilot.press("space")
        assert screen.session.state is SessionState.RUNNING

        # The whole of the breathing step, then `n` on the last step ends the session:
        # finished, with Settle and Twist named as skipped (tests/app/test_session_endings.py).
        await advance(pilot, clock, 28)
        assert now() == ("Twist", "Hold the pose  ·  left side", "0:33 of 0:57")
        await pilot.press("n")
        await pilot.pause()
        summary = ended(app)
        assert summary.ended.finished
        assert summary.ended.steps_completed == 1  # only the breathing step was played whole
        assert summary_texts(summary)[0] == "Well done."
        assert summary_texts(summary)[2].splitlines()[1:] == [
            "Steps      1 of 3 completed",
            "Ended      finished",
        ]
        assert text(summary.query_one("#summary-skipped", Static)) == "Skipped: Settle, Twist"


async def test_m_mutes_and_unmutes(user: Path, clock: FakeClock) -> None:
    app = player_app(user, clock, BELL)
    async with app.run_test(size=BIG) as pilot:
        await library_ready(pilot)
        screen = await start_when_sound_is_ready(pilot)
        status = screen.query_one("#status", Static)
        assert not screen.muted
        await pilot.press("m")
        assert screen.muted and text(status) == f"muted  ·  {RINGS}"
        await pilot.press("space")
        assert text(status) == f"muted  ·  {RINGS}"  # paused: said in the centre
        await pilot.press("space", "m")
        assert not screen.muted and text(status) == RINGS


async def test_the_footer_says_unmute_while_muted(user: Path, clock: FakeClock) -> None:
    app = player_app(user, clock, BELL)
    async with app.run_test(size=BIG) as pilot:
        await library_ready(pilot)
        await start_when_sound_is_ready(pilot)
        await pilot.pause()  # the footer, composed for the session's keys
        footer = screen_text(app).splitlines()[-1]
        assert "m Mute" in footer and "Unmute" not in footer
        await pilot.press("m")
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        assert "m Unmute" in footer and "m Mute" not in footer
        screen = session_screen(app)
        assert [c.title for c in app.get_system_commands(screen)].count("Unmute") == 1
        await pilot.press("m")
        await pilot.pause()
        assert "m Mute" in screen_text(app).splitlines()[-1]


async def test_sound_off_plays_no_cues_and_shows_no_state(user: Path, clock: FakeClock) -> None:
    async with short_session(user, clock, PlayOptions(sound="off")) as (app, _):
        screen = session_screen(app)
        assert app.cue_player is None  # no device opened, nothing to play through
        assert not screen.muted
        assert text(screen.query_one("#status", Static)) == ""


async def test_with_nothing_to_sound_m_is_not_offered_and_does_nothing(
    user: Path, clock: FakeClock
) -> None:
    """Sound off: no Mute in the footer or the palette, and `m` mutes nothing."""
    async with short_session(user, clock, PlayOptions(sound="off")) as (app, pilot):
        screen = session_screen(app)
        footer = screen_text(app).splitlines()[-1]
        assert "Mute" not in footer and "Voice" not in footer
        titles = [command.title for command in app.get_system_commands(screen)]
        assert "Mute" not in titles and "Unmute" not in titles
        await pilot.press("m")
        assert not screen.muted
        assert text(screen.query_one("#status", Static)) == ""


async def test_where_the_bell_rings_the_cues_the_status_says_so_calmly(
    user: Path, clock: FakeClock
) -> None:
    """`sound: bell` is how the cues sound here, not a problem: no voice keys (a voice
    cannot speak through a bell), Mute offered (the bell can be silenced)."""
    app = player_app(user, clock, BELL)
    async with app.run_test(size=BIG) as pilot:
        await library_ready(pilot)
        screen = await start_when_sound_is_ready(pilot)
        await pilot.pause()
        assert text(screen.query_one("#status", Static)) == RINGS
        footer = screen_text(app).splitlines()[-1]
        assert "m Mute" in footer and "Voice" not in footer


async def test_e_turns_the_screen_to_the_eyes_closed_view_and_back(
    user: Path, clock: FakeClock
) -> None:
    async with short_session(user, clock) as (app, pilot):
        await advance_to(pilot, clock, EXHALE_AT)
        screen = session_screen(app)
        assert "e Eyes closed" in screen_text(app).splitlines()[-1]
        await pilot.press("e")
        await pilot.pause()
        assert screen.has_class("-eyes-closed")
        assert not screen.query_one(Pacer).display  # no orb
        assert not screen.query_one(Footer).display  # a line of the few keys instead
        assert not screen.query_one(Pacer).ticking  # nor any frame drawn for it
        lines = [line.strip() for line in screen_lines(app)]
        assert "Breathe out" in lines  # the phase word alone on its line, central
        assert "space pause  ·  e eyes open  ·  q stop" in lines
        assert "Paced breath" not in "\n".join(lines)  # the step card is hidden
        assert "Eyes open" in [command.title for command in app.get_system_commands(screen)]
        await pilot.press("space")
        assert "Paused" in [line.strip() for line in screen_lines(app)]
        await pilot.press("space", "e")
        await pilot.pause()
        assert not screen.has_class("-eyes-closed")
        assert screen.query_one(Pacer).display and screen.query_one(Footer).display


async def test_the_footer_fits_80_columns_with_every_key(user: Path, clock: FakeClock) -> None:
    """Where Mute and the eyes-closed view are offered, Stop and Help still fit at 80."""
    app = player_app(user, clock, BELL)
    async with app.run_test(size=(80, 24)) as pilot:
        await library_ready(pilot)
        await start_when_sound_is_ready(pilot)
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        assert footer.rstrip().endswith("q Stop  ? Help"), footer
        assert "m Mute" in footer and "e Eyes closed" in footer


async def test_eyes_closed_opens_the_session_in_the_eyes_closed_view(
    user: Path, clock: FakeClock
) -> None:
    options = PlayOptions(sound="off", eyes_closed=True)
    async with short_session(user, clock, options, size=SMALL) as (app, pilot):
        await advance_to(pilot, clock, POSE_AT)
        screen = session_screen(app)
        assert screen.has_class("-eyes-closed")
        lines = [line.strip() for line in screen_lines(app)]
        assert "Hold the pose  ·  left side" in lines
        assert lines[-1] == "space pause  ·  e eyes open  ·  q stop"


async def test_stop_asks_first_and_going_on_resumes(user: Path, clock: FakeClock) -> None:
    async with short_session(user, clock) as (app, pilot):
        await advance_to(pilot, clock, EXHALE_AT)
        screen = session_screen(app)

        for key, answer in (("q", "n"), ("escape", "escape")):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, ConfirmStop)
            assert screen.session.state is SessionState.PAUSED  # it waits for the answer
            assert "You have practised 0:14." in screen_text(app)
            await advance(pilot, clock, 5)  # thinking it over does not count
            await pilot.press(answer)
            await pilot.pause()
            assert app.screen is screen
            assert screen.session.state is SessionState.RUNNING
            assert text(screen.query_one("#phase", Static)) == "Breathe out  ·  3 s"
            assert text(screen.query_one("#status", Static)) == ""

        # The "Go on" button answers the same way.
        await pilot.press("q")
        await pilot.pause()
        await pilot.click("#continue")
        await pilot.pause()
        assert app.screen is screen
        assert screen.session.state is SessionState.RUNNING

        # A paused session stays paused when the answer is "go on".
        await pilot.press("space", "q")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert screen.session.state is SessionState.PAUSED

        await pilot.press("space")
        await advance(pilot, clock, 10)  # 0:24
        await pilot.press("q")
        await pilot.pause()
        assert "You have practised 0:24." in screen_text(app)
        await pilot.press("y")
        await pilot.pause()
        summary = ended(app)
        assert summary_texts(summary) == (
            "Session stopped.",
            "Short practice",
            "Practised  0:24\nSteps      1 of 3 completed\nEnded      stopped",
        )
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        await pilot.press("q")
    assert app.return_code == 0


async def test_the_stop_button_stops(user: Path, clock: FakeClock) -> None:
    async with short_session(user, clock) as (app, pilot):
        await advance(pilot, clock, 3)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.click("#stop")
        await pilot.pause()
        assert ended(app).ended == SessionEnded(False, 3000, 0, 3)


async def test_tempo_shortens_breathing_but_not_poses(user: Path, clock: FakeClock) -> None:
    options = PlayOptions(tempo=Fraction(2), sound="off")
    async with short_session(user, clock, options) as (app, pilot):
        screen = session_screen(app)
        assert shown(screen)["times"] == "0:00 of 0:43  ·  0:43 left"
        assert shown(screen)["status"] == "tempo 2×"
        await advance_to(pilot, clock, 5)
        assert shown(screen)["phase"] == "Breathe in  ·  2 s"  # 4 s at twice the pace
        await advance_to(pilot, clock, 7)
        assert shown(screen)["phase"] == "Hold  ·  1 s"
        await advance_to(pilot, clock, 19)  # the breathing took 14 s, not 28 s
        assert shown(screen)["step-title"] == "Twist"
        assert screen.query_one("#countdown", Digits).value == "0:10"  # the pose keeps its 10 s
        await advance_to(pilot, clock, 29)
        assert shown(screen)["phase"] == "Change sides  ·  right side"
        assert screen.query_one("#countdown", Digits).value == "0:04"
        await advance_to(pilot, clock, 43)
        assert ended(app).ended == SessionEnded(True, 43_000, 3, 3)


# -- motion --


@pytest.mark.parametrize("how", ["--reduced-motion", "animation level none"])
async def test_reduced_motion_shows_words_digits_and_a_bar(
    user: Path, clock: FakeClock, how: str
) -> None:
    options = PlayOptions(reduced_motion=how == "--reduced-motion", sound="off")
    app = player_app(user, clock, options)
    async with app.run_test(size=BIG) as pilot:
        await library_ready(pilot)
        if how == "animation level none":
            app.animation_level = "none"
        await start_short_routine(pilot)
        screen = session_screen(app)
        pacer = screen.query_one(Pacer)
        countdown = screen.query_one("#countdown", Digits)
        phase_bar = screen.query_one("#phase-bar", Static)
        assert screen.still and pacer.still

        def bar_done() -> float:
            """The share of the phase's bar drawn in the phase's colour."""
            line = list(phase_bar.render_line(0))
            track = line[-1].style
            filled = sum(len(segment.text) for segment in line if segment.style != track)
            return filled / phase_bar.size.width

        await advance_to(pilot, clock, INHALE_AT)
        assert text(screen.query_one("#phase", Static)) == "Breathe in  ·  2 s"
        assert not pacer.display
        assert countdown.display and countdown.value == "2"
        assert screen.query_one("#phase-row").display and bar_done() == pytest.approx(0.5, abs=0.02)
        assert not pacer.ticking  # no frames at all

        await advance_to(pilot, clock, EXHALE_AT)
        assert countdown.value == "3" and bar_done() == pytest.approx(0.5, abs=0.02)
        assert not pacer.ticking
        await advance_to(pilot, clock, POSE_AT)
        assert countdown.value == "0:05" and bar_done() == pytest.approx(0.5, abs=0.02)
        assert not pacer.display


async def test_the_phase_bar_is_only_for_reduced_motion(user: Path, clock: FakeClock) -> None:
    async with short_session(user, clock) as (app, pilot):
        await advance_to(pilot, clock, INHALE_AT)
        screen = session_screen(app)
        assert not screen.still
        assert not screen.query_one("#phase-row").display
        assert screen.query_one(Pacer).display


async def test_the_pacer_ticks_only_while_the_orb_moves(user: Path, clock: FakeClock) -> None:
    async with short_session(user, clock) as (app, pilot):
        pacer = session_screen(app).query_one(Pacer)
        assert not pacer.ticking  # a rest
        for at, moving in (
            (INHALE_AT, True),
            (HOLD_AT, False),
            (EXHALE_AT, True),
            (EMPTY_AT, False),
            (POSE_AT, False),
            (SWITCH_AT, False),
        ):
            await advance_to(pilot, clock, at)
            assert pacer.ticking is moving, at
            assert pacer.moving is moving

        await pilot.press("p")  # back to the breathing, on an inhale
        assert pacer.ticking
        await pilot.press("space")
        assert not pacer.ticking
        await pilot.press("space")
        assert pacer.ticking


async def test_the_pacer_repaints_only_when_its_picture_changes(
    user: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with short_session(user, clock) as (app, pilot):
        await advance_to(pilot, clock, INHALE_AT)
        pacer = session_screen(app).query_one(Pacer)
        pacer.repaint_if_changed()  # in step with the clock, whatever happened before
        refreshes: list[object] = []
        original = pacer.refresh

        def counting_refresh(*args: Any, **kwargs: Any) -> Any:
            refreshes.append(args)
            return original(*args, **kwargs)  # an observer: the refresh still happens

        monkeypatch.setattr(pacer, "refresh", counting_refresh)

        for _ in range(50):  # the clock stands still: so does the picture
            pacer.repaint_if_changed()
        assert refreshes == []

        clock.advance(0.5)  # the orb grows through the inhale
        pacer.repaint_if_changed()
        pacer.repaint_if_changed()
        assert len(refreshes) == 1

        clock.advance(0.001)  # less than half a pixel: the same picture
        pacer.repaint_if_changed()
        assert len(refreshes) == 1

        await advance_to(pilot, clock, HOLD_AT)
        refreshes.clear()
        for _ in range(9):  # a hold (9-11 s): the orb is still however long it lasts
            clock.advance(0.1)
            pacer.repaint_if_changed()
        assert refreshes == []


# -- small terminals --


@pytest.mark.parametrize("height", [5, 8, 12])
async def test_the_footer_stays_on_the_last_line_of_a_short_terminal(
    user: Path, clock: FakeClock, height: int
) -> None:
    async with short_session(user, clock, size=(40, height)) as (app, pilot):
        await advance_to(pilot, clock, INHALE_AT)
        footer = session_screen(app).query_one(Footer)
        assert footer.region.y == height - 1 and footer.region.height == 1
        assert "Pause" in screen_text(app).splitlines()[-1]


async def test_a_small_terminal_plays_a_whole_session(user: Path, clock: FakeClock) -> None:
    app = player_app(user, clock)
    async with app.run_test(size=SMALL) as pilot:
        await library_ready(pilot)
        await pilot.pause()
        assert app.screen.has_class("-compact")
        await open_short_routine(pilot)
        assert "Short practice" in screen_text(app)
        assert "Safety  Stop if you feel dizzy." in screen_text(app)  # not scrolled away
        await pilot.press("enter")
        await pilot.pause()
        screen = session_screen(app)
        assert screen.has_class("-compact")
        assert not screen.query_one("#next-up").display
        assert not screen.query_one("#instructions-box").display
        for at, words in (
            (INHALE_AT, "Breathe in  ·  2 s"),
            (HOLD_AT, "Hold  ·  1 s"),
            (EXHALE_AT, "Breathe out  ·  3 s"),
            (POSE_AT, "Hold the pose  ·  left side"),
        ):
            await advance_to(pilot, clock, at)
            lines = screen_text(app).splitlines()
            assert any(words in line for line in lines), lines
            assert any("of 0:57" in line for line in lines), lines

        await pilot.press("q")
        await pilot.pause()
        modal = screen_text(app)
        for words in ("Stop this session?", "Go on (n)", "Stop (y)", "╮", "╯"):
            assert words in modal  # the whole box, right border included
        await pilot.press("y")
        await pilot.pause()
        summary = screen_text(app)
        for words in ("Session stopped.", "Practised  0:38", "Back to the library", "╰"):
            assert words in summary, summary
        assert ended(app).has_class("-compact")


async def test_resizing_mid_session(user: Path, clock: FakeClock) -> None:
    async with short_session(user, clock) as (app, pilot):
        await advance_to(pilot, clock, INHALE_AT)
        screen = session_screen(app)
        pacer = screen.query_one(Pacer)
        big_orb = pacer.picture
        assert not screen.has_class("-compact")

        await pilot.resize_terminal(*SMALL)
        await pilot.pause()
        assert screen.has_class("-compact")
        assert pacer.picture != big_orb  # drawn again for its new size
        assert "Breathe in  ·  2 s" in screen_text(app)

        await advance_to(pilot, clock, POSE_AT)
        await pilot.resize_terminal(24, 6)  # smaller than anyone should use: no crash
        await pilot.pause()
        await advance_to(pilot, clock, 50)  # holding the pose on the right side
        await pilot.resize_terminal(*BIG)
        await pilot.pause()
        assert not screen.has_class("-compact")
        assert "Hold the pose  ·  right side" in screen_text(app)
        await pilot.press("q")
        await pilot.resize_terminal(*SMALL)
        await pilot.pause()
        assert isinstance(app.screen, ConfirmStop)
        await pilot.press("n")
        await advance_to(pilot, clock, TOTAL_S + 1)
        assert ended(app).ended.finished


# -- keys, help, palette, themes --


async def test_the_footer_and_the_palette_offer_every_session_key(
    user: Path, clock: FakeClock
) -> None:
    app = player_app(user, clock, BELL)
    async with app.run_test(size=(160, 32)) as pilot:
        await library_ready(pilot)
        await pilot.pause()
        on_library = [command.title for command in app.get_system_commands(app.screen)]
        assert on_library.count("Quit") == 1
        assert "Filter" in on_library

        screen = await start_when_sound_is_ready(pilot)
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        # The footer groups the step keys, so that it fits 80 columns; the palette and the
        # help panel name each one.
        shown = [
            "space Pause",
            "n p r Step",
            "- + Tempo",
            "m Mute",
            "e Eyes closed",
            "q Stop",
            "? Help",
        ]
        assert all(words in footer for words in shown), footer
        names = [
            *("Pause", "Next", "Previous", "Restart step", "Slower", "Faster"),
            *("Mute", "Eyes closed", "Stop", "Help"),
        ]
        commands = [command.title for command in app.get_system_commands(screen)]
        assert commands[: len(names)] == names

        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"mute")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        assert screen.muted
        assert text(screen.query_one("#status", Static)) == f"muted  ·  {RINGS}"


async def test_question_mark_shows_the_keys_and_hides_them_again(
    user: Path, clock: FakeClock
) -> None:
    async with short_session(user, clock) as (app, pilot):
        await pilot.press("question_mark")
        await pilot.pause()
        assert app.screen.query("HelpPanel")
        above_footer = screen_text(app).splitlines()[:-1]
        assert any("Restart step" in line for line in above_footer)  # in the panel
        panel = "\n".join(above_footer)
        # Only what a practice needs: not Textual's focus and copy keys, and Quit once.
        assert "Focus" not in panel and "Copy" not in panel
        assert panel.count("Quit") == 1
        assert session_screen(app).session.state is SessionState.RUNNING
        await pilot.press("question_mark")
        await pilot.pause()
        assert not app.screen.query("HelpPanel")
        assert not any("Restart step" in line for line in screen_text(app).splitlines()[:-1])
        await pilot.press("question_mark", "space")  # open again: the keys still work
        await pilot.pause()
        assert app.screen.query("HelpPanel")
        assert session_screen(app).session.state is SessionState.PAUSED
        await pilot.press("escape")  # closes the panel, and only the panel
        await pilot.pause()
        assert not app.screen.query("HelpPanel")
        assert app.screen is session_screen(app)  # no stop question
        await pilot.press("escape")  # with the panel closed, escape stops (asking first)
        await pilot.pause()
        assert app.screen is not session_screen(app)


async def test_the_footer_says_what_space_does_now(user: Path, clock: FakeClock) -> None:
    async with short_session(user, clock) as (app, pilot):
        screen = session_screen(app)

        def footer() -> str:
            return screen_text(app).splitlines()[-1]

        assert "space Pause" in footer() and "Go on" not in footer()
        await pilot.press("space")
        await pilot.pause()
        assert screen.session.state is SessionState.PAUSED
        assert "space Go on" in footer() and "Pause" not in footer()
        assert next(c.title for c in app.get_system_commands(screen)) == "Go on"
        await pilot.press("space")
        await pilot.pause()
        assert screen.session.state is SessionState.RUNNING
        assert "space Pause" in footer() and "Go on" not in footer()
        # Asked to stop, the session waits paused; "Go on" there resumes it, and space
        # shows Pause again.
        await pilot.press("q")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert screen.session.state is SessionState.RUNNING
        assert "space Pause" in footer()


@pytest.mark.parametrize("theme", ["breathe-light", "breathe-night", "breathe-dark"])
async def test_themes_can_be_chosen_mid_session(user: Path, clock: FakeClock, theme: str) -> None:
    async with short_session(user, clock) as (app, pilot):
        await advance_to(pilot, clock, INHALE_AT)
        app.theme = theme
        await pilot.pause()
        await advance_to(pilot, clock, EXHALE_AT)
        assert "Breathe out  ·  3 s" in screen_text(app)


# -- breathe play --


def play_app(user: Path, clock: FakeClock, options: PlayOptions | None = None) -> BreatheApp:
    catalog = Catalog.load(BUNDLED_ROUTINES, user)
    options = options or PlayOptions(sound="off")
    return BreatheApp(catalog, options=options, clock=clock, play=catalog.find("short"))


async def test_play_starts_at_once_and_exits_with_the_result(user: Path, clock: FakeClock) -> None:
    app = play_app(user, clock, PlayOptions(tempo=Fraction(2), reduced_motion=True, sound="off"))
    async with app.run_test(size=SMALL) as pilot:
        await library_ready(pilot)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        assert screen.still
        assert app.animation_level == "none"
        assert text(screen.query_one("#step-title", Static)) == "Settle"
        sync_at(app, clock, 42.999)
        assert screen.session.state is SessionState.RUNNING
        await advance_to(pilot, clock, 43)
        await pilot.pause()
    assert app.return_value == SessionEnded(True, 43_000, 3, 3)


async def test_play_stopped_returns_stopped(user: Path, clock: FakeClock) -> None:
    app = play_app(user, clock)
    async with app.run_test(size=BIG) as pilot:
        await library_ready(pilot)
        await advance(pilot, clock, 6)
        await pilot.press("q")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
    assert app.return_value == SessionEnded(False, 6000, 1, 3)


class ReadLate(FakeClock):
    """While `late`, each read moves the clock on a millisecond, as a real one moves while
    the code between two reads runs."""

    late = False

    def __call__(self) -> int:
        now = self.now
        if self.late:
            self.now += 1
        return now


async def test_a_timer_due_this_instant_still_wakes_the_session(user: Path) -> None:
    """A boundary due now asks for a 0 s timer; it must fire (Textual 8.2's set_timer(0)
    dies of a ZeroDivisionError, which would freeze the session for good)."""
    clock = ReadLate(START)
    async with short_session(user, clock) as (app, pilot):
        screen = session_screen(app)
        first = screen.session.current_segment_index()
        deadline = screen.session.next_deadline()
        assert deadline is not None
        # The screen looks a millisecond before the boundary, and sets its next timer
        # after it: the timer is due at once.
        clock.now, clock.late = deadline - 1, True
        screen.sync()
        clock.late = False
        assert screen.session.current_segment_index() == first  # not there yet when it looked
        assert screen.wake_at == deadline and deadline <= clock.now
        await pilot.pause()
        await pilot.pause()
        assert screen.session.current_segment_index() == (first or 0) + 1
