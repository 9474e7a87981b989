"""``onoma translate``: translate articles offline, names in their glossary forms."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from onoma.cli.common import (
    EXIT_ERROR,
    ExtensionsOption,
    GlossaryOption,
    NoBuiltinOption,
    error,
    extension_list,
    fail,
    load_glossary,
    progress_bar,
    split_list,
)
from onoma.errors import OnomaError
from onoma.files import STDIN
from onoma.translation.engine import DEFAULT_BEAM_SIZE

if TYPE_CHECKING:
    from onoma.files import TextFile
    from onoma.translation.api import Translator

MARKDOWN_SUFFIXES = (".md", ".markdown")


def output_path(source: str, lang: str, out_dir: Path | None) -> Path:
    """``NAME.<lang>.<ext>`` next to the input, or under ``out_dir``."""
    path = Path("stdin.txt") if source == STDIN else Path(source)
    name = f"{path.stem}.{lang}{path.suffix}" if path.suffix else f"{path.name}.{lang}"
    return (out_dir if out_dir is not None else path.parent) / name


def parse_targets(value: str) -> list[str]:
    """``hy,az,ru`` as a list of distinct language codes, or exit 2."""
    from onoma.glossary.model import LANG_CODE

    targets = list(dict.fromkeys(split_list(value)))
    if not targets:
        fail("--to needs at least one language code, e.g. --to hy,az,ru")
    for code in targets:
        if not LANG_CODE.match(code):
            fail(f"--to: {code!r} is not a language code such as hy, az, ru")
    return targets


def translate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Files or folders to translate; none or '-' reads stdin.", show_default=False
        ),
    ] = None,
    to: Annotated[
        str,
        typer.Option(
            "--to", "-t", help="Target languages, comma-separated: hy,az,ru.", show_default=False
        ),
    ] = "",
    source: Annotated[str, typer.Option("--from", "-f", help="Language of the input.")] = "en",
    out_dir: Annotated[
        Path | None,
        typer.Option(
            "--out-dir",
            "-o",
            help="Write NAME.<lang>.<ext> here instead of next to each input.",
            show_default=False,
        ),
    ] = None,
    glossary: GlossaryOption = None,
    no_builtin: NoBuiltinOption = False,
    no_normalize: Annotated[
        bool,
        typer.Option(
            "--no-normalize",
            help="Translate names as written: only curated spellings are protected.",
        ),
    ] = False,
    json_report: Annotated[
        bool,
        typer.Option("--json", help="Print a JSON report (outputs, names, timings) on stdout."),
    ] = False,
    beam_size: Annotated[
        int, typer.Option("--beam-size", min=1, help="Beam width (1 is fastest).")
    ] = DEFAULT_BEAM_SIZE,
    extensions: ExtensionsOption = ".txt,.md",
    protect_names: Annotated[
        list[str] | None,
        typer.Option(
            "--protect-names",
            help="Comma-separated names that no glossary lists to keep intact, written in "
            "the target script by transliteration. Repeatable.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Translate articles offline with Argos Translate packages, names intact.

    Each glossary name comes out in the glossary's form for the target
    language. One input and one target without --out-dir prints the
    translation; otherwise each input gets `NAME.<lang>.<ext>` beside it (or
    in --out-dir). Exit status: 0 when done, 2 on errors (the other files
    are still translated).
    """
    from onoma.normalize_files import Source
    from onoma.translation.api import Translator

    started = time.perf_counter()
    targets = parse_targets(to) if to else fail("--to is required, e.g. --to hy,az,ru")
    if source in targets:
        fail(
            f"--to {source}: that is the language of the input (--from); "
            f"'onoma normalize --lang {source}' fixes names without translating"
        )
    loaded = load_glossary(glossary, no_builtin)
    translators: dict[str, Translator] = {}
    problems = []
    for lang in targets:
        try:
            translators[lang] = Translator(
                lang,
                source=source,
                glossary=loaded,
                normalize=not no_normalize,
                beam_size=beam_size,
                protect=[n for value in protect_names or [] for n in split_list(value)],
            )
        except OnomaError as exc:
            problems.append(str(exc))
    if problems:
        for problem in problems:
            error(problem)
        raise typer.Exit(EXIT_ERROR)
    load_seconds = time.perf_counter() - started

    exts = extension_list(extensions)
    found = Source.from_args(paths or [], exts)
    languages = _output_languages(targets)
    sources = [s for s in found if not _is_output(s, languages, out_dir)]
    if not sources:
        fail(f"no {extensions} files found in {', '.join(map(str, paths or []))}")
    to_stdout = out_dir is None and len(sources) == 1 and not sources[0].is_dir
    to_stdout = to_stdout and len(targets) == 1
    if not to_stdout and out_dir is None and any(s.is_stdin for s in sources):
        fail("reading stdin with several targets or inputs needs --out-dir")
    clashes = [] if to_stdout else plan_outputs([s.path for s in sources], targets, out_dir)
    if clashes:
        for clash in clashes:
            error(clash)
        raise typer.Exit(EXIT_ERROR)
    if out_dir is not None:
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            fail(f"{out_dir}: cannot create the output folder ({exc.strerror or exc})")

    files: list[dict[str, Any]] = []
    errors = 0
    totals = {"files": 0, "entities": 0, "preserved": 0, "fallback": 0}
    show = len(sources) > 1 or len(targets) > 1
    with progress_bar("translating", len(sources) * len(targets), show=show) as bar:
        for src in sources:
            item: dict[str, Any] = {"path": src.path, "outputs": []}
            files.append(item)
            try:
                original = src.read()
            except OnomaError as exc:
                item["error"] = str(exc)
                error(str(exc))
                errors += 1
                if bar:
                    bar.update(Path(src.path).name, advance=len(targets))
                continue
            done = 0
            for lang in targets:
                if bar:
                    bar.update(f"{Path(src.path).name} → {lang}")
                entry = _translate_one(
                    translators[lang], original, src.path, lang, out_dir, to_stdout
                )
                item["outputs"].append(entry)
                if bar:
                    bar.update(f"{Path(src.path).name} → {lang}", advance=1)
                if "error" in entry:
                    error(entry["error"])
                    errors += 1
                    continue
                done += 1
                report = entry["report"]
                for sentence in report["fallback"]:
                    typer.echo(
                        f"{src.path}:{sentence['line']}: ({lang}) translated piece by piece: "
                        f"{sentence['reason']}",
                        err=True,
                    )
                totals["entities"] += report["entities"]
                totals["preserved"] += report["preserved"]
                totals["fallback"] += len(report["fallback"])
                if not report["ok"]:
                    lost = report["entities"] - report["preserved"]
                    typer.echo(
                        f"warning: {src.path} ({lang}): {lost} of {report['entities']} "
                        "names not kept in their glossary form",
                        err=True,
                    )
                if to_stdout and not json_report:
                    sys.stdout.write(entry.pop("text"))
                    sys.stdout.flush()
            totals["files"] += done > 0
    if json_report:
        payload = {
            "source": source,
            "targets": targets,
            "files": files,
            "load_seconds": round(load_seconds, 4),
            "seconds": round(time.perf_counter() - started, 4),
        }
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        typer.echo(_summary(totals, targets, errors), err=True)
    if errors:
        raise typer.Exit(EXIT_ERROR)


def _is_output(src: Any, languages: set[str], out_dir: Path | None) -> bool:
    """A file found in a folder that is itself a translation: ``a.hy.txt`` for one of
    ``languages`` (the targets and every language onoma translates into), or anything
    under ``out_dir``. ``notes.old.txt`` is no translation."""
    if not src.is_dir:
        return False
    path = Path(src.path)
    if out_dir is not None and Path(os.path.realpath(path)).is_relative_to(
        os.path.realpath(out_dir)
    ):
        return True
    stem, dot, tag = path.stem.rpartition(".")
    return bool(stem and dot) and tag in languages


def _output_languages(targets: list[str]) -> set[str]:
    """The languages whose ``NAME.<lang>.<ext>`` files a folder may hold from earlier runs."""
    from onoma.glossary.model import CORE_LANGUAGES
    from onoma.translation.packages import installed_packages

    return {*targets, *CORE_LANGUAGES, *(p.to_code for p in installed_packages())}


def plan_outputs(inputs: list[str], targets: list[str], out_dir: Path | None) -> list[str]:
    """Problems with the files a run would write, found before any work: an output that
    is also an input, or one output for two inputs."""
    inputs_at = {os.path.realpath(p): p for p in inputs if p != STDIN}
    planned: dict[str, str] = {}
    problems = []
    for path in inputs:
        for lang in targets:
            target = output_path(path, lang, out_dir)
            key = os.path.realpath(target)
            if key in inputs_at:
                problems.append(f"{path}: its output {target} is also an input; nothing done")
            elif key in planned:
                problems.append(
                    f"{path}: its output {target} would also be the output of {planned[key]}; "
                    "nothing done (use separate --out-dir folders)"
                )
            else:
                planned[key] = path
    return problems


def _translate_one(
    translator: Translator,
    original: TextFile,
    path: str,
    lang: str,
    out_dir: Path | None,
    to_stdout: bool,
) -> dict[str, Any]:
    """Translate one input into one language and write it; a dict for the report."""
    from onoma.files import write_atomic

    entry: dict[str, Any] = {"to": lang, "output": None}
    target = None if to_stdout else output_path(path, lang, out_dir)
    try:
        markdown = Path(path).suffix.lower() in MARKDOWN_SUFFIXES
        result = translator.translate(original.text, markdown=markdown)
    except (OnomaError, RuntimeError) as exc:
        entry["error"] = f"{path}: translation into {lang} failed: {exc}"
        return entry
    entry.update(route=result.route, seconds=round(result.seconds, 4))
    entry["report"] = result.report.as_dict()
    if target is None:
        entry["text"] = result.text
        return entry
    try:
        write_atomic(target, result.text, bom=original.bom)
    except OnomaError as exc:
        entry["error"] = str(exc)
        return entry
    entry["output"] = str(target)
    return entry


def _summary(totals: dict[str, int], targets: list[str], errors: int) -> str:
    files = totals["files"]
    text = (
        f"translated {files} file{'s' if files != 1 else ''} into {', '.join(targets)}: "
        f"{totals['preserved']} of {totals['entities']} "
        f"name{'s' if totals['entities'] != 1 else ''} kept"
    )
    if totals["fallback"]:
        n = totals["fallback"]
        text += f", {n} sentence{'s' if n != 1 else ''} translated piece by piece"
    if errors:
        text += f"; {errors} error{'s' if errors != 1 else ''}"
    return text
