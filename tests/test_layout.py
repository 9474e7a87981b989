"""The shape of the package: each folder is one layer, imports point down, no circles,
no module over 400 lines. Read from the source with ``ast``: every import counts, also
those inside functions and under ``TYPE_CHECKING``."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "onoma"

LAYERS = {
    "onoma.errors": 0,
    "onoma.text": 1,
    "onoma.lang": 1,
    "onoma.glossary": 2,
    "onoma.normalize": 3,
    "onoma.translit": 3,
    "onoma.curate": 4,
    "onoma.translation": 4,
    "onoma.parallel": 5,
    "onoma.cli": 6,
    "onoma.dask": 6,
    "onoma.serve": 6,
}
"""Layer of each top-level part of onoma: a module may import its own part and any part
of a lower layer, never a higher one or another part of its own layer. ``onoma`` itself
(``__init__``, ``__main__``) is the facade above them all."""

MAX_LINES = 400
HEAVY = (
    "ctranslate2",
    "sentencepiece",
    "pymorphy3",
    "dask",
    "distributed",
    "uvicorn",
    "starlette",
    "icu",
    "rapidfuzz",
    "ahocorasick",
    "daachorse",
    "ruamel",
    "torch",
    "lxml",
)


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _imports(path: Path, modules: dict[str, Path]) -> set[str]:
    """The onoma modules ``path`` imports (``from onoma.x import y`` counts ``onoma.x.y``
    when that is a module)."""
    name = _module_name(path)
    is_package = path.name == "__init__.py"
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("onoma"))
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = name.split(".") if is_package else name.split(".")[:-1]
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            if not base.startswith("onoma"):
                continue
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                found.add(sub if sub in modules else base)
    return {m for m in found if m in modules and m != name}


def _part(module: str) -> str | None:
    for part in sorted(LAYERS, key=len, reverse=True):
        if module == part or module.startswith(part + "."):
            return part
    return None


def test_every_module_belongs_to_a_layer() -> None:
    orphans = [m for m in _modules() if m not in ("onoma", "onoma.__main__") and not _part(m)]
    assert orphans == [], f"give these modules a layer in LAYERS: {orphans}"


def test_imports_point_down() -> None:
    modules = _modules()
    wrong = []
    for name, path in modules.items():
        part = _part(name)
        if part is None:
            continue
        for target in _imports(path, modules):
            other = _part(target)
            if target == "onoma" or other is None:
                wrong.append(f"{name} imports {target} (the facade)")
            elif other != part and LAYERS[other] >= LAYERS[part]:
                wrong.append(
                    f"{name} (layer {LAYERS[part]}) imports {target} (layer {LAYERS[other]})"
                )
    assert wrong == []


def test_no_import_circles() -> None:
    modules = _modules()
    graph = {name: _imports(path, modules) for name, path in modules.items()}
    # a package imports its own submodules to re-export them; that edge is no circle
    graph = {n: {t for t in ts if not t.startswith(n + ".")} for n, ts in graph.items()}
    state: dict[str, int] = {}
    circles: list[list[str]] = []

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        stack.append(node)
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                circles.append([*stack[stack.index(target) :], target])
            elif target not in state:
                visit(target, stack)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [])
    assert circles == []


def test_no_module_over_the_limit() -> None:
    long = {
        name: n
        for name, path in _modules().items()
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


@pytest.mark.parametrize("part", ["onoma.cli", "onoma"])
def test_help_imports_nothing_heavy(part: str) -> None:
    code = (
        f"import sys, {part}\n"
        "from onoma.cli import app\n"
        f"heavy = sorted(m for m in sys.modules if m.split('.')[0].lower() in {HEAVY!r})\n"
        "print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_the_layout_check_sees_a_wrong_import(tmp_path: Path) -> None:
    """The checks above read real imports: a lower layer importing a higher one is found."""
    fake = tmp_path / "onoma" / "lang"
    fake.mkdir(parents=True)
    (fake / "bad.py").write_text("from onoma.cli import app\nimport onoma.normalize.core\n")
    modules = {"onoma.cli": Path(), "onoma.normalize.core": Path(), "onoma.lang.bad": Path()}
    global PACKAGE
    saved, PACKAGE = PACKAGE, tmp_path / "onoma"
    try:
        assert _imports(fake / "bad.py", modules) == {"onoma.cli", "onoma.normalize.core"}
    finally:
        PACKAGE = saved
