"""Export a routine with everything it needs, and import such a bundle safely.

A bundle is a flat folder, or a zip of one: the routine's file, every routine it includes
(recursively, each file byte for byte), the sound files they use at the same relative
paths, and `breathe-export.json`, a small manifest naming the main routine. Includes find
their routines next to each other in the bundle, and by name once imported, so the bundle
plays the same timeline anywhere.

Import reads everything into memory first, under limits (members, sizes, compression
ratio), refusing any zip member whose path leaves the bundle, is absolute, or is a link,
and any zip whose files would need one path to be both a file and a folder.
It then checks every routine in a scratch folder, includes resolved within the bundle and
the receiving catalog. Only when all is valid, and every name clash is settled, are the
files written: staged in the user folder, then each renamed into place; a replaced file
is kept under `replaced/` in breathe's data folder, never deleted.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import tempfile
import time
import zipfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath

from breathe import __version__
from breathe.core.model import (
    IncludeStep,
    Routine,
)
from breathe.core.paste import breathe_command
from breathe.core.problems import Problem, RoutineFileError
from breathe.core.timeline import check_timeline
from breathe.format.files import not_a_regular_file
from breathe.format.loader import ROUTINE_SUFFIXES, routine_name
from breathe.format.spec import shown
from breathe.format.wav import ACCEPTED_BITS, ACCEPTED_RATE, MAX_RECORDING_MS
from breathe.format.yaml_source import MAX_FILE_BYTES
from breathe.library.catalog import Catalog, Entry, Source, load_entry
from breathe.library.routine_sounds import routine_sound_files
from breathe.library.scaffolds import name_problem, schema_file_to_write

MANIFEST = "breathe-export.json"
MAX_MEMBERS = 500
MAX_CUE_BYTES = 8 * 1024 * 1024  # a cue lasts at most 10 s: under 2 MiB as 16-bit stereo
WAV_HEADROOM_BYTES = 1024 * 1024  # a WAV's header and its other chunks (names, notes)
MAX_RECORDING_BYTES = (
    MAX_RECORDING_MS * ACCEPTED_RATE // 1000 * 2 * (ACCEPTED_BITS // 8) + WAV_HEADROOM_BYTES
)
"""A teacher's recording (`say:`) may last as long as its step, up to MAX_RECORDING_MS: the
largest it can be, as 16-bit stereo at 44.1 kHz (an hour: 606 MiB). Any sound file is read
under this bound; one used only as a cue is then held to MAX_CUE_BYTES."""
MAX_TOTAL_BYTES = MAX_RECORDING_BYTES + 64 * 1024 * 1024
MAX_RATIO = 100  # uncompressed / compressed, for members over RATIO_FLOOR bytes
RATIO_FLOOR = 64 * 1024
SOUND_SUFFIXES = (".wav",)
_ZIP_DATE = (2020, 1, 1, 0, 0, 0)  # fixed, so the same routine exports the same bytes


class SharingError(Exception):
    """Export or import refused; the message says why, for people. Nothing was written.

    The message names files from a zip or a folder someone else made: any control
    character in it is escaped (`\\x1b`), so printing it cannot drive the terminal.
    """

    def __init__(self, message: str) -> None:
        super().__init__(shown(message))


@dataclass(frozen=True, slots=True)
class Bundle:
    """Files by relative POSIX path, and the main routine's name when known."""

    files: dict[str, bytes]
    main: str | None = None
    programs: tuple[str, ...] = ()  # program files seen (`programs/x.yaml`): not imported
    # A lone routine file, checked where it is while its sounds were looked for: checked
    # once, and its problems named by its own path.
    checked: dict[str, Entry] = field(default_factory=dict)

    @property
    def routine_paths(self) -> list[str]:
        return sorted(
            name for name in self.files if "/" not in name and name.endswith(ROUTINE_SUFFIXES)
        )


# -- export ---------------------------------------------------------------------------------


def sound_files(routine: Routine) -> list[tuple[str, Path]]:
    """The author's own sound files a routine uses (not its includes'): (as written, file).

    Own sounds are written relative to the routine's folder, inside it (the loader checks
    that), so a bundle keeps them at the same relative paths.
    """
    return sorted({(found.written, found.path) for found in routine_sound_files(routine)})


def _posix(written: str) -> str:
    """A sound path as written (`sounds\\gong.wav`, `./sounds/gong.wav`) as a bundle path."""
    return PurePosixPath(written.replace("\\", "/")).as_posix()


def included_routines(routine: Routine, catalog: Catalog) -> list[Routine]:
    """Every routine `routine` includes, directly or not, each once, in the order met.

    Raises RoutineFileError when an include does not resolve (or the routine is broken).
    """
    found: dict[Path, Routine] = {}

    def resolve(step: IncludeStep, including: Routine) -> Routine:
        included = catalog.resolve_include(step, including)
        found.setdefault(included.path.resolve(), included)
        return included

    check_timeline(routine, resolve)
    return list(found.values())


def bundle_routine(entry: Entry, catalog: Catalog) -> Bundle:
    """The routine of `entry` with its includes and sounds, as a bundle in memory."""
    if entry.routine is None:
        raise RoutineFileError(entry.problems)
    routines = [entry.routine, *included_routines(entry.routine, catalog)]
    files: dict[str, bytes] = {}
    origin: dict[str, Path] = {}

    def add(relative: str, path: Path, what: str) -> None:
        data = path.read_bytes()
        if relative in files and files[relative] != data:
            raise SharingError(
                f"two different {what} would both be {relative} in the bundle: "
                f"{origin[relative]} and {path}; rename one of them"
            )
        files[relative] = data
        origin[relative] = path

    names: dict[str, Path] = {}
    for routine in routines:
        if routine.name in names and names[routine.name] != routine.path.resolve():
            raise SharingError(
                f"two different routines are named `{routine.name}`: {names[routine.name]} "
                f"and {routine.path}; rename one of them"
            )
        names[routine.name] = routine.path.resolve()
        add(routine.path.name, routine.path, "routines")
        for written, path in sound_files(routine):
            add(_posix(written), path, "sound files")
    manifest = {
        "breathe": __version__,
        "routine": entry.routine.name,
        "routines": [routine.path.name for routine in routines],
        "sounds": sorted(name for name in files if not name.endswith(ROUTINE_SUFFIXES)),
    }
    files[MANIFEST] = (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode()
    return Bundle(files, entry.routine.name)


def write_bundle(bundle: Bundle, target: Path, *, force: bool = False) -> None:
    """Write `bundle` as `target`: a zip when it ends in `.zip`, else a folder.

    Refuses (SharingError) to replace an existing zip, or files in an existing folder,
    unless `force`. The zip is written to a temporary file and renamed; a folder is staged
    next to the target and renamed (or its files renamed into an existing folder).
    """
    if target.suffix.lower() == ".zip":
        if target.exists() and not force:
            raise SharingError(f"{target} already exists; add --force to replace it")
        target.parent.mkdir(parents=True, exist_ok=True)
        with _temporary_file(target) as temporary:
            with zipfile.ZipFile(temporary, "w") as archive:
                for name in sorted(bundle.files):
                    info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
                    info.external_attr = (stat.S_IFREG | 0o644) << 16
                    sound = name.lower().endswith(SOUND_SUFFIXES)  # PCM barely compresses
                    info.compress_type = zipfile.ZIP_STORED if sound else zipfile.ZIP_DEFLATED
                    archive.writestr(info, bundle.files[name])
            os.replace(temporary, target)
        return
    if target.exists() and not target.is_dir():
        raise SharingError(f"{target} is a file, not a folder")
    taken = [name for name in bundle.files if (target / name).exists()]
    if taken and not force:
        listing = ", ".join(taken[:3]) + (", ..." if len(taken) > 3 else "")
        raise SharingError(f"{target} already holds {listing}; add --force to replace them")
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        for name, data in bundle.files.items():
            path = staging / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        if not target.exists():
            staging.rename(target)
            return
        for name in bundle.files:
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / name, target / name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


@contextmanager
def _temporary_file(target: Path) -> Iterator[Path]:
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
    finally:
        temporary.unlink(missing_ok=True)


# -- reading what to import -------------------------------------------------------------------


def read_bundle(source: Path) -> Bundle:
    """A routine file, a folder, or a zip, read into memory under the limits above."""
    what = not_a_regular_file(source)  # a FIFO is never opened: reading it would block
    if source.is_symlink():
        if what is not None:  # it loops, or leads nowhere
            raise SharingError(f"{source} {what}")
        raise SharingError(f"{source} is a symbolic link; import the file it points to")
    if source.is_dir():
        return _read_folder(source)
    if what is not None:
        raise SharingError(f"{source} {what}")
    if not source.is_file():
        raise SharingError(f"no such file or folder: {source}")
    if source.suffix.lower() == ".zip":
        return read_zip(source)
    if source.suffix in ROUTINE_SUFFIXES:
        data = _read_capped(source, MAX_FILE_BYTES)
        if _is_program(f"{source.parent.name}/{source.name}", data):
            raise SharingError(f"{source} is a program; {_programs_advice()}")
        return _with_sounds_beside({source.name: data}, source)
    raise SharingError(
        f"{source} is not a routine file (.yaml, .yml), a folder or a zip of an export"
    )


def _read_capped(path: Path, limit: int) -> bytes:
    with path.open("rb") as file:
        data = file.read(limit + 1)
    if len(data) > limit:
        raise SharingError(f"{path} is larger than {limit:,} bytes")
    return data


def _with_sounds_beside(files: dict[str, bytes], folder_of: Path) -> Bundle:
    """A lone routine file's bundle: the file, and the sound files it names, read beside it."""
    folder = folder_of.parent
    checked = {}
    for name in list(files):
        entry = load_entry(folder / name, Source.FILE)
        try:
            routine = entry.routine
        except OSError:
            continue  # checked again, as a copy, with the bundle
        checked[name] = entry
        if routine is None:
            continue  # its problems are reported when the bundle is checked
        for written, path in sound_files(routine):
            files[_posix(written)] = _read_capped(path, MAX_RECORDING_BYTES)
    return Bundle(files, checked=checked)


def _read_folder(folder: Path) -> Bundle:
    """The routine files directly in `folder`, its manifest, and sound files below it."""
    files: dict[str, bytes] = {}
    total = 0
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if path.is_symlink():
            raise SharingError(f"{path} is a symbolic link; links are not imported")
        if not path.is_file():
            continue
        name = relative.as_posix()
        limit = _limit_for(name)
        if limit is None:
            continue
        files[name] = _read_capped(path, limit)
        total += len(files[name])
        if len(files) > MAX_MEMBERS or total > MAX_TOTAL_BYTES:
            raise SharingError(f"{folder} holds too much to be a routine's bundle")
    return _bundle(files)


# Programs (docs/programs.md) are not part of an export, and an import does not take them:
# a program names routines by name, so it is copied by hand once they are there.
def _programs_advice() -> str:
    return (
        "import takes routines only: copy a program into the folder "
        f"`{breathe_command('program', 'locate')}` prints, after importing the routines it names"
    )


def _is_program(name: str, data: bytes) -> bool:
    """A program's file: in a `programs` folder, or reading like one (`schedule:`)."""
    from breathe.format.program_spec import reads_like_program

    parts = PurePosixPath(name).parts
    return name.endswith(ROUTINE_SUFFIXES) and (
        parts[-2:-1] == ("programs",) or reads_like_program(data)
    )


def _bundle(files: dict[str, bytes]) -> Bundle:
    """The bundle of `files`, with the program files among them set apart (not imported)."""
    programs = tuple(name for name, data in files.items() if _is_program(name, data))
    kept = {name: data for name, data in files.items() if name not in programs}
    return Bundle(kept, _manifest_main(kept), programs)


def _limit_for(name: str) -> int | None:
    """How big a file of the bundle may be; None for files an import does not take."""
    if name == MANIFEST:
        return 64 * 1024
    if name.endswith(ROUTINE_SUFFIXES) and PurePosixPath(name).parts[:-1] in ((), ("programs",)):
        return MAX_FILE_BYTES  # a routine, or a program: read only to say it is not imported
    if name.lower().endswith(SOUND_SUFFIXES):
        return MAX_RECORDING_BYTES  # a cue's own bound waits until its routine says it is one
    return None


def _manifest_main(files: dict[str, bytes]) -> str | None:
    try:
        manifest = json.loads(files.get(MANIFEST, b"{}"))
    except ValueError:
        return None
    main = manifest.get("routine") if isinstance(manifest, dict) else None
    return main if isinstance(main, str) else None


def unsafe_member(info: zipfile.ZipInfo) -> str | None:
    """Why a zip member must not be extracted, or None."""
    name = info.filename
    if "\x00" in name or "\\" in name:
        return f"`{name}` has a backslash or NUL byte in its path"
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        return f"`{name}` is an absolute path"
    if ".." in PurePosixPath(name).parts:
        return f"`{name}` leads out of the bundle's folder"
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        return f"`{name}` is a symbolic link"
    if info.flag_bits & 0x1:
        return f"`{name}` is encrypted"
    return None


def read_zip(source: Path) -> Bundle:
    """The members of a zip an import takes, after refusing anything unsafe in it."""
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError) as error:
        raise SharingError(f"{source} is not a zip file that can be read: {error}") from None
    with archive:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS:
            raise SharingError(
                f"{source} has {len(members):,} members; an export has at most {MAX_MEMBERS}"
            )
        for info in members:
            reason = unsafe_member(info)
            if reason:
                raise SharingError(f"{source} is refused: {reason}")
        total = sum(info.file_size for info in members)
        if total > MAX_TOTAL_BYTES:
            raise SharingError(
                f"{source} would unpack to {total:,} bytes, over the limit of {MAX_TOTAL_BYTES:,}"
            )
        wanted = _strip_common_folder([info for info in members if not info.is_dir()])
        files: dict[str, bytes] = {}
        for name, info in wanted.items():
            limit = _limit_for(name)
            if limit is None:
                continue
            if info.file_size > limit:
                raise SharingError(
                    f"{source} is refused: `{info.filename}` is {info.file_size:,} bytes; "
                    f"the limit for such a file is {limit:,}"
                )
            if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(
                1, info.compress_size
            ):
                raise SharingError(
                    f"{source} is refused: `{info.filename}` is compressed "
                    f"{info.file_size // max(1, info.compress_size):,} times, like a zip bomb"
                )
            try:
                with archive.open(info) as member:
                    data = member.read(limit + 1)
            except (zipfile.BadZipFile, OSError, EOFError, RuntimeError) as error:
                raise SharingError(f"{source}: `{info.filename}` cannot be read: {error}") from None
            if len(data) > limit:
                raise SharingError(f"{source} is refused: `{info.filename}` is too large")
            files[name] = data
    clash = file_and_folder(files)
    if clash is not None:
        file, inside = (wanted[name].filename for name in clash)
        raise SharingError(
            f"{source} is refused: `{file}` is both a file and a folder (it holds `{inside}`)"
        )
    return _bundle(files)


def file_and_folder(names: Iterable[str]) -> tuple[str, str] | None:
    """A path among `names` that another one needs as a folder (`x.wav`, `x.wav/y.wav`):
    (the file, the one inside it), or None. No folder can hold both, in either order."""
    files = set(names)
    for name in sorted(files):
        for parent in PurePosixPath(name).parents:
            if parent.as_posix() in files:
                return parent.as_posix(), name
    return None


def _strip_common_folder(members: list[zipfile.ZipInfo]) -> dict[str, zipfile.ZipInfo]:
    """Members by path; a zip whose files all sit in one folder is read from inside it."""
    ignored = ("__MACOSX/",)
    kept = [
        info
        for info in members
        if not info.filename.startswith(ignored)
        and not any(part.startswith(".") for part in PurePosixPath(info.filename).parts)
    ]
    tops = {PurePosixPath(info.filename).parts[0] for info in kept}
    strip = len(tops) == 1 and all("/" in info.filename for info in kept)
    by_name: dict[str, zipfile.ZipInfo] = {}
    for info in kept:
        parts = PurePosixPath(info.filename).parts[1 if strip else 0 :]
        by_name["/".join(parts)] = info
    return by_name


# -- importing --------------------------------------------------------------------------------


@dataclass
class ImportPlan:
    """What an import will do, once everything in it is known to be valid."""

    bundle: Bundle
    target: Path  # the user routine folder
    new: list[str] = field(default_factory=list)  # relative paths written afresh
    same: list[str] = field(default_factory=list)  # already there, byte for byte
    clashes: list[str] = field(default_factory=list)  # there, with other content
    bundled_same: list[str] = field(default_factory=list)  # identical to a bundled routine
    overrides_bundled: list[str] = field(default_factory=list)  # names that will override
    routines: dict[str, str] = field(default_factory=dict)  # name -> title

    @property
    def to_write(self) -> list[str]:
        return [*self.new, *self.clashes]


def check_bundle(bundle: Bundle, shown: str, catalog: Catalog) -> ImportPlan:
    """Every routine in `bundle` loads and plays, includes resolved within the bundle and
    `catalog`; raises RoutineFileError with every problem, SharingError for the rest."""
    routine_paths = bundle.routine_paths
    if not routine_paths:
        if bundle.programs:
            listing = ", ".join(bundle.programs[:3]) + (", ..." if len(bundle.programs) > 3 else "")
            raise SharingError(
                f"{shown} holds no routine files (.yaml, .yml), only programs ({listing}); "
                + _programs_advice()
            )
        raise SharingError(f"{shown} holds no routine files (.yaml, .yml)")
    by_name: dict[str, str] = {}
    for relative in routine_paths:
        name = routine_name(Path(relative))
        problem = name_problem(name)
        if problem:
            raise SharingError(f"{shown}: {problem}")
        if name in by_name:
            raise SharingError(
                f"{shown} holds two routines named `{name}`: {by_name[name]} and {relative}"
            )
        by_name[name] = relative
    plan = ImportPlan(bundle, catalog.user_dir)
    problems: list[Problem] = []
    used: set[str] = set()  # the sound files the routines use: the only others taken
    recordings: set[str] = set()  # those said by the voice (`say:`), which may be long
    with tempfile.TemporaryDirectory(prefix="breathe-import-") as scratch:
        folder = Path(scratch)
        for relative, data in bundle.files.items():
            path = folder / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        for relative in routine_paths:
            entry = bundle.checked.get(relative)
            if entry is None:
                entry = load_entry(folder / relative, Source.FILE, f"{shown}/{relative}")
            if entry.routine is None:
                problems.extend(entry.problems)
                continue
            # Includes are looked for beside the copy, as they will be once imported.
            routine = replace(entry.routine, path=folder / relative)
            try:
                check_timeline(routine, catalog.resolve_include)
            except RoutineFileError as error:
                problems.extend(error.problems)
                continue
            plan.routines[entry.routine.name] = entry.routine.title
            own = routine_sound_files(entry.routine)
            used.update(_posix(found.written) for found in own)
            recordings.update(_posix(found.written) for found in own if found.recording)
    if problems:
        raise RoutineFileError(list(dict.fromkeys(problems)))
    for relative in sorted(used - recordings):
        size = len(bundle.files.get(relative, b""))
        if size > MAX_CUE_BYTES:
            raise SharingError(
                f"{shown} is refused: `{relative}` is {size:,} bytes; a cue sound lasts at "
                f"most 10 s, and the limit for one is {MAX_CUE_BYTES:,} bytes"
            )
    for relative in sorted(bundle.files):
        if relative == MANIFEST or (relative not in routine_paths and relative not in used):
            continue
        data = bundle.files[relative]
        if relative in routine_paths:
            name = routine_name(Path(relative))
            existing = catalog.entries.get(name)
            if existing is not None and existing.source is Source.BUNDLED:
                if existing.path.read_bytes() == data:
                    plan.bundled_same.append(relative)
                    continue
                plan.overrides_bundled.append(name)
            elif existing is not None and existing.path.name != relative:
                plan.clashes.append(relative)  # `x.yml` there, `x.yaml` here: one replaces
                continue
        target = plan.target / relative
        if not target.exists():
            plan.new.append(relative)
        elif target.is_file() and target.read_bytes() == data:
            plan.same.append(relative)
        else:
            plan.clashes.append(relative)
    return plan


def _same_name_files(folder: Path, relative: str) -> list[Path]:
    """The files in `folder` a routine file `relative` would replace (any suffix)."""
    if "/" in relative or not relative.endswith(ROUTINE_SUFFIXES):
        return [folder / relative] if (folder / relative).exists() else []
    stem = routine_name(Path(relative))
    return [
        folder / f"{stem}{suffix}"
        for suffix in ROUTINE_SUFFIXES
        if (folder / f"{stem}{suffix}").exists()
    ]


def set_aside(paths: list[Path], data_dir: Path, *, relative_to: Path) -> Path:
    """Move `paths` under `data_dir/replaced/STAMP/`, keeping their layout; return that folder."""
    keep = data_dir / "replaced" / time.strftime("%Y%m%d-%H%M%S")
    counter = 1
    while keep.exists():
        counter += 1
        keep = keep.with_name(f"{keep.name.split('.')[0]}.{counter}")
    for path in paths:
        destination = keep / path.relative_to(relative_to)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(path, destination)
    return keep


def apply_import(plan: ImportPlan, data_dir: Path, *, replace: bool) -> Path | None:
    """Write the plan's files into its target folder; return where replaced files went.

    Files are staged in a hidden folder inside the target, then renamed into place one by
    one; if a rename fails, the files already moved are taken back out and the replaced
    ones restored, so the folder is as it was.
    """
    if plan.clashes and not replace:
        raise SharingError("name clashes are not settled")
    target = plan.target
    target.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".import-", dir=target))
    moved: list[Path] = []
    kept: Path | None = None
    old: list[Path] = []
    try:
        for relative in plan.to_write:
            path = staging / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(plan.bundle.files[relative])
        old = [path for relative in plan.clashes for path in _same_name_files(target, relative)]
        if old:
            kept = set_aside(old, data_dir, relative_to=target)
        for relative in plan.to_write:
            destination = target / relative
            destination.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / relative, destination)
            moved.append(destination)
    except BaseException:
        for path in moved:
            path.unlink(missing_ok=True)
        if kept is not None:
            for path in old:
                shutil.move(kept / path.relative_to(target), path)
            shutil.rmtree(kept, ignore_errors=True)
            kept = None
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    schema = schema_file_to_write(target)
    if schema is not None:
        from breathe.format.schema import routine_json_schema_text

        schema.write_text(routine_json_schema_text(), encoding="utf-8")
    return kept
