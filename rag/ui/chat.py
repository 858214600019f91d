"""The Ask tab: a conversation with streamed answers, filters and the sources panel.

The conversation lives in per-session Gradio state, never on the server
object, so two people asking at once each keep their own. A question that
fails is answered with its error, in the chat, and the session goes on.
"""

from __future__ import annotations

import inspect
import logging
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import gradio as gr

from .. import feedback
from ..assistant import QuestionError
from ..types import Answer
from .citations import (
    answer_html,
    error_html,
    esc,
    info_html,
    panel_html,
    question_html,
    sources_html,
    stopped_html,
    streaming_html,
)
from .filters import FilterError, UIFilters, from_controls
from .service import IndexStatus, Service
from .status import state_of

log = logging.getLogger(__name__)

EXAMPLES = [
    "What fines has X received under the DSA?",
    "Why did Paris prosecutors search X's offices?",
    "What are South Korean police investigating Telegram for?",
    "Quelle enquête le parquet de Paris a-t-il ouverte sur Kick ?",
]
HISTORY_TURNS = 6

PLACEHOLDER = (
    "<div style='text-align:center'><b>Ask about platform regulation in the news</b><br>"
    "Every answer quotes its sources: click a <b>[n]</b> to see the passage in its article. "
    "When the articles do not say, the answer says so.</div>"
)


@dataclass
class ChatTab:
    chatbot: gr.Chatbot
    question: gr.Textbox
    ask: gr.Button
    stop: gr.Button
    clear: gr.Button
    panel: gr.HTML
    language: gr.CheckboxGroup
    source: gr.Dropdown
    since: gr.DateTime
    until: gr.DateTime
    next_note: gr.HTML
    turns: gr.State


def open_stream(assistant: Any, question: str, filters: dict[str, Any] | None, history: list[dict[str, str]]):
    """Pass the conversation to the engine once its ``stream`` accepts it; older engines answer standalone."""
    params = inspect.signature(assistant.stream).parameters
    if "history" in params:
        return assistant.stream(question, filters=filters, history=history)
    return assistant.stream(question, filters=filters)


def history_of(turns: list[dict[str, Any]]) -> list[dict[str, str]]:
    out: list[dict[str, str]] = []
    for t in turns[-HISTORY_TURNS:]:
        out.append({"role": "user", "content": t["question"]})
        out.append({"role": "assistant", "content": t["answer"]})
    return out


def not_ready_message(status: IndexStatus) -> str | None:
    """Why a question cannot be answered yet, or None when the index has something to search."""
    state = state_of(status)
    if not status.empty:
        return None
    if state in ("building", "loading"):
        progress = f" ({status.stage} {status.done}/{status.total})" if status.total else ""
        return (
            f"The index is still being built{progress}, so there is nothing to answer from yet. "
            "Ask again when the banner above says the index is ready."
        )
    return None  # empty but idle: the engine's own "the index is empty" answer explains what to do


def next_question_note(language: Any, source: Any, since: Any, until: Any) -> str:
    try:
        f = from_controls(language, source, since, until)
    except FilterError as exc:
        return f'<div class="rn-next rn-error">⚠ {esc(exc)}</div>'
    what = f"<b>{esc(f.describe())}</b>" if not f.empty else "all articles"
    return f'<div class="rn-next">Next question searches: {what}</div>'


def respond(
    service: Service,
    question: str,
    messages: list[dict[str, Any]] | None,
    turns: list[dict[str, Any]] | None,
    language: Any,
    source: Any,
    since: Any,
    until: Any,
) -> Iterator[tuple[Any, Any, Any, Any]]:
    """Yields (chat messages, turns, sources panel, question box) as the answer arrives."""
    question = (question or "").strip()
    messages = list(messages or [])
    turns = list(turns or [])
    panel = panel_html([t["sources"] for t in turns])
    if not question:
        yield gr.skip(), gr.skip(), gr.skip(), gr.skip()
        return
    try:
        filters: UIFilters = from_controls(language, source, since, until)
    except FilterError as exc:
        messages.append({"role": "user", "content": question_html(question)})
        messages.append({"role": "assistant", "content": error_html(f"Filter not applied: {exc}")})
        yield messages, turns, panel, gr.skip()
        return
    shown = filters.describe() or None
    messages.append({"role": "user", "content": question_html(question, shown)})
    waiting = not_ready_message(service.status())
    if waiting:
        messages.append({"role": "assistant", "content": info_html(waiting)})
        yield messages, turns, panel, ""
        return
    messages.append({"role": "assistant", "content": streaming_html("")})
    yield messages, turns, panel, ""

    t0 = time.perf_counter()
    text = ""
    answer: Answer | None = None
    try:
        for item in open_stream(service.assistant, question, filters.engine(), history_of(turns)):
            if isinstance(item, Answer):
                answer = item
            else:
                text += str(item)
                messages[-1] = {"role": "assistant", "content": streaming_html(text)}
                yield messages, turns, panel, gr.skip()
        if answer is None:
            raise RuntimeError("the engine finished without an answer")
    except QuestionError as exc:
        messages[-1] = {"role": "assistant", "content": error_html(f"This question cannot be answered as asked: {exc}")}
        yield messages, turns, panel, gr.skip()
        return
    except Exception as exc:
        log.exception("question failed: %r", question)
        messages[-1] = {
            "role": "assistant",
            "content": error_html(
                f"Answering failed ({type(exc).__name__}: {exc}). The app is still running: "
                "try again, rephrase, or change the filters."
            ),
        }
        yield messages, turns, panel, gr.skip()
        return

    turn = len(turns)
    try:
        sources = sources_html(answer, turn, service.document)
    except Exception as exc:  # the answer stands even if its documents cannot be re-read
        log.exception("rendering sources failed")
        sources = error_html(f"The sources could not be shown: {exc}")
    turns.append(
        {
            "question": question,
            "answer": answer.text,
            "sources": sources,
            "filters": shown,
            # What a thumbs up/down on this message rates: the chat reports only the message's index.
            "message": len(messages) - 1,
            "id": uuid.uuid4().hex,
            "result": answer,
        }
    )
    messages[-1] = {"role": "assistant", "content": answer_html(answer, turn, shown, time.perf_counter() - t0)}
    yield messages, turns, panel_html([t["sources"] for t in turns]), gr.skip()


def message_text(content: Any) -> str:
    """A chat message's HTML, whether Gradio hands it back as a string or as a list of typed parts."""
    if isinstance(content, str):
        return content
    if isinstance(content, dict):
        return str(content.get("text") or content.get("content") or "")
    if isinstance(content, (list, tuple)):
        return "".join(message_text(part) for part in content)
    return ""


def stop_answer(messages: list[dict[str, Any]] | None) -> Any:
    """Stop pressed: the streamed part stays, marked incomplete (a question still queued is simply dropped)."""
    messages = list(messages or [])
    if not messages or messages[-1].get("role") != "assistant":
        return gr.skip()
    content = message_text(messages[-1].get("content"))
    if "rn-streaming" not in content:
        return gr.skip()  # the answer finished before the click
    messages[-1] = {"role": "assistant", "content": stopped_html(content)}
    return messages


def retry_target(index: Any, asked: dict[int, str]) -> int | None:
    """The user message a regenerate click refers to: the last question asked at or before ``index``."""
    at = index[0] if isinstance(index, (list, tuple)) else index
    if not isinstance(at, int):
        return None
    before = [i for i in asked if i <= at]
    return max(before) if before else None


def rate(path: Path, index: Any, liked: Any, turns: list[dict[str, Any]] | None) -> str:
    """Save a thumbs up/down on an answer; returns what to tell the person."""
    at = index[0] if isinstance(index, (list, tuple)) else index
    turn = next((t for t in turns or [] if t.get("message") == at), None)
    if turn is None or not isinstance(turn.get("result"), Answer):
        return "Only answers can be rated."
    rating: feedback.Rating = "up" if liked is True else "down" if liked is False else "cleared"
    feedback.append(path, feedback.FeedbackRecord.of(turn["result"], rating, turn["id"], turn.get("filters")))
    if rating == "cleared":
        return "Rating taken back."
    return f"Thanks: your {'👍' if rating == 'up' else '👎'} is saved, with the question, answer and sources."


def build_chat_tab(service: Service) -> ChatTab:
    with gr.Row(equal_height=False):
        with gr.Column(scale=3, min_width=380):
            # The title and the "New conversation" button sit above the chat, not floating over its messages.
            with gr.Row(elem_id="rn-chat-head"):
                gr.Markdown("### Conversation")
                clear = gr.Button("New conversation", elem_id="rn-clear", scale=0, min_width=220)
            chatbot = gr.Chatbot(
                elem_id="rn-chat",
                show_label=False,
                height=560,
                render_markdown=False,
                sanitize_html=True,
                placeholder=PLACEHOLDER,
                examples=[{"text": q} for q in EXAMPLES],
                feedback_options=("Like", "Dislike"),
                # No floating icon bar: its copy buttons would copy the answers' markup (each answer has its
                # own "Copy with sources"), and "New conversation" replaces its trash icon.
                buttons=[],
                layout="bubble",
            )
            with gr.Row():
                question = gr.Textbox(
                    elem_id="rn-question",
                    show_label=False,
                    placeholder="Ask a question, e.g. What fines has X received under the DSA?",
                    scale=6,
                    lines=1,
                    max_lines=6,
                    autofocus=True,
                )
                ask = gr.Button("Ask", variant="primary", scale=1, min_width=80, elem_id="rn-ask")
                stop = gr.Button("Stop", variant="stop", scale=1, min_width=80, elem_id="rn-stop", visible=False)
            next_note = gr.HTML(next_question_note(None, None, None, None), elem_id="rn-next")
            with gr.Accordion("Filters: they apply to the next question", open=False, elem_id="rn-filters"):
                language = gr.CheckboxGroup(label="Language", choices=[], elem_id="rn-language")
                source = gr.Dropdown(label="Publisher", choices=[], multiselect=True, elem_id="rn-source")
                with gr.Row():
                    since = gr.DateTime(label="Published from", include_time=False, type="string", elem_id="rn-since")
                    until = gr.DateTime(label="Published until", include_time=False, type="string", elem_id="rn-until")
                gr.Markdown(
                    "Articles whose language, publisher or date is unknown are left out once that filter is set."
                )
        with gr.Column(scale=2, min_width=320):
            gr.Markdown("### Sources")
            panel = gr.HTML(panel_html([]), elem_id="rn-sources", js_on_load=None)
    turns = gr.State([])
    # The question behind each user message (by message index), for "regenerate".
    asked = gr.State({})

    filter_inputs = [language, source, since, until]
    for control in filter_inputs:
        control.change(next_question_note, filter_inputs, next_note, queue=False, show_progress="hidden")

    busy = (gr.Button(visible=False), gr.Button(visible=True))
    idle = (gr.Button(visible=True), gr.Button(visible=False))

    def run(question: str, messages: Any, turns_value: Any, asked_value: Any, lang: Any, src: Any, lo: Any, hi: Any):
        """``respond`` with Stop shown while it runs, and the question remembered for regenerate."""
        asked_value = dict(asked_value or {})
        if (question or "").strip():
            asked_value[len(messages or [])] = question.strip()
        last: tuple[Any, ...] | None = None
        for step in respond(service, question, messages, turns_value, lang, src, lo, hi):
            if last is not None:
                yield (*last, asked_value, *busy)  # remembered at once: Stop may end this before the last step
            last = step
        if last is not None:
            yield (*last, asked_value, *idle)

    ask_kwargs: dict[str, Any] = {
        "fn": run,
        "inputs": [question, chatbot, turns, asked, *filter_inputs],
        "outputs": [chatbot, turns, panel, question, asked, ask, stop],
        "concurrency_limit": service.settings.ui_concurrency,
        "concurrency_id": "ask",
        "show_progress": "minimal",
    }
    show_stop = {"fn": lambda: busy, "inputs": None, "outputs": [ask, stop], "queue": False, "show_progress": "hidden"}
    submitted = question.submit(**show_stop).then(**ask_kwargs)
    clicked = ask.click(**show_stop).then(**ask_kwargs)

    def pick_example(evt: gr.SelectData) -> str:
        value = evt.value
        return value.get("text", "") if isinstance(value, dict) else str(value or "")

    example = chatbot.example_select(pick_example, None, question, queue=False).then(**ask_kwargs)

    def regenerate(
        evt: gr.RetryData, messages: Any, turns_value: Any, asked_value: Any, lang: Any, src: Any, lo: Any, hi: Any
    ):
        asked_value = dict(asked_value or {})
        at = retry_target(evt.index, asked_value)
        if at is None:
            yield (*[gr.skip()] * 5, *idle)
            return
        question_text = asked_value[at]
        kept_turns = [t for t in turns_value or [] if t.get("message", 0) < at]
        kept_asked = {i: q for i, q in asked_value.items() if i < at}
        yield from run(question_text, list(messages or [])[:at], kept_turns, kept_asked, lang, src, lo, hi)

    retried = chatbot.retry(
        regenerate,
        [chatbot, turns, asked, *filter_inputs],
        ask_kwargs["outputs"],
        concurrency_limit=service.settings.ui_concurrency,
        concurrency_id="ask",
        show_progress="minimal",
    )
    stop.click(
        lambda messages: (stop_answer(messages), *idle),
        [chatbot],
        [chatbot, ask, stop],
        cancels=[submitted, clicked, example, retried],
        queue=False,
        show_progress="hidden",
    )

    feedback_file = service.settings.feedback_file

    def on_like(evt: gr.LikeData, turns_value: Any) -> None:
        try:
            message = rate(feedback_file, evt.index, evt.liked, turns_value)
        except OSError as exc:
            log.warning("could not save feedback to %s: %s", feedback_file, exc)
            raise gr.Error(f"The rating could not be saved to {feedback_file}: {exc.strerror or exc}") from exc
        gr.Info(message)

    chatbot.like(on_like, [turns], None, concurrency_id="feedback", concurrency_limit=4, show_progress="hidden")
    clear.click(lambda: ([], [], {}, panel_html([])), None, [chatbot, turns, asked, panel], queue=False)
    return ChatTab(chatbot, question, ask, stop, clear, panel, language, source, since, until, next_note, turns)
