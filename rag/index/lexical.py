"""Lexical retrieval: BM25 (bm25s) over accent-folded, stemmed terms.

Dense vectors miss exact names, numbers and rare words ("Pormanove",
"226-8-1", "DSA"); BM25 catches them. Each chunk is stemmed with the rules of
its own language; a question, whose language says nothing about the
evidence's, is stemmed with the rules of every language in the index, so
"enquêtes" and "investigations" both reach their documents. Stemming runs
before accent folding because Snowball's French rules read the accents.

The index lives in memory, rebuilt from the store when its content changes
and cached on disk under the index directory, keyed by a fingerprint of the
chunk ids (which derive from content).
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from ..text.textnorm import fold, fold_word

log = logging.getLogger(__name__)


def _import_bm25s() -> Any:
    """bm25s sets its own logger to DEBUG on import and would print "Building index..." on every rebuild."""
    import bm25s

    logging.getLogger("bm25s").setLevel(logging.WARNING)
    return bm25s


_TOKEN = re.compile(r"[^\W_]+")
_STEMMERS = {
    "en": "english",
    "fr": "french",
    "de": "german",
    "es": "spanish",
    "it": "italian",
    "pt": "portuguese",
    "nl": "dutch",
    "sv": "swedish",
    "da": "danish",
    "no": "norwegian",
    "nb": "norwegian",
    "fi": "finnish",
    "ru": "russian",
    "tr": "turkish",
    "ro": "romanian",
    "hu": "hungarian",
    "pl": "polish",
    "ca": "catalan",
    "el": "greek",
    "ar": "arabic",
    "cs": "czech",
    "id": "indonesian",
    "lt": "lithuanian",
}
_STOPWORD_LISTS = {
    "en": "STOPWORDS_EN",
    "fr": "STOPWORDS_FRENCH",
    "de": "STOPWORDS_GERMAN",
    "es": "STOPWORDS_SPANISH",
    "it": "STOPWORDS_ITALIAN",
    "pt": "STOPWORDS_PORTUGUESE",
    "nl": "STOPWORDS_DUTCH",
    "sv": "STOPWORDS_SWEDISH",
    "da": "STOPWORDS_DANISH",
    "no": "STOPWORDS_NORWEGIAN",
    "ru": "STOPWORDS_RUSSIAN",
    "tr": "STOPWORDS_TURKISH",
}


@cache
def _stemmer(lang: str):  # -> Stemmer.Stemmer | None
    import Stemmer

    name = _STEMMERS.get(lang)
    return Stemmer.Stemmer(name) if name else None


@cache
def stopwords(lang: str) -> frozenset[str]:
    sw = _import_bm25s().stopwords

    name = _STOPWORD_LISTS.get(lang)
    words = getattr(sw, name, ()) if name else ()
    return frozenset(w.lower() for w in words)


@lru_cache(maxsize=1)
def _base_stopwords() -> frozenset[str]:
    # English and French function words are noise in either language's text
    # (a French article quotes English, an English one names French bodies).
    return stopwords("en") | stopwords("fr")


def words(text: str) -> list[str]:
    """Word tokens, lower-cased; single letters survive only as capitals ("X", "Q")."""
    return [t.lower() for t in _TOKEN.findall(text) if len(t) > 1 or t.isupper() or t.isdigit()]


@lru_cache(maxsize=32768)
def _terms_cached(text: str, lang: str | None) -> tuple[str, ...]:
    return tuple(_terms(text, lang))


def terms(text: str, lang: str | None) -> list[str]:
    """Index terms of a passage in ``lang``: stopwords out, stemmed, accents folded."""
    if len(text) <= 600:  # sentences and questions recur across queries; whole chunks rarely do
        return list(_terms_cached(text, lang))
    return _terms(text, lang)


def _terms(text: str, lang: str | None) -> list[str]:
    stop = _base_stopwords() | stopwords(lang or "")
    stemmer = _stemmer(lang or "")
    toks = [w for w in words(text) if w not in stop]
    if stemmer is not None:
        toks = stemmer.stemWords(toks)
    return [fold_word(t) for t in toks]


def query_term_groups(question: str | Sequence[str], langs: Iterable[str]) -> list[tuple[str, list[str]]]:
    """(word, its index-term variants under every language's rules) for each content word.

    ``question`` is the text, or its ``words`` when already tokenised (``Question.words``)."""
    langs = [lang for lang in dict.fromkeys(langs) if lang]
    stop = _base_stopwords()
    for lang in langs:
        stop = stop | stopwords(lang)
    groups: dict[str, list[str]] = {}
    for tok in words(question) if isinstance(question, str) else question:
        if tok in stop or tok in groups:
            continue
        variants = {fold(tok)}
        for lang in langs:
            stemmer = _stemmer(lang)
            if stemmer is not None:
                variants.add(fold(stemmer.stemWord(tok)))
        groups[tok] = sorted(variants)
    return list(groups.items())


def query_terms(question: str | Sequence[str], langs: Iterable[str]) -> list[str]:
    """Terms of a question (its text or its words) under every language's rules, each variant once."""
    out: dict[str, None] = {}
    for _, variants in query_term_groups(question, langs):
        for v in variants:
            out[v] = None
    return list(out)


def index_terms(texts: Sequence[str], metas: Sequence[dict[str, Any]]) -> list[list[str]]:
    """Each chunk's index terms, as :meth:`LexicalIndex.build` indexes them."""
    return [terms(_lexical_text(t, m), m.get("language")) for t, m in zip(texts, metas, strict=False)]


CACHE_VERSION = "5"
# Most index terms one question is scored with (the evaluation questions use up to about 30
# variants); bounds what a pasted page costs in BM25.
MAX_QUERY_TERMS = 64


def fingerprint(chunk_ids: Sequence[str]) -> str:
    h = hashlib.sha256(CACHE_VERSION.encode())
    for cid in sorted(chunk_ids):
        h.update(cid.encode())
        h.update(b"\0")
    return h.hexdigest()[:24]


@dataclass
class LexicalHit:
    chunk_id: str
    score: float


class LexicalIndex:
    """BM25 over every chunk, with the chunk metadata needed to filter hits."""

    def __init__(
        self,
        chunk_ids: list[str],
        chunk_terms: list[list[str]],
        metas: list[dict[str, Any]],
        acronyms: set[str] | None = None,
    ) -> None:
        bm25s = _import_bm25s()

        self.ids = chunk_ids
        self.fingerprint = fingerprint(chunk_ids)
        self.languages = sorted({m.get("language") for m in metas if m.get("language")})
        self._language = np.array([m.get("language") or "" for m in metas], dtype=object)
        self._source = np.array([m.get("source") or "" for m in metas], dtype=object)
        self._ts = np.array([m.get("published_ts", -1) for m in metas], dtype=np.int64)
        self._doc = np.array([m.get("doc_id") or "" for m in metas], dtype=object)
        self._lock = threading.Lock()
        self._bm25 = bm25s.BM25()
        self._vocab: set[str] = set()
        if chunk_ids:
            self._bm25.index(chunk_terms, show_progress=False)
            self._vocab = set(self._bm25.vocab_dict)
        self._doc_freq = self._document_frequencies(chunk_terms)
        self.acronyms = acronyms or set()
        self.source_names: set[str] = set()
        self._prefixes = _prefix_table(self._vocab)

    @classmethod
    def build(
        cls,
        chunk_ids: list[str],
        texts: list[str],
        metas: list[dict[str, Any]],
        chunk_terms: list[list[str]] | None = None,
    ) -> LexicalIndex:
        """The index over these chunks; ``chunk_terms`` (from :func:`index_terms`, kept from an
        earlier build) saves stemming every chunk again when only a few changed."""
        if chunk_terms is None:
            chunk_terms = index_terms(texts, metas)
        names = {str(m.get(k)) for m in metas for k in ("source", "wire", "author") if m.get(k)}
        langs = {m.get("language") for m in metas if m.get("language")} or {"en"}
        index = cls(chunk_ids, chunk_terms, metas, _acronyms(list(texts) + sorted(names)))
        index.source_names = {fold(n) for n in names}
        # Publishers and wires are part of what the corpus "mentions".
        index._vocab |= {t for name in names for lang in langs for t in terms(name, lang)}
        index._prefixes = _prefix_table(index._vocab)
        return index

    def mentions(self, word: str) -> bool:
        """Whether the corpus mentions a word in any inflection, or spells out an acronym of it.

        Generous on purpose: "India" is mentioned by "Indian", "AP" by "Associated
        Press"; the point is to notice names the corpus never speaks of.
        """
        if word.isupper() and len(word) >= 2 and word.rstrip("s") in self.acronyms:
            return True
        parts = [p for p in re.split(r"[-'’]", word) if p]
        if len(parts) > 1:
            return all(self.mentions(p) for p in parts)
        return bool(self.matching_terms(word))

    def matching_terms(self, word: str) -> set[str]:
        """Index terms that are this word: itself, its stems, or a longer form of it."""
        folded = fold(word)
        variants = {folded} | {
            fold(stemmer.stemWord(word.lower())) for stemmer in map(_stemmer, self.languages) if stemmer is not None
        }
        found = {v for v in variants if v in self._vocab}
        if len(folded) >= 4:
            for t in self._prefixes.get(folded[:4], ()):
                if t.startswith(folded) or (len(t) >= 5 and folded.startswith(t)):
                    found.add(t)
                elif len(folded) >= 7 and SequenceMatcher(None, folded, t).ratio() >= 0.85:
                    found.add(t)  # a cognate: "youtuber" / "youtubeur", "investigation" / "investigación"
        return found

    def is_source_name(self, name: str) -> bool:
        """A publisher, wire or author named in the documents' metadata ("Associated Press")."""
        return fold(name) in self.source_names

    def cooccur(self, words_: list[str]) -> bool:
        """Whether some chunk holds all these words: "Digital Markets Act" is not mentioned
        by a corpus that says "digital", "markets" and "act" in different articles."""
        postings = getattr(self._bm25, "scores", None)
        if not postings or not words_:
            return False
        docs: set[int] | None = None
        for word in words_:
            ids = [self._bm25.vocab_dict[t] for t in self.matching_terms(word) if t in self._bm25.vocab_dict]
            here: set[int] = set()
            for i in ids:
                here.update(postings["indices"][postings["indptr"][i] : postings["indptr"][i + 1]].tolist())
            docs = here if docs is None else docs & here
            if not docs:
                return False
        return True

    @staticmethod
    def _document_frequencies(chunk_terms: list[list[str]]) -> dict[str, int]:
        df: dict[str, int] = {}
        for toks in chunk_terms:
            for t in set(toks):
                df[t] = df.get(t, 0) + 1
        return df

    def __len__(self) -> int:
        return len(self.ids)

    def doc_freq(self, term: str) -> int:
        return self._doc_freq.get(term, 0)

    def idf(self, term: str) -> float:
        """Smoothed inverse document frequency of an index term (high for rare terms)."""
        n = len(self.ids)
        df = self._doc_freq.get(term, 0)
        return float(np.log(1.0 + (n - df + 0.5) / (df + 0.5)))

    def known(self, term: str) -> bool:
        return term in self._vocab

    def mask(self, filters: dict[str, Any] | None) -> np.ndarray | None:
        """Which chunks pass the filters (None = all)."""
        if not filters or not self.ids:
            return None
        keep = np.ones(len(self.ids), dtype=bool)
        if filters.get("language"):
            keep &= np.isin(self._language, _as_list(filters["language"]))
        if filters.get("source"):
            keep &= np.isin(self._source, _as_list(filters["source"]))
        if filters.get("since_ts") is not None:
            keep &= self._ts >= filters["since_ts"]
        if filters.get("until_ts") is not None:
            keep &= (self._ts >= 0) & (self._ts <= filters["until_ts"])
        if filters.get("doc_ids"):
            keep &= np.isin(self._doc, _as_list(filters["doc_ids"]))
        return keep

    def scores(self, question: str | Sequence[str], filters: dict[str, Any] | None = None) -> np.ndarray:
        """BM25 score of every chunk (0 where filtered out or no term matches); ``question`` is
        the text or its words (``Question.words``)."""
        if not self.ids:
            return np.zeros(0, dtype=np.float32)
        q = [t for t in query_terms(question, self.languages or ["en"]) if t in self._vocab]
        if len(q) > MAX_QUERY_TERMS:  # a 2,000-character question: its rarest words say what it is about
            q = sorted(q, key=self.idf, reverse=True)[:MAX_QUERY_TERMS]
        if not q:
            return np.zeros(len(self.ids), dtype=np.float32)
        with self._lock:
            scores = self._bm25.get_scores(q)
        mask = self.mask(filters)
        if mask is not None:
            scores = np.where(mask, scores, 0.0)
        return scores

    def search_by_language(self, scores: np.ndarray, k: int) -> dict[str, list[LexicalHit]]:
        """The best ``k`` chunks within each language.

        A question's words match documents in its own language far more than
        translations of them, so one BM25 ranking over a bilingual corpus buries
        the other language's evidence. Ranking within each language lets rank
        fusion weigh a French passage's lexical rank against other French
        passages only.
        """
        out = {}
        for lang in sorted(set(self._language.tolist())):
            in_lang = np.where(self._language == lang, scores, 0.0)
            hits = self.top(in_lang, k)
            if hits:
                out[lang] = hits
        return out

    def top(self, scores: np.ndarray, k: int) -> list[LexicalHit]:
        if not len(scores):
            return []
        k = min(k, len(scores))
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top])]
        return [LexicalHit(self.ids[i], float(scores[i])) for i in top if scores[i] > 0]

    # ------------------------------------------------------------- caching
    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        tmp = directory / f"bm25-{self.fingerprint}.tmp"
        self._bm25.save(str(tmp))
        (tmp / "rag_meta.json").write_text(
            json.dumps(
                {
                    "ids": self.ids,
                    "language": self._language.tolist(),
                    "source": self._source.tolist(),
                    "ts": self._ts.tolist(),
                    "doc": self._doc.tolist(),
                    "df": self._doc_freq,
                    "acronyms": sorted(self.acronyms),
                    "source_names": sorted(self.source_names),
                    "vocab_extra": sorted(self._vocab - set(self._bm25.vocab_dict)) if self.ids else [],
                }
            ),
            encoding="utf-8",
        )
        final = directory / f"bm25-{self.fingerprint}"
        if final.exists():
            import shutil

            shutil.rmtree(final, ignore_errors=True)
        tmp.rename(final)
        for old in directory.glob("bm25-*"):
            if old != final:
                import shutil

                shutil.rmtree(old, ignore_errors=True)

    @classmethod
    def load(cls, directory: Path, fp: str) -> LexicalIndex | None:
        path = directory / f"bm25-{fp}"
        if not (path / "rag_meta.json").is_file():
            return None
        try:
            bm25s = _import_bm25s()

            data = json.loads((path / "rag_meta.json").read_text(encoding="utf-8"))
            self = cls.__new__(cls)
            self.ids = data["ids"]
            self.fingerprint = fp
            self._language = np.array(data["language"], dtype=object)
            self._source = np.array(data["source"], dtype=object)
            self._ts = np.array(data["ts"], dtype=np.int64)
            self._doc = np.array(data["doc"], dtype=object)
            self.languages = sorted({x for x in data["language"] if x})
            self._doc_freq = data["df"]
            self._lock = threading.Lock()
            self._bm25 = bm25s.BM25.load(str(path))
            self._vocab = set(self._bm25.vocab_dict) | set(data.get("vocab_extra", []))
            self.acronyms = set(data.get("acronyms", []))
            self.source_names = set(data.get("source_names", []))
            self._prefixes = _prefix_table(self._vocab)
            return self
        except Exception:  # a damaged cache is rebuilt, not fatal
            log.warning("ignoring unreadable lexical index cache at %s", path, exc_info=True)
            return None


_CAPITALISED_RUN = re.compile(
    r"\b(?:[A-ZÀ-Ý][\w’'-]*\s+(?:(?:of|the|de|du|des|la|le|for|pour|and|et)\s+)?){1,6}[A-ZÀ-Ý][\w’'-]*"
)


_DOTTED_INITIALS = re.compile(r"\b(?:[A-Z]\.){2,}")


def _acronyms(texts: Iterable[str]) -> set[str]:
    """Initials of every run of capitalised words ("Associated Press" -> "AP"), and
    dotted initials written solid ("J.D. Vance" -> "JD", "U.S." -> "US")."""
    out: set[str] = set()
    for text in texts:
        out.update(m.group(0).replace(".", "") for m in _DOTTED_INITIALS.finditer(text))
        for m in _CAPITALISED_RUN.finditer(text):
            caps = [w for w in m.group(0).split() if w[0].isupper()]
            for i in range(len(caps) - 1):  # "The Associated Press" gives TAP and AP
                out.add("".join(w[0] for w in caps[i:]).upper())
    return out


def _prefix_table(vocab: set[str]) -> dict[str, list[str]]:
    table: dict[str, list[str]] = {}
    for t in vocab:
        if len(t) >= 4:
            table.setdefault(t[:4], []).append(t)
    return table


def _lexical_text(text: str, meta: dict[str, Any]) -> str:
    # The title names what a mid-article paragraph is about, as in the embedded header.
    title = meta.get("title") or ""
    return f"{title}\n{text}" if title and not text.startswith(title) else text


def _as_list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, (list, tuple, set)) else [value]
