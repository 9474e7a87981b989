"""ruamel's round-trip loader, held to the values the other readers give.

``fmt``, ``add`` and ``merge`` read glossaries with ruamel's round-trip loader, which
keeps comments; every other command reads them with libyaml
(:mod:`onoma.glossary.fastyaml`) or the line reader. Left alone, ruamel reads some
values otherwise: it builds a tagged value (``!!bool maybe`` fails inside ruamel,
``!!null "a note"`` quietly becomes nothing, which ``fmt`` would then drop), keeps
``!!str 12`` as a tagged object, and fails on a plain value shaped like a number or a
date that is none (``0x_``, ``2024-02-30``). This constructor reads them as libyaml's
reader does: a tag written in the file is refused at its line unless it changes nothing
(``!!str`` on a value, ``!!map`` on a mapping), ``!!str`` gives a plain string, and a
plain value that cannot be built is its text.

Imported only by the commands that rewrite glossaries (ruamel takes a while to import).
"""

from __future__ import annotations

from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.constructor import ConstructorError, RoundTripConstructor
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

_STR = "tag:yaml.org,2002:str"
_OWN_TAG = {
    ScalarNode: _STR,
    SequenceNode: "tag:yaml.org,2002:seq",
    MappingNode: "tag:yaml.org,2002:map",
}
"""The tag that changes nothing, for each kind of node."""


class _GlossaryConstructor(RoundTripConstructor):
    def construct_object(self, node: Node, deep: bool = False) -> Any:
        written = _written_tag(node)
        if written not in (None, "!") and node.tag != _OWN_TAG.get(type(node)):
            raise ConstructorError(
                None, None, f"the tag {node.tag} is not supported", node.start_mark
            )
        if isinstance(node, ScalarNode):
            if written not in (None, "!"):
                return str(node.value)  # "!!str 12" is a string, as libyaml reads it
            if node.tag != _STR:
                try:
                    return super().construct_object(node, deep)
                except (ValueError, IndexError, KeyError):
                    return str(node.value)  # 0x_, 2024-02-30: libyaml's reader gives the text
        return super().construct_object(node, deep)


def _written_tag(node: Node) -> str | None:
    """The tag written in the file before ``node``'s value (``!!bool``, ``!<tag:…>``,
    ``!x``, or ``!``, which both readers resolve as if absent), or None when there is
    none: a node with properties starts with them."""
    mark = node.start_mark
    buffer = getattr(mark, "buffer", None)
    if not buffer or buffer[mark.pointer : mark.pointer + 1] != "!":
        return None
    end = mark.pointer
    while end < len(buffer) and buffer[end] not in " \t\r\n\0":
        end += 1
    return buffer[mark.pointer : end]


def round_trip_yaml() -> YAML:
    """A round-trip ``YAML`` whose values are those of the other glossary readers."""
    yaml = YAML(typ="rt")
    yaml.Constructor = _GlossaryConstructor
    return yaml
