"""Word lists that give entity-type evidence: person titles, organisation cue words, well-known organisations.

All entries are folded (casefolded, accents stripped, as :func:`storyline.enrich.names._fold` does) so that
they can be compared with folded words of a text. Lists cover the languages of the demo corpus (en fr de es
it pt pl ru tr ar zh ja) and a few neighbours.
"""

from __future__ import annotations

# Titles and roles written in front of a person's name ("President Macron", "M. Macron", "Präsident",
# "президент"). Multi-word titles are handled word by word: every word of "Prime Minister" is listed.
PERSON_TITLES = frozenset(
    """
    mr mrs ms miss dr prof professor sir dame lord lady president vice prime minister secretary general
    chancellor king queen prince princess emir sheikh sultan pope cardinal archbishop bishop imam rabbi
    colonel col gen general captain capt lt lieutenant sergeant sgt admiral commander judge justice senator
    sen rep representative governor gov mayor ambassador envoy spokesman spokeswoman spokesperson director
    chairman chairwoman chair ceo founder coach officer detective inspector deputy
    attorney lawyer agent sheriff councilman councilwoman congressman congresswoman dj
    chief premier actor actress singer rapper star striker coach manager
    herr frau dr prasident prasidentin bundeskanzler bundeskanzlerin kanzler kanzlerin ministerin
    aussenminister aussenministerin innenminister innenministerin ministerprasident regierungschef staatschef
    burgermeister papst konig sprecher sprecherin generalsekretar erzbischof
    m mme mlle monsieur madame president presidente ministre roi reine pape maire premier porte-parole
    secretaire chef
    senor sr sra senora don dona rey reina papa alcalde portavoz secretario presidenta
    signor sig signora ministro sindaco portavoce segretario
    senhor sra primeiro-ministro porta-voz
    pan pani prezydent premier minister ministrem krol papiez rzecznik sekretarz kanclerz kanclerza premiera
    premierem prezydenta ministra
    sayin bay bayan bakan bakani baskan baskani cumhurbaskani sozcu
    президент премьер премьер-министр министр глава мэр король папа господин госпожа генсек генеральный
    секретарь канцлер спикер представитель губернатор посол
    """.split()
)

# Words after a name that show a person ("Macron said", "a déclaré", "сказал").
SPEECH_VERBS = frozenset(
    """
    said says told added asked stated wrote warned announced explained urged
    dit declare a affirme explique annonce
    sagte erklarte sagt betonte
    dijo afirmo declaro explico anadio
    ha detto dichiarato
    disse afirmou declarou
    powiedzial powiedziala oswiadczyl
    сказал сказала заявил заявила отметил отметила сообщил сообщила
    dedi soyledi acikladi
    """.split()
)

# Words that make a capitalised run an organisation ("Ministry of Health", "Croix-Rouge", "Bundesbank").
ORG_WORDS = frozenset(
    """
    ministry department office agency authority commission committee council parliament congress senate
    assembly court tribunal university college school institute institution academy hospital clinic
    foundation fund bank group company corporation corp inc ltd llc plc co association federation union
    organisation organization party front movement army navy force forces police guard brigade service
    services bureau board league club team airlines airline airways news times post press television tv radio
    network church mosque government cabinet embassy consulate programme program alliance coalition
    society centre center network trust council federal national international corps
    ministere agence commission conseil cour universite hopital fondation banque groupe societe parti armee
    gouvernement assemblee tribunal organisation croix-rouge nations unies ecole institut
    ministerium bundesministerium behorde agentur kommission rat gericht universitat krankenhaus stiftung
    bank gruppe partei armee regierung bundestag bundesrat bundeswehr polizei feuerwehr verband
    ministerio agencia comision consejo tribunal universidad hospital fundacion banco grupo partido ejercito
    gobierno congreso policia
    ministero agenzia commissione consiglio tribunale universita ospedale fondazione banca gruppo partito
    esercito governo polizia
    ministerio agencia comissao conselho tribunal universidade fundacao banco grupo partido exercito governo
    policia
    ministerstwo agencja komisja rada sad uniwersytet szpital fundacja bank grupa partia armia rzad policja
    министерство агентство комиссия совет суд университет больница фонд банк группа партия армия
    правительство полиция служба мчс
    bakanligi bakanlik ajansi komisyonu konseyi mahkemesi universitesi hastanesi vakfi bankasi partisi
    ordusu hukumeti kurumu baskanligi
    """.split()
)

# Well-known organisations: canonical English name -> names and acronyms in many languages and scripts.
# Matching is exact on folded text for cased scripts and plain substring for Arabic, Chinese, Japanese.
KNOWN_ORGS: dict[str, tuple[str, ...]] = {
    "United Nations": (
        "UN", "U.N.", "ONU", "UNO", "Vereinte Nationen", "Vereinten Nationen", "Nations unies", "Naciones Unidas",
        "Nazioni Unite", "Nações Unidas", "ONZ", "Organizacja Narodów Zjednoczonych", "ООН",
        "Организация Объединённых Наций", "BM", "Birleşmiş Milletler", "الأمم المتحدة", "联合国", "国連",
        "国際連合",
    ),
    "NATO": ("NATO", "OTAN", "НАТО", "Nato", "حلف شمال الأطلسي", "الناتو", "北约", "北大西洋公約機構"),
    "World Health Organization": (
        "WHO", "OMS", "WHO", "Weltgesundheitsorganisation", "Organisation mondiale de la santé",
        "Organización Mundial de la Salud", "Organizzazione mondiale della sanità", "Światowa Organizacja Zdrowia",
        "ВОЗ", "Всемирная организация здравоохранения", "DSÖ", "Dünya Sağlık Örgütü", "منظمة الصحة العالمية",
        "世界卫生组织", "世卫组织", "世界保健機関",
    ),
    "International Atomic Energy Agency": (
        "IAEA", "AIEA", "IAEO", "МАГАТЭ", "UAEA", "الوكالة الدولية للطاقة الذرية", "国际原子能机构", "国際原子力機関",
    ),
    "European Union": (
        "EU", "E.U.", "UE", "ЕС", "Европейский союз", "Евросоюз", "AB", "Avrupa Birliği", "Europäische Union",
        "Union européenne", "Unión Europea", "Unione europea", "União Europeia", "Unia Europejska",
        "الاتحاد الأوروبي", "欧盟", "欧洲联盟", "欧州連合",
    ),
    "International Committee of the Red Cross": (
        "Red Cross", "ICRC", "CICR", "IKRK", "Croix-Rouge", "Rotes Kreuz", "Roten Kreuz", "Roten Kreuzes",
        "Cruz Roja", "Croce Rossa", "Cruz Vermelha", "Czerwony Krzyż", "Красный Крест", "Красного Креста",
        "Kızılay", "الصليب الأحمر", "红十字会", "赤十字",
    ),
    "International Monetary Fund": (
        "IMF", "FMI", "IWF", "МВФ", "MFW", "Międzynarodowy Fundusz Walutowy", "صندوق النقد الدولي",
        "国际货币基金组织", "国際通貨基金",
    ),
    "World Bank": (
        "World Bank", "Banque mondiale", "Weltbank", "Banco Mundial", "Banca Mondiale", "Bank Światowy",
        "Всемирный банк", "Dünya Bankası", "البنك الدولي", "世界银行", "世界銀行",
    ),
    "UNICEF": ("UNICEF", "Unicef", "ЮНИСЕФ", "اليونيسف", "联合国儿童基金会", "ユニセフ"),
    "UNHCR": ("UNHCR", "HCR", "УВКБ", "مفوضية الأمم المتحدة لشؤون اللاجئين", "联合国难民署"),
    "World Food Programme": ("WFP", "PAM", "ВПП", "برنامج الأغذية العالمي", "世界粮食计划署"),
    "European Central Bank": ("ECB", "BCE", "EZB", "ЕЦБ", "Europäische Zentralbank", "البنك المركزي الأوروبي"),
    "African Union": ("African Union", "AU", "Union africaine", "Африканский союз", "الاتحاد الأفريقي"),
    "Arab League": ("Arab League", "Ligue arabe", "Arabische Liga", "Лига арабских государств", "جامعة الدول العربية"),
    "Hezbollah": ("Hezbollah", "Hisbollah", "Hizbullah", "Hizbollah", "Хезболла", "حزب الله", "真主党"),
    "Hamas": ("Hamas", "Хамас", "حماس", "哈马斯", "ハマス"),
    "Kremlin": ("Kremlin", "Kreml", "Кремль", "Кремля", "الكرملين", "克里姆林宫", "クレムリン"),
    "AFAD": ("AFAD",),
}

# Arabic titles in front of a person's name; a nisba adjective may follow ("الرئيس الفرنسي").
AR_TITLES = (
    "الرئيس", "رئيس الوزراء", "رئيس الحكومة", "وزير", "وزيرة", "الأمين العام", "المستشار", "المستشارة",
    "الملك", "الأمير", "الشيخ", "السيد", "السيدة", "المتحدث", "المتحدثة", "الناطق", "الدكتور", "البابا",
    "رئيسة",
)
# Arabic organisation heads: the next one or two words complete the name ("وزارة الصحة").
AR_ORG_WORDS = ("وزارة", "منظمة", "وكالة", "هيئة", "جامعة", "مجلس", "حزب", "بنك", "صندوق", "مؤسسة", "جمعية")
# Chinese and Japanese titles written after the name ("马克龙总统", "マクロン大統領") or before it.
CJK_TITLES = ("总统", "总理", "首相", "主席", "外长", "部长", "秘书长", "大統領", "首相", "外相", "氏", "事務総長")
