"""Reading the hand-written declension tables of ``tests/data/inflect_LANG.tsv``."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

DATA = Path(__file__).parent / "data"


class Row(NamedTuple):
    type: str
    gender: str | None
    form: str
    cases: dict[str, str]  # case (nom.def for the definite) -> expected form; "-" = none


def table(lang: str) -> list[Row]:
    """The rows of one language's table."""
    lines = [
        line.rstrip("\n").split("\t")
        for line in (DATA / f"inflect_{lang}.tsv").read_text("utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    header = lines[0]
    return [
        Row(
            cells[0],
            None if cells[1] == "-" else cells[1],
            cells[2],
            dict(zip(header[2:], cells[2:], strict=True)),
        )
        for cells in lines[1:]
    ]
