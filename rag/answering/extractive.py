"""Answers without an LLM: the sentences of the sources that answer, quoted, and the short answer.

Every sentence of an answer is a verbatim sentence of a document, so every
claim is checkable by construction; the work is choosing which sentences,
and deciding when none of them answers. Both are the reader's model
(:mod:`rag.answering.reader`): each candidate sentence gets a probability that it
answers, learned from SQuAD 2.0 and our tuning questions; the assistant
refuses when the best is under the threshold chosen on validation data, and
quotes only the sentences that are likely to answer (often one). For
questions that ask for a figure, a date or a name, the phrase that answers
is cut from the best sentence and put first, with its own offsets.

One check stays a rule because a user can verify it: a question whose
names the corpus never mentions ("no article mentions GDPR"). Sentences
addressed to an AI and site furniture are never candidates (both are small
learned models of their own, ``rag.answering.injection`` and ``rag.ingestion.furniture``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from ..index.lexical import LexicalIndex
from ..ingestion.boilerplate import is_furniture
from ..retrieval.retriever import Filters, IndexStatistics
from ..settings import Settings
from ..types import Answer, Citation, Passage, Question, ShortAnswer
from .injection import looks_like_injection
from .question import CHECKABLE_TYPES, analyse
from .reader.features import FEATURES, Candidate, QuestionTerms, build_candidates, feature_matrix, question_terms
from .reader.model import Model, load_model
from .reader.spans import SPAN_FEATURES, best_span, span_candidates, span_matrix
from .templates import messages

# Sentence openings that point back to the previous sentence.
_ANAPHOR = re.compile(
    r"^[“\"«]?\s*(it|its|this|these|that|those|they|he|she|his|her|their|such"
    r"|il|elle|ils|elles|ce|cet|cette|ces|celui-ci|celle-ci|ceux-ci|son|sa|ses|leur|leurs|lui)\b",
    re.IGNORECASE,
)
# A second sentence is quoted only if it is at least half as likely to answer as the best: on validation
# questions this states a fact in 79% of answers with 1.45 quotes (1 quote: 72%; a 0.3 ratio: 84% with 1.84).
_SECOND_RATIO = 0.5


class ExtractiveAnswerer:
    mode = "extractive"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._sentence_model: Model | None = None
        self._span_model: Model | None = None

    @property
    def sentence_model(self) -> Model:
        if self._sentence_model is None:
            self._sentence_model = load_model("sentence_model", FEATURES)
        return self._sentence_model

    @property
    def span_model(self) -> Model:
        if self._span_model is None:
            self._span_model = load_model("span_model", SPAN_FEATURES)
        return self._span_model

    @property
    def threshold(self) -> float:
        configured = self.settings.answer_threshold
        return self.sentence_model.threshold if configured is None else configured

    # ---------------------------------------------------------------- public
    def answer(
        self, q: Question, passages: list[Passage], statistics: IndexStatistics, filters: Filters | None = None
    ) -> Answer:
        """Read the retrieved passages; ``statistics`` are those of the index they came from (its
        vocabulary: how rare each word is, which names it mentions)."""
        msg = messages(q.language)
        if not passages:
            suffix = (
                msg["with_filters"].format(filters=filters.describe()) if filters and not filters.is_empty() else ""
            )
            return self._abstain(q, passages, msg["no_passages"].format(filters=suffix), "no_passages")
        qt = question_terms(q, statistics.vocabulary)
        if qt.unknown_names and qt.unknown_share >= self.settings.abstain_unknown_share:
            terms_ = ", ".join(f"“{t}”" for t in qt.unknown_names)
            return self._abstain(q, passages, msg["abstain_unknown_terms"].format(terms=terms_), "unknown_terms")
        parts = question_parts(q)
        if len(parts) > 1:
            return self._answer_parts(q, qt, parts, passages, statistics.vocabulary)
        candidates = self.score(qt, passages)
        answering = _answering(q, candidates)
        if not answering or answering[0].probability < self.threshold:
            return self._abstain(q, passages, self._reason(q, candidates, msg), "weak")
        return self.compose(q, self.select(answering), passages, statistics.vocabulary)

    def _answer_parts(
        self, q: Question, qt: QuestionTerms, parts: list[Part], passages: list[Passage], vocabulary: LexicalIndex
    ) -> Answer:
        """'How much ... and under which law?': each part read for its own kind of answer; a part no
        sentence answers is named in the answer instead of being passed over."""
        msg = messages(q.language)
        chosen: list[Candidate] = []
        missing: list[str] = []
        first: list[Candidate] = []
        for part in parts:
            scored = self.score(replace(qt, question=part.question), passages)
            cands = _answering(part.question, scored)
            if not first:
                first = scored
            if cands and cands[0].probability >= self.threshold:
                for c in self.select(cands)[:2]:
                    if all(c.start != o.start or c.passage.doc_id != o.passage.doc_id for o in chosen):
                        chosen.append(c)
            else:
                missing.append(part.text)
        if not chosen:
            return self._abstain(q, passages, self._reason(q, first, msg), "weak")
        answer = self.compose(q, chosen, passages, vocabulary)
        if missing:
            note = msg["missing_part"].format(parts="; ".join(f"“{m}”" for m in missing))
            answer.text += "\n\n" + note
            answer.notice = "partial"
        return answer

    def score(self, qt: QuestionTerms, passages: list[Passage]) -> list[Candidate]:
        """Candidates with their probability of answering, best first; text addressed to an AI and site
        furniture ("register and login to post comments") never count."""
        candidates = [
            c for c in build_candidates(qt, passages) if not looks_like_injection(c.text) and not is_furniture(c.text)
        ]
        probs = self.sentence_model.probabilities(feature_matrix(candidates))
        for c, p in zip(candidates, probs, strict=True):
            c.probability = float(p)
        candidates.sort(key=lambda c: (-c.probability, c.rank, c.start))
        return candidates

    def empty_index_answer(self, q: Question, corpus_dir: Path) -> Answer:
        text = messages(q.language)["empty_index"].format(corpus=corpus_dir)
        return Answer(q.text, text, [], [], True, self.mode, q.language, notice="empty_index")

    # ----------------------------------------------------------- composition
    def select(self, candidates: list[Candidate]) -> list[Candidate]:
        """The best sentence (with the one before when it opens on a pronoun), and others nearly as likely
        to answer that add a source or a term the chosen ones do not cover."""
        limit = self.settings.answer_sentences
        best = candidates[0]
        chosen = [best]
        if best.prev is not None and _ANAPHOR.match(best.text) and not best.prev.heading:
            chosen.append(best.prev)
        floor = max(self.threshold, _SECOND_RATIO * best.probability)
        covered = set().union(*(c.covered for c in chosen))
        docs = {best.passage.doc_id}
        for c in candidates[1:]:
            if len(chosen) >= limit or c.probability < floor:
                break
            if c in chosen or c.heading:
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

    def short_answer(self, q: Question, best: Candidate, n: int, vocabulary: LexicalIndex) -> ShortAnswer | None:
        """The phrase of ``best`` that answers, when the question asks for one (not "why" or "who is X")."""
        if best.value("question_is_name") or not _factoid(q):
            return None
        spans = span_candidates(q, best.text, vocabulary, best.passage.metadata.get("language"))
        if not spans:
            return None
        probs = self.span_model.probabilities(span_matrix(spans))
        i = best_span(q, spans, probs)
        if probs[i] < self.span_model.threshold:
            return None
        sp = spans[i]
        return ShortAnswer(
            text=sp.text,
            n=n,
            start=best.start + sp.start,
            end=best.start + sp.end,
            doc_id=best.passage.doc_id,
            probability=round(float(probs[i]), 4),
        )

    def compose(
        self, q: Question, chosen: list[Candidate], passages: list[Passage], vocabulary: LexicalIndex
    ) -> Answer:
        msg = messages(q.language)
        citations = []
        lines = []
        best = max(chosen, key=lambda c: c.probability)
        short = None
        for n, c in enumerate(chosen, start=1):
            citations.append(Citation.of(n, c.passage, c.text, c.start, c.end, c.probability))
            quoted = c.text if c.text[0] in '“"«' and c.text[-1] in '”"»' else f"“{c.text}”"
            lines.append(f"{quoted} [{n}]")
            if c is best:
                short = self.short_answer(q, c, n, vocabulary)
        other_language = any(c.language and c.language != q.language for c in citations)
        lead = msg["lead_translated"] if other_language else msg["lead"]
        head = f"{short.text} [{short.n}]\n\n" if short else ""
        text = head + lead + "\n\n" + "\n\n".join(lines)
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
            short_answer=short,
        )

    def _abstain(self, q: Question, passages: list[Passage], reason: str, code: str) -> Answer:
        msg = messages(q.language)
        text = reason + (" " + msg["closest"] if passages else "")
        return Answer(q.text, text, [], passages, True, self.mode, q.language, notice=f"abstained:{code}")

    def _reason(self, q: Question, candidates: list[Candidate], msg: dict) -> str:
        """Why the best sentence is not enough: the asked-for kind of answer is missing, or nothing bears on it."""
        if q.answer_type in CHECKABLE_TYPES and q.answer_type in msg["what"]:
            on_topic = [c for c in candidates[:5] if c.value("coverage") >= 0.3]
            if on_topic and not any(c.value("type_match") for c in on_topic):
                return msg["abstain_no_type"].format(what=msg["what"][q.answer_type])
        return msg["abstain_weak"]


def _factoid(q: Question) -> bool:
    """A question answered by a phrase: it asks for a kind of answer, or asks what, who, when, where or
    how many (not why, how, or yes or no)."""
    return q.answer_type is not None or q.interrogative in {"what", "who", "when", "where", "quantity"}


def _answering(q: Question, candidates: list[Candidate]) -> list[Candidate]:
    """The candidates that can answer: for a question asking for a figure, an age or a date, only
    sentences that state one (learned probabilities rank them; this decides who may compete)."""
    if q.answer_type in CHECKABLE_TYPES:
        return [c for c in candidates if c.value("type_match")]
    return candidates


@dataclass
class Part:
    """One of the questions a compound question asks, with its own kind of answer."""

    text: str
    question: Question


# "..., and under which law?", "... et en vertu de quel texte ?": a coordinated second question.
_PART_SPLIT = re.compile(
    r"\s*,?\s+(?:and|et)\s+(?=(?:what|which|who|whom|whose|when|where|why|how|under which|under what|in which"
    r"|quel|quelle|quels|quelles|qui|quand|où|comment|combien|pourquoi|en vertu|sous quel|dans quel|à quel)\b)",
    re.IGNORECASE,
)


def question_parts(q: Question) -> list[Part]:
    """The parts of a compound question; the question itself when it asks one thing.

    A part keeps the whole question's words (the second part of "How much was X fined and
    under which law?" is about X's fine too) and takes its own kind of answer."""
    pieces = [p.strip(" ?") for p in _PART_SPLIT.split(q.text) if p.strip(" ?")]
    if len(pieces) < 2:
        return [Part(q.text, q)]
    return [Part(p, replace(q, answer_type=analyse(p, q.language).answer_type)) for p in pieces]
