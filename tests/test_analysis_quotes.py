"""Direct quotes and speakers in many languages; linking a speaker to an entity."""

from __future__ import annotations

import pytest

from storyline.analyse.entities import Entity
from storyline.analyse.quotes import extract_quotes, link_speakers


@pytest.mark.parametrize(("text", "lang", "quote", "speaker"), [
    ('"We did this without weapons," said a student who had camped at the site since April.', "en",
     "We did this without weapons", "student"),
    ('A visibly thinner Fico, speaking from his home, said: "I feel no hatred towards the man who shot me."',
     "en", "I feel no hatred towards the man who shot me.", "visibly thinner Fico"),
    ("« Le traitement de cette eau est un problème inévitable », a déclaré le Premier ministre, Yoshihide Suga, "
     "lors d'une réunion.", "fr", "Le traitement de cette eau est un problème inévitable",
     "Premier ministre, Yoshihide Suga"),
    ("„Das ist ein politisches Attentat“, sagte Innenminister Matúš Šutaj Eštok am Abend.", "de",
     "Das ist ein politisches Attentat", "Innenminister Matúš Šutaj Eštok"),
    ('"Es un día muy triste para La Palma", dijo el presidente canario, Ángel Víctor Torres.', "es",
     "Es un día muy triste para La Palma", "presidente canario, Ángel Víctor Torres"),
    ("«Это политическое убийство», — заявил министр внутренних дел Шутай Эшток.", "ru",
     "Это политическое убийство", "министр внутренних дел Шутай Эшток"),
    ("وقال محمد أوحمو، أحد سكان القرية: «لم يبق لنا شيء، ننام في العراء منذ ليلة الجمعة».", "ar",
     "لم يبق لنا شيء، ننام في العراء منذ ليلة الجمعة", "محمد أوحمو"),
    ("菅首相は「処理水の処分は避けて通れない課題だ」と述べた。", "ja", "処理水の処分は避けて通れない課題だ", "菅首相"),
    ("中国外交部发言人汪文斌表示：“日方此举极其不负责任，严重损害国际公共利益。”", "zh",
     "日方此举极其不负责任，严重损害国际公共利益。", "中国外交部发言人汪文斌"),
])
def test_quote_and_speaker(text, lang, quote, speaker):
    [q] = extract_quotes(text, lang)
    assert (q.text, q.speaker) == (quote, speaker)


def test_scare_quotes_and_titles_are_not_quotes():
    assert extract_quotes('Crowds cheered at the heart of the "Gota Go Home" movement.', "en") == []
    assert extract_quotes("フンガ・トンガ＝フンガ・ハアパイ「火山」の噴火", "ja") == []


def test_a_speaker_without_a_name_or_role_is_left_out():
    [q] = extract_quotes('"It is only a messenger of evil and political hatred in this country," he said.', "en")
    assert q.speaker is None


def test_speaker_linked_to_entity():
    [q] = extract_quotes("« Le traitement de cette eau est inévitable pour nous tous », a déclaré le Premier "
                         "ministre, Yoshihide Suga.", "fr")
    suga = Entity(id="per:yoshihide-suga", name="Yoshihide Suga", type="person",
                  aliases=["Yoshihide Suga", "Suga", "菅義偉"])
    japan = Entity(id="cc:JP", name="Japan", type="place", aliases=["Japon"])
    link_speakers([q], [japan, suga])
    assert (q.speaker, q.speaker_entity_id) == ("Yoshihide Suga", "per:yoshihide-suga")
