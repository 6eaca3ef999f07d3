"""What the tests of a live session's voice share: the app with the real miniaudio backend
playing into the ALSA capture sink, and routines whose cues are silent, so that the sink
holds the voice (or the teacher's recording) alone and each phrase is found there whole."""

from __future__ import annotations

from pathlib import Path

import pytest

from breathe.core.options import PlayOptions
from breathe.ui.app import BreatheApp
from tests.support.clock import FakeClock
from tests.support.player import START, player_app
from tests.unit.audio.sink import use_sink

SILENT_CUES = """\
sounds:
  start: none
  step: none
  end: none
"""
"""A routine's `sounds:` with the start, step and end cues all silent."""


def app_into_sink(
    user_routines: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *, voice: str
) -> tuple[BreatheApp, FakeClock, Path]:
    """The app on the bundled routines and `user_routines`, on a fake clock at START, its
    sound the real miniaudio backend into the capture sink, with `voice`; with the clock and
    the file the sink writes."""
    sink = use_sink(tmp_path, monkeypatch)
    clock = FakeClock(START)
    app = player_app(user_routines, clock, PlayOptions(sound="miniaudio", voice=voice))
    return app, clock, sink
