"""Whatever bytes it is given, the loader returns a Routine or raises RoutineFileError.

Hypothesis feeds `parse_routine` arbitrary bytes, arbitrary text, mutations of the shipped
routines, and documents built from the format's own key names (so the checker's deepest
paths run). Whenever it refuses a file, every problem must be located (line and column
from 1, within the file) and say something. Whatever loads must compile to a timeline, or
be refused the same way.
"""

from __future__ import annotations

import copy
import os
import re
from collections.abc import Callable
from typing import Any

import pytest
import yaml
from hypothesis import event, example, given, settings
from hypothesis import strategies as st
from hypothesis.control import currently_in_test_context

from breathe.core.model import Routine
from breathe.core.problems import Problem, RoutineFileError
from breathe.core.timeline import MAX_TOTAL_MS, IncludeResolver, Timeline, compile_timeline
from breathe.format.loader import parse_routine
from breathe.format.nesting import first_too_deep
from breathe.format.routine_spec import PHASES, ROUTINE, STEP, PatternSpec
from breathe.format.spec import Record
from breathe.format.yaml_source import MAX_FILE_BYTES
from breathe.library.catalog import Catalog
from tests.support.repo import BUNDLED_ROUTINES

SHIPPED: tuple[bytes, ...] = tuple(
    path.read_bytes() for path in sorted(BUNDLED_ROUTINES.glob("*.yaml"))
)
FUZZ_PATH = "fuzz.yaml"


#: Every run of the suite (three Pythons per CI run) tries this share of each test's examples;
#: `BREATHE_FUZZ_SCALE=1` (or more) runs them all, for a deep look after a change to the loader.
FUZZ_SCALE = float(os.environ.get("BREATHE_FUZZ_SCALE", "0.4"))


def fuzz(max_examples: int) -> settings:
    """Settings sized so the whole module takes well under a minute of one core.

    Measured: at full size the module was the suite's largest block of time (about 330 s
    of 32 minutes on a loaded machine), for examples a deep run can still try.
    """
    return settings(max_examples=max(50, round(max_examples * FUZZ_SCALE)), deadline=None)


_YAML_LINE_BREAK = re.compile(rb"\r\n|\r|\n|\xc2\x85|\xe2\x80\xa8|\xe2\x80\xa9")


def check_refusal(error: RoutineFileError, data: bytes) -> None:
    """Every problem is located inside the file and says something; the error prints."""
    assert error.problems
    last_line = len(_YAML_LINE_BREAK.findall(data)) + 1
    for problem in error.problems:
        assert isinstance(problem, Problem)
        assert problem.path == FUZZ_PATH
        assert problem.line >= 1, problem
        assert problem.column >= 1, problem
        assert problem.line <= last_line, (problem, last_line)
        assert problem.message.strip(), problem
        assert problem.key_path, problem
        assert problem.hint is None or problem.hint.strip(), problem
    assert str(error)
    for problem in error.problems:
        assert str(problem).startswith(f"{FUZZ_PATH}:{problem.line}:{problem.column}: ")


def note_outcome(outcome: str, where: str = "") -> None:
    """Count outcomes in `--hypothesis-show-statistics`, to see what the generators reach."""
    if currently_in_test_context():
        event(outcome, where)


def load(data: bytes) -> Routine | None:
    """The routine in `data`, or None when it is refused properly. Anything else fails."""
    try:
        routine = parse_routine(data, FUZZ_PATH, "fuzz")
    except RoutineFileError as error:
        check_refusal(error, data)
        first = error.problems[0].key_path
        where = "steps" if first.startswith("steps") else "another key"
        note_outcome("refused", first if first.startswith("(") else where)
        return None
    assert isinstance(routine, Routine)
    assert routine.steps
    note_outcome("loaded")
    return routine


def load_and_compile(data: bytes, resolve: IncludeResolver | None = None) -> Timeline | None:
    routine = load(data)
    if routine is None:
        return None
    try:
        timeline = compile_timeline(routine, resolve)
    except RoutineFileError as error:
        check_refusal(error, data)
        note_outcome("refused by the timeline")
        return None
    note_outcome("compiled")
    assert isinstance(timeline, Timeline)
    assert 0 < timeline.total_ms <= MAX_TOTAL_MS
    assert sum(segment.duration_ms for segment in timeline.segments) == timeline.total_ms
    return timeline


# -- explicit nasty documents ---------------------------------------------------------------

BILLION_LAUGHS = b'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + b"".join(
    f"{name}: &{name} [{','.join([f'*{previous}'] * 9)}]\n".encode()
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True)
)
DEEP_BY_INDENT = b"a:\n" + b"".join(b" " * depth + b"a:\n" for depth in range(1, 1400))
DEEP_BY_INDENT_CR = DEEP_BY_INDENT.replace(b"\n", b"\r")

NASTY: tuple[bytes, ...] = (
    b"[" * 200_000,
    b"{" * 200_000,
    b"- " * 200_000,
    b"[" * 200_000 + b"]" * 200_000,
    b"{a: " * 100_000,
    b"? " * 100_000,
    b"!!str " * 100_000,
    b"&a " * 1_000,
    b"*a " * 1_000,
    b"title: T\nsteps: " + b"[" * 500_000,
    b"title: T\nsteps:\n" + b"  - " * 100_000 + b"rest: R\n",
    DEEP_BY_INDENT,
    DEEP_BY_INDENT_CR,
    BILLION_LAUGHS,
    b"x" * (MAX_FILE_BYTES + 1),
    b"\xff" * 1000,
    b"\x00",
    b"\xef\xbb\xbf",
    b"\xef\xbb\xbf\xef\xbb\xbf",
    b"%YAML 1.1\n---\ntitle: T\n",
    b"%YAML 2.0\n---\ntitle: T\n",
    b"%TAG ! tag:example.com,2000:\n---\ntitle: !x T\n",
    b"%FOO bar\n---\n",
    b"title: T\nsteps:\n  - rest: R\n    duration: 1" + b" " * 500_000 + b"x\n",
    b"title: T\nsteps:\n  - breathe: B\n    pattern: 4" + b" " * 500_000 + b"x\n    cycles: 3\n",
    b"title: T\nsteps:\n  - breathe: B\n    pattern: 4-6\n    cycles: " + b"9" * 500_000 + b"\n",
    b"title: T\nsteps:\n  - rest: R\n    duration: " + b"9" * 500_000 + b"h\n",
    b"title: T\n" + b"a: 1\n" * 100_000,
    b"title: T\n" + b"title: T\n" * 100_000,
    b"title: T\nsteps:\n" + b"  - {}\n" * 100_000,
    b"title: T\nsteps: [" + b"{rest: R, duration: 5s}," * 40_000 + b"]\n",
    b"? " + b"k" * 500_000 + b"\n: v\n",
    b'"' + b"\\" * 1000 + b'"',
    b"title: '" + b"'" * 1001 + b"\n",
    b"\t" * 1000,
    b"\r" * 1000 + b"\x00",
    "title: a\u2028b\nsteps: x\n".encode(),
    "title: \ud7ff\ue000\U0010ffff\nsteps: x\n".encode(),
    b"title: \xed\xa0\x80\n",  # an encoded surrogate is not UTF-8
)


@pytest.mark.parametrize("data", NASTY, ids=range(len(NASTY)))
def test_nasty_documents_are_refused_cleanly(data: bytes) -> None:
    assert load(data) is None


# -- (a) arbitrary bytes, (b) arbitrary text -------------------------------------------------


@fuzz(500)
@given(st.binary(max_size=600))
@example(b"[" * 200_000)
@example(b"{" * 200_000)
@example(b"- " * 200_000)
@example(b"\xef\xbb\xbf\xff")
@example(b"\x85\x00")
def test_arbitrary_bytes_load_or_are_refused(data: bytes) -> None:
    load_and_compile(data)


@fuzz(500)
@given(st.text(max_size=400))
@example("[" * 200_000)
@example("title: \x7f\nsteps: []\n")
@example("\u2028\x00")
@example("\ufeff" * 3)
def test_arbitrary_text_loads_or_is_refused(text: str) -> None:
    load_and_compile(text.encode("utf-8", "surrogatepass"))


YAML_ALPHABET = st.sampled_from([*":-[]{}&*!|>\t%\"'#?,@`\n\r ", "\\", "~", "0", "a"])


@fuzz(500)
@given(st.lists(YAML_ALPHABET, max_size=200).map("".join))
def test_yaml_punctuation_soup_loads_or_is_refused(text: str) -> None:
    load_and_compile(text.encode())


# -- (c) mutations of the shipped routines ---------------------------------------------------

TOKENS: tuple[bytes, ...] = tuple(
    token.encode()
    for token in (
        ":",
        ": ",
        "-",
        "- ",
        "[",
        "]",
        "{",
        "}",
        "&",
        "&a ",
        "*",
        "*a",
        "!",
        "!!str ",
        "!!python/object:os.system ",
        "|",
        ">",
        "\t",
        "%",
        '"',
        "'",
        "#",
        "\n",
        "\r",
        "\r\n",
        "  ",
        "    ",
        "?",
        "? ",
        ",",
        "---\n",
        "...\n",
        "<<: ",
        "~",
        "\x00",
        "\ufeff",
        "\u2028",
        "é",
    )
)
VALUES: tuple[bytes, ...] = tuple(
    value.encode()
    for value in (
        "0",
        "-1",
        "-5s",
        "10m",
        "31s",
        "1:30",
        "1.5s",
        "4-6",
        "4-7-8",
        "4-4-4-4",
        "4-x",
        "yes",
        "~",
        "[]",
        "{}",
        "[left, right]",
        "both",
        "501",
        "101",
        "99999999999999999999",
        "{from: 4-4, to: 4-8}",
        "{inhale: 4, exhale: 6}",
        "2",
        "",
        "-3",
        "Both",
        "90S",
        "1h30",
        "\u0663",
        "'4-6",
    )
)

Mutation = Callable[[st.DrawFn, bytes], bytes]


def _lines(data: bytes) -> list[bytes]:
    return data.splitlines(keepends=True) or [b""]


def flip_byte(draw: st.DrawFn, data: bytes) -> bytes:
    if not data:
        return data
    at = draw(st.integers(0, len(data) - 1))
    return data[:at] + bytes([data[at] ^ draw(st.integers(1, 255))]) + data[at + 1 :]


def insert_token(draw: st.DrawFn, data: bytes) -> bytes:
    at = draw(st.integers(0, len(data)))
    return data[:at] + draw(st.sampled_from(TOKENS)) + data[at:]


def delete_span(draw: st.DrawFn, data: bytes) -> bytes:
    start = draw(st.integers(0, len(data)))
    return data[:start] + data[start + draw(st.integers(1, 40)) :]


def truncate(draw: st.DrawFn, data: bytes) -> bytes:
    return data[: draw(st.integers(0, len(data)))]


def duplicate_line(draw: st.DrawFn, data: bytes) -> bytes:
    lines = _lines(data)
    at = draw(st.integers(0, len(lines) - 1))
    return b"".join([*lines[: at + 1], lines[at], *lines[at + 1 :]])


def delete_line(draw: st.DrawFn, data: bytes) -> bytes:
    lines = _lines(data)
    del lines[draw(st.integers(0, len(lines) - 1))]
    return b"".join(lines)


def swap_lines(draw: st.DrawFn, data: bytes) -> bytes:
    lines = _lines(data)
    first = draw(st.integers(0, len(lines) - 1))
    second = draw(st.integers(0, len(lines) - 1))
    lines[first], lines[second] = lines[second], lines[first]
    return b"".join(lines)


def reindent_line(draw: st.DrawFn, data: bytes) -> bytes:
    lines = _lines(data)
    at = draw(st.integers(0, len(lines) - 1))
    body = lines[at].lstrip(b" ")
    indent = len(lines[at]) - len(body)
    lines[at] = b" " * max(0, indent + draw(st.integers(-4, 4))) + body
    return b"".join(lines)


def replace_value(draw: st.DrawFn, data: bytes) -> bytes:
    lines = _lines(data)
    at = draw(st.integers(0, len(lines) - 1))
    key, colon, _ = lines[at].partition(b": ")
    if not colon:
        return data
    lines[at] = key + colon + draw(st.sampled_from(VALUES)) + b"\n"
    return b"".join(lines)


MUTATIONS: tuple[Mutation, ...] = (
    flip_byte,
    insert_token,
    insert_token,
    delete_span,
    truncate,
    duplicate_line,
    delete_line,
    swap_lines,
    reindent_line,
    replace_value,
    replace_value,
)


@st.composite
def mutated_routines(draw: st.DrawFn) -> bytes:
    data = draw(st.sampled_from(SHIPPED))
    for mutation in draw(st.lists(st.sampled_from(MUTATIONS), min_size=1, max_size=6)):
        data = mutation(draw, data)
    return data


def test_shipped_routines_load_unmutated() -> None:
    assert len(SHIPPED) >= 2
    bundled = Catalog.load(BUNDLED_ROUTINES, BUNDLED_ROUTINES / "no-user-folder")  # includes
    for data in SHIPPED:
        assert load_and_compile(data, bundled.resolve_include) is not None


@fuzz(1000)
@given(mutated_routines())
def test_mutated_shipped_routines_load_or_are_refused(data: bytes) -> None:
    load_and_compile(data)


# -- (d) documents built from the format's own keys ------------------------------------------


def _record_keys(record: Record) -> set[str]:
    return set(record.fields) | set(record.key_hints)


def _format_keys() -> tuple[str, ...]:
    keys = _record_keys(ROUTINE) | _record_keys(PHASES)
    for record in STEP.kinds.values():
        keys |= _record_keys(record)
        for field in record.fields.values():
            if isinstance(field.spec, PatternSpec) and field.spec.progression_record:
                keys |= _record_keys(field.spec.progression_record)
    keys |= {"titel", "exhal", "breath", "cycle", "<<", "", " ", "hold_empty"}
    return tuple(sorted(keys))


FORMAT_KEYS = _format_keys()
KEYS = st.sampled_from(FORMAT_KEYS) | st.text(max_size=8)

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-1000, 100_000),
    st.integers(),
    st.floats(),
    st.sampled_from([value.decode() for value in VALUES]),
    st.text(max_size=12),
)
ANYTHING = st.recursive(
    SCALARS,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(KEYS, children, max_size=5),
    max_leaves=25,
)

SECONDS = st.one_of(
    st.integers(-2, 40),
    st.sampled_from([0.5, 1.5, 2.25, 0.4, 0.0005]),
    st.sampled_from(["4s", "0.5s", "1:00", "10m", "-3", "x"]),
)
COMPACT = st.lists(st.integers(0, 12), min_size=1, max_size=5).map(
    lambda parts: "-".join(str(part) for part in parts)
)
PHASE_MAPPING = st.fixed_dictionaries(
    {"inhale": SECONDS, "exhale": SECONDS},
    optional={"hold": SECONDS, "hold-empty": SECONDS, "in": SECONDS},
)
PATTERN = COMPACT | PHASE_MAPPING | ANYTHING
PROGRESSION = st.fixed_dictionaries(
    {"from": COMPACT | PHASE_MAPPING, "to": COMPACT | PHASE_MAPPING},
    optional={"inhale": SECONDS},
)
DURATION = st.one_of(
    st.integers(-5, 4000),
    st.sampled_from(["90s", "2m", "1m30s", "1.5s", "1:30", "0", "-5", "10m", "30m", "1h", "abc"]),
    st.floats(0, 600),
)
SIDES = st.sampled_from(["both", "left", "right", "bothh", "Both"]) | st.lists(
    st.sampled_from(["left", "right", "up", "Left"]), max_size=3
)
TEXT = st.text(min_size=1, max_size=30) | st.sampled_from(["yes", "no", "~", "123"])


def _step_fields(kind: str, steps: st.SearchStrategy[list[Any]]) -> st.SearchStrategy[Any]:
    """A step of `kind`, usually right, sometimes with keys of other kinds or junk."""
    own: dict[str, st.SearchStrategy[Any]]
    optional: dict[str, st.SearchStrategy[Any]]
    if kind == "breathe":
        own = {"breathe": TEXT, "pattern": PATTERN | PROGRESSION}
        optional = {"cycles": st.integers(-1, 600) | ANYTHING, "duration": DURATION}
    elif kind == "pose":
        own = {"pose": TEXT, "hold": DURATION}
        optional = {"sides": SIDES, "switch": DURATION, "breathing": PATTERN | PROGRESSION}
    elif kind == "rest":
        own = {"rest": TEXT, "duration": DURATION}
        optional = {}
    elif kind == "repeat":
        own = {"repeat": st.integers(-1, 120) | ANYTHING, "steps": steps}
        optional = {}
    else:
        own = {"include": st.sampled_from(["other", "fuzz", "../x", "", "other routine"])}
        optional = {}
    optional = {**optional, "instructions": TEXT | ANYTHING}
    extra = st.dictionaries(st.sampled_from(FORMAT_KEYS), ANYTHING, max_size=2)
    return st.tuples(st.fixed_dictionaries(own, optional=optional), extra).map(
        lambda pair: {**pair[0], **pair[1]} if pair[1] else pair[0]
    )


def _steps(depth: int) -> st.SearchStrategy[list[Any]]:
    inner = _steps(depth - 1) if depth else st.just([{"rest": "R", "duration": 5}])
    kinds = ["breathe", "pose", "rest", "include"] + (["repeat"] if depth else [])
    step = st.sampled_from(kinds).flatmap(lambda kind: _step_fields(kind, inner))
    return st.lists(step | ANYTHING.filter(lambda value: value is not None), min_size=0, max_size=5)


ROUTINE_DOCUMENTS = st.fixed_dictionaries(
    {"title": TEXT, "steps": _steps(3)},
    optional={
        "format": st.sampled_from([1, 2, "1", "x"]),
        "description": TEXT,
        "tags": st.lists(TEXT, max_size=14),
        "level": st.sampled_from(["beginner", "all levels", "beginer", "expert", "Beginner"]),
        "feel": st.sampled_from(["calming", "balancing", "energising", "calm", "Calming"]),
        "author": TEXT,
        "safety": TEXT,
    },
)
DOCUMENTS = ROUTINE_DOCUMENTS | st.dictionaries(KEYS, ANYTHING, max_size=8) | ANYTHING


class _NoAliasDumper(yaml.SafeDumper):
    """Writes a value shared between two places twice, instead of as an anchor and alias."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def dump(document: Any, flow: bool | None, unicode: bool, *, aliases: bool = False) -> bytes:
    """`document` as YAML; shared values become anchors and aliases only with `aliases`."""
    return yaml.dump(
        document,
        Dumper=yaml.SafeDumper if aliases else _NoAliasDumper,
        sort_keys=False,
        default_flow_style=flow,
        allow_unicode=unicode,
    ).encode("utf-8")


@fuzz(400)
@given(DOCUMENTS, st.sampled_from([False, True, None]), st.booleans())
def test_structured_documents_load_or_are_refused(
    document: Any, flow: bool | None, unicode: bool
) -> None:
    load_and_compile(dump(document, flow, unicode, aliases=True))


# Routines right by construction: every one must load (the checker refuses nothing valid),
# and compile unless it runs over the limit on the whole length.

BREATH = st.integers(1, 10) | st.sampled_from([0.5, 2.5, "4s", "3.5s", "0:05"])
HOLD = st.integers(0, 10) | st.sampled_from(["0", "1.5s"])
VALID_COMPACT = st.one_of(
    st.tuples(st.integers(1, 10), st.integers(1, 10)),
    st.tuples(st.integers(1, 10), st.integers(0, 10), st.integers(1, 10)),
    st.tuples(st.integers(1, 10), st.integers(0, 10), st.integers(1, 10), st.integers(1, 10)),
).map(lambda phases: "-".join(str(phase) for phase in phases))
VALID_PHASES = st.fixed_dictionaries(
    {"inhale": BREATH, "exhale": BREATH}, optional={"hold": HOLD, "hold-empty": HOLD}
)
VALID_PATTERN = VALID_COMPACT | VALID_PHASES
VALID_PROGRESSION = st.fixed_dictionaries({"from": VALID_PATTERN, "to": VALID_PATTERN})
VALID_TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")),
    min_size=1,
    max_size=40,
).filter(lambda text: bool(text.strip())) | st.sampled_from(["yes", "no", "on", "1:30", "0x1F"])
LONG_ENOUGH = st.integers(60, 300) | st.sampled_from(
    ["1m", "90s", "1m30s", "2 min", "1:30", "1m30", "0h2", "0h 1m30s"]
)
VALID_BREATHING = st.fixed_dictionaries(
    {
        "breathe": VALID_TEXT,
        "pattern": VALID_PATTERN | VALID_PROGRESSION,
        "instructions": VALID_TEXT,
    }
).flatmap(
    lambda step: st.one_of(
        # A progression needs two breaths at least, to go from `from` to `to`.
        st.integers(2 if "from" in step["pattern"] else 1, 30).map(
            lambda cycles: {**step, "cycles": cycles}
        ),
        LONG_ENOUGH.map(lambda duration: {**step, "duration": duration}),
    )
)
VALID_SIDES = st.fixed_dictionaries(  # `switch` only applies together with `sides`
    {"sides": st.sampled_from(["both", "left", "right", ["right", "left"], ["left"]])},
    optional={"switch": st.integers(2, 60) | st.sampled_from(["10s", "0:05", "1m"])},
)
VALID_POSE = st.tuples(
    st.fixed_dictionaries(
        {"pose": VALID_TEXT, "hold": LONG_ENOUGH},
        optional={"breathing": VALID_PATTERN, "instructions": VALID_TEXT},
    ),
    st.none() | VALID_SIDES,
).map(lambda pair: {**pair[0], **pair[1]} if pair[1] else pair[0])
VALID_REST = st.fixed_dictionaries(
    {"rest": VALID_TEXT, "duration": st.integers(1, 120) | st.sampled_from(["30s", "1.5s"])},
    optional={"instructions": VALID_TEXT},
)


def _valid_steps(depth: int) -> st.SearchStrategy[list[dict[str, Any]]]:
    step: st.SearchStrategy[dict[str, Any]] = VALID_BREATHING | VALID_POSE | VALID_REST
    if depth:
        step |= st.fixed_dictionaries(
            {"repeat": st.integers(1, 5), "steps": _valid_steps(depth - 1)}
        )
    return st.lists(step, min_size=1, max_size=4)


VALID_ROUTINES = st.fixed_dictionaries(
    {"title": VALID_TEXT, "steps": _valid_steps(2)},
    optional={
        "format": st.sampled_from([1, "1"]),
        "description": VALID_TEXT,
        "tags": st.lists(
            VALID_TEXT.filter(lambda tag: len(tag.strip()) <= 30),
            min_size=1,
            max_size=12,
            unique_by=str.strip,
        ),
        "level": st.sampled_from(["beginner", "intermediate", "advanced", "all levels"]),
        "feel": st.sampled_from(["calming", "balancing", "energising"]),
        "author": VALID_TEXT,
        "safety": VALID_TEXT,
    },
)


def _containers(value: Any) -> list[dict[Any, Any] | list[Any]]:
    found: list[dict[Any, Any] | list[Any]] = []
    if isinstance(value, dict):
        found.append(value)
        for child in value.values():
            found.extend(_containers(child))
    elif isinstance(value, list):
        found.append(value)
        for child in value:
            found.extend(_containers(child))
    return found


@st.composite
def near_valid_routines(draw: st.DrawFn) -> Any:
    """A valid routine with a few values, keys or items changed: the checker's deep paths."""
    document = copy.deepcopy(draw(VALID_ROUTINES))
    for _ in range(draw(st.integers(1, 3))):
        target = draw(st.sampled_from(_containers(document)))
        if isinstance(target, dict):
            key = draw(st.sampled_from(FORMAT_KEYS) | st.sampled_from(sorted(target) or ["x"]))
            if draw(st.booleans()) and key in target:
                del target[key]
            else:
                target[key] = draw(ANYTHING | PATTERN | DURATION | SIDES)
        elif target:
            at = draw(st.integers(0, len(target) - 1))
            target[at] = draw(ANYTHING | PATTERN | DURATION)
        else:
            target.append(draw(ANYTHING))
    return document


@fuzz(300)
@given(VALID_ROUTINES, st.sampled_from([False, True, None]))
def test_valid_routines_always_load(document: dict[str, Any], flow: bool | None) -> None:
    data = dump(document, flow, unicode=True)
    try:
        routine = parse_routine(data, FUZZ_PATH, "fuzz")
    except RoutineFileError as error:
        pytest.fail(f"a valid routine was refused:\n{error}\n{data.decode()}")
    assert routine.title == document["title"].strip()
    try:
        timeline = compile_timeline(routine)
    except RoutineFileError as error:
        over_the_limit = all("over the limit of 3h" in p.message for p in error.problems)
        if not over_the_limit:
            pytest.fail(f"a valid routine did not compile:\n{error}\n{data.decode()}")
        note_outcome("over the limit")
        return
    note_outcome("compiled")
    assert 0 < timeline.total_ms <= MAX_TOTAL_MS


@fuzz(500)
@given(near_valid_routines(), st.sampled_from([False, True, None]))
def test_near_valid_routines_load_or_are_refused(document: Any, flow: bool | None) -> None:
    load_and_compile(dump(document, flow, unicode=True))


@fuzz(300)
@given(VALID_ROUTINES | near_valid_routines() | ROUTINE_DOCUMENTS)
def test_whatever_loads_compiles_or_is_refused(document: Any) -> None:
    load_and_compile(dump(document, flow=False, unicode=True))


# -- (f) breathe's own measure of nesting, against the parser's events ------------------------


def _parser_verdict(text: str, limit: int, seen: tuple[int, int] | None) -> tuple[str, Any]:
    """What PyYAML's own parser (no limit of its own, iterative) says: ("deep", place) of the
    first collection past `limit`, ("ok", None), or ("error", passed) where `passed` says
    whether it handed over a node after `seen` before its error."""
    depth, passed = 0, False
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            mark = event.start_mark
            place = (mark.line, mark.column) if mark is not None else (0, 0)
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > limit:
                    return "deep", place
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
            if isinstance(event, yaml.NodeEvent) and seen is not None and place > seen:
                passed = True
    except yaml.YAMLError:
        return "error", passed
    return "ok", None


_SCALARS = ["a", "b c", "'q [ ] { }'", '"d [\\" ] {"', "-1", "~", "''", "'it''s [ ]'", "!!str x"]
_BLOCK_SCALARS = ["x#y", "it's", ":x", "a:b", "http://x", "plain [ ] {x}", "z  # [ c {"]


def _flow(random: Any, tree: Any) -> str:
    if not isinstance(tree, (list, dict)):
        return str(random.choice(_SCALARS))
    separator: str = random.choice([", ", ",", " , ", ",\n "])
    if isinstance(tree, dict):
        items = separator.join(f"{key}: {_flow(random, value)}" for key, value in tree.items())
        return str(random.choice(["", "!!map "])) + "{" + items + "}"
    return (
        "["
        + separator.join(_flow(random, item) for item in tree)
        + "]"
        + str(random.choice(["", " # ] ["]))
    )


def _block(random: Any, tree: Any, indent: int, step: int, head: str, lines: list[str]) -> None:
    """`tree` as the node after `head` (`key: `, `- `, or nothing at the start)."""
    if not isinstance(tree, (list, dict)):
        chance = random.random()
        if chance < 0.1:
            lines += [
                head + "|",
                " " * (indent + 2) + "[[ { text ]",
                "",
                " " * (indent + 3) + "- x: [",
            ]
        elif chance < 0.2 and head:
            lines += [head + "plain", " " * (indent + 1) + "[[[ goes on {"]
        else:
            lines.append(head + str(random.choice(_SCALARS + _BLOCK_SCALARS)))
        return
    if random.random() < 0.2:
        lines.append(head + _flow(random, tree))
        return
    compact = head.endswith("- ") and random.random() < 0.6
    if head and not compact:
        lines.append(head.rstrip() + random.choice(["", " # [[", " !!map" if tree else ""]))
    column = indent if not head else indent + (len(head) - indent if compact else step)
    if isinstance(tree, dict):
        for number, (key, value) in enumerate(tree.items()):
            start = head if compact and number == 0 else " " * column
            if isinstance(value, list) and value and random.random() < 0.3:
                lines.append(f"{start}{key}:")  # a list at its key's own column
                for item in value:
                    _block(random, item, column, step, " " * column + "- ", lines)
            else:
                _block(random, value, column, step, f"{start}{key}: ", lines)
        return
    for number, item in enumerate(tree):
        start = head if compact and number == 0 else " " * column + "- "
        _block(random, item, column, step, start, lines)


_TREES = st.recursive(
    st.just("s"),
    lambda inner: (
        st.lists(inner, min_size=1, max_size=3)
        | st.lists(inner, min_size=1, max_size=3).map(
            lambda values: {f"k{number}": value for number, value in enumerate(values)}
        )
    ),
    max_leaves=40,
)


@fuzz(400)
@given(_TREES, st.randoms(use_true_random=False), st.integers(1, 8))
def test_breathe_s_nesting_measure_agrees_with_the_parser(
    tree: Any, random: Any, limit: int
) -> None:
    """Wherever the parser hands over a collection past the limit, breathe's own scan of
    the text finds that same place; it never finds one the parser reads past."""
    if random.random() < 0.8:
        lines: list[str] = []
        _block(random, tree, 0, random.choice([1, 2, 3, 4]), "", lines)
        text = "\n".join(lines) + "\n"
    else:
        text = _flow(random, tree) + "\n"
    text = random.choice(["", "---\n", "# [[[\n\n"]) + text
    found = first_too_deep(text, limit)
    verdict, detail = _parser_verdict(text, limit, found)
    event(f"parser: {verdict}")
    if verdict == "deep":
        assert found == detail, text
    elif verdict == "ok":
        assert found is None, text
    else:
        assert not (found is not None and detail), text  # found a level the parser did not
