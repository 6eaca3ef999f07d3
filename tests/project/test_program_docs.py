"""docs/programs.md stays true: its programs load with bundled routines, its broken examples
are refused, its outputs are what breathe prints, its tables match the declaration.

The markers are those of docs/routines.md (see the comment at the top of each page).
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import jsonschema
import pytest
import yaml

from breathe.cli import main
from breathe.core.problems import RoutineFileError
from breathe.core.program import PART_OF_DAY_STARTS, PROGRAM_FORMAT_VERSION
from breathe.format.program_spec import (
    ALTERNATIVE,
    LIGHTER_DAYS,
    MAX_CHECKLIST,
    MAX_DAYS,
    MAX_ROUTINES_A_DAY,
    MAX_STAGES,
    MAX_WEEKS,
    PLANNED_ROUTINE,
    PROGRAM,
    SCHEMA_PATH,
    STAGE,
    DayRangeSpec,
    PlannedRoutineSpec,
    RoutineNameSpec,
    parse_program,
)
from breathe.format.spec import Choice, FormatVersion, ListOf, Record, Spec, Text, Whole
from breathe.library.catalog import Catalog
from breathe.library.program_catalog import routine_problems
from tests.support import doc_page
from tests.support.doc_page import output_lines
from tests.support.repo import BUNDLED_ROUTINES, REPO

WHERE = "docs/programs.md"
DOC = (REPO / WHERE).read_text(encoding="utf-8")
LINES = DOC.split("\n")
FILE_MARKER_RE = re.compile(r"^file: ([A-Za-z0-9][A-Za-z0-9_.-]*\.yaml)$")


class Block(doc_page.Block):
    file_marker = FILE_MARKER_RE

    @property
    def is_program(self) -> bool:
        return self.lang == "yaml" and bool(re.search(r"^title:", self.text, re.MULTILINE))


BLOCKS = doc_page.fenced_blocks(LINES, WHERE, Block)
PROGRAMS = [block for block in BLOCKS if block.is_program and not block.broken]
BROKEN_BLOCKS = [block for block in BLOCKS if block.lang == "yaml" and block.broken]
COMMANDS = [block for block in BLOCKS if block.lang == "text" and block.text.startswith("$ ")]
CATALOG = Catalog.load(BUNDLED_ROUTINES, Path("/nonexistent"))


def ids(found: list[Block]) -> list[str]:
    return [block.id for block in found]


def check(block: Block) -> None:
    """Load the block as breathe would, routines looked up in the bundled catalog."""
    program = parse_program(block.text.encode(), "docs.yaml", "docs")
    problems = routine_problems(program, CATALOG.entries)
    if problems:
        raise RoutineFileError(problems)


def test_the_document_has_every_kind_of_example() -> None:
    assert len(PROGRAMS) >= 1
    assert len(BROKEN_BLOCKS) >= 3
    assert len(COMMANDS) >= 4
    assert {block.lang for block in BLOCKS} <= {"yaml", "text", "sh"}


@pytest.mark.parametrize("block", PROGRAMS, ids=ids(PROGRAMS))
def test_program_example_loads_and_satisfies_the_schema(block: Block) -> None:
    check(block)
    schema = yaml.safe_load(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.validate(yaml.safe_load(block.text), schema)


@pytest.mark.parametrize("block", BROKEN_BLOCKS, ids=ids(BROKEN_BLOCKS))
def test_broken_example_is_refused(block: Block) -> None:
    with pytest.raises(RoutineFileError):
        check(block)


def test_fragments_are_routines_lists() -> None:
    fragments = [b for b in BLOCKS if b.lang == "yaml" and not b.is_program and not b.broken]
    assert fragments
    for block in fragments:
        text = "title: T\nschedule:\n  - days: 1\n" + "".join(
            f"    {line}" for line in block.text.splitlines(keepends=True)
        )
        program = parse_program(text.encode(), "docs.yaml", "docs")
        assert routine_problems(program, CATALOG.entries) == []


@pytest.mark.parametrize("block", COMMANDS, ids=ids(COMMANDS))
def test_real_output_is_what_breathe_prints(
    block: Block,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    command, _, expected = block.text.partition("\n")
    argv = shlex.split(command.removeprefix("$ breathe "))
    assert argv[0] == "validate"
    files: dict[str, Block] = {}
    for saved in BLOCKS:
        if saved.file_name and saved.line < block.line:
            files[saved.file_name] = saved
    for name, saved in files.items():
        (tmp_path / name).write_text(saved.text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    capsys.readouterr()
    status = main(argv)
    printed = capsys.readouterr().out
    assert output_lines(printed) == expected.rstrip("\n").split("\n")
    assert status == (1 if files[argv[1]].broken else 0)


# -- tables -----------------------------------------------------------------------------------

RECORDS: dict[str, Record] = {
    record.name: record for record in (PROGRAM, STAGE, PLANNED_ROUTINE, LIGHTER_DAYS, ALTERNATIVE)
}


def table_after(marker: str) -> list[list[str]]:
    return doc_page.table_after(LINES, WHERE, marker)


def phrases(spec: Spec) -> list[str]:
    if isinstance(spec, Text):
        return [f"up to {spec.max_length:,} characters"]
    if isinstance(spec, Choice):
        return [f"`{option}`" for option in spec.options]
    if isinstance(spec, ListOf):
        found = [f"{spec.min_items} to {spec.max_items} {spec.noun}"]
        return found + (phrases(spec.item) if isinstance(spec.item, Text) else [])
    if isinstance(spec, DayRangeSpec):
        return [f"from 1 to {spec.maximum}"]
    if isinstance(spec, FormatVersion):
        return [f"`{PROGRAM_FORMAT_VERSION}`"]
    if isinstance(spec, Whole):
        return [f"from {spec.minimum} to {spec.maximum}"]
    if isinstance(spec, (PlannedRoutineSpec, RoutineNameSpec, Record)):
        return []  # described in their own tables
    pytest.fail(f"no rule for documenting {type(spec).__name__}")


@pytest.mark.parametrize("name", sorted(RECORDS))
def test_key_table_matches_the_declaration(name: str) -> None:
    record = RECORDS[name]
    rows = table_after(f"keys: {name}")
    assert sorted(row[0].strip("`") for row in rows) == sorted(record.fields)
    either = {key for group in record.one_of for key in group}
    for key_cell, required, default, what in rows:
        key = key_cell.strip("`")
        field = record.fields[key]
        if field.required:
            assert (required, default) == ("**yes**", "—"), key
        elif key in either:
            assert required == "one of the two", key
        else:
            assert required == "no" and default != "—", key
        for phrase in phrases(field.spec):
            assert phrase.lower() in what.lower(), f"`{key}`: the doc must say {phrase!r}"


def test_parts_of_the_day_table() -> None:
    rows = table_after("parts of the day")
    assert [(row[0].strip("`"), row[1]) for row in rows] == [
        (str(part), f"{hour}:00") for hour, part in PART_OF_DAY_STARTS
    ]


def test_limits_quoted_in_prose() -> None:
    assert f"at most {MAX_DAYS} days long" in DOC
    assert f"from 1 to {MAX_WEEKS}" in DOC
    assert f"1 to {MAX_STAGES} entries" in DOC
    assert f"1 to {MAX_ROUTINES_A_DAY} routines" in DOC
    assert f"1 to {MAX_CHECKLIST} items" in DOC
    bundled = (BUNDLED_ROUTINES / "programs" / "circulation-60-day.yaml").read_text()
    assert bundled.split("\n", 1)[0] in DOC
    assert "`days: 43-60`" in DOC and "- days: 43-60" in bundled
