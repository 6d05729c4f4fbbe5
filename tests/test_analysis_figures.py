"""Figures and claims: numbers, qualifiers, quantities and attributions in many languages; conflicts."""

from __future__ import annotations

import pytest

from storyline.analyse.figures import Claim, extract_claims, group_claims
from storyline.analyse.numbers import find_numbers, normalise_digits


def one(text: str, lang: str) -> Claim:
    claims = extract_claims(text, lang)
    assert len(claims) == 1, [(c.quantity, c.value) for c in claims]
    return claims[0]


@pytest.mark.parametrize(("text", "lang", "value"), [
    ("1,219 hectares", "en", 1219), ("1.2 metres", "en", 1.2), ("1.219 hectáreas", "es", 1219),
    ("2 000 morts", "fr", 2000), ("1,25 million de tonnes", "fr", 1_250_000), ("5mila persone", "it", 5000),
    ("٢٠١٢ قتيلا", "ar", 2012), ("2万人", "ja", 20000), ("三人死亡", "zh", 3), ("trois morts", "fr", 3),
])
def test_numbers_in_each_language(text, lang, value):
    nums = find_numbers(normalise_digits(text), lang)
    assert nums and nums[0].value == pytest.approx(value)


@pytest.mark.parametrize(("text", "lang", "quantity", "value", "qualifier", "who"), [
    ("At least 137 people were killed, according to the health ministry.", "en", "dead", 137, "at_least",
     "health ministry"),
    ("More than 150 people have died, a relief agency said.", "en", "dead", 150, "more_than", "relief agency"),
    ("Selon le gouvernement tongien, le tsunami a fait trois morts.", "fr", "dead", 3, "exact",
     "gouvernement tongien"),
    ("Mehr als 2.800 Menschen kamen ums Leben, teilte das Innenministerium mit.", "de", "dead", 2800,
     "more_than", "Innenministerium"),
    ("Más de 7.000 personas tuvieron que ser evacuadas, según el Cabildo.", "es", "evacuated", 7000, "more_than",
     "Cabildo"),
    ("Le autorità hanno evacuato circa 5mila persone.", "it", "evacuated", 5000, "about", None),
    ("По данным МЧС, погибли более 20 человек.", "ru", "dead", 20, "more_than", "МЧС"),
    ("Yetkililere göre depremde 50'den fazla kişi hayatını kaybetti.", "tr", "dead", 50, "more_than", "Yetkililer"),
    ("وفقا لوزارة الصحة، قتل 20 شخصا.", "ar", "dead", 20, "exact", "وزارة الصحة"),
    ("据新华社报道，地震已造成超过2000人死亡。", "zh", "dead", 2000, "more_than", "新华社"),
    ("気象庁によると、死者は少なくとも3人に上った。", "ja", "dead", 3, "at_least", "気象庁"),
    ("Według policji zginęło co najmniej 12 osób.", "pl", "dead", 12, "at_least", None),
    ("Segundo os bombeiros, cerca de 250 casas foram destruídas.", "pt", "homes", 250, "about", "bombeiros"),
])
def test_claims_in_many_languages(text, lang, quantity, value, qualifier, who):
    c = one(text, lang)
    assert (c.quantity, c.value, c.qualifier) == (quantity, value, qualifier)
    if who is not None:
        assert c.attribution == who


def test_ranges_and_vague_numbers():
    c = one("Between 10 and 20 people are missing.", "en")
    assert (c.quantity, c.qualifier, c.low, c.high) == ("missing", "range", 10, 20)
    c = one("30-40 homes were damaged.", "en")
    assert (c.quantity, c.low, c.high) == ("homes", 30, 40)
    c = one("Tausende Menschen wurden in Sicherheit gebracht.", "de")
    assert (c.quantity, c.qualifier) == ("evacuated", "at_least")


def test_ages_times_dates_and_years_are_not_figures():
    assert extract_claims("A 71-year-old man was arrested at 5:10 pm on 15 May 2024.", "en") == []
    assert extract_claims("Il a été blessé par balles mercredi 15 mai à Handlová.", "fr") == []
    assert extract_claims("The plant was hit by the 2011 tsunami.", "en") == []


def _claim(value, qualifier, who, source, date, aid):
    [c] = extract_claims(f"{qualifier} {value} people were killed.", "en") if qualifier else extract_claims(
        f"{value} people were killed.", "en")
    c.attribution, c.source, c.published, c.article_id = who, source, date, aid
    return c


def test_the_issue_conflict_example():
    a = _claim(137, "", "health ministry", "bbc.co.uk", "2023-02-07", 1)
    b = _claim(150, "more than", "relief agency", "lemonde.fr", "2023-02-09", 2)
    [g] = group_claims([a, b])
    assert g.quantity == "dead" and g.conflict
    assert g.conflict_reason == ("137 (health ministry, bbc.co.uk, 2023-02-07) vs "
                                 "more than 150 (relief agency, lemonde.fr, 2023-02-09)")
    assert g.to_dict()["claims"][0]["attribution"] == "health ministry"


@pytest.mark.parametrize(("q1", "v1", "q2", "v2", "conflict"), [
    ("at least", 100, "", 137, False),      # "at least 100" allows 137
    ("about", 140, "", 137, False),         # rounding
    ("", 137, "", 140, True),               # two exact counts
    ("more than", 150, "at least", 160, False),
    ("", 5000, "", 5100, False),            # a round number is read as +-5%
    ("less than", 100, "", 137, True),
])
def test_conflict_rules(q1, v1, q2, v2, conflict):
    a = _claim(v1, q1, None, "a.example", "2023-01-01", 1)
    b = _claim(v2, q2, None, "b.example", "2023-01-02", 2)
    assert group_claims([a, b])[0].conflict is conflict


def test_measurements_are_grouped_but_never_conflict():
    a = extract_claims("The plume rose about 20 km.", "en")[0]
    b = extract_claims("The volcano lies 65 km from the capital.", "en")[0]
    a.article_id, b.article_id = 1, 2
    [g] = group_claims([a, b])
    assert (g.quantity, g.unit, g.conflict) == ("distance", "km", False)


def test_claims_in_different_languages_group_together():
    claims = (extract_claims("137 people were killed.", "en") + extract_claims("plus de 150 morts", "fr")
              + extract_claims("超过150人死亡。", "zh"))
    for i, c in enumerate(claims):
        c.article_id, c.source = i, f"s{i}"
    groups = group_claims(claims)
    assert len(groups) == 1 and len(groups[0].claims) == 3 and groups[0].conflict
