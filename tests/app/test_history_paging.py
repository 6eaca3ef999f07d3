"""The History screen lists the newest sessions and reads older ones only when asked (`m`,
a page at a time), in the real app on a real history file: what it lists is the store's
sessions, newest first, whatever page they came in."""

from __future__ import annotations

import io
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import Static

from breathe.core.options import PlayOptions
from breathe.history.overview import MORE, RECENT
from breathe.history.store import Ended, NewSession, open_history
from breathe.ui.app import BreatheApp, make_app
from breathe.ui.screens.history import HistoryScreen
from tests.support.player import START, FakeClock, screen_text
from tests.support.repo import SNAPSHOT_ROUTINES

PARIS = timezone(timedelta(hours=1))
NOW = datetime(2025, 3, 5, 21, 0, tzinfo=PARIS)
SESSIONS = RECENT + MORE + 3  # two pages more, the second short


def write_history(path: Path) -> None:
    """A session a day, each with its own title (Session 1 the oldest)."""
    store = open_history(path)
    assert store is not None
    with store:
        for n in range(1, SESSIONS + 1):
            at = NOW - timedelta(days=SESSIONS - n, hours=12)
            session = store.start_session(NewSession("box", f"Session {n}", None, at, 5))
            store.update_session(session, practised_ms=300_000, steps_done=5, ended=Ended.FINISHED)


def app_on(history: Path) -> BreatheApp:
    return make_app(
        bundled=SNAPSHOT_ROUTINES,
        user=SNAPSHOT_ROUTINES / "none",
        clock=FakeClock(START),
        options=PlayOptions(sound="off"),
        history=history,
        now=lambda: NOW,
    )


def listed(screen: HistoryScreen) -> list[str]:
    """The titles in the recent sessions' table, top to bottom, as it is printed."""
    console = Console(width=100, file=io.StringIO())
    with console.capture() as printed:
        console.print(screen.query_one("#recent", Static).content)
    return re.findall(r"Session \d+", printed.get())


def titles(first: int, last: int) -> list[str]:
    """`Session last` down to `Session first`: newest first, as the screen lists them."""
    return [f"Session {n}" for n in range(last, first - 1, -1)]


async def history_screen(pilot: Pilot[Any]) -> HistoryScreen:
    """The History screen, opened with `h` from the library."""
    await pilot.pause()
    await pilot.press("h")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, HistoryScreen)
    return screen


async def test_older_sessions_are_read_a_page_at_a_time(tmp_path: Path) -> None:
    history = tmp_path / "history.sqlite3"
    write_history(history)
    app = app_on(history)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await history_screen(pilot)
        assert listed(screen) == titles(SESSIONS - RECENT + 1, SESSIONS)
        more = str(screen.query_one("#recent-more", Static).render())
        assert more == f"The newest {RECENT} of {SESSIONS} · m shows {MORE} more"
        assert "m More sessions" in screen_text(app)

        await pilot.press("m")
        await pilot.pause()
        shown = RECENT + MORE
        assert listed(screen) == titles(SESSIONS - shown + 1, SESSIONS)
        more = str(screen.query_one("#recent-more", Static).render())
        assert more == f"The newest {shown} of {SESSIONS} · m shows 3 more"

        await pilot.press("m")
        await pilot.pause()
        assert listed(screen) == titles(1, SESSIONS)  # all, once each
        assert not screen.query_one("#recent-more", Static).display
        assert "m More sessions" not in screen_text(app)  # nothing more to ask for
        # The sums were never about the page shown: every session, from the start.
        facts = str(screen.query_one("#history-facts", Static).render())
        assert f"Sessions        {SESSIONS} on {SESSIONS} days" in facts


async def test_a_short_history_offers_no_more(tmp_path: Path) -> None:
    history = tmp_path / "history.sqlite3"
    store = open_history(history)
    assert store is not None
    with store:
        store.start_session(NewSession("box", "Session 1", None, NOW, 5))
    app = app_on(history)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await history_screen(pilot)
        assert listed(screen) == ["Session 1"]
        assert not screen.query_one("#recent-more", Static).display
        assert "m More sessions" not in screen_text(app)
