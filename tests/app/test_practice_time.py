"""One rule for practice time wherever it is shown: whole seconds, rounded down, as a clock
counts (breathe.core.durations). The stop question and the summary after it agree, and so do
`breathe history`, `breathe stats` and the History screen on a session of 12:40.9."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from breathe.cli import main
from breathe.core.durations import format_practice_time, format_practised, practised_seconds
from breathe.core.options import PlayOptions
from breathe.history.store import Ended, NewSession, open_history
from breathe.library.locations import history_path
from breathe.ui.app import make_app
from breathe.ui.screens.confirm import ConfirmStop
from breathe.ui.screens.summary import SummaryScreen, summary_sentence
from tests.support.player import (
    START,
    FakeClock,
    advance_to,
    library_ready,
    screen_text,
    start_short_routine,
    write_short_routine,
)
from tests.support.repo import BUNDLED_ROUTINES, WriteRoutine

NOW = datetime(2025, 3, 1, 7, 30, tzinfo=timezone(timedelta(hours=1)))


def test_the_rule_is_whole_seconds_rounded_down() -> None:
    assert [practised_seconds(ms) for ms in (0, 999, 1000, 22_600, 59_999, -5)] == [
        0, 0, 1, 22, 59, 0,
    ]  # fmt: skip
    assert format_practised(22_600) == "0:22"
    assert format_practised(760_900) == "12:40"
    assert format_practised(3_899_999) == "1:04:59"
    assert format_practice_time(0) == "0 min"
    assert format_practice_time(400) == "under 1 s"
    assert format_practice_time(22_600) == "22 s"
    assert format_practice_time(59_999) == "59 s"
    assert format_practice_time(60_000) == "1 min"
    assert format_practice_time(760_900) == "12 min"  # 12:40, not 13 min
    assert format_practice_time(125 * 60_000 + 59_999) == "2 h 05 min"


async def test_the_stop_question_and_the_summary_agree(
    user_routines: Path, write_routine: WriteRoutine
) -> None:
    write_short_routine(write_routine, user_routines)
    clock = FakeClock(START)
    app = make_app(
        bundled=BUNDLED_ROUTINES,
        user=user_routines,
        clock=clock,
        options=PlayOptions(sound="off"),
    )
    async with app.run_test(size=(100, 32)) as pilot:
        await library_ready(pilot)
        await start_short_routine(pilot)
        await advance_to(pilot, clock, 22.6)
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmStop)
        assert "You have practised 0:22." in screen_text(app)
        await pilot.press("y")
        await pilot.pause()
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        assert 22_600 <= summary.ended.practised_ms < 23_000
        assert "Practised  0:22" in screen_text(app)
        # `breathe play` prints this line in the shell, and `play --watch` notifies it.
        assert "practised 0:22," in summary_sentence("Short practice", summary.ended)


@pytest.fixture
def one_session(isolated_user_dirs: Path) -> Path:
    """A history of one session of 12 min 40.9 s: 12:41 and 13 min to the nearest."""
    path = history_path()
    store = open_history(path)
    assert store is not None
    with store:
        session = store.start_session(NewSession("box-breathing", "Box breathing", None, NOW, 4))
        store.update_session(session, practised_ms=760_900, steps_done=4, ended=Ended.FINISHED)
    return path


async def test_the_history_commands_and_screen_agree(
    one_session: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["history"]) == 0
    listing = capsys.readouterr().out
    assert listing.splitlines()[1].split()[4] == "12:40"  # when (2 words), title (2), time
    assert listing.splitlines()[-1] == "1 session, 12 min practised."
    assert main(["stats"]) == 0
    stats = capsys.readouterr().out
    assert "12 min in 1 session" in stats
    assert "13 min" not in stats

    app = make_app(
        bundled=BUNDLED_ROUTINES,
        user=one_session.parent / "routines",
        clock=FakeClock(START),
        options=PlayOptions(sound="off"),
        history=one_session,
        now=lambda: NOW,
    )
    async with app.run_test(size=(100, 32)) as pilot:
        await library_ready(pilot)
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        screen = screen_text(app)
        assert "In all          12 min" in screen
        assert "13 min" not in screen
