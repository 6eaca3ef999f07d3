"""Every command breathe prints pastes whole into a shell: names and paths with spaces are
quoted, and a path from `~` keeps `~/` outside the quotes, where the shell expands it
(`'~/…'` names a folder called `~`). The printed commands are run through a real shell."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from breathe.cli import main
from breathe.core.paste import breathe_command, shell_word

BREATHE = str(Path(sys.executable).parent / "breathe")


def pasted(command: str, home: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """`command` as a person pastes it into bash, in `cwd`, at home in `home`."""
    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_STATE_HOME": str(home / ".local" / "state"),
    }
    return subprocess.run(
        ["bash", "-c", command], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )


@pytest.mark.parametrize("where", ["home", "elsewhere"])
def test_the_next_step_of_breathe_new_pastes_and_works(tmp_path: Path, where: str) -> None:
    home = tmp_path / "home"
    home.mkdir()
    cwd = home if where == "home" else tmp_path
    made = pasted(f"{shlex.quote(BREATHE)} new 'Morning Flow'", home, cwd)
    assert made.returncode == 0, made.stderr
    commands = re.findall(r"`([^`]+)`", made.stdout.splitlines()[-1])
    validate, play = commands
    assert validate.startswith(f"{BREATHE} validate ")
    checked = pasted(validate, home, cwd)
    assert (checked.returncode, checked.stdout.strip()) == (0, "checked 1 file: valid")
    assert shlex.split(play)[1:] == ["play", "Morning Flow", "--watch"]


def test_a_path_from_home_keeps_its_tilde_outside_the_quotes() -> None:
    assert shell_word("~/.local/share/breathe/routines/My Flow.yaml") == (
        "~/'.local/share/breathe/routines/My Flow.yaml'"
    )
    assert shell_word("My Flow.yaml") == "'My Flow.yaml'"
    assert shell_word("calm") == "calm"
    assert breathe_command("play", "Evening Flow").endswith(" play 'Evening Flow'")


def test_the_scaffold_s_own_commands_are_quoted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["new", "Morning Flow", "-o", "."]) == 0
    capsys.readouterr()
    text = (tmp_path / "Morning Flow.yaml").read_text(encoding="utf-8")
    assert "# Check it:  breathe validate 'Morning Flow.yaml'\n" in text
    assert "# Try it:    breathe play 'Morning Flow.yaml' --watch" in text


def test_export_says_how_to_import_and_play_in_words_that_paste(
    tmp_path: Path,
    user_routines: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    (user_routines / "Morning Flow.yaml").write_text(
        "title: Morning Flow\nsteps:\n  - rest: Sit\n    duration: 1m\n", encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    assert main(["export", "Morning Flow", "-o", "morning flow.zip"]) == 0
    last = capsys.readouterr().out.splitlines()[-1]
    assert last.endswith("breathe import 'morning flow.zip', then breathe play 'Morning Flow'")
