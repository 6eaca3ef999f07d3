"""The bundled cues are exactly what the synthesis script makes, and sound as designed."""

from __future__ import annotations

import itertools
import wave
from array import array
from pathlib import Path

import pytest

from breathe.format.wav import ACCEPTED_RATE as RATE
from sounds.synthesize import CUES, write_cues
from tests.support.repo import REPO, WriteRoutine

SOUNDS = REPO / "sounds"


def samples_of(path: Path) -> tuple[wave._wave_params, array[int]]:
    with wave.open(str(path), "rb") as wav:
        params = wav.getparams()
        return params, array("h", wav.readframes(params.nframes))


def test_script_reproduces_the_committed_files_byte_for_byte(tmp_path: Path) -> None:
    written = write_cues(tmp_path)
    assert {path.name for path in written} == {p.name for p in SOUNDS.glob("*.wav")}
    for path in written:
        assert path.read_bytes() == (SOUNDS / path.name).read_bytes(), path.name


@pytest.mark.parametrize("name", list(CUES))
def test_cues_are_calm_click_free_pcm(name: str) -> None:
    params, samples = samples_of(SOUNDS / f"{name}.wav")
    assert (params.nchannels, params.sampwidth, params.framerate) == (1, 2, RATE)
    assert samples[0] == 0 and samples[-1] == 0  # fades from and to silence: no click
    assert max(abs(value) for value in samples) < 0.5 * 32767  # soft, never clipping
    largest_jump = max(abs(b - a) for a, b in itertools.pairwise(samples))
    assert largest_jump < 0.1 * 32767


def crossings_per_second(samples: array[int]) -> float:
    flips = sum(1 for a, b in itertools.pairwise(samples) if (a < 0) != (b < 0))
    return flips / (len(samples) / RATE) / 2


def test_inhale_rises_and_exhale_falls() -> None:
    for name, rising in (("inhale", True), ("exhale", False)):
        _, samples = samples_of(SOUNDS / f"{name}.wav")
        quarter = len(samples) // 4
        early = crossings_per_second(samples[quarter : 2 * quarter])
        late = crossings_per_second(samples[2 * quarter : 3 * quarter])
        assert (late > early * 1.05) if rising else (late < early / 1.05), name


def test_every_cue_has_a_bundled_sound_of_its_name() -> None:
    """Routine files name bundled sounds by cue name: the two lists must be one."""
    from breathe.core.model import CUE_NAMES

    assert set(CUE_NAMES) == set(CUES) == {path.stem for path in SOUNDS.glob("*.wav")}


# -- the soft count for closed eyes, as the session screen schedules it ---------------------

COUNTED_AT = [6, 7, 8, 12, 13, 14, 15, 16, 20, 21, 22, 26, 27, 28, 29, 30]
"""The short routine's whole seconds inside breath phases of 4 s or more: the inhales
(4 s, at 5 and 19) and exhales (6 s, at 11 and 25); never the 2 s holds, the rest or the
pose, and never a boundary."""


def test_count_offsets_are_the_whole_seconds_inside_long_breath_phases() -> None:
    from breathe.audio.cues import count_offsets
    from breathe.core.timeline import Segment, SegmentKind

    def segment(kind: SegmentKind, start: int, length: int) -> Segment:
        return Segment(kind, start, length, 0, "S", None, 1, 1, "")

    assert list(count_offsets(segment(SegmentKind.INHALE, 5000, 4000))) == [6000, 7000, 8000]
    assert list(count_offsets(segment(SegmentKind.HOLD, 0, 4500))) == [1000, 2000, 3000, 4000]
    assert list(count_offsets(segment(SegmentKind.EXHALE, 0, 3999))) == []
    assert list(count_offsets(segment(SegmentKind.POSE, 0, 30_000))) == []
    assert list(count_offsets(segment(SegmentKind.REST, 0, 30_000))) == []


async def test_the_screen_sounds_each_count_at_its_deadline(
    user_routines: Path, write_routine: WriteRoutine
) -> None:
    from breathe.audio.cues import Cue
    from breathe.core.options import PlayOptions
    from tests.support.player import (
        START,
        FakeClock,
        player_app,
        run_timers,
        session_screen,
        start_short_routine,
        write_short_routine,
    )

    write_short_routine(write_routine, user_routines)
    clock = FakeClock(START)
    app = player_app(user_routines, clock, PlayOptions(sound="off", eyes_closed=True))
    heard: list[tuple[float, str]] = []

    def record(cues: list[Cue]) -> None:  # where the cues would go to the sound device
        heard.extend(((clock.now - START) / 1000, cue.name) for cue in cues)

    app.play_cues = record  # type: ignore[method-assign]
    async with app.run_test(size=(100, 32)) as pilot:
        await start_short_routine(pilot)
        run_timers(session_screen(app), clock)  # what the screen's timer does, on time
        await pilot.pause()
    counts = [at for at, name in heard if name == "count"]
    assert counts == COUNTED_AT
    assert [name for _, name in heard if name != "count"] == [
        "start",
        "step",
        "hold",
        "exhale",
        "hold",
        "inhale",
        "hold",
        "exhale",
        "hold",
        "step",
        "switch",
        "end",
    ]


async def test_counts_follow_pauses_and_mute(
    user_routines: Path, write_routine: WriteRoutine
) -> None:
    from breathe.audio.cues import Cue
    from breathe.core.options import PlayOptions
    from tests.support.player import (
        START,
        FakeClock,
        at,
        player_app,
        run_timers,
        session_screen,
        start_short_routine,
        write_short_routine,
    )

    write_short_routine(write_routine, user_routines)
    clock = FakeClock(START)
    # The terminal bell: something that can sound, so that m mutes (with sound off there
    # is nothing to mute, and m is not offered); the counts are taken where they go out.
    options = PlayOptions(sound="bell", voice="off", eyes_closed=True)
    app = player_app(user_routines, clock, options)
    counts: list[float] = []

    def record(cues: list[Cue]) -> None:
        counts.extend((clock.now - START) / 1000 for cue in cues if cue.name == "count")

    app.play_cues = record  # type: ignore[method-assign]
    async with app.run_test(size=(100, 32)) as pilot:
        await start_short_routine(pilot)
        screen = session_screen(app)

        def run_until(seconds: float) -> None:
            run_timers(screen, clock, until=at(seconds))

        run_until(12.5)  # into the first exhale: counted at 6, 7, 8 and 12
        assert counts == [6, 7, 8, 12]
        clock.now = at(12.5)
        await pilot.press("space")  # pause for ten seconds
        clock.advance(10)
        await pilot.press("space")
        assert screen.wake_at == at(23)  # 13 s of the routine, 10 s late
        run_until(24.9)
        assert counts == [6, 7, 8, 12, 23, 24]
        await pilot.press("m")  # muted: the counts pass in silence
        run_until(26.5)
        await pilot.press("m")
        run_until(31.5)  # the holds (17 to 19 s of the routine) are not counted
        assert counts == [6, 7, 8, 12, 23, 24, 30, 31]  # 25 and 26 were muted
