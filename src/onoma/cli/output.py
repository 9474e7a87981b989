"""Standard output that cannot fail silently.

A command's output is its result: when standard output is closed (``>&-``) or full
(``>/dev/full``), onoma says "cannot write to standard output" and exits 2, whatever
the command. A reader that goes away (``| head``) is no failure and stays quiet.
"""

from __future__ import annotations

import errno
import os
import sys
from typing import Any, TextIO


class StdoutError(Exception):
    """Standard output refused a write (closed, full, an I/O error); not a pipe closed by
    its reader, which stays a :class:`BrokenPipeError`."""


class GuardedStdout:
    """Wraps the text stream of standard output (or stands for a closed one) so that every
    failed write or flush raises :class:`StdoutError`."""

    def __init__(self, stream: TextIO | None) -> None:
        self._stream = stream

    def _fail(self, exc: OSError | None) -> StdoutError:
        reason = (exc.strerror or str(exc)) if exc is not None else "it is closed"
        return StdoutError(f"cannot write to standard output: {reason}")

    def write(self, text: str) -> int:
        if self._stream is None:
            raise self._fail(None)
        try:
            return self._stream.write(text)
        except BrokenPipeError:
            raise
        except (OSError, ValueError) as exc:
            raise self._fail(exc if isinstance(exc, OSError) else None) from None

    def flush(self) -> None:
        if self._stream is None:
            return
        try:
            self._stream.flush()
        except BrokenPipeError:
            raise
        except (OSError, ValueError) as exc:
            raise self._fail(exc if isinstance(exc, OSError) else None) from None

    def isatty(self) -> bool:
        return self._stream is not None and self._stream.isatty()

    @property
    def encoding(self) -> str:
        return "utf-8"

    @property
    def errors(self) -> str:
        return getattr(self._stream, "errors", "strict") or "strict"

    def __getattr__(self, name: str) -> Any:
        if self._stream is None:
            if name == "fileno":
                raise OSError(errno.EBADF, "standard output is closed")
            raise AttributeError(name)
        return getattr(self._stream, name)


def quiet_broken_pipe() -> None:
    """Point standard output at /dev/null, so that Python's flush at exit after a reader
    went away (``| head``) prints no second error."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 1)
    finally:
        os.close(devnull)


def run_guarded(app: Any) -> None:
    """Run the Typer ``app`` with a guarded standard output; exit 2 with one line on
    stderr when the output cannot be written, quietly when its reader went away."""
    sys.stdout = GuardedStdout(sys.stdout)  # type: ignore[assignment]
    code: int | str | None = 0
    try:
        app()
    except SystemExit as exc:
        code = exc.code
    except StdoutError as error:
        code = _report(error)
    except BrokenPipeError:
        code = 0
    try:
        sys.stdout.flush()
    except StdoutError as error:
        code = _report(error)
    except BrokenPipeError:
        pass
    if isinstance(sys.stdout, GuardedStdout) and sys.stdout._stream is not None:
        try:
            sys.stdout._stream.flush()
        except OSError:
            quiet_broken_pipe()
    sys.exit(code)


def _report(error: StdoutError) -> int:
    print(f"error: {error}", file=sys.stderr)
    return 2
