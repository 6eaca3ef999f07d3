"""The project itself: docs and README agree with the code; ruff, mypy, import layers."""
