"""How most of the player's Pilot tests begin: the app on the user's folder (holding the
short routine, tests/support/player.py ROUTINE) and a fake clock, in the short routine's
session as Start on its page starts it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from breathe.core.options import PlayOptions
from breathe.ui.app import BreatheApp
from tests.support.clock import FakeClock
from tests.support.player import player_app, start_short_routine


@asynccontextmanager
async def short_session(
    user: Path,
    clock: FakeClock,
    options: PlayOptions | None = None,
    *,
    size: tuple[int, int] = (100, 32),
) -> AsyncIterator[tuple[BreatheApp, Pilot[Any]]]:
    """The app (sound off unless `options` say otherwise) running at `size`, its session of
    the short routine started at the clock's time: the app and the Pilot that drives it."""
    app = player_app(user, clock, options)
    async with app.run_test(size=size) as pilot:
        await start_short_routine(pilot)
        yield app, pilot
