"""The tabular formats: onoma's csv, Google's csv term sets and DeepL's tsv (see
:mod:`onoma.curate.exchange` for their layouts)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator
from pathlib import Path

from onoma.curate.exchange.common import ExchangeError, Exported, Imported
from onoma.curate.ids import unique_id
from onoma.errors import GlossaryError
from onoma.glossary.fmt import sorted_langs
from onoma.glossary.model import LANG_CODE, Entry, Glossary

META_COLUMNS = ("id", "type", "case_sensitive", "review", "note")
GOOGLE_COLUMNS = ("pos", "description")
_TRUE = {"true", "yes", "1"}
_FALSE = {"", "false", "no", "0"}
_SPLIT = re.compile(r"(?<!\\)(?:\\\\)*\|")


def escape_variant(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|")


def split_variants(cell: str) -> list[str]:
    """Split a ``|``-separated cell, honouring ``\\|`` and ``\\\\`` escapes."""
    if not cell:
        return []
    parts, start = [], 0
    for m in _SPLIT.finditer(cell):
        parts.append(cell[start : m.end() - 1])
        start = m.end()
    parts.append(cell[start:])
    return [re.sub(r"\\(.)", r"\1", part, flags=re.DOTALL) for part in parts]


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def escape_formula(cell: str) -> str:
    """The cell with a leading apostrophe if a spreadsheet would read it as a formula.

    OWASP's CSV-injection rule: ``= + - @`` TAB CR at the start. Names that really start
    with ``-`` or ``+`` are escaped too (a spreadsheet would still evaluate them);
    spreadsheets show the apostrophe as a text marker, and :func:`unescape_formula` removes
    it on import. A cell that already starts with an apostrophe before one of those (or
    before another apostrophe) gets one more, so every cell round-trips.
    """
    if cell.startswith(_FORMULA_START) or unescape_formula(cell) != cell:
        return "'" + cell
    return cell


def unescape_formula(cell: str) -> str:
    """Undo :func:`escape_formula`: drop an apostrophe before ``= + - @`` TAB CR or ``'``."""
    if cell.startswith("'") and cell[1:2] and cell[1:2] in (*_FORMULA_START, "'"):
        return cell[1:]
    return cell


def _unescape_cells(row: list[str], line: int, formulas: list[int]) -> list[str]:
    """Cells as onoma wrote them; lines with a cell a spreadsheet would run go to formulas."""
    if any(cell.startswith(("=", "@")) for cell in row) or any(
        cell[:1] in "+-" and cell[1:2] and not cell[1].isalpha() for cell in row
    ):
        formulas.append(line)
    return [unescape_formula(cell) for cell in row]


def _formula_note(path: Path, formulas: list[int]) -> list[str]:
    if not formulas:
        return []
    lines = ", ".join(map(str, formulas[:5])) + (
        f" and {len(formulas) - 5} more" if len(formulas) > 5 else ""
    )
    return [
        f"{path}: {len(formulas)} row{'s' * (len(formulas) != 1)} with a cell a spreadsheet "
        f"would run as a formula (=, @, + or - before a non-letter), kept as text: line {lines}"
    ]


def csv_rows(text: str, path: Path) -> Iterator[tuple[int, list[str]]]:
    """The rows of CSV text with the line each starts on; malformed CSV (a quote left
    open, a field over the csv module's size limit…) raises ExchangeError at file:line."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            problem = str(exc)
            if problem == "unexpected end of data":
                problem = "a quoted field that starts on this line is never closed"
            raise ExchangeError(f"{path}:{line}: invalid CSV: {problem}") from None
        yield line, row


def _csv_text(rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(
        [escape_formula(cell) for cell in row] for row in rows
    )
    return buffer.getvalue()


def write_csv(glossary: Glossary) -> str:
    """onoma's lossless CSV (see the module docs)."""
    langs = sorted_langs(glossary.languages())
    clash = [lang for lang in langs if lang in META_COLUMNS]
    if clash:
        entry = next(e for e in glossary if clash[0] in e.names or clash[0] in e.variants)
        raise ExchangeError(
            f"{entry.where()}: language {clash[0]!r} has the name of the column "
            f"{clash[0]!r} of onoma's CSV; write the language with a region "
            f"({clash[0]}-ID for Indonesian), or export as tbx"
        )
    header = ["id", "type"]
    for lang in langs:
        header += [lang, f"{lang}_variants"]
    rows = [[*header, "case_sensitive", "review", "note"]]
    for entry in glossary:
        row = [entry.id, entry.type]
        for lang in langs:
            row.append(entry.names.get(lang, ""))
            row.append("|".join(escape_variant(v) for v in entry.variants.get(lang, ())))
        row += [_flag(entry.case_sensitive), _flag(entry.review), entry.note or ""]
        rows.append(row)
    return _csv_text(rows)


def _flag(value: bool) -> str:
    return "true" if value else "false"


def write_google_csv(glossary: Glossary) -> Exported:
    """Google's equivalent-term-sets CSV: language columns, names only, notes as description."""
    langs = sorted_langs({lang for entry in glossary for lang in entry.names})
    with_notes = any(entry.note for entry in glossary)
    rows = [langs + (["description"] if with_notes else [])]
    dropped = 0
    for entry in glossary:
        rows.append([entry.names.get(lang, "") for lang in langs])
        if with_notes:
            rows[-1].append(entry.note or "")
        dropped += sum(len(forms) for forms in entry.variants.values())
    warnings = ["ids, types and the case_sensitive/review flags are not part of this layout"]
    if dropped:
        warnings.append(
            f"{dropped} variant{'s' * (dropped != 1)} dropped: the layout has one term per language"
        )
    if len(langs) < 2:
        warnings.append("Google needs at least two languages in a term-set glossary")
    return Exported(_csv_text(rows), warnings)


def write_tsv(glossary: Glossary, source: str, target: str) -> Exported:
    """DeepL's TSV entries for one language pair: each source form → the target name.

    A language no entry has a name in, or a pair no entry has both names of, is an error
    (most likely a typo), not an empty file."""
    _require_pair(glossary, source, target)
    lines, warnings, seen = [], [], set()
    skipped = 0
    for entry in glossary:
        if source not in entry.names or target not in entry.names:
            skipped += 1
            continue
        name = entry.names[target]
        for form in entry.forms(source):
            if any(c in form or c in name for c in "\t\r\n"):
                warnings.append(f"{entry.id!r}: {form!r} has a tab or line break; left out")
            elif form in seen:
                warnings.append(f"{entry.id!r}: source {form!r} repeats; left out")
            else:
                seen.add(form)
                lines.append(f"{form}\t{name}\n")
    if skipped:
        warnings.append(
            f"{skipped} entr{'y' if skipped == 1 else 'ies'} without names in both {source} "
            f"and {target} left out"
        )
    return Exported("".join(lines), warnings)


def _require_pair(glossary: Glossary, source: str, target: str) -> None:
    """Raise ExchangeError unless some entry has a name in both languages."""
    present = sorted_langs({lang for entry in glossary for lang in entry.names})
    for option, lang in (("--from", source), ("--to", target)):
        if lang not in present:
            raise ExchangeError(
                f"{option} {lang}: no entry has a name in {lang!r} "
                f"(languages: {', '.join(present) or 'none'})"
            )
    if not any(source in entry.names and target in entry.names for entry in glossary):
        raise ExchangeError(f"no entry has names in both {source} and {target}")


def _header_columns(header: list[str], path: Path, allowed: Callable[[str], bool]) -> None:
    repeated = sorted({c for c in header if header.count(c) > 1})
    if repeated:
        raise ExchangeError(f"{path}: column {repeated[0]!r} appears twice in the header")
    unknown = [c for c in header if not allowed(c)]
    if unknown:
        raise ExchangeError(
            f"{path}: unknown column{'s' * (len(unknown) > 1)} "
            f"{', '.join(repr(c) for c in unknown)} in the header"
        )


def read_csv(text: str, path: Path) -> Imported:
    """onoma's CSV back into entries; unknown columns are an error."""
    from onoma.glossary.load import parse_entry

    rows = csv_rows(text, path)
    header = [cell.strip() for cell in next(rows, (0, []))[1]]
    if not header:
        raise ExchangeError(f"{path}: empty file, no header row")

    def allowed(column: str) -> bool:
        base = column.removesuffix("_variants")
        return column in META_COLUMNS or (base not in META_COLUMNS and bool(LANG_CODE.match(base)))

    _header_columns(header, path, allowed)
    notes: list[str] = []
    entries: list[Entry] = []
    taken: set[str] = set()
    formulas: list[int] = []
    for line, raw_row in rows:
        if not any(cell.strip() for cell in raw_row):
            continue
        row = _unescape_cells(raw_row, line, formulas)
        if len(row) > len(header):
            extra = len(row) - len(header)
            notes.append(f"{path}:{line}: {extra} cell{'s' * (extra != 1)} past the header ignored")
        cells = dict(zip(header, row, strict=False))
        item: dict[str, object] = {"type": cells.get("type") or "other"}
        names = {
            c: v
            for c, v in cells.items()
            if c not in META_COLUMNS and not c.endswith("_variants") and v  # pt_BR is a name
        }
        variants = {
            c.removesuffix("_variants"): split_variants(v)
            for c, v in cells.items()
            if c.endswith("_variants") and v
        }
        if not names:
            notes.append(f"{path}:{line}: row without any name skipped")
            continue
        item["names"] = names
        if variants:
            item["variants"] = variants
        for flag in ("case_sensitive", "review"):
            value = cells.get(flag, "").strip().lower()
            if value not in _TRUE | _FALSE:
                raise ExchangeError(f"{path}:{line}: {flag} must be true or false, not {value!r}")
            item[flag] = value in _TRUE
        if cells.get("note"):
            item["note"] = cells["note"]
        entry_id = cells.get("id", "")
        if not entry_id:
            entry_id = unique_id(next(iter(names.values())), taken)
            notes.append(f"{path}:{line}: no id; made {entry_id!r}")
        elif entry_id in taken:
            new_id = unique_id(entry_id, taken)
            notes.append(f"{path}:{line}: id {entry_id!r} repeats; renamed {new_id!r}")
            entry_id = new_id
        item["id"] = entry_id
        taken.add(entry_id)
        try:
            entries.append(parse_entry(item, path, line))
        except GlossaryError as exc:
            raise GlossaryError(path, exc.message, line) from None
    return Imported(entries, notes + _formula_note(path, formulas))


def read_google_csv(text: str, path: Path) -> Imported:
    """Google's term-set CSV into entries: one per row, ids made from the names."""
    rows = csv_rows(text, path)
    header = [cell.strip() for cell in next(rows, (0, []))[1]]
    if not header:
        raise ExchangeError(f"{path}: empty file, no header row")
    _header_columns(header, path, lambda c: c in GOOGLE_COLUMNS or bool(LANG_CODE.match(c)))
    langs = [c for c in header if c not in GOOGLE_COLUMNS]
    preferred = "en" if "en" in langs else (langs[0] if langs else "")
    entries, notes, taken = [], [], set()
    pos_rows = 0
    formulas: list[int] = []
    for line, raw_row in rows:
        row = _unescape_cells(raw_row, line, formulas)
        cells = dict(zip(header, row, strict=False))
        names = {lang: cells[lang] for lang in langs if cells.get(lang, "").strip()}
        if not names:
            if any(cell.strip() for cell in row):
                notes.append(f"{path}:{line}: row without any term skipped")
            continue
        pos_rows += bool(cells.get("pos", "").strip())
        entry_id = unique_id(names.get(preferred) or next(iter(names.values())), taken)
        taken.add(entry_id)
        note = cells.get("description", "").strip() or None
        entries.append(Entry(entry_id, "other", names, note=note))
    if entries:
        notes.append("ids made from the names; every type set to 'other'")
    if pos_rows:
        notes.append(f"pos column not mapped ({pos_rows} row{'s' * (pos_rows != 1)})")
    return Imported(entries, notes + _formula_note(path, formulas))


def read_tsv(text: str, path: Path, source: str, target: str) -> Imported:
    """DeepL TSV pairs into entries: rows sharing a target become one entry."""
    groups: dict[str, list[str]] = {}
    notes = []
    for number, raw in enumerate(text.split("\n"), 1):
        line = raw.removesuffix("\r")
        if not line.strip():
            continue
        cells = line.split("\t")
        if len(cells) != 2 or not cells[0].strip() or not cells[1].strip():
            notes.append(f"{path}:{number}: not a source<TAB>target pair; skipped")
            continue
        sources = groups.setdefault(cells[1], [])
        if cells[0] not in sources:
            sources.append(cells[0])
    entries, taken = [], set()
    for target_name, sources in groups.items():
        entry_id = unique_id(sources[0], taken)
        taken.add(entry_id)
        variants = {source: tuple(sources[1:])} if len(sources) > 1 else {}
        names = {source: sources[0], target: target_name}
        entries.append(Entry(entry_id, "other", names, variants))
    if entries:
        notes.append("ids made from the names; every type set to 'other'")
    return Imported(entries, notes)
