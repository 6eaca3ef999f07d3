"""espeak-ng, the system speech engine: robotic but dependable, and on many Linux machines
already (Debian's `espeak-ng` package). breathe runs it as a process, one per phrase.

`espeak-ng --stdout` writes a WAV whose header cannot know the length (it streams), so
the data chunk's size is not trusted: the sound is everything after the header.
"""

from __future__ import annotations

import shutil
import struct
import subprocess
from dataclasses import dataclass

from breathe.format.wav import Sound
from breathe.voice.speech import SpeechError, speech_sound

ESPEAK = "espeak-ng"
DEFAULT_VOICE = "en-us"
SPEED_WPM = 150  # a little slower than espeak-ng's 175: calmer, and easier to follow


def find_espeak() -> str | None:
    """The espeak-ng program on PATH, or None."""
    return shutil.which(ESPEAK)


@dataclass(frozen=True, slots=True)
class EspeakEngine:
    program: str  # the espeak-ng executable
    voice: str = DEFAULT_VOICE

    @property
    def name(self) -> str:
        return ESPEAK

    def synthesize(self, text: str) -> Sound:
        try:
            done = subprocess.run(
                [self.program, "--stdout", "--stdin", "-v", self.voice, "-s", str(SPEED_WPM)],
                input=text.encode("utf-8"),
                capture_output=True,
                timeout=60,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as error:
            raise SpeechError(f"espeak-ng could not run: {error}") from None
        if done.returncode != 0:
            message = done.stderr.decode("utf-8", "replace").strip()
            raise SpeechError(f"espeak-ng failed ({done.returncode}): {message}")
        pcm, rate = streamed_wav(done.stdout)
        return speech_sound(pcm, rate)


def streamed_wav(data: bytes) -> tuple[bytes, int]:
    """The 16-bit mono samples and rate of a WAV written to a pipe (its sizes unknown)."""
    if data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        raise SpeechError("espeak-ng wrote no WAV")
    position, rate = 12, 0
    while position + 8 <= len(data):
        chunk, size = data[position : position + 4], struct.unpack_from("<I", data, position + 4)[0]
        if chunk == b"fmt ":
            _, channels, rate, _, _, bits = struct.unpack_from("<HHIIHH", data, position + 8)
            if (channels, bits) != (1, 16):
                raise SpeechError(f"espeak-ng wrote {channels} channels of {bits} bits")
        elif chunk == b"data":
            if not rate:
                raise SpeechError("espeak-ng wrote sound before its format")
            return data[position + 8 :], rate
        position += 8 + size
    raise SpeechError("espeak-ng wrote no sound")
