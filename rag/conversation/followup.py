"""Follow-up questions made standalone before they are searched.

Retrieval sees one question at a time, so "And how much was it fined?" has
to become a question that names its subject before it is searched. With an
LLM configured the model rewrites it (it resolves "it" far better than any
rule); without one, or when the model fails, a rule appends the previous
question's names and key words, which is what retrieval needs.
"""

from __future__ import annotations

import html
import logging
import re
import secrets
from dataclasses import dataclass
from typing import Any

from ..answering.question import analyse
from ..answering.templates import messages, prompt
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
