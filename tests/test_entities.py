"""Entity mentions and cross-lingual linking (storyline.analyse.entities)."""

from __future__ import annotations

import pytest

from storyline.analyse.entities import ArticleText, Entity, extract_mentions, link_entities
from storyline.analyse.translit import skeleton, skeletons_match


def _by_alias(entities: list[Entity], alias: str) -> Entity:
    hits = [e for e in entities if alias in e.aliases]
    assert len(hits) == 1, (alias, [(e.id, e.aliases) for e in entities])
    return hits[0]


@pytest.fixture(scope="module")
def macron_event() -> list[Entity]:
    return link_entities(
        [
            ArticleText(1, "French President Emmanuel Macron arrived in Geneva on Tuesday. "
                           "President Macron met UN Secretary-General Antonio Guterres.", "en"),
            ArticleText(2, "Le président Emmanuel Macron est arrivé mardi à Genève. M. Macron a rencontré "
                           "le secrétaire général de l'ONU.", "fr"),
            ArticleText(3, "Der französische Präsident Emmanuel Macron ist in Genf eingetroffen.", "de"),
            ArticleText(4, "وصل الرئيس الفرنسي إيمانويل ماكرون إلى جنيف يوم الثلاثاء. والتقى ماكرون "
                           "بالأمين العام للأمم المتحدة.", "ar"),
            ArticleText(5, "Президент Франции Эмманюэль Макрон прибыл в Женеву. Макрон встретился с "
                           "генсеком ООН Антониу Гутеррешем.", "ru"),
            ArticleText(6, "法国总统马克龙周二会见了联合国秘书长古特雷斯。", "zh"),
        ]
    )


def test_macron_is_one_person_across_spellings_and_scripts(macron_event: list[Entity]) -> None:
    macron = _by_alias(macron_event, "Emmanuel Macron")
    assert macron.id == "per:emmanuel-macron" and macron.type == "person" and macron.name == "Emmanuel Macron"
    for form in ("Macron", "Эмманюэль Макрон", "Макрон", "ماكرون", "马克龙"):
        assert form in macron.aliases
    assert macron.article_ids == [1, 2, 3, 4, 5, 6]
    assert set(macron.languages) == {"en", "fr", "de", "ar", "ru", "zh"}
    assert macron_event[0] is macron  # most mentioned first


def test_geneva_is_one_place_with_geonames_id(macron_event: list[Entity]) -> None:
    geneva = _by_alias(macron_event, "Geneva")
    assert {"Genève", "Genf", "Женеву", "جنيف"} <= set(geneva.aliases)
    assert (geneva.id, geneva.country, geneva.geonames_id, geneva.type) == ("geo:2660646", "CH", 2660646, "place")
    france = [e for e in macron_event if e.id == "cc:FR"]
    assert france and france[0].country == "FR" and france[0].geonames_id is None


def test_organisation_and_russian_names(macron_event: list[Entity]) -> None:
    un = _by_alias(macron_event, "ООН")
    assert un.id == "org:united-nations" and un.type == "organisation"
    assert {"UN", "ONU", "للأمم المتحدة", "联合国"} <= set(un.aliases)
    guterres = _by_alias(macron_event, "Antonio Guterres")
    assert "Антониу Гутеррешем" in guterres.aliases and "古特雷斯" in guterres.aliases
    assert guterres.to_dict()["id"] == "per:antonio-guterres"


def test_mentions_have_offsets_and_types() -> None:
    text = "The Ministry of Health said Prime Minister Rishi Sunak visited Kyiv. Sunak met NATO officials."
    mentions = extract_mentions(text, "en")
    got = {(m.text, m.type) for m in mentions}
    assert ("Ministry of Health", "organisation") in got
    assert ("Rishi Sunak", "person") in got and ("Sunak", "person") in got
    assert ("Kyiv", "place") in got and ("NATO", "organisation") in got
    for m in mentions:
        assert text[m.start : m.end] == m.text


def test_sentence_initial_common_words_are_not_entities() -> None:
    text = "Rescuers found two survivors. Officials said the Police had arrived. However, nobody knew."
    assert [m.text for m in extract_mentions(text, "en")] == []


def test_russian_ner_and_lowercase_titles() -> None:
    mentions = extract_mentions("Министерство иностранных дел России заявило, что глава МИД Сергей Лавров "
                                "прибыл в Женеву.", "ru")
    got = {(m.text, m.type) for m in mentions}
    assert ("Сергей Лавров", "person") in got
    assert ("Женеву", "place") in got
    assert any(t == "organisation" and s.startswith("Министерство") for s, t in got)


def test_ids_are_deterministic_and_different_people_stay_apart() -> None:
    arts = [
        ArticleText(1, "Olaf Scholz met Donald Tusk in Warsaw. Tusk said Scholz was welcome.", "en"),
        ArticleText(2, "Kanzler Olaf Scholz traf Donald Tusk in Warschau.", "de"),
    ]
    first = [e.to_dict() for e in link_entities(arts)]
    assert first == [e.to_dict() for e in link_entities(list(reversed(arts)))] or {
        e["id"] for e in first
    } == {e.id for e in link_entities(list(reversed(arts)))}
    ids = {e["id"] for e in first}
    assert {"per:olaf-scholz", "per:donald-tusk", "geo:756135"} <= ids


def test_skeletons_match_across_scripts() -> None:
    assert skeleton("Macron") == skeleton("Макрон") == skeleton("ماكرون") == skeleton("马克龙")
    assert skeletons_match(skeleton("Guterres"), skeleton("غوتيريش"))
    assert not skeletons_match(skeleton("Macron"), skeleton("Merkel"))


def test_empty_input() -> None:
    assert extract_mentions("", "en") == []
    assert link_entities([]) == []
