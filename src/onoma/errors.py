"""Errors that onoma reports to users: each names the file (and line) at fault."""

from __future__ import annotations

from pathlib import Path


class OnomaError(Exception):
    """An error caused by the user's input, reported without a traceback."""


class GlossaryError(OnomaError):
    """A glossary file that cannot be loaded."""

    def __init__(self, path: Path | str, message: str, line: int | None = None) -> None:
        self.path = Path(path)
        self.line = line
        self.message = message
        where = f"{self.path}:{line}" if line is not None else str(self.path)
        super().__init__(f"{where}: {message}")


class InputError(OnomaError):
    """An input file that cannot be read as text."""

    def __init__(self, path: Path | str, message: str) -> None:
        self.path = Path(path)
        self.message = message
        super().__init__(f"{path}: {message}")


def require_str(text: object, what: str = "text") -> str:
    """``text`` if it is a ``str``; else a TypeError that says what was passed (the
    library's entry points call this, so that ``None`` or ``bytes`` fail clearly)."""
    if not isinstance(text, str):
        raise TypeError(f"{what} must be str, not {type(text).__name__}")
    return text
