"""docs/routines.md stays true: its examples load, its outputs are real, its tables match.

Conventions in the document (one-line HTML comments, invisible when rendered):

- A ```yaml block with a top-level `title:` line is a routine: it must load with
  `parse_routine` and compile with `compile_timeline`, includes resolved by a catalog of
  the bundled routines and, as the user's own, the files the document saved so far. Other
  ```yaml blocks are fragments: a list of steps must play when put under `steps:`,
  top-level keys must load when completed with a title and a step, and anything else must
  at least be YAML that breathe reads.
- `<!-- broken example -->` on the line just before a ```yaml fence: the block must be
  refused (RoutineFileError), by the same checks.
- `<!-- file: NAME.yaml -->` just above a ```yaml fence (above a broken marker, if any):
  the block is saved as NAME.yaml. A ```text block whose first line is `$ breathe ...`
  holds real output: the command is run with `breathe.cli.main` in a folder holding every
  file saved so far in the document (the latest version of each), and must print exactly
  the rest of the block (trailing spaces aside).
- `<!-- keys: RECORD -->` before a table: the table lists exactly the keys of that record
  of breathe/format/routine_spec.py, says "yes" for required keys, and quotes each key's
  limits as the declaration states them.
- `<!-- durations -->` before a table: each `written` value is held as the milliseconds
  shown, or is "not accepted".
- `<!-- sound file: NAME.wav -->` above a ```yaml fence (or above its other markers): from
  that block on, the folder the examples are checked in holds NAME.wav, a real cue.
"""

from __future__ import annotations

import re
import shlex
import textwrap
from pathlib import Path

import jsonschema
import pytest
import yaml
from yaml.nodes import MappingNode, ScalarNode

from breathe.cli import main
from breathe.core.durations import format_duration, parse_duration
from breathe.core.model import DEFAULT_SWITCH_MS, FORMAT_VERSION, BreathPattern, Progression
from breathe.core.problems import RoutineFileError
from breathe.core.timeline import MAX_TOTAL_MS, Timeline, compile_timeline
from breathe.format import routine_spec
from breathe.format.loader import parse_routine
from breathe.format.routine_spec import (
    HOUR,
    MAX_REPEAT,
    MAX_SAY_LENGTH,
    NAME_PATTERN,
    PHASES,
    ROUTINE,
    ROUTINE_SOUNDS,
    SECOND,
    STEP,
    STEP_SOUNDS,
    PatternSpec,
    SaySpec,
    SidesSpec,
    SoundSpec,
)
from breathe.format.schema import SCHEMA_PATH
from breathe.format.spec import Choice, Duration, FormatVersion, ListOf, Record, Spec, Text, Whole
from breathe.format.yaml_source import MAX_DEPTH, MAX_FILE_BYTES, read_yaml
from breathe.format.yes_no import YesNo
from breathe.library.catalog import Catalog
from tests.support import doc_page
from tests.support.doc_page import BROKEN, MARKER_RE, output_lines
from tests.support.repo import BUNDLED_ROUTINES, REPO

WHERE = "docs/routines.md"
DOC_PATH = REPO / WHERE
DOC = DOC_PATH.read_text(encoding="utf-8")
LINES = DOC.split("\n")

FILE_MARKER_RE = re.compile(r"^file: ([A-Za-z0-9][A-Za-z0-9_.-]*\.ya?ml)$")
KEYS_MARKER_RE = re.compile(r"^keys: ([a-z-]+)$")
SOUND_MARKER_RE = re.compile(r"^sound file: ([A-Za-z0-9][A-Za-z0-9_.-]*\.wav)$")
TOP_LEVEL_TITLE_RE = re.compile(r"^title:", re.MULTILINE)
COMMAND_PREFIX = "$ breathe "
COMMANDS = ("validate", "show")  # the commands an output block may run


class Block(doc_page.Block):
    """A fenced block of the document."""

    file_marker = FILE_MARKER_RE

    @property
    def is_routine(self) -> bool:
        return self.lang == "yaml" and bool(TOP_LEVEL_TITLE_RE.search(self.text))

    @property
    def is_command(self) -> bool:
        return self.lang == "text" and self.text.startswith(COMMAND_PREFIX)


BLOCKS = doc_page.fenced_blocks(LINES, WHERE, Block)
YAML_BLOCKS = [block for block in BLOCKS if block.lang == "yaml"]
ROUTINES = [block for block in YAML_BLOCKS if block.is_routine and not block.broken]
BROKEN_BLOCKS = [block for block in YAML_BLOCKS if block.broken]
FRAGMENTS = [block for block in YAML_BLOCKS if not block.is_routine and not block.broken]
COMMAND_BLOCKS = [block for block in BLOCKS if block.is_command]
FILE_BLOCKS = [block for block in YAML_BLOCKS if block.file_name]


def ids(blocks: list[Block]) -> list[str]:
    return [block.id for block in blocks]


def files_up_to(line: int) -> dict[str, Block]:
    """Every file saved by the document up to `line`, each in its latest version."""
    files: dict[str, Block] = {}
    for block in FILE_BLOCKS:
        if block.line <= line:
            assert block.file_name is not None
            files[block.file_name] = block
    return files


def write_files(folder: Path, line: int) -> dict[str, Block]:
    files = files_up_to(line)
    for name, block in files.items():
        (folder / name).write_text(block.text, encoding="utf-8")
    for text in LINES[:line]:  # the sound files named so far
        marker = MARKER_RE.match(text)
        sound = SOUND_MARKER_RE.match(marker.group(1)) if marker else None
        if sound:
            (folder / sound.group(1)).write_bytes((REPO / "sounds" / "step.wav").read_bytes())
    return files


# -- the document's own conventions ---------------------------------------------------------


def test_the_document_has_every_kind_of_example() -> None:
    """Guards the extraction itself: if it silently found nothing, every test would pass."""
    assert len(ROUTINES) >= 10
    assert len(BROKEN_BLOCKS) >= 10
    assert len(COMMAND_BLOCKS) >= 18
    assert len(FRAGMENTS) >= 12
    assert {block.lang for block in BLOCKS} <= {"yaml", "text", "sh"}


def test_markers_are_known_and_in_their_place() -> None:
    for index, line in enumerate(LINES):
        where = f"docs/routines.md:{index + 1}"
        if not line.startswith("<!--") or line == "<!--":
            continue
        match = MARKER_RE.match(line)
        assert match, f"{where}: a marker is a one-line comment: {line!r}"
        marker = match.group(1)
        after = LINES[index + 1] if index + 1 < len(LINES) else ""
        if marker == BROKEN:
            assert after == "```yaml", f"{where}: `{BROKEN}` goes just before a ```yaml fence"
        elif FILE_MARKER_RE.match(marker):
            assert after == "```yaml" or after == f"<!-- {BROKEN} -->", (
                f"{where}: a file marker goes just above a ```yaml fence"
            )
        elif SOUND_MARKER_RE.match(marker):
            assert after == "```yaml" or MARKER_RE.match(after), (
                f"{where}: a sound file marker goes above a ```yaml fence or its markers"
            )
        elif KEYS_MARKER_RE.match(marker) or marker == "durations":
            assert after.startswith("| "), f"{where}: `{marker}` goes just before a table"
        else:
            pytest.fail(f"{where}: unknown marker {marker!r}")


def test_every_saved_file_is_used() -> None:
    """A file block is named by a later command, or included by a file that is."""
    used: set[str] = set()
    for block in COMMAND_BLOCKS:
        used.update(shlex.split(block.text.split("\n", 1)[0].removeprefix("$ ")))
    for block in FILE_BLOCKS:
        used.update(f"{name}.yaml" for name in re.findall(r"include: (\S+)", block.text))
    for block in FILE_BLOCKS:
        assert block.file_name in used, f"docs/routines.md:{block.line}: nothing uses this file"


# -- yaml examples ----------------------------------------------------------------------------


def check_routine(
    data: str, block: Block, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> Timeline:
    """Load and compile `data` as breathe would; raises RoutineFileError.

    `folder` is the user's routine folder, holding the files the document saved so far
    (this block included), so that includes among the document's examples resolve.
    """
    write_files(folder, block.line)
    monkeypatch.chdir(folder)
    routine = parse_routine(data.encode("utf-8"), "docs-example.yaml", "docs-example")
    catalog = Catalog.load(REPO / "routines", folder)
    return compile_timeline(routine, catalog.resolve_include)


def check_fragment(block: Block, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Check a fragment as much as it can be: raises RoutineFileError when it is wrong."""
    meaningful = [
        line for line in block.text.splitlines() if line.strip() and not line.startswith("#")
    ]
    if not meaningful:  # comments only: the editor's schema line
        for line in block.text.splitlines():
            assert re.fullmatch(r"# yaml-language-server: \$schema=\S+", line), line
        return
    if meaningful[0].startswith("- "):  # steps
        routine = "title: Docs fragment\nsteps:\n" + textwrap.indent(block.text, "  ")
        check_routine(routine, block, folder, monkeypatch)
        return
    node = read_yaml(block.text.encode("utf-8"), "docs-example.yaml")
    if isinstance(node, MappingNode):
        keys = {key.value for key, _ in node.value if isinstance(key, ScalarNode)}
        if keys <= set(ROUTINE.fields):  # top-level keys: complete them into a routine
            routine = block.text
            if "title" not in keys:
                routine = "title: Docs fragment\n" + routine
            if "steps" not in keys:
                routine += "steps:\n  - rest: Rest\n    duration: 10s\n"
            check_routine(routine, block, folder, monkeypatch)


def check_block(block: Block, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if block.is_routine:
        check_routine(block.text, block, folder, monkeypatch)
    else:
        check_fragment(block, folder, monkeypatch)


@pytest.mark.parametrize("block", ROUTINES, ids=ids(ROUTINES))
def test_routine_example_loads_and_plays(
    block: Block, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    timeline = check_routine(block.text, block, tmp_path, monkeypatch)
    assert isinstance(timeline, Timeline)
    assert timeline.total_ms > 0


@pytest.mark.parametrize("block", BROKEN_BLOCKS, ids=ids(BROKEN_BLOCKS))
def test_broken_example_is_refused(
    block: Block, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(RoutineFileError):
        check_block(block, tmp_path, monkeypatch)


@pytest.mark.parametrize("block", FRAGMENTS, ids=ids(FRAGMENTS))
def test_fragment_is_valid(block: Block, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    check_fragment(block, tmp_path, monkeypatch)


@pytest.mark.parametrize("block", ROUTINES, ids=ids(ROUTINES))
def test_routine_example_satisfies_the_editor_schema(block: Block) -> None:
    """What breathe accepts in the document, an editor using the schema accepts too."""
    schema = yaml.safe_load(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.validate(yaml.safe_load(block.text), schema)


# -- real output --------------------------------------------------------------------------


@pytest.mark.parametrize("block", COMMAND_BLOCKS, ids=ids(COMMAND_BLOCKS))
def test_real_output_is_what_breathe_prints(
    block: Block,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    command, _, expected = block.text.partition("\n")
    argv = shlex.split(command.removeprefix(COMMAND_PREFIX))
    assert argv and argv[0] in COMMANDS, f"docs/routines.md:{block.line}: runs {command!r}"
    files = write_files(tmp_path, block.line)
    named = [arg for arg in argv[1:] if not arg.startswith("-")]
    for name in named:
        assert name in files, f"docs/routines.md:{block.line}: no file block saves {name}"
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "80")  # the width tables are drawn at
    # A home of its own, its folders where Linux has them: messages name `~/.local/share/...`.
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "home" / ".local" / "share"))
    for variable in ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE"):
        monkeypatch.delenv(variable, raising=False)
    capsys.readouterr()

    status = main(argv)

    printed = capsys.readouterr()
    assert printed.err == ""
    assert output_lines(printed.out) == output_lines(expected)
    broken = any(files[name].broken for name in named)
    assert status == (1 if broken else 0)


# -- reference tables -----------------------------------------------------------------------

PATTERN = STEP.kinds["breathe"].fields["pattern"].spec
assert isinstance(PATTERN, PatternSpec) and PATTERN.progression_record is not None
RECORDS: dict[str, Record] = {
    record.name: record
    for record in (
        ROUTINE,
        *STEP.kinds.values(),
        PHASES,
        PATTERN.progression_record,
        ROUTINE_SOUNDS,
        STEP_SOUNDS,
    )
}
DEFAULTS = {  # what the Default column starts with, for the keys that have one
    ("routine", "format"): f"`{FORMAT_VERSION}`",
    ("pose-step", "switch"): f"`{format_duration(DEFAULT_SWITCH_MS)}`",
    ("phases", "hold"): "`0`",
    ("phases", "hold-empty"): "`0`",
}
# The include table describes this pattern in words; look again at it when it changes.
DOCUMENTED_NAME_PATTERN = r"[A-Za-z0-9][A-Za-z0-9 _.-]*"


def table_after(marker: str) -> list[list[str]]:
    return doc_page.table_after(LINES, WHERE, marker)


def limit_phrases(spec: Spec) -> list[str]:
    """How the document must quote a value's limits, from its declaration."""
    if isinstance(spec, Text):
        return [f"up to {spec.max_length:,} characters"]
    if isinstance(spec, Whole):
        return [f"from {spec.minimum} to {spec.maximum}"]
    if isinstance(spec, Duration):
        return [spec.limits.range_text()]
    if isinstance(spec, Choice):
        return [f"`{option}`" for option in spec.options]
    if isinstance(spec, ListOf):
        phrases = [f"{spec.min_items} to {spec.max_items} {spec.noun}"]
        return phrases + (limit_phrases(spec.item) if isinstance(spec.item, Text) else [])
    if isinstance(spec, FormatVersion):
        return [f"`{FORMAT_VERSION}`"]
    if isinstance(spec, SidesSpec):
        return ["`both`", "`left`", "`right`", "`[right, left]`"]
    if isinstance(spec, PatternSpec):
        return ["`from:`"] if spec.progression else ["no `from"]
    if spec in (ROUTINE_SOUNDS, STEP_SOUNDS):
        return ["[sounds](#sounds)"]
    if isinstance(spec, SoundSpec):
        return ["`none`", "`.wav`"]
    if isinstance(spec, SaySpec):
        return ["`none`", "`.wav`", f"up to {MAX_SAY_LENGTH:,} characters"]
    if isinstance(spec, YesNo):
        return ["`true` or `false`"]
    pytest.fail(f"no rule for documenting {type(spec).__name__}")


def test_every_record_has_its_table() -> None:
    documented = {
        match.group(1)
        for line in LINES
        if (marker := MARKER_RE.match(line)) and (match := KEYS_MARKER_RE.match(marker.group(1)))
    }
    assert documented == set(RECORDS)
    for kind in STEP.kinds:
        assert f"`- {kind}: " in DOC, f"the table of step kinds lacks `{kind}`"


@pytest.mark.parametrize("name", sorted(RECORDS))
def test_key_table_matches_the_declaration(name: str) -> None:
    record = RECORDS[name]
    rows = table_after(f"keys: {name}")
    keys = [row[0].strip("`") for row in rows]
    assert sorted(keys) == sorted(record.fields), "the table must list exactly the keys"
    either = {key for group in record.one_of for key in group}
    for row in rows:
        assert len(row) == 4, row
        key, required, default, what = row
        key = key.strip("`")
        field = record.fields[key]
        required = required.strip("*")
        if field.required:
            assert (required, default) == ("yes", "—"), key
        elif key in either:
            assert required == "one of the two", key
        else:
            assert required == "no", key
            assert default.startswith(DEFAULTS.get((name, key), "")) and default != "—", key
        for phrase in limit_phrases(field.spec):
            assert phrase.lower() in what.lower(), f"`{key}`: the doc must say {phrase!r}"


def test_include_names_are_described_as_declared() -> None:
    assert NAME_PATTERN == DOCUMENTED_NAME_PATTERN
    (row,) = table_after("keys: include-step")
    assert "letters, digits, spaces, `-`, `_` and `.`, starting with a letter or digit" in row[3]


# -- durations and numbers quoted in prose ------------------------------------------------

DURATION_ROWS = [
    row
    for index, line in enumerate(LINES)
    if line == "<!-- durations -->"
    for row in doc_page.table_rows(LINES, WHERE, index)
]


def test_duration_tables_are_found() -> None:
    assert len(DURATION_ROWS) >= 15
    assert any(row[2] == "not accepted" for row in DURATION_ROWS)


@pytest.mark.parametrize("row", DURATION_ROWS, ids=[row[0] for row in DURATION_ROWS])
def test_duration_example_is_held_as_shown(row: list[str]) -> None:
    written, _, held = row
    assert written.startswith("`") and written.endswith("`")
    ms = parse_duration(written.strip("`"))
    if held == "not accepted":
        assert ms is None
    else:
        assert ms == int(held.removesuffix(" ms"))


def test_durations_held_as_in_prose() -> None:
    claims = re.findall(r"`([^`]+)` is held as (\d+) ms", DOC)
    assert claims
    for written, ms in claims:
        assert parse_duration(written) == int(ms), written


def test_limits_quoted_in_prose() -> None:
    assert MAX_TOTAL_MS % HOUR == 0
    assert DEFAULT_SWITCH_MS % SECOND == 0
    for phrase in (
        f"at most {MAX_TOTAL_MS // HOUR} hours",
        f"over the limit of {format_duration(MAX_TOTAL_MS)}",
        f"At most 1 MiB ({MAX_FILE_BYTES:,} bytes)",
        f"At most {MAX_DEPTH} levels of nesting",
        f"({DEFAULT_SWITCH_MS // SECOND} seconds if you leave `switch` out)",
        f"It takes 1 to {MAX_REPEAT} rounds",
        f"1 to {routine_spec.STEPS.max_items} steps",
    ):
        assert phrase in DOC, phrase
    assert MAX_FILE_BYTES == 1024 * 1024  # "1 MiB"


def test_a_three_minute_progression_is_eighteen_breaths() -> None:
    """The document's worked example: 4-4 to 4-8 over 3m gives 18 breaths, exactly 3m."""
    step = Progression(BreathPattern(4000, 0, 4000, 0), BreathPattern(4000, 0, 8000, 0))
    assert sum(step.at(index, 18).cycle_ms for index in range(18)) == 3 * 60 * SECOND
    assert "gives 18 breaths that add up to exactly 3 minutes" in DOC


# -- editor support -------------------------------------------------------------------------


def test_schema_claims() -> None:
    assert "`breathe/schemas/routine.schema.json`" in DOC
    assert SCHEMA_PATH == REPO / "breathe" / "schemas" / "routine.schema.json"
    assert SCHEMA_PATH.is_file()
    bundled_line = "# yaml-language-server: $schema=../breathe/schemas/routine.schema.json"
    assert f"`{bundled_line}`" in DOC
    for path in sorted(BUNDLED_ROUTINES.glob("*.yaml")):
        assert path.read_text(encoding="utf-8").split("\n", 1)[0] == bundled_line, path
