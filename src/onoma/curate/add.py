"""New glossary entries from one name: ``onoma glossary add``.

The name is the entry's form in its language; the forms in onoma's other core
languages (en, hy, ru, az) are drafted with :func:`onoma.translit.transliterate` and
the entry is marked ``review: true`` for a curator to check them. onoma has no
transliteration into Azerbaijani spelling (its Latin schemes write English
romanizations: Гюмри → Gyumri, not Gümrü), so the az name is left out, with a warning,
unless the name itself is Azerbaijani; copying the English form (``az: Stepanakert``)
would put a wrong spelling into the glossary. A pair the transliterator lacks (ru → hy)
goes through the drafted English form. From an
Azerbaijani name the English and Russian drafts are the press forms (Şəki → Sheki,
Шеки). A name in Latin script with Azerbaijani letters (ə, ğ, ı, İ, ş, ç, ö, ü) is taken as
Azerbaijani unless a language is given. A drafted form with letters outside its
language's script is left out with a warning. The id is made from the English form.

:func:`insert_entry` writes the entry where ``glossary fmt`` would put it (entries are
sorted by id), so the file stays formatted.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from onoma.curate.ids import is_valid_id, slug
from onoma.errors import OnomaError
from onoma.glossary.edit import FileEdit, append_entry, open_document
from onoma.glossary.fmt import emit_entry
from onoma.glossary.model import (
    CORE_LANGUAGES,
    ENTRY_TYPES,
    Entry,
    Glossary,
    language_code_problem,
)
from onoma.lang.case import fold_case
from onoma.lang.scripts import expected_script, scripts_in

TARGET_SCRIPTS = {"en": "latn", "hy": "armn", "ru": "cyrl", "az": "latn"}
"""The ``to=`` script of :func:`onoma.translit.transliterate` for each core language."""
DRAFT_SCHEMES = {("az", "en"): "press", ("az", "ru"): "press", ("az", "hy"): "press"}
"""The ``scheme=`` for drafting (source, target) forms; other pairs use the default."""


@dataclass
class NewEntry:
    """The drafted entry and what could not be drafted."""

    entry: Entry
    warnings: list[str] = field(default_factory=list)


def draft_entry(
    name: str,
    entry_type: str,
    glossary: Glossary,
    *,
    lang: str | None = None,
    entry_id: str | None = None,
    transliterate: Callable[..., str] | None = None,
) -> NewEntry:
    """A new entry for ``name``, refused when its id or name is already in ``glossary``.

    ``lang`` None is ``az`` for a name with Azerbaijani letters, else ``en``."""
    name = " ".join(name.split())
    if not name:
        raise OnomaError("the name is empty")
    guessed = lang is None
    if lang is None:
        lang = guess_lang(name)
    if entry_type not in ENTRY_TYPES:
        raise OnomaError(f"type {entry_type!r} is not one of {', '.join(ENTRY_TYPES)}")
    problem = language_code_problem(lang)
    if problem:
        raise OnomaError(problem)
    expected = expected_script(lang)
    found = scripts_in(name)
    if expected and found and found != {expected}:
        raise OnomaError(
            f"{name!r} is written in {', '.join(sorted(found))}, but {lang} is written in "
            f"{expected}; pass the right --lang"
        )
    _check_form(name, lang, entry_type)
    forms = glossary.form_index()
    if (lang, fold_case(name)) in forms:
        other, field_path = forms[(lang, fold_case(name))]
        raise OnomaError(
            f"{name!r} ({lang}) is already a form of {other.id!r} ({other.where(field_path)})"
        )
    if entry_id is not None:
        _check_id(entry_id, glossary)
    if transliterate is None:
        import functools

        from onoma.translit import attested_words
        from onoma.translit import transliterate as default

        # The glossary's Armenian names win where press Latin is ambiguous.
        curated = attested_words(glossary.names_in("hy"))
        transliterate = functools.partial(default, attested=curated)
    names, warnings = _draft_forms(name, lang, expected, forms, transliterate)
    if guessed and lang == "az" and not _az_for_sure(name):
        warnings.insert(0, f"{name!r} taken as Azerbaijani (ç, ö or ü); pass --lang if not")
    new_id = entry_id if entry_id is not None else slug(names.get("en", name))
    _check_id(new_id, glossary)
    entry = Entry(id=new_id, type=entry_type, names=names, review=True)
    _check_lint(entry)
    return NewEntry(entry, warnings)


def guess_lang(name: str) -> str:
    """``az`` for a Latin-script name with Azerbaijani letters (Şəki, Ağdam; also ç, ö, ü:
    Füzuli, Göyçay, which English press spellings never have), else ``en``."""
    from onoma.translit.runs import has_az_latin, has_az_or_other_latin

    latin = scripts_in(name) == {"Latin"}
    return "az" if latin and (has_az_latin(name) or has_az_or_other_latin(name)) else "en"


def _az_for_sure(name: str) -> bool:
    from onoma.translit.runs import has_az_latin

    return has_az_latin(name)


def _check_form(text: str, lang: str, entry_type: str) -> None:
    """Refuse a name that ``glossary lint`` would call an error (invisible or bidi
    control characters, each named with its position; no letter), in lint's words."""
    from onoma.curate.lint_forms import form_findings

    probe = Entry(id="new", type=entry_type, names={lang: text})
    for field_path, severity, _code, message in form_findings(probe):
        if severity == "error":
            raise OnomaError(message.replace(f"entry 'new': {field_path} ", "the name ", 1))


def _check_lint(entry: Entry) -> None:
    """Refuse an entry (the drafts included) that ``glossary lint`` calls an error."""
    from onoma.curate.lint import lint

    for problem in lint(Glossary([entry])):
        if problem.severity == "error":
            raise OnomaError(
                f"the new entry would fail 'onoma glossary lint': {problem.message} "
                f"[{problem.code}]; nothing was written"
            )


def _check_id(entry_id: str, glossary: Glossary) -> None:
    if not is_valid_id(entry_id):
        raise OnomaError(
            f"cannot use {entry_id!r} as an id; pass --id with one word such as 'karmir-shuka'"
        )
    existing = glossary.get(entry_id)
    if existing is not None:
        raise OnomaError(f"id {entry_id!r} already exists ({existing.where('id')})")


def _draft_forms(
    name: str,
    lang: str,
    script: str | None,
    forms: dict[tuple[str, str], tuple[Entry, str]],
    transliterate: Callable[..., str],
) -> tuple[dict[str, str], list[str]]:
    """The entry's names: ``name`` and a transliterated form per other core language.

    A pair that onoma.translit lacks (ru → hy), or that gives letters of another
    script, goes through the English form."""
    names = {lang: name}
    warnings: list[str] = []
    for target in CORE_LANGUAGES:
        if target == lang:
            continue
        if target == "az":
            warnings.append(
                "no az form: onoma has no transliteration into Azerbaijani spelling; "
                "add the az name by hand"
            )
            continue
        form, problem = _convert(transliterate, name, target, lang)
        if problem and "en" in names and lang != "en":
            form, problem = _convert(transliterate, names["en"], target, "en")
        if problem:
            warnings.append(f"no {target} form: {problem}")
            continue
        if (target, fold_case(form)) in forms:
            other, _ = forms[(target, fold_case(form))]
            warnings.append(f"no {target} form: {form!r} is already a form of {other.id!r}")
        else:
            names[target] = form
    return names, warnings


def _convert(
    transliterate: Callable[..., str], text: str, target: str, lang: str
) -> tuple[str, str]:
    """``(form, "")``, or ``("", why not)`` when transliteration fails, gives nothing or
    gives letters outside the script of ``target``."""
    options = {"to": TARGET_SCRIPTS[target], "lang": lang}
    if (lang, target) in DRAFT_SCHEMES:
        options["scheme"] = DRAFT_SCHEMES[(lang, target)]
    from onoma.translit import TranslitError

    try:
        form = transliterate(text, **options)
    except TranslitError as exc:  # a language pair or scheme the transliterator lacks
        return "", f"transliteration failed ({exc})"
    form = " ".join(str(form or "").split())
    if not form:
        return "", "transliteration gave nothing"
    script = expected_script(target)
    odd = sorted(scripts_in(form) - {script})
    if odd:
        return "", f"the draft {form!r} has {', '.join(odd)} letters, not only {script}"
    return form, ""


def insert_entry(path: Path, entry: Entry) -> FileEdit:
    """The edit adding ``entry`` to ``path`` before the first entry with a greater id,
    the rest of the file unchanged; at the end when the file's entries are not sorted
    (``glossary fmt`` would move them anyway) or all ids are smaller."""
    if not path.exists():
        return append_entry(path, entry)
    doc = open_document(path)
    ids = [block.entry.id for block in doc.blocks]
    after = [i for i, block in enumerate(doc.blocks) if block.entry.id > entry.id]
    if ids != sorted(ids) or not after:
        return append_entry(path, entry)
    before = doc.blocks[after[0]]
    lines = list(doc.lines)
    lines[before.start : before.start] = [*emit_entry(entry, indent=before.indent), ""]
    new = doc.newline.join(lines) + (doc.newline if doc.final_newline else "")
    entries = [block.entry for block in doc.blocks]
    entries.insert(after[0], entry)
    return FileEdit(
        path,
        doc.text,
        new,
        doc.bom,
        tuple(e.id for e in entries),
        tuple(entries),
        tuple(doc.comments),
    )
