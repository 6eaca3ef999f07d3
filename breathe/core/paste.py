"""Commands breathe prints for a person to paste into their shell, written to work where
that person is.

- breathe itself: `breathe` when that word finds this very breathe on PATH; otherwise the
  way it was started. After the README's `python3 -m venv .venv && .venv/bin/pip install .
  && .venv/bin/breathe`, no `breathe` is on PATH: the commands say `.venv/bin/breathe`.
- pip: the interpreter running breathe (`/home/me/.venv/bin/python -m pip install ...`),
  never a bare `pip`, which is another Python's (or none) unless the venv is activated.
  An interpreter without pip (a uv-made venv) gets `uv pip install --python ...` if uv
  is there.
- system packages: `apt-get install` only where there is apt-get (else in words), after
  `sudo` unless breathe runs as root; a compiler and Python's headers only when missing.

Every word is shell-quoted (shlex), so a path with a space in it pastes whole.
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from pathlib import Path

_started_as = "breathe"  # `breathe`, until `started_as` learns how this process was started


def started_as(argv0: str) -> None:
    """Note how this process was started (its `sys.argv[0]`), for `breathe_command`."""
    global _started_as
    _started_as = invocation(argv0, shutil.which("breathe"))


def invocation(argv0: str, on_path: str | None) -> str:
    """The shell words that start this breathe again, from its `sys.argv[0]` and what the
    word `breathe` finds on PATH (`on_path`)."""
    if Path(argv0).name == "__main__.py":  # python -m breathe
        script = Path(sys.executable).parent / "breathe"  # this installation's own script
        if _same_file(on_path, script):
            return "breathe"
        return shlex.join([sys.executable, "-m", "breathe"])
    if _same_file(on_path, Path(argv0)):
        return "breathe"
    return shlex.quote(argv0)


def _same_file(found: str | None, path: Path) -> bool:
    try:
        return found is not None and os.path.samefile(found, path)
    except OSError:
        return False


def breathe_command(*words: str) -> str:
    """`breathe WORDS...` as the person can type it here (`.venv/bin/breathe play x`)."""
    return " ".join([_started_as, *(shell_word(word) for word in words)])


def shell_word(word: str) -> str:
    """`word` quoted for the shell; a path from `~/` keeps its `~/` outside the quotes,
    where the shell expands it (`'~/My Flow.yaml'` names a folder called `~`)."""
    if word.startswith("~/"):
        return "~/" + shlex.quote(word[2:])
    return shlex.quote(word)


def pip_install(*requirements: str) -> str:
    """The command that installs `requirements` into the Python running breathe."""
    import importlib.util

    python = sys.executable
    if importlib.util.find_spec("pip") is None and shutil.which("uv"):
        return shlex.join(["uv", "pip", "install", "--python", python, *requirements])
    return shlex.join([python, "-m", "pip", "install", *requirements])


def apt_install(packages: list[str], *, root: bool) -> str:
    """`apt-get install PACKAGES`, after `sudo` unless root."""
    return shlex.join([*([] if root else ["sudo"]), "apt-get", "install", *packages])


def build_packages(*, apt: bool) -> list[str]:
    """What building simpleaudio needs from the system: ALSA's headers (their package also
    brings the library it plays through), and a C compiler and this Python's headers when
    they are missing. Debian's names when `apt`, else words."""
    import sysconfig

    needed = ["libasound2-dev" if apt else "the ALSA headers"]
    compiler = (sysconfig.get_config_var("CC") or "cc").split()[0]
    if not (shutil.which(compiler) or shutil.which("cc")):
        needed.insert(0, "gcc" if apt else "a C compiler")
    if not Path(sysconfig.get_paths()["include"], "Python.h").is_file():
        version = f"{sys.version_info.major}.{sys.version_info.minor}"
        needed.append(f"python{version}-dev" if apt else f"the headers of Python {version}")
    return needed


def audio_install_hint() -> str:
    """How to get simpleaudio here: the commands to paste, one after the other."""
    pip = pip_install("breathe-tui[audio]")
    if not sys.platform.startswith("linux"):  # macOS and Windows build it with what they have
        return pip
    if shutil.which("apt-get"):
        root = hasattr(os, "geteuid") and os.geteuid() == 0
        return f"{apt_install(build_packages(apt=True), root=root)}, then {pip}"
    return f"install {', '.join(build_packages(apt=False))}, then {pip}"
