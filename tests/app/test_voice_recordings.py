"""A teacher's own recording (a step's `say:`) in a live session: heard at its step's start
through the same player as the cues (the real miniaudio backend, into the ALSA capture
sink), even where no speech engine is installed: a recording needs no synthesis."""

from __future__ import annotations

from pathlib import Path

import pytest

from breathe.format.wav import ACCEPTED_RATE, Sound
from breathe.ui.app import BreatheApp
from tests.support.player import advance_to, running_session, wait_for
from tests.support.repo import WriteRoutine
from tests.support.speaking import SILENT_CUES, app_into_sink
from tests.unit.audio.sink import only_silence_besides, stereo, stream_until
from tests.unit.format.recordings import recording_samples, write_recording

# Silent cues, and a silent first step: the sink holds the teacher's recording alone.
RECORDED = f"""
title: Recorded
{SILENT_CUES}steps:
  - rest: Settle
    duration: 4s
    say: none
  - rest: Breathe with me
    duration: 4s
    say: rec/breathe.wav
"""


async def test_the_teachers_recording_is_heard_at_its_steps_start_without_a_speech_engine(
    user_routines: Path,
    write_routine: WriteRoutine,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    write_recording(user_routines / "rec" / "breathe.wav", 1200)
    write_routine("recorded", RECORDED, folder=user_routines)
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs"))  # espeak-ng cannot be found
    app, clock, sink = app_into_sink(user_routines, tmp_path, monkeypatch, voice="espeak-ng")
    async with app.run_test(size=(100, 32)) as pilot:
        assert isinstance(app, BreatheApp)
        screen = await running_session(pilot, "recorded")
        await wait_for(pilot, lambda: screen.guide is not None)
        guide = screen.guide
        assert guide is not None
        assert guide.preparation.done.wait(10)
        assert [phrase.text for phrase in guide.script.phrases] == ["rec/breathe.wav"]
        recording = stereo(Sound(recording_samples(1200).tobytes(), 1, ACCEPTED_RATE))
        await advance_to(pilot, clock, 4)  # the second step starts: its recording plays
        stream = stream_until(sink, recording)
        await advance_to(pilot, clock, 8)
    assert only_silence_besides(stream, [recording])
