"""The repository's folders the tests read, and what every test file may share."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from breathe.audio.playback import simpleaudio_runs_here

REPO = Path(__file__).resolve().parent.parent.parent
BUNDLED_ROUTINES = REPO / "routines"
# A frozen copy of one bundled routine for snapshot tests: a library snapshot must not
# change whenever a routine is added to or edited in routines/.
SNAPSHOT_ROUTINES = REPO / "tests" / "snapshot_routines"

# For tests of what breathe says when simpleaudio is missing: on Python 3.12 and newer it
# says instead that simpleaudio crashes there (tests/unit/audio/test_audio.py checks that).
where_simpleaudio_runs = pytest.mark.skipif(
    not simpleaudio_runs_here(), reason="simpleaudio crashes Python 3.12 and newer"
)

WriteRoutine = Callable[..., Path]
