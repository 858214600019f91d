"""Sentence boundaries with character offsets.

Shared by the splitter (chunks end on sentence boundaries) and the answerers
(a quote is a whole sentence of the document). Line breaks in a cleaned
document separate paragraphs and headlines, so they are always boundaries;
inside a paragraph sentencex decides, with the document's language rules
(abbreviations such as "M." or "Dr." do not end a sentence).
"""

from __future__ import annotations


def sentence_spans(text: str, language: str | None = None) -> list[tuple[int, int]]:
    """[start, end) spans of the sentences of ``text``, whitespace trimmed."""
    import sentencex

    spans: list[tuple[int, int]] = []
    pos = 0
    for para in text.split("\n"):
        if para.strip():
            for b in sentencex.get_sentence_boundaries(language or "en", para):
                s, e = _trim(para, b["start_index"], b["end_index"])
                if e > s:
                    spans.append((pos + s, pos + e))
        pos += len(para) + 1
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
