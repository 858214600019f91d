"""Sentence boundaries with character offsets.

Shared by the splitter (chunks end on sentence boundaries) and the answerers
(a quote is a whole sentence of the document). Line breaks in a cleaned
document separate paragraphs and headlines, so they are always boundaries;
inside a paragraph sentencex decides, with the document's language rules
(abbreviations such as "M." or "Dr." do not end a sentence).
"""

from __future__ import annotations

import re

# Titles, initials and month abbreviations that sentencex sometimes takes for a
# sentence end ("M. Breton", "Dr. Smith", "Jan. 5", "J. D. Vance").
_ABBREVIATION_END = re.compile(
    r"(?:^|[\s(“\"«])(?:[A-ZÀ-Ý]|[A-Za-z]\.[A-Za-z]|Mr|Mrs|Ms|Dr|Prof|Sr|Jr|St|Ste|Gen|Gov|Sen|Rep|Lt|Col|Sgt|Capt|"
    r"Mt|No|Nos|vs|Inc|Ltd|Corp|Co|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|M|MM|Mme|Mmes|Mlle|Me|Pr|"
    r"av|apr|env|cf|p|pp|art|al)\.$"
)


def sentence_spans(text: str, language: str | None = None) -> list[tuple[int, int]]:
    """[start, end) spans of the sentences of ``text``, whitespace trimmed."""
    import sentencex

    spans: list[tuple[int, int]] = []
    pos = 0
    for para in text.split("\n"):
        if para.strip():
            merged: list[tuple[int, int]] = []
            for b in sentencex.get_sentence_boundaries(language or "en", para):
                s, e = _trim(para, b["start_index"], b["end_index"])
                if e <= s:
                    continue
                if merged and _ABBREVIATION_END.search(para[merged[-1][0] : merged[-1][1]]):
                    merged[-1] = (merged[-1][0], e)
                else:
                    merged.append((s, e))
            spans.extend((pos + s, pos + e) for s, e in merged)
        pos += len(para) + 1
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
