"""The Ask tab: a conversation with streamed answers, filters and the sources panel.

The conversation lives in per-session Gradio state, never on the server
object, so two people asking at once each keep their own. A question that
fails is answered with its error, in the chat, and the session goes on.
"""

from __future__ import annotations

import inspect
import logging
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import gradio as gr

from ..assistant import QuestionError
from ..types import Answer
from .citations import answer_html, error_html, esc, info_html, panel_html, question_html, sources_html, streaming_html
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
    turns.append({"question": question, "answer": answer.text, "sources": sources, "filters": shown})
    messages[-1] = {"role": "assistant", "content": answer_html(answer, turn, shown, time.perf_counter() - t0)}
    yield messages, turns, panel_html([t["sources"] for t in turns]), gr.skip()


def build_chat_tab(service: Service) -> ChatTab:
    with gr.Row(equal_height=False):
        with gr.Column(scale=3, min_width=380):
            chatbot = gr.Chatbot(
                elem_id="rn-chat",
                label="Conversation",
                height=560,
                render_markdown=False,
                sanitize_html=True,
                placeholder=PLACEHOLDER,
                examples=[{"text": q} for q in EXAMPLES],
                feedback_options=None,
                buttons=["copy", "copy_all"],
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
            clear = gr.Button("New conversation", size="sm", elem_id="rn-clear")
        with gr.Column(scale=2, min_width=320):
            gr.Markdown("### Sources")
            panel = gr.HTML(panel_html([]), elem_id="rn-sources", js_on_load=None)
    turns = gr.State([])

    filter_inputs = [language, source, since, until]
    for control in filter_inputs:
        control.change(next_question_note, filter_inputs, next_note, queue=False, show_progress="hidden")

    def run(question: str, messages: Any, turns_value: Any, lang: Any, src: Any, lo: Any, hi: Any):
        yield from respond(service, question, messages, turns_value, lang, src, lo, hi)

    ask_kwargs: dict[str, Any] = {
        "fn": run,
        "inputs": [question, chatbot, turns, *filter_inputs],
        "outputs": [chatbot, turns, panel, question],
        "concurrency_limit": service.settings.ui_concurrency,
        "concurrency_id": "ask",
        "show_progress": "minimal",
    }
    question.submit(**ask_kwargs)
    ask.click(**ask_kwargs)

    def pick_example(evt: gr.SelectData) -> str:
        value = evt.value
        return value.get("text", "") if isinstance(value, dict) else str(value or "")

    chatbot.example_select(pick_example, None, question, queue=False).then(**ask_kwargs)
    clear.click(lambda: ([], [], panel_html([])), None, [chatbot, turns, panel], queue=False)
    # The chat's own trash button empties the messages; the turns and the panel must follow.
    chatbot.clear(lambda: ([], panel_html([])), None, [turns, panel], queue=False)
    return ChatTab(chatbot, question, ask, clear, panel, language, source, since, until, next_note, turns)
