"""What `breathe program status` and the app's Program screen say of a program, from one
place (breathe.core.program): every day's plan, the headline, the dates, the days done and
missed, and the command that takes a stopped program up again."""

from __future__ import annotations

from datetime import date, timedelta

from breathe.core.program import (
    ProgramStatus,
    latest_start,
    program_day,
    program_days,
    take_up_again,
)
from breathe.format.program_spec import load_program
from tests.support.repo import BUNDLED_ROUTINES

SIXTY = load_program(BUNDLED_ROUTINES / "programs" / "circulation-60-day.yaml")
START = date(2025, 1, 30)  # across a month end, February of 28 days


def test_every_day_of_the_program_with_its_plan() -> None:
    days = program_days(SIXTY, START)
    assert [day.number for day in days] == list(range(1, 61))
    assert [day.today for day in days] == [START + timedelta(days=n) for n in range(60)]
    for day in days:
        assert day.routines == program_day(SIXTY, START, day.today).routines
    assert [day.number for day in days if day.lighter] == [7, 14, 21, 28, 35, 42, 49, 56]


def test_the_days_play_the_alternatives_chosen() -> None:
    chosen = {"legs-up-the-wall": "constructive-rest"}
    days = program_days(SIXTY, START, chosen)
    names = {planned.routine for day in days for planned in day.routines}
    assert "legs-up-the-wall" not in names
    assert all(day.instead == chosen for day in days)


def test_a_start_past_the_calendar_has_no_days() -> None:
    assert program_days(SIXTY, latest_start(SIXTY))[-1].today == date.max
    assert program_days(SIXTY, latest_start(SIXTY) + timedelta(days=1)) == ()


def test_the_status_of_a_day_in_progress() -> None:
    status = ProgramStatus(program_day(SIXTY, START, START + timedelta(days=14)), (12, 2))
    assert status.headline == "Day 15 of 60  ·  week 3: Find the rhythm; twists on their own"
    assert status.dates == "Started 2025-01-30; the last day is 2025-03-30."
    assert status.progress_line == (
        "12 days done, 2 missed (a day is done when one of its sessions is finished)"
    )
    assert ProgramStatus(status.day).progress_line is None  # the history cannot be read


def test_the_status_before_the_start_and_after_the_end() -> None:
    waiting = ProgramStatus(program_day(SIXTY, START, START - timedelta(days=1)), (0, 0))
    assert waiting.headline == "Starts tomorrow, on 2025-01-30"
    assert waiting.dates == "Its last day will be 2025-03-30."
    assert waiting.progress_line is None  # nothing to count yet
    over = ProgramStatus(program_day(SIXTY, START, date(2025, 4, 2)), (58, 2))
    assert over.headline == "Finished: its 60 days ended on 2025-03-30"
    assert over.progress_line is not None and over.progress_line.startswith("58 days done")


def test_taking_a_stopped_program_up_again_keeps_its_day_one_and_its_choices() -> None:
    command = take_up_again("circulation-60-day", START)
    assert command.endswith("program start circulation-60-day --date 2025-01-30")
    chosen = {"seated-forward-bend": "chair-forward-bend", "legs-up-the-wall": "legs-on-a-chair"}
    assert take_up_again("circulation-60-day", START, chosen).endswith(
        "--date 2025-01-30 --instead legs-up-the-wall=legs-on-a-chair "
        "--instead seated-forward-bend=chair-forward-bend"
    )
