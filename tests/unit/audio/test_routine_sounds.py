"""Authors choose cue sounds per routine and per step: a bundled sound, their own WAV file,
or none. Real YAML and real WAV files in tmp folders; every refusal located to the column."""

from __future__ import annotations

import json
import struct
import textwrap
import wave
from array import array
from pathlib import Path

import jsonschema
import pytest

from breathe.audio.cue_player import CuePlayer, load_sounds
from breathe.audio.cues import bundled_sound, cue, cues_for, playable, timeline_sounds
from breathe.audio.playback import SilentBackend
from breathe.audio.render import placements, render_track
from breathe.cli import main
from breathe.core.engine import Session
from breathe.core.model import SoundSource
from breathe.core.problems import Problem, RoutineFileError
from breathe.core.timeline import compile_timeline
from breathe.format.loader import load_routine
from breathe.format.schema import routine_json_schema
from breathe.format.wav import ACCEPTED_RATE as RATE
from breathe.format.wav import MAX_CUE_MS, inspect_wav, read_wav
from breathe.library.catalog import Catalog
from breathe.library.routine_sounds import routine_sound_files
from tests.support.clock import FakeClock, to_next_deadline
from tests.support.repo import REPO


def tone(count: int, *, channels: int = 1, level: int = 8000) -> array[int]:
    """`count` frames of a square-ish tone, never silent (so it is easy to find in a mix)."""
    samples = array("h")
    for index in range(count):
        value = level if (index // 20) % 2 else -level
        samples.extend([value] * channels)
    return samples


def write_wav(
    path: Path,
    samples: array[int] | None = None,
    *,
    channels: int = 1,
    rate: int = RATE,
    width: int = 2,
) -> Path:
    samples = samples if samples is not None else tone(4410, channels=channels)
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(channels)
        out.setsampwidth(width)
        out.setframerate(rate)
        out.writeframes(samples.tobytes() if width == 2 else bytes(width * len(samples)))
    return path


def write_raw_wav(path: Path, tag: int, bits: int, data: bytes = b"\x00" * 400) -> Path:
    """A WAV with any format tag (3: float, 2: ADPCM), which `wave` cannot write."""
    channels, rate = 1, RATE
    fmt = struct.pack("<HHIIHH", tag, channels, rate, rate * bits // 8, bits // 8, bits)
    body = b"WAVE" + b"fmt " + struct.pack("<I", len(fmt)) + fmt
    body += b"data" + struct.pack("<I", len(data)) + data
    path.write_bytes(b"RIFF" + struct.pack("<I", len(body)) + body)
    return path


def write_routine(folder: Path, text: str, name: str = "r") -> Path:
    path = folder / f"{name}.yaml"
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def problems_of(path: Path) -> list[Problem]:
    with pytest.raises(RoutineFileError) as caught:
        load_routine(path, path.name)
    return list(caught.value.problems)


def only(path: Path) -> str:
    (problem,) = problems_of(path)
    return str(problem)


ROUTINE = """
title: Own sounds
sounds:
  inhale: sounds/rise.wav
  exhale: none
  step: switch
steps:
  - breathe: Box
    pattern: 4-4
    cycles: 2
  - pose: Twist
    hold: 5s
    sides: both
    switch: 2s
    sounds:
      switch: sounds/turn.wav
      step: none
"""


@pytest.fixture
def routine_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "mine"
    write_wav(folder / "sounds" / "rise.wav", tone(2205))
    write_wav(folder / "sounds" / "turn.wav", tone(1000, channels=2), channels=2)
    write_routine(folder, ROUTINE)
    return folder


# -- loading -------------------------------------------------------------------------------


def test_choices_load_into_the_model_and_the_timeline(routine_dir: Path) -> None:
    routine = load_routine(routine_dir / "r.yaml")
    inhale = routine.sounds.get("inhale")
    assert inhale is not None and inhale.source is SoundSource.FILE
    assert inhale.path == (routine_dir / "sounds" / "rise.wav").resolve()
    assert inhale.location is not None and (inhale.location.line, inhale.location.column) == (
        3,
        11,
    )
    exhale, step = routine.sounds.get("exhale"), routine.sounds.get("step")
    assert exhale is not None and exhale.source is SoundSource.NONE and exhale.path is None
    assert step is not None and playable(step) == bundled_sound("switch")

    timeline = compile_timeline(routine)
    assert timeline.sounds == routine.sounds
    box, twist = timeline.steps
    assert box.sounds == routine.sounds
    # The pose's own choices win; the routine's fill in the rest.
    assert twist.sounds.get("inhale") == inhale
    assert twist.sounds.get("step") is not None
    assert twist.sounds.get("step").source is SoundSource.NONE  # type: ignore[union-attr]
    assert twist.sounds.get("switch").written == "sounds/turn.wav"  # type: ignore[union-attr]


def test_the_session_sounds_what_the_author_chose(routine_dir: Path) -> None:
    timeline = compile_timeline(load_routine(routine_dir / "r.yaml"))
    clock = FakeClock()
    session = Session(timeline, clock)
    heard = [(cue.name, cue.sound.written) for cue in cues_for(session.start(), timeline)]
    while to_next_deadline(session, clock):
        heard += [(cue.name, cue.sound.written) for cue in cues_for(session.poll(), timeline)]
    assert heard == [
        ("start", "start"),
        # exhale is `none`: the breaths are heard only breathing in
        ("inhale", "sounds/rise.wav"),
        # the pose's step bell is `none`; its switch is the author's file
        ("switch", "sounds/turn.wav"),
        ("end", "end"),
    ]


def test_an_included_routine_keeps_its_own_sounds(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    write_wav(folder / "gong.wav")
    write_routine(
        folder,
        """
        title: Inner
        sounds:
          inhale: gong.wav
        steps:
          - breathe: In
            pattern: 4-4
            cycles: 1
        """,
        "inner",
    )
    outer = write_routine(
        folder,
        """
        title: Outer
        sounds:
          inhale: none
          end: step
        steps:
          - breathe: Out
            pattern: 4-4
            cycles: 1
          - include: inner
        """,
        "outer",
    )
    catalog = Catalog.load(tmp_path / "no-bundled", tmp_path / "no-user")
    routine = load_routine(outer)
    timeline = compile_timeline(routine, catalog.resolve_include)
    own, inner = timeline.steps
    assert own.sounds.get("inhale").source is SoundSource.NONE  # type: ignore[union-attr]
    assert inner.sounds.get("inhale").written == "gong.wav"  # type: ignore[union-attr]
    assert inner.sounds.get("end") is None  # `end` is the played routine's: the outer one
    assert playable(timeline.sounds.get("end")) == bundled_sound("step")  # type: ignore[arg-type]

    files = routine_sound_files(routine, catalog.resolve_include)
    assert [(f.routine.name, f.written, f.path) for f in files] == [
        ("inner.yaml", "gong.wav", (folder / "gong.wav").resolve())
    ]


def test_routine_sound_files_lists_own_files_once_each(routine_dir: Path) -> None:
    routine = load_routine(routine_dir / "r.yaml")
    files = routine_sound_files(routine)
    assert [(f.written, f.path.name) for f in files] == [
        ("sounds/rise.wav", "rise.wav"),
        ("sounds/turn.wav", "turn.wav"),
    ]
    assert all(f.routine == routine_dir / "r.yaml" for f in files)


def test_routine_sound_files_tells_the_recordings_the_voice_says_from_the_cues(
    tmp_path: Path,
) -> None:
    """A step's `say:` file is a recording (it may be long: `breathe import` lets it be);
    a file named as a cue and said as well is a recording too."""
    write_wav(tmp_path / "sounds" / "rise.wav", tone(2205))
    write_wav(tmp_path / "sounds" / "bell.wav", tone(2205))
    write_wav(tmp_path / "voice" / "settle.wav", tone(4410))
    routine = load_routine(
        write_routine(
            tmp_path,
            """
            title: Said and sounded
            sounds:
              inhale: sounds/rise.wav
              exhale: sounds/bell.wav
            steps:
              - rest: Settle
                duration: 5s
                say: voice/settle.wav
              - breathe: Slow
                pattern: 4-6
                cycles: 2
                say: sounds/bell.wav
            """,
        )
    )
    files = routine_sound_files(routine)
    assert [(f.written, f.recording) for f in files] == [
        ("sounds/rise.wav", False),
        ("sounds/bell.wav", True),
        ("voice/settle.wav", True),
    ]


def test_a_symbolic_link_inside_the_folder_is_fine(tmp_path: Path) -> None:
    write_wav(tmp_path / "real.wav")
    (tmp_path / "link.wav").symlink_to(tmp_path / "real.wav")
    path = write_routine(
        tmp_path,
        """
        title: T
        sounds: {inhale: link.wav}
        steps: [{rest: R, duration: 5s}]
        """,
    )
    choice = load_routine(path).sounds.get("inhale")
    assert choice is not None and choice.path == (tmp_path / "real.wav").resolve()


# -- refusals, each at its line and column --------------------------------------------------


def routine_with_sound(folder: Path, value: str, *, key: str = "inhale") -> Path:
    return write_routine(
        folder,
        f"""
        title: T
        sounds:
          {key}: {value}
        steps:
          - rest: R
            duration: 5s
        """,
    )


ACCEPTED = "16-bit PCM WAV, mono or stereo, 44.1 kHz"
CONVERT = f"save it as {ACCEPTED} (for example `sox in.wav -b 16 -r 44100 out.wav`)"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (
            "inhail",
            "r.yaml:3:11: sounds.inhale: `inhail` is not a bundled sound; did you mean `inhale`?",
        ),
        (
            "Step",
            "r.yaml:3:11: sounds.inhale: `Step` is not a bundled sound; "
            "write it in lower case: `step`",
        ),
        (
            "off",
            "r.yaml:3:11: sounds.inhale: `off` is not a bundled sound; for silence, write `none`",
        ),
        (
            "gong",
            "r.yaml:3:11: sounds.inhale: `gong` is not a bundled sound; write a bundled sound "
            "(`start`, `step`, `inhale`, `hold`, `exhale`, `switch`, `count`, `end`), the path "
            "of a `.wav` file next to the routine (such as `sounds/gong.wav`), or `none` for "
            "silence",
        ),
        (
            "gong.mp3",
            "r.yaml:3:11: sounds.inhale: `gong.mp3` is not a `.wav` file; convert it to a "
            "16-bit PCM WAV (44.1 kHz), or write a bundled sound's name",
        ),
        (
            "missing.wav",
            "r.yaml:3:11: sounds.inhale: `missing.wav` does not exist; "
            "breathe looked next to the routine file: put the file there, or write its path "
            "from the routine's folder, such as `sounds/gong.wav`",
        ),
        (
            "/usr/share/sounds/x.wav",
            "r.yaml:3:11: sounds.inhale: `/usr/share/sounds/x.wav` is an absolute path; write "
            "the path from the routine's folder, such as `sounds/gong.wav`, with the sound "
            "inside that folder",
        ),
        (
            "~/x.wav",
            "r.yaml:3:11: sounds.inhale: `~/x.wav` is an absolute path; write the path from the "
            "routine's folder, such as `sounds/gong.wav`, with the sound inside that folder",
        ),
        (
            "../shared/x.wav",
            "r.yaml:3:11: sounds.inhale: `../shared/x.wav` leaves the routine's folder; put the "
            "sound in the routine's folder (or a folder in it) and write its path",
        ),
        (
            "sub/../../x.wav",
            "r.yaml:3:11: sounds.inhale: `sub/../../x.wav` leaves the routine's folder; put the "
            "sound in the routine's folder (or a folder in it) and write its path",
        ),
        (
            "",
            "r.yaml:3:10: sounds.inhale: has no value; write a bundled sound's name, a `.wav` "
            "file or `none` after the colon",
        ),
    ],
)
def test_refused_values(tmp_path: Path, value: str, expected: str) -> None:
    assert only(routine_with_sound(tmp_path, value)) == expected


def test_a_typo_in_a_file_name_gets_a_did_you_mean(tmp_path: Path) -> None:
    write_wav(tmp_path / "sounds" / "gong.wav")
    assert only(routine_with_sound(tmp_path, "sounds/gongg.wav")) == (
        "r.yaml:3:11: sounds.inhale: `sounds/gongg.wav` does not exist; "
        "did you mean `sounds/gong.wav`?"
    )


def test_a_folder_is_not_a_sound(tmp_path: Path) -> None:
    (tmp_path / "bells.wav").mkdir()
    assert only(routine_with_sound(tmp_path, "bells.wav")).startswith(
        "r.yaml:3:11: sounds.inhale: `bells.wav` is a folder, not a sound file"
    )


def test_a_symbolic_link_leading_out_is_refused(tmp_path: Path) -> None:
    outside = write_wav(tmp_path / "elsewhere" / "x.wav")
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "x.wav").symlink_to(outside)
    (folder / "linked").symlink_to(outside.parent, target_is_directory=True)
    assert only(routine_with_sound(folder, "x.wav")) == (
        "r.yaml:3:11: sounds.inhale: `x.wav` leads out of the routine's folder through a "
        "symbolic link; put the sound in the routine's folder (or a folder in it) and write "
        "its path"
    )
    assert "leads out of the routine's folder" in only(routine_with_sound(folder, "linked/x.wav"))


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda p: p.write_bytes(b"ID3\x04 this is an mp3 renamed"),
            f"is not a WAV file (no RIFF/WAVE header); {CONVERT}",
        ),
        (
            lambda p: write_raw_wav(p, 3, 32),
            f"holds 32-bit floating-point samples; breathe reads {ACCEPTED}; {CONVERT}",
        ),
        (
            lambda p: write_raw_wav(p, 2, 4),
            f"is compressed (ADPCM); breathe reads uncompressed {ACCEPTED}; {CONVERT}",
        ),
        (
            lambda p: write_wav(p, array("h", [0] * 300), width=3),
            f"has 24-bit samples; breathe reads {ACCEPTED}; {CONVERT}",
        ),
        (
            lambda p: write_wav(p, tone(100, channels=4), channels=4),
            f"has 4 channels; breathe reads {ACCEPTED}; {CONVERT}",
        ),
        (
            lambda p: write_wav(p, tone(100), rate=48_000),
            f"is sampled at 48,000 Hz; breathe reads {ACCEPTED}; {CONVERT}",
        ),
        (
            lambda p: write_wav(p, array("h")),
            "holds no sound; record or export the cue again",
        ),
        (
            lambda p: write_wav(p, tone(RATE * MAX_CUE_MS // 1000 + RATE // 2)),
            "lasts 10.5s; a cue may last at most 10s; "
            "trim it: a cue marks a moment, it does not fill the phase",
        ),
    ],
    ids=["not-riff", "float", "adpcm", "24-bit", "4-channels", "48k", "empty", "too-long"],
)
def test_unusable_wav_files(tmp_path: Path, make: object, message: str) -> None:
    make(tmp_path / "cue.wav")  # type: ignore[operator]
    assert only(routine_with_sound(tmp_path, "cue.wav")) == (
        f"r.yaml:3:11: sounds.inhale: `cue.wav` {message}"
    )


def test_exactly_ten_seconds_is_accepted(tmp_path: Path) -> None:
    write_wav(tmp_path / "long.wav", tone(RATE * MAX_CUE_MS // 1000))
    assert inspect_wav(tmp_path / "long.wav").duration_ms == MAX_CUE_MS
    load_routine(routine_with_sound(tmp_path, "long.wav"))


def test_a_truncated_file_is_read_for_what_it_holds(tmp_path: Path) -> None:
    path = write_wav(tmp_path / "cut.wav", tone(1000))
    path.write_bytes(path.read_bytes()[:-500])  # the header still claims 1,000 frames
    assert inspect_wav(path).frames == 750
    assert len(read_wav(path).frames) == 1500


def test_misplaced_sounds_keys(tmp_path: Path) -> None:
    path = write_routine(
        tmp_path,
        """
        title: T
        sounds:
          tick: count
        steps:
          - rest: R
            duration: 5s
            sounds:
              end: none
              hold-empty: hold
          - repeat: 2
            sounds: {inhale: none}
            steps: [{rest: S, duration: 5s}]
          - include: other
            sounds: {}
        """,
    )
    assert [str(problem) for problem in problems_of(path)] == [
        "r.yaml:3:3: sounds.tick: `tick` is not a key of the routine's sounds; "
        "the soft count is `count`",
        "r.yaml:8:7: steps[1].sounds.end: `end` is not a key of a step's sounds; "
        "`end` sounds once a session: choose it in the routine's `sounds:`",
        "r.yaml:9:7: steps[1].sounds.hold-empty: `hold-empty` is not a key of a step's sounds; "
        "`hold` sounds for both holds",
        "r.yaml:11:5: steps[2].sounds: `sounds` is not a key of a repeat block; "
        "choose sounds on the steps inside, or for the whole routine",
        "r.yaml:14:5: steps[3].sounds: `sounds` is not a key of an include; "
        "an included routine keeps its own sounds; choose them there",
    ]


def test_every_sound_problem_is_reported_at_once(tmp_path: Path) -> None:
    path = write_routine(
        tmp_path,
        """
        title: T
        sounds:
          inhale: nope.wav
          exhale: ../up.wav
        steps:
          - breathe: B
            pattern: 4-4
            cycles: 1
            sounds:
              hold: bel
        """,
    )
    assert [(p.line, p.column, p.key_path) for p in problems_of(path)] == [
        (3, 11, "sounds.inhale"),
        (4, 11, "sounds.exhale"),
        (10, 13, "steps[1].sounds.hold"),
    ]


# -- editors --------------------------------------------------------------------------------


def test_the_schema_describes_sounds() -> None:
    schema = routine_json_schema()
    base = {"title": "T", "steps": [{"rest": "R", "duration": 5}]}

    def valid(document: dict[str, object]) -> bool:
        try:
            jsonschema.validate(document, schema)
        except jsonschema.ValidationError:
            return False
        return True

    assert valid({**base, "sounds": {"inhale": "gong.wav", "exhale": "none", "step": "end"}})
    assert valid({**base, "steps": [{"rest": "R", "duration": 5, "sounds": {"hold": "a/b.WAV"}}]})
    for bad in ("../x.wav", "/x.wav", "gong.mp3", "gong", "C:/x.wav", "a/../../x.wav"):
        assert not valid({**base, "sounds": {"inhale": bad}}), bad
    assert not valid({**base, "sounds": {"tick": "count"}})
    assert not valid({**base, "steps": [{"rest": "R", "duration": 5, "sounds": {"end": "end"}}]})
    json.dumps(schema)  # still plain JSON


# -- playing, rendering, showing ------------------------------------------------------------


def test_the_player_loads_every_sound_of_the_timeline(routine_dir: Path) -> None:
    timeline = compile_timeline(load_routine(routine_dir / "r.yaml"))
    chosen = timeline_sounds(timeline)
    assert {c.written for c in chosen if c.source is SoundSource.FILE} == {
        "sounds/rise.wav",
        "sounds/turn.wav",
    }

    class Recording(SilentBackend):
        name = "recording"

        def __init__(self) -> None:
            self.played: list[bytes] = []

        def play(self, sound: object) -> None:
            self.played.append(sound.frames)  # type: ignore[attr-defined]

    backend = Recording()
    player = CuePlayer(backend, 50, on_failure=pytest.fail)
    assert player.load(chosen) == []
    rise = routine_dir / "sounds" / "rise.wav"
    inhale = cue("inhale", timeline.steps[0].sounds)
    assert inhale is not None and inhale.sound.path == rise.resolve()
    assert cue("exhale", timeline.steps[0].sounds) is None  # `none`: no cue at all
    player.play([inhale])
    expected = array("h", [int(v * 0.5) for v in array("h", read_wav(rise).frames)])
    assert backend.played == [expected.tobytes()]


def test_a_file_gone_since_loading_falls_silent_with_a_line(routine_dir: Path) -> None:
    timeline = compile_timeline(load_routine(routine_dir / "r.yaml"))
    (routine_dir / "sounds" / "turn.wav").unlink()
    sounds, problems = load_sounds(timeline_sounds(timeline), 100)
    assert problems == [
        "sound `sounds/turn.wav` cannot be read: No such file or directory; it stays silent"
    ]
    assert (routine_dir / "sounds" / "rise.wav").resolve() in sounds


def test_render_places_own_sounds_to_the_sample(routine_dir: Path, tmp_path: Path) -> None:
    timeline = compile_timeline(load_routine(routine_dir / "r.yaml"))
    sounds, problems = load_sounds(timeline_sounds(timeline), 100, mono=True)
    assert not problems
    out = tmp_path / "guide.wav"
    render_track(timeline, sounds, out)
    with wave.open(str(out), "rb") as wav:
        track = array("h", wav.readframes(wav.getnframes()))
    placed = {p.name: p.offset for p in placements(timeline)}
    assert set(placed) == {"start", "inhale", "switch", "end"}

    rise = array("h", read_wav(routine_dir / "sounds" / "rise.wav").frames)
    turn = array("h", read_wav(routine_dir / "sounds" / "turn.wav").frames)
    turn_mono = array("h", [(a + b) >> 1 for a, b in zip(turn[::2], turn[1::2], strict=True)])
    # The second inhale (cycle 2, at 8 s) rings alone: the author's samples, exactly.
    second_inhale = 8 * RATE
    assert track[second_inhale : second_inhale + len(rise)] == rise
    assert track[second_inhale - 1] == 0
    switch_at = placed["switch"]
    assert switch_at == (16 + 5) * RATE  # 16 s of breathing, then the left side's 5 s
    assert track[switch_at : switch_at + len(turn_mono)] == turn_mono


def test_show_lists_the_chosen_sounds(
    routine_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.chdir(routine_dir)
    assert main(["show", "r.yaml"]) == 0
    out = capsys.readouterr().out
    lines = [line.rstrip() for line in out.splitlines()]
    start = lines.index("Sounds  (others: bundled)")
    assert lines[start + 1 : start + 3] == [
        "   whole routine  step switch · inhale sounds/rise.wav · exhale none",
        "2  Twist          step none · switch sounds/turn.wav",
    ]


def test_show_says_nothing_of_sounds_when_none_are_chosen(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_routine(tmp_path, "title: T\nsteps: [{rest: R, duration: 5s}]\n")
    assert main(["show", str(path)]) == 0
    assert "Sounds" not in capsys.readouterr().out


def test_bundled_routines_use_only_bundled_sounds_or_their_own_files() -> None:
    """Every bundled routine still loads (their sounds, if any, are checked like any)."""
    for path in sorted((REPO / "routines").glob("*.yaml")):
        routine = load_routine(path)
        for file in routine_sound_files(routine):
            assert file.path.is_relative_to((REPO / "routines").resolve()), file
