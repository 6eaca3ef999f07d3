"""The voice after a tempo change mid-session (issue 16 §3): the guide is planned again for
the retimed session, its next step's words at the step's new moment, and what was said
before the change is not said again (the real espeak-ng engine, into the capture sink)."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest

from breathe.voice.espeak_engine import EspeakEngine
from tests.support.player import advance_to, running_session, wait_for
from tests.support.repo import WriteRoutine
from tests.support.speaking import SILENT_CUES, app_into_sink
from tests.unit.voice.conftest import espeak_engine

__all__ = ["espeak_engine"]  # the fixture, used here by name

PACED = f"""
title: Paced
{SILENT_CUES}steps:
  - breathe: Even
    pattern: 2-2
    cycles: 3
  - rest: Rest
    duration: 4s
"""
# Even 0-12 s (three breaths of 4 s), Rest 12-16 s.


async def test_the_voice_follows_a_new_tempo(
    user_routines: Path,
    write_routine: WriteRoutine,
    espeak_engine: EspeakEngine,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    write_routine("paced", PACED, folder=user_routines)
    app, clock, _ = app_into_sink(user_routines, tmp_path, monkeypatch, voice="espeak-ng")
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await running_session(pilot, "paced")
        before = screen.guide
        assert before is not None
        rest_at = [p.at_ms for p in before.script.phrases if "Rest" in p.text]
        assert rest_at == [12_000]
        await advance_to(pilot, clock, 1)  # in the first breath, its words said
        await pilot.press("plus", "plus")  # 1.25 from the second breath (4 s on)
        await pilot.pause()
        assert screen.tempo == Fraction(5, 4)
        await wait_for(pilot, lambda: screen.guide is not None and screen.guide is not before)
        after = screen.guide
        assert after is not None
        # Two breaths of 4 s at 1.25 (1.6 s a phase): the rest begins at 4 + 6.4 s.
        assert screen.timeline.steps[1].start_ms == 10_400
        assert [p.at_ms for p in after.script.phrases if "Rest" in p.text] == [10_400]
        # The first step's words, said at 0 s, are behind it: not due again.
        assert [phrase.text for phrase, _ in after.due(screen.session.position_ms())] == []
