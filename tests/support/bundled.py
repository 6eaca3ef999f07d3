"""What the tests of the bundled routines' content share: the catalog of the bundled
routines alone, read once a run, and ways to reach a routine and its own steps."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from breathe.core.model import (
    BreathingStep,
    IncludeStep,
    PoseStep,
    RepeatBlock,
    RestStep,
    Routine,
    Step,
)
from breathe.library.catalog import Catalog
from tests.support.repo import BUNDLED_ROUTINES


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    """The bundled routines alone: no user folder can override one. (A test module that
    uses it imports it and names it in its __all__.)"""
    return Catalog.load(BUNDLED_ROUTINES, BUNDLED_ROUTINES / "no-user-folder")


def routine_of(catalog: Catalog, name: str) -> Routine:
    routine = catalog.entries[name].routine
    assert routine is not None, catalog.entries[name].problems
    return routine


def own_steps(steps: tuple[Step, ...]) -> Iterator[BreathingStep | PoseStep | RestStep]:
    """The steps a routine writes itself, inside repeats too; includes are not its own."""
    for step in steps:
        if isinstance(step, RepeatBlock):
            yield from own_steps(step.steps)
        elif not isinstance(step, IncludeStep):
            yield step
