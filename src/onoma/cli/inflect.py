"""``onoma inflect``: a name's case forms in Russian, Armenian or Azerbaijani."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from onoma.cli.common import (
    EXIT_OK,
    GlossaryOption,
    NoBuiltinOption,
    fail,
    load_glossary,
    split_list,
    table,
    text_arguments,
)

TYPES = ("person", "place", "organization", "other")


def _glossary_entry(glossary, form: str, lang: str):  # a Glossary -> Entry | None
    """The entry whose name or variant in ``lang`` is ``form``."""
    from onoma.lang.case import fold_case

    found = glossary.form_index().get((lang, fold_case(form)))
    return found[0] if found else None


def inflect(
    forms: Annotated[
        list[str], typer.Argument(help="Names in the nominative (quote names of several words).")
    ],
    lang: Annotated[str, typer.Option("--lang", "-l", help="Language: ru, hy or az.")],
    case: Annotated[
        str,
        typer.Option(
            "--case",
            "-c",
            help="Comma-separated cases (nom gen dat acc ins loc abl, as the language has "
            "them; Armenian definite forms: nom.def dat.def), or 'all'.",
        ),
    ] = "all",
    entry_type: Annotated[
        str | None,
        typer.Option(
            "--type",
            help="person, place, organization or other. Default: the glossary entry's type, "
            "else person.",
            show_default=False,
        ),
    ] = None,
    gender: Annotated[
        str | None,
        typer.Option(
            "--gender",
            help="m or f, for people (Russian surnames decline for men only). Default: the "
            "entry's, else guessed.",
            show_default=False,
        ),
    ] = None,
    glossary: GlossaryOption = None,
    no_builtin: NoBuiltinOption = False,
    as_json: Annotated[
        bool, typer.Option("--json", help='Print {"forms": [{form, lang, type, gender, cases}]}.')
    ] = False,
) -> None:
    """Print the case forms of names. A name that is a glossary form takes its entry's
    type, gender and explicit forms; --type and --gender override them."""
    from onoma.lang.inflect import InflectError, cases, check_case, declension

    text_arguments(forms, "the name")
    if not all(form.strip() for form in forms):
        fail("a name to decline is empty")
    try:
        wanted = list(cases(lang)) if case == "all" else split_list(case)
        for each in wanted:
            check_case(lang, each, definite=True)
    except InflectError as exc:
        fail(str(exc))
    if not wanted:
        fail("--case names no case: give cases such as gen,dat, or all")
    if entry_type is not None and entry_type not in TYPES:
        fail(f"--type must be one of {', '.join(TYPES)}, not {entry_type!r}")
    if gender is not None and gender not in ("m", "f"):
        fail(f"--gender must be m or f, not {gender!r}")
    loaded = load_glossary(glossary, no_builtin)
    results = []
    for form in forms:
        entry = _glossary_entry(loaded, form, lang)
        kind = entry_type or (entry.type if entry else "person")
        sex = gender or (entry.gender if entry else None)
        if kind == "person" and sex is None and lang == "ru":
            from onoma.lang.inflect.ru import guess_gender

            sex = guess_gender(form.split(" "))
        full = declension(form, lang, type=kind, gender=sex, entry=entry)
        # "nom" gives the Armenian definite nom.def too; "nom.def" only that.
        chosen = {key: full[key] for key in full if {key, key.partition(".")[0]} & set(wanted)}
        results.append({"form": form, "lang": lang, "type": kind, "gender": sex, "cases": chosen})
    if as_json:
        typer.echo(json.dumps({"forms": results}, ensure_ascii=False, indent=2))
        raise typer.Exit(EXIT_OK)
    for index, result in enumerate(results):
        if index:
            typer.echo("")
        about = result["type"] + (f", {result['gender']}" if result["gender"] else "")
        typer.echo(f"{result['form']} ({lang}, {about})")
        typer.echo(table(result["cases"].items(), ["case", "form"]))
