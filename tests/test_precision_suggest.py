"""`glossary suggest` keeps names apart on news-like text: companies one letter apart,
a name and a common word, two surnames, a place before a person; it splits a given
name from a known surname's variant and names a cluster after its majority spelling."""

from __future__ import annotations

from onoma.curate.suggest.candidates import CorpusScan
from onoma.curate.suggest.clusters import cluster_spellings
from onoma.glossary.model import Entry, Glossary


def clusters(text: str, lang: str, glossary: Glossary | None = None, min_count: int = 1):
    glossary = glossary or Glossary()
    scan = CorpusScan(glossary, lang)
    scan.add_text(text, "a.txt")
    return cluster_spellings(scan.spellings().values(), glossary, lang, min_count=min_count)


def groups(found) -> list[set[str]]:
    return [{s.text for s in c.spellings} for c in found]


def together(found, *texts: str) -> bool:
    return any(set(texts) <= group for group in groups(found))


def test_two_companies_one_letter_apart_stay_apart():
    text = "Акции Роснефть выросли. Компания Русснефть упала. Роснефть и Русснефть.\n"
    found = clusters(text, "ru")
    assert together(found, "Роснефть") and not together(found, "Роснефть", "Русснефть")


def test_a_name_never_joins_a_common_word():
    text = (
        "Индекс вырос. Индекс упал. Компания Яндекс сообщила. Компания Яндекс растёт.\n"
        "Франция и Германия. Фратрия собралась. Визит во Францию.\n"
    )
    found = clusters(text, "ru")
    spelled = {s.text for c in found for s in c.spellings}
    assert "Яндекс" in spelled and "Индекс" not in spelled and "Фратрия" not in spelled
    assert not together(found, "Франция", "Фратрия")


def test_two_surnames_and_a_place_before_a_person():
    text = (
        "Президент России Владимир Путин прибыл. Бизнесмен Владимир Потанин ответил.\n"
        "Об этом сказал Владимир Путин. Владимира Путина поддержали.\n"
    )
    found = clusters(text, "ru")
    spelled = {s.text for c in found for s in c.spellings}
    assert "России Владимир Путин" not in spelled
    assert "Владимир Путин" in spelled and "России" in spelled
    assert not together(found, "Владимир Путин", "Владимир Потанин")


def test_armenian_surnames_stay_apart_and_the_majority_names_the_cluster():
    text = "Սերժ Սարգսյանը եկավ։ " * 2 + "Սերժ Սարգսյան։ " * 5 + "Սերժ Սարգսայնի։ Անի Սարյան։\n"
    found = clusters(text, "hy")
    assert not together(found, "Սերժ Սարգսյան", "Անի Սարյան")
    [serzh] = [c for c in found if any(s.text == "Սերժ Սարգսյան" for s in c.spellings)]
    assert serzh.canonical == "Սերժ Սարգսյան"


GLOSSARY = Glossary(
    [
        Entry("hovhannisyan", "person", {"en": "Hovhannisyan"}),
        Entry("nikol", "person", {"en": "Nikol"}),
    ]
)


def test_a_given_name_and_a_known_surnames_variant_are_split():
    text = "Tigran Hovhanisian spoke. Later Tigran Hovhanisian left.\n"
    found = clusters(text, "en", GLOSSARY)
    [surname] = [c for c in found if c.id == "hovhannisyan"]
    assert surname.new_spellings() == ["Hovhanisian"]
    assert together(found, "Tigran") and not together(found, "Tigran Hovhanisian")


def test_spellings_inside_longer_names_count_for_the_canonical_form():
    text = (
        "Prime Minister Nikol Pashinyan spoke. Nikol Pashinyan left. Pashinyan said.\n"
        "Pashinian met them. Pashinian spoke. Pashinian left.\n"
    )
    found = clusters(text, "en")
    [cluster] = [c for c in found if together([c], "Pashinian")]
    assert cluster.canonical == "Pashinyan"
