"""What every sound backend shares: the failure it raises when it cannot play here, and
keeping ALSA's complaints off the screen."""

from __future__ import annotations

import ctypes
from typing import Any


class AudioUnavailable(Exception):
    """Sound cannot be played here; the message is the one line to show the person."""


# libasound writes errors straight to file descriptor 2, over the app's screen. A no-op
# handler stops that; it must stay referenced for the life of the process.
_ALSA_HANDLER_TYPE = ctypes.CFUNCTYPE(
    None, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p
)
_quiet_alsa: Any = None


def silence_alsa_errors() -> None:
    global _quiet_alsa
    if _quiet_alsa is not None:
        return
    try:
        library = ctypes.CDLL("libasound.so.2")
    except OSError:
        return
    _quiet_alsa = _ALSA_HANDLER_TYPE(lambda *args: None)
    library.snd_lib_error_set_handler(_quiet_alsa)
