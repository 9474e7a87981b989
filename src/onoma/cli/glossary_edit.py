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
    from onoma.curate.merge import MergeResult

DryRunOption = Annotated[
    bool, typer.Option("--dry-run", "-n", help="Print the diff of the change; write nothing.")
]
STDIN_NAME = "<stdin>"
"""How messages and diffs name a glossary read on standard input."""
BUILTIN_FILES = {
    "person": "people.yaml",
    "place": "places.yaml",
    "organization": "organizations.yaml",
}


def fmt_command(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Glossary files or folders of *.yaml files; - reads stdin, writes stdout.",
            show_default=False,
        ),
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
    as flow lists. With - the glossary is read on stdin and written to stdout. Exit 1
    with --check when a file would change, 2 on errors.
    """
    from onoma.text.files import STDIN

    if not paths:
        fail("give the glossary files or folders to format, e.g. onoma glossary fmt glossaries/")
    if any(str(path) == STDIN for path in paths):
        if len(paths) > 1:
            fail("-: standard input is formatted on its own, not together with files")
        changed, total, errors = _format_stdin(check, diff), 1, 0
    else:
        from onoma.glossary.load import glossary_files

        try:
            files = glossary_files(paths)
        except OnomaError as exc:
            fail(str(exc))
        changed, errors = _format_files(files, check, diff)
        total = len(files)
    verb = "would be reformatted" if check or diff else "reformatted"
    typer.echo(
        f"{changed} of {total} file{'s' * (total != 1)} {verb}"
        + (f", {errors} failed" if errors else "")
        + ".",
        err=True,
    )
    if errors:
        raise typer.Exit(EXIT_ERROR)
    raise typer.Exit(EXIT_WOULD_CHANGE if check and changed else EXIT_OK)


def _format_files(files: list[Path], check: bool, diff: bool) -> tuple[int, int]:
    """Format (or check, or diff) each file; the counts of changed and failed files.

    Each file is saved on its own, so that one that fails leaves the others formatted."""
    from onoma.glossary.document import load_document
    from onoma.glossary.edit import format_edit, save

    errors = changed = 0
    for path in files:
        try:
            edit = format_edit(load_document(path))
            if edit is None:
                continue
            if diff:
                typer.echo(edit.diff(), nl=False)
            if check:
                typer.echo(f"would reformat {path}", err=True)
            elif not diff:
                save([edit])
                typer.echo(f"reformatted {path}", err=True)
            changed += 1  # only once written: a file that failed is counted as failed
        except OnomaError as exc:  # the file's own error, a failed check, or "cannot write"
            error(str(exc))
            errors += 1
    return changed, errors


def _format_stdin(check: bool, diff: bool) -> int:
    """Format the glossary read on stdin: the text goes to stdout (the diff with --diff,
    nothing with --check). Returns 1 when it changed, 0 when not; exits 2 on errors."""
    import sys

    from onoma.glossary.document import parse_document
    from onoma.glossary.edit import format_edit
    from onoma.text.files import BOM, decode_text

    try:
        source = decode_text(sys.stdin.buffer.read(), STDIN_NAME, skipped=False)
        doc = parse_document(source.text, STDIN_NAME)
        doc.bom = source.bom
        edit = format_edit(doc)
    except OnomaError as exc:
        fail(str(exc))
    if diff and edit is not None:
        typer.echo(edit.diff(), nl=False)
    if check and edit is not None:
        typer.echo(f"would reformat {STDIN_NAME}", err=True)
    if not check and not diff:
        sys.stdout.write((BOM if source.bom else "") + (edit.new if edit else source.text))
    return int(edit is not None)


def merge_command(
    ctx: typer.Context,
    id_a: Annotated[str, typer.Argument(metavar="ID_A", help="The entry to fold and remove.")],
    id_b: Annotated[str, typer.Argument(metavar="ID_B", help="The entry that receives its forms.")],
    glossary: GlossaryOption = None,
    no_builtin: NoBuiltinOption = False,
    dry_run: DryRunOption = False,
) -> None:
    """Fold entry ID_A into entry ID_B and remove ID_A, keeping comments.

    A's names and variants become B's variants (or B's name in a language B lacks);
    forms that belong to another entry are left out and reported. An id defined more
    than once is refused. Edits the --glossary files, else the glossaries of the
    configuration file, else the built-in glossaries of a source checkout.
    """
    from onoma.cli.config import file_glossaries
    from onoma.curate.merge import merge_entries
    from onoma.glossary.edit import save, verify
    from onoma.glossary.load import editable_builtin_dir, glossary_files

    paths, no_builtin, style = file_glossaries(ctx, glossary, no_builtin)
    loaded = load_glossary(paths, no_builtin, style)
    try:
        files = glossary_files(paths or [editable_builtin_dir()])
        result = merge_entries(loaded, files, id_a, id_b)
        if dry_run:
            verify(result.edits)
            _merge_report(result, to_stderr=True)
            for edit in result.edits:
                typer.echo(edit.diff(), nl=False)
            return
        save(result.edits)
    except OnomaError as exc:
        fail(str(exc))
    _merge_report(result, to_stderr=False)  # once the files are written
    where = ", ".join(sorted({str(edit.path) for edit in result.edits}))
    typer.echo(f"merged {id_a!r} into {id_b!r} ({where}).", err=True)


def _merge_report(result: MergeResult, *, to_stderr: bool) -> None:
    """What happened to each of A's forms (on stderr when stdout carries a diff), and
    the warnings (always on stderr)."""
    for label, lines in (
        ("moved", result.moved),
        ("skipped", result.skipped),
        ("conflict", result.conflicts),
    ):
        for line in lines:
            typer.echo(f"{label}: {line}", err=to_stderr)
    for line in result.warnings:
        typer.echo(f"warning: {line}", err=True)


def add_command(
    ctx: typer.Context,
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
            help="The glossary file to append to (created when missing). Default: the last "
            "glossary of the configuration file, else, in a source checkout, the built-in "
            "file for the type (people.yaml, places.yaml, organizations.yaml).",
            show_default=False,
        ),
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            "-l",
            help="Language of NAME. Default: az for a name with Azerbaijani letters "
            "(ə, ğ, ı, İ, ş, ç, ö, ü), else en.",
            show_default=False,
        ),
    ] = None,
    no_builtin: NoBuiltinOption = False,
    dry_run: DryRunOption = False,
) -> None:
    """Add a new entry for NAME, other languages drafted by transliteration.

    The forms in en, hy and ru are drafted with onoma.translit (a draft with letters of
    another script is left out, with a warning) and the entry is marked review: true.
    From an Azerbaijani name the English and Russian drafts are the press forms (Şəki:
    Sheki, Шеки); onoma has no transliteration into Azerbaijani spelling, so an az name
    is never drafted (add it by hand).
    Refuses an id or a name that a glossary already has. The entry goes where
    'glossary fmt' would put it (sorted by id); the rest of the file is left as it was.
    """
    from onoma.cli.config import file_glossaries
    from onoma.curate.add import draft_entry, insert_entry
    from onoma.glossary.edit import save, verify
    from onoma.glossary.fmt import emit_entry

    configured, no_builtin, style = file_glossaries(ctx, None, no_builtin)
    configured = [] if target is not None else configured or []
    if configured:
        target = configured[-1]  # as with -g given several times: the last one
        if target.is_dir():
            fail(
                f"{target}: is a folder (the last glossary of the configuration file); "
                "pass --glossary FILE to choose the file to add to"
            )
    elif target is None:
        target = _builtin_file(entry_type)
    if target.is_dir():
        fail(f"{target}: is a folder; --glossary must name a file")
    paths = [path for path in configured if path != target]
    paths += [target] if target.exists() else []
    if no_builtin and not paths:
        from onoma.glossary.model import Glossary

        loaded = Glossary()
    else:
        loaded = load_glossary(paths or None, no_builtin, style)
    try:
        draft = draft_entry(name, entry_type, loaded, lang=lang, entry_id=entry_id)
        for warning in draft.warnings:
            typer.echo(f"warning: {warning}", err=True)
        edit = insert_entry(target, draft.entry)
        if dry_run:
            verify([edit])
            typer.echo(edit.diff(), nl=False)
            return
        save([edit])
    except OnomaError as exc:
        fail(str(exc))
    typer.echo("\n".join(emit_entry(draft.entry)))
    typer.echo(f"added {draft.entry.id!r} to {target} (review: true).", err=True)


def _builtin_file(entry_type: str) -> Path:
    """The built-in glossary file for ``entry_type``; exits 2 when no built-in file holds
    that type or the built-in glossaries cannot be edited (an installed onoma)."""
    from onoma.glossary.load import editable_builtin_dir

    if entry_type not in BUILTIN_FILES:
        fail(f"no built-in glossary holds type {entry_type!r}; pass --glossary FILE")
    try:
        folder = editable_builtin_dir()
    except OnomaError as exc:
        fail(str(exc))
    return folder / BUILTIN_FILES[entry_type]
