"""Every place breathe reads or writes files.

Bundled routines, sounds and guides live in the top-level `routines/`, `sounds/` and `docs/`
folders of the source tree; a wheel carries them as `breathe/_bundled/...`. Both layouts
are found here, so an editable install and a wheel install behave the same.
User files live in platformdirs' user data directory (on Linux `$XDG_DATA_HOME/breathe`).
State (the active program, the notice seen) lives in its user state directory.
"""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP_NAME = "breathe"
_PACKAGE_DIR = Path(__file__).resolve().parent.parent  # breathe/


def bundled_dir(name: str) -> Path:
    """The bundled `routines`, `sounds` or `docs` folder, in a wheel or in the source tree."""
    inside_wheel = _PACKAGE_DIR / "_bundled" / name
    if inside_wheel.is_dir():
        return inside_wheel
    return _PACKAGE_DIR.parent / name


def bundled_routines_dir() -> Path:
    return bundled_dir("routines")


def bundled_docs_dir() -> Path:
    """The guides (`breathe docs`): the Markdown files of the source tree's `docs/`."""
    return bundled_dir("docs")


def user_data_dir() -> Path:
    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def history_path() -> Path:
    """The practice history, an SQLite file (created when the first session starts)."""
    return user_data_dir() / "history.sqlite3"


def user_routines_dir(*, create: bool = False) -> Path:
    """The user's own routines; created on demand (by `breathe locate`, for instance)."""
    path = user_data_dir() / "routines"
    if create:
        path.mkdir(parents=True, exist_ok=True)
    return path


def bundled_programs_dir(routines: Path | None = None) -> Path:
    """Bundled programs: the `programs` folder inside the bundled (or given) routines folder."""
    return (routines or bundled_routines_dir()) / "programs"


def user_programs_dir(*, create: bool = False) -> Path:
    """The user's own programs, next to their routines."""
    path = user_data_dir() / "programs"
    if create:
        path.mkdir(parents=True, exist_ok=True)
    return path


def user_state_dir() -> Path:
    """Small state breathe keeps between runs (the active program, the notice seen)."""
    return platformdirs.user_state_path(APP_NAME, appauthor=False)


def settings_path() -> Path:
    """The person's settings (`settings.toml`): read by breathe; only the app's theme is written."""
    return platformdirs.user_config_path(APP_NAME, appauthor=False) / "settings.toml"
