"""Group a corpus's spellings of one name the way OpenRefine clusters: ``glossary suggest``.

Spellings (from :mod:`onoma.curate.suggest.candidates`) and the glossary's forms in the
corpus language are linked when they share a key (key collision):

- case-folded text;
- fingerprint: ASCII-folded lower-case tokens, punctuation removed, sorted, unique;
- 2-gram fingerprint: the sorted unique letter bigrams (texts of 6+ letters);
- :func:`onoma.lang.keys.romanization_key` (-ian/-yan, doubled letters, ou/u, kh/x…);
- the romanization key of the text transliterated to Latin by
  :func:`onoma.translit.transliterate` (Armenian and Cyrillic spellings).

Then nearest neighbours: rapidfuzz compares romanization keys, with blocking: only
keys within a window of :data:`WINDOW` in three sort orders (the key, the reversed
key, the consonant skeleton) are compared, so the work grows linearly with the number
of distinct spellings. Keys must start alike, differ in length by 3 at most, and not
be a prefix of one another (Armenia, Armenian), and score :data:`NN_CUTOFF`. Forms of
one glossary entry start linked; two entries are never merged into one cluster.

In languages that inflect names (Russian, Armenian), a spelling that differs from a
glossary form or another spelling only in its case ending (Пашиняна, Пашинян) joins
that spelling's cluster first, as its inflected form (:mod:`onoma.lang.stems`):
shown, never proposed as a variant. Such a form takes no key or neighbour links of
its own. Keys and neighbours never link two spellings of one root there (Армен and
Армения, Мария and Марина, Анны and Ани: see :func:`~onoma.lang.stems.one_root_test`),
nor, in any language, a spelling with one of fewer words that is closer to some of
its words than to the whole (Karina, Karin Tak). Both tests also compare each
spelling with the name of the entry the other one's cluster holds.

A spelling whose words mix scripts (Арутюнянa, with a Latin a) is shown and flagged,
never proposed: it is usually a typo with a look-alike letter.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from onoma.curate.suggest.candidates import Spelling
from onoma.curate.suggest.linking import (
    fingerprint,
    inside_counts,
    mixed_script,
    name_kinds,
    ngram_fingerprint,
    other_kinds,
    resembles_part,
    translit_key,
)
from onoma.glossary.model import Entry, Glossary
from onoma.lang.case import fold_case
from onoma.lang.keys import romanization_key, same_name
from onoma.lang.stems import inflection_bases, one_root_test

WINDOW = 8
"""How many following keys each key is compared with, per sort order."""
NN_CUTOFF = 85.0
"""Lowest rapidfuzz ratio between romanization keys for two spellings to be linked."""
MIN_NN_KEY = 5
_PUNCT = re.compile(r"[^\w\s]")
_VOWELS = re.compile(r"[aeiouy]")
_WORD = re.compile(r"\w+")


@dataclass
class Cluster:
    """Spellings of one name; ``entry`` is the glossary entry they belong to, if any."""

    canonical: str
    spellings: list[Spelling]
    entry: Entry | None = None
    lang: str = "en"
    inflections: dict[str, str] = field(default_factory=dict)
    """Spellings that are inflected forms, each with its base spelling."""

    @property
    def id(self) -> str | None:
        return self.entry.id if self.entry else None

    @property
    def total(self) -> int:
        return sum(s.count for s in self.spellings)

    def is_known(self, spelling: Spelling) -> bool:
        if self.entry is None:
            return False
        return fold_case(spelling.text) in {fold_case(f) for f in self.entry.forms(self.lang)}

    def inflection_of(self, spelling: Spelling) -> str | None:
        """The base spelling of which ``spelling`` is an inflected form, if it is one."""
        return self.inflections.get(spelling.text)

    def mixed_script(self, spelling: Spelling) -> str | None:
        """What mixes scripts in ``spelling`` (see :func:`mixed_script`), else None."""
        return mixed_script(spelling.text)

    def mixed_spellings(self) -> list[Spelling]:
        """The spellings the glossary lacks whose words mix scripts: never proposed."""
        return [s for s in self.spellings if not self.is_known(s) and mixed_script(s.text)]

    def new_spellings(self) -> list[str]:
        """Spellings to add: the glossary lacks them (case aside), they are not
        inflected forms and do not mix scripts; each case-folded once."""
        seen = {fold_case(self.canonical)}
        if self.entry is not None:
            seen.update(fold_case(f) for f in self.entry.forms(self.lang))
        found = []
        for spelling in self.spellings:
            folded = fold_case(spelling.text)
            if folded in seen or spelling.text in self.inflections:
                continue
            if mixed_script(spelling.text) is None:
                seen.add(folded)
                found.append(spelling.text)
        return found


class _Links:
    """Union-find over spellings that never joins two glossary entries."""

    def __init__(self, entries: list[Entry | None]) -> None:
        self.parent = list(range(len(entries)))
        self.entry = [e.id if e else None for e in entries]

    def find(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(self, i: int, j: int) -> bool:
        """Join the clusters of ``i`` and ``j``; False when they hold two entries."""
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return True
        ei, ej = self.entry[ri], self.entry[rj]
        if ei and ej and ei != ej:
            return False
        self.parent[rj] = ri
        self.entry[ri] = ei or ej
        return True


def cluster_spellings(
    spellings: Iterable[Spelling],
    glossary: Glossary,
    lang: str,
    *,
    min_count: int = 2,
    cutoff: float = NN_CUTOFF,
) -> list[Cluster]:
    """Clusters worth a curator's look, most frequent first: new names seen at least
    ``min_count`` times, and entries with spellings the glossary lacks (new variants,
    inflected forms, spellings in mixed scripts)."""
    nodes = list(spellings)
    index = {s.text: i for i, s in enumerate(nodes)}
    for entry in glossary:
        for form in entry.forms(lang):
            if form not in index:
                index[form] = len(nodes)
                nodes.append(Spelling(form, 0, entry=entry))
    links = _Links([s.entry for s in nodes])
    names: dict[str, int] = {}
    for i, node in enumerate(nodes):
        if node.entry is not None:
            first = names.setdefault(node.entry.id, index.get(node.entry.names.get(lang, ""), i))
            links.union(first, i)
    bases = inflection_bases(nodes, lang)
    attached = set()
    kinds = name_kinds(nodes, lang)
    for i, candidates in bases.items():
        for j in candidates:  # the best base that is not another entry's (nor kind)
            if other_kinds(kinds, i, j):
                continue
            if links.union(j, i):
                attached.add(i)
                break
    guard = _Guard(nodes, lang, links, names, kinds)
    texts = [s.text for s in nodes]
    rom = [romanization_key(t) for t in texts]
    keys: list[tuple[list[str], int]] = [
        ([fold_case(t) for t in texts], 1),
        ([fingerprint(t) for t in texts], 3),
        ([ngram_fingerprint(t) for t in texts], 1),
        (rom, 3),
    ]
    free = [i for i in range(len(nodes)) if i not in attached]
    bucket: dict[str, int] = {}
    for values, shortest in keys:
        bucket = {}
        for i in free:
            if len(values[i]) >= shortest:
                guard.link_key(bucket, values[i], i)
    extra = translit_key()
    # Transliterated keys share the romanization keys' buckets: Ղափան meets Kapan.
    for i in free:
        value = "" if texts[i].isascii() else extra(texts[i])
        if len(value) >= 3:
            guard.link_key(bucket, value, i)
    _nearest_neighbours(rom, texts, free, links, guard.link, cutoff)
    return _clusters(nodes, lang, links, _inflected_forms(nodes, bases, links), min_count)


def _clusters(
    nodes: list[Spelling], lang: str, links: _Links, inflected: dict[str, str], min_count: int
) -> list[Cluster]:
    """The linked spellings as clusters worth showing, most frequent first."""
    groups: dict[int, list[Spelling]] = {}
    for i, node in enumerate(nodes):
        groups.setdefault(links.find(i), []).append(node)
    inside = inside_counts(nodes)
    clusters = []
    for root, members in groups.items():
        seen = sorted((s for s in members if s.count), key=lambda s: (-s.count, s.text))
        if not seen:
            continue
        forms = {s.text: inflected[s.text] for s in seen if s.text in inflected}
        entry_id = links.entry[root]
        entry = next((s.entry for s in members if s.entry and s.entry.id == entry_id), None)
        if entry is not None:
            names = entry.forms(lang)
            known = {fold_case(form) for form in names}
            forms = {t: base for t, base in forms.items() if fold_case(t) not in known}
            cluster = Cluster(entry.names.get(lang, names[0]), seen, entry, lang, forms)
            if not (forms or cluster.mixed_spellings() or cluster.new_spellings()):
                continue
        else:
            base, forms = _new_name(seen, forms, inside, lang)
            cluster = Cluster(base, seen, None, lang, forms)
        if cluster.total >= min_count:
            clusters.append(cluster)
    clusters.sort(key=lambda c: (-c.total, c.canonical))
    return clusters


def _new_name(
    seen: list[Spelling], forms: dict[str, str], inside: dict[str, int], lang: str
) -> tuple[str, dict[str, str]]:
    """The name of a new entry and the inflected forms: the most frequent spelling, its
    occurrences inside longer names counted, then the press's form of a surname
    (Pashinyan over Pashinian when even), that is no inflected form and, if it can,
    no mix of scripts; without the Armenian article when the corpus has the word without
    it (Տաթև, not Տաթևը)."""
    plain = [s for s in seen if s.text not in forms] or seen
    from onoma.lang.person import press_form

    plain = sorted(
        plain,
        key=lambda s: (-(s.count + inside.get(s.text, 0)), not press_form(s.text, lang), s.text),
    )
    base = next((s for s in plain if mixed_script(s.text) is None), plain[0])
    bare = base.bare
    if bare is None or any(s.text == bare for s in seen):
        return base.text, forms
    forms = {text: bare if of == base.text else of for text, of in forms.items()}
    forms[base.text] = bare
    return bare, forms


class _Guard:
    """Links spellings found by keys and neighbours unless one is no variant of the
    other (see the module docs); the cluster's entry name stands in for its spellings."""

    def __init__(
        self,
        nodes: list[Spelling],
        lang: str,
        links: _Links,
        names: dict[str, int],
        kinds: list[str | None],
    ) -> None:
        self.kinds = kinds
        self.texts = [s.text for s in nodes]
        self.words = [len(t.split()) for t in self.texts]
        self.links = links
        self.names = names
        self.one_root = one_root_test(lang)

    def link(self, i: int, j: int) -> None:
        """Join the clusters of ``i`` and ``j`` unless the spellings must stay apart."""
        links = self.links
        ri, rj = links.find(i), links.find(j)
        if ri == rj:
            return
        name_i, name_j = self._entry_name(ri), self._entry_name(rj)
        for a, b in ((i, j), (i, name_j), (name_i, j)):
            if a is not None and b is not None and a != b and self.apart(a, b):
                return
        links.union(ri, rj)

    def link_key(self, bucket: dict[str, int], value: str, i: int) -> None:
        """Link ``i`` to the first spelling with the key ``value``."""
        j = bucket.setdefault(value, i)
        if j != i:
            self.link(j, i)

    def _entry_name(self, root: int) -> int | None:
        """The spelling that is the name of the entry in ``root``'s cluster, if any."""
        entry_id = self.links.entry[root]
        return None if entry_id is None else self.names.get(entry_id)

    def apart(self, a: int, b: int) -> bool:
        """Whether spellings ``a`` and ``b`` are never variants of one another."""
        if other_kinds(self.kinds, a, b):
            return True
        if self.words[a] != self.words[b]:
            short, long = sorted((a, b), key=self.words.__getitem__)
            return resembles_part(self.texts[short], self.texts[long])
        return self.one_root is not None and self.one_root(self.texts[a], self.texts[b])


def _inflected_forms(
    nodes: list[Spelling], bases: dict[int, list[int]], links: _Links
) -> dict[str, str]:
    """Each inflected spelling's base: its best candidate in the same cluster, followed
    to a spelling that is not inflected itself."""
    base_of = {}
    for i, candidates in bases.items():
        root = links.find(i)
        j = next((j for j in candidates if links.find(j) == root), None)
        if j is not None:
            base_of[i] = j
    found = {}
    for i, j in base_of.items():
        visited = {i}
        while j in base_of and j not in visited:
            visited.add(j)
            j = base_of[j]
        if j not in visited:
            found[nodes[i].text] = nodes[j].text
    return found


def _nearest_neighbours(
    keys: list[str],
    texts: list[str],
    free: list[int],
    links: _Links,
    link: Callable[[int, int], None],
    cutoff: float,
) -> None:
    """Link spellings of ``free`` whose keys score ``cutoff`` or more, comparing within
    windows."""
    from rapidfuzz.fuzz import ratio

    eligible = [i for i in free if len(keys[i]) >= MIN_NN_KEY]
    folded = [key.lower() for key in keys]
    orders = (
        sorted(eligible, key=lambda i: folded[i]),
        sorted(eligible, key=lambda i: folded[i][::-1]),
        sorted(eligible, key=lambda i: (_VOWELS.sub("", folded[i]), folded[i])),
    )
    for order in orders:
        for pos, i in enumerate(order):
            ki = keys[i]
            for j in order[pos + 1 : pos + 1 + WINDOW]:
                kj = keys[j]
                if folded[i][0] != folded[j][0] or abs(len(ki) - len(kj)) > 3:
                    continue
                if ki.startswith(kj) or kj.startswith(ki):
                    continue
                if (
                    links.find(i) != links.find(j)
                    and ratio(ki, kj, score_cutoff=cutoff)
                    and same_name(texts[i], texts[j])
                ):
                    link(i, j)
