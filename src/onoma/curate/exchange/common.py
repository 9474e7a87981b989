"""What every exchange format shares: its errors and the results of an export or import."""

from __future__ import annotations

from dataclasses import dataclass, field

from onoma.errors import OnomaError
from onoma.glossary.model import Entry

FORMATS = ("csv", "google-csv", "tsv", "tbx")
EXTENSIONS = {".csv": "csv", ".tsv": "tsv", ".tbx": "tbx", ".xml": "tbx"}


class ExchangeError(OnomaError):
    """A file that cannot be exported or imported as asked."""


@dataclass
class Exported:
    """The text of an export and what the format could not carry."""

    text: str
    warnings: list[str] = field(default_factory=list)


@dataclass
class Imported:
    """The entries read from a file, what could not be mapped onto them (``notes``) and
    what ``glossary lint`` would reject in them (``warnings``)."""

    entries: list[Entry]
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
