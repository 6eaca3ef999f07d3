"""Which day of a program a date is: day 1 is the start date, one more each calendar day,
across month and year ends and leap days, before the start and after the end; and which of
the day's routines is for now."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from breathe.core.program import (
    DayState,
    PartOfDay,
    Program,
    beyond_calendar,
    choice_problem,
    day_number,
    end_date,
    latest_start,
    part_of_day,
    program_day,
    suggested_routine,
)
from breathe.format.program_spec import load_program
from tests.support.repo import BUNDLED_ROUTINES

SIXTY = load_program(BUNDLED_ROUTINES / "programs" / "circulation-60-day.yaml")
STAGE_STARTS = [stage.first_day for stage in SIXTY.stages]  # 1, 8, 15, 22, 29, 43


def names(program: Program, start: date, today: date) -> list[str]:
    return [planned.routine for planned in program_day(program, start, today).routines]


@pytest.mark.parametrize(
    ("start", "today", "number"),
    [
        (date(2025, 1, 31), date(2025, 2, 1), 2),  # a month end
        (date(2025, 1, 31), date(2025, 3, 1), 30),  # February of 28 days
        (date(2024, 1, 31), date(2024, 3, 1), 31),  # February of 29 days
        (date(2024, 2, 28), date(2024, 3, 1), 3),  # through a leap day
        (date(2024, 2, 29), date(2024, 2, 29), 1),  # started on a leap day
        (date(2024, 2, 29), date(2024, 4, 28), 60),  # ... its last day
        (date(2024, 12, 31), date(2025, 1, 1), 2),  # a year end
        (date(2024, 11, 15), date(2025, 1, 13), 60),  # through a year end to the last day
        (date(2025, 3, 29), date(2025, 3, 31), 3),  # a clock change in Europe changes nothing
    ],
)
def test_day_numbers_count_calendar_days(start: date, today: date, number: int) -> None:
    assert day_number(start, today) == number
    day = program_day(SIXTY, start, today)
    assert day.number == number
    assert day.state is DayState.IN_PROGRESS


def test_the_plan_changes_on_the_right_dates_across_a_month_end() -> None:
    start = date(2025, 1, 25)  # day 7 (lighter) is 31 January, day 8 (week 2) 1 February
    assert names(SIXTY, start, date(2025, 1, 30)) == ["belly-breathing", "extended-exhale"]
    assert names(SIXTY, start, date(2025, 1, 31)) == ["slow-walking", "extended-exhale"]
    assert names(SIXTY, start, date(2025, 2, 1)) == [
        "joint-mobility",
        "slow-walking",
        "extended-exhale",
    ]
    assert names(SIXTY, start, date(2025, 2, 6))[0] == "joint-mobility"
    assert names(SIXTY, start, date(2025, 2, 8))[0] == "coherent-breathing-beginner"
    assert program_day(SIXTY, start, date(2025, 2, 8)).stage.label == "week 3"  # type: ignore[union-attr]
    assert program_day(SIXTY, start, date(2025, 2, 7)).stage.label == "day 14"  # type: ignore[union-attr]


def test_before_the_start() -> None:
    day = program_day(SIXTY, date(2025, 1, 1), date(2024, 12, 29))
    assert day.state is DayState.UPCOMING
    assert day.number == -2
    assert day.days_until_start == 3
    assert day.stage is None and day.routines == ()
    assert day.suggested(time(8)) is None


def test_after_the_end() -> None:
    start = date(2025, 1, 1)
    last = program_day(SIXTY, start, date(2025, 3, 1))
    assert (last.number, last.state, last.end) == (60, DayState.IN_PROGRESS, date(2025, 3, 1))
    after = program_day(SIXTY, start, date(2025, 3, 2))
    assert (after.number, after.state) == (61, DayState.FINISHED)
    assert after.routines == ()
    assert end_date(SIXTY, start) == date(2025, 3, 1)


def test_the_latest_start_ends_on_the_calendar_s_last_day() -> None:
    latest = latest_start(SIXTY)
    assert latest == date(9999, 11, 2)
    assert end_date(SIXTY, latest) == date.max
    assert beyond_calendar(SIXTY, latest) is None
    after = latest + timedelta(days=1)
    assert beyond_calendar(SIXTY, after) == (
        "started on 9999-11-03, its 60 days would run past 9999-12-31, the end of the calendar"
    )
    with pytest.raises(OverflowError):
        end_date(SIXTY, after)  # why a later start is refused


dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))


@given(start=dates, offset=st.integers(min_value=-400, max_value=400))
def test_any_start_date_maps_every_day_to_its_stage(start: date, offset: int) -> None:
    today = start + timedelta(days=offset)
    day = program_day(SIXTY, start, today)
    assert day.number == offset + 1
    if offset < 0:
        assert day.state is DayState.UPCOMING and day.days_until_start == -offset
    elif offset >= 60:
        assert day.state is DayState.FINISHED
    else:
        assert day.state is DayState.IN_PROGRESS
        assert day.stage is not None
        assert day.stage.first_day <= day.number <= day.stage.last_day
        if day.number % 7 == 0:  # every seventh day is lighter, whatever the stage
            assert day.stage.focus == "A lighter day"
            assert (day.stage.first_day, day.stage.last_day) == (day.number, day.number)
        else:  # the stage is the last one starting on or before the day
            assert day.stage.first_day == max(s for s in STAGE_STARTS if s <= day.number)
        assert day.end - today == timedelta(days=60 - day.number)


@given(start=dates, offset=st.integers(min_value=0, max_value=59))
def test_consecutive_dates_are_consecutive_days(start: date, offset: int) -> None:
    today = start + timedelta(days=offset)
    tomorrow = today + timedelta(days=1)
    assert program_day(SIXTY, start, tomorrow).number == program_day(SIXTY, start, today).number + 1


@pytest.mark.parametrize(
    ("clock", "part"),
    [
        (time(0, 0), PartOfDay.EVENING),
        (time(3, 59), PartOfDay.EVENING),
        (time(4, 0), PartOfDay.MORNING),
        (time(10, 59), PartOfDay.MORNING),
        (time(11, 0), PartOfDay.MIDDAY),
        (time(13, 59), PartOfDay.MIDDAY),
        (time(14, 0), PartOfDay.AFTERNOON),
        (time(17, 59), PartOfDay.AFTERNOON),
        (time(18, 0), PartOfDay.EVENING),
        (time(23, 59), PartOfDay.EVENING),
    ],
)
def test_parts_of_the_day(clock: time, part: PartOfDay) -> None:
    assert part_of_day(clock) is part


def test_the_routine_for_now_or_else_the_first() -> None:
    week_two = SIXTY.stage_for(8).routines  # morning, afternoon, evening
    assert suggested_routine(week_two, time(7)).routine == "joint-mobility"  # type: ignore[union-attr]
    assert suggested_routine(week_two, time(15)).routine == "slow-walking"  # type: ignore[union-attr]
    assert suggested_routine(week_two, time(21)).routine == "extended-exhale"  # type: ignore[union-attr]
    # Nothing is planned for midday: the first of the day.
    assert suggested_routine(week_two, time(12)).routine == "joint-mobility"  # type: ignore[union-attr]
    assert suggested_routine((), time(15)) is None


# -- lighter days and alternatives -------------------------------------------------------------


def test_lighter_days_come_every_seventh_day_and_only_within_the_program() -> None:
    lighter = SIXTY.lighter_days
    assert lighter is not None and lighter.every == 7
    start = date(2025, 1, 1)
    for number in range(1, 61):
        day = program_day(SIXTY, start, start + timedelta(days=number - 1))
        assert day.stage is not None
        assert (day.stage.focus == "A lighter day") is (number % 7 == 0), number
    assert program_day(SIXTY, start, start + timedelta(days=62)).stage is None  # day 63: over


def test_an_alternative_chosen_replaces_its_routine_on_every_day_that_names_it() -> None:
    start = date(2025, 1, 1)
    chosen = {"slow-walking": "coherent-breathing"}  # any routine a day names directly
    for number in (8, 14, 60):
        today = start + timedelta(days=number - 1)
        plain = program_day(SIXTY, start, today)
        day = program_day(SIXTY, start, today, chosen)
        assert [p.routine for p in day.routines] == [
            chosen.get(p.routine, p.routine) for p in plain.routines
        ]
        assert day.instead == chosen
        # The rest of each planned routine stays: when, the note.
        assert [p.when for p in day.routines] == [p.when for p in plain.routines]
        assert day.suggested(time(15)).routine == "coherent-breathing"  # type: ignore[union-attr]
    assert program_day(SIXTY, start, start).instead is None  # nothing chosen


def test_only_an_offered_alternative_can_be_chosen() -> None:
    assert choice_problem(SIXTY, "legs-up-the-wall", "constructive-rest") is None
    assert choice_problem(SIXTY, "legs-up-the-wall", "legs-on-a-chair") is None
    assert choice_problem(SIXTY, "seated-forward-bend", "chair-forward-bend") is None
    assert choice_problem(SIXTY, "legs-up-the-wall", "box-breathing") == (
        "`circulation-60-day` offers instead of `legs-up-the-wall`: "
        "constructive-rest, legs-on-a-chair"
    )
    assert choice_problem(SIXTY, "slow-walking", "cool-down") == (
        "`circulation-60-day` offers nothing instead of `slow-walking`; it offers "
        "alternatives to: legs-up-the-wall, seated-forward-bend"
    )
