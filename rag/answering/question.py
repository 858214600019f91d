"""What a question asks for: its language, the kind of answer, its key terms.

Classic question analysis, in English and French: "how much", "combien",
"when", "quand", "who", "qui" announce an amount, a number, a date or a person,
and a sentence that lacks one cannot answer. The key terms are the
question's own content words and names; a name the corpus never mentions
("GDPR", "Discord") is the clearest sign that the corpus cannot answer.
"""

from __future__ import annotations

import re
from functools import cache

from ..text.language import detect_question_language
from ..text.lexicon import currency_codes, currency_signs, currency_words, is_count_word, months, weekdays
from ..text.textnorm import fold
from ..types import Question


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
    did do does were was are is have has had will would can could shall should may might ont a sont etait etaient
    avait avaient ete a-t-il a-t-elle ont-ils sont-ils y
    """
)

# Month names wide and abbreviated ("Jan", "sept"), weekday names wide ("Sun" and "mar" are words too).
_MONTH_WIDTHS = ("wide", "abbreviated")

_AGE = re.compile(
    r"\b\d{1,3}\s*(?:ans\b|years?[- ]old\b|-year-old\b)|\baged\s+\d{1,3}\b|\bage(?:d)? of \d{1,3}\b|\bagee? de \d{1,3}\b",
    re.IGNORECASE,
)
# An age in words: "at age seven", "aged five", "at the age of fifty", "eight years old".
_AGE_IN_WORDS = re.compile(r"\b(?:age of|aged|agee? de|age)\s+([a-z]+)\b|\b([a-z]+)[- ]years?[- ]old\b")
_PERCENT = re.compile(r"\d[\d.,]*\s*(?:%|pour\s?cent|per\s?cent|percent)", re.IGNORECASE)
_NUMBER = re.compile(r"\b\d[\d,.\u00a0\u202f]*\b")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_NAME = re.compile(r"\b([A-ZÀ-Ý][\w’'-]+(?:\s+(?:de\s+|du\s+|van\s+|von\s+|le\s+|la\s+|el\s+)?[A-ZÀ-Ý][\w’'-]+)+)")
_NAME_OR_ACRONYM = re.compile(
    r"\b([A-ZÀ-Ý][\w’'-]+(?:\s+(?:de\s+|du\s+|van\s+|von\s+|le\s+|la\s+|el\s+)?[A-ZÀ-Ý][\w’'-]+)+|[A-Z]{2,}s?)\b"
)
_ANY_NAME = re.compile(r"\b([A-ZÀ-Ý][\w’'-]+(?:\s+[A-ZÀ-Ý][\w’'-]+)*)")
# A place is named after a locative preposition ("in Paris", "à Séoul", "au Brésil").
_PLACE = re.compile(r"\b(?:in|at|from|near|to|à|a|au|aux|en|dans|de|près de)\s+(?:the\s+)?[A-ZÀ-Ý]")
# Laws by their generic nouns: "Digital Services Act", "article 226-8-1 du code pénal", "la loi Bichat".
_LAW = re.compile(
    r"\b(?:Act|Regulation|Directive|Law|Code|Treaty|Constitution|Amendment|Bill|Statute)\b"
    r"|(?i:\b(?:article|section|loi|règlement|reglement|directive|code|traité|traite|décret|decret|ordonnance)s?\b)",
)

# Answer types, with the question cues (accent-folded regexes) that announce them. Only
# interrogative forms and generic nouns of kind ("which city", "quelle loi"): a cue must
# hold for any question of that form, whatever the corpus is about.
_PERSON_NOUNS = (
    r"person|people|man|woman|men|women|individual|official|officials|leader|politician|politicians|minister|"
    r"president|author|founder|owner|chief|head|ceo|executive|spokesperson|spokesman|spokeswoman|judge|lawyer|"
    r"prosecutor|commissioner|lawmaker|lawmakers|mp|mps|member|members|artist|singer|player|writer|composer|"
    r"personne|homme|femme|dirigeant|dirigeante|responsable|ministre|president|presidente|auteur|fondateur|"
    r"proprietaire|patron|juge|avocat|avocate|procureur|procureure|commissaire|depute|deputes|deputee|membre"
)
_PLACE_NOUNS = r"country|countries|city|cities|town|state|region|place|capital|pays|ville|villes|region|lieu|capitale"
_ORG_NOUNS = (
    r"company|companies|firm|organisation|organization|agency|body|group|institution|authority|court|party|"
    r"team|university|network|platform|entreprise|societe|organisation|agence|organisme|institution|autorite|"
    r"tribunal|cour|parti|equipe|universite|reseau|plateforme"
)
_LAW_NOUNS = r"law|laws|act|regulation|rule|rules|directive|treaty|article|statute|loi|lois|reglement|directive|traite|article|texte"
_MONEY_WORDS = (
    r"cost|costs|pay|paid|pays|worth|spend|spent|earn|earned|earns|charge|charged|price|money|fine|fined|fines|"
    r"penalty|penalties|sum|amount|budget|revenue|salary|euro|euros|dollar|dollars|pound|pounds|"
    r"coute|coutent|paye|payer|verse|gagne|amende|amendes|prix|somme|montant|budget|salaire"
)
# "What is the amount ...", "Quelle est la date ...": an interrogative, a copula and an article before a
# noun of measure. Only measures: "What is the platform accused of?" does not ask for a platform.
_WH_IS = (
    r"\b(?:what|which)(?: (?:is|was|are|were|will be|has been|had been))?(?: (?:the|an?))? "
    r"|\b(?:quel|quelle|quels|quelles)(?: (?:est|etait|sont|etaient|sera|seront|a ete|ont ete|fut))?"
    r"(?: (?:le|la|les|un|une) | l'| )"
)
_TYPE_CUES: list[tuple[str, str]] = [
    ("percent", rf"(?:{_WH_IS})(percentage|share|proportion)\b|\bpourcentage\b|\bquelle (est |etait )?(la )?part\b"),
    (
        "money",
        rf"\bhow much\b[^?]*\b({_MONEY_WORDS})\b|\b({_MONEY_WORDS})\b[^?]*\bhow much\b"
        rf"|\bhow (large|big|high|heavy|steep)\b[^?]{{0,40}}\b({_MONEY_WORDS})\b"
        rf"|\b(what|which) (fine|fines|penalty|penalties)\b|\bquel(le)?s? (amende|amendes)\b"
        rf"|(?:{_WH_IS})(sum|amount|price|cost|somme|montant|prix|cout)\b"
        rf"|\bcombien\b[^?]*\b({_MONEY_WORDS})\b|\b(a|pour) combien\b",
    ),
    ("age", rf"(?:{_WH_IS})age\b|\bhow old\b|\bquel age\b|\bat what age\b|\ba quel age\b"),
    ("number", r"\bhow many\b|\bcombien\b|\bnumber of\b|\bnombre de\b|\bhow much\b"),
    (
        "date",
        rf"^when\b|\bwhen (was|were|did|is|are|will|had|has|do|does)\b"
        rf"|(?:{_WH_IS})(date|day|year|month|time|century|decade|weekday|annee|jour|mois|siecle|heure)\b"
        r"|\bsince when\b|\bhow long ago\b|\bquand\b|\ba quelle date\b"
        r"|\bdepuis quand\b|\ben quelle annee\b|\bde quand\b",
    ),
    (
        "place",
        rf"^where\b|\bwhere (was|were|did|is|are|do|does|will|had|has)\b|\bou (est|etait|se|a|ont|sont)\b|^ou\b"
        rf"|\b(what|which|in which|in what) ({_PLACE_NOUNS})\b|\b(quel|quelle|dans quel|dans quelle|en quel) ({_PLACE_NOUNS})\b",
    ),
    (
        "law",
        rf"\b(what|which|under which|under what) ({_LAW_NOUNS})\b|\b(quel|quelle|quels|quelles|en vertu de quel|en vertu de quelle) ({_LAW_NOUNS})\b",
    ),
    (
        "person",
        rf"^who\b|\bwho\b|\bwhom\b|\bwhose\b|\b(what|which) ({_PERSON_NOUNS})\b|^qui\b|(?<!qu'est-ce )\bqui (est|etait|sont|a|ont)\b"
        rf"|\b(quel|quelle|quels|quelles) ({_PERSON_NOUNS})\b"
        # Naming questions ask for a proper name, whoever or whatever bears it.
        r"|\bname of\b|\bwhat is [^?]{1,40} called\b|\bquel est le nom\b|\bcomment s'appellen?t?\b",
    ),
    ("organisation", rf"\b(what|which) ({_ORG_NOUNS})\b|\b(quel|quelle|quels|quelles) ({_ORG_NOUNS})\b"),
]


# Interrogatives, English and French, most specific first ("how many" before "how", "what year"
# before "what"). The one nearest the start of the question is the one it asks with: in "Quelle
# plateforme a été condamnée, et qui l'a dit ?" it is "quelle", not "qui". Matched on the lower-cased
# text, not the folded one: folding turns "où" (where) into "ou" (or).
_INTERROGATIVES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern))
    for name, pattern in (
        ("quantity", r"\b(how (many|much|long|far|old|large|big|often|tall|high)|combien)\b"),
        (
            "when",
            r"\b(when|(what|which) (year|date|day|month|time|century|decade)|quand|(quelle|en quelle|à quelle) (année|date|heure|époque))\b",
        ),
        ("where", r"\b(where|où|d['’]où)(?!\w)"),
        ("who", r"\b(who|whom|whose)\b|^qui\b|\b(à|de|par|pour|avec) qui\b"),
        ("why", r"\b(why|pourquoi)\b"),
        ("how", r"\b(how|comment)\b"),
        (
            "what",
            r"\b(what|which|quel|quelle|quels|quelles|lequel|laquelle|lesquels|lesquelles|quoi)\b"
            r"|^(que|qu['’])|\bqu['’]est-ce\b",
        ),
    )
)


def interrogative(text: str) -> str | None:
    """The interrogative a question asks with (see ``Question.interrogative``); None for a yes/no
    question or a list of keywords."""
    lowered = text.strip().lower()
    best: tuple[int, int, str] | None = None
    for priority, (name, pattern) in enumerate(_INTERROGATIVES):
        m = pattern.search(lowered)
        if m and (best is None or (m.start(), priority) < best[:2]):
            best = (m.start(), priority, name)
    return best[2] if best else None


# Answer kinds a sentence visibly contains or not (a figure, a date): only such a sentence can answer.
CHECKABLE_TYPES = frozenset({"money", "percent", "number", "age", "date"})


# A question may open on a subordinate clause of time or condition: "When the store opened, what
# format did it use?" asks "what", not "when".
_SUBORDINATE = re.compile(
    r"^(?:when|whenever|while|once|after|before|if|quand|lorsque|lorsqu['’]|alors que|apres que|avant que|si)\b[^,?]*,\s*"
)

_COORDINATOR = re.compile(r"(?:and|or|but|et|ou|mais)\b")


def main_clause(text: str) -> str:
    """The question's main clause: the text after a leading subordinate clause when what follows it
    asks with an interrogative of its own, else the whole question."""
    m = _SUBORDINATE.match(text.strip().lower())
    if m:
        rest = text.strip()[m.end() :]
        # "When was X fined, and how much?" asks two things: the second part is no main clause.
        if interrogative(rest) is not None and not _COORDINATOR.match(rest.lower()):
            return rest
    return text


def analyse(text: str, language: str | None = None) -> Question:
    main = main_clause(text)
    folded = fold(main)
    qtype = None
    for name, cue in _TYPE_CUES:
        if re.search(cue, folded):
            qtype = name
            break
    if qtype == "person" and _WHO_IS.match(folded):
        qtype = None  # "Who is Linda Yaccarino?" asks for a description, not a name
    from ..index.lexical import stopwords, words

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
            is_name = is_acronym or (bare[0].isupper() and (i > 0 or inner_capital or len(bare) == 1))
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
            if w not in stop and w not in QUESTION_WORDS and len(w) > 2:
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
        words=words(text),
        interrogative=interrogative(main),
    )


_DURATION_UNITS = ("seconde", "minute", "heure", "jour", "semaine", "mois", "an", "annee", "decennie", "siecle")


def _counted_article(folded: str, question: Question) -> bool:
    """A French "un"/"une" is a count only before a unit of time ("une semaine après") or the counted noun."""
    nouns = [*_DURATION_UNITS, *(fold(w) for w in question.counted)]
    alternatives = "|".join(re.escape(n) for n in nouns if n)
    return bool(re.search(rf"\b(?:un|une)\s+(?:seule?\s+)?(?:{alternatives})s?\b", folded))


# Dates beyond a month, a weekday or a modern year: any year from 1000 ("in 1524", "1271–1368"), a
# decade ("the 1990s", "les années 90"), a century ("the 9th century", "XIXe siècle"), and a year of
# three figures after a word that introduces one ("in 821", "AD 960") or in a range ("907–960").
_ANY_YEAR = re.compile(r"\b(1\d{3}|20\d\d)s?\b|['’]\d0s\b")
_SHORT_YEAR = re.compile(
    r"\b(?:in|since|until|till|circa|c\.|ad|a\.d\.|r\.|en|depuis|jusqu'en|vers)\s+(\d{3})\b(?![.,]\d)"
    r"|\b(\d{3,4})\s*[–—-]\s*\d{2,4}\b(?![.,]\d)"
)
_CENTURY = re.compile(
    r"\b(?:\d{1,2}(?:st|nd|rd|th|e|er|eme)|[ivxl]+(?:e|er|eme)|first|second|third|fourth|fifth|sixth|seventh"
    r"|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth"
    r"|nineteenth|twentieth|twenty-first)\s+(?:century|centuries|siecle|siecles|millennium|millenaire)\b"
)
_DECADE_WORD = re.compile(
    r"\b(?:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties|annees \d0|annees (?:vingt|trente"
    r"|quarante|cinquante|soixante|quatre-vingt))\b"
)
_RELATIVE_DATE = re.compile(
    r"\b(yesterday|today|tomorrow|(last|next|this|end of the|end of|start of the) (week|year|month)"
    r"|hier|aujourd'hui|demain|l'an (dernier|prochain)|l'annee (derniere|prochaine)|(fin|debut|milieu) de l'annee"
    r"|cette annee|ce mois|la semaine (derniere|prochaine)|dernier|derniere)\b"
)


def holds_date(text: str, asked_numbers: set[str] | frozenset[str] = frozenset()) -> bool:
    """Whether ``text`` states a date or a time that the question does not already give (its
    ``asked_numbers``): a year, a decade, a century, a month, a weekday, or a date relative to the
    article's ("yesterday", "l'an dernier"). Sentences and short answers are checked alike: a sentence
    that answers "when" holds one, and so does the phrase cut from it."""
    folded = fold(text)
    years = {m.group(1) or m.group() for m in _ANY_YEAR.finditer(text)}
    years |= {m.group(1) or m.group(2) for m in _SHORT_YEAR.finditer(folded)}
    if years - set(asked_numbers):
        return True
    words = set(re.findall(r"[a-z]+", folded))
    return (
        any(w in months(_MONTH_WIDTHS) or w in weekdays() for w in words)
        or bool(_CENTURY.search(folded))
        or bool(_DECADE_WORD.search(folded))
        or bool(_RELATIVE_DATE.search(folded))
    )


_FIGURE = r"\d[\d\s.,\u00a0\u202f]*\s*(?:million|millions|milliard|milliards|billion|billions|bn|m|k)?\s*"


@cache
def _money_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """An amount: a figure and a currency, by its name in any of the world's currencies (matched on
    folded text), or by its sign or ISO code (matched as written: "ALL" is a code, "all" a word).
    From CLDR's tables, so a fine in rupees or Swiss francs counts as one.

    A figure is required. Also accepting "thousands of dollars" was measured on validation: the
    flagship question's best sentence became "quelques milliards d'euros" (X's revenue)."""
    words = "|".join(sorted((re.escape(w) for w in currency_words()), key=len, reverse=True))
    signs = "".join(re.escape(c) for c in sorted(currency_signs()))
    codes = "|".join(sorted(currency_codes()))
    by_name = re.compile(rf"{_FIGURE}(?:d'\s*|de\s+|of\s+)?(?:{words})\b")
    by_mark = re.compile(rf"{_FIGURE}(?:[{signs}]|(?:{codes})\b)|(?:[{signs}]|\b(?:{codes}))\s?\d")
    return by_name, by_mark


def holds_money(text: str) -> bool:
    """Whether ``text`` states an amount of money ("120 millions d'euros", "$5m", "5,000 francs",
    "5 millions de dollars", "CHF 3 million")."""
    by_name, by_mark = _money_patterns()
    return bool(by_name.search(fold(text)) or by_mark.search(text))


def holds_count(text: str, question: Question) -> bool:
    """Whether ``text`` states a count the question does not already give: a figure that is not a
    year (a year is a date), a number word, or "un"/"une" before a unit of time or the counted noun."""
    nums = {n.strip(" .,") for n in _NUMBER.findall(text)} - {n.strip(" .,") for n in question.numbers}
    nums = {n for n in nums if n and not _YEAR.fullmatch(n)}
    folded = fold(text)
    words = set(re.findall(r"[a-z]+", folded))
    return bool(nums) or any(is_count_word(w) for w in words) or _counted_article(folded, question)


def sentence_has_type(sentence: str, answer_type: str | None, question: Question) -> bool:
    """Whether a sentence holds an answer of the expected kind that the question does not already give."""
    if answer_type is None:
        return True
    folded = fold(sentence)
    asked_numbers = {n.strip(" .,") for n in question.numbers}
    if answer_type == "money":
        return holds_money(sentence)
    if answer_type == "percent":
        return bool(_PERCENT.search(sentence))
    if answer_type == "age":
        return bool(_AGE.search(folded)) or any(
            is_count_word(m.group(1) or m.group(2)) for m in _AGE_IN_WORDS.finditer(folded)
        )
    if answer_type == "number":
        return holds_count(sentence, question)
    if answer_type == "date":
        return holds_date(sentence, asked_numbers)
    if answer_type in ("person", "organisation"):
        return _new_name(sentence, question)
    if answer_type == "place":
        return bool(_PLACE.search(sentence)) and _new_name(sentence, question, single=True)
    if answer_type == "law":
        return bool(_LAW.search(sentence))
    return True


def _new_name(sentence: str, question: Question, single: bool = False) -> bool:
    """A proper name (or acronym) in the sentence that the question does not already give."""
    asked = {fold(e) for e in question.entities}
    pattern = _ANY_NAME if single else _NAME_OR_ACRONYM
    for m in pattern.finditer(sentence):
        if m.start() == 0 and " " not in m.group(1):
            continue  # a capitalised first word is not a name by its capital alone
        parts = {fold(p) for p in m.group(1).split()}
        if not parts <= asked:
            return True
    return False
