"""`breathe new`: every scaffold is valid, plays, and satisfies the editor schema; names are
checked; nothing is overwritten without --force, and a replaced file is kept."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from breathe.cli import build_parser, main
from breathe.core.timeline import SegmentKind, StepKind
from breathe.format.loader import parse_routine
from breathe.format.schema import routine_json_schema_text
from breathe.library.catalog import Catalog
from breathe.library.scaffolds import KINDS, retitled, scaffold, title_from_name, yaml_text
from tests.support.repo import BUNDLED_ROUTINES, WriteRoutine

SCHEMA_LINE = "# yaml-language-server: $schema=routine.schema.json"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def files_under(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.mark.parametrize("kind", KINDS)
def test_the_command_offers_every_kind(kind: str) -> None:
    assert build_parser(["new"]).parse_args(["new", "calm", "--kind", kind]).kind == kind


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_is_written_valid_and_plays(
    kind: str,
    capsys: pytest.CaptureFixture[str],
    user_routines: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(user_routines.parent)
    code, out, _ = run(capsys, "new", "evening-calm", "--kind", kind)
    assert code == 0
    path = user_routines / "evening-calm.yaml"
    lines = out.splitlines()
    assert lines[0] == f"wrote routines/evening-calm.yaml: a {kind} routine to start from, " + (
        "titled “Evening calm”"
    )
    assert lines[1] == "wrote routines/routine.schema.json: the schema editors check routines with"
    assert "breathe play evening-calm --watch" in lines[2]
    text = path.read_text(encoding="utf-8")
    assert text.split("\n", 1)[0] == SCHEMA_LINE
    schema_text = (user_routines / "routine.schema.json").read_text(encoding="utf-8")
    assert schema_text == routine_json_schema_text()
    jsonschema.validate(yaml.safe_load(text), json.loads(schema_text))

    assert run(capsys, "validate", str(path))[:2] == (0, "checked 1 file: valid\n")
    catalog = Catalog.load(BUNDLED_ROUTINES, user_routines)
    entry = catalog.entries["evening-calm"]
    timeline = catalog.timeline(entry)
    assert timeline.title == "Evening calm"
    kinds = {step.kind for step in timeline.steps}
    if kind in ("breathing", "mixed"):
        assert StepKind.BREATHING in kinds
    if kind in ("poses", "mixed"):
        assert StepKind.POSE in kinds
    assert SegmentKind.INHALE in {segment.kind for segment in timeline.segments}
    assert 60_000 < timeline.total_ms < 10 * 60_000


def test_scaffolds_are_commented_for_a_beginner() -> None:
    text = scaffold("mixed", "Evening", schema_ref="routine.schema.json", file_name="e.yaml")
    comments = [line for line in text.splitlines() if "#" in line]
    assert len(comments) >= 15
    assert "# Check it:  breathe validate e.yaml" in text
    assert "Indent with spaces, never tabs." in text


@pytest.mark.parametrize(
    "title",
    ["Evening: calm", "Round #2", "[Draft] evening", "*slowly*", "yes", "1:30", "Café", " padded"],
)
def test_any_title_reads_back_exactly(title: str) -> None:
    text = scaffold("poses", title.strip(), schema_ref="x.json", file_name="x.yaml")
    assert parse_routine(text.encode(), "x.yaml", "x").title == title.strip()
    assert yaml.safe_load(f"title: {yaml_text(title)}")["title"] == title


def test_title_from_name() -> None:
    assert title_from_name("evening-wind_down") == "Evening wind down"
    assert title_from_name("4-7-8") == "4 7 8"


def test_refuses_to_overwrite_then_force_keeps_the_old_file(
    capsys: pytest.CaptureFixture[str], user_routines: Path
) -> None:
    path = user_routines / "mine.yaml"
    path.write_text("title: Mine\nsteps:\n  - rest: Sit\n    duration: 10s\n", encoding="utf-8")
    before = files_under(user_routines.parent)

    code, out, _ = run(capsys, "new", "mine")
    assert code == 1
    assert "mine.yaml already exists; nothing was written." in out
    assert "add --force to replace it" in out
    assert files_under(user_routines.parent) == before

    code, out, _ = run(capsys, "new", "mine", "--force", "--kind", "poses")
    assert code == 0
    assert "the file it replaced is kept in" in out
    kept = list((user_routines.parent / "replaced").rglob("mine.yaml"))
    assert len(kept) == 1
    assert kept[0].read_bytes() == before["routines/mine.yaml"]
    assert "pose: Low lunge" in path.read_text(encoding="utf-8")


def test_a_file_of_the_other_suffix_is_a_clash_even_with_force(
    capsys: pytest.CaptureFixture[str], user_routines: Path
) -> None:
    (user_routines / "mine.yml").write_text("title: M\nsteps:\n  - rest: S\n    duration: 9s\n")
    code, out, _ = run(capsys, "new", "mine", "--force")
    assert code == 1
    assert "A routine can have only one file" in out
    assert not (user_routines / "mine.yaml").exists()


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("bad/name", "cannot be a routine's name"),
        (".hidden", "cannot be a routine's name"),
        ("café", "cannot be a routine's name"),
        ("a" * 81, "a name has at most 80"),
    ],
)
def test_names_are_checked(
    name: str, why: str, capsys: pytest.CaptureFixture[str], isolated_user_dirs: Path
) -> None:
    code, out, err = run(capsys, "new", name)
    assert code == 2
    assert out == ""
    assert err.startswith("breathe: new: ")
    assert why in err
    assert not (isolated_user_dirs / "data").exists()


def test_kind_and_from_do_not_go_together(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "new", "x", "--kind", "poses", "--from", "extended-exhale")
    assert code == 2
    assert "--kind and --from do not go together" in err


def test_from_copies_a_routine_with_a_new_title(
    capsys: pytest.CaptureFixture[str], user_routines: Path
) -> None:
    code, out, _ = run(
        capsys, "new", "my-twists", "--from", "gentle-spinal-twists", "--title", "My twists: v2"
    )
    assert code == 0
    assert "a copy of gentle-spinal-twists, titled “My twists: v2”" in out
    original = (BUNDLED_ROUTINES / "gentle-spinal-twists.yaml").read_text(encoding="utf-8")
    copy = (user_routines / "my-twists.yaml").read_text(encoding="utf-8")
    assert copy.split("\n", 1)[0] == SCHEMA_LINE
    # Everything but the schema line and the title is kept, comments included.
    changed = [
        (old, new)
        for old, new in zip(original.splitlines(), copy.splitlines(), strict=True)
        if old != new
    ]
    assert [new for _, new in changed] == [SCHEMA_LINE, 'title: "My twists: v2"']
    catalog = Catalog.load(BUNDLED_ROUTINES, user_routines)
    mine = catalog.timeline(catalog.entries["my-twists"])
    theirs = catalog.timeline(catalog.entries["gentle-spinal-twists"])
    assert mine.title == "My twists: v2"
    assert mine.segments == theirs.segments


def test_retitled_handles_a_folded_title() -> None:
    data = b"title: >\n  Long\n  title\nsteps:\n  - rest: Sit\n    duration: 10s\n"
    text = retitled(data, "x.yaml", "Short")
    assert text.startswith("title: Short\nsteps:\n")
    assert parse_routine(text.encode(), "x.yaml", "x").title == "Short"


def test_from_a_broken_or_unknown_routine(
    capsys: pytest.CaptureFixture[str], write_routine: WriteRoutine, user_routines: Path
) -> None:
    broken = write_routine("broken", "title: B\nsteps:\n  - rest: Sit\n")
    code, out, _ = run(capsys, "new", "copy", "--from", str(broken))
    assert code == 1
    assert "broken.yaml:3:5: steps[1]: a rest step needs `duration`" in out
    assert not (user_routines / "copy.yaml").exists()
    code, _, err = run(capsys, "new", "copy", "--from", "no-such-routine")
    assert code == 2
    assert "no routine is named `no-such-routine`" in err


def test_a_copy_that_would_not_play_where_it_goes_is_not_written(
    capsys: pytest.CaptureFixture[str], write_routine: WriteRoutine, user_routines: Path
) -> None:
    """An include found next to the original file is not there from the user folder."""
    write_routine("warm", "title: W\nsteps:\n  - rest: Sit\n    duration: 10s\n")
    source = write_routine("main", "title: M\nsteps:\n  - include: warm\n")
    code, out, _ = run(capsys, "new", "copy", "--from", str(source))
    assert code == 1
    assert "steps[1].include: no routine is named `warm`" in out
    assert "would not play there; nothing was written." in out
    assert list(user_routines.iterdir()) == []


def test_output_folder_or_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run(capsys, "new", "first", "-o", "drafts")[0] == 0
    assert (tmp_path / "drafts" / "first.yaml").is_file()
    assert (tmp_path / "drafts" / "routine.schema.json").is_file()
    code, out, _ = run(capsys, "new", "second-draft", "-o", "drafts/second.yml")
    assert code == 0
    # The file names the routine (`second`); NAME still gives the title, as --help says.
    assert out.startswith(
        "wrote drafts/second.yml: a mixed routine to start from, titled “Second draft”"
    )
    assert "title: Second draft\n" in (tmp_path / "drafts" / "second.yml").read_text()
    assert "breathe play drafts/second.yml --watch" in out
    code, out, _ = run(capsys, "new", "x", "-o", "drafts/third.yaml", "--title", "Own")
    assert "titled “Own”" in out
    assert run(capsys, "validate", "drafts")[:2] == (0, "checked 3 files: all valid\n")


def test_the_repository_routines_folder_points_at_the_committed_schema(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from breathe.library.scaffolds import schema_reference

    assert schema_reference(BUNDLED_ROUTINES) == "../breathe/schemas/routine.schema.json"
    assert schema_reference(tmp_path) == "routine.schema.json"
