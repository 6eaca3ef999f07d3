"""What the voice says and when: a pure function of the timeline, checked on the bundled
routines the voice is for, and on small routines that show each rule."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from fractions import Fraction
from pathlib import Path

import pytest

from breathe.core.timeline import SegmentKind, Timeline, compile_timeline, with_tempo
from breathe.format.loader import load_routine, parse_routine
from breathe.library.catalog import Catalog
from breathe.voice.script import (
    END_TEXT,
    GUIDING,
    PAUSE_MS,
    Phrase,
    PhraseKind,
    ScriptOptions,
    estimate_ms,
    plan_script,
    possible_texts,
)
from tests.support.repo import BUNDLED_ROUTINES
from tests.unit.format.recordings import write_recording

EVERYTHING = ScriptOptions(countdown_s=3, count_breaths=True)


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    return Catalog.load(BUNDLED_ROUTINES, tmp_path_factory.mktemp("no-user-routines"))


def bundled(catalog: Catalog, name: str) -> Timeline:
    return catalog.timeline(catalog.find(name))


def routine(text: str) -> Timeline:
    return compile_timeline(parse_routine(text.encode(), "r.yaml", "r"))


def assert_never_collides(phrases: Iterable[Phrase]) -> None:
    ordered = list(phrases)
    for phrase in ordered:
        assert phrase.end_ms <= phrase.until_ms, phrase
    for before, after in itertools.pairwise(ordered):
        assert before.end_ms + PAUSE_MS <= after.at_ms, (before, after)


def test_the_circulation_session_speaks_every_step_every_side_change_and_the_end(
    catalog: Catalog,
) -> None:
    timeline = bundled(catalog, "circulation-and-nerve-recovery")
    script = plan_script(timeline)

    steps = [phrase for phrase in script.phrases if phrase.kind is PhraseKind.STEP]
    assert [(phrase.at_ms, phrase.step_index) for phrase in steps] == [
        (step.start_ms, step.index) for step in timeline.steps
    ]
    for phrase, step in zip(steps, timeline.steps, strict=True):
        assert step.title in phrase.text
        assert " ".join(step.instructions.split()) in phrase.text  # every one fits
    assert steps[0].text.startswith("Set out the chair, mat and props. A firm chair")
    assert steps[-1].text.startswith("Last step: Come up slowly. Move the fingers")
    assert steps[3].text.startswith("Ankle circles. Start with the left side. Lift the foot")

    switches = [segment for segment in timeline.segments if segment.kind is SegmentKind.SWITCH]
    sides = [phrase for phrase in script.phrases if phrase.kind is PhraseKind.SIDE]
    assert len(switches) == 6  # six poses done on each side
    assert [(phrase.at_ms, phrase.text) for phrase in sides] == [
        (segment.start_ms, "Now the right side.") for segment in switches
    ]

    assert script.phrases[-1] == Phrase(
        END_TEXT,
        timeline.total_ms,
        timeline.total_ms + 60_000,
        estimate_ms(END_TEXT),
        26,
        PhraseKind.END,
    )
    assert script.overruns == ()
    assert_never_collides(script.phrases)


def test_the_evening_wind_down_counts_the_slow_breath_for_closed_eyes(catalog: Catalog) -> None:
    timeline = bundled(catalog, "evening-wind-down")
    script = plan_script(timeline, EVERYTHING)
    assert script.overruns == ()
    assert_never_collides(script.phrases)

    # Legs up the wall, breathing 4-6 for four minutes: once its instructions are said,
    # each breath is counted at its whole seconds, as a teacher counts.
    legs = timeline.steps[8]
    assert legs.title == "Legs up the wall"
    last_exhale = timeline.segments[legs.first_segment + legs.segment_count - 1]
    assert (last_exhale.kind, last_exhale.duration_ms) == (SegmentKind.EXHALE, 6000)
    counted = [
        (phrase.at_ms - last_exhale.start_ms, phrase.text)
        for phrase in script.phrases
        if last_exhale.start_ms <= phrase.at_ms < last_exhale.end_ms
    ]
    assert counted == [
        (1000, "two"),
        (2000, "three"),
        (3000, "four"),
        (4000, "five"),
        (5000, "six"),
    ]
    # In the first breaths the instructions are still being said: no count over them.
    first_exhale = timeline.segments[legs.first_segment + 1]
    assert not [
        phrase
        for phrase in script.phrases
        if first_exhale.start_ms <= phrase.at_ms < first_exhale.end_ms
    ]

    # The rests count down their last three seconds where nothing else is said.
    rest = timeline.steps[14]  # Let the breath go, 30s: the last step
    assert rest.title == "Let the breath go"
    countdown = [
        (phrase.at_ms - rest.end_ms, phrase.text, phrase.kind)
        for phrase in script.phrases
        if rest.start_ms < phrase.at_ms < rest.end_ms
    ]
    assert countdown == [
        (-3000, "three", PhraseKind.COUNTDOWN),
        (-2000, "two", PhraseKind.COUNTDOWN),
        (-1000, "one", PhraseKind.COUNTDOWN),
    ]


def test_without_counting_only_the_guidance_is_said(catalog: Catalog) -> None:
    timeline = bundled(catalog, "evening-wind-down")
    kinds = {phrase.kind for phrase in plan_script(timeline).phrases}
    assert kinds == {PhraseKind.STEP, PhraseKind.SIDE, PhraseKind.END}


SHORT_REST = """
title: Tight
steps:
  - breathe: Breathe
    pattern: 2-2
    cycles: 2
  - rest: Roll to your side and rest
    duration: 4s
    instructions: >
      Bring the knees in, roll slowly onto the right side, and stay there a while
      with the head on the arm.
  - rest: Stand up
    duration: 1s
  - rest: Sit
    duration: 5s
"""


def test_a_phrase_too_long_for_its_step_is_said_shorter_or_left_out_and_reported() -> None:
    timeline = routine(SHORT_REST)
    script = plan_script(timeline)
    by_step = {
        phrase.step_index: phrase for phrase in script.phrases if phrase.kind is PhraseKind.STEP
    }
    assert by_step[1].text == "Roll to your side and rest."  # the title alone fits in 4s
    assert 2 not in by_step  # not even "Stand up." fits in one second (less the pause)
    assert by_step[3].text == "Last step: Sit."

    first, second = script.overruns
    assert (first.step_index, first.said) == (1, "Roll to your side and rest.")
    assert first.text.startswith("Roll to your side and rest. Bring the knees in")
    assert first.needed_ms == estimate_ms(first.text)
    assert first.available_ms == 4000 - PAUSE_MS
    assert first.describe() == (
        "the voice takes about 8.1s to say this; there are 3.7s; "
        "only `Roll to your side and rest.` is said"
    )
    assert (second.step_index, second.said, second.available_ms) == (2, None, 700)
    assert second.describe().endswith("; it is left out")
    assert_never_collides(script.phrases)


def test_real_durations_decide_what_fits() -> None:
    timeline = routine(SHORT_REST)
    quick = plan_script(timeline, duration_of=lambda text: 500)
    assert quick.overruns == ()
    assert [phrase.duration_ms for phrase in quick.phrases] == [500] * 5
    assert [phrase.text for phrase in quick.until(8000)] == ["Breathe."]
    assert quick.until(8001)[-1].text.startswith("Roll to your side and rest. Bring")


def test_possible_texts_hold_every_text_and_every_shorter_form() -> None:
    timeline = routine(SHORT_REST)
    texts = possible_texts(timeline, EVERYTHING)
    assert "Roll to your side and rest." in texts
    assert "Stand up." in texts
    assert set(plan_script(timeline, EVERYTHING).texts()) <= set(texts)
    assert len(texts) == len(set(texts))


def test_latest_start_is_the_limit_less_the_phrase() -> None:
    phrase = Phrase("Now the left side.", 1000, 5000, 1500, 0, PhraseKind.SIDE)
    assert (phrase.end_ms, phrase.latest_start_ms) == (2500, 3500)


def test_no_bundled_routine_makes_phrases_collide(catalog: Catalog, tmp_path: Path) -> None:
    """Every bundled routine, every count on: nothing overlaps, nothing runs past its end."""
    assert len(catalog.entries) > 10
    for entry in catalog.entries.values():
        script = plan_script(catalog.timeline(entry), EVERYTHING)
        assert_never_collides(script.phrases)
        assert script.phrases[0].kind in (PhraseKind.STEP, PhraseKind.COUNT)


LONGEST = """
title: Three hours of box breathing
steps:
  - repeat: 2
    steps:
      - breathe: Box
        pattern: 4-4-4-4
        duration: 59m
  - breathe: Box
    pattern: 4-4-4-4
    duration: 59m
  - rest: Rest
    duration: 60s
"""


def test_the_longest_routine_counted_at_every_second_is_planned_at_once() -> None:
    """Near the three-hour limit, about 8,000 counts, each planned without colliding.
    (Each is checked against its neighbours only: checking each against all of them took
    2.5 s here, about 0.3 s now. How long it takes is a figure for a benchmark, not a
    test: a bound of 0.5 s failed once in CI, at 0.52 s under load.)"""
    script = plan_script(routine(LONGEST), EVERYTHING)
    assert len(script.phrases) > 7900
    assert_never_collides(script.phrases)


# -- the author's `say:` ---------------------------------------------------------------------


def routine_in(folder: Path, text: str) -> Timeline:
    path = folder / "r.yaml"
    path.write_text(text, encoding="utf-8")
    return compile_timeline(load_routine(path))


def test_the_authors_words_replace_the_title_and_instructions(tmp_path: Path) -> None:
    timeline = routine_in(
        tmp_path,
        """\
title: R
steps:
  - rest: Settle
    duration: 10s
    instructions: Lie on your back.
    say: Find the floor   with your back
  - rest: Rest
    duration: 10s
    say: Let go!
""",
    )
    script = plan_script(timeline)
    assert [(phrase.text, phrase.at_ms) for phrase in script.phrases] == [
        ("Find the floor with your back.", 0),
        ("Last step: Let go!", 10_000),
        (END_TEXT, 20_000),
    ]


def test_none_silences_a_steps_start_but_not_its_sides_the_last_step_or_the_end(
    tmp_path: Path,
) -> None:
    timeline = routine_in(
        tmp_path,
        """\
title: R
steps:
  - pose: Twist
    hold: 10s
    sides: both
    switch: 3s
    say: none
  - rest: Rest
    duration: 10s
    say: none
""",
    )
    script = plan_script(timeline)
    assert [(phrase.text, phrase.at_ms, phrase.kind) for phrase in script.phrases] == [
        ("Now the right side.", 10_000, PhraseKind.SIDE),
        ("Last step.", 23_000, PhraseKind.STEP),
        (END_TEXT, 33_000, PhraseKind.END),
    ]
    assert script.overruns == ()


def test_a_recording_plays_at_the_steps_start_for_its_own_length_over_the_sides_it_covers(
    tmp_path: Path,
) -> None:
    long = write_recording(tmp_path / "rec" / "twist.wav", 12_000)
    short = write_recording(tmp_path / "rec" / "fold.wav", 4_000)
    timeline = routine_in(
        tmp_path,
        """\
title: R
steps:
  - pose: Twist
    hold: 10s
    sides: both
    switch: 3s
    say: rec/twist.wav
  - pose: Fold
    hold: 10s
    sides: both
    switch: 3s
    say: rec/fold.wav
""",
    )
    script = plan_script(timeline, EVERYTHING)
    guiding = [phrase for phrase in script.phrases if phrase.kind in GUIDING]
    assert [
        (phrase.text, phrase.recording, phrase.at_ms, phrase.duration_ms, phrase.until_ms)
        for phrase in guiding
    ] == [
        ("rec/twist.wav", long.resolve(), 0, 12_000, 23_000),  # the side change is covered
        ("rec/fold.wav", short.resolve(), 23_000, 4_000, 46_000),
        ("Now the right side.", None, 33_000, estimate_ms("Now the right side."), 36_000),
        (END_TEXT, None, 46_000, estimate_ms(END_TEXT), 106_000),
    ]
    assert_never_collides(script.phrases)
    assert script.overruns == ()
    assert "rec/twist.wav" not in possible_texts(timeline)
    assert script.recordings_only().phrases == tuple(guiding[:2])
    assert not [text for text in script.texts() if text.endswith(".wav")]  # not synthesised


def test_a_recording_that_no_longer_fits_at_a_faster_tempo_is_left_out_and_reported(
    tmp_path: Path,
) -> None:
    write_recording(tmp_path / "even.wav", 9_000)
    timeline = routine_in(
        tmp_path,
        """\
title: R
steps:
  - breathe: Even
    pattern: 2-3
    cycles: 2
    say: even.wav
""",
    )
    script = plan_script(with_tempo(timeline, Fraction(2)))
    assert [phrase.kind for phrase in script.phrases] == [PhraseKind.END]
    (overrun,) = script.overruns
    assert overrun.recording and overrun.said is None
    assert overrun.describe() == "the recording lasts 9.0s; there are 5.0s; it is left out"
