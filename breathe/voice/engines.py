"""Choosing the speech engine: piper with a voice, else espeak-ng, else none, and one calm
line saying what is missing and how to add it.

Nothing is downloaded: the line gives the commands for the person to paste, written for
the Python running breathe (see breathe.core.paste).
"""

from __future__ import annotations

import shlex
import sys
from dataclasses import dataclass
from pathlib import Path

from breathe.core.bounds import VOICE_CHOICES
from breathe.core.paste import pip_install
from breathe.voice.espeak_engine import EspeakEngine, find_espeak
from breathe.voice.piper_engine import (
    SUGGESTED_VOICE,
    PiperEngine,
    find_voices,
    piper_installed,
    voices_dir,
)
from breathe.voice.speech import SpeechEngine


@dataclass(frozen=True, slots=True)
class EngineChoice:
    engine: SpeechEngine | None  # None: the session plays without speech
    notice: str | None  # one calm line when something is missing, with how to add it


def open_engine(preference: str = "auto", voice: Path | None = None) -> EngineChoice:
    """The speech engine to use for `preference` (one of VOICE_CHOICES); `voice` is a
    configured piper voice (a `.onnx` file or a folder of them)."""
    if preference not in VOICE_CHOICES:
        raise ValueError(f"voice must be one of {', '.join(VOICE_CHOICES)}, not {preference!r}")
    if preference == "off":
        return EngineChoice(None, None)
    if preference in ("auto", "piper"):
        piper = _piper(voice)
        if piper is not None:
            return EngineChoice(piper, None)
    espeak = find_espeak() if preference in ("auto", "espeak-ng") else None
    if espeak is not None:
        notice = None if preference == "espeak-ng" else f"Speaking with espeak-ng. {_get_piper()}"
        return EngineChoice(EspeakEngine(espeak), notice)
    if preference == "espeak-ng":
        return EngineChoice(None, "No voice: espeak-ng is not installed (Debian: espeak-ng).")
    return EngineChoice(None, f"No voice: the session plays without speech. {_get_piper()}")


def _piper(configured: Path | None) -> PiperEngine | None:
    if not piper_installed():
        return None
    found = next(find_voices(configured), None)
    return None if found is None else PiperEngine(found)


def _get_piper() -> str:
    """How to get a natural voice here: the missing pieces' commands, to paste."""
    steps = []
    if not piper_installed():
        steps.append(pip_install("breathe-tui[voice]"))
    download = [sys.executable, "-m", "piper.download_voices", SUGGESTED_VOICE]
    steps.append(shlex.join([*download, "--download-dir", str(voices_dir())]))
    return "For a natural voice: " + ", then ".join(steps)
