"""Does a sentence read as site furniture rather than article text?

Pages wrap an article in text addressed to the visitor about the site:
comment boxes ("If you do not have an account please register and login to
post comments."), login and subscription prompts, "read more" and related-
story lists, social-media embeds ("— Name (@handle) January 5, 2026",
"pic.twitter.com/..."), photo credits ("Photograph: Name/AFP via Getty
Images"). Such a line must never be kept as article text, nor count as an
answer. A phrase list cannot list every site, so a line is judged by what it
is: addressed to the reader (second person, imperative, "please"), about the
site (accounts, comments, newsletters, sharing, apps, photos and their
credits), shaped like a label or a list item (a colon after one or two words,
no sentence end, handles and links), and without what news sentences have
(reported speech, figures, named actors doing things). A logistic regression
over those features (:mod:`rag.learning.logistic`), trained by ``python -m
rag.ingestion.furniture_train`` on lines written for it and on real news
sentences, gives the score; the weights ship in ``data/furniture_model.json``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from ..learning.logistic import LogisticModel
from ..text.textnorm import fold

MODEL_PATH = Path(__file__).with_name("data") / "furniture_model.json"

SECOND_PERSON = frozenset("you your yours yourself you're vous votre vos tu ton ta tes toi t'".split())
# What a visitor does on a site.
SITE_ACTIONS = re.compile(
    r"\b(log ?in|logged in|log out|sign ?(in|up|on)|signed in|register|registration|subscri\w*|comment\w*|share\w*|"
    r"follow us|follow|click|tap|download|install|watch|listen|bookmark|save|print|email|e-mail|reply|"
    r"post (a )?comments?|leave a comment|read (more|next|also|the full)|continue reading|learn more|see (more|all)|"
    r"connect\w*|inscri\w*|abonne\w*|commente\w*|commentaire\w*|partage\w*|suivez|suivre|cliquez|telecharge\w*|"
    r"reagi\w*|lire (aussi|la suite|plus tard|egalement)|a lire|voir aussi|en savoir plus|decouvr\w*|offrir|"
    r"enregistr\w*|imprimer|ecouter|regarder)\b"
)
SITE_NOUNS = re.compile(
    r"\b(account|password|username|comments?|newsletters?|app|apps|application|notifications?|alerts?|cookies?|"
    r"subscription|subscribers?|premium|members?|membership|paywall|podcast|video|gallery|slideshow|photo\w*|"
    r"image|picture|caption|credit|illustration|getty|afp|reuters|shutterstock|istock|ap photo|epa|"
    r"compte|mot de passe|identifiant|lettre d'information|abonnement|abonnes?|offres?|appareil|espace|"
    r"legende|credit photo|diaporama|alertes?|instagram|facebook|twitter|whatsapp|linkedin|tiktok|youtube|"
    r"bluesky|threads|telegram|rss|feed|homepage|page|site|article|story|content|contenu|topics?|sujets?)\b"
)
LIST_LABELS = re.compile(
    r"^(related( \w+)?|read (more|also|next)|see also|more (on|from|about) [\w ]{0,30}|most (read|viewed|popular|"
    r"shared)|you (may|might) also like|recommended|trending|latest|top stories|explore more|also in|in pictures|"
    r"watch|listen|lire aussi|a lire aussi|voir aussi|sur le meme sujet|les plus lus|a la une|a decouvrir|"
    r"en images|en video|notre selection|les plus partages|dans la meme rubrique|plus d'infos)\b\s*[:|>-]?"
)
CREDIT = re.compile(
    r"^(photo(graph)?|image|picture|illustration|video|credit|credits|source|credit photo|photo credit|"
    r"image source|image caption|caption|legende)\s*[:,/]|"
    r"(photograph|photo|image|credit|credit photo)\s*:\s*[a-z]|\b(via|/)\s*(getty|afp|reuters|ap|epa|shutterstock)\b|"
    r"\(\s*(photo|image|credit)?\s*:?\s*(afp|reuters|getty images|ap|epa|shutterstock|istock)[^)]*\)\s*$|©"
)
SOCIAL = re.compile(
    r"@\w{2,}|pic\.twitter\.com|https?://|www\.|\b(view this post|a post shared by|publication partagee par|"
    r"voir cette publication)\b|^[—–-]\s*\w[\w .'-]{1,40}\(@"
)
POLITE = re.compile(r"\b(please|kindly|veuillez|merci de)\b")
IMPERATIVE = frozenset(
    """sign log register subscribe comment share follow click tap download install watch listen read continue learn
    see discover explore join get try start save print email reply create enter send upgrade support donate unlock
    inscrivez connectez abonnez commentez partagez suivez cliquez telechargez reagissez lisez decouvrez
    retrouvez rejoignez essayez creez profitez soutenez offrez ecoutez regardez activez installez""".split()
)
REPORTING = re.compile(
    r"\b(said|says|told|according|announced|added|stated|declared|reported|warned|selon|a declare|a dit|a indique|"
    r"a affirme|a annonce|a ajoute|a precise|a estime|a explique|ont declare|explique|estime)\b"
)
_DETERMINERS = frozenset("the a an its his her their le la les l' un une des ce cette ces son sa ses leur".split())
_PAST = re.compile(r"\b(did|was|were|has|had|have|been|\w{3,}ed|n'a|a ete|ont|avait|etait|sera|will|would|could)\b")
_TOKEN = re.compile(r"[a-z0-9][a-z0-9'@.-]*[a-z0-9]|[a-z0-9]")

FEATURES = (
    "second_person",
    "site_action",
    "site_noun",
    "list_label",
    "credit",
    "social",
    "polite",
    "imperative",
    "question",
    "short",
    "very_short",
    "long",
    "no_end",
    "label_colon",
    "reporting",
    "number",
    "capitalised_share",
    "you_x_site",
    "imperative_x_site",
    "polite_x_site",
    "question_x_you",
    "action_x_noun",
    "narrative",
)


def features(line: str) -> list[float]:
    folded = fold(line)
    tokens = _TOKEN.findall(folded)
    n = len(tokens)
    raw_words = line.split()
    second = bool(set(tokens) & SECOND_PERSON)
    action = bool(SITE_ACTIONS.search(folded))
    noun = bool(SITE_NOUNS.search(folded))
    polite = bool(POLITE.search(folded))
    first = tokens[0] if tokens else ""
    imperative = first in IMPERATIVE or (len(first) > 4 and first.endswith("ez") and first not in {"assez", "chez"})
    question = line.rstrip().endswith("?")
    caps = sum(1 for w in raw_words if w[:1].isupper()) / max(1, len(raw_words))
    values = [
        second,
        action,
        noun,
        bool(LIST_LABELS.match(folded)),
        bool(CREDIT.search(folded)),
        bool(SOCIAL.search(line.lower())),
        polite,
        imperative,
        question,
        n <= 12,
        n <= 4,
        n >= 25,
        not re.search(r"[.!?…»\"”)]$", line.rstrip()),
        ":" in folded[:40] or " | " in line,
        bool(REPORTING.search(folded)),
        bool(re.search(r"\d", folded)) and not re.search(r"\b(19|20)\d\d\b", folded),
        caps,
        second and (action or noun),
        imperative and (action or noun),
        polite and (action or noun),
        question and second,
        action and noun,
        # "The company did not respond ...", "La plateforme n'a pas ...": someone did something.
        (first in _DETERMINERS or (raw_words[:1] and raw_words[0][:1].isupper() and not imperative))
        and bool(_PAST.search(folded))
        and not second,
    ]
    return [float(v) for v in values]


@lru_cache(maxsize=1)
def _model() -> LogisticModel:
    return LogisticModel.load(MODEL_PATH, FEATURES, "python -m rag.ingestion.furniture_train")


def furniture_score(line: str) -> float:
    """How much one line or sentence reads as site furniture (0 to 1)."""
    if not line.strip():
        return 0.0
    return _model().score(features(line))


@lru_cache(maxsize=32768)
def is_furniture(sentence: str) -> bool:
    """True when a sentence reads as site furniture: it must never count as an answer."""
    return furniture_score(sentence) >= _model().threshold
