"""Citation markers: the one grammar for ``[n]`` in answers.

Models write markers in many shapes ("[3]", "[1, 4]", "[2-3]", "[Source 2]",
"[^1]", "【1】"); the verifier reads them from generated text, the
relative-date annotation finds the sources a sentence cites, the web UI links
them and the evaluation metrics count them. All of them read markers here, so
that what one counts as a marker the others do too.
"""

from __future__ import annotations

import re

# "[3]", "[1, 4]", "[2-3]", "[Source 2]", "[^1]", "【1】".
MARKER = re.compile(
    r"[ \t]*(?:\[\^?\s*(?:(?:sources?|src|réf\.?|ref\.?)\s*)?"
    r"(?P<list>\d{1,4}(?:\s*(?:[,;]|-|–|and|et)\s*(?:sources?\s*)?\d{1,4})*)\s*\]|【(?P<cjk>\d{1,4})】)",
    re.IGNORECASE,
)
_RANGE = re.compile(r"(\d+)\s*[-–]\s*(\d+)")
# One or more markers in a row ("[1][3]", " [2] [4]"), as they trail a sentence.
MARKER_RUN = re.compile(f"(?:{MARKER.pattern})+", re.IGNORECASE)


def parse_marker(match: re.Match[str]) -> list[int]:
    if match.group("cjk"):
        return [int(match.group("cjk"))]
    out: list[int] = []
    body = match.group("list")
    for m in _RANGE.finditer(body):
        a, b = int(m.group(1)), int(m.group(2))
        if a <= b <= a + 10:
            out.extend(range(a, b + 1))
    body = _RANGE.sub(" ", body)
    out.extend(int(x) for x in re.findall(r"\d+", body))
    return list(dict.fromkeys(out))


def strip_markers(text: str) -> tuple[str, list[tuple[int, list[int]]]]:
    """The text without its citation markers, and where each marker was in that text."""
    pieces: list[str] = []
    marks: list[tuple[int, list[int]]] = []
    pos = 0
    length = 0
    for m in MARKER.finditer(text):
        pieces.append(text[pos : m.start()])
        length += m.start() - pos
        marks.append((length, parse_marker(m)))
        pos = m.end()
    pieces.append(text[pos:])
    return "".join(pieces), marks


def marker_numbers(text: str) -> list[int]:
    """Every source number cited in ``text``, in order, repeats included."""
    return [n for m in MARKER.finditer(text) for n in parse_marker(m)]
