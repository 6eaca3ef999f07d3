"""A step's `say:`: the author's own words, `none`, or their own recording (a WAV next to
the routine); every mistake located as `file:line:col: steps[N].say: message; hint`."""

from __future__ import annotations

import textwrap
from pathlib import Path

import jsonschema
import pytest

from breathe.core.model import RestStep, Say, SayKind
from breathe.core.problems import RoutineFileError
from breathe.core.timeline import check_timeline, compile_timeline
from breathe.format.loader import load_routine
from breathe.format.routine_spec import SAY_KEY
from breathe.format.schema import routine_json_schema
from breathe.library.catalog import Catalog
from breathe.library.scaffolds import scaffold
from breathe.library.sharing import bundle_routine
from tests.support.repo import BUNDLED_ROUTINES
from tests.unit.format.recordings import write_recording


def routine_file(folder: Path, steps: str) -> Path:
    path = folder / "r.yaml"
    path.write_text("title: R\nsteps:\n" + textwrap.dedent(steps), encoding="utf-8")
    return path


def problems(path: Path) -> list[str]:
    """Every problem of the file, loading and then compiling it, as validate prints them."""
    try:
        check_timeline(load_routine(path, "r.yaml"))
    except RoutineFileError as error:
        return [str(problem) for problem in error.problems]
    return []


def first_say(path: Path) -> Say | None:
    step = load_routine(path, "r.yaml").steps[0]
    assert isinstance(step, RestStep)
    return step.say


def test_the_authors_words_are_kept_with_where_they_are(tmp_path: Path) -> None:
    path = routine_file(
        tmp_path,
        """\
        - rest: Settle
          duration: 10s
          say: Lie down and let
            the floor hold you.
        """,
    )
    say = first_say(path)
    assert say == Say(SayKind.WORDS, "Lie down and let the floor hold you.")
    assert say is not None and say.location is not None
    assert (say.location.line, say.location.column, say.location.key_path) == (
        5,
        8,
        "steps[1].say",
    )


def test_none_keeps_the_start_silent_and_a_step_without_say_has_none(tmp_path: Path) -> None:
    path = routine_file(
        tmp_path,
        """\
        - rest: Settle
          duration: 10s
          say: none
        - rest: Rest
          duration: 10s
        """,
    )
    routine = load_routine(path)
    first, second = routine.steps
    assert isinstance(first, RestStep) and isinstance(second, RestStep)
    assert first.say == Say(SayKind.NONE, "none")
    assert second.say is None


def test_a_wav_path_is_the_teachers_recording_resolved_next_to_the_routine(
    tmp_path: Path,
) -> None:
    recording = write_recording(tmp_path / "recordings" / "settle.wav", 2500, channels=2)
    path = routine_file(
        tmp_path,
        """\
        - rest: Settle
          duration: 10s
          say: recordings/settle.wav
        """,
    )
    say = first_say(path)
    assert say == Say(SayKind.RECORDING, "recordings/settle.wav", recording.resolve(), 2500)


def test_a_recording_may_last_as_long_as_its_step_and_no_longer(tmp_path: Path) -> None:
    write_recording(tmp_path / "whole.wav", 10_000)
    write_recording(tmp_path / "long.wav", 12_500)
    path = routine_file(
        tmp_path,
        """\
        - rest: Settle
          duration: 10s
          say: whole.wav
        - pose: Twist
          hold: 5s
          sides: both
          switch: 2s
          say: long.wav
        - breathe: Even
          pattern: 2-3
          cycles: 2
          say: long.wav
        """,
    )
    assert problems(path) == [
        "r.yaml:10:8: steps[2].say: the recording lasts 12.5s, longer than its step (12.0s); "
        "trim the recording, or make the step longer: it is played as the step starts and "
        "must end with it",
        "r.yaml:14:8: steps[3].say: the recording lasts 12.5s, longer than its step (10.0s); "
        "trim the recording, or make the step longer: it is played as the step starts and "
        "must end with it",
    ]
    with pytest.raises(RoutineFileError):
        compile_timeline(load_routine(path, "r.yaml"))


HINT = (
    "write the words the voice says as the step starts, the path of your own recording "
    "(such as `recordings/settle.wav`), or `none` to keep the step's start silent"
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("", f"has no value (YAML reads an empty value, `~` and `null` as nothing); {HINT}"),
        (" ~", f"has no value (YAML reads an empty value, `~` and `null` as nothing); {HINT}"),
        (' ""', f"is empty; {HINT}"),
        (
            " None",
            "`None` would be said aloud; to keep the step's start silent, write `none` "
            "in lower case",
        ),
        (" off", "`off` would be said aloud; to keep the step's start silent, write `none`"),
        (" silent", "`silent` would be said aloud; to keep the step's start silent, write `none`"),
        (
            " {recording: settle.wav}",
            "must be the words to say, the path of a `.wav` "
            "recording, or `none`, not a group of `key: value` lines; write a recording's path "
            "itself, as in `say: recordings/settle.wav`",
        ),
        (
            " [Breathe in, Breathe out]",
            "must be the words to say, the path of a `.wav` "
            "recording, or `none`, not a list; write everything the voice says as one text; a "
            "long one can be written over several lines after `say: >`",
        ),
        (
            " recordings/settle.mp3",
            "`recordings/settle.mp3` is not a `.wav` recording; "
            "breathe plays recordings saved as 16-bit PCM WAV, 44.1 kHz (for example "
            "`sox in.mp3 -b 16 -r 44100 out.wav`)",
        ),
        (
            " /home/me/settle.wav",
            "`/home/me/settle.wav` is an absolute path; write the path "
            "from the routine's folder, such as `recordings/settle.wav`, with the recording "
            "inside that folder",
        ),
        (
            " ../settle.wav",
            "`../settle.wav` leaves the routine's folder; put the recording "
            "in the routine's folder (or a folder in it) and write its path",
        ),
        (
            " recordings/setle.wav",
            "`recordings/setle.wav` does not exist; did you mean `recordings/settle.wav`?",
        ),
        (" recordings", None),  # a word: said aloud, not a mistake
        (
            " recordings/fast.wav",
            "`recordings/fast.wav` is sampled at 48,000 Hz; breathe "
            "reads 16-bit PCM WAV, mono or stereo, 44.1 kHz; save it as 16-bit PCM WAV, mono or "
            "stereo, 44.1 kHz (for example `sox in.wav -b 16 -r 44100 out.wav`)",
        ),
        (
            " " + "a" * 1001,
            "is 1,001 characters long, over the limit of 1,000; shorten it: the "
            "voice says it as the step starts",
        ),
    ],
)
def test_each_mistake_in_say_is_located_and_explained(
    tmp_path: Path, value: str, expected: str | None
) -> None:
    write_recording(tmp_path / "recordings" / "settle.wav", 1000)
    write_recording(tmp_path / "recordings" / "fast.wav", 1000, rate=48_000)
    path = routine_file(tmp_path, f"- rest: Settle\n  duration: 10s\n  say:{value}\n")
    found = problems(path)
    if expected is None:
        assert found == []
        return
    column = 7 if value == "" else 8  # an empty value is where the colon ends
    assert found == [f"r.yaml:5:{column}: steps[1].say: {expected}"]


def test_say_belongs_to_timed_steps(tmp_path: Path) -> None:
    path = routine_file(
        tmp_path,
        """\
        - repeat: 2
          say: Again.
          steps:
            - rest: Settle
              duration: 10s
              voice: Hello.
        """,
    )
    assert problems(path) == [
        "r.yaml:4:3: steps[1].say: `say` is not a key of a repeat block; give each step "
        "inside its own `say:`",
        "r.yaml:8:7: steps[1].steps[1].voice: `voice` is not a key of a rest step; what the "
        "voice says is `say:`",
    ]


def test_the_schema_takes_what_the_checker_takes() -> None:
    schema = routine_json_schema()

    def accepts(say: str) -> bool:
        document = {"title": "R", "steps": [{"rest": "Settle", "duration": 10, "say": say}]}
        try:
            jsonschema.validate(document, schema)
        except jsonschema.ValidationError:
            return False
        return True

    assert accepts("Lie down.")
    assert accepts("none")
    assert accepts("recordings/settle.wav")
    assert not accepts("")
    assert not accepts("/home/me/settle.wav")
    assert not accepts("../settle.wav")


def test_a_recording_travels_with_its_routine_when_it_is_exported(tmp_path: Path) -> None:
    recording = write_recording(tmp_path / "teacher" / "rec" / "settle.wav", 1500)
    path = routine_file(
        tmp_path / "teacher",
        """\
        - rest: Settle
          duration: 10s
          say: rec/settle.wav
        """,
    )
    catalog = Catalog.load(BUNDLED_ROUTINES, tmp_path / "no-user-routines")
    bundle = bundle_routine(catalog.find(str(path)), catalog)
    assert bundle.files["rec/settle.wav"] == recording.read_bytes()


@pytest.mark.parametrize("kind", ["mixed", "breathing", "poses"])
def test_each_scaffold_shows_say_and_uncommented_it_silences_the_first_step(
    kind: str, tmp_path: Path
) -> None:
    text = scaffold(kind, "Evening", schema_ref="routine.schema.json", file_name="e.yaml")
    (line,) = [line for line in text.splitlines() if f"# {SAY_KEY}:" in line]
    path = tmp_path / "e.yaml"
    path.write_text(text.replace(line, line.replace(f"# {SAY_KEY}:", f"{SAY_KEY}:", 1)))
    first, *others = load_routine(path).steps
    assert isinstance(first, RestStep) and first.say == Say(SayKind.NONE, "none")
    assert all(getattr(step, "say", None) is None for step in others)
