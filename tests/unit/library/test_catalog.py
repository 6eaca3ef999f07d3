"""Where routines come from: bundled, the user's folder, explicit paths."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from breathe.core import timeline as timeline_module
from breathe.core.model import Routine
from breathe.core.problems import RoutineFileError
from breathe.core.timeline import Timeline, compile_timeline
from breathe.library.catalog import Catalog, Source
from breathe.library.locations import bundled_routines_dir, user_routines_dir
from tests.support.repo import BUNDLED_ROUTINES, WriteRoutine

REST = "  - rest: Sit\n    duration: 10s\n"
SHORT = "title: {title}\nsteps:\n  - rest: Sit\n    duration: {seconds}s\n"


def test_bundled_folder_is_the_top_level_routines_folder() -> None:
    assert bundled_routines_dir() == BUNDLED_ROUTINES
    catalog = Catalog.load(bundled_routines_dir(), user_routines_dir())
    names = [entry.name for entry in catalog.sorted_entries()]
    assert "extended-exhale" in names
    assert "gentle-spinal-twists" in names
    assert all(entry.source is Source.BUNDLED and entry.ok for entry in catalog.entries.values())


def test_user_folder_lives_in_the_platform_data_dir(isolated_user_dirs: Path) -> None:
    folder = user_routines_dir()
    assert folder == isolated_user_dirs / "data" / "breathe" / "routines"
    assert not folder.exists()
    assert user_routines_dir(create=True).is_dir()


def test_user_routine_overrides_a_bundled_one(
    user_routines: Path, write_routine: WriteRoutine
) -> None:
    write_routine(
        "extended-exhale", SHORT.format(title="My exhale", seconds=30), folder=user_routines
    )
    catalog = Catalog.load(BUNDLED_ROUTINES, user_routines)
    entry = catalog.find("extended-exhale")
    assert entry.source is Source.USER
    assert entry.routine is not None and entry.routine.title == "My exhale"
    assert entry.overrides == BUNDLED_ROUTINES / "extended-exhale.yaml"
    assert catalog.timeline(entry).total_ms == 30_000


def test_broken_user_file_is_listed_with_its_first_problem(
    user_routines: Path, write_routine: WriteRoutine
) -> None:
    write_routine("broken", "title: Broken\nstepz: []\n", folder=user_routines)
    (user_routines / "binary.yaml").write_bytes(b"\xff\xfe\x00garbage")
    write_routine("fine", SHORT.format(title="Fine", seconds=20), folder=user_routines)
    catalog = Catalog.load(BUNDLED_ROUTINES, user_routines)
    broken = catalog.find("broken")
    assert not broken.ok
    assert [problem.key_path for problem in broken.problems] == ["(document)", "stepz"]
    assert "needs `steps`" in broken.problems[0].message
    assert "did you mean `steps`?" in str(broken.problems[1])
    assert not catalog.find("binary").ok
    assert catalog.find("fine").ok
    with pytest.raises(RoutineFileError):
        catalog.timeline(broken)


def test_hidden_and_non_yaml_files_are_ignored(
    user_routines: Path, write_routine: WriteRoutine
) -> None:
    write_routine(".hidden", SHORT.format(title="Hidden", seconds=5), folder=user_routines)
    (user_routines / "notes.txt").write_text("not a routine")
    write_routine("also.yml", SHORT.format(title="Yml", seconds=5), folder=user_routines)
    catalog = Catalog.load(BUNDLED_ROUTINES, user_routines)
    user_names = {e.name for e in catalog.entries.values() if e.source is Source.USER}
    assert user_names == {"also"}


def test_find_by_path_and_unknown_names(tmp_path: Path, write_routine: WriteRoutine) -> None:
    path = write_routine("elsewhere", SHORT.format(title="Elsewhere", seconds=12))
    catalog = Catalog.load(BUNDLED_ROUTINES, tmp_path / "no-user")
    entry = catalog.find(str(path))
    assert (entry.source, entry.name) == (Source.FILE, "elsewhere")
    with pytest.raises(LookupError, match=r"did you mean `extended-exhale`\?"):
        catalog.find("extended-exhail")
    with pytest.raises(LookupError, match="no routine file at"):
        catalog.find(str(tmp_path / "missing.yaml"))


def test_includes_look_next_to_a_file_first_then_by_name(
    tmp_path: Path, user_routines: Path, write_routine: WriteRoutine
) -> None:
    project = tmp_path / "project"
    write_routine("warmup", SHORT.format(title="Local warm-up", seconds=7), folder=project)
    write_routine("warmup", SHORT.format(title="User warm-up", seconds=9), folder=user_routines)
    main = write_routine(
        "main",
        "title: Main\nsteps:\n  - include: warmup\n  - include: gentle-spinal-twists\n",
        folder=project,
    )
    catalog = Catalog.load(BUNDLED_ROUTINES, user_routines)
    timeline = catalog.timeline(catalog.find(str(main)))
    assert timeline.steps[0].title == "Sit"
    assert timeline.steps[0].duration_ms == 7_000  # the sibling, not the user's
    assert any(step.routine == "gentle-spinal-twists" for step in timeline.steps)

    # A routine in the user folder resolves names through the catalog.
    write_routine("uses", "title: Uses\nsteps:\n  - include: warmup\n", folder=user_routines)
    catalog = Catalog.load(BUNDLED_ROUTINES, user_routines)
    assert catalog.timeline(catalog.find("uses")).total_ms == 9_000


def test_include_of_missing_or_broken_routine_is_reported_at_the_include(
    user_routines: Path, write_routine: WriteRoutine
) -> None:
    write_routine("broken", "title: Broken\n", folder=user_routines)
    write_routine(
        "main",
        "title: Main\nsteps:\n  - include: gentle-spinal-twist\n  - include: broken\n",
        folder=user_routines,
    )
    catalog = Catalog.load(BUNDLED_ROUTINES, user_routines)
    with pytest.raises(RoutineFileError) as caught:
        catalog.timeline(catalog.find("main"))
    missing, broken = caught.value.problems
    assert (missing.line, missing.column, missing.key_path) == (3, 14, "steps[1].include")
    assert missing.hint == "did you mean `gentle-spinal-twists`?"
    assert (broken.line, broken.key_path) == (4, "steps[2].include")
    assert "`broken` cannot be included" in broken.message
    assert "needs `steps`" in (broken.hint or "")


def test_a_length_is_the_timeline_s_total_and_a_broken_routine_has_none(
    user_routines: Path, write_routine: WriteRoutine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`total_ms` (what the library lists) checks as `timeline` does, without segments."""
    write_routine("broken", "title: Broken\n", folder=user_routines)
    write_routine("loop", "title: Loop\nsteps:\n  - include: loop\n", folder=user_routines)
    write_routine(
        "main",
        "title: Main\nsteps:\n  - include: gentle-spinal-twist\n  - include: broken\n",
        folder=user_routines,
    )
    compiled: list[
        str
    ] = []  # what compile_timeline is asked for while a length is found (the catalog
    # imports it from its module when it first compiles)

    def compile_and_tell(routine: Routine, *args: Any) -> Timeline:
        compiled.append(routine.name)
        return compile_timeline(routine, *args)

    catalog = Catalog.load(BUNDLED_ROUTINES, user_routines)
    for entry in catalog.sorted_entries():
        fresh = Catalog.load(BUNDLED_ROUTINES, user_routines)  # no timeline made yet
        same = fresh.entries[entry.name]
        if entry.name in ("broken", "loop", "main"):
            with pytest.raises(RoutineFileError) as expected:
                catalog.timeline(entry)
            with pytest.raises(RoutineFileError) as caught:
                fresh.total_ms(same)
            assert caught.value.problems == expected.value.problems, entry.name
            continue
        compiled.clear()
        with monkeypatch.context() as patch:
            patch.setattr(timeline_module, "compile_timeline", compile_and_tell)
            total = fresh.total_ms(same)
        assert total == catalog.timeline(entry).total_ms > 0, entry.name
        assert compiled == []  # no segments were made for it
    assert {"broken", "loop", "main"} <= set(catalog.entries)


def test_two_files_with_one_name_are_reported_not_silently_dropped(
    user_routines: Path, write_routine: WriteRoutine
) -> None:
    write_routine("calm.yaml", SHORT.format(title="Calm A", seconds=5), folder=user_routines)
    write_routine("calm.yml", SHORT.format(title="Calm B", seconds=6), folder=user_routines)
    catalog = Catalog.load(BUNDLED_ROUTINES, user_routines)
    entry = catalog.find("calm")
    assert not entry.ok
    (problem,) = entry.problems
    assert problem.message == "two routine files are named `calm`: calm.yaml and calm.yml"
    assert problem.hint == "rename or remove one of them"


def test_problems_in_an_included_neighbour_are_shown_as_the_user_typed_the_path(
    tmp_path: Path, write_routine: WriteRoutine, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "project"
    write_routine("warmup", "title: Warm up\nsteps:\n  - rest: Sway\n    duration: 0s\n", project)
    write_routine("main", "title: Main\nsteps:\n  - include: warmup\n", project)
    monkeypatch.chdir(tmp_path)
    catalog = Catalog.load(BUNDLED_ROUTINES, tmp_path / "no-user")
    with pytest.raises(RoutineFileError) as caught:
        catalog.timeline(catalog.find("project/main.yaml"))
    include_problem = caught.value.first
    assert include_problem.path == "project/main.yaml"
    assert (include_problem.hint or "").startswith("first: project/warmup.yaml:4:15: ")


def test_timeline_carries_the_safety_notes_of_includes(
    tmp_path: Path, write_routine: WriteRoutine
) -> None:
    write_routine(
        "holds",
        "title: Holds\nsafety: No breath holds in pregnancy.\nsteps:\n"
        "  - breathe: Box\n    pattern: 4-4-4-4\n    cycles: 2\n",
        tmp_path,
    )
    main = write_routine(
        "main",
        "title: Main\nsafety: Stop if dizzy.\nsteps:\n  - include: holds\n  - include: holds\n",
        tmp_path,
    )
    catalog = Catalog.load(BUNDLED_ROUTINES, tmp_path / "no-user")
    timeline = catalog.timeline(catalog.find(str(main)))
    assert timeline.safety == ("Stop if dizzy.", "No breath holds in pregnancy.")


def test_a_sentence_said_by_an_earlier_safety_note_is_not_repeated(
    tmp_path: Path, write_routine: WriteRoutine
) -> None:
    disclaimer = "This is educational, not medical advice."
    write_routine("a", f"title: A\nsafety: Go slowly. {disclaimer}\nsteps:\n{REST}", tmp_path)
    write_routine("b", f"title: B\nsafety: >\n  {disclaimer}\nsteps:\n{REST}", tmp_path)
    main = write_routine(
        "main",
        f"title: Main\nsafety: Stop if dizzy. {disclaimer}\nsteps:\n"
        "  - include: a\n  - include: b\n",
        tmp_path,
    )
    catalog = Catalog.load(BUNDLED_ROUTINES, tmp_path / "no-user")
    timeline = catalog.timeline(catalog.find(str(main)))
    assert timeline.safety == (f"Stop if dizzy. {disclaimer}", "Go slowly.")


def test_a_routine_file_is_read_when_first_needed(
    user_routines: Path, write_routine: WriteRoutine
) -> None:
    """`breathe play NAME` reads the file it plays (and what that includes), not the others:
    listing a folder reads names only, so the content seen is the content when first asked."""
    write_routine("one", SHORT.format(title="One", seconds=30), folder=user_routines)
    other = write_routine("other", SHORT.format(title="Other", seconds=30), folder=user_routines)
    catalog = Catalog.load(tmp_empty := user_routines / "no-bundled", user_routines)
    assert not tmp_empty.exists()
    other.write_text("title: [unclosed\n", encoding="utf-8")  # broken after listing
    one = catalog.find("one")
    assert catalog.timeline(one).total_ms == 30_000
    broken = catalog.find("other")
    assert not broken.ok
    assert broken.problems[0].line == 1  # the `[` that is never closed
    other.write_text(SHORT.format(title="Other", seconds=30), encoding="utf-8")
    assert not catalog.find("other").ok  # read once, then kept: one answer per catalog


def test_a_file_name_with_control_characters_is_listed_escaped_and_broken(
    user_routines: Path, write_routine: WriteRoutine
) -> None:
    write_routine("evil\x1b[31m", SHORT.format(title="Evil", seconds=30), folder=user_routines)
    catalog = Catalog.load(user_routines / "no-bundled", user_routines)
    (entry,) = catalog.entries.values()
    assert entry.name == "evil\\x1b[31m"
    assert not entry.ok
    assert "contains control characters" in entry.problems[0].message
    assert "\x1b" not in str(entry.problems[0])


def test_a_mistyped_include_beside_the_file_is_suggested_and_the_places_looked_named(
    tmp_path: Path, write_routine: WriteRoutine, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "project"
    write_routine("arrive", SHORT.format(title="Arrive", seconds=60), project)
    write_routine("main", "title: Main\nsteps:\n  - include: arive\n", project)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path))
    catalog = Catalog.load(BUNDLED_ROUTINES, tmp_path / "mine")
    with pytest.raises(RoutineFileError) as caught:
        catalog.timeline(catalog.find("project/main.yaml"))
    problem = caught.value.first
    assert (problem.path, problem.line, problem.column) == ("project/main.yaml", 3, 14)
    assert problem.message == (
        "no routine is named `arive` in `project` (beside this file), `~/mine` (your "
        "routines) or breathe's bundled routines"
    )
    assert problem.hint == "did you mean `arrive`?"


def test_an_included_routine_with_problems_is_named_by_the_path_shown_not_the_full_one(
    tmp_path: Path, write_routine: WriteRoutine, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "project"
    write_routine("warmup", "title: Warm up\nsteps:\n  - rest: Sway\n    duration: 0s\n", project)
    write_routine("main", "title: Main\nsteps:\n  - include: warmup\n", project)
    monkeypatch.chdir(tmp_path)
    catalog = Catalog.load(BUNDLED_ROUTINES, tmp_path / "no-user")
    with pytest.raises(RoutineFileError) as caught:
        catalog.timeline(catalog.find("project/main.yaml"))
    assert caught.value.first.message == (
        "`warmup` cannot be included: project/warmup.yaml has 1 problem"
    )


def test_a_broken_file_of_the_user_folder_is_named_from_home(
    isolated_user_dirs: Path, user_routines: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The person never typed the full path of their folder: `~/...`, as they would."""
    monkeypatch.setenv("HOME", str(isolated_user_dirs))
    (user_routines / "broken.yaml").write_text("title: Broken\n", encoding="utf-8")
    catalog = Catalog.load(BUNDLED_ROUTINES, user_routines)
    problem = catalog.find("broken").problems[0]
    assert problem.path == "~/data/breathe/routines/broken.yaml"
    assert catalog.find("broken").shown_path == "~/data/breathe/routines/broken.yaml"
