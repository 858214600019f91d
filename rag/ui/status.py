"""The index banner every page shows: building (with a progress bar), empty, failed or ready.

People ask questions the moment a page loads; when the index is still being
built or holds nothing, the banner says so before the question is wasted.
"""

from __future__ import annotations

from .citations import esc, mode_label
from .service import IndexStatus

_STAGES = {
    "reading": "reading files",
    "embedding": "embedding passages",
    "starting": "starting",
}


def state_of(s: IndexStatus) -> str:
    if s.busy:
        return "building"
    if s.error and s.empty:
        return "error"
    if not s.loaded:
        return "loading"
    return "empty" if s.empty else "ready"


def _counts(d: dict[str, int]) -> str:
    return ", ".join(f"{k} {v}" for k, v in sorted(d.items(), key=lambda kv: (-kv[1], kv[0])))


def summary_text(s: IndexStatus) -> str:
    parts = [
        f"{s.documents} article{'s' if s.documents != 1 else ''} from {s.files} file{'s' if s.files != 1 else ''}",
        f"{s.chunks} passages",
    ]
    if s.languages:
        parts.append("languages " + _counts(s.languages))
    if s.published_range:
        parts.append(f"published {s.published_range[0]} to {s.published_range[1]}")
    if s.undated:
        parts.append(f"{s.undated} undated")
    return " · ".join(parts)


def status_html(s: IndexStatus) -> str:
    state = state_of(s)
    if state == "building":
        stage = _STAGES.get(s.stage, s.stage) or "working"
        bar = ""
        if s.total:
            pct = int(100 * s.done / s.total)
            bar = (
                f'<progress max="{s.total}" value="{s.done}"></progress> '
                f'<span class="rn-count">{s.done}/{s.total} ({pct}%)</span>'
            )
        have = f" The index holds {s.documents} articles so far." if s.loaded and not s.empty else ""
        body = f"<b>{esc(s.task or 'Indexing')}</b>: {esc(stage)} {bar}<div class='rn-sub'>Answers cover only what is indexed.{esc(have)}</div>"
    elif state == "loading":
        body = "<b>Starting</b>: loading the embedding model and the index…"
    elif state == "error":
        body = f"<b>Indexing failed</b>: {esc(s.error)}"
    elif state == "empty":
        body = (
            "<b>The index is empty</b>: there is nothing to answer from yet. "
            "Add articles in the <b>Corpus</b> tab (or put files in the corpus folder and re-index)."
        )
    else:
        body = f"<b>Index ready</b>: {esc(summary_text(s))} · answers: {esc(mode_label(s.mode))}"
        if s.error:
            body += f"<div class='rn-sub'>⚠ {esc(s.error)}</div>"
    return f'<div class="rn-status rn-status-{state}" data-state="{state}">{body}</div>'
