"""``onoma glossary fmt | merge | add``: commands that rewrite glossary files."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from onoma.cli.common import (
    EXIT_ERROR,
    EXIT_OK,
    EXIT_WOULD_CHANGE,
    GlossaryOption,
    NoBuiltinOption,
    error,
    fail,
    load_glossary,
)
from onoma.errors import OnomaError

if TYPE_CHECKING:
    from onoma.glossary.edit import FileEdit

DryRunOption = Annotated[
    bool, typer.Option("--dry-run", "-n", help="Print the diff of the change; write nothing.")
]
BUILTIN_FILES = {
    "person": "people.yaml",
    "place": "places.yaml",
    "organization": "organizations.yaml",
}


def fmt_command(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Glossary files or folders of *.yaml files.", show_default=False),
    ] = None,
    check: Annotated[
        bool, typer.Option("--check", help="Change nothing; exit 1 if a file is not formatted.")
    ] = False,
    diff: Annotated[
        bool, typer.Option("--diff", help="Print a unified diff of the changes; write nothing.")
    ] = False,
) -> None:
    """Rewrite glossary files in the canonical layout, keeping every comment.

    Entries sorted by id; keys in the order id, type, names, variants, case_sensitive,
    review, note; languages en, hy, ru, az, then the others alphabetically; variants
    as flow lists. Exit 1 with --check when a file would change, 2 on errors.
    """
    from onoma.files import write_atomic
    from onoma.glossary.load import glossary_files

    if not paths:
        fail("give the glossary files or folders to format, e.g. onoma glossary fmt glossary/")
    try:
        files = glossary_files(paths)
    except OnomaError as exc:
        fail(str(exc))
    errors = changed = 0
    for path in files:
        try:
            edit = _format_file(path)
            if edit is None:
                continue
            changed += 1
            if diff:
                typer.echo(edit.diff(), nl=False)
            if check:
                typer.echo(f"would reformat {path}", err=True)
            elif not diff:
                write_atomic(path, edit.new, bom=edit.bom)
                typer.echo(f"reformatted {path}", err=True)
        except OnomaError as exc:  # the file's own error, a failed check, or "cannot write"
            error(str(exc))
            errors += 1
    verb = "would be reformatted" if check or diff else "reformatted"
    typer.echo(
        f"{changed} of {len(files)} file{'s' * (len(files) != 1)} {verb}"
        + (f", {errors} failed" if errors else "")
        + ".",
        err=True,
    )
    if errors:
        raise typer.Exit(EXIT_ERROR)
    raise typer.Exit(EXIT_WOULD_CHANGE if check and changed else EXIT_OK)


def _editable_builtin_dir() -> Path:
    """The built-in glossary folder when it can be edited (a source checkout); exits 2
    when it is part of an installed package or cannot be written."""
    import os
    import sysconfig

    from onoma.glossary.load import builtin_glossary_dir

    folder = builtin_glossary_dir().resolve()
    installed = {Path(sysconfig.get_path(key)).resolve() for key in ("purelib", "platlib")}
    inside = any(folder.is_relative_to(root) for root in installed) or bool(
        {"site-packages", "dist-packages"} & set(folder.parts)
    )
    if inside or not folder.is_dir() or not os.access(folder, os.W_OK):
        fail(
            f"{folder}: the built-in glossaries are edited only in a source checkout, not "
            "in an installed onoma; pass --glossary FILE"
        )
    return folder


def _format_file(path: Path) -> FileEdit | None:
    """The checked edit that formats ``path``, None when it is formatted already.

    The new text must load to the same entries, saying the same, with the same comments."""
    from onoma.glossary.document import load_document
    from onoma.glossary.edit import FileEdit
    from onoma.glossary.fmt import format_document

    doc = load_document(path)
    new = format_document(doc).replace("\n", doc.newline)
    if new == doc.text:
        return None
    entries = tuple(block.entry for block in sorted(doc.blocks, key=lambda b: b.entry.id))
    ids = tuple(entry.id for entry in entries)
    edit = FileEdit(path, doc.text, new, doc.bom, ids, entries, tuple(doc.comments))
    edit.check()
    return edit


def merge_command(
    id_a: Annotated[str, typer.Argument(metavar="ID_A", help="The entry to fold and remove.")],
    id_b: Annotated[str, typer.Argument(metavar="ID_B", help="The entry that receives its forms.")],
    glossary: GlossaryOption = None,
    no_builtin: NoBuiltinOption = False,
    dry_run: DryRunOption = False,
) -> None:
    """Fold entry ID_A into entry ID_B and remove ID_A, keeping comments.

    A's names and variants become B's variants (or B's name in a language B lacks);
    forms that belong to another entry are left out and reported. Edits the --glossary
    files, or without one the built-in glossaries of a source checkout.
    """
    from onoma.glossary.edit import save
    from onoma.glossary.load import glossary_files
    from onoma.glossary.merge import merge_entries

    loaded = load_glossary(glossary, no_builtin)
    try:
        files = glossary_files(glossary or [_editable_builtin_dir()])
        result = merge_entries(loaded, files, id_a, id_b)
        for line in result.moved:
            typer.echo(f"moved: {line}")
        for line in result.skipped:
            typer.echo(f"skipped: {line}")
        for line in result.conflicts:
            typer.echo(f"conflict: {line}")
        for line in result.warnings:
            typer.echo(f"warning: {line}", err=True)
        if dry_run:
            for edit in result.edits:
                typer.echo(edit.diff(), nl=False)
            return
        save(result.edits)
    except OnomaError as exc:
        fail(str(exc))
    where = ", ".join(sorted({str(edit.path) for edit in result.edits}))
    typer.echo(f"merged {id_a!r} into {id_b!r} ({where}).", err=True)


def add_command(
    name: Annotated[str, typer.Argument(help="The name, in the language given by --lang.")],
    entry_type: Annotated[
        str,
        typer.Option(
            "--type", "-t", help="person, place, organization or other.", show_default=False
        ),
    ],
    entry_id: Annotated[
        str | None,
        typer.Option(
            "--id", help="The entry's id (default: made from the name).", show_default=False
        ),
    ] = None,
    target: Annotated[
        Path | None,
        typer.Option(
            "--glossary",
            "-g",
            help="The glossary file to append to (created when missing). Default, in a "
            "source checkout: the built-in file for the type (people.yaml, places.yaml, "
            "organizations.yaml).",
            show_default=False,
        ),
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            "-l",
            help="Language of NAME. Default: az for a name with Azerbaijani letters "
            "(ə, ğ, ı, İ, ş), else en.",
            show_default=False,
        ),
    ] = None,
    no_builtin: NoBuiltinOption = False,
    dry_run: DryRunOption = False,
) -> None:
    """Append a new entry for NAME, other languages drafted by transliteration.

    The forms in en, hy, ru and az are drafted with onoma.translit (a draft with letters
    of another script is left out, with a warning) and the entry is marked review: true.
    From an Azerbaijani name the English and Russian drafts are the press forms (Şəki:
    Sheki, Шеки).
    Refuses an id or a name that a glossary already has. The rest of the file is left as
    it was.
    """
    from onoma.glossary.add import draft_entry
    from onoma.glossary.edit import append_entry, save
    from onoma.glossary.fmt import emit_entry

    if target is None:
        if entry_type not in BUILTIN_FILES:
            fail(f"no built-in glossary holds type {entry_type!r}; pass --glossary FILE")
        target = _editable_builtin_dir() / BUILTIN_FILES[entry_type]
    if target.is_dir():
        fail(f"{target}: is a folder; --glossary must name a file")
    if no_builtin and not target.exists():
        from onoma.glossary.model import Glossary

        loaded = Glossary()
    else:
        loaded = load_glossary([target] if target.exists() else None, no_builtin)
    try:
        draft = draft_entry(name, entry_type, loaded, lang=lang, entry_id=entry_id)
        for warning in draft.warnings:
            typer.echo(f"warning: {warning}", err=True)
        edit = append_entry(target, draft.entry)
        if dry_run:
            typer.echo(edit.diff(), nl=False)
            return
        save([edit])
    except OnomaError as exc:
        fail(str(exc))
    typer.echo("\n".join(emit_entry(draft.entry)))
    typer.echo(f"added {draft.entry.id!r} to {target} (review: true).", err=True)
