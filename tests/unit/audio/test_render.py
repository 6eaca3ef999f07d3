"""`breathe render`: one WAV with every cue exactly at its boundary, to the sample."""

from __future__ import annotations

import io
import itertools
import os
import signal
import subprocess
import sys
import wave
from array import array
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from fractions import Fraction
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from breathe.audio.cue_player import bundled_cues
from breathe.audio.cues import SEGMENT_CUES, cue
from breathe.audio.mixer import DUCK_GAIN, DUCK_RAMP_FRAMES, DUCK_STEP, ducked
from breathe.audio.render import placements, plan_track, render_track, sample_at
from breathe.cli import main
from breathe.core.durations import format_clock
from breathe.core.engine import Session
from breathe.core.problems import RoutineFileError
from breathe.core.timeline import BREATH_KINDS, Timeline, compile_timeline, with_tempo
from breathe.format.loader import parse_routine
from breathe.format.wav import ACCEPTED_RATE as RATE
from breathe.format.wav import Sound
from breathe.library.catalog import Catalog
from tests.support.audio import path_of
from tests.support.repo import BUNDLED_ROUTINES
from tests.unit.format.test_loader_fuzz import VALID_ROUTINES, dump

ROUTINE = b"""title: Render
steps:
  - rest: Settle
    duration: 3s
  - breathe: Box
    pattern: 2.5-1-2.5-1
    cycles: 2
  - pose: Twist
    hold: 5s
    sides: both
    switch: 2s
"""


def by_name(sounds: dict[Path, Sound]) -> dict[str, Sound]:
    return {path.stem: sound for path, sound in sounds.items()}


def read(path: Path) -> array[int]:
    with wave.open(str(path), "rb") as wav:
        assert (wav.getnchannels(), wav.getsampwidth(), wav.getframerate()) == (1, 2, RATE)
        return array("h", wav.readframes(wav.getnframes()))


def test_each_cue_sits_at_its_boundary_to_the_sample(tmp_path: Path) -> None:
    timeline = compile_timeline(parse_routine(ROUTINE, "r.yaml", "r"))
    cues = by_name(bundled_cues(100))
    out = tmp_path / "guide.wav"
    render_track(timeline, bundled_cues(100), out)
    track = read(out)
    placed = placements(timeline)
    boundaries = {0, timeline.total_ms} | {segment.start_ms for segment in timeline.segments}
    assert {p.offset for p in placed} <= {ms * RATE // 1000 for ms in boundaries}
    assert [p.name for p in placed] == [
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
    # An independent mix, sample by sample, of every cue at its boundary: the track must
    # equal it exactly (overlapping bells are added and clipped, never cut short).
    reference = [0] * len(track)
    for placement in placed:
        for index, value in enumerate(array("h", cues[placement.name].frames)):
            reference[placement.offset + index] += value
    assert track == array("h", (max(-32768, min(32767, v)) for v in reference))
    first_sound = next(i for i, value in enumerate(track) if value)
    assert first_sound >= placed[0].offset
    end_bell = placed[-1]
    assert end_bell.offset == timeline.total_ms * RATE // 1000
    assert len(track) == end_bell.offset + len(cues["end"].frames) // 2


def test_silence_between_cues(tmp_path: Path) -> None:
    timeline = compile_timeline(parse_routine(ROUTINE, "r.yaml", "r"))
    cues = by_name(bundled_cues(100))
    out = tmp_path / "guide.wav"
    render_track(timeline, bundled_cues(100), out)
    track = read(out)
    placed = placements(timeline)
    start_end = placed[0].offset + len(cues["start"].frames) // 2
    # The 3 s rest: the start bells (3.2 s) ring into the first step, then silence until 3 s
    # is not reached; the step bell comes exactly at 3 s.
    assert placed[1].offset == 3 * RATE
    assert start_end > placed[1].offset  # overlapping bells are mixed, not cut
    hold_end = placed[2].offset + len(cues["hold"].frames) // 2
    assert all(value == 0 for value in track[hold_end : placed[3].offset])


def test_a_cue_under_a_phrase_is_ducked_and_alone_is_at_its_own_level(tmp_path: Path) -> None:
    """As a live session does: while a phrase sounds, the cues under it are DUCK_DB lower;
    before and after it, they are as they were."""
    timeline = compile_timeline(parse_routine(ROUTINE, "r.yaml", "r"))
    cues = bundled_cues(100)
    frames = by_name(cues)
    at_ms, length = 10_000, RATE // 5  # 0.2 s, under the inhale cue of the second cycle
    phrase = Sound(array("h", [1000] * length).tobytes(), 1, RATE)
    start, end = sample_at(at_ms), sample_at(at_ms) + length
    sounding = [
        p
        for p in placements(timeline)
        if p.offset < end and p.offset + len(frames[p.name].frames) // 2 > start
    ]
    assert [(p.offset, p.name) for p in sounding] == [(start, "inhale")]  # alone, longer
    plain, voiced = tmp_path / "plain.wav", tmp_path / "voiced.wav"
    render_track(timeline, cues, plain)
    render_track(timeline, cues, voiced, spoken=[(at_ms, phrase)])
    without, with_voice = read(plain), read(voiced)
    low = start + DUCK_RAMP_FRAMES  # the level goes down over DUCK_RAMP_MS from the start
    assert with_voice[low:end] == array("h", [1000 + v for v in ducked(without[low:end])])
    assert with_voice[low:end] != array("h", [1000 + v for v in without[low:end]])
    back = end + DUCK_RAMP_FRAMES  # ...and up again over as long from the phrase's end
    assert with_voice[:start] == without[:start] and with_voice[back:] == without[back:]


def steady_cues(level: int, seconds: float) -> dict[Path, Sound]:
    """Every bundled cue replaced by one steady level: where its level changes is all
    there is to hear."""
    steady = Sound(array("h", [level] * int(RATE * seconds)).tobytes(), 1, RATE)
    return dict.fromkeys(bundled_cues(100), steady)


def assert_ramps(samples: array[int], level: int) -> None:
    """`samples` of a steady cue at `level` under a phrase of silence: down to the ducked
    level and up again, no step larger than the ramp's, each ramp DUCK_RAMP_MS long."""
    steps = [abs(b - a) for a, b in itertools.pairwise(samples)]
    assert max(steps) <= level * DUCK_STEP + 1  # a click would be a step of 6,019
    ducked_level = int(level * DUCK_GAIN)
    assert min(samples) == ducked_level
    lowered = [index for index, value in enumerate(samples) if value < level]
    first_low = next(i for i, value in enumerate(samples) if value == ducked_level)
    assert first_low - lowered[0] == DUCK_RAMP_FRAMES - 1  # down over the ramp
    last_low = max(i for i, value in enumerate(samples) if value == ducked_level)
    assert lowered[-1] - last_low == DUCK_RAMP_FRAMES - 1  # up over the ramp


def test_a_render_ducks_a_sounding_cue_without_a_click(tmp_path: Path) -> None:
    """A steady cue with a phrase of silence over its middle: the level ramps down from
    the phrase's first sample and up from its end, as live (never a step: a click)."""
    timeline = compile_timeline(parse_routine(ROUTINE, "r.yaml", "r"))
    at_ms, length = 10_100, RATE // 5  # inside the 1 s cue of the inhale at 10 s
    start = sample_at(at_ms)
    silence = Sound(bytes(2 * length), 1, RATE)
    target = tmp_path / "voiced.wav"
    render_track(timeline, steady_cues(10_000, 1.0), target, spoken=[(at_ms, silence)])
    track = read(target)
    assert track[start - 1] == 10_000 and track[start] < 10_000  # from its first sample
    assert_ramps(track[sample_at(10_000) : sample_at(11_000)], 10_000)


def test_render_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "r.yaml"
    source.write_bytes(ROUTINE)
    out = tmp_path / "guide.wav"
    assert main(["render", str(source), "-o", str(out), "--volume", "50", "--no-voice"]) == 0
    assert (
        capsys.readouterr().out.strip() == f"wrote {out} (0:33)"
    )  # 29 s of practice, then the end bells ring out
    assert len(read(out)) > 0
    assert not (tmp_path / "guide.wav.partial").exists()
    assert main(["render", str(source), "-o", str(tmp_path / "guide.mp3")]) == 2
    assert main(["render", str(source), "-o", str(tmp_path / "no" / "g.wav")]) == 2
    assert main(["render", "no-such-routine", "-o", str(out)]) == 2


def test_render_replaces_a_file_only_with_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "r.yaml").write_bytes(ROUTINE)
    mine = b"my own recording, not a guide"
    (tmp_path / "guide.wav").write_bytes(mine)
    capsys.readouterr()
    assert main(["render", "r.yaml", "-o", "guide.wav", "--no-voice"]) == 1
    assert capsys.readouterr().out.strip() == (
        "guide.wav already exists; nothing was written. "
        "Choose another name, or add --force to replace it."
    )
    assert (tmp_path / "guide.wav").read_bytes() == mine
    assert not (tmp_path / "guide.wav.partial").exists()
    assert main(["render", "r.yaml", "-o", "guide.wav", "--force", "--no-voice"]) == 0
    assert capsys.readouterr().out.strip() == "wrote guide.wav (0:33)"
    assert len(read(tmp_path / "guide.wav")) > 0


COUNTED = b"""title: Counted
steps:
  - breathe: Long breath
    pattern: 4-2-6
    cycles: 2
  - pose: Hold
    hold: 5s
"""


def test_eyes_closed_counts_sit_on_whole_seconds_to_the_sample(tmp_path: Path) -> None:
    timeline = compile_timeline(parse_routine(COUNTED, "c.yaml", "c"))
    sounds = bundled_cues(100)
    counted = [p for p in placements(timeline, eyes_closed=True) if p.name == "count"]
    # Cycle 1: in 0-4 s, hold 4-6, out 6-12; cycle 2: in 12-16, hold 16-18, out 18-24.
    # Whole seconds inside the 4 s and 6 s phases; not the 2 s holds, not the pose.
    seconds = [1, 2, 3, 7, 8, 9, 10, 11, 13, 14, 15, 19, 20, 21, 22, 23]
    assert [p.offset for p in counted] == [s * RATE for s in seconds]
    assert [p.name for p in placements(timeline, eyes_closed=False)] == [
        p.name for p in placements(timeline, eyes_closed=True) if p.name != "count"
    ]

    plain, closed = tmp_path / "plain.wav", tmp_path / "closed.wav"
    render_track(timeline, sounds, plain)
    render_track(timeline, sounds, closed, eyes_closed=True)
    without, with_counts = read(plain), read(closed)
    assert len(without) == len(with_counts)
    tick = array("h", by_name(sounds)["count"].frames)
    # The difference between the two tracks is exactly one tick at each counted second
    # (added to whatever else sounds there, as the mix adds overlapping cues).
    difference = [b - a for a, b in zip(without, with_counts, strict=True)]
    expected = [0] * len(difference)
    for second in seconds:
        for index, value in enumerate(tick):
            expected[second * RATE + index] += value
    assert difference == expected
    assert with_counts[13 * RATE : 13 * RATE + len(tick)] == tick  # alone, to the sample


def test_render_command_takes_eyes_closed_and_the_settings_file(
    tmp_path: Path, isolated_user_dirs: Path
) -> None:
    source = tmp_path / "c.yaml"
    source.write_bytes(COUNTED)
    assert main(["render", str(source), "-o", str(tmp_path / "a.wav"), "--no-voice"]) == 0
    assert (
        main(["render", str(source), "-o", str(tmp_path / "b.wav"), "--eyes-closed", "--no-voice"])
        == 0
    )
    settings = isolated_user_dirs / "config" / "breathe" / "settings.toml"
    settings.parent.mkdir(parents=True)
    settings.write_text("eyes_closed = true\nvolume = 100\n")
    assert main(["render", str(source), "-o", str(tmp_path / "c.wav"), "--no-voice"]) == 0
    assert (
        main(
            ["render", str(source), "-o", str(tmp_path / "d.wav"), "--no-eyes-closed", "--no-voice"]
        )
        == 0
    )
    a, b, c, d = (read(tmp_path / f"{name}.wav") for name in "abcd")
    assert a == d != b == c


# -- every boundary is reached, at every tempo: time never waits on a float --
#
# The engine once ran on a float clock in seconds: stepped to the deadline of a segment
# starting at 256 143 ms, it computed 256 142.99999999997 ms and never entered it, so
# `breathe render belly-breathing -o guide.wav` (among 123 of the 434 bundled routine and
# tempo pairs below) spun forever. These tests fail, rather than hang, if that comes back.

# Every tempo the command line takes in steps of 0.05, parsed as it parses --tempo.
TEMPOS = [Fraction(hundredths, 100) for hundredths in range(50, 201, 5)]
PATIENCE_S = 20  # for one routine's placements: a fraction of a second is usual


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Fail with TimeoutError if the block runs longer than `seconds`, instead of hanging
    (a render that never ends spins at 100% CPU, never returning to the test)."""

    def expire(signum: int, frame: FrameType | None) -> None:
        raise TimeoutError(f"still running after {seconds} s: a render that never ends?")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def expected_cues(timeline: Timeline, *, eyes_closed: bool = False) -> list[tuple[int, str]]:
    """(sample, cue name) of every cue of a session of `timeline` played whole, worked out
    from the timeline alone, not by playing it: the start bells at 0; at the start of each
    later step its step bell; at the start of each other segment its phase's cue; with
    closed eyes a count at each whole second of long breath phases; the end bells at the
    end. A cue silenced (`none`) by the routine or step is left out."""
    moments: list[tuple[int, str, Any]] = [(0, "start", timeline.sounds)]
    for index, segment in enumerate(timeline.segments):
        step = timeline.steps[segment.step_index]
        if index == step.first_segment:
            if index > 0:  # the first step is announced by the start bells
                moments.append((segment.start_ms, "step", step.sounds))
        elif segment.kind in SEGMENT_CUES:
            moments.append((segment.start_ms, SEGMENT_CUES[segment.kind], step.sounds))
        if eyes_closed and segment.kind in BREATH_KINDS and segment.duration_ms >= 4000:
            counts = range(segment.start_ms + 1000, segment.end_ms, 1000)
            moments.extend((ms, "count", step.sounds) for ms in counts)
    moments.append((timeline.total_ms, "end", timeline.sounds))
    moments.sort(key=lambda moment: moment[0])  # stable: boundaries are never counted
    return [(sample_at(ms), name) for ms, name, sounds in moments if cue(name, sounds)]


def check_track(
    timeline: Timeline, sounds: Mapping[Path, Sound], *, eyes_closed: bool = False
) -> int:
    """Every cue at the sample of its boundary, and the track's length to the sample: the
    routine's end, or the end of the last cue still sounding there if later. Returns it."""
    with time_limit(PATIENCE_S):
        placed = placements(timeline, eyes_closed=eyes_closed)
        plan = plan_track(timeline, sounds, eyes_closed=eyes_closed)
    assert [(p.offset, p.name) for p in placed] == expected_cues(timeline, eyes_closed=eyes_closed)
    assert [offset for offset, _ in plan.placed] == [p.offset for p in placed]
    frames = {path: len(sound.frames) // 2 for path, sound in sounds.items()}
    cue_ends = [p.offset + frames[path_of(p.cue.sound)] for p in placed]
    assert plan.length == max(sample_at(timeline.total_ms), *cue_ends)
    return plan.length


@pytest.fixture(scope="module")
def bundled_timelines(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Timeline]:
    catalog = Catalog.load(BUNDLED_ROUTINES, tmp_path_factory.mktemp("no-user-routines"))
    return {name: catalog.timeline(entry) for name, entry in sorted(catalog.entries.items())}


def test_every_bundled_routine_renders_at_every_tempo(
    bundled_timelines: dict[str, Timeline],
) -> None:
    """Every bundled routine at each of 31 tempos (434 pairs when there were 14 routines),
    each played to its end in a fraction of a second."""
    assert len(TEMPOS) == 31 and len(bundled_timelines) >= 14
    assert Fraction(9, 10) in TEMPOS
    sounds = bundled_cues(100)
    for name, timeline in bundled_timelines.items():
        for tempo in TEMPOS:
            played = with_tempo(timeline, tempo)  # as `breathe render --tempo` plays it
            try:
                check_track(played, sounds)
            except (AssertionError, TimeoutError) as error:
                raise AssertionError(f"{name} at tempo {tempo}: {error}") from error


@settings(max_examples=150, deadline=None)
@given(
    VALID_ROUTINES,
    st.fractions(Fraction(1, 2), Fraction(2), max_denominator=1000),
    st.booleans(),
    st.booleans(),
)
def test_any_routine_renders_whole_at_any_tempo(
    document: dict[str, Any], tempo: Fraction, poses: bool, eyes_closed: bool
) -> None:
    try:
        timeline = compile_timeline(parse_routine(dump(document, False, True), "r.yaml", "r"))
    except RoutineFileError:  # over the 3 h limit
        assume(False)
    check_track(
        with_tempo(timeline, tempo, poses=poses), bundled_cues(100), eyes_closed=eyes_closed
    )


def test_a_session_that_does_not_move_on_is_an_error_not_a_hang(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Should the engine ever fail to move past a deadline its clock has reached, the
    render says so instead of spinning."""
    timeline = compile_timeline(parse_routine(ROUTINE, "r.yaml", "r"))
    monkeypatch.setattr(Session, "poll", lambda self: [])
    with time_limit(PATIENCE_S), pytest.raises(RuntimeError, match="did not move past"):
        placements(timeline)


def test_belly_breathing_at_tempo_0_9_renders_into_memory(
    bundled_timelines: dict[str, Timeline],
) -> None:
    """The issue's case, written to a file object (no disk): every sample of it."""
    timeline = with_tempo(bundled_timelines["belly-breathing"], Fraction("0.9"))
    sounds = bundled_cues(100)
    expected = check_track(timeline, sounds)
    out = io.BytesIO()
    with time_limit(60):
        assert render_track(timeline, sounds, out) == expected
    assert not out.closed  # the caller's file, left open
    out.seek(0)
    with wave.open(out, "rb") as wav:
        assert (wav.getnchannels(), wav.getsampwidth(), wav.getframerate()) == (1, 2, RATE)
        assert wav.getnframes() == expected
        assert len(wav.readframes(expected + 1)) == 2 * expected


@pytest.mark.slow
def test_the_render_command_finishes_at_tempo_0_9(
    tmp_path: Path, bundled_timelines: dict[str, Timeline]
) -> None:
    """`breathe render belly-breathing --tempo 0.9 -o x.wav` in a real process: it ends,
    and writes a WAV of the right length, to the sample (the routine's end, then the end
    bells ringing out)."""
    command = ["render", "belly-breathing", "--tempo", "0.9", "-o", "x.wav", "--no-voice"]
    result = subprocess.run(
        [sys.executable, "-m", "breathe", *command],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        cwd=tmp_path,
        timeout=120,  # it used to spin forever
        check=False,
    )
    assert result.returncode == 0, result.stderr
    timeline = with_tempo(bundled_timelines["belly-breathing"], Fraction(9, 10))
    length = check_track(timeline, bundled_cues(100))
    assert length > sample_at(timeline.total_ms)  # the end bells ring on
    assert result.stdout.strip() == f"wrote x.wav ({format_clock(length * 1000 // RATE)})"
    with wave.open(str(tmp_path / "x.wav"), "rb") as wav:
        assert (wav.getnchannels(), wav.getsampwidth(), wav.getframerate()) == (1, 2, RATE)
        assert wav.getnframes() == length
