"""The clean stage: turn a scraped article text into a clean body without boilerplate.

News scrapes carry much that is not the article: sign-up prompts, cookie banners, "Read more" lines,
share buttons, photo captions and credits, bylines, captcha prompts, copyright lines, comment prompts,
lists of related headlines. :class:`BoilerplateCleaner` removes them with precompiled multilingual rules
applied per line (each line of a scrape is a paragraph) and, inside kept paragraphs, per sentence.
Embedded social-media posts (tweets and the like) go to ``Cleaned.quoted``: they are quoted material,
not the outlet's own text, but they can carry facts.

The rules aim at precision: nearly every rule is anchored at the start of a line or sentence and needs
the line to be short, and the keyword rules are vetoed by reporting verbs ("said", "sagte", "selon",
...), so that a sentence that merely mentions Twitter, a photo, a newsletter or sharing data is kept.
The stage is swappable: any object with a ``clean(text, language, *, fmt)`` method returning
:class:`~storyline.model.Cleaned` is a :class:`Cleaner`.

The cleaner knows the input format (``fmt``, the ``RawDocument.format`` the text came from). Raw text
scrapes (``txt``, ``md``, JSON, CSV, feeds) get every rule. Text that trafilatura already extracted from
an HTML page (``html``) gets a lighter cleaning: the page's chrome (menus, share bars, related lists) was
left out by the extractor on markup evidence, so what remains is the content of the article element,
where a repeated paragraph is the page's own (recipe steps, the same question to each interviewee), a
bare URL line is a link the author wrote, and a ``| cell | cell |`` line is a row of one of its tables.
There, repeated paragraphs are kept, bare URL lines are kept and table rows pass untouched; the rules for
boilerplate that does sit inside article markup (sign-up prompts, captions, credits, bylines, copyright,
embedded posts, "Read more" lines) still apply.
"""

from __future__ import annotations

import functools
import logging
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from storyline.errors import CleanError
from storyline.model import Cleaned

logger = logging.getLogger(__name__)

__all__ = ["EXTRACTED_FORMATS", "BoilerplateCleaner", "Cleaner", "PassThroughCleaner", "clean", "normalize_text"]


@runtime_checkable
class Cleaner(Protocol):
    """A clean stage: raw article text in, :class:`~storyline.model.Cleaned` out."""

    def clean(self, text: str, language: str | None = None, *, fmt: str | None = None) -> Cleaned: ...


# --------------------------------------------------------------------------------------------------
# Normalisation
# --------------------------------------------------------------------------------------------------

# Invisible characters dropped everywhere: zero-width space, word joiners, BOM, soft hyphen, Mongolian
# vowel separator, directional marks, embeddings and isolates.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064"
    "\u2066-\u2069\ufeff]"
)
# ZWNJ / ZWJ carry meaning inside words (Persian, Indic scripts, emoji sequences): they are dropped only
# where they do not sit between two word characters.
_STRAY_JOINER = re.compile("(?<!\\w)[\u200c\u200d]+|[\u200c\u200d]+(?!\\w)")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SPACES = re.compile("[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_MULTISPACE = re.compile(" {2,}")


def normalize_text(text: str) -> str:
    """NFC, ``\\n`` newlines, invisible and control characters dropped, spaces unified (indent kept)."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.isascii():
        return _CONTROL.sub("", text.replace("\t", " "))
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n")
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE.sub("", text)
    if "\u200c" in text or "\u200d" in text:
        text = _STRAY_JOINER.sub("", text)
    return _SPACES.sub(" ", text)


def _squash(line: str) -> str:
    line = line.strip()
    return _MULTISPACE.sub(" ", line) if "  " in line else line


# --------------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------------

_CJK = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_LETTER = re.compile(r"[^\W\d_]")
_TERMINAL = (".", "!", "?", "。", "！", "？", "…", "؟")
_BULLET_CHARS = "-–—•·*+>»►▶■□◆●○✓→|#"
_BULLET = re.compile(r"^[-–—•·*+>»►▶■□◆●○✓→|#]+\s*")


def _nwords(s: str) -> int:
    """Word count; CJK text counts about one word per two characters."""
    n = len(s.split())
    if n * 12 < len(s) and not s.isascii():  # long "words": a script written without spaces
        n += _CJK.subn("", s)[1] // 2
    return n


def _fold(s: str) -> str:
    # Turkish dotted capital I folds to "i" + combining dot; drop the dot so that "İLGİLİ" == "ilgili".
    return s.casefold().replace("i\u0307", "i")


def _key(s: str) -> str:
    return _fold(_BULLET.sub("", s).strip(" .:;,!|·•-–—>»*+()[]")).strip()


def _low(s: str) -> str:
    """Lower case for matching (patterns are written in lower case and compiled without IGNORECASE,
    which is several times faster in ``re``)."""
    low = s.lower()
    return low.replace("i\u0307", "i") if "\u0307" in low else low


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _cased(pattern: str) -> re.Pattern[str]:
    """A pattern matched against the original text; ``(?-i:...)`` parts are case-sensitive."""
    return re.compile(pattern, re.IGNORECASE)


def _words_set(text: str, sep: str = "|") -> frozenset[str]:
    return frozenset(_fold(s.strip()) for s in text.replace("\n", sep).split(sep) if s.strip())


# --------------------------------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------------------------------

# Whole lines that are user-interface residue (compared after _key()).
_UI_LINES = _words_set(
    """advertisement|advertisements|advertising|advert|ad|ads|sponsored|sponsored content|paid content
promoted|anzeige|werbung|publicité|publicite|publicidad|pubblicità|pubblicita|reklama|реклама|reklam|إعلان
اعلان|广告|廣告|広告|تبلیغات|advertentie|publicidade|sponsored stories|partner content|close|print|email
e-mail|share|tweet|twitter|facebook|whatsapp|linkedin|pinterest|reddit|telegram|google|google+|pocket
tumblr|messenger|instagram|youtube|flipboard|sms|more|more >>|comments|comment|photos|photo|video|videos
enlarge|loading|save|edit|reply|report|like|follow|subscribe|sign up|sign in|log in|login|register|menu
home|search|back to top|next|previous|next article|previous article|next story|skip to content
skip to main content|skip to navigation|skip navigation|zum inhalt springen|aller au contenu
aller au contenu principal|ir al contenido|vai al contenuto|przejdź do treści|перейти к содержанию
перейти до змісту|içeriğe geç|ga naar inhoud|pular para o conteúdo|copy link|copy link copy|link copied
link kopiert|lien copié|enlace copiado|link copiato|skopiuj link|noticia en ampliación|en ampliación
última hora|breaking|breaking news|developing story|updated|update|updates|developing|live updates
now playing|up next|watch now|play video|slideshow|photo gallery|gallery|hide transcript show transcript
show transcript|hide transcript|a a|text size|watch this story|watch this video|watch the report
watch video|watch mobile video|scroll down for video|share this story|share this article|share this
like this|like this: like loading|like loading|related|related coverage|related content|related links
related stories|related articles|related posts|related video|related videos|more on this story
previous coverage|previous stories|trending stories|trending now|most popular|most read|top stories
recommended|you may also like|you might also like|more stories|more news|latest news|top trending
earlier|earlier story|original story|original|first report|initial report|incident update
for immediate release|partager|teilen|drucken|merken|compartir|comparte esta noticia
compartir esta noticia|condividi|condividi questo articolo|udostępnij|поделиться|paylaş|haberi paylaş
bu haberi paylaş|paylaşın|分享|分享到|شارك|مشاركة|شارك الخبر|شاركوا المقال|compartilhar|compartilhe
partilhar|delen|deel dit artikel|اشتراک گذاری|اشتراک‌گذاری|поділитися|共有|シェア|kommentare|kommentar
commentaires|commentaire|comentarios|comentario|commenti|commento|komentarze|komentarz|комментарии
комментарий|yorumlar|yorum|评论|評論|التعليقات|تعليقات|comentários|reacties|коментарі|نظرات|コメント
dodaj komentarz|أضف تعليقا|أضف تعليق|add a comment|leave a comment|post a comment|accept all
accept cookies|i accept|i agree|got it|manage preferences|cookie settings|alle akzeptieren|akzeptieren
tout accepter|accepter|aceptar todo|accetta|accetta tutto|akceptuję|принять|kabul et|aceitar|accepteren
تابعونا|تابعنا|more photos|view gallery|view comments|show comments|hide comments|disqus|transcript
anzeige - scroll to continue with content|advertisement - continue reading below|story continues below
story continues below advertisement|article continues below advertisement|continue reading below
weiterlesen nach der anzeige|la suite après la publicité|dalsza część artykułu pod reklamą
thank you for reading|thanks for reading|click here|tap here|submit here|read more|read full story
full story|continue reading|weiterlesen|lire la suite|leer más|leggi tutto|czytaj dalej|читать далее
devamını oku|leia mais|lees meer|阅读全文|ادامه مطلب|اقرأ المزيد|続きを読む|on twitter|on facebook
from wikipedia, the free encyclopedia|view results|vote|total access|posted|posted on|also|advertisements
newsletter|newsletters|abonnieren|s'abonner|suscríbete|iscriviti|subskrybuj|подписаться|abone ol|assine
inscreva-se|abonneren|اشترك|订阅|登録|more videos|skip ad|ad loading|advertise|advertise with us|أعلن معنا
je m'inscris|settings|einstellungen|paramétrer|paramètres|ustawienia|impostazioni|configuración|ayarlar
personalizza|personalizar|rifiuta|reject all|alle ablehnen|tout refuser|rechazar|rechazar todo|odrzuć
الإعدادات|موافق|قبول|copier le lien|kopiuj link|copia link|copiar enlace|copiar link|link kopieren
ссылка скопирована|скопировать ссылку|bağlantıyı kopyala|نسخ الرابط|复制链接|リンクをコピー
gestion des cookies
cookie-einstellungen|impostazioni cookie|configuración de cookies|ustawienia cookies|privacy settings
privacy policy|terms of use|terms of service|contact us|about us|impressum|datenschutz|mentions légales
aviso legal|note legali|polityka prywatności|انتقل إلى المحتوى|pomiń nawigację|saltar al contenido
passer au contenu|vai al contenuto principale|zum hauptinhalt springen|перейти к основному содержанию
跳到主要内容|本文へ移動|ana içeriğe geç|naar hoofdinhoud|رفتن به محتوا|перейти до основного вмісту"""
)

# Headings that introduce a list of related headlines: the short lines after them go too.
_RELATED_HEADINGS = _rx(
    r"^(?:related(?: coverage| content| links| stories| story| articles| posts| videos?| reading)?"
    r"|more (?:on this story|from [\w .'&-]{1,30}|\w+ news|stories(?: on [\w.]+)?|on [\w .-]{1,30}"
    r"|crime news)"
    r"|(?:previous|earlier|more|other) (?:coverage|stories|story|reports?)|trending stories|top trending"
    r"|read more(?: top)? trending stories(?: on [\w.]+)?|what others are clicking on|you may also like"
    r"|also on [\w.]+|latest news|recommended(?: for you)?"
    r"|mehr zum thema|weitere artikel(?: zum thema)?|das könnte sie auch interessieren|auch interessant"
    r"|lesen sie auch|lesen sie mehr|zum thema|sur le même sujet|à lire aussi|a lire aussi|lire aussi"
    r"|voir aussi|à voir aussi|nos articles|dans la même rubrique|más información|noticias relacionadas"
    r"|te puede interesar|lee también|lea también|también te puede interesar|leggi anche|articoli correlati"
    r"|potrebbe interessarti|ti potrebbe interessare|approfondimenti|czytaj też|czytaj także|czytaj również"
    r"|zobacz też|zobacz także|zobacz również|polecamy|читайте также|смотрите также|по теме|еще по теме"
    r"|ещё по теме|читайте також|дивіться також|більше по темі|по темі|ilgili haberler|ilgili haber"
    r"|ilginizi çekebilir|bunlar da ilginizi çekebilir|benzer haberler|leia também|veja também|saiba mais"
    r"|notícias relacionadas|lees ook|zie ook|meer over dit onderwerp|gerelateerde artikelen|اقرأ أيضا"
    r"|اقرأ أيضاً|اقرأ ايضا|إقرأ أيضا|إقرأ أيضاً|أخبار ذات صلة|مواضيع ذات صلة|مقالات ذات صلة|اخبار مرتبط"
    r"|مطالب مرتبط|بیشتر بخوانید|相关阅读|相关新闻|相关报道|延伸阅读|推荐阅读|相關新聞|延伸閱讀|関連記事"
    r"|関連ニュース|あわせて読みたい|おすすめ記事)\s*[:：>»]*$"
)

# "Read more: headline" lines. The prefix must be followed by a separator.
_RELATED_PREFIX = _rx(
    r"^(?:related(?: coverage| content| story| stories| article| articles| video| link| links)?"
    r"|read more|read also|also read|see also|more|watch|listen|video|previous coverage"
    r"|more (?:coverage|reading|stories|news|from [\w.]+)|click to read|must read|don'?t miss|trending"
    r"|lesen sie (?:auch|mehr|hier)|mehr zum thema|mehr dazu|auch interessant|siehe auch|zum thema|lesetipp"
    r"|lire (?:aussi|également|la suite)|à lire (?:aussi|également)|a lire (?:aussi|également)|voir aussi"
    r"|à voir(?: aussi)?|sur le même sujet|regarder|écouter|lee (?:también|además)|leer más"
    r"|lea (?:también|además)|te puede interesar|puede interesarte|ver también|más información|mira|ver"
    r"|leggi (?:anche|tutto|qui)|vedi anche|guarda (?:anche|il video)|potrebbe interessarti"
    r"|approfondisci|articoli correlati|czytaj (?:też|także|również|więcej|dalej)"
    r"|zobacz (?:też|także|również)"
    r"|polecamy|читайте (?:также|тоже|еще|ещё)|смотрите(?: также)?|по теме|читайте (?:також|теж)"
    r"|дивіться(?: також)?|також читайте|ilgili (?:haberler|haber)|ayrıca (?:bakınız|okuyun)"
    r"|bunu da okuyun|izleyin|leia (?:também|mais)|veja (?:também|mais)|saiba mais|lees (?:ook|meer)|zie ook"
    r"|bekijk|kijk|meer over|اقرأ (?:أيضا|أيضاً|ايضا|المزيد)|إقرأ (?:أيضا|أيضاً)|شاهد(?: أيضا| أيضاً)?|اقرأ"
    r"|شاهدوا|طالع أيضا|بیشتر بخوانید|بخوانید|ببینید|مطالب مرتبط|相关阅读|相关新闻|相关报道|延伸阅读"
    r"|推荐阅读|阅读更多|更多阅读|关联阅读|相關新聞|延伸閱讀|関連記事|関連ニュース|あわせて読みたい"
    r"|続きを読む|もっと見る|le pagelle)\s*(?:[:：>»|]+|\s[-–—]+\s)"
)

# Phrases that address the reader: calls to action, account and paywall UI, outlet promotion. Matched
# at the start of a line or of a sentence (lower-cased); _CTA_CASED holds those that need a capital.
_CTA = _rx(
    r"^(?:please\s+)?(?:"
    # English
    r"sign up(?! sheets?)|signup\b|subscribe\b|subscribers? only|register (?:now|here|today|for free|to)|"
    r"log ?in (?:to|here|or|with)|sign in\b|join (?:us|our|the conversation|the discussion|today)\b|"
    r"follow (?:us\b|@|[\w.&' -]{1,40}?(?: on (?:facebook|twitter|instagram|x|tiktok|youtube|telegram)\b|:))|"
    r"like us on|find us on|connect with us|download (?:our|the free|free)\b|"
    r"get (?:our|the) (?:free )?[\w .]{0,30}\bapps?\b|grab the free|"
    r"get (?:breaking news |email |news )?alerts|get alerted|(?:close )?get email notifications|"
    r"get the latest (?:from|news|updates|headlines)|never miss|don'?t miss (?:a|out|another)|"
    r"stay (?:up to date|updated|informed|connected|tuned)\b|"
    r"keep checking|keep it here|keep up (?:with|to date)|refresh (?:this|the page|[a-z0-9]+\.com)|"
    r"enter your (?:e-?mail|zip)|to get (?:breaking news )?alerts|want more\b|"
    r"support (?:us\b|our journalism|independent journalism)|"
    r"our journalism (?:relies|depends)|become a (?:member|subscriber|supporter)|"
    r"already (?:a subscriber|a member|have an account|registered)|create (?:an|your|a free) account|"
    r"forgot (?:your )?password|thank you for (?:registering|signing up|subscribing|reading)|"
    r"welcome back\b|you (?:must|need to|have to) (?:be logged|log ?in|sign in|subscribe|register|enter the)|"
    r"you are the owner of this article|send us your (?:news )?tips|have a (?:news )?tip|got a (?:news )?tip|"
    r"report an error|report a typo|submit a tip|read or share this story|"
    r"share (?:this (?:story|article|post)|on (?:facebook|twitter|x|whatsapp|linkedin)|via)\b|"
    r"email notifications|there was a problem saving|your notification has been saved|just one more thing|"
    r"we have sent (?:you|a)|if you do not receive|by submitting (?:your|this)|by clicking\b|"
    r"by continuing to (?:use|browse)|why are we asking|oops,|sorry, this zip|re-enter zip|"
    r"enjoy the convenience|get digital access|to continue reading|continue reading\b|login here|"
    r"log in here|this (?:content|article|story) is (?:only )?(?:available|for subscribers|reserved)|"
    r"listen to (?:this|the) (?:article|story)|watch (?:this|the) (?:report|story|video)\b|"
    r"(?:mobile|tablet|app) users\b|please enable javascript|please turn on javascript|"
    r"having trouble viewing|this (?:slideshow|video|content|feature) requires|your browser does not support|"
    r"for more (?:neighborhood |local |breaking )?news,|"
    r"(?:click|tap) (?:here|on|to|the|below|for|this|or tap)\b|"
    r"check back (?:later |soon |often )?for|this (?:is a developing story|story is developing|"
    r"story (?:will be|has been|is being|may be) updated|article will be updated|is a breaking news)|"
    r"(?:we will|we'll) (?:continue to )?(?:update|follow) this\b|watch for updates|"
    r"(?:the )?(?:story|article) continues (?:below|after)|advertisement\s*[-–—]|"
    r"copy link\b|comments are (?:closed|disabled)|commenting (?:is|has been) (?:closed|disabled)|"
    r"be the first to comment|leave a (?:comment|reply)|add (?:a|your) comment|post a comment|"
    r"article comment by|view (?:full caption|comments|gallery|photos)\b|email newsletters?\b|"
    r"deja (?:tu|un|su) comentario|réagir|laisser un commentaire|kommentieren sie|lascia un commento|"
    r"оставить комментарий|оставьте комментарий|deixe (?:seu|um|o seu) comentário|plaats een reactie|"
    r"发表评论|أضف تعليق|cet article est réservé|dieser artikel ist (?:nur )?für abonnenten|"
    r"our (?:free )?(?:daily |weekly |morning |evening |breaking news )?newsletters?\b|"
    r"add a location to your tweets|when you tweet with a location|attached media files|"
    r"whenever [\w .'-]{1,40} posts new content|"
    # German
    r"jetzt (?:kostenlos )?(?:abonnieren|anmelden|registrieren|testen|weiterlesen|teilen)|"
    r"(?:kostenlos |gratis )?(?:abonnieren|registrieren)\b|unser(?:en)? newsletter|zum newsletter|"
    r"newsletter (?:abonnieren|bestellen)|folgen sie uns|hier (?:klicken|anmelden|abonnieren)|"
    r"klicken sie hier|artikel (?:teilen|drucken|merken|verschenken|vorlesen)|"
    r"diesen artikel (?:teilen|drucken)|"
    r"zur startseite|hinweise an die redaktion|haben sie (?:informationen|hinweise)|"
    r"unterstützen sie (?:uns|unabhängigen)|mit (?:ihrer )?anmeldung|bereits abonnent|"
    # French
    r"abonnez-vous|inscrivez-vous|s'abonner|je m'abonne|recevez (?:notre|nos|gratuitement|chaque)|"
    r"suivez-nous|suivez (?:toute )?l'actualité|téléchargez (?:notre|l'application|l'appli)|cliquez ici|"
    r"partager (?:sur|:|cet article)|envoyer par e-?mail|réservé aux abonnés|article réservé|déjà abonné|"
    r"connectez-vous|soutenez(?:-nous| notre| le journalisme)|signaler une erreur|"
    # Spanish
    r"suscr[ií]bete|suscr[ií]base|reg[ií]strate|reg[ií]strese|s[ií]guenos|"
    r"descarga (?:la app|nuestra)|haz clic|pulsa aquí|comparte (?:esta|en)\b|compartir en\b|únete a|"
    r"inicia sesión|ya eres suscriptor|apoya (?:nuestro|el periodismo)|recibe (?:nuestro|cada|las)|"
    # Italian
    r"iscriviti|abbonati\b|registrati\b|seguici|segui (?:la nostra|il nostro|tutti|le ultime)|"
    r"scarica (?:l'app|la nostra|gratis)|clicca qui|condividi (?:su|questo)|accedi (?:per|al)\b|"
    r"sei già abbonato|sostieni (?:il|l'|la)|ricevi (?:la|le|ogni)|"
    # Polish
    r"zapisz się|zasubskrybuj|subskrybuj|zaloguj się|zarejestruj się|obserwuj nas|śledź nas|"
    r"pobierz (?:aplikację|naszą)|kliknij\b|udostępnij\b|masz informacje|napisz do nas|dołącz do nas|"
    r"wesprzyj|"
    # Russian / Ukrainian
    r"подписывайтесь|подпишитесь|подписаться|зарегистрируйтесь|войдите|читайте нас|присоединяйтесь|"
    r"скачайте|нажмите (?:здесь|сюда|на)|нашли (?:опечатку|ошибку)|выделите (?:текст|фрагмент|её|ее)|"
    r"поддержите|следите за (?:нами|новостями)|мы в (?:telegram|телеграм|соцсетях)|"
    r"наш (?:telegram|телеграм)|підписуйтесь|підпишіться|підписатися|стежте за (?:нами|новинами)|"
    r"приєднуйтесь|завантажте|натисніть (?:тут|сюди|на)|знайшли помилку|виділіть|підтримайте|"
    # Turkish
    r"abone ol|üye ol|giriş yap|bizi takip edin|uygulamamızı indirin|buraya tıklayın|haberi paylaş|"
    r"bu haberi paylaş|yorum yap|haber bültenimize|e-bültenimize|"
    # Portuguese
    r"assine (?:já|o|a|nossa|nosso)\b|inscreva-se|cadastre-se|registe-se|siga-nos|baixe o (?:app|aplicativo)|"
    r"clique aqui|compartilhe\b|partilhe\b|já é assinante|faça login|apoie o|receba (?:as|nossa|nossas)|"
    # Dutch
    r"abonneer|schrijf je in|meld je aan|volg ons|download (?:de|onze) app|klik hier|deel dit|"
    r"deel (?:op|via)\b|word abonnee|al abonnee|steun ons|"
    # Arabic
    r"اشترك (?:الآن|مجانا|في (?:النشرة|نشرتنا|قناتنا|خدمة))|للاشتراك|تابعونا|تابعنا|حمل تطبيق|حمّل تطبيق|"
    r"اضغط هنا|انقر هنا|شارك(?:وا)? (?:الخبر|المقال|هذا)|للمزيد من الأخبار|"
    # Persian
    r"عضو شوید|مشترک شوید|ما را (?:در [\w ]{1,20})?دنبال کنید|اینجا کلیک کنید|به اشتراک بگذارید|"
    # Chinese / Japanese
    r"订阅|關注我們|关注我们|关注(?:本|我们|公众号|微信)|扫码|扫描二维码|下载(?:客户端|APP|app)|"
    r"点击(?:这里|此处|查看|阅读|进入)|分享到|阅读原文|责任编辑|編集部|编辑[：:]|来源[：:]|免责声明|"
    r"版权声明|未经授权|转载请注明|本文来源|更多精彩|購読|会員登録|ログイン|フォローする|フォローして|"
    r"アプリをダウンロード|こちらをクリック|無断転載|有料会員"
    r")"
)

# Calls to action that name the outlet (a capitalised word), matched on the original text.
_CTA_CASED = _cased(
    r"^(?:find (?-i:[A-Z0-9])[\w.]* on (?:twitter|facebook|instagram)"
    r"|download (?:the )?(?-i:[A-Z0-9])[\w.]*(?: [\w.]+){0,3} app\b|take (?-i:[A-Z0-9])[\w.]* with you"
    r"|stay (?:with|on|tuned to) (?-i:[A-Z0-9])[\w.&'-]*(?: [\w.&'-]+){0,5}? (?:for|as|online|and)\b"
    r"|support (?-i:[A-Z])[\w.]* from just|text (?-i:[A-Z0-9]+) to \d"
    r"|(?:additional )?(?:reporting|writing|editing) by (?-i:[A-Z])[\w'-]+ (?-i:[A-Z]))"
)
_CTA_CASED_FIRST = (
    "find ",
    "download ",
    "take ",
    "stay ",
    "support ",
    "text ",
    "reporting ",
    "writing ",
    "editing ",
    "additional ",
)
_CAPTION_CREDIT_END = re.compile(r"\b(?:Photo|Image|Foto|Fot\.):\s*[\w .,/&'-]{2,60}$")

# A line that starts with a "follow / join / subscribe" verb and names a medium.
_FOLLOW_START = _rx(
    r"^(?:please\s+)?(?:follow|join|like|subscribe|suivez|rejoignez|folgen sie|folge|abonnieren sie|"
    r"s[ií]guenos|sigue(?:nos)?|únete|seguici|segui|obserwuj|śledź|dołącz|подписывайтесь|подпишитесь|"
    r"следите|читайте нас|присоединяйтесь|підписуйтесь|підпишіться|стежте|siga|acompanhe|volg|"
    r"تابعونا|تابعوا|تابعنا|انضموا|اشترك|دنبال کنید|关注|フォロー|[\w.']+ (?:takip edin|takip et))\b"
)
_FOLLOW_US = _rx(r"\b(?:follow|join|like) us\b|\bsuivez-nous\b|\bfolgen sie uns\b")
_MEDIUM = _rx(
    r"facebook|twitter|instagram|youtube|telegram|tiktok|whatsapp|linkedin|social media|\bsocials?\b|\bx\b"
    r"|\bapps?\b|newsletter|телеграм|соцсет|فيسبوك|تويتر|تيليغرام|تلغرام|إكس|يوتيوب|إنستغرام|انستغرام|منصة"
    r"|قناتنا|صفحتنا|تلگرام|اینستاگرام|微信|微博|公众号|抖音|ツイッター|インスタグラム|sosyal medya"
    r"|sociale media|redes sociales|réseaux sociaux|social network|kanal|канал"
)
_APP = _rx(
    r"\bapps?\b|\bapplication\b|aplicación|applicazione|aplikacj|приложени|застосунок|uygulama|aplicativo"
    r"|اپلیکیشن|تطبيق|客户端|アプリ"
)
_APP_CUE = _rx(
    r"iphone|android|\bios\b|app store|google play|\bour\b|unser|notre|nuestra|nostra|naszą|наше"
    r"|bizim|nosso|onze|تطبيقنا|我们的"
)
_APP_VERB = _rx(
    r"\b(?:download|install|get|grab|update)\b|herunterlad|télécharg|descarg|scarica|pobierz|скача|завантаж"
    r"|indir|baixe|حمل|حمّل|دانلود|下载|ダウンロード|iphone|android"
)

# "Click here", wherever it is in a sentence, is a link prompt.
_CLICK_HERE = _rx(
    r"\b(?:click|tap) (?:here|the link|on the link|below)\b|klicken sie hier|hier klicken|cliquez ici"
    r"|haga clic aquí|haz clic aquí|pulsa aquí|clicca qui|kliknij (?:tutaj|tu)|нажмите (?:здесь|сюда)"
    r"|натисніть тут|buraya tıklayın|clique aqui|klik hier|اضغط هنا|انقر هنا|اینجا کلیک کنید|点击这里"
    r"|こちらをクリック"
)

_NEWSLETTER_CTA = _rx(
    r"^newsletter\s*[:\-–—]|\b(?:our|unser\w*|notre|nos|nuestro|nuestra|nuestros|la nostra|nostra|nostre"
    r"|il nostro|nasz\w*|наш\w*|нашу|nosso|nossa|onze|bizim|sign up|subscribe|inscri\w+|abonn\w+|suscr\w+"
    r"|iscriv\w+|zapisz|подпис\w+|підпис\w+|abone|assin\w+|inscreva|schrijf)\b|اشترك|للاشتراك|订阅|訂閱|購読|登録"
    r"|配信|عضو|اشتراک"
    r"|in(?:to)? your inbox|in ihr postfach|dans votre boîte|en tu (?:correo|bandeja)|nella tua casella"
    r"|na (?:twoją )?skrzynkę|на (?:вашу |твою )?почту|e-posta adresinize|na sua caixa|in je inbox"
)

_COOKIE_CTX = _rx(
    r"\b(?:we use|uses|use of|utiliz|verwend|nutz|akzept|accept|consent|zustimm|continu|privacy|datenschutz"
    r"|politique|política|informativa|polityk|политик|gizlilik|privacidade|preferences|einstellungen"
    r"|paramètres|configuración|impostazioni|ustawienia|настройк|ayarlar|configurações|instellingen"
    r"|personalis|analy[sz]e|experience|agree|korzyst|używamy|utilizamos|utilizziamo|utilisons|usamos"
    r"|используем|kullan|gebruik|reklam|publicit|anzeigen)|نستخدم|يستخدم|استخدام|سیاست|استفاده|使用|利用"
)

_COPYRIGHT = _rx(
    r"^\W{0,2}(?:©|\(c\)\s*\d|copyright\b|copr\.|tm and ©|tm and \?|\(tm\))|©\s*\d{4}|all rights reserved"
    r"|alle rechte vorbehalten|tous droits réservés|todos los derechos reservados|tutti i diritti riservati"
    r"|riproduzione riservata|wszelkie prawa zastrzeżone|все права защищены|усі права захищені"
    r"|всі права захищені|tüm hakları saklıdır|todos os direitos reservados|alle rechten voorbehouden"
    r"|جميع الحقوق محفوظة|كل الحقوق محفوظة|الحقوق محفوظة|تمامی حقوق|کلیه حقوق|版权所有|版權所有|無断転載"
    r"|無断複製|may not be (?:re)?published, broadcast|this material may not be"
)

_CAPTCHA = _rx(
    r"enter the characters|type the (?:characters|text|code|word)s?\b|characters (?:you see|shown|with black)"
    r"|i'?m not a robot|are you a robot|are you human|verify (?:that )?you(?:'re| are) (?:a )?human|captcha"
    r"|security check|prove you(?:'re| are) (?:a )?human|geben sie die zeichen|saisissez les caractères"
    r"|introduce los caracteres|inserisci i caratteri|przepisz kod|введите символы|введите код"
    r"|karakterleri girin|验证码|أدخل الرموز|کد امنیتی|画像認証|javascript (?:is )?(?:disabled|required)"
    r"|enable javascript|unusual traffic from your"
)

_COPYRIGHT_STRONG = _rx(
    r"©|\(c\)\s*\d{4}|rights reserved|rechte vorbehalten|droits réservés|derechos reservados"
    r"|diritti riservati"
    r"|riproduzione riservata|prawa zastrzeżone|права защищены|права захищені|hakları saklıdır"
    r"|direitos reservados|rechten voorbehouden|الحقوق محفوظة|تمامی حقوق|کلیه حقوق|版权所有|版權所有|無断"
    r"|may not be (?:re)?published"
)


def _is_copyright(low: str, words: int, reports: Callable[[], bool]) -> bool:
    """A copyright notice: a strong phrase ("All rights reserved", "©"), or a short line that starts
    with "Copyright"; never a longer line that reports something ("Copyright claims rose, it said")."""
    if _COPYRIGHT_STRONG.search(low):
        return words <= 25 or not reports()
    return (words <= 10 or bool(re.search(r"\b(?:19|20)\d\d\b", low))) and not reports()


# Photo captions and credits.
_CAPTION_PREFIX = _rx(
    r"^\W{0,2}\s*(?:(?:(?:photo|photograph|photos|image|images|picture|pictures|pic|caption|media|video|main"
    r"|top|lead|featured|file|graphic|illustration)(?:\s*(?:caption|credit|credits|copyright|source|by"
    r"|courtesy))?|credits?|courtesy|image copyright|image source|source image|photo illustration|foto|fotos"
    r"|fotografía|fotografia|fotografie|fotó|fotoğraf|görsel|resim|фото|фотография|світлина|зображення"
    r"|ілюстрація|иллюстрация|bild|bilder|bildquelle|bildunterschrift|quelle|crédits? photo|crédits?"
    r"|légende|imagen|imágenes|imagem|immagine|beeld|afbeelding|صورة|الصورة|تصوير|عکس|تصویر|图|图片|照片"
    r"|摄影|写真|画像|vídeo|видео|відео|ویدئو|فيديو|视频|ver vídeo|guarda il video)\s*(?:[:：|]|\s/\s)"
    r"|fot\.\s)"
)
_CAPTION_HEAD = _rx(
    r"^\W{0,2}\s*(?:buy photo|view full caption|click to enlarge|enlarge this image|hide caption"
    r"|toggle caption|image \d+ of \d+|\d+ of \d+\s+(?:photos?|images?)|photos?:\s*photos?:|caption\b"
    r"|gallery_|image caption|media caption|image copyright|getty images$|photo illustration|related photos"
    r"|\(?(?:ap|afp|reuters|epa|getty) photo/|file photo\b|photo via|image via"
    r"|\((?:photo|image)s? (?:by|via|courtesy)|photo courtesy|courtesy (?:photo|image)"
    r"|pictured(?:\s*:|\s+(?:above|below|left|right|here))|above:|below:|mugshot|booking photo"
    r"|(?:in )?this (?:[\w.,]+ ){0,5}(?:file |handout |undated )?(?:photo|image|picture|photograph)\b,?"
    r"(?: provided by [^,]{1,60},?)? (?:shows|released|provided|taken|made|from)\b"
    r"|图为|圖為|\[(?:foto|photo|image|imagen|bild|фото|صورة|immagine|fotoğraf)\b)"
)
_CAPTION_TAIL = _rx(
    r"[(\[（](?:(?:photo|photos|image|picture|foto|fot\.|fotoğraf|фото|صورة|تصوير|图|照片|写真|credit|crédit"
    r"|bild|imagen|imagem|beeld|عکس|courtesy)\s*(?:by\b|:|：|von\b|de\b|di\b|credit\b|of\b)[^()\[\]（）]{0,120}"
    r"|[^()\[\]（）]{0,80}(?:/|, )(?:getty images|ap|afp|reuters|epa|istock\w*|shutterstock)"
    r"|[\w .'-]{1,30} (?:photo|file photo))[)\]）]\.?\s*$"
    r"|view full caption[\w /.-]{0,40}$"
    r"|(?:新华社|记者)[^。]{0,20}摄\s*[)）]?$"
)
_AGENCY_ONLY = _rx(
    r"^\W{0,2}(?:ap|afp|reuters|epa|getty images|getty|dpa|ansa|efe|xinhua|新华社|tass|тасс|риа новости"
    r"|интерфакс|anadolu ajansı|anadolu|pap|lusa|anp|belga|irna|wam|shutterstock|istock|istockphoto"
    r"|lapresse|ap photo|mgn online|mgn|file photo|wikimedia commons|pixabay|unsplash"
    r"|agencies|agencias|agenzie|agences|ajanslar|وكالات|агентства)(?:\s*[/|,;]\s*[\w .-]{1,30}){0,3}\W{0,2}$"
)

# Bylines: a short line starting like this whose rest looks like a name or a newsroom.
_BYLINE = _rx(
    r"^(?:by|written by|words by|reported by|story by|von|par|por|di|a cura di|autor|autorka|автор|от|від"
    r"|بقلم|كتب|كتبت|كتبه|إعداد|تحرير|door|yazan|yazar|muhabir|نویسنده|作者|记者|撰文|記者|文|texte|texto"
    r"|testo|tekst|redacción|redação|rédaction|redazione|redaktion|redakcja|редакция|редакція"
    r"|haber merkezi)(?:\s*[:：/]\s*|\s+)"
)
_BYLINE_SOLO = _rx(
    r"^(?:dal nostro (?:inviato|corrispondente)|von unser(?:em|er) [\w-]+"
    r"|de notre (?:envoyé|correspondant)[\w ]*|par notre [\w ]{1,30}"
    r"|de nuestro (?:corresponsal|enviado)[\w ]*"
    r"|od naszego (?:korespondenta|wysłannika)"
    r"|от нашего (?:корреспондента|собкора)|from our [\w ]{1,30}correspondent"
    r"|[\w .'&-]{2,40} (?:staff|desk|newsroom|wire|wires|news service|news services|bureau|reporters?)"
    r"|with (?:news )?wire services|(?:the )?associated press|reuters staff)$"
)
_BYLINE_NOUN = _rx(
    r"redac|rédac|redaz|redakt|staff|desk|correspond|korrespond|inviat|envoy|corresponsal|корреспондент"
    r"|кореспондент|reporter|bureau|editor|agenc|wire|newsroom|مراسل|محرر|محررة|记者|記者|muhabir|редакц"
)
_BYLINE_FILLERS = frozenset(
    "and und et y e i и і ve en of the de da van von der la le del di al el bin ibn staff for".split()
)
_CREDIT_LINE = _rx(
    r"^(?:\((?:additional |with )?(?:reporting|writing|editing|compiled|information|research|files)"
    r" (?:by|from)\b[^)]*\)\.?$"
    r"|contributing(?: reporters?| writers?)?:|[\w .,'&-]{1,80} contributed (?:reporting )?to this"
    r" (?:report|story|article)|mit material (?:von|der)|con información de|avec l'afp|"
    r"(?:\(|\b)(?:avec|con|com|mit) (?:afp|ap|reuters|efe|dpa|ansa|pap|lusa|agencias|agences|agenzie)\b"
    r"|\((?:afp|ap|dpa|efe|ansa|reuters|pap|sda|apa)\)$"
    r"|(?:source|sources|quelle|fuente|fonte|źródło|источник|джерело|kaynak|bron|المصدر|منبع)\s*:\s*\S.{0,60}$"
    r"|来源：)"
)
_CONTACT_TOKEN = _rx(
    r"^(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|@\w{2,30}|(?:https?://)?(?:www\.)?(?:twitter|x|facebook|instagram)\.com/\S+"
    r"|or|and|\||/|,|;|twitter:?|email:?|e-mail:?|tel\.?:?|phone:?|on|at|follow|contact|reach|him|her|them"
    r"|me)$"
)
_CONTACT_HEAD = _cased(
    r"^(?:contact|reach|e-?mail|follow)\s+(?:(?:staff )?(?:reporter|writer|editor|columnist)\s+)?"
    r"(?-i:[A-Z])[\w'.-]+(?:\s+(?-i:[A-Z])[\w'.-]+){0,3}\s*(?:at|:|on|via)\s[^.]{0,80}@"
)
_PHONE = re.compile(r"\(?\d{3}\)?[\s.-]?\d{3}[\s.-]\d{4}|\b\d{3}-\d{4}\b")

_VIDEO = _rx(
    r"^(?:close skip in skip|skip in skip|skip ad\b|ad loading|webvtt\b|x embed x share|embed x share"
    r"|hide transcript|show transcript|play facebook|now playing|up next\b|autoplay|link to this video"
    r"|more videos \(|video (?:is )?(?:loading|unavailable)|\d+ sot\b|\d+ vo/|on cam$)"
)
_PLAYLIST = _rx(r"^\d{1,2}:\d{2}\s+(?![ap]\.?m\b)(?!p\.m|a\.m)\S")
_COMMENT_COUNT = _rx(
    r"^(?:comments?|kommentare|commentaires|comentarios|commenti|komentarze|комментарии|коментарі|yorumlar"
    r"|评论|التعليقات|reacties|comentários|نظرات|コメント)\s*[(\[:]?\s*\d+\s*[)\]]?$"
    r"|^\d+\s+(?:pending\s+)?(?:comments?|kommentare|commentaires|comentarios|commenti|komentarzy?"
    r"|комментари\w*|коментар\w*|yorum|评论|تعليق\w*|reacties)$"
)

_TAGS = _rx(
    r"^(?:tags?|topics?|keywords?|filed under|categories|category|tagged(?: with)?|schlagwörter|schlagworte"
    r"|themen|stichwörter|mots[- ]clés|thèmes|sujets|etiquetas|temas|argomenti|tagi|tematy|słowa kluczowe"
    r"|теги|метки|темы|мітки|теми|etiketler|konular|anahtar kelimeler|标签|標籤|关键词|關鍵字|الكلمات الدالة"
    r"|الوسوم|كلمات مفتاحية|وسوم|برچسب‌ها|برچسب ها|برچسب|کلیدواژه|タグ|キーワード|trefwoorden|onderwerpen"
    r"|tags relacionadas|palavras-chave)\s*(?:[:：]|\s(?=\S))"
)
_HASHTAGS = _rx(r"^(?:#\w+[\s,;|]*){2,}$")

_DATE_START = (
    r"(?=\d|(?:mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b)"
)
_META = _rx(
    r"^(?:(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)[\s-]*(?:min(?:ute)?s?\.?|minuten|minutes"
    r"|minutos|minuti|minut|минут[аы]?|мин\.?|dakika|分钟|分)\s*(?:read|de lecture|lesezeit|de lectura"
    r"|di lettura|czytania|чтения|okuma|leestijd|lezen)?"
    r"|(?:reading time|lesezeit|lesedauer|temps de lecture|tiempo de lectura|tempo di lettura|czas czytania"
    r"|время чтения|час читання|okuma süresi|tempo de leitura|leestijd|زمان مطالعه|وقت القراءة|阅读时间"
    r"|読了時間)\s*[:：]?.{0,20}"
    r"|(?:posted|published|updated|last updated|created|modified|publié|mis à jour|veröffentlicht"
    r"|aktualisiert|stand|actualizado|publicado|pubblicato|aggiornato|opublikowano|aktualizacja"
    r"|опубликовано|обновлено|оновлено|опубліковано|yayınlanma|yayın tarihi|güncelleme|güncellenme"
    r"|发布时间|更新时间|发布日期|نشر في|تاريخ النشر|آخر تحديث|نشر بتاريخ|تاریخ انتشار|gepubliceerd"
    r"|bijgewerkt|atualizado|atualização)(?:\s*[:：]\s*|\s+(?:on|at|am|le|el|il|em|в|-)\s+|\s+"
    + _DATE_START
    + r")[^.!?]{0,80}?\d[^!?]{0,40}"
    r"|page \d+ of \d+|(?:story|article) (?:by|from) [\w .'-]{1,40}|p\.? ?iva\b.{0,30})$"
)
_TEMPLATE = _rx(r"\{\*.*\*\}|\{\{.*\}\}|\[website\]|\[\s*edit\s*\]$")
_URL_ONLY = _rx(r"^\W{0,2}(?:https?://|www\.)\S+\W{0,2}$")
# A row of a table as trafilatura writes it in text output: "| cell | cell |".
_TABLE_ROW = re.compile(r"^\|.*\|$")
# Input formats whose text an extractor already took out of a page (RawDocument.format).
EXTRACTED_FORMATS: tuple[str, ...] = ("html",)
_HOVER = _rx(
    r"\s*[(\[]?(?:opens|open|öffnet|ouvre|abre|apre|otwiera|откроется|відкриється)\s+(?:\w+\s+){0,3}?"
    r"(?:window|tab|fenster|fenêtre|onglet|ventana|pestaña|finestra|scheda|karcie|oknie|окне|вкладке|вікні)"
    r"[)\]]?|\s*\((?:external link|externer link|lien externe|enlace externo|link esterno)\)"
    r"|\s*\b(?:link (?:copied|kopiert)|lien copié|enlace copiado)\b"
)
_POSTED_INLINE = _rx(
    r"\s*\b(?:posted|updated|last updated|published)\s*(?:on|at)?\s*:?\s+(?:\w+,?\s+){0,3}\d{1,2},?\s+\d{4}"
    r"(?:,?\s*(?:at\s+)?\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?(?:\s*[a-z]{2,4}\b)?)?"
)

# Share bars: lines made only of these tokens (and separators) are removed.
_SOCIAL_NAMES = _words_set(
    """facebook twitter x whatsapp linkedin pinterest reddit telegram tumblr pocket messenger flipboard
instagram youtube tiktok vk vkontakte вконтакте одноклассники ok.ru weibo wechat 微博 微信 qq line viber
email e-mail mail sms print google google+ gmail snapchat threads bluesky mastodon xing
واتساب فيسبوك تويتر تيليغرام تلغرام إكس يوتيوب انستغرام إنستغرام لينكدإن البريد
تلگرام اینستاگرام توییتر فیسبوک""",
    " ",
)
_SOCIAL_FILLER = _words_set(
    """share shares shared sharing f t in g p on via this story article the it post tweet save copy link
partager sur teilen auf drucken merken artikel diesen compartir en comparte esta noticia condividi su
udostępnij na поделиться в paylaş paylaşın bu haberi 分享 分享到 شارك شاركوا الخبر المقال عبر
compartilhar compartilhe partilhar partilhe no delen op deel اشتراک گذاری به поділитися у 共有 シェア
imprimer imprimir stampa drukuj печать yazdır 打印 طباعة چاپ afdrukken envoyer enviar invia wyślij
отправить gönder 发送 أرسل ارسال verstuur copiar copia kopiuj копировать kopyala 复制 نسخ
kopieer a aa more plus mehr más altro więcej ещё еще daha mais meer المزيد بیشتر 更多 فيس بوك""",
    " ",
)
_SHARE_WORDS = _words_set(
    "share partager teilen compartir condividi udostępnij поделиться paylaş شارك compartilhar delen "
    "поділитися 分享 共有 シェア اشتراک",
    " ",
)
_SPLIT_TOKENS = re.compile(r"[\s|/·•,;:()\[\]]+")

# Embedded social posts.
_POST_TAIL = _rx(
    r"[—–-]\s*[^—–\n]{0,80}\(@\w{1,30}\)\s+(?:\w+\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+\w+\.?\s+\d{4})\s*$"
)
_POST_HEADER = _rx(
    r"^(?:(?:tweet|tuit|tuite|post|beitrag|publication|publicación|pubblicazione|wpis|пост|твит|تغريدة|推文)"
    r"(?:\s+(?:de|von|from|by|di|od|от|del|من))?\s+)?@\w{1,30}\s*(?:[-–—·•|:]\s*|\s)"
    r"[^\n]{0,40}\d[^\n]{0,20}$"
)
_POST_MARKER = _rx(
    r"pic\.twitter\.com/\w+|(?:twitter|x)\.com/\w+/status/\d+|instagram\.com/p/|a post shared by\b"
    r"|ein beitrag geteilt von|une publication partagée par|una publicación compartida por"
    r"|un post condiviso da|post udostępniony przez|bir gönderi paylaştı"
)

# Sentence boundaries, used only in paragraphs where a sentence rule may apply.
_SENT_END = re.compile(r"[.!?…؟][\"'”’»)\]]*\s+|[。！？][”」』）]*")
# One combined match over the line-start rules: if it fails, none of them can apply.
_ANCHORED = re.compile(
    "|".join(
        f"(?:{p.pattern})"
        for p in (
            _URL_ONLY, _RELATED_PREFIX, _CTA, _FOLLOW_START, _CAPTION_PREFIX, _CAPTION_HEAD, _CREDIT_LINE,
            _VIDEO, _PLAYLIST, _HASHTAGS, _TAGS, _META, _COPYRIGHT,
        )
    )
)  # fmt: skip

# Needles: substrings that gate the rules which must search a whole line (a regex search over a line is
# slow in ``re``; a few substring tests are not). A gated rule runs only if one of its needles occurs.
_NEEDLES: dict[str, tuple[str, ...]] = {
    "captcha": ("character", "robot", "captcha", "javascript", "zeichen", "caract", "karakter", "символ",
                "验证码", "画像認証", "الرموز"),
    "copyright": ("©", "copyright", "reserv", "vorbehalt", "voorbehoud", "(c)", "zastrzeż", "saklı", "защищ",
                  "захищ", "محفوظة", "حقوق", "版权", "版權", "無断"),
    "newsletter": ("newsletter", "bolet", "bulletin", "nieuwsbrief", "biuletyn", "alerts", "bülten",
                   "рассылк", "розсилк", "النشرة", "نشرتنا", "خبرنامه", "通讯", "简报",
                   "ニュースレター", "メルマガ"),
    "cookie": ("cookie", "çerez", "куки", "کوکی", "ملفات تعريف", "クッキー"),
    "click": ("clic", "klick", "klik", "tap here", "pulsa", "нажм", "натисн", "tıkla", "اضغط", "انقر", "کلیک",
              "点击", "クリック"),
    "us": (" us", "nous", " uns"),
    "app": ("app", "aplica", "aplikac", "uygulama", "приложен", "застосун", "اپلیکیشن", "تطبيق", "客户端",
            "アプリ"),
    "post": ("(@", "twitter.com", "x.com/", "instagram.com", "shared by", "geteilt von", "partagée par",
             "compartida por", "condiviso da", "udostępniony", "gönderi"),
    "hover": ("new window", "new tab", "neuem fenster", "neuen fenster", "nouvelle fenêtre", "nouvel onglet",
              "nueva ventana", "nueva pestaña", "nuova finestra", "nuova scheda", "nowym oknie",
              "nowej karcie", "новом окне", "новой вкладке", "новому вікні", "новій вкладці", "external link",
              "externer link", "lien externe", "enlace externo", "link esterno", "link copied",
              "link kopiert", "lien copié", "enlace copiado"),
    "template": ("{*", "{{", "[website]", "[ edit", "[edit"),
    "posted": ("posted", "updated", "published"),
    "caption_end": ("photo:", "image:", "foto:", "fot.:", "view full caption", "摄"),
}  # fmt: skip

# Reporting verbs: the softer rules never remove a line or sentence that reports something.
_REPORTING = _rx(
    r"\b(?:said|says|told|according to|reported|announced|stated|added|confirmed|claimed|wrote|posted"
    r"|sagte|sagt|erklärte|teilte|berichtete|laut|zufolge|a déclaré|a dit|selon|a affirmé|a annoncé|dijo"
    r"|según|afirmó|declaró|informó|ha detto|secondo|ha dichiarato|ha affermato|powiedział|powiedziała"
    r"|według|poinformował|заявил|сообщил|сказал|по словам|по данным|заявив|повідомив|за словами"
    r"|dedi|açıkladı|bildirdi|göre|disse|segundo|afirmou|zei|volgens|meldde)\b"
    r"|表示|称|据|说|قال|أعلن|وفقا|بحسب|أكد|گفت|اعلام کرد|によると|述べた"
)


_SCRIPTS = {
    "latin": re.compile("[\u00c0-\u024f]"),
    "cyrillic": re.compile("[\u0400-\u04ff]"),
    "arabic": re.compile("[\u0600-\u06ff]"),
    "cjk": re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]"),
}


def _script(needle: str) -> str:
    for name, rx in _SCRIPTS.items():
        if rx.search(needle):
            return name
    return "ascii"


_NEEDLE_SCRIPTS = {gate: tuple((n, _script(n)) for n in ns) for gate, ns in _NEEDLES.items()}


class _Gates(dict[str, tuple[str, ...]]):
    """The needles of each gate that occur in one article (computed on first use); lines then test only
    those, usually none. Only needles written in a script that the article uses are looked for."""

    __slots__ = ("low", "needles")

    def __init__(self, text: str) -> None:
        super().__init__()
        self.low = _low(text)
        scripts = ["ascii"]
        if not text.isascii():
            scripts.extend(name for name, rx in _SCRIPTS.items() if rx.search(text))
        self.needles = _needles_for(frozenset(scripts))

    def __missing__(self, gate: str) -> tuple[str, ...]:
        low = self.low
        found = self[gate] = tuple(n for n in self.needles[gate] if n in low)
        return found

    def has(self, low: str, gate: str) -> bool:
        for n in self[gate]:
            if n in low:
                return True
        return False


@functools.lru_cache(maxsize=32)
def _needles_for(scripts: frozenset[str]) -> dict[str, tuple[str, ...]]:
    return {gate: tuple(n for n, sc in pairs if sc in scripts) for gate, pairs in _NEEDLE_SCRIPTS.items()}


def _ignore(_: object) -> None:
    return None


@dataclass
class _Unit:
    text: str
    indent: int
    block: int


def _split_units(text: str) -> list[_Unit]:
    """Non-empty lines with their indentation and block (blank-line separated) number.

    A block that looks hard-wrapped (three or more lines of similar width, most of them not ending a
    sentence) is joined into one line; a block of ``| cell | cell |`` table rows is not.
    """
    units: list[_Unit] = []
    block: list[str] = []
    nblock = 0

    def flush() -> None:
        nonlocal nblock
        if not block:
            return
        lines = [_squash(x) for x in block]
        joined = False
        if len(block) >= 3 and max(len(x) for x in block) <= 100 and not _TABLE_ROW.match(lines[0]):
            open_ends = sum(1 for x in lines[:-1] if len(x) >= 40 and not x.endswith(_TERMINAL))
            joined = open_ends >= 0.6 * (len(lines) - 1)
        if joined:
            units.append(_Unit(" ".join(lines), len(block[0]) - len(block[0].lstrip(" ")), nblock))
        else:
            for raw, line in zip(block, lines, strict=True):
                units.append(_Unit(line, len(raw) - len(raw.lstrip(" ")), nblock))
        block.clear()
        nblock += 1

    for raw in text.split("\n"):
        if raw.strip():
            block.append(raw.rstrip())
        else:
            flush()
    flush()
    return units


def _nav_runs(units: list[_Unit]) -> set[int]:
    """Indexes of navigation menus: four or more consecutive lines of one or two words (mostly one),
    without digits or final punctuation ("Home / World / Business / Sport")."""
    out: set[int] = set()
    run: list[int] = []
    singles = 0
    for k, u in enumerate([*units, _Unit(".", 0, -1)]):
        t = u.text
        nw = len(t.split())
        if nw <= 2 and len(t) <= 30 and not t.endswith(_TERMINAL) and not any(c.isdigit() for c in t):
            run.append(k)
            singles += nw == 1
            continue
        if len(run) >= 4 and singles >= 0.75 * len(run):
            out.update(run)
        run = []
        singles = 0
    return out


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, the end including the whitespace that follows it."""
    spans = []
    start = 0
    for m in _SENT_END.finditer(text):
        if start < m.end() < len(text):
            spans.append((start, m.end()))
            start = m.end()
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


_SENT_SEPS_ASCII = (". ", "! ", "? ", '." ', '?" ')
_SENT_SEPS = (*_SENT_SEPS_ASCII, '!" ', ".” ", "?” ", "!” ", ".» ", "。", "！", "？", "؟ ", "… ")


def _last_sentence_start(text: str) -> int:
    """Start of the last sentence of ``text`` (0 if it has only one)."""
    end = len(text.rstrip()) - 1
    best = 0
    for sep in _SENT_SEPS_ASCII if text.isascii() else _SENT_SEPS:
        k = text.rfind(sep, 0, end)
        if k >= 0 and k + len(sep) > best:
            best = k + len(sep)
    return best


_GLUED = re.compile(r"[.!?](?=[A-Z][a-z])")


def _unglue(line: str) -> str:
    """'police said.Authorities said' -> 'police said. Authorities said' (scrapes that lost the space)."""

    def fix(m: re.Match[str]) -> str:
        a = m.start()
        prev = line[max(0, a - 2) : a]
        return m.group() + " " if len(prev) == 2 and prev.isalpha() and prev.islower() else m.group()

    return _GLUED.sub(fix, line)


class _Line:
    """One line under test, with the derived forms the rules need (computed once)."""

    __slots__ = ("text", "low", "bare", "bare_low", "words", "gates", "anchored", "soft")

    def __init__(self, text: str, gates: _Gates) -> None:
        self.gates = gates
        self.anchored = False  # set by _rule: the line starts like a line-start rule
        self.soft = False  # set by _rule: a soft rule matched somewhere in a paragraph of several sentences
        self.text = text
        self.low = _low(text)
        self.bare = _BULLET.sub("", text) if text[:1] in _BULLET_CHARS else text
        self.bare_low = _BULLET.sub("", self.low) if text[:1] in _BULLET_CHARS else self.low
        self.words = _nwords(text)

    def has(self, gate: str) -> bool:
        needles = self.gates[gate]
        if needles:
            low = self.low
            for n in needles:
                if n in low:
                    return True
        return False

    def reports(self) -> bool:
        return _REPORTING.search(self.low) is not None


# --------------------------------------------------------------------------------------------------
# The cleaners
# --------------------------------------------------------------------------------------------------


class BoilerplateCleaner:
    """The default clean stage: rule-based, per line with sentence-aware checks, multilingual.

    ``language`` is only a hint: the rules of all supported languages always apply, because scrapes mix
    languages and a detected language can be wrong. ``extra_patterns`` are additional regular expressions
    (case-insensitive, searched in each line; anchor them with ``^``) whose lines are removed; ``dedupe``
    drops exact repeated paragraphs; with ``keep_quoted`` false, embedded posts are removed, not quoted.
    ``extracted_formats`` are the input formats whose text an extractor already took out of a page
    (see the module doc): for them repeated paragraphs, bare URL lines and table rows are kept.
    """

    def __init__(
        self,
        *,
        extra_patterns: Sequence[str] = (),
        dedupe: bool = True,
        keep_quoted: bool = True,
        max_related_items: int = 8,
        extracted_formats: Sequence[str] = EXTRACTED_FORMATS,
    ) -> None:
        self._extra = [re.compile(p, re.IGNORECASE) for p in extra_patterns]
        self.dedupe = dedupe
        self.keep_quoted = keep_quoted
        self.max_related_items = max_related_items
        self.extracted_formats = frozenset(extracted_formats)

    def clean(self, text: str, language: str | None = None, *, fmt: str | None = None) -> Cleaned:
        """Clean ``text``; ``language`` is a hint, ``fmt`` the input format (``html``: extracted text)."""
        if not isinstance(text, str):
            raise CleanError(f"expected text as str, got {type(text).__name__}")
        return self._run(text, None, fmt in self.extracted_formats)

    def explain(self, text: str, fmt: str | None = None) -> list[tuple[str, str]]:
        """What happens to each line: ``(decision, line)`` with decision ``keep``, ``quote``, ``dedupe``,
        ``edit`` (sentences removed) or the name of the rule that removed the line. For audits."""
        trace: list[tuple[str, str]] = []
        self._run(text, trace, fmt in self.extracted_formats)
        return trace

    # -- line loop --------------------------------------------------------------------------------

    def _run(self, text: str, trace: list[tuple[str, str]] | None, extracted: bool) -> Cleaned:
        norm = normalize_text(text)
        gates = _Gates(norm)
        units = _split_units(norm)
        body: list[str] = []
        quoted: list[str] = []
        removed: list[str] = []
        seen: set[str] = set()
        related_left = 0  # > 0 right after a related-links heading
        header_zone = True  # before the first real paragraph
        base_indent = min((u.indent for u in units), default=0)
        n = len(units)
        i = 0

        note = trace.append if trace is not None else _ignore

        nav = _nav_runs(units)
        dedupe = self.dedupe and not extracted
        while i < n:
            unit = units[i]
            i += 1
            if i - 1 in nav:
                removed.append(unit.text)
                note(("nav", unit.text))
                continue
            if extracted and _TABLE_ROW.match(unit.text):
                body.append(unit.text)
                note(("keep", unit.text))
                continue
            ln = _Line(unit.text, gates)

            if "@" in ln.text or "twitter.com" in ln.low or "instagram.com" in ln.low:
                # An embedded post: an "@handle - date" header and the post's lines under it ...
                if _POST_HEADER.match(ln.low) and (unit.indent > base_indent or ln.words <= 8):
                    parts = [ln.text]
                    while (
                        i < n
                        and units[i].block == unit.block
                        and (
                            units[i].indent > base_indent or (unit.indent == base_indent and len(parts) == 1)
                        )
                    ):
                        parts.append(units[i].text)
                        i += 1
                    self._quote(quoted, removed, "\n".join(parts))
                    note(("quote", "\n".join(parts)))
                    continue
                # ... or a line with a post link or a "— Name (@handle) date" signature.
                if ln.has("post") and (_POST_TAIL.search(ln.low) or _POST_MARKER.search(ln.low)):
                    self._quote(quoted, removed, ln.text)
                    note(("quote", ln.text))
                    continue

            if related_left and self._related_item(ln):
                removed.append(ln.text)
                note(("related-list", ln.text))
                related_left -= 1
                continue
            related_left = 0
            if _RELATED_HEADINGS.match(ln.bare_low):
                removed.append(ln.text)
                note(("related-heading", ln.text))
                related_left = self.max_related_items
                continue

            rule = self._rule(ln, header_zone)
            if rule == "template-url" and extracted and _URL_ONLY.match(ln.low):
                rule = None  # a link written out in the article, not a leftover of the page's markup
            if rule:
                removed.append(ln.text)
                note((rule, ln.text))
                continue

            line = self._strip_sentences(ln, removed)
            if not line:
                note(("edit", ln.text))
                continue
            if line != ln.text:
                rest = _Line(line, gates)
                rule = self._rule(rest, header_zone)
                if rule and not rest.soft:  # what is left is boilerplate too ("Accept all")
                    removed.append(line)
                    note((rule, line))
                    continue
            if dedupe:
                key = _fold(line)
                if key in seen:
                    removed.append(line)
                    note(("dedupe", line))
                    continue
                seen.add(key)
            body.append(line)
            note(("keep" if line == ln.text else "edit", line))
            if header_zone and (ln.words >= 25 or (ln.words >= 10 and line.endswith(_TERMINAL))):
                header_zone = False

        logger.debug(
            "clean: %d lines, %d kept, %d quoted, %d removed", n, len(body), len(quoted), len(removed)
        )
        return Cleaned(body="\n\n".join(body), quoted=quoted, removed=removed)

    def _quote(self, quoted: list[str], removed: list[str], post: str) -> None:
        (quoted if self.keep_quoted else removed).append(post)

    @staticmethod
    def _related_item(ln: _Line) -> bool:
        """A line in a list of related headlines: a bullet, or short without final punctuation."""
        if ln.bare != ln.text and ln.words <= 25:
            return True
        return ln.words <= 16 and not ln.text.endswith((".", "。", "!", ":", "»", '"', "”"))

    # -- line rules -------------------------------------------------------------------------------

    def _rule(self, ln: _Line, header_zone: bool) -> str | None:  # noqa: C901 - a flat list of rules
        """The name of the rule that removes this line, or None."""
        words, low, bare_low = ln.words, ln.low, ln.bare_low
        if words <= 12:
            rule = self._short_rule(ln, header_zone)
            if rule:
                return rule
        elif not _LETTER.search(ln.text):
            return "no-letters"
        if ln.has("template") and _TEMPLATE.search(low):
            return "template-url"
        # Rules anchored at the start of the line: one combined match decides whether any can apply.
        if _ANCHORED.match(bare_low) or (bare_low.startswith(_CTA_CASED_FIRST) and _CTA_CASED.match(ln.bare)):
            ln.anchored = True
            rule = self._anchored_rule(ln)
            if rule:
                return rule
        if words <= 80 and self._caption_cut(ln.text, ln.gates) is not None:
            return "caption"
        rule = self._soft_rule(ln)
        if rule:
            if _last_sentence_start(ln.text) <= 0:
                return rule
            ln.soft = True  # several sentences: _strip_sentences removes only the matching ones
        if 12 < words <= 20:
            if self._is_contact(ln):
                return "contact"
            if self._is_share_bar(ln):
                return "share"
        if words <= 20 and ("|" in ln.text or "/" in ln.text) and self._is_ui_row(ln):
            return "share"
        if self._extra and any(p.search(ln.text) for p in self._extra):
            return "extra"
        return None

    @staticmethod
    def _soft_rule(ln: _Line) -> str | None:
        """Rules that look for cues anywhere in the text; applied per sentence in longer paragraphs."""
        words, low = ln.words, ln.low
        if words <= 25:
            if (ln.has("us") and _FOLLOW_US.search(low)) and _MEDIUM.search(low) and not ln.reports():
                return "follow"
            if ln.has("app") and _APP.search(low) and _APP_CUE.search(low) and _APP_VERB.search(low):
                if not ln.reports():
                    return "app"
        if words <= 40 and ln.has("captcha") and _CAPTCHA.search(low):
            return "captcha"
        if (
            words <= 70
            and ln.has("copyright")
            and _COPYRIGHT.search(low)
            and _is_copyright(low, words, ln.reports)
        ):
            return "copyright"
        if words <= 60 and ln.has("newsletter") and _NEWSLETTER_CTA.search(low) and not ln.reports():
            return "newsletter"
        if words <= 90 and ln.has("cookie") and _COOKIE_CTX.search(low) and not ln.reports():
            return "cookie"
        if words <= 30 and ln.has("click") and _CLICK_HERE.search(low):
            return "click-here"
        return None

    def _short_rule(self, ln: _Line, header_zone: bool) -> str | None:
        """Rules for lines of at most 12 words."""
        if _key(ln.text) in _UI_LINES:
            return "ui"
        if not _LETTER.search(ln.text):
            return "no-letters"
        if _AGENCY_ONLY.match(ln.low):
            return "credit"
        if self._is_byline(ln):
            return "byline"
        if _COMMENT_COUNT.match(ln.bare_low):
            return "widget"
        if self._is_contact(ln):
            return "contact"
        if self._is_share_bar(ln):
            return "share"
        if self._is_meta_row(ln, header_zone):
            return "meta"
        return None

    def _anchored_rule(self, ln: _Line) -> str | None:
        words, low, bare_low = ln.words, ln.low, ln.bare_low
        if _URL_ONLY.match(low):
            return "template-url"
        if words <= 30 and _RELATED_PREFIX.match(bare_low):
            return "related"
        if words <= 60 and (
            _CTA.match(bare_low) or (bare_low.startswith(_CTA_CASED_FIRST) and _CTA_CASED.match(ln.bare))
        ):
            if not ln.reports():
                return "call-to-action"
        if words <= 25 and _FOLLOW_START.match(bare_low) and _MEDIUM.search(low) and not ln.reports():
            return "follow"
        if words <= 80 and (_CAPTION_PREFIX.match(bare_low) or _CAPTION_HEAD.match(bare_low)):
            return "caption"
        if words <= 40 and _CREDIT_LINE.match(bare_low):
            return "credit"
        if _VIDEO.match(bare_low):
            return "widget"
        if words <= 20 and _PLAYLIST.match(low) and not low.endswith("."):
            return "widget"
        if words <= 40 and (_HASHTAGS.match(low) or (_TAGS.match(bare_low) and not low.endswith(_TERMINAL))):
            return "tags"
        if words <= 25 and _META.match(bare_low):
            return "meta"
        if words <= 70 and _COPYRIGHT.match(low) and _is_copyright(low, words, ln.reports):
            return "copyright"
        return None

    @staticmethod
    def _caption_cut(line: str, gates: _Gates) -> int | None:
        """Where a trailing photo credit starts ('... (Photo: AFP)', '... Photo: Jane Doe'), or None."""
        t = line.rstrip(". ")
        if t.endswith((")", "]", "）")):
            start = max(t.rfind("("), t.rfind("["), t.rfind("（"))
            if start >= 0 and _CAPTION_TAIL.match(_low(t[start:])):
                return start
        low = _low(line)
        if gates.has(low, "caption_end"):
            m = _CAPTION_CREDIT_END.search(line)
            if m:
                return m.start()
            m = _CAPTION_TAIL.search(low)
            if m and len(low) == len(line):
                return m.start()
        return None

    @staticmethod
    def _is_byline(ln: _Line) -> bool:
        if _BYLINE_SOLO.match(ln.bare_low):
            return not ln.text.endswith(_TERMINAL)
        m = _BYLINE.match(ln.bare_low)
        if not m:
            return False
        rest = ln.bare[m.end() :] if len(ln.bare) == len(ln.bare_low) else ln.bare_low[m.end() :]
        if not rest or (rest.endswith(_TERMINAL) and not re.search(r"\b[A-Z]\.$", rest)):
            return False
        if _BYLINE_NOUN.search(_low(rest)):
            return True
        tokens = [t for t in re.split(r"[\s,|·/&-]+", rest) if t]
        cased = [t for t in tokens if t[:1].isalpha() and (t[:1].isupper() or t[:1].islower())]
        if not cased:
            return True  # caseless scripts (Arabic, CJK): a short line after a byline word
        return all(t[:1].isupper() or t.lower() in _BYLINE_FILLERS for t in cased)

    @staticmethod
    def _is_contact(ln: _Line) -> bool:
        """Author contact lines: e-mail addresses, phone numbers, handles (and "Name:" before them)."""
        if "@" in ln.text:
            if _CONTACT_HEAD.match(ln.text):
                return True
        elif "twitter.com" not in ln.low and not _PHONE.search(ln.text):
            return False
        rest = _PHONE.sub(" ", ln.low)
        rest = re.sub(r"^[\w .'’-]{1,40}:\s", " ", rest)  # "Dan Scanlan: (904) 359-4549"
        toks = [t.rstrip(".,;") for t in rest.split()]
        return all(_CONTACT_TOKEN.match(t) for t in toks if t)

    @staticmethod
    def _is_share_bar(ln: _Line) -> bool:
        toks = [t for t in _SPLIT_TOKENS.split(_fold(ln.text)) if t and not t.isdigit()]
        if not toks:
            return False
        named = False
        for t in toks:
            if t in _SOCIAL_NAMES:
                named = True
            elif t not in _SOCIAL_FILLER:
                return False
        return named or (len(toks) <= 4 and toks[0] in _SHARE_WORDS)

    @staticmethod
    def _is_ui_row(ln: _Line) -> bool:
        """'Share | Comment | Print' rows: every part is a UI word."""
        parts = re.split(r"\s*[|/·•]\s*", ln.text)
        return len(parts) >= 2 and all(_key(p) in _UI_LINES for p in parts if p.strip())

    @staticmethod
    def _is_meta_row(ln: _Line, header_zone: bool) -> bool:
        """'Outlet | Section | 3 min' rows, and 'Outlet - Section' rows at the top of the text."""
        line = ln.text
        if line.endswith(_TERMINAL) and not line.endswith(("Min.", "min.", "мин.")):
            return False
        parts = re.split(r"\s+[|·•]\s+", line)
        if len(parts) >= 3 or (header_zone and len(parts) == 2):
            return all(_nwords(p) <= 5 for p in parts)
        if header_zone and not re.search(r"[\"“”«»:?!]", line):
            parts = re.split(r"\s+[-–—/]\s+", line)
            return len(parts) == 2 and all(_nwords(p) <= 3 for p in parts)
        return False

    # -- sentence rules ---------------------------------------------------------------------------

    def _strip_sentences(self, ln: _Line, removed: list[str]) -> str:
        """Remove boilerplate sentences and inline residue from a kept paragraph."""
        line = ln.text
        if ln.has("hover") and _HOVER.search(line):
            line = _HOVER.sub("", line).strip()
        if ln.has("posted"):
            new = _POSTED_INLINE.sub("", line).strip()
            if new != line:
                removed.append(line)
                line = new
        if "." in line:
            line = _unglue(line)
        cut = self._caption_cut(line, ln.gates) if ln.words > 80 or line is not ln.text else None
        if cut:
            # A long paragraph that ends with a photo credit: keep the text, drop the credit.
            removed.append(line[cut:].strip())
            line = line[:cut].rstrip()
        # Boilerplate sentences sit at the end of a paragraph ("... Check back for updates."), sometimes
        # at its start; in the middle only "click here" prompts are looked for.
        for _ in range(3):
            start = _last_sentence_start(line)
            if start <= 0 or not self._boilerplate_sentence(line[start:], True, ln.gates):
                break
            removed.append(line[start:].strip())
            line = line[:start].rstrip()
        for _ in range(2 if ln.anchored and self._starts_with_cta(line) else 0):
            m = _SENT_END.search(line, 0, 400)
            if (
                m is None
                or m.end() >= len(line)
                or not self._boilerplate_sentence(line[: m.end()], False, ln.gates)
            ):
                break
            removed.append(line[: m.end()].strip())
            line = line[m.end() :]
        if ln.soft or ln.has("click"):
            keep = []
            for a, b in _sentence_spans(line):
                sent = line[a:b]
                if self._soft_rule(_Line(sent.strip(), ln.gates)):
                    removed.append(sent.strip())
                else:
                    keep.append(sent)
            line = "".join(keep)
        return line.strip()

    @staticmethod
    def _starts_with_cta(text: str) -> bool:
        low = _BULLET.sub("", _low(text[:120]))
        return bool(
            _CTA.match(low)
            or _CREDIT_LINE.match(low)
            or (low.startswith(_CTA_CASED_FIRST) and _CTA_CASED.match(_BULLET.sub("", text)))
            or (low.startswith(("(c)", "©", "copyright")))
        )

    @staticmethod
    def _boilerplate_sentence(sent: str, is_last: bool, gates: _Gates) -> bool:
        sent = sent.strip()
        words = _nwords(sent)
        if words > 40:
            return False
        low = _low(sent)
        bare_low = _BULLET.sub("", low)
        if (_CTA.match(bare_low) or (bare_low.startswith(_CTA_CASED_FIRST) and _CTA_CASED.match(sent))) and (
            not _REPORTING.search(low)
        ):
            return True
        if words <= 30 and gates.has(low, "click") and _CLICK_HERE.search(low):
            return True
        if words <= 25 and (
            _CREDIT_LINE.match(bare_low) or (gates.has(low, "copyright") and _COPYRIGHT.search(low))
        ):
            return True
        return is_last and words <= 25 and _RELATED_PREFIX.match(bare_low) is not None


class PassThroughCleaner:
    """A clean stage that removes nothing: Unicode and whitespace are normalised, one paragraph a line."""

    def clean(self, text: str, language: str | None = None, *, fmt: str | None = None) -> Cleaned:
        if not isinstance(text, str):
            raise CleanError(f"expected text as str, got {type(text).__name__}")
        paras = (_squash(line) for line in normalize_text(text).split("\n"))
        return Cleaned(body="\n\n".join(p for p in paras if p))


_DEFAULT = BoilerplateCleaner()


def clean(text: str, language: str | None = None, *, fmt: str | None = None) -> Cleaned:
    """Clean ``text`` with a shared default :class:`BoilerplateCleaner`."""
    return _DEFAULT.clean(text, language, fmt=fmt)
