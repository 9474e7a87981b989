"""``onoma models``: list, install, remove and import translation packages.

Packages are Argos Translate packages in Argos's own folder (``ARGOS_PACKAGES_DIR``), so
Argos Translate and onoma share them. The index is Argos's (``ARGOS_PACKAGE_INDEX``).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from onoma.cli.common import (
    EXIT_ERROR,
    error,
    fail,
    language_code,
    progress_bar,
    split_list,
    table,
    warn,
)
from onoma.errors import OnomaError

if TYPE_CHECKING:
    from onoma.translation.packages import PackageInfo

app = typer.Typer(
    help="Manage translation model packages (Argos Translate).",
    no_args_is_help=True,
    rich_markup_mode=None,
)


def _installed(pkg: PackageInfo) -> None:
    typer.echo(f"installed {pkg.from_code} → {pkg.to_code} {pkg.version} in {pkg.path}")


@app.command("list")
def list_models(
    as_json: Annotated[
        bool, typer.Option("--json", help="Print JSON: installed, available, index_error.")
    ] = False,
    installed_only: Annotated[
        bool, typer.Option("--installed", help="Only installed packages; skip the index.")
    ] = False,
) -> None:
    """List installed packages and, if the Argos index can be reached, installable ones."""
    from onoma.translation import index as ix
    from onoma.translation import packages as pk

    try:
        installed = pk.installed_packages(on_skip=lambda exc: warn(f"skipped {exc}"))
    except OnomaError as exc:
        fail(str(exc))
    available: list[ix.AvailablePackage] | None = None
    index_error = None
    if not installed_only:
        try:
            available = sorted(ix.fetch_index(), key=lambda p: (p.from_code, p.to_code))
        except ix.Unreachable as exc:
            index_error = f"cannot reach the Argos package index ({exc.detail})"
        except OnomaError as exc:
            index_error = str(exc)
    newest = {(p.from_code, p.to_code): p.version for p in installed}
    if as_json:
        data = {
            "packages_dir": str(pk.packages_dir()),
            "installed": [
                {
                    "from": p.from_code,
                    "to": p.to_code,
                    "version": p.version,
                    "name": p.name,
                    "path": str(p.path),
                }
                for p in installed
            ],
            "available": None
            if available is None
            else [
                {
                    "from": p.from_code,
                    "to": p.to_code,
                    "version": p.version,
                    "name": p.name,
                    "installed": newest.get((p.from_code, p.to_code)),
                }
                for p in available
            ],
            "index_error": index_error,
        }
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        if installed:
            typer.echo(f"Installed ({pk.packages_dir()}):")
            rows = [(p.from_code, p.to_code, p.version, p.name, str(p.path)) for p in installed]
            typer.echo(table(rows, ("FROM", "TO", "VERSION", "NAME", "PATH")))
        else:
            typer.echo(f"No packages installed in {pk.packages_dir()}.")
        if available is not None:
            rows = []
            for p in available:
                have = newest.get((p.from_code, p.to_code))
                if have is None:
                    status = ""
                elif have == p.version:
                    status = "installed"
                elif pk.version_key(have) < pk.version_key(p.version):
                    status = f"update (installed {have})"
                else:
                    status = f"installed {have}"
                rows.append((p.from_code, p.to_code, p.version, status))
            typer.echo("\nAvailable from the Argos index (onoma models install FROM TO):")
            typer.echo(table(rows, ("FROM", "TO", "VERSION", "STATUS")))
    if index_error:
        typer.echo(f"note: {index_error}; listing installed packages only", err=True)


@app.command("install")
def install(
    what: Annotated[
        list[str],
        typer.Argument(
            help="FROM TO language codes (e.g. en ru) to download from the Argos index, "
            "or one or more local .argosmodel files.",
            show_default=False,
        ),
    ],
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Install even if the same or a newer version of the pair is installed.",
        ),
    ] = False,
) -> None:
    """Install a package from the Argos index (FROM TO) or from .argosmodel files."""
    from onoma.glossary.model import LANG_CODE
    from onoma.translation import index as ix

    codes = len(what) == 2 and all(LANG_CODE.match(w) for w in what)
    if not codes:
        _install_files(what, force)
        return
    from onoma.translation.catalog import OPUS_MT_RELEASES

    from_code, to_code = what
    if (from_code, to_code) in OPUS_MT_RELEASES:
        _print_downloads([(from_code, to_code)], "the Argos index has no such package; ")
        raise typer.Exit(EXIT_ERROR)
    try:
        with progress_bar(f"{from_code} → {to_code}", None, in_bytes=True) as bar:
            report = bar and (lambda done, total: bar.update(completed=done, total=total))
            pkg, done = ix.install_from_index(from_code, to_code, force=force, progress=report)
    except ix.Unreachable as exc:
        error(f"cannot reach {exc.what} ({exc.detail})")
        _print_downloads([(from_code, to_code)], "")
        raise typer.Exit(EXIT_ERROR) from None
    except OnomaError as exc:
        fail(str(exc))
    if done:
        _installed(pkg)
    else:
        typer.echo(
            f"{pkg.from_code} → {pkg.to_code} {pkg.version} is already installed "
            f"({pkg.path}); use --force to reinstall"
        )


def _install_files(paths: list[str], force: bool) -> None:
    """Install package files, and every ``.argosmodel`` in folders (walked as every
    onoma command walks them: links leading outside a folder skipped with a warning);
    a bad one, a pipe or what cannot be read does not stop the others, and makes the
    exit status 2."""
    from onoma.glossary.model import LANG_CODE
    from onoma.text.files import iter_text_files
    from onoma.translation import packages as pk

    files: list[Path] = []
    empty = 0  # folders without a package file
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = list(iter_text_files([path], (".argosmodel",)))
            if not found:
                error(f"{path}: no .argosmodel file in this folder")
                empty += 1
            files += found
        elif not os.path.lexists(path) and LANG_CODE.match(raw):
            fail(
                "expected FROM TO language codes (e.g. onoma models install en ru) "
                "or .argosmodel files"
            )
        else:
            files.append(path)
    failed = 0
    for path in files:
        try:
            _installed(pk.install_package_file(path, force=force))
        except OnomaError as exc:
            error(str(exc))
            failed += 1
    if failed and len(files) > 1:
        error(f"{failed} of {len(files)} package files not installed")
    if failed or empty:
        raise typer.Exit(EXIT_ERROR)


def _print_downloads(pairs: list[tuple[str, str]], why: str) -> None:
    """Tell where to download the packages of ``pairs`` and how to install the files."""
    from onoma.translation.catalog import downloads, snapshot

    packages, taken = snapshot()
    plan, missing = downloads(pairs, packages)
    lines = [f"{why}download on a machine that can reach the internet:"]
    for item in plan:
        lines += [f"  {item.links[0]}", f"then run: {item.command}"]
    lines += [f"no package for {pair} in the Argos index" for pair in missing]
    if any(item.version for item in plan):
        lines.append(f"(links from onoma's copy of the Argos index of {taken}; onoma models urls)")
    typer.echo("\n".join(lines), err=True)


@app.command("urls")
def urls(
    pairs: Annotated[
        list[str] | None,
        typer.Argument(
            help="FROM TO pairs of language codes (e.g. en ru en az).", show_default=False
        ),
    ] = None,
    to: Annotated[
        str | None,
        typer.Option(
            "--to",
            help="Target languages, comma-separated (with --from, default en).",
            metavar="LANGS",
        ),
    ] = None,
    source: Annotated[
        str, typer.Option("--from", help="Source language for --to.", metavar="LANG")
    ] = "en",
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    offline: Annotated[
        bool, typer.Option("--offline", help="Use onoma's copy of the index, not the live one.")
    ] = False,
) -> None:
    """Print the download links of packages and the command that installs each file, to
    fetch them on another machine (pairs through English where needed)."""
    from onoma.translation import index as ix
    from onoma.translation.catalog import downloads, snapshot

    wanted = list(pairs or [])
    if len(wanted) % 2:
        fail("give FROM TO pairs of language codes (e.g. onoma models urls en ru en az)")
    for code in wanted:
        language_code(code, "FROM TO")
    asked = [(wanted[i], wanted[i + 1]) for i in range(0, len(wanted), 2)]
    targets = split_list(to or "")
    if targets:
        asked += [(language_code(source, "--from"), language_code(t, "--to")) for t in targets]
    if not asked:
        fail("give FROM TO pairs or --to LANGS (e.g. onoma models urls --to hy,az,ru)")
    packages, origin = None, "the Argos package index"
    if not offline:
        try:
            packages = ix.fetch_index()
        except ix.Unreachable:
            pass  # the shipped copy below
        except OnomaError as exc:  # an index that answers badly, or a local file
            fail(f"{exc}; --offline uses onoma's copy of the index")
    if packages is None:
        packages, taken = snapshot()
        live = "" if offline else " (the live one is unreachable)"
        origin = f"onoma's copy of the Argos index of {taken}{live}"
    plan, missing = downloads(asked, packages)
    if as_json:
        items = [
            {
                "from": d.from_code,
                "to": d.to_code,
                "version": d.version,
                "links": list(d.links),
                "command": d.command,
            }
            for d in plan
        ]
        typer.echo(json.dumps({"source": origin, "downloads": items, "missing": missing}, indent=2))
    else:
        for d in plan:
            typer.echo(f"{d.from_code} → {d.to_code}  {d.links[0]}")
            typer.echo(f"    then: {d.command}")
        typer.echo(f"(from {origin})", err=True)
    for pair in missing:
        error(f"no package for {pair}")
    if missing:
        raise typer.Exit(EXIT_ERROR)


@app.command("remove")
def remove(
    from_code: Annotated[str, typer.Argument(help="Source language code.", show_default=False)],
    to_code: Annotated[str, typer.Argument(help="Target language code.", show_default=False)],
) -> None:
    """Remove the installed FROM → TO package (every version of it)."""
    from onoma.translation import packages as pk

    try:
        removed = pk.remove_package(from_code, to_code)
    except OnomaError as exc:
        fail(str(exc))
    for pkg in removed:
        typer.echo(f"removed {pkg.from_code} → {pkg.to_code} {pkg.version} ({pkg.path})")


@app.command("import-opus-mt")
def import_opus_mt(
    path: Annotated[
        Path,
        typer.Argument(help="OPUS-MT release zip or its unpacked folder.", show_default=False),
    ],
    from_code: Annotated[
        str, typer.Option("--from", help="Source language code (e.g. en).", show_default=False)
    ],
    to_code: Annotated[
        str, typer.Option("--to", help="Target language code (e.g. hy).", show_default=False)
    ],
    quantization: Annotated[
        str,
        typer.Option(
            help="Weight type: int8 (smallest, the default), int8_float32, int8_float16, "
            "int8_bfloat16, int16, float16, bfloat16, float32, or none (as the model has them)."
        ),
    ] = "int8",
    version: Annotated[
        str | None,
        typer.Option(
            help="Package version (default: the release date, else 1.0).", show_default=False
        ),
    ] = None,
    target_token: Annotated[
        str | None,
        typer.Option(
            help="Target label for multi-target models, e.g. hye for >>hye<<.", show_default=False
        ),
    ] = None,
) -> None:
    """Convert an OPUS-MT (Marian) model with CTranslate2 and install it as a package."""
    from onoma.translation.opus_mt import import_opus_mt as convert_and_install

    language_code(from_code, "--from")
    language_code(to_code, "--to")

    def converting() -> None:
        typer.echo(f"converting {path} (this can take a minute)…", err=True)

    try:
        pkg = convert_and_install(
            path,
            from_code,
            to_code,
            quantization=None if quantization == "none" else quantization,
            version=version,
            target_token=target_token,
            on_convert=converting,
        )
    except OnomaError as exc:
        fail(str(exc))
    _installed(pkg)
