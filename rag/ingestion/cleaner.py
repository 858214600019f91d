"""Raw page text to clean articles.

A scraped page is a sequence of lines; articles are the dense runs of prose
in it. Each line scores its word count if it is prose and a penalty if it is
furniture (navigation, paywall, credits, headline lists), and the article
bodies are the maximum-scoring runs (Kadane), so a paywall wall or a long
"latest news" list ends an article while a single sub-heading does not.

A run can still hold several articles, as on a tag page that prints them one
after another. It is split before a headline that follows a run of category
lines, or before a headline whose body opens with a dateline ("PARIS — ")
when the previous article did too. Each article keeps its own title.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from datetime import date

from ..text.language import detect_document_language
from ..text.textnorm import fold
from ..types import RawDocument
from . import metadata as meta
from .boilerplate import Line, is_headline, split_lines
from .dates import numeric_order

# The main article of a page may be a short brief; a second block of prose on the
# same page must be article-sized to count (a cookie notice can read like prose).
MIN_ARTICLE_WORDS = 15
MIN_EXTRA_ARTICLE_WORDS = 60
MIN_SPLIT_WORDS = 40  # prose an article must have before a page is split after it
TAG_LINE_MAX_WORDS = 6
LEAD_MAX_FURNITURE = 6  # furniture lines between an article's lead and the rest of its body
# "PARIS — ", "BRUXELLES (AFP) – ", "Cardiff, November 2 (NNW) - ".
_DATELINE = re.compile(
    r"^(?:[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’ .-]{1,40}|[A-ZÀ-Ý][\w'’ .-]{1,30},\s+[\w ]{3,20})"
    r"(?:\([^)]{1,30}\))?\s*[—–-]\s"
)


@dataclass
class CleanDocument:
    text: str
    title: str | None = None
    published: date | None = None
    source: str | None = None
    wire: str | None = None
    author: str | None = None
    language: str | None = None
    url: str | None = None
    header: list[str] = field(default_factory=list)


def clean(raw: RawDocument) -> list[CleanDocument]:
    """The articles a raw document holds (possibly none, if it is all furniture)."""
    lines = split_lines(raw.text)
    if raw.structured:
        # A record that declares its own text (JSONL): keep it whole, minus furniture lines.
        kept = [ln for ln in lines if ln.kind in {"prose", "short"}] or lines
        segments = [(0, len(lines))] if kept else []
        lines = kept
    else:
        segments = _with_lead(lines, _content_segments(lines))
    articles: list[tuple[str | None, list[Line], list[str]]] = []
    prev_end = 0
    for seg_start, seg_end in segments:
        gap = lines[prev_end:seg_start]
        title_line = _find_title(gap)
        header = [ln.text for ln in gap]
        parts = _split_articles(lines[seg_start:seg_end])
        # "First published: ..." footers: date lines just after the last article of a run.
        outro = [ln.text for ln in lines[seg_end : seg_end + 12] if ln.kind == "meta"]
        for k, (title, body, intro) in enumerate(parts):
            if k == 0:
                title = title_line.text if title_line else None
            articles.append((title, body, (header if k == 0 else []) + intro + (outro if k == len(parts) - 1 else [])))
        prev_end = seg_end
    if not articles:
        return []

    page_text = raw.text
    page_header = [ln.text for ln in lines[: segments[0][0]]] if segments else []
    source, wire = _page_publisher(page_text, page_header)
    out = []
    for i, (title, body, header) in enumerate(articles):
        if raw.title and i == 0:
            title = raw.title
        # A standfirst repeated as the first paragraph is said once.
        paragraphs = list({fold(ln.text): ln.text for ln in reversed(body)}.values())[::-1]
        if title and paragraphs and fold(paragraphs[0]) == fold(title):
            paragraphs = paragraphs[1:]
        body_text = "\n\n".join(paragraphs)
        text = f"{title}\n\n{body_text}" if title else body_text
        language = raw.language or detect_document_language(body_text)
        languages = tuple(x for x in (language, "en", "fr") if x)
        published = raw.published if (raw.published and i == 0) else None
        if published is None and not raw.structured:
            day_first = numeric_order([ln.text for ln in lines], language)
            published = meta.published_date(header, paragraphs[0] if paragraphs else None, languages, day_first)
        out.append(
            CleanDocument(
                text=text,
                title=title,
                published=published,
                source=raw.source or source,
                wire=wire,
                author=(raw.author if i == 0 else None) or meta.byline(header),
                language=language,
                url=raw.url if i == 0 else None,
                header=header,
            )
        )
    return out


def _content_segments(lines: list[Line]) -> list[tuple[int, int]]:
    """Disjoint [start, end) runs of lines whose score is at least an article's worth."""
    found: list[tuple[int, int]] = []

    def search(lo: int, hi: int, minimum: float) -> None:
        if hi - lo <= 0:
            return
        best, best_lo, best_hi = 0.0, lo, lo
        run, run_lo = 0.0, lo
        for i in range(lo, hi):
            if run <= 0:
                run, run_lo = 0.0, i
            run += lines[i].score
            if run > best:
                best, best_lo, best_hi = run, run_lo, i + 1
        if best < minimum:
            return
        found.append((best_lo, best_hi))
        search(lo, best_lo, MIN_EXTRA_ARTICLE_WORDS)
        search(best_hi, hi, MIN_EXTRA_ARTICLE_WORDS)

    search(0, len(lines), MIN_ARTICLE_WORDS)
    return sorted(found)


def _with_lead(lines: list[Line], segments: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Give each run back the paragraphs above it that a share bar, a newsletter box or a
    "you might also like" link cut off: the lead of an article sits right under its headline,
    before the furniture, and is its most important paragraph."""
    out: list[tuple[int, int]] = []
    floor = 0
    for start, end in segments:
        i, furniture = start - 1, 0
        while i >= floor and furniture <= LEAD_MAX_FURNITURE:
            line = lines[i]
            if line.kind == "prose":
                start, furniture = i, 0
            elif is_headline(line):
                break
            else:
                furniture += 1
            i -= 1
        out.append((start, end))
        floor = end
    return out


def _find_title(gap: list[Line]) -> Line | None:
    """The headline closest above a body, preferring the fuller of two near-copies (slugs)."""
    # Dates, bylines and share buttons between a headline and its body do not count.
    candidates = [ln for ln in reversed([ln for ln in gap if ln.kind in ("short", "prose")][-8:]) if is_headline(ln)]
    if not candidates:
        return None
    # The nearest line of four words or more: shorter lines just above a body are more
    # often a section or agency name ("Dépêches du Centre") than the headline.
    title = next((ln for ln in candidates if ln.words >= 4), candidates[0])
    for other in candidates[1:]:
        if _word_overlap(other.text, title.text) >= 0.6 and len(other.text) >= len(title.text):
            title = other
    return title


def _word_overlap(a: str, b: str) -> float:
    wa = set(fold(re.sub(r"[^\w\s]", " ", a)).split())
    wb = set(fold(re.sub(r"[^\w\s]", " ", b)).split())
    return len(wa & wb) / max(1, len(wa | wb))


def _split_articles(seg: list[Line]) -> list[tuple[str | None, list[Line], list[str]]]:
    """Split a content run into articles: (title, body lines, the lines that introduced it)."""
    boundaries = [0]
    titles: dict[int, str] = {}
    saw_dateline = bool(seg and seg[0].kind == "prose" and _DATELINE.match(seg[0].text))
    prose_since = 0
    for i, line in enumerate(seg):
        if line.kind == "prose":
            prose_since += line.words
            continue
        if not is_headline(line):
            continue
        # A headline, then perhaps a byline or date line or two, then the body.
        first = i + 1
        while first < len(seg) and first <= i + 3 and seg[first].kind == "meta":
            first += 1
        if first >= len(seg) or seg[first].kind != "prose":
            continue
        tags_before = 0
        j = i - 1
        while j >= 0 and seg[j].kind != "prose" and seg[j].words <= TAG_LINE_MAX_WORDS:
            tags_before += 1
            j -= 1
        dateline_next = bool(_DATELINE.match(seg[first].text))
        if prose_since >= MIN_SPLIT_WORDS and (tags_before >= 2 or (dateline_next and saw_dateline)):
            boundaries.append(i)
            titles[i] = line.text
            prose_since = 0
        saw_dateline = saw_dateline or dateline_next
    boundaries.append(len(seg))
    out = []
    for a, b in itertools.pairwise(boundaries):
        part = seg[a + 1 : b] if a in titles else seg[a:b]
        body = _trim(part)
        if not body:
            continue
        # Date and byline lines sit between a headline and its body, after the standfirst,
        # or after the body.
        intro = [ln.text for ln in part if ln.kind == "meta"]
        out.append((titles.get(a), body, intro))
    return out


def _trim(body: list[Line]) -> list[Line]:
    """Drop furniture inside an article and the category lines that trail it."""
    kept = [ln for ln in body if ln.kind in {"prose", "short"}]
    while kept and kept[-1].kind != "prose":
        kept.pop()
    while kept and kept[0].kind != "prose":
        kept.pop(0)
    return kept


def _page_publisher(text: str, header: list[str]) -> tuple[str | None, str | None]:
    """(publisher, wire) that the page names, page-wide (a tag page shares its publisher)."""
    publisher = None
    for line in header:
        outlet = meta.outlet_in_header(line)
        if outlet and not outlet.wire:
            publisher = outlet.name
            break
    credited = meta.wire_credit(text)
    wire = credited.name if credited else None
    if publisher is None:
        outlet = meta.publisher_from_self_reference(text)
        publisher = outlet.name if outlet else None
    if publisher is None:
        publisher = meta.masthead(header, text)
    if wire is None:
        outlet = meta.wire_in_lines(header)
        wire = outlet.name if outlet else None
    return publisher, wire
