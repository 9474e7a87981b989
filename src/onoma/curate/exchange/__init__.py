"""Glossaries to and from other tools' formats: ``onoma glossary export | import``.

Formats:

``csv`` (onoma's own, lossless)
    Header ``id,type,<lang>,<lang>_variants,…,case_sensitive,review,note``; one row per
    entry; variants separated by ``|`` (a ``|`` or ``\\`` inside a form is escaped with
    ``\\``). Languages in fmt's order. The column ``id`` is the entry id, so a glossary
    with Indonesian written ``id`` cannot be exported in this format (write ``id-ID``).
``google-csv`` (Google Cloud Translation "equivalent term sets", the layout of Google
    Translator Toolkit glossaries)
    Header of language codes, optionally ``pos`` and ``description``; one row per entry,
    names only. ``note`` ↔ ``description``; variants, ids, types and flags are dropped on
    export (with a warning); on import ids are made from the names and types are ``other``.
``tsv`` (DeepL glossary entries, one language pair)
    ``source<TAB>target`` per line, no header: the source name, then each source variant,
    all mapped to the target name. On import, rows sharing a target form one entry whose
    first source is the name and the others its variants.
``tbx`` (TBX-Basic, ISO 30042): see :mod:`onoma.curate.exchange.tbx`.
"""

from __future__ import annotations

from pathlib import Path

from onoma.curate.exchange.common import EXTENSIONS, FORMATS, ExchangeError, Exported, Imported
from onoma.curate.exchange.tables import (
    csv_rows,
    read_csv,
    read_google_csv,
    read_tsv,
    write_csv,
    write_google_csv,
    write_tsv,
)
from onoma.glossary.model import Glossary, language_code_problem

__all__ = [
    "EXTENSIONS",
    "FORMATS",
    "ExchangeError",
    "Exported",
    "Imported",
    "export_glossary",
    "guess_format",
    "import_glossary",
]


def guess_format(path: Path) -> str:
    """The format a file name says (``.csv`` → csv, ``.tsv`` → tsv, ``.tbx``/``.xml`` → tbx)."""
    fmt = EXTENSIONS.get(path.suffix.lower())
    if fmt is None:
        raise ExchangeError(
            f"{path}: cannot tell the format from the extension; pass --format "
            f"({', '.join(FORMATS)})"
        )
    return fmt


def export_glossary(
    glossary: Glossary, fmt: str, source: str | None = None, target: str | None = None
) -> Exported:
    """``glossary`` written in ``fmt`` (``tsv`` needs the ``source``/``target`` pair)."""
    _check_pair(fmt, source, target)
    if fmt == "csv":
        return Exported(write_csv(glossary))
    if fmt == "google-csv":
        return write_google_csv(glossary)
    if fmt == "tsv":
        return write_tsv(glossary, str(source), str(target))
    if fmt == "tbx":
        from onoma.curate.exchange.tbx import write_tbx

        return Exported(write_tbx(glossary))
    raise ExchangeError(f"unknown format {fmt!r} (formats: {', '.join(FORMATS)})")


def import_glossary(
    path: Path, fmt: str | None = None, source: str | None = None, target: str | None = None
) -> Imported:
    """Read the entries of a csv, google-csv, tsv or tbx file; without ``fmt`` the format
    is guessed from the name and, for a .csv, from its header. Ids that are not one word
    are made valid (with a note) and what ``glossary lint`` would reject is warned about
    (see :mod:`onoma.curate.exchange.checks`)."""
    from onoma.curate.exchange.checks import check_imported

    return check_imported(_read(path, fmt, source, target))


def _read(path: Path, fmt: str | None, source: str | None, target: str | None) -> Imported:
    from onoma.text.files import read_text_file

    guessed = fmt is None
    fmt = fmt or guess_format(path)
    _check_pair(fmt, source, target)
    if fmt == "tbx":
        from onoma.curate.exchange.tbx import read_tbx

        try:
            data = path.read_bytes()
        except OSError as exc:
            raise ExchangeError(f"{path}: {exc.strerror or exc}") from None
        return read_tbx(data, path)
    text = read_text_file(path, skipped=False).text
    if fmt == "tsv":
        return read_tsv(text, path, str(source), str(target))
    first = next(csv_rows(text, path), None)
    header = [cell.strip() for cell in first[1]] if first else []
    if guessed and fmt == "csv" and "id" not in header and header and "type" not in header:
        fmt = "google-csv"  # a .csv without onoma's columns: Google's term sets
    reader = read_csv if fmt == "csv" else read_google_csv
    return reader(text, path)


def _check_pair(fmt: str, source: str | None, target: str | None) -> None:
    """Refuse an unknown format, a language pair for any format but tsv, and a tsv
    without two distinct language codes."""
    if fmt not in FORMATS:
        raise ExchangeError(f"unknown format {fmt!r} (formats: {', '.join(FORMATS)})")
    if fmt != "tsv":
        if source or target:
            raise ExchangeError(f"--from/--to apply to -f tsv only, not to {fmt}")
        return
    if not source or not target:
        raise ExchangeError("the tsv format needs --from and --to, e.g. --from en --to hy")
    for option, lang in (("--from", source), ("--to", target)):
        problem = language_code_problem(lang)
        if problem:
            raise ExchangeError(f"{option}: {problem}")
    if source == target:
        raise ExchangeError(f"--from and --to are both {source}; give two languages")
