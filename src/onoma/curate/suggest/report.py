"""What ``onoma glossary suggest`` prints: readable text, JSON, or a YAML fragment."""

from __future__ import annotations

import json
from dataclasses import replace

from onoma.curate.ids import unique_id
from onoma.curate.suggest.clusters import Cluster, mixed_script
from onoma.glossary.document import Comments
from onoma.glossary.fmt import comment, emit_entry
from onoma.glossary.model import Entry, Glossary


def render_text(clusters: list[Cluster]) -> str:
    """One block per cluster: the name, the entry or "new", then each spelling.

    Spellings marked ``+`` are the ones proposed: new variants of the entry, or the
    forms of a new entry. Inflected forms say of which spelling; spellings marked
    ``!`` mix scripts and are not proposed.
    """
    out = []
    for cluster in clusters:
        out.append(_heading(cluster))
        width = max(len(s.text) for s in cluster.spellings)
        for spelling in cluster.spellings:
            base = cluster.inflection_of(spelling)
            mixed = None if cluster.is_known(spelling) else cluster.mixed_script(spelling)
            mark = " " if base or cluster.is_known(spelling) else "!" if mixed else "+"
            form = f"(inflected form of {base})  " if base else ""
            form += f"(mixed scripts: {mixed})  " if mixed else ""
            out.append(
                f"  {mark} {spelling.text:<{width}}  {spelling.count:>5}  {form}"
                f"{spelling.where}  {spelling.example}"
            )
        out.append("")
    return "\n".join(out)


def _heading(cluster: Cluster) -> str:
    """The first line of a cluster's block: name, entry or new, count, proposals."""
    total = cluster.total
    times = f"{total} occurrence{'s' * (total != 1)}"
    if cluster.entry is None:
        what = "new entry"
        if mixed_script(cluster.canonical):
            what = "new name in mixed scripts, not proposed"
        return f"{cluster.canonical} — {what}; {times}"
    what = f"entry {cluster.entry.id} ({cluster.entry.where()})"
    new = cluster.new_spellings()
    if new:
        tail = f"; proposed variant{'s' * (len(new) != 1)}: {', '.join(new)}"
    elif cluster.inflections and not cluster.mixed_spellings():
        tail = "; inflected forms only"
    else:
        tail = "; nothing to propose"
    return f"{cluster.canonical} — {what}; {times}{tail}"


def render_json(clusters: list[Cluster]) -> str:
    """``{"clusters": [{"id", "canonical", "spellings": [{"text", "count", "example",
    "where", "known", "inflection_of", "mixed_script"}]}]}``; ``inflection_of`` is the
    base spelling of an inflected form, else null; ``mixed_script`` says which letters
    of a spelling are in another script, else null."""
    data = {
        "clusters": [
            {
                "id": cluster.id,
                "canonical": cluster.canonical,
                "spellings": [
                    {
                        "text": s.text,
                        "count": s.count,
                        "example": s.example,
                        "where": s.where,
                        "known": cluster.is_known(s),
                        "inflection_of": cluster.inflection_of(s),
                        "mixed_script": cluster.mixed_script(s),
                    }
                    for s in cluster.spellings
                ],
            }
            for cluster in clusters
        ]
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def render_yaml(clusters: list[Cluster], glossary: Glossary, lang: str) -> str:
    """A glossary fragment to review: each matched entry again with its new variants
    (loaded as a --glossary layer it replaces the entry), then new entries marked
    ``review: true``; most frequent first. Inflected forms and spellings in mixed
    scripts are left out, and entries with nothing else to add."""
    out = [
        "# Proposed by onoma glossary suggest: review, then merge into a glossary.",
        "# An entry with an existing id repeats it with the new variants added; as a",
        "# --glossary layer it replaces that entry. New entries have review: true.",
    ]
    taken = {entry.id for entry in glossary}
    for cluster in clusters:
        new = cluster.new_spellings()
        first = cluster.spellings[0]
        if cluster.entry is not None and not new:
            continue
        if cluster.entry is None and mixed_script(cluster.canonical):
            continue
        if cluster.entry is not None:
            entry = cluster.entry
            variants = dict(entry.variants)
            variants[lang] = (*entry.variants.get(lang, ()), *new)
            proposed = replace(entry, variants=variants)
            note = f"adds {lang} variants: {', '.join(new)} (e.g. {first.where})"
        else:
            entry_id = unique_id(cluster.canonical, taken)
            names = {lang: cluster.canonical}
            proposed = Entry(entry_id, "other", names, {lang: tuple(new)} if new else {})
            proposed = replace(proposed, review=True)
            times = f"{cluster.total} time{'s' * (cluster.total != 1)}"
            note = f"seen {times}, e.g. {first.where}"
        taken.add(proposed.id)
        out.append("")
        out.extend(emit_entry(proposed, Comments(leading=[comment(note)])))
    return "\n".join(out) + "\n"
