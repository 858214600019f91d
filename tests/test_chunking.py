"""Chunks end on sentences, keep exact offsets, and carry context only in what is embedded."""

from __future__ import annotations

import itertools
from datetime import date

from rag.ingestion.splitter import split_document
from rag.text.sentences import sentence_spans
from rag.types import Document

TEXT = (
    "L’Union européenne inflige une amende de 120 millions d’euros à la plateforme X\n\n"
    "BRUXELLES — La Commission européenne a infligé vendredi une amende de 120 millions d’euros à X. "
    "Il s’agit de la toute première sanction prononcée en vertu du DSA. M. Breton n’a pas commenté.\n\n"
    + " ".join(f"Phrase numéro {i} du deuxième paragraphe, qui parle d’autre chose encore." for i in range(12))
)


def make_doc(text: str = TEXT) -> Document:
    return Document(
        doc_id="d1",
        text=text,
        path="p",
        title=text.split("\n")[0],
        source="POLITICO",
        published=date(2025, 12, 5),
        language="fr",
    )


def test_chunks_are_exact_spans_ending_on_sentence_boundaries():
    doc = make_doc()
    chunks = split_document(doc, target_words=30, max_words=60)
    assert len(chunks) > 2
    ends = {e for _, e in sentence_spans(doc.text, "fr")}
    for c in chunks:
        assert doc.text[c.start : c.end] == c.text
        assert c.end in ends
        assert len(c.text.split()) <= 60
    assert [c.index for c in chunks] == list(range(len(chunks)))
    assert all(b.start >= a.end for a, b in itertools.pairwise(chunks))


def test_abbreviation_does_not_end_a_sentence():
    spans = sentence_spans("M. Breton n’a pas commenté. Le Dr. Smith non plus.", "fr")
    assert len(spans) == 2


def test_context_header_is_embedded_but_never_part_of_the_text():
    chunks = split_document(make_doc(), target_words=30, max_words=60)
    first, later = chunks[0], chunks[-1]
    assert first.embed_text.startswith("(POLITICO, 2025-12-05)\n")
    assert later.embed_text.startswith(make_doc().title + " (POLITICO, 2025-12-05)\n")
    assert later.embed_text.endswith(later.text)
    assert "POLITICO" not in later.text


def test_sentence_longer_than_the_limit_is_cut_without_losing_words():
    text = ", ".join(f"clause {i} of a very long sentence" for i in range(80)) + "."
    doc = Document(doc_id="d2", text=text, path="p", language="en")
    chunks = split_document(doc, target_words=40, max_words=50)
    assert all(len(c.text.split()) <= 50 for c in chunks)
    covered = " ".join(c.text for c in chunks).split()
    assert covered == text.split()
