"""Conversations: follow-up questions made standalone, relative dates made absolute.

Retrieval sees one question at a time, so "And how much was it fined?" has
to become a question that names its subject before it is searched. With an
LLM configured the model rewrites it (it resolves "it" far better than any
rule); without one, or when the model fails, a rule appends the previous
question's names and key words, which is what retrieval needs.

News articles date events relative to their own publication ("on Tuesday",
"in January last year"). An answer read weeks later needs the absolute date,
and the reader needs to know what it was computed from, so the date is
resolved from the cited article's publication date (dateparser with that
date as ``RELATIVE_BASE``) and the annotation names the source; when the
article has no date the phrase is left exactly as written.
"""

from __future__ import annotations

import html
import logging
import re
import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from ..answering.question import analyse
from ..answering.templates import messages, prompt
from ..answering.verification import MARKER, parse_marker
from ..llm.client import LLM, LLMError
from ..text.textnorm import fold

log = logging.getLogger(__name__)

HISTORY_MESSAGE_CHARS = 600


class HistoryError(ValueError):
    """The conversation history is not in the expected format; the message says how to fix it."""


# ------------------------------------------------------------------ history
def normalise_history(history: Any) -> list[dict[str, str]]:
    """Check a chat history (OpenAI / Gradio "messages" format) and keep its text turns."""
    if history is None:
        return []
    if not isinstance(history, (list, tuple)):
        raise HistoryError(
            'history must be a list of {"role": "user" | "assistant", "content": "..."} messages, '
            f"got {type(history).__name__}"
        )
    out = []
    for i, m in enumerate(history):
        if not isinstance(m, dict):
            raise HistoryError(f'history[{i}] must be a dict like {{"role": "user", "content": "..."}}')
        role = m.get("role")
        if role not in ("user", "assistant"):
            raise HistoryError(f'history[{i}] has role {role!r}; use "user" or "assistant"')
        content = _text_content(m.get("content"))
        if content is None:
            raise HistoryError(f"history[{i}] has no text content")
        if content.strip():
            out.append({"role": role, "content": content})
    return out


def _text_content(content: Any) -> str | None:
    """Text of a message; Gradio and OpenAI also allow a list of parts, of which text parts count."""
    if isinstance(content, str):
        return content
    if isinstance(content, (list, tuple)):
        parts = [p.get("text") if isinstance(p, dict) else p if isinstance(p, str) else None for p in content]
        return " ".join(p for p in parts if isinstance(p, str))
    if isinstance(content, dict) and isinstance(content.get("text"), str):
        return content["text"]
    return None


# --------------------------------------------------------------- rewriting
@dataclass
class Rewrite:
    question: str  # the standalone question
    by: str  # "unchanged", "rule" or "llm"
    error: LLMError | None = None  # the LLM failure that made the rule step in


_CONNECTOR = re.compile(
    r"^(and|but|also|so|then|what about|how about|and what about|et|mais|aussi|alors|puis|et pour|et qu|qu'en est-il"
    r"|quid)\b",
    re.IGNORECASE,
)
_ANAPHORA = frozenset(
    """it its they them their theirs he him his she her this these those there same
    il elle ils elles lui leur leurs ce cet cette ces celui celle ceux celles meme""".split()
)


# French subject-verb inversion ("a-t-elle", "ont-ils", "est-il"): the pronoun repeats the
# question's own subject, it does not point back to an earlier turn.
_INVERSION = re.compile(r"-(?:t-)?(?:il|elle|ils|elles|on)\b", re.IGNORECASE)


def needs_context(question: str) -> bool:
    """Whether a question leans on the one before: it opens on a connector ("And ...", "What about ..."),
    or it points back (a pronoun) or lacks a subject (few content words) without naming one of its own."""
    folded = fold(question)
    if _CONNECTOR.match(folded):
        return True
    q = analyse(question)
    named = [e for e in q.entities if len(e) > 1 or e.isupper()]
    if named and len(q.content_words) >= 2:
        return False  # a question that names its subject stands on its own
    tokens = re.findall(r"[a-z]+", _INVERSION.sub(" ", folded))
    if any(t in _ANAPHORA for t in tokens):
        return True
    return not q.entities and len(q.content_words) < 3


def rule_rewrite(history: list[dict[str, str]], question: str) -> str:
    """The question, followed by the previous question it leans on, so that retrieval sees its subject.

    The previous question is kept whole (not cut to keywords) so that the line shown as
    "searched as" still reads as a question; only the last standalone user question counts.
    """
    asked = [" ".join(m["content"].split()) for m in history if m["role"] == "user"]
    if not asked or not needs_context(question):
        return question
    # The turns back to the last one that stood on its own ("... X fined?" / "And when?" / "By whom?").
    chain = [asked[-1]]
    while len(chain) < 3 and len(asked) > len(chain) and needs_context(chain[0]):
        chain.insert(0, asked[-len(chain) - 1])
    previous = " ".join(chain)
    if fold(previous) in fold(question):
        return question
    lang = analyse(question).language
    about = messages(lang).get("about", "about")
    return f"{question.rstrip()} ({about} {previous.rstrip()})"


def rewrite_question(
    history: list[dict[str, str]], question: str, llm: LLM | None, history_turns: int, max_chars: int
) -> Rewrite:
    """A standalone version of ``question`` given the conversation so far."""
    if not any(m["role"] == "user" for m in history):
        return Rewrite(question, "unchanged")
    error = None
    if llm is not None:
        try:
            rewritten = _llm_rewrite(history[-history_turns:], question, llm, max_chars)
            if rewritten:
                return Rewrite(rewritten, "llm" if rewritten != question else "unchanged")
        except LLMError as exc:
            log.warning("follow-up rewriting failed, using the rule: %s", exc)
            error = exc
    rewritten = rule_rewrite(history, question)
    return Rewrite(rewritten, "rule" if rewritten != question else "unchanged", error)


def _llm_rewrite(history: list[dict[str, str]], question: str, llm: LLM, max_chars: int) -> str | None:
    lang = analyse(question).language
    msg = messages(lang)
    tag = secrets.token_hex(4)
    speaker = {"user": msg.get("speaker_user", "User"), "assistant": msg.get("speaker_assistant", "Assistant")}
    lines = []
    for m in history:
        content = " ".join(m["content"].split())
        if len(content) > HISTORY_MESSAGE_CHARS:
            content = content[:HISTORY_MESSAGE_CHARS] + "…"
        lines.append(f"{speaker[m['role']]}: {_escape(content)}")
    system = prompt("rewrite_system", lang).format(tag=tag)
    user = prompt("rewrite_user", lang).format(tag=tag, history="\n".join(lines), question=_escape(question))
    reply = llm.complete([{"role": "system", "content": system}, {"role": "user", "content": user}], max_tokens=120)
    line = next((x.strip() for x in reply.strip().splitlines() if x.strip()), "")
    line = re.sub(r"^(standalone question|question autonome|question)\s*:\s*", "", line, flags=re.IGNORECASE)
    line = html.unescape(line.strip().strip("\"'“”«» "))
    if not line or len(line) > max_chars or "<" in line:
        return None
    return line


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# ----------------------------------------------------------- relative dates
_WEEKDAY_EN = "monday tuesday wednesday thursday friday saturday sunday".split()
_WEEKDAY_FR = "lundi mardi mercredi jeudi vendredi samedi dimanche".split()
_MONTH_EN = "january february march april may june july august september october november december".split()
_MONTH_FR = "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split()
_UNIT_FR = {"jour": "day", "jours": "day", "semaine": "week", "semaines": "week", "mois": "month", "an": "year"}
_UNIT_FR |= {"ans": "year", "année": "year", "années": "year", "annee": "year", "annees": "year"}
_COUNT = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
_COUNT |= {"eight": 8, "nine": 9, "ten": 10, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5}
_COUNT |= {"sept": 7, "huit": 8, "neuf": 9, "dix": 10}
_REL_FR = {"dernier": "last", "dernière": "last", "derniere": "last", "passé": "last", "passée": "last"}
_REL_FR |= {"prochain": "next", "prochaine": "next", "ce": "this", "cette": "this", "cet": "this"}

_WD = "|".join(_WEEKDAY_EN + _WEEKDAY_FR)
_MO = "|".join(_MONTH_EN + _MONTH_FR + ["fevrier", "aout", "decembre"])
_NUM = r"\d{1,2}|" + "|".join(_COUNT)
_APOS = "['’]"
_RELATIVE = re.compile(
    rf"""\b(?:
      (?P<wd_rel>(?P<rel1>last|next|this)\s+(?P<wd1>{_WD}))
    | (?P<wd_rel_fr>(?P<wd2>{_WD})\s+(?P<rel2>dernier|prochain))
    | (?P<month_year>(?:in\s+|en\s+)?(?P<mo1>{_MO})\s+(?:of\s+)?(?P<rel3>last|this|next)\s+year)
    | (?P<month_year_fr>(?:en\s+)?(?P<mo2>{_MO})\s+(?:de\s+)?l{_APOS}(?:année|annee|an)\s+(?P<rel4>dernière|derniere|dernier|passée|passé|prochaine|prochain))
    | (?P<month_last>(?:in\s+|en\s+)?(?:(?P<rel5>last|next)\s+(?P<mo3>{_MO})|(?P<mo4>{_MO})\s+(?P<rel6>dernier|prochain)))
    | (?P<period>(?:earlier\s+|later\s+)?(?P<rel7>last|next|this)\s+(?P<unit1>week|month|year))
    | (?P<period_fr>(?:la\s+semaine|le\s+mois|l{_APOS}an|l{_APOS}année|l{_APOS}annee)\s+(?P<rel8>dernière|derniere|dernier|passée|passé|prochaine|prochain)
        |(?:cette\s+(?:semaine|année|annee))|(?:ce\s+mois(?:-ci)?))
    | (?P<ago>(?P<n1>{_NUM})\s+(?P<unit2>day|week|month|year)s?\s+ago)
    | (?P<ago_fr>il\s+y\s+a\s+(?P<n2>{_NUM})\s+(?P<unit3>jours?|semaines?|mois|ans|années?|annees?))
    | (?P<dayword>the\s+day\s+before\s+yesterday|yesterday|today|tomorrow|avant-hier|hier|aujourd{_APOS}hui|après-demain|apres-demain|demain)
    | (?P<wd_bare>(?:on\s+)?(?P<wd3>{_WD}))
    )\b(?!\s*,?\s*(?:\d|le\s+\d|(?:{_MO})\b))""",
    re.IGNORECASE | re.VERBOSE,
)


@dataclass
class RelativeDate:
    start: int
    end: int
    phrase: str
    value: date
    granularity: str  # day, week, month, year


def find_relative_dates(text: str, published: date) -> list[RelativeDate]:
    """Relative date phrases in ``text`` and the dates they mean for an article published on ``published``."""
    base = datetime.combine(published, datetime.min.time())
    out = []
    for m in _RELATIVE.finditer(text):
        resolved = _resolve(m, base)
        if resolved is not None:
            value, granularity = resolved
            out.append(RelativeDate(m.start(), m.end(), m.group(0), value, granularity))
    return out


def _parse(phrase: str, base: datetime, prefer: str = "past") -> date | None:
    import dateparser

    parsed = dateparser.parse(phrase, languages=["en"], settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": prefer})
    return parsed.date() if parsed else None


def _weekday_en(name: str) -> str:
    f = fold(name)
    return _WEEKDAY_EN[_WEEKDAY_FR.index(f)] if f in _WEEKDAY_FR else f


def _month_index(name: str) -> int:
    f = fold(name)
    folded_fr = [fold(m) for m in _MONTH_FR]
    return (_MONTH_EN.index(f) if f in _MONTH_EN else folded_fr.index(f)) + 1


def _rel(word: str) -> str:
    w = word.lower()
    return _REL_FR.get(w, w)


def _resolve(m: re.Match[str], base: datetime) -> tuple[date, str] | None:
    g = m.groupdict()
    if g["wd_rel"] or g["wd_rel_fr"]:
        rel = _rel(g["rel1"] or g["rel2"])
        d = _parse(f"{rel} {_weekday_en(g['wd1'] or g['wd2'])}", base)
        return (d, "day") if d else None
    if g["month_year"] or g["month_year_fr"]:
        rel = _rel(g["rel3"] or g["rel4"])
        year = _parse(f"{rel} year", base)
        return (date(year.year, _month_index(g["mo1"] or g["mo2"]), 1), "month") if year else None
    if g["month_last"]:
        month = _month_index(g["mo3"] or g["mo4"])
        rel = _rel(g["rel5"] or g["rel6"])
        if rel == "last":
            year = base.year if month < base.month else base.year - 1
        else:
            year = base.year if month > base.month else base.year + 1
        return date(year, month, 1), "month"
    if g["period"]:
        unit = g["unit1"].lower()
        d = _parse(f"{g['rel7'].lower()} {unit}", base)
        return (d, unit) if d else None
    if g["period_fr"]:
        phrase = fold(g["period_fr"])
        unit = "week" if "semaine" in phrase else "month" if "mois" in phrase else "year"
        rel = "this" if phrase.startswith(("cette", "ce ")) else _rel(fold(g["rel8"] or ""))
        rel = {"derniere": "last", "passee": "last", "passe": "last", "prochaine": "next"}.get(rel, rel)
        d = _parse(f"{rel} {unit}", base)
        return (d, unit) if d else None
    if g["ago"] or g["ago_fr"]:
        n_word = (g["n1"] or g["n2"]).lower()
        n = int(n_word) if n_word.isdigit() else _COUNT[n_word]
        unit = (g["unit2"] or "").lower() or _UNIT_FR.get((g["unit3"] or "").lower(), "day")
        d = _parse(f"{n} {unit}s ago", base)
        return (d, unit) if d else None
    if g["dayword"]:
        word = fold(g["dayword"]).replace("’", "'")
        english = {
            "hier": "yesterday",
            "avant-hier": "the day before yesterday",
            "aujourd'hui": "today",
            "demain": "tomorrow",
            "apres-demain": "the day after tomorrow",
        }.get(word, word)
        d = (
            (base + timedelta(days=2)).date()
            if english == "the day after tomorrow"
            else _parse(" ".join(english.split()), base)
        )
        return (d, "day") if d else None
    if g["wd_bare"]:
        # In news copy a bare weekday is the most recent one, the publication day included.
        d = _parse(_weekday_en(g["wd3"]), base, prefer="current_period")
        if d is None:
            return None
        if d > base.date():
            d -= timedelta(days=7)
        return d, "day"
    return None


def format_date(value: date, granularity: str, language: str) -> str:
    months = _MONTH_FR if language == "fr" else [m.capitalize() for m in _MONTH_EN]
    if granularity == "year":
        return str(value.year)
    if granularity == "month":
        return f"{months[value.month - 1]} {value.year}"
    if granularity == "week":
        monday = value - timedelta(days=value.weekday())
        day = "1er" if language == "fr" and monday.day == 1 else str(monday.day)
        week = messages(language).get("week_of", "the week of {date}")
        return week.format(date=f"{day} {months[monday.month - 1]} {monday.year}")
    day = "1er" if language == "fr" and value.day == 1 else str(value.day)
    return f"{day} {months[value.month - 1]} {value.year}"


def annotate_relative_dates(text: str, published_by_n: dict[int, str | None], language: str, inline: bool) -> str:
    """Add the absolute date after each relative date phrase of a cited sentence.

    A phrase counts from the publication date of the first source its sentence
    cites that has one; a sentence whose sources have no date is left as is.
    ``inline`` puts the date right after the phrase (generated prose); otherwise it
    follows the markers, so that a quotation stays verbatim (extractive answers).
    """
    template = messages(language).get(
        "relative_date", "{absolute}, counting from the publication date of [{n}], {published}"
    )
    out: list[str] = []
    pos = 0
    for start, end, numbers in _marker_groups(text):
        segment = text[pos:start]
        dated = [(n, d) for n in numbers if (d := _as_date(published_by_n.get(n))) is not None]
        found = find_relative_dates(segment, dated[0][1]) if dated else []
        notes = []
        if found:
            n, published = dated[0]
            pieces, cursor = [], 0
            for r in found:
                note = template.format(
                    absolute=format_date(r.value, r.granularity, language),
                    n=n,
                    published=format_date(published, "day", language),
                )
                if inline:
                    pieces.append(f"{segment[cursor : r.end]} ({note})")
                    cursor = r.end
                else:
                    notes.append(f"“{r.phrase.strip()}”: {note}")
            if inline:
                segment = "".join(pieces) + segment[cursor:]
        out.append(segment + text[start:end] + (f" ({'; '.join(notes)})" if notes else ""))
        pos = end
    out.append(text[pos:])
    return "".join(out)


def _marker_groups(text: str) -> list[tuple[int, int, list[int]]]:
    """Runs of adjacent markers ("[1][3]") as one: (start, end, source numbers)."""
    groups: list[tuple[int, int, list[int]]] = []
    for m in MARKER.finditer(text):
        numbers = parse_marker(m)
        if groups and not text[groups[-1][1] : m.start()].strip():
            start, _, before = groups[-1]
            groups[-1] = (start, m.end(), before + [n for n in numbers if n not in before])
        else:
            groups.append((m.start(), m.end(), numbers))
    return groups


def _as_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None
