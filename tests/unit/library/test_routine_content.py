"""Content rules for the bundled routines: what a careful teacher checks on every page.

Each rule here is one a reviewer found broken in a bundled routine (issue 15), written so
that it holds for every routine, including the ones added later:

- a pose held with a paced breath is held for a whole number of breaths, so `hold: 45s`
  never quietly plays 50 seconds: the file says what the session plays;
- the voice says each step whole, title and instructions, before the step ends, even at
  the slowest pace measured (15 characters a second), so a routine works by ear as well
  as on screen;
- no title promises an outcome, and no text explains a pose with folk physiology.
"""

from __future__ import annotations

import re

import pytest

from breathe.core.model import (
    PoseStep,
)
from breathe.library.catalog import Catalog
from breathe.voice.script import SPEECH_OVERHEAD_MS, estimate_ms, plan_script
from tests.support.bundled import catalog, own_steps, routine_of
from tests.support.repo import BUNDLED_ROUTINES

NAMES = sorted(path.stem for path in BUNDLED_ROUTINES.glob("*.yaml"))

# Outcomes no evidence lets a breathing or yoga routine promise (issue 15: "nerve recovery").
PROMISES = re.compile(r"(?i)\b(recover(y|s)?|cures?|heal(s|ing)?|repairs?|detox\w*|remed(y|ies))\b")
# Folk physiology a teacher strikes out: twists do not wring organs, nothing flushes toxins.
FOLK = re.compile(
    r"(?i)\b(wring(s|ing)? out|toxins?|flush(es|ing)? out|massag(e|es|ing) the organs)\b"
)

__all__ = ["catalog"]  # the fixture, used here by name


SLOWEST_CHARACTERS_PER_SECOND = 15
"""The slow end of what the bundled voices measured (15 to 17 characters a second, see
breathe.voice.script): a step's words must fit even at this pace."""


def slow_speech_ms(text: str) -> int:
    """How long `text` takes at the slowest measured pace, or by breathe's own estimate."""
    slow = SPEECH_OVERHEAD_MS + len(text) * 1000 // SLOWEST_CHARACTERS_PER_SECOND
    return max(slow, estimate_ms(text))


@pytest.mark.parametrize("name", NAMES)
def test_a_pose_held_with_a_breath_is_held_for_whole_breaths(catalog: Catalog, name: str) -> None:
    for step in own_steps(routine_of(catalog, name).steps):
        if isinstance(step, PoseStep) and step.breathing is not None:
            cycle_ms = step.breathing.cycle_ms
            assert step.hold_ms % cycle_ms == 0, (
                f"{name}: `{step.title}` holds {step.hold_ms / 1000:g}s with breaths of "
                f"{cycle_ms / 1000:g}s; write the hold it plays"
            )


@pytest.mark.parametrize("name", NAMES)
def test_the_voice_says_every_step_whole(catalog: Catalog, name: str) -> None:
    timeline = catalog.timeline(catalog.entries[name])
    overruns = plan_script(timeline, duration_of=slow_speech_ms).overruns
    assert [
        f"{timeline.steps[overrun.step_index].title}: {overrun.describe()}" for overrun in overruns
    ] == []


@pytest.mark.parametrize("name", NAMES)
def test_no_title_promises_an_outcome(catalog: Catalog, name: str) -> None:
    routine = routine_of(catalog, name)
    assert not PROMISES.search(routine.title), routine.title
    for step in own_steps(routine.steps):
        assert not PROMISES.search(step.title), step.title


@pytest.mark.parametrize("name", NAMES)
def test_no_text_explains_a_pose_with_folk_physiology(catalog: Catalog, name: str) -> None:
    routine = routine_of(catalog, name)
    texts = [routine.title, routine.description, routine.safety]
    for step in own_steps(routine.steps):
        texts += [step.title, step.instructions]
    for text in texts:
        assert not FOLK.search(" ".join(text.split())), text


def test_the_rules_catch_what_the_review_found() -> None:
    """The patterns match the findings of issue 15 as they were written."""
    assert PROMISES.search("Circulation and nerve recovery")
    assert FOLK.search("to ease a stiff back and gently wring out the ribs and belly")
    assert not PROMISES.search("Legs on a chair") and not FOLK.search("Reclined twist")
