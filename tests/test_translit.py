"""Transliteration schemes against published romanization tables, and the library API."""

from __future__ import annotations

import subprocess
import sys

import pytest

from onoma.translit import SchemeInfo, TranslitError, list_schemes, transliterate, uncovered


def _apostrophes(text: str) -> str:
    """ICU writes BGN's ’ and ” as the modifier letters ʹ and ʺ."""
    return text.replace("ʹ", "’").replace("ʺ", "”")


# BGN/PCGN 1981 Armenian, as in the GNS gazetteer names.
@pytest.mark.parametrize(
    ("hy", "latn"),
    [
        ("Երևան", "Yerevan"),
        ("Գյումրի", "Gyumri"),
        ("Վանաձոր", "Vanadzor"),
        ("Էջմիածին", "Ejmiatsin"),
        ("Ծաղկաձոր", "Tsaghkadzor"),
        ("Եղեգնաձոր", "Yeghegnadzor"),
        ("Թալին", "T’alin"),
        ("Չարենցավան", "Ch’arents’avan"),
        ("Ճամբարակ", "Chambarak"),
        ("Ոսկեպար", "Voskepar"),
        ("Քաջարան", "K’ajaran"),
        ("ԵՐԵՎԱՆ", "YEREVAN"),
    ],
)
def test_armenian_bgn(hy: str, latn: str) -> None:
    assert transliterate(hy, to="latn", scheme="bgn") == latn


# ISO 9985:1996 table.
@pytest.mark.parametrize(
    ("hy", "latn"),
    [
        ("թ", "tʼ"),
        ("ժ", "ž"),
        ("խ", "x"),
        ("ծ", "ç"),
        ("ձ", "j"),
        ("ղ", "ł"),
        ("ճ", "č̣"),
        ("ջ", "ǰ"),
        ("ռ", "ṙ"),
        ("ց", "cʼ"),
        ("օ", "ò"),
        ("ը", "ë"),
        ("է", "ē"),
        ("ու", "u"),
        ("և", "ew"),
        ("Երևան", "Erewan"),
        ("Հայաստան", "Hayastan"),
        ("Չարենց", "Čarencʼ"),
    ],
)
def test_armenian_iso_9985(hy: str, latn: str) -> None:
    assert transliterate(hy, to="latn", scheme="iso") == latn
    assert transliterate(latn, to="armn", lang="hy", scheme="iso") == hy


# ALA-LC (Library of Congress) Armenian table.
@pytest.mark.parametrize(
    ("hy", "latn"),
    [
        ("թ", "tʻ"),
        ("չ", "chʻ"),
        ("ց", "tsʻ"),
        ("փ", "pʻ"),
        ("ք", "kʻ"),
        ("ռ", "ṛ"),
        ("օ", "ō"),
        ("ը", "ě"),
        ("է", "ē"),
        ("ժ", "zh"),
        ("ղ", "gh"),
        ("ճ", "ch"),
        ("ջ", "j"),
        ("ւ", "w"),
        ("Երևան", "Erevan"),
        ("հրատարակչություն", "hratarakchʻutʻyun"),
        ("Թումանյան", "Tʻumanyan"),
    ],
)
def test_armenian_ala_lc(hy: str, latn: str) -> None:
    assert transliterate(hy, to="latn", scheme="ala-lc") == latn


# BGN/PCGN 1947 Russian.
@pytest.mark.parametrize(
    ("ru", "latn"),
    [
        ("Москва", "Moskva"),
        ("Щёлково", "Shchëlkovo"),
        ("Хрущёв", "Khrushchëv"),
        ("Юрий", "Yuriy"),
        ("Чайковский", "Chaykovskiy"),
        ("Ельцин", "Yel’tsin"),
        ("объект", "ob”yekt"),
        ("Ясная Поляна", "Yasnaya Polyana"),
        ("Эхо", "Ekho"),
    ],
)
def test_russian_bgn(ru: str, latn: str) -> None:
    assert _apostrophes(transliterate(ru, to="latn")) == latn
    assert _apostrophes(transliterate(ru, to="latn", lang="ru", scheme="bgn")) == latn


# ISO 9:1995 / GOST 7.79 system A.
@pytest.mark.parametrize(
    ("ru", "latn"),
    [
        ("щ", "ŝ"),
        ("ю", "û"),
        ("я", "â"),
        ("э", "è"),
        ("ы", "y"),
        ("й", "j"),
        ("х", "h"),
        ("ц", "c"),
        ("ч", "č"),
        ("ё", "ë"),
        ("ъ", "ʺ"),
        ("ь", "ʹ"),
        ("Чайковский", "Čajkovskij"),
        ("Хрущёв", "Hruŝëv"),
        ("Ясная Поляна", "Âsnaâ Polâna"),
        ("съезд", "sʺezd"),
        ("Ельцин", "Elʹcin"),
    ],
)
def test_russian_iso_9(ru: str, latn: str) -> None:
    assert transliterate(ru, to="latn", scheme="iso") == latn
    assert transliterate(latn, to="cyrl", lang="ru", scheme="iso") == ru


@pytest.mark.parametrize(
    ("cyrl", "latn"),
    [
        ("Азәрбајҹан Республикасы", "Azərbaycan Respublikası"),
        ("Һејдәр Әлијев", "Heydər Əliyev"),
        ("Ҝәнҹә", "Gəncə"),
        ("Нахчыван", "Naxçıvan"),
        ("Гарабағ", "Qarabağ"),
        ("Ханкәнди", "Xankəndi"),
        ("Өзбәк Үмид", "Özbək Ümid"),
    ],
)
def test_azerbaijani(cyrl: str, latn: str) -> None:
    assert transliterate(cyrl, to="latn", lang="az") == latn
    assert transliterate(latn, to="cyrl", lang="az") == cyrl


def test_azerbaijani_detected_from_its_letters() -> None:
    assert transliterate("Һејдәр Әлијев", to="latn") == "Heydər Əliyev"
    assert transliterate("İlham Əliyev", to="cyrl") == "Илһам Әлијев"
    assert transliterate("Шуша шәһәри", to="latn") == "Şuşa şəhəri"
    assert transliterate("Шуша", to="latn") == "Shusha"  # no Azerbaijani letter: Russian


@pytest.mark.parametrize(
    ("hy", "latn"),
    [
        ("Հովհաննիսյան", "Hovhannisyan"),
        ("Հարությունյան", "Harutyunyan"),
        ("Շուշի", "Shushi"),
        ("Արցախ", "Artsakh"),
        ("Երևան", "Yerevan"),
        ("Ոսկան", "Voskan"),
        ("Ուրարտու", "Urartu"),
        ("Եղիշե", "Yeghishe"),
        ("Գևորգ", "Gevorg"),
        ("Փաշինյան", "Pashinyan"),
        ("Միքայել", "Mikayel"),
        ("Ղարաբաղ", "Karabakh"),
        ("ՀՈՎՀԱՆՆԻՍՅԱՆ", "HOVHANNISYAN"),
        ("Ինչո՞ւ։", "Inchu?."),
    ],
)
def test_armenian_press(hy: str, latn: str) -> None:
    assert transliterate(hy, to="latn") == latn


@pytest.mark.parametrize(
    ("en", "hy", "ru"),
    [
        ("Hovhannisyan", "Հովհաննիսյան", "Ованнисян"),
        ("Harutyunyan", "Հարությունյան", "Арутюнян"),
        ("Yerevan", "Երևան", "Ереван"),
        ("Ohanyan", "Օհանյան", "Оганян"),
        ("Hakobyan", "Հակոբյան", "Акопян"),
        ("Shushi", "Շուշի", "Шуши"),
        ("Tsaghkadzor", "Ծաղկաձոր", "Цахкадзор"),
        ("Ter-Petrosyan", "Տեր-Պետրոսյան", "Тер-Петросян"),
        ("YEREVAN", "ԵՐԵՎԱՆ", "ЕРЕВАН"),
    ],
)
def test_press_latin_to_armenian_and_russian(en: str, hy: str, ru: str) -> None:
    assert transliterate(en, to="armn", lang="en") == hy
    assert transliterate(en, to="armn") == hy
    assert transliterate(en, to="cyrl", lang="en") == ru
    assert transliterate(en, to="cyrl") == ru


@pytest.mark.parametrize(
    ("en", "hy"),
    [("Syunik", "Սյունիք"), ("Rshtunik", "Ռշտունիք"), ("Gagik", "Գագիկ"), ("Unikum", "Ունիկում")],
)
def test_final_unik_is_the_toponymic_suffix(en: str, hy: str) -> None:
    # -ունիք ends old province names; other final -ik (Gagik, Hovik) is -իկ.
    assert transliterate(en, to="armn", lang="en") == hy


def test_armenian_to_russian_usage() -> None:
    got = transliterate("Հովհաննիսյան, Հակոբյան և Օհանյան", to="cyrl")
    assert got == "Ованнисян, Акопян ев Оганян"


def test_ascii_folding() -> None:
    assert transliterate("Երևան", to="ascii") == "Yerevan"
    assert transliterate("Щёлково, объект", to="ascii") == "Shchelkovo, obyekt"
    assert transliterate("Əliyev, Gəncə", to="ascii") == "Eliyev, Gence"
    assert transliterate("Ճանապարհ", to="ascii", scheme="ala-lc") == "Chanaparh"
    assert transliterate("Café Ŝ 😀", to="ascii") == "Cafe S 😀"


def test_mixed_scripts_each_run_its_own_transform() -> None:
    text = "Yerevan: Ереван, Երևան; Tbilisi თბილისი 2024 — 😀"
    assert transliterate(text, to="latn") == (
        "Yerevan: Yerevan, Yerevan; Tbilisi თბილისი 2024 — 😀"
    )
    assert transliterate(text, to="armn") == "Երևան: Ереван, Երևան; Թբիլիսի თბილისი 2024 — 😀"
    assert transliterate(text, to="latn", lang="hy") == (
        "Yerevan: Ереван, Yerevan; Tbilisi თბილისი 2024 — 😀"
    )
    assert transliterate(text, to="cyrl", lang="ru") == (
        "Ереван: Ереван, Երևան; Тбилиси თბილისი 2024 — 😀"
    )


def test_scheme_missing_for_a_script_leaves_that_script() -> None:
    assert transliterate("Москва Ճանապարհ", to="latn", scheme="ala-lc") == "Москва Chanaparh"
    assert uncovered("Москва Ճանապարհ", to="latn", scheme="ala-lc") == {"ru": ["bgn", "iso"]}
    assert uncovered("Москва Ճանապարհ", to="latn") == {}
    assert uncovered("Shushi Ճանապարհ", to="ascii", scheme="iso") == {}


@pytest.mark.parametrize(
    ("kwargs", "fragments"),
    [
        ({"to": "latn", "scheme": "loc"}, ["unknown scheme 'loc'", "bgn, iso, ala-lc, press"]),
        ({"to": "greek"}, ["unknown target 'greek'", "latn, armn, cyrl, ascii"]),
        ({"to": "latn", "lang": "ka"}, ["unknown source language 'ka'", "hy, ru, az, en"]),
        ({"to": "latn", "lang": "ru", "scheme": "press"}, ["from ru to latn", "bgn, iso"]),
        ({"to": "latn", "lang": "en"}, ["from en to latn", "armn, cyrl, ascii"]),
        ({"to": "armn", "scheme": "bgn"}, ["to armn", "iso, press"]),
    ],
)
def test_errors_list_the_valid_options(kwargs: dict, fragments: list[str]) -> None:
    with pytest.raises(TranslitError) as info:
        transliterate("Երևան", **kwargs)
    assert isinstance(info.value, ValueError)
    for fragment in fragments:
        assert fragment in str(info.value)


def test_list_schemes() -> None:
    schemes = list_schemes()
    assert all(isinstance(s, SchemeInfo) for s in schemes)
    found = {(s.lang, s.to, s.scheme) for s in schemes}
    for wanted in [
        ("hy", "latn", "bgn"),
        ("hy", "latn", "iso"),
        ("hy", "latn", "ala-lc"),
        ("hy", "latn", "press"),
        ("ru", "latn", "bgn"),
        ("ru", "latn", "iso"),
        ("az", "latn", "bgn"),
        ("az", "cyrl", "bgn"),
        ("en", "armn", "press"),
        ("en", "cyrl", "press"),
        ("en", "ascii", None),
    ]:
        assert wanted in found
    defaults = [(s.lang, s.source, s.to) for s in schemes if s.default]
    assert len(defaults) == len(set(defaults))
    assert {(s.lang, s.to, s.scheme) for s in schemes if s.default} >= {
        ("hy", "latn", "press"),
        ("ru", "latn", "bgn"),
    }


def test_no_icu_import_until_used() -> None:
    code = (
        "import sys, onoma.translit, onoma.cli.translit\n"
        "assert 'icu' not in sys.modules and 'unidecode' not in sys.modules\n"
        "onoma.translit.transliterate('Երևան', to='latn')\n"
        "assert 'icu' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_transforms_are_built_once() -> None:
    from onoma.translit import schemes

    transliterate("Երևան", to="latn")
    before = schemes._compiled.cache_info()
    transliterate("Գյումրի", to="latn")
    after = schemes._compiled.cache_info()
    assert after.misses == before.misses
    assert after.hits > before.hits


def test_azerbaijani_cyrillic_is_recognised_line_by_line() -> None:
    # One Azerbaijani name in a list leaves the Russian names of other lines Russian,
    # whether the list comes as one text or line by line.
    assert transliterate("Шәки\nШуша", to="latn") == "Şəki\nShusha"
    assert transliterate("Шәки Шуша", to="latn") == "Şəki Şuşa"
    lines = ["Шәки\n", "Шуша\n"]
    assert "".join(transliterate(line, to="latn") for line in lines) == "Şəki\nShusha\n"


@pytest.mark.parametrize(
    ("text", "to", "expected"),
    [
        ("Oskanian", "armn", "Օսկանյան"),  # diaspora -ian is -յան
        ("Oskanian", "cyrl", "Осканян"),
        ("Sisian", "armn", "Սիսիան"),  # the town keeps -իան (exceptions file)
        ("Aleksandr", "armn", "Ալեքսանդր"),  # k before s is ք
        ("Vahe", "cyrl", "Ваге"),
        ("Vahan", "cyrl", "Ваган"),
        ("Sahakyan", "cyrl", "Саакян"),  # h still silent between other vowels
        ("Maria", "cyrl", "Мария"),
        ("Artyom", "cyrl", "Артём"),
        ("Vayots", "cyrl", "Вайоц"),  # yo after a vowel keeps й
        ("Knyaz", "cyrl", "Князь"),
        ("Mushegh", "cyrl", "Мушег"),
        ("Astghik", "cyrl", "Астхик"),
        ("Danielyan", "cyrl", "Даниелян"),
        ("Mikael", "cyrl", "Микаэл"),
    ],
)
def test_press_rules_from_official_usage(text: str, to: str, expected: str) -> None:
    assert transliterate(text, to=to, lang="en") == expected


@pytest.mark.parametrize(("text", "expected"), [("Դանիելյան", "Danielyan"), ("Միքայել", "Mikayel")])
def test_armenian_ie_is_not_iye(text: str, expected: str) -> None:
    assert transliterate(text, to="latn", lang="hy") == expected
