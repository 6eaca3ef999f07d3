"""Reading a file a person names, when it may be anything: only a regular file is opened.

A FIFO (named pipe) given as a routine, a settings file or a watched file would make a
plain `open()` wait for a writer forever; a device or a socket is no file to read either;
and a symbolic link that loops, or leads nowhere, is not "no such file". These are looked
at with `stat` first, and said for what they are.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO

_SPECIAL_FILES = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def not_a_regular_file(path: Path) -> str | None:
    """What is at `path` when it is there but is no regular file to read, said after its
    name (`x.yaml is a FIFO (named pipe), not a regular file`); None for a regular file (or
    a link to one) and where nothing is. Looks without opening anything. Control
    characters are left in the words: the caller escapes what it prints.
    """
    try:
        mode = os.stat(path).st_mode
    except OSError as error:
        if error.errno == errno.ELOOP:
            return "is a symbolic link that loops (following it never reaches a file)"
        if error.errno in (errno.ENOENT, errno.ENOTDIR):
            if os.path.islink(path):
                return f"is a symbolic link to {os.readlink(path)}, which does not exist"
            return None
        return f"cannot be looked at: {error.strerror or error}"
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is a folder, not a file"
    kind = next((name for test, name in _SPECIAL_FILES if test(mode)), None)
    return f"is {kind}, not a regular file" if kind else "is not a regular file"


class NotARegularFile(OSError):
    """`open_regular` was given something other than a regular file; `what` says what."""

    def __init__(self, what: str) -> None:
        super().__init__(errno.EINVAL, what)
        self.what = what


def open_regular(path: Path) -> BinaryIO:
    """`path` opened for reading in binary, if it is a regular file (or a link to one).

    Raises NotARegularFile for anything else without opening it, and FileNotFoundError
    (or another OSError) as `open` does. The file is opened non-blocking and looked at
    again, in case a FIFO took its place in between.
    """
    what = not_a_regular_file(path)
    if what is not None:
        raise NotARegularFile(what)
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    if not stat.S_ISREG(os.fstat(descriptor).st_mode):
        os.close(descriptor)
        raise NotARegularFile("is not a regular file")
    return open(descriptor, "rb")
