"""What a question asks for: its language, the kind of answer, its key terms.

Classic question analysis, in English and French: "how much", "combien",
"when", "quand", "who", "qui" announce an amount, a number, a date or a person,
and a sentence that lacks one cannot answer. The key terms are the
question's own content words and names; a name the corpus never mentions
("GDPR", "Discord") is the clearest sign that the corpus cannot answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .language import detect_question_language
from .textnorm import fold


def _wordlist(text: str) -> frozenset[str]:
    return frozenset(fold(w) for w in text.split())


# Words that shape a question but are never what it is about.
QUESTION_WORDS = _wordlist(
    """
    what which who whom whose when where why how much many does did do is are was were has have had can could
    would should will shall may might according per say says said tell told name list give explain describe
    kind type sort exactly actually really also still ever yet roughly approximately particular besides apart
    quoi quel quelle quels quelles qui que qu quand où comment combien pourquoi lequel laquelle lesquels
    lesquelles est-ce selon dont dit dire indique indiqué elle il ils elles on fait faire a-t-il a-t-elle ont-
    ils sont-ils était étaient sont été avait avaient aussi encore déjà exactement particulier notamment
    """
)

# Small words inside a name: "Corée du Sud", "Union des métiers de l'influence".
NAME_CONNECTORS = frozenset("de du des la le les d of the for pour".split())

# "Who is Linda Yaccarino?" asks for a description; "Who is the EU's tech commissioner?" for a name.
_WHO_IS = re.compile(
    r"^(who is|who was|who are|qui est|qui etait|qui sont)\s+(?!(the|a|an|le|la|les|l'|un|une)\b)[^,?]{1,40}\??$"
)

# Auxiliaries end the noun phrase after "how many": "how many experts | did ...".
_AUX = _wordlist(
    """
    did do does were was are is have has had will would can could took take were ont a sont etait etaient
    avait avaient ete a-t-il a-t-elle ont-ils sont-ils compte comptait y
    """
)

_MONTHS = _wordlist(
    """
    january february march april may june july august september october november december jan feb mar apr jun
    jul aug sep sept oct nov dec janvier fevrier mars avril mai juin juillet aout septembre octobre novembre
    decembre
    """
)
_WEEKDAYS = _wordlist(
    """
    monday tuesday wednesday thursday friday saturday sunday lundi mardi mercredi jeudi vendredi samedi
    dimanche
    """
)
# Words that state a count. Not "un"/"une" (in French nearly always an article) nor
# ordinals ("first opened", "premier"): a sentence holding only those answers no "how many".
_NUMBER_WORDS = _wordlist(
    """
    one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty hundred hundreds
    thousand thousands million millions billion billions dozen dozens deux trois
    quatre cinq six sept huit neuf dix onze douze vingt trente quarante cinquante cent cents mille milliers
    million millions milliard milliards dizaine dizaines centaine centaines
    """
)

_MONEY = re.compile(
    r"(\d[\d\s.,\u00a0\u202f]*\s*(?:million|millions|milliard|milliards|billion|billions|bn|m|k)?\s*"
    r"(?:d['’]\s*)?(?:euros?|€|eur|dollars?|\$|usd|£|pounds?|livres?|won|yuan|yen))"
    r"|((?:€|\$|£)\s?\d)",
    re.IGNORECASE,
)
_AGE = re.compile(
    r"\b\d{1,3}\s*(?:ans\b|years?[- ]old\b|-year-old\b)|\baged\s+\d{1,3}\b|\bage(?:d)? of \d{1,3}\b|\bagee? de \d{1,3}\b",
    re.IGNORECASE,
)
_PERCENT = re.compile(r"\d[\d.,]*\s*(?:%|pour\s?cent|per\s?cent|percent)", re.IGNORECASE)
_NUMBER = re.compile(r"\b\d[\d,.\u00a0\u202f]*\b")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_NAME = re.compile(r"\b([A-ZÀ-Ý][\w’'-]+(?:\s+(?:de\s+|du\s+|van\s+|von\s+|le\s+|la\s+|el\s+)?[A-ZÀ-Ý][\w’'-]+)+)")

# Answer types, with the question cues (accent-folded regexes) that announce them.
_TYPE_CUES: list[tuple[str, str]] = [
    ("percent", r"\b(what|which) (percentage|share|proportion)\b|\bpourcentage\b|\bquelle part\b|\bshare of\b"),
    (
        "money",
        r"\bhow much\b.*\b(fine|fined|pay|paid|cost|worth|penalt|amount)|\b(fine|fined|fines|penalty|penalties)\b"
        r".*\b(how much|amount|size|large|big)|\bhow (large|big|high|heavy|hefty|steep)\b[^?]{0,40}\b(fine|fines|penalty|penalties)\b"
        r"|\b(what|which) (sum|amount)\b|\bquelle somme\b"
        r"|\bwhat (fine|fines|penalty|penalties|amount)\b|\bmontant\b|\bcombien\b.*\b(amende|paye|coute|verse)"
        r"|\bquelle amende\b|\bquelles amendes\b|\bhow much\b.*\b(euro|dollar|money)|\bcost\b",
    ),
    ("age", r"\bhow old\b|\bquel age\b|\bage\b.*\?$"),
    ("number", r"\bhow many\b|\bcombien de\b|\bcombien d'|\bnumber of\b|\bnombre de\b|\bhow much\b"),
    (
        "date",
        r"^when\b|\bwhen (was|were|did|is|are|will|had|has)\b|\bwhat (date|day|year|month|time)\b|\bwhich (date|day|year|month|weekday)\b"
        r"|\bon what day\b|\bsince when\b|\bquand\b|\bquelle (date|annee|jour)\b|\bquel (jour|mois)\b|\ba quelle date\b"
        r"|\bdepuis quand\b|\ben quelle annee\b|\bdepuis quelle date\b|\bde quand\b|\bdatent\b",
    ),
    (
        "person",
        r"^who\b|\bwho (is|was|are|were|did|said|ran|leads|led|heads|carried)\b|\bwhich\b[^?]{0,30}\b(person|minister|president|official|"
        r"commissioner|politician|politicians|lawmaker|mp|mps|judge|prosecutor|ceo|executive|journalist|streamer|youtuber|influencer|deputy)\b"
        r"|^qui\b|(?<!qu'est-ce )\bqui (est|etait|sont|dirige)\b"
        r"|\bquel(le)?s?\b[^?]{0,30}\b(ministre|president|commissaire|depute|deputes|responsable|procureure?|juge|journaliste|streameur"
        r"|youtubeur|influenceur)\b|\bcomment s'appelle\b|\bnom de\b|\bname of\b",
    ),
]


@dataclass
class Question:
    text: str
    language: str
    answer_type: str | None
    # Content words (folded) and names/acronyms/numbers as written.
    content_words: list[str] = field(default_factory=list)
    entities: list[str] = field(default_factory=list)
    numbers: list[str] = field(default_factory=list)
    # What a "how many" question counts ("employees" in "how many X employees were summoned").
    counted: list[str] = field(default_factory=list)
    # Names as written, joined across connectors: "Corée du Sud", "Digital Markets Act".
    names: list[str] = field(default_factory=list)


def analyse(text: str, language: str | None = None) -> Question:
    folded = fold(text)
    qtype = None
    for name, cue in _TYPE_CUES:
        if re.search(cue, folded):
            qtype = name
            break
    if qtype == "person" and _WHO_IS.match(folded):
        qtype = None  # "Who is Linda Yaccarino?" asks for a description, not a name
    from .lexical import stopwords

    stop = stopwords("en") | stopwords("fr")
    tokens = re.findall(r"[^\W_]+(?:[-'’][^\W_]+)*", text)
    entities = []
    names: list[list[str]] = []
    run_open = False
    for i, tok in enumerate(tokens):
        bare = re.split(r"['’]", tok)[-1]
        if run_open and tok.lower() in NAME_CONNECTORS and i + 1 < len(tokens) and tokens[i + 1][:1].isupper():
            names[-1].append(tok)
            continue
        is_name = False
        if bare and fold(bare) not in QUESTION_WORDS and bare.lower() not in stop:
            is_acronym = len(bare) >= 2 and bare.isupper()
            inner_capital = any(ch.isupper() for ch in bare[1:])  # TikTok, AliExpress
            is_name = is_acronym or bare == "X" or (bare[0].isupper() and (i > 0 or inner_capital))
        if is_name:
            entities.append(bare)
            if run_open:
                names[-1].append(bare)
            else:
                names.append([bare])
        run_open = is_name
    bare_tokens = [re.split(r"['’]", t)[-1] for t in tokens]
    content = [
        fold(t)
        for t in bare_tokens
        if fold(t) not in QUESTION_WORDS and t.lower() not in stop and len(t) > 2 and not t.isdigit()
    ]
    counted = []
    named = {fold(e) for e in entities}
    m = re.search(r"\b(how many|combien d(?:e|')|number of|nombre de)\s*(.+)", folded)
    if m:
        french = m.group(1) not in {"how many", "number of"}
        phrase = []
        for w in re.findall(r"[a-z0-9'-]+", m.group(2)):
            if w in _AUX or (phrase and french and w in named):  # "combien de plateformes | Bruxelles a-t-elle"
                break
            if w not in stop and w not in QUESTION_WORDS and len(w) > 2 and w != "x":
                phrase.append(w)
        # The counted noun: English puts it last ("X employees"), French first ("cas liés").
        if phrase:
            counted = phrase[:3] if french else [phrase[-1]]
    return Question(
        text=text,
        language=language or detect_question_language(text),
        answer_type=qtype,
        content_words=content,
        entities=list(dict.fromkeys(entities)),
        numbers=_NUMBER.findall(text),
        counted=counted,
        names=list(dict.fromkeys(" ".join(n) for n in names)),
    )


_DURATION_UNITS = ("seconde", "minute", "heure", "jour", "semaine", "mois", "an", "annee", "decennie", "siecle")


def _counted_article(folded: str, question: Question) -> bool:
    """A French "un"/"une" is a count only before a unit of time ("une semaine après") or the counted noun."""
    nouns = [*_DURATION_UNITS, *(fold(w) for w in question.counted)]
    alternatives = "|".join(re.escape(n) for n in nouns if n)
    return bool(re.search(rf"\b(?:un|une)\s+(?:seule?\s+)?(?:{alternatives})s?\b", folded))


def sentence_has_type(sentence: str, answer_type: str | None, question: Question) -> bool:
    """Whether a sentence holds an answer of the expected kind that the question does not already give."""
    if answer_type is None:
        return True
    folded = fold(sentence)
    asked_numbers = {n.strip(" .,") for n in question.numbers}
    if answer_type == "money":
        return bool(_MONEY.search(sentence))
    if answer_type == "percent":
        return bool(_PERCENT.search(sentence))
    if answer_type == "age":
        return bool(_AGE.search(folded))
    if answer_type == "number":
        nums = {n.strip(" .,") for n in _NUMBER.findall(sentence)} - asked_numbers
        nums = {n for n in nums if n and not _YEAR.fullmatch(n)}  # a year is a date, not a count
        words = set(re.findall(r"[a-z]+", folded))
        return bool(nums) or bool(words & _NUMBER_WORDS) or _counted_article(folded, question)
    if answer_type == "date":
        words = set(re.findall(r"[a-z]+", folded))
        years = set(_YEAR.findall(sentence)) - asked_numbers
        return (
            bool(years)
            or bool(words & (_MONTHS | _WEEKDAYS))
            or bool(
                re.search(
                    r"\b(yesterday|today|tomorrow|(last|next|this|end of the|end of|start of the) (week|year|month)"
                    r"|hier|aujourd'hui|demain|l'an (dernier|prochain)|l'annee (derniere|prochaine)|(fin|debut|milieu) de l'annee"
                    r"|cette annee|ce mois|la semaine (derniere|prochaine)|dernier|derniere)\b",
                    folded,
                )
            )
        )
    if answer_type == "person":
        asked = {fold(e) for e in question.entities}
        for m in _NAME.finditer(sentence):
            parts = {fold(p) for p in m.group(1).split()}
            if not parts <= asked:
                return True
        return False
    return True
