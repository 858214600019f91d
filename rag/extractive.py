"""Answers without an LLM: the sentences of the sources that answer, quoted.

Every sentence of an answer is a verbatim sentence of a document, so every
claim is checkable by construction; the work is choosing which sentences,
and deciding when none of them answers.

Choosing: each sentence of the retrieved passages is scored on how much of
the question it covers (IDF-weighted terms, under every language's
stemming, so names and cognates match across English and French), whether
it holds the kind of answer asked for (an amount for "how much", a date for
"when"), and how well its passage ranked.

Deciding (abstention): multilingual-e5 cosines bunch between 0.7 and 1.0, so
a fixed threshold on them means nothing. The best passage's similarity is
instead measured against the same question's similarity to random passages
of this index (a z-score), and combined with two checks a reader would make:
does the corpus mention the question's names at all, and does any
on-topic sentence hold an answer of the asked-for kind.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .abstention import CHECKABLE_TYPES, AbstentionModel, Evidence
from .injection import looks_like_injection
from .lexical import LexicalIndex, query_term_groups, terms, words
from .names import equivalents, is_generic
from .question import NAME_CONNECTORS, Question, analyse, sentence_has_type
from .retriever import Filters, RetrievalResult
from .sentences import sentence_spans
from .settings import Settings
from .templates import messages
from .textnorm import fold, fold_word
from .types import Answer, Citation, Passage

MIN_SENTENCE_WORDS = 4
_COGNATE = 5  # letters of a shared root
# Sentence openings that point back to the previous sentence.
_ANAPHOR = re.compile(
    r"^[“\"«]?\s*(it|its|this|these|that|those|they|he|she|his|her|their|such|the (company|platform|group|move|decision)"
    r"|il|elle|ils|elles|ce|cet|cette|ces|celui-ci|celle-ci|ceux-ci|son|sa|ses|leur|leurs|lui)\b",
    re.IGNORECASE,
)


@dataclass
class Candidate:
    passage: Passage
    rank: int
    start: int  # offsets into the document
    end: int
    text: str
    coverage: float = 0.0
    dense: float = 0.0  # similarity of the question to the chunk holding the sentence, in null std devs
    entity_coverage: float = 0.0
    has_type: bool = False
    score: float = 0.0
    covered: set[str] = field(default_factory=set)
    is_title: bool = False
    prev: Candidate | None = None
    next: Candidate | None = None


class ExtractiveAnswerer:
    mode = "extractive"

    def __init__(self, vocabulary: Callable[[], LexicalIndex], settings: Settings) -> None:
        """``vocabulary`` returns the current lexical index: word statistics of the corpus
        (how rare a word is, whether the corpus mentions a name at all)."""
        self.vocabulary = vocabulary
        self.settings = settings
        self.abstention = AbstentionModel(settings)

    # ---------------------------------------------------------------- public
    def answer(self, question: str, result: RetrievalResult, filters: Filters | None = None) -> Answer:
        q = analyse(question)
        msg = messages(q.language)
        passages = result.passages
        if not passages:
            suffix = (
                msg["with_filters"].format(filters=filters.describe()) if filters and not filters.is_empty() else ""
            )
            return self._abstain(q, passages, msg["no_passages"].format(filters=suffix), "no_passages")
        vocab = self.vocabulary()
        groups = self.term_groups(q, vocab)
        candidates = self.candidates(q, passages, groups, vocab)
        evidence = self.evidence(q, vocab, candidates)
        verdict = self.abstention.decide(evidence)
        if verdict.abstain:
            reason = self._reason_text(verdict.reason, evidence, msg)
            return self._abstain(q, passages, reason, verdict.reason)
        return self.compose(q, self.select(q, candidates), passages)

    def empty_index_answer(self, question: str, corpus_dir: Path) -> Answer:
        q = analyse(question)
        text = messages(q.language)["empty_index"].format(corpus=corpus_dir)
        return Answer(question, text, [], [], True, self.mode, q.language, notice="empty_index")

    # --------------------------------------------------------------- scoring
    def term_groups(self, q: Question, vocab: LexicalIndex) -> list[tuple[str, list[str], float]]:
        """Question words with their index variants and weights (IDF; unknown words weigh most)."""
        langs = vocab.languages or ["en"]
        out = []
        for word, variants in query_term_groups(q.text, langs):
            known = [v for v in variants if vocab.known(v)]
            idf = max((vocab.idf(v) for v in known), default=vocab.idf("\0"))
            out.append((word, variants, idf))
        return out

    def candidates(
        self,
        q: Question,
        passages: list[Passage],
        groups: list[tuple[str, list[str], float]],
        vocab: LexicalIndex,
    ) -> list[Candidate]:
        total = sum(w for _, _, w in groups) or 1.0
        entities = [fold(e) for e in q.entities]
        focus = _focus_entity(q, vocab)
        counted = [{w} | set(terms(w, "en")) | set(terms(w, "fr")) for w in q.counted]
        group_roots = {word: _roots(variants) for word, variants, _ in groups}
        out: list[Candidate] = []
        seen: set[str] = set()
        for rank, p in enumerate(passages):
            lang = p.metadata.get("language")
            cross_lingual = lang not in (None, q.language)
            spans = sentence_spans(p.text, lang)
            sent_words = [{fold_word(w) for w in words(p.text[s:e])} for s, e in spans]
            previous: Candidate | None = None
            for k, (s, e) in enumerate(spans):
                text = p.text[s:e]
                key = fold(text)
                if len(text.split()) < MIN_SENTENCE_WORDS or key in seen or looks_like_injection(text):
                    previous = None
                    continue
                seen.add(key)
                sent_terms = set(terms(text, lang)) | sent_words[k]
                covered = {word for word, variants, _ in groups if any(v in sent_terms for v in variants)}
                if cross_lingual:  # "sensitive personal data" / "données personnelles sensibles"
                    sent_roots = _roots(sent_words[k])
                    covered |= {word for word, roots in group_roots.items() if roots & sent_roots}
                coverage = sum(w for word, _, w in groups if word in covered) / total
                has_type = q.answer_type is not None and sentence_has_type(text, q.answer_type, q)
                # What the sentence is about includes its neighbours ("Il s'agit ... (DSA)").
                context = set().union(*sent_words[max(0, k - 1) : k + 2])
                if counted:  # the count and what it counts belong to one sentence
                    anchored = any(_matches(variants, sent_terms) for variants in counted)
                elif focus:
                    anchored = _entity_coverage([focus], context) > 0 or coverage >= 0.3
                else:
                    anchored = True
                out.append(
                    Candidate(
                        passage=p,
                        rank=rank,
                        start=p.start + s,
                        end=p.start + e,
                        text=text,
                        coverage=coverage,
                        dense=_chunk_score(p, p.start + s),
                        entity_coverage=_entity_coverage(entities, sent_words[k]) if entities else 0.0,
                        has_type=has_type and anchored,
                        covered=covered,
                        is_title=(p.start + s == 0 and text == p.metadata.get("title")) or _is_heading(text),
                        prev=previous,
                    )
                )
                if previous is not None:
                    previous.next = out[-1]
                previous = out[-1]
        top_dense = max((c.dense for c in out), default=0.0)
        checkable = q.answer_type in CHECKABLE_TYPES
        if counted:
            # A French question's counted noun ("acteurs") cannot be found word for word in
            # an English sentence ("players"); there the chunk's similarity has to vouch.
            for c in out:
                cross_lingual = c.passage.metadata.get("language") not in (None, q.language)
                if not c.has_type and cross_lingual and c.dense >= top_dense - 0.5:
                    c.has_type = sentence_has_type(c.text, q.answer_type, q)
        for c in out:
            prior = 1.0 / (1.0 + c.rank) ** 0.5
            closeness = max(0.0, 1.0 - (top_dense - c.dense) / 2.0)  # 1 for the best chunk, 0 two std devs below
            c.score = (
                0.35 * c.coverage
                + 0.35 * closeness
                + 0.1 * c.entity_coverage
                + 0.1 * prior
                + ((0.35 if checkable else 0.15) if c.has_type else 0.0)
            )
            if c.is_title:  # a headline echoes the question's words but rarely holds the answer
                c.score *= 0.6
        for c in out:  # a heading is not an answer; read past it to the sentence that follows
            if c.prev is not None and c.prev.is_title and not c.is_title:
                c.prev = c.prev.prev
            if c.next is not None and c.next.is_title:
                c.next = c.next.next
        out.sort(key=lambda c: -c.score)
        return out

    def evidence(self, q: Question, vocab: LexicalIndex, candidates: list[Candidate]) -> Evidence:
        unknown = [name for name in q.names if not _mentioned(name, vocab)]
        unknown_words = sum(1 for n in unknown for w in _name_words(n) if not vocab.mentions(w)) or len(unknown)
        top_dense = max((c.dense for c in candidates), default=0.0)
        best = candidates[0] if candidates else None
        return Evidence(
            answer_type=q.answer_type,
            z=top_dense,
            best_coverage=max((c.coverage for c in candidates), default=0.0),
            best_entity_coverage=max((c.entity_coverage for c in candidates), default=0.0),
            typed_on_topic=any(c.has_type for c in candidates),
            unknown_entities=unknown,
            unknown_share=unknown_words / max(1, len(q.content_words)),
            best_score=best.score if best else 0.0,
            n_entities=len(q.entities),
        )

    # ----------------------------------------------------------- composition
    def select(self, q: Question, candidates: list[Candidate]) -> list[Candidate]:
        """The best sentence, the neighbours it needs to be understood, and other sources' best."""
        if not candidates:
            return []
        limit = self.settings.answer_sentences
        best = candidates[0]
        if q.answer_type in CHECKABLE_TYPES:
            # An amount, a count or a date was asked for: lead with a sentence that states one.
            best = next((c for c in candidates if c.has_type), best)
        chosen = [best]
        # "Ces mots sont ceux de Tibo Inshape": the words are in the sentence before.
        if best.prev is not None and _ANAPHOR.match(best.text):
            chosen.append(best.prev)
        # The sentence that names the subject is often followed by the one that answers.
        nxt = best.next
        if (
            nxt is not None
            and len(chosen) < limit
            and (
                _ANAPHOR.match(nxt.text)
                or (q.answer_type in CHECKABLE_TYPES and not best.has_type)
                or q.answer_type is None
            )
        ):
            chosen.append(nxt)
        covered = set().union(*(c.covered for c in chosen))
        docs = {best.passage.doc_id}
        for c in candidates[1:]:
            if len(chosen) >= limit or c.score < 0.6 * best.score:
                break
            if c in chosen or c.is_title:
                continue
            if bool(c.covered - covered) or c.passage.doc_id not in docs:
                chosen.append(c)
                covered |= c.covered
                docs.add(c.passage.doc_id)
        # The best sentence's document first; within a document, reading order.
        doc_order: dict[str, int] = {}
        for c in chosen:
            doc_order.setdefault(c.passage.doc_id, len(doc_order))
        return sorted(chosen, key=lambda c: (doc_order[c.passage.doc_id], c.start))

    def compose(self, q: Question, chosen: list[Candidate], passages: list[Passage]) -> Answer:
        msg = messages(q.language)
        citations = []
        lines = []
        for n, c in enumerate(chosen, start=1):
            citations.append(Citation.of(n, c.passage, c.text, c.start, c.end, c.score))
            quoted = c.text if c.text[0] in '“"«' and c.text[-1] in '”"»' else f"“{c.text}”"
            lines.append(f"{quoted} [{n}]")
        other_language = any(c.language and c.language != q.language for c in citations)
        lead = msg["lead_translated"] if other_language else msg["lead"]
        text = lead + "\n\n" + "\n\n".join(lines)
        return Answer(
            question=q.text,
            text=text,
            citations=citations,
            passages=passages,
            abstained=False,
            mode=self.mode,
            language=q.language,
            verified_sentences=len(citations),
            total_sentences=len(citations),
        )

    def _abstain(self, q: Question, passages: list[Passage], reason: str, code: str) -> Answer:
        msg = messages(q.language)
        text = reason + (" " + msg["closest"] if passages else "")
        return Answer(q.text, text, [], passages, True, self.mode, q.language, notice=f"abstained:{code}")

    def _reason_text(self, code: str, ev: Evidence, msg: dict) -> str:
        if code == "unknown_terms" and ev.unknown_entities:  # names, as the question wrote them
            return msg["abstain_unknown_terms"].format(terms=", ".join(f"“{t}”" for t in ev.unknown_entities))
        if code == "no_typed_answer" and ev.answer_type in msg["what"]:
            return msg["abstain_no_type"].format(what=msg["what"][ev.answer_type])
        return msg["abstain_weak"]


def _name_words(name: str) -> list[str]:
    parts = [p for w in name.split() for p in re.split(r"[-'’]", w) if p]
    return [w for w in parts if w.lower() not in NAME_CONNECTORS and not is_generic(w)]


def _mentioned(name: str, vocab: LexicalIndex) -> bool:
    """Whether the corpus speaks of ``name``, in any inflection, as an acronym, or,
    for a country, under its name in another language."""
    if is_generic(name) or vocab.is_source_name(name):
        return True
    return any(
        _mentioned_as(words_, vocab) for words_ in [_name_words(name)] + [_name_words(e) for e in equivalents(name)]
    )


def _mentioned_as(words_: list[str], vocab: LexicalIndex) -> bool:
    if not words_:
        return True
    if not all(vocab.mentions(w) for w in words_):
        return False
    # Initials known only as initials ("J.D." for "JD") have no postings to intersect.
    indexed = [w for w in words_ if vocab.matching_terms(w)]
    return len(indexed) <= 1 or vocab.cooccur(indexed)


def _roots(words_: set[str] | list[str]) -> set[str]:
    """Shared-root keys for English/French cognates: the first five letters of longer words.

    Crude next to a bilingual dictionary, but the two languages share most of their
    Latin vocabulary (sensitive/sensible, communicate/communiquer, platform/plateforme),
    and it is only used to rank sentences of passages retrieval already chose."""
    return {w[:_COGNATE] for w in words_ if len(w) >= _COGNATE + 1 and not w.isdigit()}


def _focus_entity(q: Question, vocab: LexicalIndex) -> str | None:
    """The question's most specific name: the one the fewest passages mention.

    Not a language, month or weekday name ("French MPs"): the subject is elsewhere."""
    known = []
    for e in q.entities:
        if is_generic(e):
            continue
        variants = {fold(e)} | set(terms(e, "en")) | set(terms(e, "fr"))
        df = max((vocab.doc_freq(v) for v in variants), default=0)
        if df > 0:
            known.append((df, fold(e)))
    return min(known)[1] if known else None


def _chunk_score(p: Passage, offset: int) -> float:
    """The retriever's similarity z-score for the chunk of ``p`` that holds ``offset``."""
    for start, end, z in p.metadata.get("chunk_scores") or ():
        if start <= offset < end:
            return float(z)
    return 0.0


def _is_heading(text: str) -> bool:
    """A headline or sub-heading line: short and not ended like a sentence."""
    return len(text.split()) < 12 and not re.search(r"[.!?…:;]['\"’”»)]*$", text)


def _matches(variants: set[str], words_: set[str]) -> bool:
    return any(v in words_ or (len(v) >= 5 and any(w.startswith(v) for w in words_)) for v in variants)


def _entity_coverage(entities: list[str], sentence_words: set[str]) -> float:
    """Share of the question's names found in a sentence; a shared 6-letter stem counts
    (European/européenne) so that names match across English and French."""
    hits = 0
    for e in entities:
        if e in sentence_words or (len(e) >= 6 and any(w[:6] == e[:6] for w in sentence_words if len(w) >= 6)):
            hits += 1
    return hits / len(entities)
