"""One source of truth: the committed JSON Schema is what the format declaration generates,
and the schema and the loader agree on what is valid."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from breathe.format.loader import parse_routine
from breathe.format.schema import SCHEMA_PATH, routine_json_schema, routine_json_schema_text
from tests.support.json_schema import (
    assert_closed_and_documented,
    assert_schema_and_loader_agree,
    schema_named_by,
)
from tests.support.repo import BUNDLED_ROUTINES, REPO

VALIDATOR = jsonschema.Draft202012Validator(routine_json_schema())
SHIPPED = sorted(BUNDLED_ROUTINES.glob("*.yaml"))


def test_committed_schema_matches_the_generator() -> None:
    committed = SCHEMA_PATH.read_text(encoding="utf-8")
    assert committed == routine_json_schema_text(), (
        "the committed schema drifted: run `python -m breathe.format.schema`"
    )


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(json.loads(SCHEMA_PATH.read_text()))


def test_every_property_is_documented_and_closed() -> None:
    assert_closed_and_documented(routine_json_schema())


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_shipped_routines_point_at_the_committed_schema(path: Path) -> None:
    assert schema_named_by(path) == SCHEMA_PATH


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_shipped_routines_are_valid_for_the_schema(path: Path) -> None:
    VALIDATOR.validate(yaml.safe_load(path.read_text(encoding="utf-8")))


MINIMAL = "title: T\nsteps:\n  - rest: Sit\n    duration: 10s\n"

AGREEMENT = {
    # name: (document, valid?)
    "minimal": (MINIMAL, True),
    "compact patterns": (
        "title: T\nsteps:\n  - breathe: B\n    pattern: 4-7-8\n    cycles: 4\n"
        "  - breathe: C\n    pattern: '4-4-4-4'\n    duration: 1m\n",
        True,
    ),
    "phases": (
        "title: T\nsteps:\n  - breathe: B\n    pattern: {inhale: 4s, exhale: 6}\n    cycles: 4\n",
        True,
    ),
    "progression": (
        "title: T\nsteps:\n  - breathe: B\n    pattern: {from: 4-4, to: {inhale: 4, exhale: 8}}\n"
        "    duration: 2m\n",
        True,
    ),
    "pose": (
        "title: T\nsteps:\n  - pose: P\n    hold: 1m\n    sides: [right, left]\n"
        "    switch: 5s\n    breathing: 4-6\n",
        True,
    ),
    "repeat and include": (
        "title: T\nsteps:\n  - repeat: 2\n    steps:\n      - include: other\n",
        True,
    ),
    "all metadata": (
        "format: 1\ntitle: T\ndescription: D\ntags: [a, b]\nlevel: all levels\nfeel: calming\n"
        "author: A\nsafety: S\nsteps:\n  - rest: R\n    duration: 1:30\n",
        True,
    ),
    "misspelled top key": ("titel: T\nsteps:\n  - rest: R\n    duration: 5s\n", False),
    "unknown extra key": (MINIMAL + "colour: blue\n", False),
    "misspelled phase": (
        "title: T\nsteps:\n  - breathe: B\n    pattern: {inhale: 4, exhail: 4}\n    cycles: 2\n",
        False,
    ),
    "unknown step kind": ("title: T\nsteps:\n  - stretch: S\n    duration: 5s\n", False),
    "two step kinds": ("title: T\nsteps:\n  - rest: R\n    pose: P\n    duration: 5s\n", False),
    "cycles and duration": (
        "title: T\nsteps:\n  - breathe: B\n    pattern: 4-4\n    cycles: 2\n    duration: 1m\n",
        False,
    ),
    "neither cycles nor duration": ("title: T\nsteps:\n  - breathe: B\n    pattern: 4-4\n", False),
    "zero cycles": ("title: T\nsteps:\n  - breathe: B\n    pattern: 4-4\n    cycles: 0\n", False),
    "repeat too many": (
        "title: T\nsteps:\n  - repeat: 101\n    steps:\n      - rest: R\n        duration: 1s\n",
        False,
    ),
    "bad level": (MINIMAL + "level: expert\n", False),
    "no steps": ("title: T\nsteps: []\n", False),
    "no title": ("steps:\n  - rest: R\n    duration: 5s\n", False),
    "format 2": ("format: 2\n" + MINIMAL, False),
    "pose without hold": ("title: T\nsteps:\n  - pose: P\n", False),
    "progression in a pose": (
        "title: T\nsteps:\n  - pose: P\n    hold: 1m\n    breathing: {from: 4-4, to: 4-6}\n",
        False,
    ),
    "sides both twice": (
        "title: T\nsteps:\n  - pose: P\n    hold: 1m\n    sides: [left, left]\n",
        False,
    ),
    "bad duration text": ("title: T\nsteps:\n  - rest: R\n    duration: soon\n", False),
    "negative duration": ("title: T\nsteps:\n  - rest: R\n    duration: -5\n", False),
    "bad compact pattern": (
        "title: T\nsteps:\n  - breathe: B\n    pattern: 4\n    cycles: 2\n",
        False,
    ),
    "breath too long (number)": (
        "title: T\nsteps:\n  - breathe: B\n    pattern: {inhale: 40, exhale: 4}\n    cycles: 2\n",
        False,
    ),
}


@pytest.mark.parametrize("name", list(AGREEMENT))
def test_schema_and_loader_agree(name: str) -> None:
    document, valid = AGREEMENT[name]
    assert_schema_and_loader_agree(VALIDATOR, parse_routine, document, valid)


def test_schema_is_shipped_in_the_package_folder() -> None:
    assert SCHEMA_PATH.is_relative_to(REPO / "breathe")
