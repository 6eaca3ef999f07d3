"""Authors' mistakes in what a routine says, each in a small file a teacher can read.

Every `cases/spec/NAME.yaml` holds one mistake written the way people write it (a duration
typed as `1,5m`, a breath hold on a breathing step, a step called `pause:`, a total made
too long by one `repeat`), and `NAME.expected` beside it what breathe answers, one line
each, as `breathe validate` prints it without the file name:
`line:column: key.path: message; hint`, a warning with `warning:` before its message.
The files are loaded and timed by the real loader and timeline, from that folder (a sound
such as `sounds/gong.wav` is really there).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from breathe.core.problems import Problem, RoutineFileError
from breathe.core.timeline import check_timeline
from breathe.format.loader import load_routine
from breathe.format.spec import did_you_mean
from tests.support.repo import REPO

CASES = Path(__file__).resolve().parent / "cases" / "spec"
CASE_FILES = sorted(CASES.glob("*.yaml"))


def line_of(problem: Problem, *, warning: bool = False) -> str:
    """A problem as `breathe validate` prints it, without the file name."""
    where = f"{problem.line}:{problem.column}: {problem.key_path}: "
    text = where + ("warning: " if warning else "") + problem.message
    return f"{text}; {problem.hint}" if problem.hint else text


def answer(path: Path) -> list[str]:
    """What breathe says about the file at `path`: its problems, else its warnings."""
    try:
        routine = load_routine(path, path.name)
        check_timeline(routine)
    except RoutineFileError as error:
        return [line_of(problem) for problem in error.problems]
    return [line_of(warning, warning=True) for warning in routine.warnings]


def expected(path: Path) -> list[str]:
    return path.with_suffix(".expected").read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize("path", CASE_FILES, ids=[path.stem for path in CASE_FILES])
def test_each_mistake_is_answered_at_its_place_with_what_to_write(path: Path) -> None:
    assert answer(path) == expected(path)


@pytest.mark.parametrize("path", CASE_FILES, ids=[path.stem for path in CASE_FILES])
def test_every_answer_says_what_to_do(path: Path) -> None:
    for line in answer(path):
        assert "; " in line, f"{path.name}: no hint in {line!r}"


def test_there_are_cases_for_each_pattern() -> None:
    patterns = {path.stem.split("-")[0] for path in CASE_FILES}
    assert patterns >= {"duration", "timing", "hold", "kind", "sound", "bare"}
    assert len(CASE_FILES) >= 60


# Problems still made without a hint, in files another change is reworking (issue 17 §11):
# the count may only go down.
WITHOUT_HINT_YET = {"breathe/format/yaml_source.py": 4}


def problems_made_without_a_hint(path: Path) -> int:
    """How many `report(...)` and `Problem(...)` calls in the module at `path` give no
    hint: fewer than four arguments to `report` (node, key path, message, hint), fewer
    than six to `Problem`, and no `hint=`."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    count = 0
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "attr", getattr(node.func, "id", ""))
        given = len(node.args) + len(node.keywords)
        starred = any(isinstance(arg, ast.Starred) for arg in node.args)
        if any(keyword.arg == "hint" for keyword in node.keywords) or starred:
            continue
        if (name == "report" and given < 4) or (name == "Problem" and given < 6):
            count += 1
    return count


@pytest.mark.parametrize(
    "module",
    sorted(
        path.relative_to(REPO).as_posix()
        for folder in ("core", "format")
        for path in (REPO / "breathe" / folder).glob("*.py")
    ),
)
def test_every_problem_the_loader_can_make_has_a_hint(module: str) -> None:
    assert problems_made_without_a_hint(REPO / module) <= WITHOUT_HINT_YET.get(module, 0)


@pytest.mark.parametrize(
    ("word", "choices", "hint"),
    [
        ("on", ["none", "step"], None),
        ("yes", ["no", "none"], None),
        ("off", ["on", "of"], "did you mean `of`?"),
        ("True", ["false", "rue"], "did you mean `rue`?"),
        ("stpe", ["step", "none"], "did you mean `step`?"),
    ],
)
def test_a_suggestion_by_spelling_is_never_the_opposite(
    word: str, choices: list[str], hint: str | None
) -> None:
    assert did_you_mean(word, choices) == hint
