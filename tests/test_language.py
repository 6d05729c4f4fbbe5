import pytest

from storyline.enrich.language import FastTextDetector, FixedLanguage, normalise_code

SAMPLES = {
    "en": "The government said on Tuesday that the talks would resume next week in Geneva.",
    "ar": "قالت الحكومة يوم الثلاثاء إن المحادثات ستستأنف الأسبوع المقبل في جنيف.",
    "fr": "Le gouvernement a déclaré mardi que les négociations reprendraient la semaine prochaine à Genève.",
    "de": "Die Regierung teilte am Dienstag mit, die Gespräche würden nächste Woche in Genf fortgesetzt.",
    "es": "El gobierno dijo el martes que las conversaciones se reanudarán la próxima semana en Ginebra.",
    "ru": "Правительство заявило во вторник, что переговоры возобновятся на следующей неделе в Женеве.",
    "zh": "政府周二表示，谈判将于下周在日内瓦恢复。",
    "tr": "Hükümet salı günü yaptığı açıklamada görüşmelerin gelecek hafta Cenevre'de yeniden başlayacağını söyledi.",
    "pl": "Rząd poinformował we wtorek, że rozmowy zostaną wznowione w przyszłym tygodniu w Genewie.",
    "it": "Il governo ha dichiarato martedì che i colloqui riprenderanno la prossima settimana a Ginevra.",
    "pt": "O governo afirmou na terça-feira que as negociações serão retomadas na próxima semana em Genebra.",
    "ja": "政府は火曜日、協議を来週ジュネーブで再開すると発表した。",
    "uk": "Уряд заявив у вівторок, що переговори відновляться наступного тижня в Женеві.",
    "fa": "دولت روز سه‌شنبه اعلام کرد که مذاکرات هفته آینده در ژنو از سر گرفته می‌شود.",
    "nl": "De regering zei dinsdag dat de gesprekken volgende week in Genève worden hervat.",
}


@pytest.mark.parametrize("lang", sorted(SAMPLES))
def test_detects_the_fifteen_required_languages(lang):
    code, score = FastTextDetector().detect(SAMPLES[lang])
    assert code == lang and score > 0.5


def test_no_letters_is_undetermined_and_pass_through_is_fixed():
    assert FastTextDetector().detect("12:30 — 2023-09-10 / +++") == ("und", 0.0)
    assert FixedLanguage("de").detect("anything") == ("de", 1.0)


def test_codes_are_normalised():
    assert normalise_code("EN") == "en"
    assert normalise_code("pt-BR") == "pt"
    assert normalise_code("zh_Hans") == "zh"
    assert normalise_code("") is None and normalise_code("12") is None
