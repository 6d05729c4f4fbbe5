"""Tests for the clean stage. All fixtures are written for these tests (no corpus text is copied)."""

from __future__ import annotations

import unicodedata
from collections import Counter

import pytest

from storyline.clean import BoilerplateCleaner, Cleaner, PassThroughCleaner, clean, normalize_text
from storyline.errors import CleanError
from storyline.model import Cleaned

# Two ordinary news paragraphs per language; boilerplate lines are inserted between them.
ARTICLES: dict[str, tuple[str, str]] = {
    "en": (
        "Firefighters battled the blaze for six hours before bringing it under control on Tuesday night, "
        "the county fire department said.",
        "Three people were taken to hospital with minor injuries, and an investigation into the cause of "
        "the fire is under way.",
    ),
    "de": (
        "Die Feuerwehr kämpfte sechs Stunden lang gegen den Brand, bevor sie ihn am Dienstagabend unter "
        "Kontrolle brachte.",
        "Drei Menschen wurden mit leichten Verletzungen ins Krankenhaus gebracht, die Ursache wird noch "
        "ermittelt.",
    ),
    "fr": (
        "Les pompiers ont lutté pendant six heures contre l'incendie avant de le maîtriser mardi soir, a "
        "indiqué la préfecture.",
        "Trois personnes ont été légèrement blessées et une enquête a été ouverte pour déterminer l'origine "
        "du feu.",
    ),
    "es": (
        "Los bomberos lucharon durante seis horas contra el incendio antes de controlarlo el martes por la "
        "noche, según la Generalitat.",
        "Tres personas fueron trasladadas al hospital con heridas leves y se ha abierto una investigación.",
    ),
    "it": (
        "I vigili del fuoco hanno lavorato per sei ore prima di domare l'incendio martedì sera, ha riferito "
        "la prefettura.",
        "Tre persone sono state portate in ospedale con ferite lievi e la procura ha aperto un'inchiesta.",
    ),
    "pt": (
        "Os bombeiros combateram o incêndio durante seis horas antes de o controlar na noite de terça-feira, "
        "segundo a Proteção Civil.",
        "Três pessoas foram levadas ao hospital com ferimentos ligeiros e foi aberta uma investigação.",
    ),
    "nl": (
        "De brandweer heeft zes uur lang tegen de brand gevochten voordat die dinsdagavond onder controle "
        "was, meldde de veiligheidsregio.",
        "Drie mensen zijn met lichte verwondingen naar het ziekenhuis gebracht en de politie onderzoekt de "
        "oorzaak.",
    ),
    "pl": (
        "Strażacy przez sześć godzin walczyli z pożarem, zanim we wtorek wieczorem opanowali sytuację, "
        "poinformowała straż pożarna.",
        "Trzy osoby z lekkimi obrażeniami trafiły do szpitala, a prokuratura wszczęła śledztwo.",
    ),
    "tr": (
        "İtfaiye ekipleri salı akşamı yangını kontrol altına almadan önce altı saat boyunca alevlerle "
        "mücadele etti.",
        "Hafif yaralanan üç kişi hastaneye kaldırıldı, yangının çıkış nedenine ilişkin soruşturma "
        "başlatıldı.",
    ),
    "ru": (
        "Пожарные шесть часов боролись с огнем, прежде чем во вторник вечером локализовали возгорание, "
        "сообщили в МЧС.",
        "Три человека с легкими травмами доставлены в больницу, причины пожара устанавливаются.",
    ),
    "uk": (
        "Рятувальники шість годин гасили пожежу, перш ніж у вівторок увечері взяли її під контроль, "
        "повідомили в ДСНС.",
        "Трьох людей із легкими травмами доправили до лікарні, причини пожежі встановлюють.",
    ),
    "ar": (
        "كافح رجال الإطفاء الحريق لمدة ست ساعات قبل السيطرة عليه مساء الثلاثاء، وفقا للدفاع المدني.",
        "ونقل ثلاثة أشخاص إلى المستشفى مصابين بجروح طفيفة، فيما فتحت السلطات تحقيقا في أسباب الحريق.",
    ),
    "fa": (
        "آتش‌نشانان شش ساعت با آتش مبارزه کردند تا سرانجام سه‌شنبه شب آن را مهار کنند، "
        "سازمان آتش‌نشانی اعلام کرد.",
        "سه نفر با جراحات سطحی به بیمارستان منتقل شدند و تحقیقات درباره علت آتش‌سوزی آغاز شده است.",
    ),
    "zh": (
        "消防员与大火搏斗了六个小时，于周二晚间将火势控制住。当地消防部门表示，火灾原因正在调查中。",
        "三人受轻伤被送往医院，目前没有人员死亡的报告。",
    ),
    "ja": (
        "消防隊は火曜日の夜に火災を鎮圧するまで、六時間にわたって消火活動を続けた。",
        "三人が軽いけがをして病院に運ばれ、警察が出火の原因を調べている。",
    ),
}

# (language, boilerplate line) pairs: each must be removed, with the article around it intact.
BOILERPLATE: list[tuple[str, str]] = [
    # sign-up / newsletter prompts
    ("en", "Sign up for our Morning Briefing newsletter to get the top stories in your inbox."),
    ("en", "Get breaking news alerts delivered to your inbox. Subscribe now"),
    ("de", 'Unser Newsletter "Am Morgen": Jetzt kostenlos abonnieren'),
    ("de", "Newsletter: Die wichtigsten Nachrichten jeden Morgen in Ihr Postfach."),
    ("fr", "Abonnez-vous à notre newsletter quotidienne"),
    ("es", "Suscríbete a nuestro boletín diario"),
    ("it", "Iscriviti alla newsletter del Giornale"),
    ("pt", "Inscreva-se na nossa newsletter"),
    ("nl", "Schrijf je in voor onze nieuwsbrief"),
    ("pl", "Zapisz się na nasz newsletter i otrzymuj najważniejsze wiadomości."),
    ("ru", "Подписывайтесь на наш канал в Telegram, чтобы первыми узнавать новости."),
    ("uk", "Підписуйтесь на наш Telegram-канал"),
    ("tr", "Haber bültenimize abone olun"),
    ("ar", "للاشتراك في النشرة البريدية اليومية اضغط هنا"),
    ("ar", "تابعونا على فيسبوك وتويتر لمزيد من الأخبار"),
    ("fa", "ما را در تلگرام دنبال کنید"),
    ("zh", "关注我们的微信公众号，获取更多新闻"),
    ("ja", "ニュースレターの購読はこちら"),
    # cookie / consent
    ("en", "We use cookies to personalise content and ads and to analyse our traffic. Accept all"),
    ("de", "Wir verwenden Cookies, um Ihnen das beste Nutzererlebnis zu bieten."),
    ("fr", "Nous utilisons des cookies pour améliorer votre expérience. Tout accepter"),
    ("pl", "Korzystamy z plików cookies, aby dopasować treści i reklamy."),
    # read more / related
    ("en", "RELATED: Crews battle second fire in the same neighborhood"),
    ("en", "Read more: Why wildfires are getting worse"),
    ("en", "► Related: Police identify the victims"),
    ("de", "Lesen Sie auch: Wie sich Brände verhindern lassen"),
    ("de", "Mehr zum Thema: Die teuersten Brände des Jahres"),
    ("fr", "Lire aussi : Les incendies en hausse dans la région"),
    ("fr", ">> À LIRE AUSSI : Le bilan de l'été"),
    ("es", "> Lee también: Así se apaga un incendio forestal"),
    ("it", "Leggi anche: Il bilancio degli incendi estivi"),
    ("pt", "Leia também: Os maiores incêndios do ano"),
    ("nl", "Lees ook: Brandweer waarschuwt voor droogte"),
    ("pl", "Czytaj też: Pożary lasów w Europie"),
    ("tr", "İlgili haber: Orman yangınları sürüyor"),
    ("ru", "Читайте также: Как тушат лесные пожары"),
    ("uk", "Читайте також: Як гасять лісові пожежі"),
    ("ar", "اقرأ أيضا: حرائق الغابات تتواصل في المنطقة"),
    ("fa", "بیشتر بخوانید: آتش‌سوزی در جنگل‌های شمال"),
    ("zh", "相关阅读：全国森林火灾形势分析"),
    ("ja", "関連記事：山火事の被害が拡大"),
    # share buttons
    ("en", "Share on Facebook Twitter WhatsApp Email"),
    ("en", "SHARE   f   t   WhatsApp   Email"),
    ("de", "Artikel teilen | Drucken | Merken"),
    ("fr", "Partager : Facebook / Twitter / WhatsApp"),
    ("es", "Comparte esta noticia"),
    ("pl", "Udostępnij: Facebook | Twitter | LinkedIn"),
    ("tr", "Bu haberi paylaşın: Facebook | Twitter | WhatsApp"),
    ("ar", "شارك الخبر: واتساب | فيسبوك | تويتر"),
    ("ru", "Поделиться"),
    # captions and credits
    ("en", "Photo: AFP"),
    ("en", "Firefighters at the scene on Tuesday. (Photo by Jane Roe/Getty Images)"),
    ("en", "Image caption Firefighters at the scene on Tuesday"),
    ("en", "The burned-out warehouse on Main Street. (Photo: Fire Department)"),
    ("en", "Buy Photo Firefighters on the roof of the warehouse."),
    ("de", "Foto: dpa"),
    ("fr", "Crédit photo : AFP"),
    ("es", "[FOTO: Los bomberos en el lugar del incendio. EFE]"),
    ("it", "Foto: Ansa"),
    ("pl", "Fot. Straż Pożarna / materiały prasowe"),
    ("ru", "Фото: ТАСС"),
    ("ar", "صورة: رجال الإطفاء في موقع الحريق (تصوير: وكالة الأنباء)"),
    ("zh", "图为消防员在现场灭火。新华社记者 王明 摄"),
    ("ja", "写真：共同通信"),
    # bylines
    ("en", "By Jane Doe"),
    ("en", "By Jane Doe and John Smith, Staff Writers"),
    ("en", "By: Breaking News Staff"),
    ("de", "Von unserem Korrespondenten"),
    ("fr", "Par notre rédaction - Lyon"),
    ("it", "di Redazione Cronaca"),
    ("es", "Por Juan Pérez"),
    ("ar", "بقلم: محرر الشؤون المحلية"),
    ("ar", "كتب: محمد أحمد"),
    ("en", "(Reporting by Jane Doe; Editing by John Smith)"),
    ("en", "The Associated Press contributed to this report."),
    # captcha and technical prompts
    ("en", "You must enter the characters with black color that stand out from the other characters"),
    ("en", "Please enable Javascript to watch this video"),
    ("en", "Advertisement"),
    ("de", "Anzeige"),
    ("fr", "Publicité"),
    ("ru", "Реклама"),
    ("pl", "REKLAMA"),
    ("en", "Skip to main content"),
    ("de", "Zum Inhalt springen"),
    ("ar", "انتقل إلى المحتوى"),
    # copyright
    (
        "en",
        "Copyright 2016 The Associated Press. All rights reserved. This material may not be published, "
        "broadcast, rewritten or redistributed.",
    ),
    ("en", "© 2023 The Daily Example. All rights reserved."),
    ("it", "© Riproduzione riservata"),
    ("de", "© dpa-infocom, Alle Rechte vorbehalten"),
    ("ar", "جميع الحقوق محفوظة © 2023"),
    ("zh", "版权所有 © 2023 东方日报"),
    # click here, tags, comments, reading time, apps
    ("en", "Click here to see more photos from the scene."),
    ("en", "Tags: fire, warehouse, Main Street"),
    ("de", "Schlagwörter: Brand, Feuerwehr"),
    ("en", "Comments (214)"),
    ("en", "Comments are closed for this article"),
    ("pl", "Komentarze (37)"),
    ("de", "Lesezeit: 3 Minuten"),
    ("ru", "Время чтения: 3 мин"),
    ("ru", "Нашли опечатку? Выделите текст и нажмите Ctrl+Enter"),
    ("en", "Download our free app for iPhone and Android."),
    ("en", "Read or Share this story: http://example.com/abc123"),
    ("en", "Stay with Channel 5 for updates on this developing story."),
    ("en", "Check back for updates."),
    ("en", "jdoe@example-news.com"),
    ("en", "Contact Jane Doe: jdoe@example-news.com or 555-123-4567."),
    ("en", "Twitter: @janedoe"),
    ("en", "2:21 Fire crews battle warehouse blaze"),
    ("en", "Our journalism relies on readers like you. Support the Example from just £1."),
    # more languages, same categories
    ("zh", "责任编辑：张三"),
    ("zh", "（新华社记者 王明 摄）"),
    ("zh", "记者 张三"),
    ("zh", "广告"),
    ("zh", "标签：火灾 消防"),
    ("zh", "分享到：微信 微博"),
    ("ja", "（写真：共同）"),
    ("ja", "無断転載を禁じます"),
    ("ja", "広告"),
    ("pt", "Foto: Reuters"),
    ("pt", "Compartilhe"),
    ("pt", "Publicidade"),
    ("pt", "Todos os direitos reservados."),
    ("pt", "Por Maria Silva"),
    ("pt", "Deixe seu comentário"),
    ("nl", "Foto: ANP"),
    ("nl", "Deel dit artikel"),
    ("nl", "Advertentie"),
    ("nl", "Alle rechten voorbehouden."),
    ("nl", "Door Jan de Vries"),
    ("nl", "Reacties (5)"),
    ("tr", "Fotoğraf: AA"),
    ("tr", "Reklam"),
    ("tr", "Tüm hakları saklıdır."),
    ("tr", "Yorumlar (12)"),
    ("tr", "Haber Merkezi | 24.03.2021 11:42"),
    ("uk", "Фото: Укрінформ"),
    ("uk", "Поділитися"),
    ("uk", "Усі права захищені"),
    ("fa", "عکس: ایرنا"),
    ("fa", "تبلیغات"),
    ("fa", "اشتراک\u200cگذاری"),
    ("fa", "تمامی حقوق این سایت محفوظ است"),
    ("ru", "© 2023 Все права защищены"),
    ("ru", "Автор: Иван Петров"),
    ("ru", "Теги: пожар, МЧС"),
    ("ru", "Нажмите здесь, чтобы посмотреть видео."),
    ("pl", "Autor: Jan Kowalski"),
    ("fr", "Mots-clés : incendie, pompiers"),
    ("fr", "Cliquez ici pour voir la vidéo."),
    ("fr", "Cet article est réservé aux abonnés"),
    ("fr", "Laisser un commentaire"),
    ("de", "Klicken Sie hier, um das Video zu sehen."),
    ("es", "Haz clic aquí para ver el vídeo."),
    ("es", "Etiquetas: incendio, bomberos"),
    ("es", "Tiempo de lectura: 4 min"),
    ("es", "Deja tu comentario"),
    ("it", "Tempo di lettura: 3 minuti"),
    ("it", "Lascia un commento"),
    ("ar", "اضغط هنا لمشاهدة الفيديو"),
    ("ar", "الكلمات الدالة: حريق، دفاع مدني"),
]

# Sentences that mention a trigger word in reporting: they must stay.
KEEP: list[tuple[str, str]] = [
    ("en", "The company said it would share the data with regulators in the coming weeks."),
    ("en", "He posted a photo on Twitter showing the burned-out car outside his home."),
    ("en", "The photo, taken by a neighbour, shows flames rising above the roof."),
    ("en", "Readers of the church newsletter raised $5,000 for the family within two days."),
    ("en", "The newsletter, which has 10,000 subscribers, first reported the dispute, officials said."),
    ("en", "Police read the suspect his rights before taking him to the station."),
    ("en", "Shares of the insurer fell 5 percent after the fire, and analysts expect further losses."),
    ("en", "By Tuesday evening, firefighters had pulled 40 people from the building."),
    ("en", "More than 150 residents were evacuated from nearby homes overnight."),
    ("en", "Video footage shared on social media showed thick smoke over the district."),
    ("en", "Copyright lawsuits against the platform have multiplied since 2019, its lawyers said."),
    ("en", "The app lets users download offline maps of the evacuation zone, the county said."),
    ("en", "The mayor wrote on Twitter that the shelter would stay open all week."),
    ("en", "Anyone with information is asked to call Crime Stoppers at 713-222-8477."),
    ("en", "Contact tracing teams were sent to the shelter on Wednesday."),
    ("en", "Advertisement revenue at the local paper fell by a third last year."),
    ("en", "Photos from the scene show the roof had collapsed into the main hall."),
    ("en", "Sign language interpreters joined the governor at the evening briefing."),
    ("en", "Comments by the fire chief drew criticism from residents."),
    ("en", "Follow-up inspections are planned for all buildings on the street."),
    ("en", "Related charges were filed against the building's owner on Friday."),
    ("en", "Join us in prayer, the pastor told mourners."),
    ("en", '"Sign up to volunteer at the shelter," the mayor urged residents on Sunday.'),
    ("en", "Sign-up sheets for volunteers were posted at the church."),
    ("en", "Stay with relatives if you can, officials advised evacuees."),
    ("en", "Follow the river road north to reach the shelter, police advised."),
    ("en", "Like us, many residents lost everything in the fire."),
    ("en", "Updated figures released on Friday show 40 homes were destroyed."),
    ("en", "Sources said the suspect fled the scene in a grey pickup truck."),
    ("en", "Credit card records helped investigators trace the suspect."),
    ("en", "Tips can be sent to tips@countypolice.example, police said."),
    ("en", "WASHINGTON (AP) — The Senate voted on Tuesday to release emergency funds."),
    ("en", "What happened next"),
    ("en", "Watch manufacturers in the town lost their main warehouse."),
    ("en", "Email records show the inspector had warned the owner twice."),
    ("nl", "Door de hevige regen liep de kelder van het gebouw onder water."),
    ("ar", "شاهد عيان قال إن النيران امتدت بسرعة إلى المباني المجاورة."),
    ("ar", "كتب الرئيس رسالة إلى البرلمان يطلب فيها تمويلا عاجلا."),
    ("zh", "记者从当地警方获悉，起火原因仍在调查中。"),
    ("zh", "据悉，来源于附近工厂的浓烟已经散去。"),
    ("ru", "Читатели газеты собрали деньги для пострадавших семей."),
    ("de", "Die Firma teilte mit, sie werde die Daten mit den Behörden teilen."),
    ("de", "Von den 200 Bewohnern wurden zwölf leicht verletzt."),
    ("fr", "Il a publié une photo sur Twitter montrant l'ampleur des dégâts."),
    ("fr", "Par ailleurs, le ministre a annoncé une aide d'urgence pour les sinistrés."),
    ("es", "El ministro dijo que compartirá la información con la prensa el lunes."),
    ("es", "Por la tarde, los bomberos dieron por controlado el incendio."),
    ("it", "Di fronte alla scuola si sono radunati centinaia di genitori preoccupati."),
    ("ru", "Он опубликовал фото в Telegram, на котором видны разрушения."),
    ("ar", "ونشر صورة على تويتر تظهر حجم الدمار في الحي."),
    ("ar", "وقال الوزير إن الحكومة ستشارك البيانات مع المنظمات الدولية."),
    ("zh", "他在微博上发布了一张照片，显示了受损的房屋。"),
    ("tr", "Bakan, fotoğrafı sosyal medya hesabından paylaştı."),
    ("pl", "Minister udostępnił nagranie z akcji gaśniczej w mediach społecznościowych, podał resort."),
]


def _article(lang: str, middle: str) -> str:
    a, b = ARTICLES[lang]
    return f"{a}\n\n{middle}\n\n{b}\n"


def _norm(s: str) -> str:
    return " ".join(unicodedata.normalize("NFC", s).split())


@pytest.mark.parametrize(("lang", "line"), BOILERPLATE)
def test_boilerplate_line_is_removed(lang: str, line: str) -> None:
    out = clean(_article(lang, line), lang)
    a, b = ARTICLES[lang]
    assert out.body == f"{a}\n\n{b}", f"{line!r} not removed cleanly"
    assert out.removed, "the removed material is reported"


@pytest.mark.parametrize(("lang", "sentence"), KEEP)
def test_reporting_sentence_is_kept(lang: str, sentence: str) -> None:
    out = clean(_article(lang, sentence), lang)
    a, b = ARTICLES[lang]
    assert out.body == f"{a}\n\n{sentence}\n\n{b}"
    assert out.removed == []


@pytest.mark.parametrize("lang", sorted(ARTICLES))
def test_plain_articles_pass_unchanged(lang: str) -> None:
    a, b = ARTICLES[lang]
    out = clean(f"{a}\n{b}", lang)
    assert out == Cleaned(body=f"{a}\n\n{b}", quoted=[], removed=[])


@pytest.mark.parametrize("sentence", [s for _, s in KEEP])
def test_reporting_sentence_kept_as_whole_paragraph(sentence: str) -> None:
    assert clean(sentence).body == sentence


# -- embedded posts ---------------------------------------------------------------------------------


def test_tweet_with_signature_goes_to_quoted() -> None:
    tweet = (
        "Crews are still on scene at the warehouse on Main St. Avoid the area. pic.twitter.com/AbC123xyz "
        "— County Fire (@CountyFireDept) March 3, 2021"
    )
    out = clean(_article("en", tweet))
    assert out.quoted == [tweet]
    assert "pic.twitter.com" not in out.body
    assert "Crews are still on scene" not in out.body
    assert tweet not in out.removed


def test_signature_only_line_goes_to_quoted() -> None:
    line = "— Jane Reporter (@janereports) June 5, 2019"
    out = clean(_article("en", line))
    assert out.quoted == [line]


def test_indented_post_block_goes_to_quoted() -> None:
    text = (
        ARTICLES["es"][0]
        + "\n\n    @vecina_del_barrio · 4 ago. 2020\n"
        + "    Todos los cristales del edificio han reventado. Estamos bien pero hay muchos heridos\n\n"
        + ARTICLES["es"][1]
    )
    out = clean(text, "es")
    assert out.body == "\n\n".join(ARTICLES["es"])
    assert out.quoted == [
        "@vecina_del_barrio · 4 ago. 2020\n"
        "Todos los cristales del edificio han reventado. Estamos bien pero hay muchos heridos"
    ]


def test_tweet_header_with_label_goes_to_quoted() -> None:
    text = (
        ARTICLES["en"][0]
        + "\n\n    Tweet from @rescue_team - 11 Sep 2023\n"
        + "    Proud of the crews working through the night.\n\n"
        + ARTICLES["en"][1]
    )
    out = clean(text)
    assert out.body == "\n\n".join(ARTICLES["en"])
    assert len(out.quoted) == 1 and out.quoted[0].startswith("Tweet from @rescue_team")


def test_instagram_embed_goes_to_quoted() -> None:
    line = "A post shared by Example Fire Dept (@examplefire) on Mar 3, 2021 at 5:02pm PST"
    out = clean(_article("en", line))
    assert out.quoted == [line]


def test_keep_quoted_false_removes_posts() -> None:
    tweet = "Fire under control. — County Fire (@CountyFireDept) March 3, 2021"
    out = BoilerplateCleaner(keep_quoted=False).clean(_article("en", tweet))
    assert out.quoted == [] and tweet in out.removed


def test_prose_about_a_tweet_is_not_quoted() -> None:
    line = "In a post on X, @CountyFireDept said crews would remain at the warehouse overnight."
    out = clean(_article("en", line))
    assert line in out.body and out.quoted == []


# -- related-link lists, headers, menus --------------------------------------------------------------


def test_related_heading_and_its_list_are_removed() -> None:
    text = (
        f"{ARTICLES['es'][0]}\n\nMÁS INFORMACIÓN\n- ¿Por qué arden los bosques?\n- El verano más seco\n\n"
        f"{ARTICLES['es'][1]}"
    )
    out = clean(text, "es")
    assert out.body == "\n\n".join(ARTICLES["es"])
    assert "- El verano más seco" in out.removed


def test_related_list_stops_at_a_real_paragraph() -> None:
    text = (
        "RELATED COVERAGE\nCrews battle second fire nearby\nMayor visits the burned warehouse\n"
        f"{ARTICLES['en'][0]}\n{ARTICLES['en'][1]}"
    )
    assert clean(text).body == "\n\n".join(ARTICLES["en"])


def test_header_meta_rows_removed_headline_kept() -> None:
    headline = "Warehouse fire brought under control after six hours"
    text = f"{headline}\nThe Example Times | Local | 3 min read\n\n" + "\n\n".join(ARTICLES["en"])
    out = clean(text)
    assert out.body == "\n\n".join([headline, *ARTICLES["en"]])


def test_outlet_section_line_at_top_removed() -> None:
    text = "Hatay Gazetesi - Yerel Haberler\n\n" + "\n\n".join(ARTICLES["tr"])
    assert clean(text, "tr").body == "\n\n".join(ARTICLES["tr"])


def test_navigation_menu_run_removed_but_name_list_kept() -> None:
    menu = "Home\nWorld\nBusiness\nPolitics\nSport\nOpinion"
    names = "The victims were:\nJohn Smith\nMaria Lopez\nAhmed Hassan\nLi Wei"
    out = clean(f"{menu}\n\n{ARTICLES['en'][0]}\n\n{names}\n\n{ARTICLES['en'][1]}")
    assert "Business" not in out.body
    for name in ("John Smith", "Maria Lopez", "Ahmed Hassan", "Li Wei"):
        assert name in out.body


# -- sentence-level removal ----------------------------------------------------------------------------


def test_trailing_call_to_action_sentences_removed_from_paragraph() -> None:
    para = ARTICLES["en"][1] + " This is a developing story. Check back for updates."
    out = clean(f"{ARTICLES['en'][0]}\n\n{para}")
    assert out.body == "\n\n".join(ARTICLES["en"])
    assert "Check back for updates." in out.removed


def test_click_here_sentence_removed_inside_paragraph() -> None:
    para = "A fund has been set up for the family. Click here to donate. The funeral is on Saturday."
    out = clean(para)
    assert out.body == "A fund has been set up for the family. The funeral is on Saturday."


def test_leading_prompt_sentence_removed_when_paragraph_reports() -> None:
    para = "Click here to watch the briefing. The chief said crews had the fire under control by 9 p.m."
    assert clean(para).body == "The chief said crews had the fire under control by 9 p.m."


def test_soft_rule_in_multi_sentence_paragraph_keeps_the_news() -> None:
    para = (
        "No arrests have been made. Sign up for our email newsletters to get breaking news right in your "
        "inbox."
    )
    assert clean(para).body == "No arrests have been made."


def test_leftover_after_sentence_removal_is_checked_again() -> None:
    line = "We use cookies to improve your experience and analyse traffic. Accept all"
    out = clean(_article("en", line))
    assert out.body == "\n\n".join(ARTICLES["en"])


def test_trailing_photo_credit_stripped_from_long_paragraph() -> None:
    long_para = " ".join([ARTICLES["en"][0]] * 4) + " (Photo: County Fire Department)"
    out = clean(long_para)
    assert out.body == " ".join([ARTICLES["en"][0]] * 4)


def test_link_hover_residue_stripped() -> None:
    para = "The full report (opens in a new window) was published by the county on Friday."
    assert clean(para).body == "The full report was published by the county on Friday."


# -- normalisation, dedupe, paragraphs -----------------------------------------------------------------


def test_unicode_nfc_and_zero_width_characters() -> None:
    text = "Cafe\u0301 owner\u200b says the \ufeffblaze started\u00a0at 2\u00a0a.m.\u00ad"
    assert clean(text).body == "Café owner says the blaze started at 2 a.m."


def test_persian_zwnj_inside_words_is_kept() -> None:
    word = "آتش\u200cنشانان"
    assert word in clean(ARTICLES["fa"][0], "fa").body
    assert clean("\u200c" + word + "\u200c", "fa").body == word


def test_whitespace_and_paragraphs_normalised() -> None:
    text = "  First   paragraph\tof the story.  \r\n\r\n\r\n\n  Second paragraph.\r\nThird line.  "
    assert clean(text).body == "First paragraph of the story.\n\nSecond paragraph.\n\nThird line."


def test_repeated_paragraph_is_deduplicated() -> None:
    headline = "Warehouse fire brought under control"
    text = f"{headline}\n\n{headline}\n\n{ARTICLES['en'][0]}\n\n{ARTICLES['en'][0]}\n\n{ARTICLES['en'][1]}"
    out = clean(text)
    assert out.body == "\n\n".join([headline, *ARTICLES["en"]])
    assert out.removed == [headline, ARTICLES["en"][0]]


def test_dedupe_can_be_switched_off() -> None:
    text = f"{ARTICLES['en'][0]}\n\n{ARTICLES['en'][0]}"
    assert BoilerplateCleaner(dedupe=False).clean(text).body == f"{ARTICLES['en'][0]}\n\n{ARTICLES['en'][0]}"


def test_hard_wrapped_block_is_joined() -> None:
    text = (
        "Firefighters battled the blaze for six hours before bringing it\n"
        "under control on Tuesday night, the county fire department said\n"
        "in a statement released early on Wednesday morning to reporters.\n\n"
        "Three people were hurt."
    )
    out = clean(text)
    assert out.body.split("\n\n")[0].startswith(
        "Firefighters battled the blaze for six hours before bringing it under"
    )
    assert out.body.endswith("\n\nThree people were hurt.")


def test_short_lines_are_not_joined() -> None:
    text = "Warehouse fire under control\nBy Jane Doe\n" + ARTICLES["en"][0]
    assert clean(text).body == f"Warehouse fire under control\n\n{ARTICLES['en'][0]}"


def test_separator_lines_removed() -> None:
    text = f"{ARTICLES['en'][0]}\n\n* * *\n\n---\n\n{ARTICLES['en'][1]}"
    assert clean(text).body == "\n\n".join(ARTICLES["en"])


def test_nothing_is_dropped_silently() -> None:
    lines = [line for _, line in BOILERPLATE] + [s for _, s in KEEP]
    text = "\n".join([ARTICLES["en"][0], *lines, ARTICLES["en"][1]])
    out = clean(text)
    words_in = Counter(normalize_text(text).split())
    words_out = Counter(" ".join([out.body, *out.removed, *out.quoted]).split())
    assert words_in == words_out


# -- API -----------------------------------------------------------------------------------------------


def test_stages_satisfy_the_protocol() -> None:
    assert isinstance(BoilerplateCleaner(), Cleaner)
    assert isinstance(PassThroughCleaner(), Cleaner)


def test_passthrough_keeps_everything() -> None:
    text = "Photo: AFP\r\n\r\nSign up for our newsletter!\nCafe\u0301   au lait\u200b"
    out = PassThroughCleaner().clean(text, "en")
    assert out == Cleaned(body="Photo: AFP\n\nSign up for our newsletter!\n\nCafé au lait")


def test_empty_and_blank_text() -> None:
    assert clean("") == Cleaned(body="")
    assert clean(" \n\t\n ") == Cleaned(body="")
    assert PassThroughCleaner().clean("") == Cleaned(body="")


def test_non_string_input_raises_clean_error() -> None:
    with pytest.raises(CleanError):
        clean(None)  # type: ignore[arg-type]
    with pytest.raises(CleanError):
        PassThroughCleaner().clean(b"bytes")  # type: ignore[arg-type]


def test_extra_patterns() -> None:
    cleaner = BoilerplateCleaner(extra_patterns=[r"example times weekend edition"])
    out = cleaner.clean(_article("en", "The Example Times Weekend Edition"))
    assert out.body == "\n\n".join(ARTICLES["en"])


def test_explain_names_the_rule() -> None:
    trace = BoilerplateCleaner().explain(_article("en", "Photo: AFP"))
    assert ("caption", "Photo: AFP") in trace
    assert trace[0] == ("keep", ARTICLES["en"][0])


def test_language_is_only_a_hint() -> None:
    text = _article("fr", "Read more: Why wildfires are getting worse")
    assert clean(text, "fr").body == clean(text, None).body == clean(text, "de").body


def test_normalize_text_keeps_indentation() -> None:
    assert normalize_text("    @handle · 9 sept.\r\n") == "    @handle · 9 sept.\n"


def test_extracted_html_text_keeps_repeats_urls_and_table_rows() -> None:
    """Text trafilatura took out of a page (fmt="html") is page content: repeated questions, written-out
    links and table rows stay; the same text as a raw scrape (default) loses them."""
    question = "What made you start cooking for an audience in the first place?"
    rows = ["| Pos | Driver | Points |", "| 1 | Kyle Busch | 5040 |", "| 2 | Martin Truex Jr. | 5035 |"]
    text = "\n\n".join(
        [ARTICLES["en"][0], question, "First answer.", question, "Second answer.", "http://amzn.to/2iJFhRj",
         "\n".join(rows), ARTICLES["en"][1]]
    )
    extracted = clean(text, "en", fmt="html")
    assert extracted.body.count(question) == 2
    assert "http://amzn.to/2iJFhRj" in extracted.body
    assert all(row in extracted.body.split("\n\n") for row in rows)
    scraped = clean(text, "en")
    assert scraped.body.count(question) == 1
    assert "http://amzn.to/2iJFhRj" not in scraped.body
    assert rows[0] not in scraped.body  # an "a | b | c" row of short cells is a meta row in a scrape


def test_extracted_html_text_still_loses_in_article_boilerplate() -> None:
    lines = ["Sign up for our newsletter to get the latest news.", "Photo: AFP", "Read more: Why wildfires spread"]
    out = clean(_article("en", "\n\n".join(lines)), "en", fmt="html")
    assert out.body == "\n\n".join(ARTICLES["en"])
    assert set(lines) <= set(out.removed)


def test_extracted_formats_are_configurable() -> None:
    text = f"{ARTICLES['en'][0]}\n\n{ARTICLES['en'][0]}"
    assert BoilerplateCleaner(extracted_formats=()).clean(text, fmt="html").body == ARTICLES["en"][0]
    assert BoilerplateCleaner(extracted_formats=("warc",)).clean(text, fmt="warc").body == text
