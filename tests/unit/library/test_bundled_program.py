"""The bundled 60-day program as a teacher would build it (issue 15 §3): a gentle start and
a load that rises gently, a lighter day every week, walking throughout, twists on their own
before the daily session joins them, the cautions of the poses it plays in its own safety
text with alternatives to choose, a checklist with no dose, and a description whose figures
are the real lengths of what it plays."""

from __future__ import annotations

import re
from itertools import pairwise

import pytest

from breathe.core.model import IncludeStep, RepeatBlock, Step
from breathe.core.program import Program
from breathe.format.program_spec import load_program
from breathe.library.catalog import Catalog
from breathe.library.program_catalog import routine_problems
from tests.support.repo import BUNDLED_ROUTINES

SIXTY_PATH = BUNDLED_ROUTINES / "programs" / "circulation-60-day.yaml"
SESSION = "circulation-and-nerve-recovery"
WORDS = {"twelve": 12, "thirteen": 13, "twenty-five": 25, "forty": 40}
MINUTE_MS = 60_000


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog.load(BUNDLED_ROUTINES, BUNDLED_ROUTINES / "no-user-folder")


@pytest.fixture(scope="module")
def sixty() -> Program:
    return load_program(SIXTY_PATH)


def load_ms(program: Program, catalog: Catalog, day: int) -> int:
    """How long the day's routines play, together."""
    routines = program.stage_for(day).routines
    return sum(catalog.total_ms(catalog.entries[planned.routine]) for planned in routines)


def names(program: Program, day: int) -> list[str]:
    return [planned.routine for planned in program.stage_for(day).routines]


def included(catalog: Catalog, name: str) -> set[str]:
    """The routines `name` includes (those it names, inside repeats too)."""
    routine = catalog.entries[name].routine
    assert routine is not None
    found: set[str] = set()
    steps: list[Step] = list(routine.steps)
    while steps:
        step = steps.pop()
        if isinstance(step, IncludeStep):
            found.add(step.name)
        elif isinstance(step, RepeatBlock):
            steps.extend(step.steps)
    return found


def test_its_routines_are_all_there(sixty: Program, catalog: Catalog) -> None:
    assert routine_problems(sixty, catalog.entries) == []


def test_the_load_starts_small_rises_gently_and_every_seventh_day_is_lighter(
    sixty: Program, catalog: Catalog
) -> None:
    loads = {day: load_ms(sixty, catalog, day) for day in range(1, 61)}
    assert loads[1] <= 13 * MINUTE_MS
    assert max(loads.values()) < 40 * MINUTE_MS
    ordinary = [day for day in range(1, 61) if day % 7]
    for before, after in pairwise(ordinary):
        assert loads[after] >= loads[before], (before, after)  # it never drops back ...
        assert loads[after] - loads[before] <= 10 * MINUTE_MS, (before, after)  # ... nor leaps
    for day in range(7, 61, 7):
        assert names(sixty, day) == ["slow-walking", "extended-exhale"], day
        assert loads[day] <= 13 * MINUTE_MS
        if day > 7:  # from week 2 the lighter day is well under the days around it
            assert loads[day] < 0.7 * min(loads[day - 1], loads[day + 1] if day < 60 else 10**9)


def test_walking_throughout_and_twists_on_their_own_before_the_daily_session(
    sixty: Program, catalog: Catalog
) -> None:
    for day in range(7, 61):
        assert "slow-walking" in names(sixty, day), day
    first_session = min(day for day in range(1, 61) if SESSION in names(sixty, day))
    assert first_session == 29
    twists_alone = [
        day for day in range(1, first_session) if "gentle-spinal-twists" in names(sixty, day)
    ]
    assert len(twists_alone) >= 6
    # Every part of the daily session was met before it: on its own, or inside a routine.
    met: set[str] = set()
    for day in range(1, first_session):
        for name in names(sixty, day):
            met |= {name} | included(catalog, name)
    assert included(catalog, SESSION) <= met
    # Legs up the wall is played once a day at most (the session and the wind-down both
    # hold it).
    for day in range(1, 61):
        holding = [n for n in names(sixty, day) if "legs-up-the-wall" in included(catalog, n)]
        assert len(holding) <= 1, day


def test_the_description_says_the_lengths_it_plays(sixty: Program, catalog: Catalog) -> None:
    text = " ".join(sixty.description.split())
    said = {
        phrase: WORDS[number]
        for phrase, number in re.findall(r"((?:about|under) ([a-z-]+) minutes)", text)
    }
    assert said == {
        "about thirteen minutes": 13,
        "about twenty-five minutes": 25,
        "under forty minutes": 40,
        "about twelve minutes": 12,
    }
    session = catalog.total_ms(catalog.entries[SESSION])
    assert round(session / MINUTE_MS) == 25
    assert round(load_ms(sixty, catalog, 1) / MINUTE_MS) == 13
    assert round(load_ms(sixty, catalog, 7) / MINUTE_MS) == 12
    assert max(load_ms(sixty, catalog, day) for day in range(1, 61)) < 40 * MINUTE_MS
    assert "Every seventh day is lighter" in text
    promises = re.compile(r"(?i)\b(recover(y|s)?|cures?|heal(s|ing)?|repairs?|remed(y|ies))\b")
    assert not promises.search(sixty.title) and not promises.search(text)


def test_its_safety_text_has_the_cautions_of_legs_up_the_wall_and_the_forward_bend(
    sixty: Program,
) -> None:
    safety = " ".join(sixty.safety.split())
    for caution in (
        "glaucoma",
        "retina",
        "recent eye surgery",
        "blood pressure that is not under control",
        "peripheral artery disease",
        "hernia",
        "pregnancy",
        "osteoporosis",
        "never barefoot",
    ):
        assert caution in safety, caution
    legs = sixty.alternative_for("legs-up-the-wall")
    bend = sixty.alternative_for("seated-forward-bend")
    assert legs is not None and legs.names == ("constructive-rest", "legs-on-a-chair")
    assert bend is not None and bend.names == ("chair-forward-bend",)
    for caution in ("glaucoma", "peripheral artery disease", "pregnancy"):
        assert caution in legs.why
    assert "osteoporosis" in bend.why.lower()


def test_the_checklist_has_the_articles_habits_without_a_dose(sixty: Program) -> None:
    magnesium, food, water, evening = sixty.checklist
    assert magnesium == "Magnesium in the evening, as your own clinician advises"
    assert "greens" in food
    assert water.startswith("Water through the day") and "fluid limit" in water
    assert all(word in evening for word in ("caffeine", "alcohol", "evening", "sleep"))
    dose = re.compile(r"(?i)\b(\d+\s*mg|mg|milligrams?|grams?|doses?|dosage|tablets?|capsules?)\b")
    assert not any(dose.search(item) for item in sixty.checklist)
