"""Normalize files and streams: reading, writing, diffs and the run report.

The pure core is :mod:`onoma.normalize.core`; this module applies it to files the way a
formatter does (stdin/stdout, ``--in-place``, ``--check``, ``--diff``) and collects
one report for the whole run.
"""

from __future__ import annotations

import json
import os
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from onoma.errors import InputError
from onoma.normalize.core import Normalizer, NormalizeResult
from onoma.text.files import (
    STDIN,
    TextFile,
    decode_text,
    iter_text_files,
    read_text_file,
    unified_diff,
    write_atomic,
)


@dataclass(frozen=True)
class Source:
    """One input: a file path, or ``-`` for standard input."""

    path: str
    is_dir: bool = False

    @classmethod
    def from_args(cls, paths: Iterable[Path | str], extensions: list[str]) -> list[Source]:
        """Expand command-line paths (files, folders, ``-``) into sources; no path at all
        means standard input. A folder with no matching file gives no source."""
        sources: list[Source] = []
        raws = list(paths or [STDIN])
        folders = {i for i, raw in enumerate(raws) if str(raw) != STDIN and Path(raw).is_dir()}
        # Named files in one pass, so that each folder is listed once for stale temporaries.
        named = iter_text_files(
            [r for i, r in enumerate(raws) if str(r) != STDIN and i not in folders], extensions
        )
        for i, raw in enumerate(raws):
            if str(raw) == STDIN:
                sources.append(cls(STDIN))
            elif i in folders:
                sources.extend(cls(str(p), is_dir=True) for p in iter_text_files([raw], extensions))
            else:
                sources.append(cls(str(next(named))))
        return _distinct(sources)

    @property
    def is_stdin(self) -> bool:
        return self.path == STDIN

    def read(self) -> TextFile:
        """The decoded text; raises :class:`InputError` naming the file."""
        if self.is_stdin:
            return decode_text(sys.stdin.buffer.read(), "<stdin>")
        return read_text_file(self.path)


def _distinct(sources: list[Source]) -> list[Source]:
    """Each file once, however it was named (twice, or inside a folder also given)."""
    seen: set[str] = set()
    kept = []
    for source in sources:
        key = source.path if source.is_stdin else os.path.realpath(source.path)
        if key not in seen:
            seen.add(key)
            kept.append(source)
    return kept


@dataclass
class Outcome:
    """What happened to one source."""

    path: str
    result: NormalizeResult | None = None
    diff: str = ""
    error: str | None = None


@dataclass
class NormalizeRun:
    """Normalizes sources one by one and keeps the report of the whole run."""

    normalizer: Normalizer
    in_place: bool = False
    want_diff: bool = False
    outcomes: list[Outcome] = field(default_factory=list)

    def process(self, source: Source) -> Outcome:
        """Normalize one source; errors are recorded, never raised."""
        outcome = Outcome(source.path)
        self.outcomes.append(outcome)
        try:
            original = source.read()
        except InputError as exc:
            outcome.error = str(exc)
            return outcome
        result = self.normalizer.normalize(original.text)
        outcome.result = result
        if self.want_diff and result.changed:
            outcome.diff = unified_diff(
                original.text, result.text, source.path, new_label="normalized", bom=original.bom
            )
        if self.in_place and result.changed and not source.is_stdin:
            try:
                write_atomic(source.path, result.text, bom=original.bom, stamp=original.stamp)
            except InputError as exc:
                outcome.error = str(exc)
        return outcome

    @property
    def errors(self) -> list[str]:
        return [o.error for o in self.outcomes if o.error]

    @property
    def changed_files(self) -> list[str]:
        return [o.path for o in self.outcomes if o.result and o.result.changed and not o.error]

    def json_report(self) -> str:
        """The machine report: one object per file with its changes and suggestions (and,
        for standard input, the normalized ``text``)."""
        files = []
        for o in self.outcomes:
            item: dict[str, object] = {"path": o.path}
            if o.error:
                item["error"] = o.error
            if o.result is not None:
                item["changes"] = [c._asdict() for c in o.result.changes]
                item["suggestions"] = [s._asdict() for s in o.result.suggestions]
                if o.path == STDIN:
                    item["text"] = o.result.text  # no file to write it to
            if self.want_diff:
                item["diff"] = o.diff
            files.append(item)
        return json.dumps({"files": files}, ensure_ascii=False, indent=2)

    def summary(self) -> str:
        """The human report: files changed, replacements per entry, likely variants."""
        per_entry: Counter[tuple[str, str, str]] = Counter()
        lines: list[str] = []
        for o in self.outcomes:
            if o.result is None:
                continue
            edits = o.result.edits if not o.error else ()  # a failed write changed nothing
            for _, old, new, entry_id, _case in edits:
                per_entry[(entry_id, old, new)] += 1
            hint = (
                "kept: it may carry a case ending; add it to the glossary if it is a variant"
                if self.normalizer.fuzzy
                else "add it to the glossary or use --fuzzy"
            )
            for s in o.result.suggestions:
                if s.reason:
                    lines.append(
                        f"{o.path}:{s.line}:{s.column}: likely variant {s.text!r} ({s.id}) "
                        f"left as it is: {s.reason}"
                    )
                    continue
                lines.append(
                    f"{o.path}:{s.line}:{s.column}: likely variant {s.text!r} of "
                    f"{s.canonical!r} ({s.id}, score {s.score:g}); {hint}"
                )
        changed_files = set(self.changed_files)
        what = "rewritten" if self.in_place else "would change"
        for o in self.outcomes:
            if o.path in changed_files and len(self.outcomes) > 1:
                count = len(o.result.edits)
                lines.append(f"{what}: {o.path} ({count} replacement{'s' * (count != 1)})")
        for (entry_id, old, new), count in sorted(per_entry.items()):
            lines.append(f"  {old} → {new} ×{count} ({entry_id})")
        changed = len(changed_files)
        unchanged = len([o for o in self.outcomes if o.result is not None and not o.error])
        unchanged -= changed
        what = "rewritten" if self.in_place else "with changes"
        tail = f"{changed} file{'s' * (changed != 1)} {what}, {unchanged} unchanged"
        if self.errors:
            tail += f", {len(self.errors)} failed"
        lines.append(tail + ".")
        return "\n".join(lines)
