"""Cues handed to miniaudio ahead of their moments start on the frame of that moment (the
device's thread starts them, not the event loop, however late it wakes), and a cue taken
back before it sounds never does. Positions are read in the captured stream, relative to
one another: no wall clock is timed here. (A whole session through the app doing the same:
tests/app/test_session_cues.py.)

Also: under a phrase of the voice, a sounding cue is ducked on a ramp, never in one step.
"""

from __future__ import annotations

import itertools
import time
from pathlib import Path

import pytest

from breathe.audio.cues import boundary_cues, cues_for
from breathe.audio.miniaudio_backend import MiniaudioBackend
from breathe.audio.mixer import DUCK_GAIN, DUCK_RAMP_FRAMES, DUCK_STEP
from breathe.core.engine import Session, monotonic_ms
from breathe.format.wav import Sound
from breathe.library.catalog import Catalog
from tests.support.clock import FakeClock, to_next_deadline
from tests.support.repo import BUNDLED_ROUTINES
from tests.unit.audio.sink import RATE, in_order, samples, stereo, stream_until, tone, use_sink

FRAME = 4  # bytes of a stereo 16-bit frame


@pytest.fixture
def capture(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return use_sink(tmp_path, monkeypatch)


@pytest.fixture
def backend(capture: Path) -> MiniaudioBackend:
    return MiniaudioBackend()


@pytest.mark.parametrize(
    "name", ["circulation-and-nerve-recovery", "evening-wind-down", "box-breathing"]
)
def test_the_cues_known_ahead_are_those_the_engine_sounds_at_each_boundary(
    name: str, tmp_path: Path
) -> None:
    """What is handed over ahead (`boundary_cues`) is what the screen would have played at
    the boundary: the engine's own events there, step bells, side changes and the end."""
    catalog = Catalog.load(BUNDLED_ROUTINES, tmp_path)
    timeline = catalog.timeline(catalog.find(name))
    clock = FakeClock(0)
    session = Session(timeline, clock)
    session.start()
    index = 1
    while to_next_deadline(session, clock):
        assert boundary_cues(timeline, index) == cues_for(session.poll(), timeline), index
        index += 1
    assert index == len(timeline.segments) + 1  # every boundary, and the end
    assert [cue.name for cue in boundary_cues(timeline, index - 1)] == ["end"]


def test_cues_handed_early_start_on_the_frames_of_their_moments(
    capture: Path, backend: MiniaudioBackend
) -> None:
    first, second = tone(1001), tone(2002)
    at = monotonic_ms() + 300
    backend.schedule(second, at + 100)  # handed in any order, at any time before
    backend.schedule(first, at)
    stream = stream_until(capture, stereo(first), stereo(second))
    backend.close()
    starts = in_order(stream, [stereo(first), stereo(second)])
    assert starts is not None
    assert starts[1] - starts[0] == 4410 * FRAME  # 100 ms apart, to the frame


def test_a_cue_taken_back_before_its_moment_never_sounds(
    capture: Path, backend: MiniaudioBackend
) -> None:
    first, withdrawn, last = tone(1001), tone(2002), tone(3003)
    at = monotonic_ms() + 300
    backend.schedule(first, at)
    handle = backend.schedule(withdrawn, at + 100)
    backend.schedule(last, at + 200)
    assert handle is not None
    backend.withdraw(handle)
    stream = stream_until(capture, stereo(first), stereo(last))
    backend.close()
    starts = in_order(stream, [stereo(first), stereo(last)])
    assert starts is not None and starts[1] - starts[0] == 8820 * FRAME
    between = stream[starts[0] + len(stereo(first)) : starts[1]]
    assert not between.strip(b"\0")  # only silence where it would have been


def test_a_cue_handed_after_its_moment_sounds_at_once(
    capture: Path, backend: MiniaudioBackend
) -> None:
    late = tone(1001)
    backend.schedule(late, monotonic_ms() - 50)
    stream = stream_until(capture, stereo(late))
    backend.close()
    assert stereo(late) in stream


def test_a_sounding_cue_is_ducked_under_a_phrase_on_a_ramp_not_in_one_step(
    capture: Path, backend: MiniaudioBackend
) -> None:
    """A steady cue, and a phrase of silence said over it: what reaches the device is the
    cues' level alone, down to the ducked level and up again over DUCK_RAMP_MS."""
    steady = tone(10_000, RATE)  # 1 s
    backend.play(steady)
    stream_until(capture, stereo(steady)[: 4 * 4410])
    backend.speak(Sound(bytes(2 * 4410), 1, RATE))  # 100 ms of silence, said
    time.sleep(0.05)
    stream = stream_until(capture, stereo(tone(10_000, 4410)))  # its own level again
    while len(stream) < stream.find(stereo(tone(10_000, 441))) + len(stereo(steady)):
        time.sleep(0.05)
        stream = capture.read_bytes()
    backend.close()
    left = samples(stream)[0::2]
    sounding = [value for value in left if value]
    steps = [abs(b - a) for a, b in itertools.pairwise(sounding)]
    assert max(steps) <= 10_000 * DUCK_STEP + 1  # one step to 3,981 would be 6,019
    ducked_level = int(10_000 * DUCK_GAIN)
    assert sounding.count(ducked_level) >= 4410 - DUCK_RAMP_FRAMES
    assert sounding[0] == 10_000 and sounding[-1] == 10_000
