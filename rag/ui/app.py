"""The page: header, index banner, and the Ask, Corpus and Evaluation tabs; and how it is served.

Serving choices are safety choices: loopback unless asked otherwise, never a
share link, no analytics, a queue with a concurrency limit so that questions
from several people wait their turn on the one engine instead of crossing,
and an upload size limit enforced by the server before any handler runs.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import gradio as gr

from .assets import CSS, JS
from .chat import build_chat_tab
from .corpus import build_corpus_tab, corpus_summary, pick_choices, table_rows
from .evaluation import build_evaluation_tab
from .service import Service
from .status import status_html

log = logging.getLogger(__name__)

HEADER = """<div id="rn-header"><h1>rag-news</h1>
<p>Questions about platform regulation in the news (DSA enforcement, deepfakes, X/Grok, Telegram, Kick, TikTok),
answered from the indexed articles only, with every claim tied to its passage, source and date.</p></div>"""


def _theme() -> gr.themes.Base:
    # System fonts: the default theme fetches web fonts, and this app must work with no network.
    return gr.themes.Soft(
        font=["system-ui", "-apple-system", "Segoe UI", "Roboto", "sans-serif"],
        font_mono=["ui-monospace", "DejaVu Sans Mono", "monospace"],
    )


def _choices(counts: dict[str, int]) -> list[tuple[str, str]]:
    # "unknown" is how stats count articles without the field; as a filter value it would match nothing.
    items = sorted(((k, v) for k, v in counts.items() if k != "unknown"), key=lambda kv: (-kv[1], kv[0]))
    return [(f"{k} ({v})", k) for k, v in items]


def build_app(service: Service) -> gr.Blocks:
    # Uploaded files sit in Gradio's cache until copied into the corpus; don't keep them there for days.
    with gr.Blocks(title="rag-news", analytics_enabled=False, fill_width=True, delete_cache=(3600, 3600)) as demo:
        gr.HTML(HEADER)
        banner = gr.HTML(status_html(service.status()), elem_id="rn-status")
        seen = gr.State(-1)
        with gr.Tabs():
            with gr.Tab("Ask", id="ask", elem_id="rn-tab-ask"):
                chat = build_chat_tab(service)
            with gr.Tab("Corpus", id="corpus", elem_id="rn-tab-corpus"):
                corpus = build_corpus_tab(service)
            with gr.Tab("Evaluation", id="evaluation", elem_id="rn-tab-evaluation") as eval_tab:
                evaluation = build_evaluation_tab(service)
        if evaluation is not None:
            eval_tab.select(evaluation.refresh, None, [evaluation.saved, evaluation.baseline], queue=False)

        def tick(seen_version: int, language: list[str] | None, source: list[str] | None) -> tuple[Any, ...]:
            """Refresh the banner every second; reload lists only when the index changed since this page saw it."""
            s = service.poll()
            if s.version == seen_version:
                return (status_html(s), seen_version, *([gr.skip()] * 5))
            docs = service.documents()
            langs = _choices(s.languages)
            sources = _choices(s.sources)
            keep_lang = [x for x in language or [] if x in s.languages]
            keep_src = [x for x in source or [] if x in s.sources]
            return (
                status_html(s),
                s.version,
                gr.CheckboxGroup(choices=langs, value=keep_lang),
                gr.Dropdown(choices=sources, value=keep_src),
                corpus_summary(service),
                table_rows(docs),
                gr.Dropdown(choices=pick_choices(docs)),
            )

        outputs = [banner, seen, chat.language, chat.source, corpus.summary, corpus.table, corpus.pick]
        inputs = [seen, chat.language, chat.source]
        timer = gr.Timer(1.0)
        timer.tick(tick, inputs, outputs, queue=False, show_progress="hidden")
        demo.load(tick, inputs, outputs, queue=False, show_progress="hidden")
    return demo


def mount_ui(app: Any, service: Service, auth: Callable[[str, str], bool] | None = None, path: str = "/") -> Any:
    """Mount the page into an existing FastAPI app (``rag serve`` serves the APIs beside it on one port).

    No share link, no analytics or PWA, no Gradio MCP (the server has its own),
    queue and upload limits, login if set (failed logins throttled by the server app).
    """
    settings = service.settings
    demo = build_app(service)
    demo.queue(default_concurrency_limit=1, max_size=settings.ui_queue_size)
    return gr.mount_gradio_app(
        app,
        demo,
        path=path,
        server_name=settings.ui_host,
        server_port=settings.ui_port,
        footer_links=["gradio"],
        run_history=False,
        auth=auth,
        auth_message="rag-news: log in with the user and password set in RAG_UI_AUTH." if auth else None,
        show_error=False,
        max_file_size=int(settings.ui_max_upload_mb * 1e6),
        ssr_mode=False,
        pwa=False,
        mcp_server=False,
        theme=_theme(),
        css=CSS,
        js=JS,
    )
