"""House configuration: ``[tool.onoma]`` in pyproject.toml or an ``onoma.toml``.

A team keeps its glossaries, naming style and languages in the repository, so that
``onoma normalize articles/`` means the same for everyone. The file is found as ruff
finds its own: walking up from the current folder to the first ``onoma.toml`` or
``pyproject.toml`` with a ``[tool.onoma]`` table (``onoma.toml`` wins in one folder).
Its values become the commands' defaults through Click's ``default_map``, so an option
given on the command line always wins; ``--glossary`` on the command line replaces the
configured glossaries.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

import typer

from onoma.cli.common import split_list
from onoma.cli.config_file import (
    PYPROJECT,
    ConfigError,
    decode_config,
    find_config,
    parse_config,
    read_config_bytes,
)
from onoma.errors import OnomaError
from onoma.glossary.model import language_code_problem

__all__ = ["Config", "ConfigError", "find_config", "load_config", "resolve_config"]
COMMAND_TABLES = ("normalize", "translate")
"""Sub-tables whose keys apply to one command only, over the top-level keys."""

COMMON_KEYS = {"glossary": "glossary", "no-builtin": "no_builtin", "style": "style"}
"""Keys of every command that loads glossaries, and their parameter names."""
COMMAND_KEYS: dict[str, dict[str, str]] = {
    "normalize": {
        **COMMON_KEYS,
        "lang": "lang",
        "ext": "extensions",
        "fuzzy": "fuzzy",
        "jobs": "jobs",
    },
    "translate": {
        **COMMON_KEYS,
        "lang": "source",
        "ext": "extensions",
        "to": "to",
        "beam-size": "beam_size",
        "jobs": "jobs",
    },
    "glossary lint": COMMON_KEYS,
    "glossary show": COMMON_KEYS,
    "glossary stats": COMMON_KEYS,
    "glossary suggest": {**COMMON_KEYS, "lang": "lang", "ext": "extensions", "jobs": "jobs"},
    "translit": COMMON_KEYS,
}
"""The keys each command takes from the file, and the parameter each one sets."""
KEYS = ("glossary", "no-builtin", "style", "lang", "ext", "fuzzy", "jobs", "to", "beam-size")


@dataclass
class Config:
    """The settings that apply, and the file they come from (None: no file)."""

    path: Path | None = None
    values: dict[str, Any] = field(default_factory=dict)
    """Top-level keys, validated; ``glossary`` paths made absolute."""
    commands: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Validated keys of the per-command sub-tables."""

    def for_command(self, command: str) -> dict[str, Any]:
        """The keys that apply to ``command`` (``normalize``, ``glossary suggest``)."""
        wanted = COMMAND_KEYS[command]
        merged = {**self.values, **self.commands.get(command, {})}
        return {key: value for key, value in merged.items() if key in wanted}

    def default_map(self) -> dict[str, Any]:
        """The nested ``default_map`` of the root command: parameter name -> default."""
        root: dict[str, Any] = {}
        for command, keys in COMMAND_KEYS.items():
            defaults = {keys[k]: _option_value(k, v) for k, v in self.for_command(command).items()}
            if not defaults:
                continue
            *groups, name = command.split()
            table = root
            for group in groups:
                table = table.setdefault(group, {})
            table[name] = defaults
        return root


def current(ctx: typer.Context) -> Config:
    """The configuration the command line found (an empty one without a file)."""
    return ctx.find_root().meta.get("onoma.config") or Config()


def file_glossaries(
    ctx: typer.Context, glossary: list[Path] | None, no_builtin: bool
) -> tuple[list[Path] | None, bool, str | None]:
    """The glossaries, no-builtin and style to load for the commands that rewrite or
    export glossaries (``glossary add``, ``merge``, ``export``), which take them from the
    file by hand rather than through :data:`COMMAND_KEYS`: ``-g`` replaces the file's
    glossaries, as for every command, and the file's ``style`` applies to the built-in
    ones."""
    values = current(ctx).values
    paths = glossary or [Path(item) for item in values.get("glossary") or ()] or None
    no_builtin = bool(no_builtin or values.get("no-builtin"))
    return paths, no_builtin, None if no_builtin else values.get("style")


def _option_value(key: str, value: Any) -> Any:
    """A validated value as the option would receive it."""
    if key in ("ext", "to") and isinstance(value, list):
        return ",".join(value)
    if key == "glossary":
        return [str(path) for path in value]
    return value


def load_config(path: Path) -> Config:
    """Read and check the configuration in ``path`` (``[tool.onoma]`` of a
    pyproject.toml, the top-level keys of any other file), or raise ConfigError."""
    data = parse_config(path, decode_config(path, read_config_bytes(path)))
    prefix = ""
    if path.name == PYPROJECT:
        data = data.get("tool", {}).get("onoma", {})
        prefix = "tool.onoma."
        if not isinstance(data, dict):
            raise ConfigError(path, "must be a table", "tool.onoma")
    base = path.resolve().parent
    config = Config(path=path)
    for key, value in data.items():
        if key in COMMAND_TABLES:
            if not isinstance(value, dict):
                raise ConfigError(path, "must be a table of settings", prefix + key)
            config.commands[key] = _check_table(path, value, base, f"{prefix}{key}.", key)
        else:
            config.values[key] = _check_key(path, key, value, base, prefix)
    return config


def _check_table(
    path: Path, table: dict[str, Any], base: Path, prefix: str, command: str
) -> dict[str, Any]:
    checked = {key: _check_key(path, key, value, base, prefix) for key, value in table.items()}
    for key in checked:
        if key not in COMMAND_KEYS[command]:
            raise ConfigError(path, f"does not apply to onoma {command}", prefix + key)
    return checked


def _check_key(path: Path, key: str, value: Any, base: Path, prefix: str) -> Any:
    """``value`` of ``key`` if it has the right type and range, or ConfigError."""
    name = prefix + key

    def wrong(expected: str) -> ConfigError:
        return ConfigError(path, f"must be {expected}, not {_describe(value)}", name)

    if key not in KEYS:
        tables = ", ".join(f"[{prefix}{t}]" for t in COMMAND_TABLES)
        raise ConfigError(
            path, f"unknown key (the keys: {', '.join(KEYS)}; tables: {tables})", name
        )
    if key in ("no-builtin", "fuzzy"):
        if not isinstance(value, bool):
            raise wrong("true or false")
        return value
    if key in ("jobs", "beam-size"):
        if isinstance(value, bool) or not isinstance(value, int):
            raise wrong("a whole number")
        if value < 1:
            raise ConfigError(path, f"must be 1 or more, not {value}", name)
        return value
    if key in ("style", "lang"):
        if not isinstance(value, str) or not value.strip():
            raise wrong("a string")
        if key == "lang":
            _check_language(path, value.strip(), name)
        return value.strip()
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
        raise wrong("a list of strings")
    if key == "glossary":
        return [base / item for item in items]
    # ext and to: split as --ext and --to are ("hy,ru" or ["hy", "ru"])
    items = [part for item in items for part in split_list(item)]
    if not items:
        raise ConfigError(path, "must not be empty", name)
    if key == "to":
        for code in items:
            _check_language(path, code, name)
    return items


def _check_language(path: Path, code: str, name: str) -> None:
    """A ``lang`` or ``to`` code checked by the rule of --lang, --from and --to."""
    problem = language_code_problem(code)
    if problem:
        raise ConfigError(path, problem, name)


def _describe(value: Any) -> str:
    kinds = {bool: "a boolean", int: "a number", float: "a number", str: "a string"}
    kind = kinds.get(type(value), "a list" if isinstance(value, list) else "a table")
    return f"{kind} ({json.dumps(value, default=str, ensure_ascii=False)})"


def resolve_config(explicit: Path | None, isolated: bool, cwd: Path) -> Config:
    """The configuration that applies: ``--config FILE``, none with ``--isolated``, else
    the file found from ``cwd``; raises ConfigError on a broken file."""
    if explicit is not None and isolated:
        raise OnomaError("--config and --isolated: choose one")
    if isolated:
        return Config()
    path = explicit if explicit is not None else find_config(cwd)
    return load_config(path) if path is not None else Config()


def check_style(config: Config) -> None:
    """An unknown ``style`` in the file is an error naming the file and the styles."""
    from onoma.glossary.load import style_names

    sources = [("", config.values), *((f"{c}.", t) for c, t in config.commands.items())]
    for prefix, table in sources:
        style = table.get("style")
        if style is not None and style not in style_names():
            assert config.path is not None
            raise ConfigError(
                config.path,
                f"unknown style {style!r}; the styles are: {', '.join(style_names())}",
                _key_name(config.path, prefix + "style"),
            )


def _key_name(path: Path, key: str) -> str:
    return f"tool.onoma.{key}" if path.name == PYPROJECT else key


def config_command(
    ctx: typer.Context,
    json_output: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Print the configuration that applies here: the file and each key, per command.

    onoma reads [tool.onoma] in the nearest pyproject.toml or onoma.toml, walking up from
    the current folder (--config FILE names one, --isolated ignores them).
    """
    config = current(ctx)
    commands = {command: config.for_command(command) for command in COMMAND_KEYS}
    if json_output:
        report = {
            "file": str(config.path) if config.path else None,
            "settings": {k: _json_value(v) for k, v in config.values.items()},
            "commands": {
                name: {k: _json_value(v) for k, v in values.items()}
                for name, values in commands.items()
            },
        }
        typer.echo(json.dumps(report, ensure_ascii=False, indent=2))
        return
    if config.path is None:
        typer.echo("no configuration file: the built-in defaults apply")
        return
    typer.echo(f"file: {config.path}")
    for name, values in commands.items():
        typer.echo(f"onoma {name}:")
        if not values:
            typer.echo("  (nothing)")
        for key, value in values.items():
            typer.echo(f"  {key} = {_text_value(value)}")


def _json_value(value: Any) -> Any:
    if isinstance(value, list):
        return [str(item) if isinstance(item, Path) else item for item in value]
    return value


def _text_value(value: Any) -> str:
    return json.dumps(_json_value(value), ensure_ascii=False)
