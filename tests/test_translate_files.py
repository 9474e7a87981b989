"""Translating files without a model: output paths, earlier translations, the checks
made before any work, writing, and the run report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from onoma.errors import OnomaError
from onoma.normalize.files import Source
from onoma.text.files import STDIN
from onoma.translation.api import EntityReport, FallbackSentence, TranslationResult
from onoma.translation.translate_files import (
    FileOutcome,
    Output,
    TranslateRun,
    find_sources,
    is_output,
    make_out_dir,
    output_languages,
    output_path,
    output_problems,
    plan_outputs,
    prints_translation,
)


class UpperTranslator:
    """Translates by upper-casing; ``boom`` fails; names found and kept as told."""

    def __init__(self, lang: str, entities: int = 2, preserved: int = 2, fallback: int = 0):
        self.lang = lang
        self.report = EntityReport(
            entities=entities,
            preserved=preserved,
            fallback=[
                FallbackSentence(3 + i, "s", "a placeholder was lost") for i in range(fallback)
            ],
        )
        self.calls: list[tuple[str, bool]] = []

    def translate(self, text: str, *, markdown: bool = True) -> TranslationResult:
        self.calls.append((text, markdown))
        if "boom" in text:
            raise RuntimeError("out of memory")
        return TranslationResult(
            text.upper(), self.report, "en", self.lang, ["en", self.lang], 0.123456
        )


@pytest.fixture(autouse=True)
def no_packages(tmp_path, monkeypatch):
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "no-packages"))


def write(path: Path, text: str = "Shushi.\n") -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return str(path)


# Output paths and the checks made before any work


@pytest.mark.parametrize(
    ("source", "out_dir", "expected"),
    [
        ("docs/a.txt", None, "docs/a.hy.txt"),
        ("docs/a.b.md", None, "docs/a.b.hy.md"),
        ("docs/README", None, "docs/README.hy"),
        ("docs/a.txt", Path("out"), "out/a.hy.txt"),
        (STDIN, Path("out"), "out/stdin.hy.txt"),
        (STDIN, None, "stdin.hy.txt"),
    ],
)
def test_output_path(source, out_dir, expected):
    assert output_path(source, "hy", out_dir) == Path(expected)


@pytest.mark.parametrize(
    ("name", "found_in_folder", "expected"),
    [
        ("a.hy.txt", True, True),  # a target of this run
        ("a.ru.md", True, True),  # another language, next to its source a.md
        ("solo.ru.txt", True, False),  # no solo.txt: an input written in Russian
        ("a.txt", True, False),
        ("notes.old.txt", True, False),
        ("notes.v2.txt", True, False),
        (".hy.txt", True, False),
        ("a.hy.txt", False, False),  # named on the command line: always an input
    ],
)
def test_is_output_by_name(tmp_path, name, found_in_folder, expected):
    write(tmp_path / "a.txt")
    write(tmp_path / "a.md")
    source = Source(str(tmp_path / name), is_dir=found_in_folder)
    assert is_output(source, ["hy"], {"hy", "ru"}, None) is expected


def test_is_output_under_the_output_folder(tmp_path):
    out = tmp_path / "out"
    inside = Source(write(out / "sub" / "renamed.txt"), is_dir=True)
    outside = Source(write(tmp_path / "a.txt"), is_dir=True)
    assert is_output(inside, [], set(), out)
    assert not is_output(outside, [], set(), out)
    assert not is_output(inside, [], set(), None)


def test_output_languages_include_the_targets_and_core_languages_but_not_the_source():
    assert output_languages(["de"], "en") == {"de", "hy", "ru", "az"}
    assert output_languages(["hy"], "ru") == {"hy", "en", "az"}


def test_find_sources_skips_earlier_translations(tmp_path):
    folder = tmp_path / "docs"
    names = ["b.txt", "b.ru.txt", "b.de.txt", "notes.old.txt", "c.az.md", "d.en.txt"]
    for name in names:
        write(folder / name)
    named = write(tmp_path / "x.hy.txt")
    found = find_sources([folder, named], [".txt", ".md"], ["de"], None)
    expected = ["b.txt", "c.az.md", "d.en.txt", "notes.old.txt", "x.hy.txt"]
    assert sorted(Path(s.path).name for s in found) == expected


def test_find_sources_in_the_output_folder_itself(tmp_path):
    folder = tmp_path / "docs"
    write(folder / "a.txt")
    write(folder / "a.hy.txt")
    for out in (folder, tmp_path):  # translate docs/ -o docs/, or -o .
        found = find_sources([folder], [".txt"], ["hy"], out)
        assert [Path(s.path).name for s in found] == ["a.txt"]
    assert find_sources([tmp_path], [".txt"], ["hy"], folder) == []


def test_find_sources_keeps_files_in_the_source_language(tmp_path):
    write(tmp_path / "solo.ru.txt")
    found = find_sources([tmp_path], [".txt"], ["en"], None, source="ru")
    assert [Path(s.path).name for s in found] == ["solo.ru.txt"]


def test_prints_translation_only_for_one_file_and_one_target(tmp_path):
    one = [Source("a.txt")]
    assert prints_translation(one, ["hy"], None)
    assert prints_translation([Source(STDIN)], ["hy"], None)
    assert not prints_translation(one, ["hy", "ru"], None)
    assert not prints_translation(one, ["hy"], tmp_path)
    assert not prints_translation([Source("a.txt"), Source("b.txt")], ["hy"], None)
    assert not prints_translation([Source("docs/a.txt", is_dir=True)], ["hy"], None)


def test_plan_outputs_refuses_overwriting_an_input(tmp_path):
    a, a_ru = write(tmp_path / "a.txt"), write(tmp_path / "a.ru.txt")
    assert plan_outputs([a, a_ru], ["ru"], None) == [
        f"{a}: its output {a_ru} is also an input; nothing done"
    ]
    assert plan_outputs([a, a_ru], ["hy"], None) == []


def test_plan_outputs_refuses_two_inputs_with_one_output(tmp_path):
    x1, x2 = write(tmp_path / "d1" / "x.txt"), write(tmp_path / "d2" / "x.txt")
    out = tmp_path / "out"
    [problem] = plan_outputs([x1, x2], ["ru"], out)
    assert problem == (
        f"{x2}: its output {out / 'x.ru.txt'} would also be the output of {x1}; "
        "nothing done (use separate --out-dir folders)"
    )
    assert plan_outputs([x1, x2], ["ru", "hy"], None) == []


def test_output_problems_stdin_needs_an_output_folder(tmp_path):
    sources = [Source(STDIN)]
    assert output_problems(sources, ["hy", "ru"], None) == [
        "reading stdin with several targets or inputs needs --out-dir"
    ]
    assert output_problems(sources, ["hy", "ru"], tmp_path) == []


def test_make_out_dir(tmp_path):
    make_out_dir(tmp_path / "a" / "b")
    assert (tmp_path / "a" / "b").is_dir()
    blocker = Path(write(tmp_path / "file"))
    with pytest.raises(OnomaError, match=r"file: cannot create the output folder \("):
        make_out_dir(blocker)


# Translating and writing


def run_for(*langs: str, **kwargs) -> TranslateRun:
    return TranslateRun("en", {lang: UpperTranslator(lang) for lang in langs}, **kwargs)


def test_translate_writes_next_to_the_input_keeping_the_bom(tmp_path):
    path = tmp_path / "a.md"
    path.write_bytes("\ufeffShushi.\n".encode())
    run = run_for("hy", "ru")
    item, original = run.read(Source(str(path)))
    assert original is not None and item.error is None
    outputs = [run.translate(item, original, lang) for lang in run.targets]
    assert [o.output for o in outputs] == [str(tmp_path / "a.hy.md"), str(tmp_path / "a.ru.md")]
    assert (tmp_path / "a.ru.md").read_bytes() == "\ufeffSHUSHI.\n".encode()
    assert run.translators["hy"].calls == [("Shushi.\n", True)]
    assert item.outputs == outputs and run.errors == []


def test_translate_to_stdout_keeps_the_text(tmp_path):
    path = write(tmp_path / "a.txt")
    run = run_for("hy", to_stdout=True)
    item, original = run.read(Source(path))
    output = run.translate(item, original, "hy")
    assert output.text == "SHUSHI.\n" and output.output is None
    assert run.translators["hy"].calls == [("Shushi.\n", False)]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_translate_into_the_output_folder(tmp_path):
    path = write(tmp_path / "a.txt")
    out = tmp_path / "out"
    out.mkdir()
    run = run_for("ru", out_dir=out)
    item, original = run.read(Source(path))
    assert run.translate(item, original, "ru").output == str(out / "a.ru.txt")
    assert (out / "a.ru.txt").read_text(encoding="utf-8") == "SHUSHI.\n"


def test_errors_are_recorded_not_raised(tmp_path):
    run = run_for("hy", "ru")
    item, original = run.read(Source(str(tmp_path / "missing.txt")))
    assert original is None and "missing.txt" in str(item.error)
    boom = write(tmp_path / "boom.txt", "boom\n")
    (tmp_path / "boom.hy.txt").mkdir()  # cannot be written
    item, original = run.read(Source(boom))
    failed = run.translate(item, original, "hy")
    assert failed.error == f"{boom}: translation into hy failed: out of memory"
    ok = write(tmp_path / "ok.txt")
    (tmp_path / "ok.hy.txt").mkdir()
    item, original = run.read(Source(ok))
    unwritten = run.translate(item, original, "hy")
    assert "cannot write" in str(unwritten.error) and unwritten.output is None
    assert unwritten.report is not None  # translated, but not written
    assert len(run.errors) == 3 and run.done() == []


# The report


def test_output_as_dict_keeps_the_report_fields_in_order():
    report = EntityReport(entities=1, preserved=1)
    written = Output("hy", "a.hy.txt", ["en", "hy"], 0.123456, report)
    assert list(written.as_dict()) == ["to", "output", "route", "seconds", "report"]
    assert written.as_dict()["seconds"] == 0.1235
    assert written.as_dict()["report"] == report.as_dict()
    printed = Output("hy", None, ["en", "hy"], 1.0, report, text="x")
    assert printed.as_dict()["text"] == "x" and printed.as_dict()["output"] is None
    failed = Output("hy", error="boom")
    assert failed.as_dict() == {"to": "hy", "output": None, "error": "boom"}
    unwritten = Output("hy", None, ["en", "hy"], 1.0, report, error="cannot write")
    assert list(unwritten.as_dict()) == ["to", "output", "route", "seconds", "report", "error"]


def test_file_outcome_as_dict():
    assert FileOutcome("a.txt").as_dict() == {"path": "a.txt", "outputs": []}
    unread = FileOutcome("b.txt", error="b.txt: not UTF-8")
    assert unread.as_dict() == {"path": "b.txt", "outputs": [], "error": "b.txt: not UTF-8"}


def test_notes_name_fallback_sentences_and_lost_names():
    report = EntityReport(
        entities=3,
        preserved=2,
        fallback=[FallbackSentence(4, "Shushi.", "a placeholder was lost")],
    )
    assert Output("ru", report=report).notes("a.txt") == [
        "a.txt:4: (ru) translated piece by piece: a placeholder was lost",
        "warning: a.txt (ru): 1 of 3 names not kept in their glossary form",
    ]
    assert Output("ru", report=EntityReport(entities=2, preserved=2)).notes("a.txt") == []
    assert Output("ru", report=report, error="cannot write").notes("a.txt") == []


def finished_run(tmp_path: Path) -> TranslateRun:
    run = TranslateRun(
        "en",
        {"hy": UpperTranslator("hy", fallback=2), "ru": UpperTranslator("ru", 1, 1)},
    )
    for name in ("a.txt", "b.txt"):
        item, original = run.read(Source(write(tmp_path / name)))
        for lang in run.targets:
            run.translate(item, original, lang)
    run.read(Source(str(tmp_path / "missing.txt")))
    return run


def test_summary(tmp_path):
    assert finished_run(tmp_path).summary() == (
        "translated 2 files into hy, ru: 6 of 6 names kept, "
        "4 sentences translated piece by piece; 1 error"
    )
    run = TranslateRun("en", {"ru": UpperTranslator("ru", 1, 1)})
    item, original = run.read(Source(write(tmp_path / "c.txt")))
    run.translate(item, original, "ru")
    assert run.summary() == "translated 1 file into ru: 1 of 1 name kept"


def test_summary_counts_a_file_once_and_only_when_translated(tmp_path):
    run = run_for("hy", "ru")
    item, original = run.read(Source(write(tmp_path / "a.txt")))
    (tmp_path / "a.hy.txt").mkdir()
    run.translate(item, original, "hy")
    run.translate(item, original, "ru")
    item, original = run.read(Source(write(tmp_path / "boom.txt", "boom\n")))
    run.translate(item, original, "hy")
    assert run.summary() == "translated 1 file into hy, ru: 2 of 2 names kept; 2 errors"


def test_json_report(tmp_path):
    run = finished_run(tmp_path)
    data = json.loads(run.json_report(0.123456, 2.5))
    assert list(data) == ["source", "targets", "files", "load_seconds", "seconds"]
    assert (data["source"], data["targets"]) == ("en", ["hy", "ru"])
    assert (data["load_seconds"], data["seconds"]) == (0.1235, 2.5)
    assert [Path(f["path"]).name for f in data["files"]] == ["a.txt", "b.txt", "missing.txt"]
    entry = data["files"][0]["outputs"][1]
    assert entry["to"] == "ru" and entry["output"] == str(tmp_path / "a.ru.txt")
    assert entry["route"] == ["en", "ru"] and entry["report"]["ok"] is True
    assert "error" in data["files"][2] and data["files"][2]["outputs"] == []
    assert run.json_report(0, 0).startswith('{\n  "source": "en",')
