"""What every import checks before its entries become a glossary: an id that ``glossary
lint`` would refuse is made valid (and the note says so), and each entry that lint would
still reject is named in a warning, its data kept as it was: the curator fixes it, nothing
is dropped behind their back."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from onoma.curate.exchange.common import Imported
from onoma.curate.ids import id_like, is_valid_id, unique_id
from onoma.glossary.model import Entry, Glossary

MAX_PER_KIND = 50
"""Warnings listed per kind of problem, as ``glossary lint`` lists at most 50."""

CONFLICTS = frozenset({"name-conflict", "variant-is-name", "variant-conflict"})
"""Lint's codes for a form two entries share: :func:`shared_terms` notes them already."""


def check_imported(imported: Imported) -> Imported:
    """``imported`` with valid ids, shared terms noted and a warning for each problem
    that would make ``glossary lint`` fail on the written glossary."""
    notes = list(imported.notes)
    entries = valid_ids(imported.entries, notes)
    notes += shared_terms(entries)
    return Imported(entries, notes, [*imported.warnings, *lint_warnings(entries)])


def label(entry: Entry) -> str:
    """``entry 'id'``, with the file and line it was read from when known."""
    origin = entry.origin
    if origin is None:
        return f"entry {entry.id!r}"
    return f"entry {entry.id!r} ({origin.path}{f':{origin.line}' if origin.line else ''})"


def valid_ids(entries: list[Entry], notes: list[str]) -> list[Entry]:
    """``entries`` with each id that is not one word (``a&b c/..``) made one the way lint
    suggests (``a-b-c-..``), kept apart from every other id; a note names each."""
    taken = {entry.id for entry in entries}
    result = []
    for entry in entries:
        if is_valid_id(entry.id):
            result.append(entry)
            continue
        new_id = id_like(entry.id)
        if not new_id or new_id in taken:
            new_id = unique_id(new_id or next(iter(entry.names.values()), ""), taken)
        taken.add(new_id)
        notes.append(
            f"{label(entry)}: the id is not one word of letters, digits, '-', '_' or '.'; "
            f"made {new_id!r}"
        )
        result.append(replace(entry, id=new_id))
    return result


def shared_terms(entries: list[Entry]) -> list[str]:
    """A note for each term that two entries share in one language: onoma cannot tell
    which is meant, and ``glossary lint`` reports the pair as a conflict."""
    from onoma.lang.case import fold_case

    owners: dict[tuple[str, str], list[str]] = {}
    for entry in entries:
        for lang, text, _field in entry.all_forms():
            ids = owners.setdefault((lang, fold_case(text)), [])
            if entry.id not in ids:
                ids.append(entry.id)
    return [
        f"term {key[1]!r} ({key[0]}) is in {len(ids)} concepts: {', '.join(ids)}; "
        "glossary lint reports it until one keeps it"
        for key, ids in owners.items()
        if len(ids) > 1
    ]


def lint_warnings(entries: list[Entry]) -> list[str]:
    """One warning for each error ``glossary lint`` would report in the entries (a name
    with a line break, stray spaces, a bidirectional control, no letter…), at most
    :data:`MAX_PER_KIND` of each kind; shared terms are left to :func:`shared_terms`."""
    from onoma.curate.lint import lint

    warnings: list[str] = []
    shown: Counter[str] = Counter()
    # Without field lines (the readers know none), a problem is placed on its entry's line.
    for problem in lint(Glossary([replace(entry, lines={}) for entry in entries])):
        if problem.severity != "error" or problem.code in CONFLICTS:
            continue
        shown[problem.code] += 1
        if shown[problem.code] <= MAX_PER_KIND:
            path, _, line = problem.where.rpartition(":")
            where = path if line == "0" else problem.where  # a TBX entry has no line
            prefix = "" if where.startswith("entry ") else f"{where}: "  # no file known
            warnings.append(
                f"{prefix}{problem.message}; kept, but glossary lint rejects it [{problem.code}]"
            )
    for code, count in sorted(shown.items()):
        if count > MAX_PER_KIND:
            warnings.append(f"{count - MAX_PER_KIND} more [{code}] not listed")
    return warnings
