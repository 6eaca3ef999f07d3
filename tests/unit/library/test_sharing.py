"""Export and import: a bundle carries every include and own sound, plays the same timeline
with the same sounds on a clean user folder, and hostile or broken input writes nothing."""

from __future__ import annotations

import hashlib
import os
import random
import stat
import struct
import wave
import zipfile
from pathlib import Path

import pytest

from breathe.cli import main
from breathe.cli.share import run_import
from breathe.core.timeline import Timeline
from breathe.library.catalog import Catalog
from breathe.library.sharing import (
    MANIFEST,
    MAX_CUE_BYTES,
    MAX_MEMBERS,
    MAX_RECORDING_BYTES,
    SharingError,
    apply_import,
    bundle_routine,
    check_bundle,
    read_bundle,
)
from tests.support.repo import BUNDLED_ROUTINES, REPO

WARM = "title: Warm-up\nsteps:\n  - rest: Arrive\n    duration: 15s\n  - include: twist\n"
TWIST = (
    "title: Twist\nsteps:\n  - pose: Seated twist\n    hold: 20s\n    sides: both\n"
    "    sounds:\n      step: sounds/gong.wav\n"
)
MAIN = (
    "# yaml-language-server: $schema=routine.schema.json\n"
    "title: Evening for students\n"
    "sounds:\n  inhale: sounds/in.wav\n"
    "steps:\n"
    "  - include: warm-up\n"
    "  - breathe: Longer out\n    pattern: 4-6\n    cycles: 3\n"
    "  - include: gentle-spinal-twists\n"
)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def tree(folder: Path) -> dict[str, bytes]:
    """Every file below `folder` (links included, as their target's path)."""
    found: dict[str, bytes] = {}
    if not folder.exists():
        return found
    for path in sorted(folder.rglob("*")):
        name = str(path.relative_to(folder))
        if path.is_symlink():
            found[name] = os.readlink(path).encode()
        elif path.is_file():
            found[name] = path.read_bytes()
    return found


@pytest.fixture
def teacher(tmp_path: Path) -> Path:
    """A teacher's drafts folder: a routine that includes a sibling that includes another,
    a bundled routine, and own sounds at two levels."""
    folder = tmp_path / "drafts"
    (folder / "sounds").mkdir(parents=True)
    (folder / "sounds" / "gong.wav").write_bytes((REPO / "sounds" / "step.wav").read_bytes())
    (folder / "sounds" / "in.wav").write_bytes((REPO / "sounds" / "inhale.wav").read_bytes())
    (folder / "warm-up.yaml").write_text(WARM, encoding="utf-8")
    (folder / "twist.yaml").write_text(TWIST, encoding="utf-8")
    (folder / "evening.yaml").write_text(MAIN, encoding="utf-8")
    (folder / "unrelated.yaml").write_text("title: U\nsteps:\n  - rest: S\n    duration: 5s\n")
    return folder


def student_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Another computer: a fresh, empty data folder."""
    home = tmp_path / "student"
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    return home / "breathe" / "routines"


def cue_sounds(timeline: Timeline) -> list[tuple[str, str, str, str]]:
    """What every step sounds like: (step, cue, as written, sha256 of the file)."""
    found = []
    for owner, sounds in [("routine", timeline.sounds)] + [
        (step.title, step.sounds) for step in timeline.steps
    ]:
        for cue, choice in sounds.chosen:
            content = choice.path.read_bytes() if choice.path else b""
            found.append((owner, cue, choice.written, hashlib.sha256(content).hexdigest()))
    return found


def played(timeline: Timeline) -> tuple[object, ...]:
    """The timeline as it plays: steps and segments (which do not hold paths)."""
    return (timeline.routine_name, timeline.title, timeline.total_ms, timeline.segments)


def steps(timeline: Timeline) -> list[tuple[object, ...]]:
    """Each step as it plays (its sounds are compared by `cue_sounds`: they hold paths)."""
    return [
        (s.kind, s.title, s.start_ms, s.duration_ms, s.pace, s.sides, s.rounds, s.routine)
        for s in timeline.steps
    ]


@pytest.mark.parametrize("target", ["evening.zip", "evening-bundle"])
def test_an_export_imported_on_a_clean_computer_plays_the_same(
    target: str,
    teacher: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "export", "drafts/evening.yaml", "-o", target)
    assert code == 0, out
    assert out.splitlines() == [
        f"exported evening and the 3 routines it includes (gentle-spinal-twists, twist, "
        f"warm-up) and 2 sound files to {target}",
        f"to play it elsewhere: breathe import {target}, then breathe play evening",
    ]
    original_catalog = Catalog.load(BUNDLED_ROUTINES, tmp_path / "teacher-user")
    original = original_catalog.timeline(original_catalog.find("drafts/evening.yaml"))

    user = student_home(tmp_path, monkeypatch)
    code, out, _ = run(capsys, "import", target)
    assert code == 0, out
    assert out.splitlines() == [
        "imported into student/breathe/routines: evening (Evening for students), "
        "twist (Twist), warm-up (Warm-up) and 2 sound files",
        "play it: breathe play evening",
    ]
    # The bundled routine was identical to the student's own bundled copy: not written.
    assert sorted(tree(user)) == [
        "evening.yaml",
        "routine.schema.json",
        "sounds/gong.wav",
        "sounds/in.wav",
        "twist.yaml",
        "warm-up.yaml",
    ]
    for name in ("evening.yaml", "twist.yaml", "warm-up.yaml", "sounds/gong.wav"):
        assert (user / name).read_bytes() == (teacher / name).read_bytes()
    catalog = Catalog.load(BUNDLED_ROUTINES, user)
    imported = catalog.timeline(catalog.entries["evening"])
    assert played(imported) == played(original)
    assert steps(imported) == steps(original)
    assert cue_sounds(imported) == cue_sounds(original)
    assert cue_sounds(original)  # the comparison compared something

    code, out, _ = run(capsys, "import", target)  # again: nothing to do
    assert code == 0
    assert (
        out.splitlines()[0] == "already in student/breathe/routines, unchanged: nothing to import"
    )


def test_the_bundle_holds_exactly_what_the_routine_needs(teacher: Path) -> None:
    catalog = Catalog.load(BUNDLED_ROUTINES, teacher.parent / "none")
    bundle = bundle_routine(catalog.find(str(teacher / "evening.yaml")), catalog)
    assert sorted(bundle.files) == [
        MANIFEST,
        "evening.yaml",
        "gentle-spinal-twists.yaml",
        "sounds/gong.wav",
        "sounds/in.wav",
        "twist.yaml",
        "warm-up.yaml",
    ]
    assert (
        bundle.files["gentle-spinal-twists.yaml"]
        == (BUNDLED_ROUTINES / "gentle-spinal-twists.yaml").read_bytes()
    )
    assert bundle.main == "evening"


def test_export_refuses_a_broken_routine_and_an_existing_target(
    teacher: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    (teacher / "twist.yaml").write_text("title: T\nsteps:\n  - pose: P\n    hold: 1s\n")
    code, out, _ = run(capsys, "export", "drafts/evening.yaml", "-o", "out.zip")
    assert code == 1
    assert "drafts/twist.yaml:4:11: steps[1].hold: 1s is too short for a pose hold" in out
    assert out.splitlines()[-1] == "evening has problems; nothing was exported"
    assert not (tmp_path / "out.zip").exists()

    (teacher / "twist.yaml").write_text(TWIST)
    (tmp_path / "out.zip").write_bytes(b"mine")
    code, out, _ = run(capsys, "export", "drafts/evening.yaml", "-o", "out.zip")
    assert code == 1
    assert out.strip() == "out.zip already exists; add --force to replace it; nothing was exported"
    assert (tmp_path / "out.zip").read_bytes() == b"mine"
    assert run(capsys, "export", "drafts/evening.yaml", "-o", "out.zip", "--force")[0] == 0
    assert zipfile.is_zipfile(tmp_path / "out.zip")


def test_export_of_an_unknown_routine_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "export", "no-such-routine", "-o", "x.zip")
    assert code == 2
    assert "no routine is named `no-such-routine`" in err


# -- import: validation first, clashes, atomic writes ----------------------------------------


def make_zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


GOOD = b"title: Good\nsteps:\n  - rest: Sit\n    duration: 10s\n"


def test_import_checks_everything_before_writing_anything(
    tmp_path: Path, user_routines: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bundle = make_zip(
        tmp_path / "mixed.zip",
        {
            "good.yaml": GOOD,
            "bad.yaml": b"title: Bad\nsteps:\n  - rest: Sit\n    duraton: 10s\n",
            "lost.yaml": b"title: Lost\nsteps:\n  - include: nowhere\n",
        },
    )
    before = tree(tmp_path)
    code, out, _ = run(capsys, "import", str(bundle))
    assert code == 1
    lines = out.splitlines()
    assert (
        f"{bundle}/bad.yaml:4:5: steps[1].duraton: `duraton` is not a key of a rest step; "
        "did you mean `duration`?" in lines
    )
    assert any(
        line.startswith(f"{bundle}/lost.yaml:3:14: steps[1].include: no routine is named")
        for line in lines
    )
    assert lines[-1] == f"{bundle} has 3 problems; nothing was imported"
    assert tree(tmp_path) == before


def test_includes_resolve_within_the_import_and_the_catalog(
    tmp_path: Path, user_routines: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (user_routines / "mine.yaml").write_bytes(GOOD)
    folder = tmp_path / "given"
    folder.mkdir()
    (folder / "a.yaml").write_text("title: A\nsteps:\n  - include: b\n  - include: mine\n")
    (folder / "b.yaml").write_text("title: B\nsteps:\n  - include: extended-exhale\n")
    code, out, _ = run(capsys, "import", str(folder))
    assert code == 0, out
    assert sorted(path.name for path in user_routines.glob("*.yaml")) == [
        "a.yaml",
        "b.yaml",
        "mine.yaml",
    ]


def test_a_name_clash_needs_an_answer_or_force_and_keeps_the_old_file(
    tmp_path: Path,
    user_routines: Path,
    isolated_user_dirs: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    mine = b"title: Mine\nsteps:\n  - rest: Mine\n    duration: 10s\n"
    (user_routines / "good.yml").write_bytes(mine)  # same name, other suffix: still a clash
    bundle = make_zip(tmp_path / "g.zip", {"good.yaml": GOOD, "other.yaml": GOOD})
    data = isolated_user_dirs / "data"
    before = tree(data)

    code, out, _ = run(capsys, "import", str(bundle))  # not a terminal: no question
    assert code == 1
    assert "already holds good.yaml, with other content; nothing was imported." in out
    assert tree(data) == before

    questions: list[str] = []

    def ask(question: str) -> bool:
        questions.append(question)
        return False

    assert run_import(str(bundle), force=False, ask=ask) == 1
    assert len(questions) == 1
    assert "good.yaml" in questions[0]
    assert tree(data) == before

    assert run_import(str(bundle), force=False, ask=lambda q: True) == 0
    out = capsys.readouterr().out
    assert "the files it replaced are kept in" in out
    assert (user_routines / "good.yaml").read_bytes() == GOOD
    assert not (user_routines / "good.yml").exists()
    kept = list((data / "breathe" / "replaced").rglob("good.yml"))
    assert [path.read_bytes() for path in kept] == [mine]


def test_force_replaces(
    tmp_path: Path, user_routines: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (user_routines / "good.yaml").write_bytes(
        b"title: Old\nsteps:\n  - rest: S\n    duration: 9s\n"
    )
    bundle = make_zip(tmp_path / "g.zip", {"good.yaml": GOOD})
    assert run(capsys, "import", str(bundle), "--force")[0] == 0
    assert (user_routines / "good.yaml").read_bytes() == GOOD


def test_a_failure_while_writing_leaves_the_folder_as_it_was(
    tmp_path: Path,
    user_routines: Path,
    isolated_user_dirs: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    (user_routines / "b.yaml").write_bytes(b"title: Old\nsteps:\n  - rest: S\n    duration: 9s\n")
    before = tree(isolated_user_dirs / "data")
    bundle = read_bundle(
        make_zip(tmp_path / "x.zip", {"a.yaml": GOOD, "b.yaml": GOOD, "c.yaml": GOOD})
    )
    catalog = Catalog.load(BUNDLED_ROUTINES, user_routines)
    plan = check_bundle(bundle, "x.zip", catalog)
    real_replace = os.replace
    calls: list[str] = []

    def failing_replace(source: object, target: object) -> None:
        calls.append(str(target))
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real_replace(source, target)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(OSError, match="No space left"):
        apply_import(plan, isolated_user_dirs / "data" / "breathe", replace=True)
    monkeypatch.undo()
    assert tree(isolated_user_dirs / "data") == before


# -- hostile zips -------------------------------------------------------------------------------


def symlink_member(name: str, target: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info


def hostile(kind: str, path: Path) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("good.yaml", GOOD)
        if kind == "slip":
            archive.writestr("../escaped.yaml", GOOD)
        elif kind == "deep-slip":
            archive.writestr("sounds/../../../escaped.wav", b"RIFF")
        elif kind == "absolute":
            archive.writestr("/tmp/escaped.yaml", GOOD)
        elif kind == "backslash":
            archive.writestr("..\\escaped.yaml", GOOD)
        elif kind == "symlink":
            archive.writestr(symlink_member("linked.yaml", "/etc/passwd"), "/etc/passwd")
        elif kind == "oversize":
            archive.writestr("big.yaml", b"# " + b"x" * (2 * 1024 * 1024))
        elif kind == "bomb":
            archive.writestr("sounds/bomb.wav", bytes(6 * 1024 * 1024))
        elif kind == "members":
            for number in range(MAX_MEMBERS):
                archive.writestr(f"n{number}.yaml", GOOD)
        elif kind == "file-then-folder":  # no folder can hold both
            archive.writestr("sounds/gong.wav", b"RIFF")
            archive.writestr("sounds/gong.wav/in.wav", b"RIFF")
        elif kind == "folder-then-file":
            archive.writestr("sounds/gong.wav/in.wav", b"RIFF")
            archive.writestr("sounds/gong.wav", b"RIFF")
        elif kind == "not-a-zip":
            pass
    if kind == "not-a-zip":
        path.write_bytes(b"PK\x03\x04 but not really")
    return path


@pytest.mark.parametrize(
    ("kind", "reason"),
    [
        ("slip", "`../escaped.yaml` leads out of the bundle's folder"),
        ("deep-slip", "`sounds/../../../escaped.wav` leads out of the bundle's folder"),
        ("absolute", "`/tmp/escaped.yaml` is an absolute path"),
        ("backslash", "has a backslash or NUL byte in its path"),
        ("symlink", "`linked.yaml` is a symbolic link"),
        ("oversize", "`big.yaml` is 2,097,154 bytes; the limit for such a file is 1,048,576"),
        ("bomb", "`sounds/bomb.wav` is compressed"),
        ("members", f"has {MAX_MEMBERS + 1} members; an export has at most {MAX_MEMBERS}"),
        ("not-a-zip", "is not a zip file that can be read"),
        (
            "file-then-folder",
            "`sounds/gong.wav` is both a file and a folder (it holds `sounds/gong.wav/in.wav`)",
        ),
        (
            "folder-then-file",
            "`sounds/gong.wav` is both a file and a folder (it holds `sounds/gong.wav/in.wav`)",
        ),
    ],
)
def test_hostile_zips_are_refused_and_nothing_is_written(
    kind: str,
    reason: str,
    tmp_path: Path,
    isolated_user_dirs: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    inside = tmp_path / "downloads" / "deep"
    inside.mkdir(parents=True)
    archive = hostile(kind, inside / "gift.zip")
    monkeypatch.chdir(inside)
    before = tree(tmp_path)
    data_before = tree(isolated_user_dirs)

    code, out, _ = run(capsys, "import", "gift.zip")

    assert code == 1
    assert reason in out
    assert out.rstrip().endswith("nothing was imported")
    assert tree(tmp_path) == before  # nothing beside or above the zip
    assert tree(isolated_user_dirs) == data_before  # nothing in the user folder either
    assert not (isolated_user_dirs / "data").exists()
    assert not Path("/tmp/escaped.yaml").exists()
    assert archive.exists()


def test_a_folder_with_a_link_is_refused(
    tmp_path: Path, isolated_user_dirs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "given"
    (folder / "sounds").mkdir(parents=True)
    (folder / "a.yaml").write_bytes(GOOD)
    (folder / "sounds" / "x.wav").symlink_to("/etc/passwd")
    code, out, _ = run(capsys, "import", str(folder))
    assert code == 1
    assert "is a symbolic link; links are not imported" in out
    assert not (isolated_user_dirs / "data").exists()


def test_a_zip_of_one_folder_is_read_from_inside_it(tmp_path: Path) -> None:
    bundle = read_bundle(make_zip(tmp_path / "f.zip", {"evening/good.yaml": GOOD}))
    assert bundle.routine_paths == ["good.yaml"]


def test_import_refuses_what_is_not_a_bundle(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "notes.txt").write_text("hello")
    code, out, _ = run(capsys, "import", str(tmp_path / "notes.txt"))
    assert code == 1
    assert "is not a routine file (.yaml, .yml), a folder or a zip of an export" in out
    code, _, err = run(capsys, "import", str(tmp_path / "missing.zip"))
    assert code == 2
    assert "no such file or folder" in err
    with pytest.raises(SharingError, match="holds no routine files"):
        check_bundle(
            read_bundle(make_zip(tmp_path / "e.zip", {"readme.txt": b"hi"})),
            "e.zip",
            Catalog.load(BUNDLED_ROUTINES, tmp_path / "none"),
        )


PROGRAM = b"title: P\nschedule:\n  - days: 1\n    routines: [good]\n"
NOT_IMPORTED = (
    "import takes routines only: copy a program into the folder `breathe program locate` "
    "prints, after importing the routines it names; nothing was imported"
)


def test_programs_are_not_imported_and_the_message_says_so(
    tmp_path: Path,
    isolated_user_dirs: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "given" / "programs").mkdir(parents=True)
    (tmp_path / "given" / "programs" / "p3.yaml").write_bytes(PROGRAM)
    code, out, _ = run(capsys, "import", "given")
    assert (code, out.strip()) == (
        1,
        f"given holds no routine files (.yaml, .yml), only programs (programs/p3.yaml); "
        f"{NOT_IMPORTED}",
    )
    code, out, _ = run(capsys, "import", "given/programs/p3.yaml")
    assert (code, out.strip()) == (1, f"given/programs/p3.yaml is a program; {NOT_IMPORTED}")
    # A zip of the programs folder alone: the folder is stripped, the content tells.
    with zipfile.ZipFile(tmp_path / "p.zip", "w") as archive:
        archive.writestr("programs/p3.yaml", PROGRAM)
    code, out, _ = run(capsys, "import", "p.zip")
    assert (code, out.strip()) == (
        1,
        f"p.zip holds no routine files (.yaml, .yml), only programs (p3.yaml); {NOT_IMPORTED}",
    )
    assert not (isolated_user_dirs / "data").exists()
    # With routines beside them, the routines are imported and the programs named.
    (tmp_path / "given" / "good.yaml").write_bytes(GOOD)
    code, out, _ = run(capsys, "import", "given")
    assert code == 0
    assert (
        "programs/p3.yaml is a program, not imported: copy what you want into the folder "
        "`breathe program locate` prints"
    ) in out
    routines = isolated_user_dirs / "data" / "breathe" / "routines"
    assert sorted(path.name for path in routines.glob("*.yaml")) == ["good.yaml"]
    assert not (isolated_user_dirs / "data" / "breathe" / "programs").exists()


def test_a_changed_bundled_routine_is_imported_and_said_to_replace_the_bundled_one(
    tmp_path: Path, user_routines: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bundled = (BUNDLED_ROUTINES / "extended-exhale.yaml").read_text(encoding="utf-8")
    changed = bundled.replace("title: ", "title: My ", 1).encode()
    bundle = make_zip(tmp_path / "x.zip", {"extended-exhale.yaml": changed})
    code, out, _ = run(capsys, "import", str(bundle))
    assert code == 0
    assert "extended-exhale now replaces the bundled routine of that name" in out
    assert (user_routines / "extended-exhale.yaml").read_bytes() == changed


def test_two_files_for_one_name_are_refused(
    tmp_path: Path, isolated_user_dirs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bundle = make_zip(tmp_path / "x.zip", {"a.yaml": GOOD, "a.yml": GOOD})
    code, out, _ = run(capsys, "import", str(bundle))
    assert code == 1
    assert "holds two routines named `a`" in out
    assert not (isolated_user_dirs / "data").exists()


def write_wav(path: Path, seconds: float, *, padding: int = 0) -> None:
    """A 16-bit mono 44.1 kHz WAV of `seconds` of sound that does not compress (noise, as
    far as a zip is concerned), with `padding` bytes of an extra chunk after the sound."""
    frames = random.Random(7).randbytes(round(seconds * 44_100) * 2)
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(44_100)
        wav.writeframes(frames)
    if padding:
        data = bytearray(path.read_bytes())
        data += b"junk" + struct.pack("<I", padding) + bytes(padding)
        data[4:8] = struct.pack("<I", len(data) - 8)
        path.write_bytes(bytes(data))


def shared(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], name: str
) -> tuple[Path, int, str]:
    """The teacher exports drafts/NAME.yaml to NAME.zip (which must work), and a student
    imports that on another computer: the student's routines folder, and the import's exit
    code and output."""
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "export", f"drafts/{name}.yaml", "-o", f"{name}.zip")
    assert code == 0, out
    user = student_home(tmp_path, monkeypatch)
    code, out, _ = run(capsys, "import", f"{name}.zip")
    return user, code, out


def test_a_two_minute_recording_is_exported_and_imported_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A teacher's spoken guidance (`say:` a WAV) may last as long as its step: far more than
    a cue, so it is shared under its own bound."""
    teacher = tmp_path / "drafts"
    write_wav(teacher / "voice" / "settle.wav", 120)
    recording = (teacher / "voice" / "settle.wav").read_bytes()
    assert MAX_CUE_BYTES < len(recording) <= MAX_RECORDING_BYTES
    (teacher / "guided.yaml").write_text(
        "title: Guided rest\nsteps:\n  - rest: Settle\n    duration: 2m30s\n"
        "    say: voice/settle.wav\n",
        encoding="utf-8",
    )
    user, code, out = shared(tmp_path, monkeypatch, capsys, "guided")
    assert code == 0, out
    assert (user / "voice" / "settle.wav").read_bytes() == recording
    catalog = Catalog.load(BUNDLED_ROUTINES, user)
    step = catalog.timeline(catalog.entries["guided"]).steps[0]
    assert step.say is not None and step.say.duration_ms == 120_000


def test_a_cue_sound_keeps_the_cue_bound(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    teacher = tmp_path / "drafts"
    write_wav(teacher / "sounds" / "gong.wav", 2, padding=MAX_CUE_BYTES)
    (teacher / "bell.yaml").write_text(
        "title: Bell\nsounds:\n  step: sounds/gong.wav\nsteps:\n  - rest: Sit\n    duration: 10s\n",
        encoding="utf-8",
    )
    user, code, out = shared(tmp_path, monkeypatch, capsys, "bell")
    assert code == 1
    size = (teacher / "sounds" / "gong.wav").stat().st_size
    assert f"`sounds/gong.wav` is {size:,} bytes; a cue sound lasts at most 10 s" in out
    assert out.rstrip().endswith("nothing was imported")
    assert not user.exists() or tree(user) == {}
