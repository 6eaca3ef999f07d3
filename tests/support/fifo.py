"""A guard for tests that hand breathe a FIFO: a reader is let go instead of hanging."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def never_read(fifo: Path) -> Iterator[list[str]]:
    """Watch `fifo` while the block runs: a reader that opens it is let go at once (a
    writer opens it, and closes it: the reader sees an empty file) and noted, so a test
    that opens it fails instead of waiting forever."""
    noted: list[str] = []
    done = threading.Event()

    def watch() -> None:
        while not done.wait(0.01):
            try:
                os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
            except OSError:  # ENXIO: nobody has it open for reading
                continue
            noted.append("opened for reading")

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        yield noted
    finally:
        done.set()
        watcher.join()
