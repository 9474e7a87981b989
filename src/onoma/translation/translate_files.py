"""Translate files and streams: where outputs go, writing them, and the run report.

The translation itself is :class:`~onoma.translation.api.Translator`; this module
finds the inputs (skipping translations written by earlier runs), checks the outputs
a run would write before any work, writes ``NAME.<lang>.<ext>`` files and collects one
report for the whole run.
"""

from __future__ import annotations

import json
import os
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from onoma.errors import OnomaError
from onoma.normalize.files import Source
from onoma.text.files import STDIN, TextFile, write_atomic

if TYPE_CHECKING:
    from onoma.translation.api import EntityReport, Translator

MARKDOWN_SUFFIXES = (".md", ".markdown")


def output_path(source: str, lang: str, out_dir: Path | None) -> Path:
    """``NAME.<lang>.<ext>`` next to the input, or under ``out_dir``."""
    path = Path("stdin.txt") if source == STDIN else Path(source)
    name = f"{path.stem}.{lang}{path.suffix}" if path.suffix else f"{path.name}.{lang}"
    return (out_dir if out_dir is not None else path.parent) / name


def is_output(
    source: Source, targets: Collection[str], languages: Collection[str], skip_dir: Path | None
) -> bool:
    """A file found in a folder that is itself a translation: ``a.hy.txt`` for one of
    ``targets``; for another of ``languages`` (the ones onoma translates into) only next
    to its source ``a.txt``; or anything under ``skip_dir``. ``notes.old.txt`` is no
    translation."""
    if not source.is_dir:
        return False
    path = Path(source.path)
    if skip_dir is not None and _inside(path, skip_dir):
        return True
    stem, dot, tag = path.stem.rpartition(".")
    if not (stem and dot):
        return False
    return tag in targets or (tag in languages and path.with_name(stem + path.suffix).is_file())


def output_languages(targets: list[str], source: str) -> set[str]:
    """The languages whose ``NAME.<lang>.<ext>`` files a folder may hold from earlier
    runs: the targets, onoma's core languages, every installed package's target; never
    the language of the inputs (``a.ru.txt`` is an input with ``--from ru``)."""
    from onoma.glossary.model import CORE_LANGUAGES
    from onoma.translation.packages import installed_packages

    languages = {*targets, *CORE_LANGUAGES, *(p.to_code for p in installed_packages())}
    return languages - {source}


def find_sources(
    paths: Iterable[Path | str],
    extensions: list[str],
    targets: list[str],
    out_dir: Path | None,
    source: str = "en",
) -> list[Source]:
    """The inputs named on the command line, without the translations found in folders.

    Files under ``out_dir`` are earlier outputs, unless a folder to translate is itself
    inside ``out_dir`` (``onoma translate docs/ -o .``)."""
    paths = list(paths)
    skip_dir = out_dir
    if out_dir is not None and any(Path(p).is_dir() and _inside(Path(p), out_dir) for p in paths):
        skip_dir = None
    found = Source.from_args(paths, extensions)
    if not any(s.is_dir for s in found):
        return found  # files named on the command line are inputs, whatever their names
    languages = output_languages(targets, source)
    return [s for s in found if not is_output(s, targets, languages, skip_dir)]


def _inside(path: Path, folder: Path) -> bool:
    return Path(os.path.realpath(path)).is_relative_to(os.path.realpath(folder))


def prints_translation(sources: list[Source], targets: list[str], out_dir: Path | None) -> bool:
    """Whether the translation goes to stdout: one file, one target, no ``out_dir``."""
    single = len(sources) == 1 and not sources[0].is_dir
    return out_dir is None and single and len(targets) == 1


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


def output_problems(sources: list[Source], targets: list[str], out_dir: Path | None) -> list[str]:
    """Why the files of a run that writes files cannot be written, or nothing."""
    if out_dir is None and any(s.is_stdin for s in sources):
        return ["reading stdin with several targets or inputs needs --out-dir"]
    return plan_outputs([s.path for s in sources], targets, out_dir)


def make_out_dir(out_dir: Path) -> None:
    """Create the output folder; raises :class:`OnomaError` naming it."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OnomaError(
            f"{out_dir}: cannot create the output folder ({exc.strerror or exc})"
        ) from None


@dataclass
class Output:
    """One source in one language: where it went and what happened to its names."""

    lang: str
    output: str | None = None
    route: list[str] = field(default_factory=list)
    seconds: float = 0.0
    report: EntityReport | None = None
    text: str | None = None
    error: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """The JSON-ready entry; ``text`` only for a translation that went to stdout."""
        data: dict[str, Any] = {"to": self.lang, "output": self.output}
        if self.report is not None:
            data.update(route=self.route, seconds=round(self.seconds, 4))
            data["report"] = self.report.as_dict()
        if self.text is not None:
            data["text"] = self.text
        if self.error:
            data["error"] = self.error
        return data

    def notes(self, path: str) -> list[str]:
        """The lines for stderr: sentences translated piece by piece, names not kept."""
        if self.error or self.report is None:
            return []
        report = self.report
        lines = [
            f"{path}:{s.line}: ({self.lang}) translated piece by piece: {s.reason}"
            for s in report.fallback
        ]
        if report.cases:
            oblique = sum(n for case, n in report.cases.items() if not case.startswith("base"))
            base = {case[6:]: n for case, n in report.cases.items() if case.startswith("base")}
            why = "; ".join(f"{n} {reason}" for reason, n in base.items())
            lines.append(
                f"{path} ({self.lang}): {oblique} names written in an oblique case, "
                f"{sum(base.values())} in the base form" + (f" ({why})" if why else "")
            )
        if not report.ok:
            lost = report.entities - report.preserved
            lines.append(
                f"warning: {path} ({self.lang}): {lost} of {report.entities} "
                "names not kept in their glossary form"
            )
        return lines


@dataclass
class FileOutcome:
    """What happened to one source: its outputs, or why it could not be read."""

    path: str
    outputs: list[Output] = field(default_factory=list)
    error: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """The JSON-ready entry."""
        item: dict[str, Any] = {"path": self.path, "outputs": [o.as_dict() for o in self.outputs]}
        if self.error:
            item["error"] = self.error
        return item


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


@dataclass
class TranslateRun:
    """Translates sources into every target and keeps the report of the whole run.

    ``translators`` maps each target language, in order, to its translator. With
    ``to_stdout`` the translation is kept as ``text`` instead of being written.
    """

    source: str
    translators: Mapping[str, Translator]
    out_dir: Path | None = None
    to_stdout: bool = False
    files: list[FileOutcome] = field(default_factory=list)

    @property
    def targets(self) -> list[str]:
        return list(self.translators)

    def read(self, source: Source) -> tuple[FileOutcome, TextFile | None]:
        """Record a source and read it; on failure the text is None and the error kept."""
        item = FileOutcome(source.path)
        self.files.append(item)
        try:
            return item, source.read()
        except OnomaError as exc:
            item.error = str(exc)
            return item, None

    def translate(self, item: FileOutcome, original: TextFile, lang: str) -> Output:
        """Translate one source into ``lang`` and write it; errors are recorded, never
        raised."""
        output = Output(lang)
        item.outputs.append(output)
        try:
            markdown = Path(item.path).suffix.lower() in MARKDOWN_SUFFIXES
            result = self.translators[lang].translate(original.text, markdown=markdown)
        except (OnomaError, RuntimeError) as exc:
            output.error = f"{item.path}: translation into {lang} failed: {exc}"
            return output
        output.route, output.seconds, output.report = result.route, result.seconds, result.report
        if self.to_stdout:
            output.text = result.text
        else:
            self._write(output, item.path, result.text, bom=original.bom)
        return output

    def _write(self, output: Output, path: str, text: str, *, bom: bool) -> None:
        target = output_path(path, output.lang, self.out_dir)
        try:
            write_atomic(target, text, bom=bom)
        except OnomaError as exc:
            output.error = str(exc)
        else:
            output.output = str(target)

    @property
    def errors(self) -> list[str]:
        """Every error of the run: sources not read, translations not made or written."""
        unread = [item.error for item in self.files if item.error]
        return unread + [o.error for item in self.files for o in item.outputs if o.error]

    def done(self) -> list[Output]:
        """The translations made (and written)."""
        return [o for item in self.files for o in item.outputs if not o.error]

    def json_report(self, load_seconds: float, seconds: float) -> str:
        """The machine report: per file and language the output, route, timing and names."""
        payload = {
            "source": self.source,
            "targets": self.targets,
            "files": [item.as_dict() for item in self.files],
            "load_seconds": round(load_seconds, 4),
            "seconds": round(seconds, 4),
        }
        return json.dumps(payload, ensure_ascii=False, indent=2)

    def summary(self) -> str:
        """The human report: files translated, names kept, fallbacks and errors."""
        reports = [o.report for o in self.done() if o.report is not None]
        files = sum(any(not o.error for o in item.outputs) for item in self.files)
        entities = sum(r.entities for r in reports)
        text = (
            f"translated {_plural(files, 'file')} into {', '.join(self.targets)}: "
            f"{sum(r.preserved for r in reports)} of {_plural(entities, 'name')} kept"
        )
        fallback = sum(len(r.fallback) for r in reports)
        if fallback:
            text += f", {_plural(fallback, 'sentence')} translated piece by piece"
        if self.errors:
            text += f"; {_plural(len(self.errors), 'error')}"
        return text
