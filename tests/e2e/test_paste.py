"""Commands breathe prints for a person to paste work where that person is (breathe.core.paste):
the ways to get sound (miniaudio, or the simpleaudio extra) install into the Python running
breathe, and the `breathe ...`
commands it suggests start this breathe however it was started (`.venv/bin/breathe`,
`python -m breathe`, or `breathe` on PATH). The suggested commands are pasted into a real
shell here, and run."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from textual.widgets import Static

from breathe.audio.miniaudio_backend import MINIAUDIO_REQUIREMENT
from breathe.audio.playback import open_backend
from breathe.core.options import PlayOptions
from breathe.core.paste import apt_install
from tests.support.player import START, FakeClock, player_app, write_short_routine
from tests.support.repo import REPO, WriteRoutine, where_simpleaudio_runs

PIP_AUDIO = shlex.join([sys.executable, "-m", "pip", "install", "breathe-tui[audio]"])
SCRIPT = Path(sys.executable).parent / "breathe"  # this environment's `breathe`


@where_simpleaudio_runs
def test_the_way_to_get_sound_installs_into_this_python(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "simpleaudio", None)  # import fails as if not installed
    _, reason = open_backend("simpleaudio", lambda: None)
    assert reason is not None
    assert reason.endswith(f", then {PIP_AUDIO})")
    assert reason.count("pip install") == 1  # no bare `pip install` anywhere
    # The pip it names is there: the first words of the command, pasted, run.
    pasted = subprocess.run(
        [*shlex.split(PIP_AUDIO)[:3], "--version"], capture_output=True, text=True, check=False
    )
    assert pasted.returncode == 0, pasted.stderr
    apt = reason.split("(", 1)[1].split(", then ")[0]
    assert shlex.split(apt)[-3:-1] == ["apt-get", "install"] or apt.startswith("install ")
    assert "libasound2-dev" in apt or "ALSA" in apt


def test_the_way_to_get_miniaudio_works_when_pasted(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Without miniaudio (a broken or --no-deps install), the command breathe names installs
    it into this Python: pasted into a real shell here, where it is installed, pip finds
    the requirement satisfied (no network needed) and succeeds."""
    monkeypatch.setitem(sys.modules, "miniaudio", None)  # import fails as if not installed
    _, reason = open_backend("miniaudio", lambda: None)
    assert reason is not None and reason.startswith("no sound: miniaudio is not installed (")
    command = reason.removeprefix("no sound: miniaudio is not installed (").removesuffix(")")
    assert command == shlex.join([sys.executable, "-m", "pip", "install", MINIAUDIO_REQUIREMENT])
    monkeypatch.undo()
    pasted = paste(command, {**os.environ, "PIP_NO_INDEX": "1"}, tmp_path)
    assert pasted.returncode == 0, pasted.stderr
    assert "Requirement already satisfied: miniaudio" in pasted.stdout


def test_apt_needs_sudo_unless_root() -> None:
    assert apt_install(["gcc", "libasound2-dev"], root=False) == (
        "sudo apt-get install gcc libasound2-dev"
    )
    assert apt_install(["libasound2-dev"], root=True) == "apt-get install libasound2-dev"


@where_simpleaudio_runs
async def test_the_apps_no_sound_notice_names_this_python(
    user_routines: Path, write_routine: WriteRoutine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "simpleaudio", None)
    write_short_routine(write_routine, user_routines)
    app = player_app(user_routines, FakeClock(START), PlayOptions(sound="simpleaudio"))
    async with app.run_test(size=(200, 32)) as pilot:  # wide: the line on one row
        line = app.screen.query_one("#library-sound", Static)
        for _ in range(200):
            if line.display:
                break
            await pilot.pause(0.01)
        message = str(line.render())
        assert message.startswith("Cues are silent: simpleaudio is not installed (")
        assert f", then {PIP_AUDIO}). See `" in message


def test_the_readme_names_the_venvs_pip() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    bare = [line for line in readme.splitlines() if re.search(r"(?<![/\w-])pip install", line)]
    assert bare == []


# -- `breathe ...` as the person can type it ------------------------------------------------


def suggested(env: dict[str, str], cwd: Path, *start: str) -> str:
    """`breathe program status` without a program, started as `start`: the command it
    suggests for listing the programs."""
    result = subprocess.run(
        [*start, "program", "status"],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=60,
        check=True,
    )
    found = re.search(r"`([^`]*) program list`", result.stdout)
    assert found, result.stdout
    return found.group(1)


def paste(command: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", "-c", command], capture_output=True, text=True, env=env, cwd=cwd, timeout=60
    )


@pytest.mark.slow
@pytest.mark.skipif(not SCRIPT.is_file(), reason="breathe is not installed as a script here")
@pytest.mark.parametrize("started", ["path", "relative path", "python -m", "on PATH"])
def test_a_suggested_breathe_command_works_when_pasted(
    started: str, tmp_path: Path, isolated_user_dirs: Path
) -> None:
    bin_dir = str(SCRIPT.parent)
    elsewhere = [p for p in os.environ["PATH"].split(os.pathsep) if p and p != bin_dir]
    env = {**os.environ, "PATH": os.pathsep.join(elsewhere)}
    cwd = SCRIPT.parent.parent.parent  # the folder holding the venv, as in the README
    relative = str(SCRIPT.relative_to(cwd))
    expected = {
        "path": (str(SCRIPT), [str(SCRIPT)]),
        "relative path": (relative, [relative]),
        "python -m": (
            f"{shlex.quote(sys.executable)} -m breathe",
            [sys.executable, "-m", "breathe"],
        ),
        "on PATH": ("breathe", [str(SCRIPT)]),
    }
    word, start = expected[started]
    if started == "on PATH":
        env["PATH"] = os.pathsep.join([bin_dir, *elsewhere])
    assert suggested(env, cwd, *start) == word
    pasted = paste(f"{word} program list", env, cwd)
    assert pasted.returncode == 0, pasted.stderr
    assert pasted.stdout.startswith("NAME")
