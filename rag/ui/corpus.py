"""The Corpus tab: what is indexed, adding files, deleting an article, re-indexing.

Every change goes through ``Service`` so the banner on every open page shows
the indexing progress, and the per-request progress bar shows it here too.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import gradio as gr

from ..index.store import DocRecord
from ..ingestion.loader import SUPPORTED_EXTS
from ..text.titles import display_title
from ..types import IngestReport
from .citations import esc
from .service import Service
from .status import summary_text
from .upload_field import upload_field, upload_folder
from .uploads import save_uploads, supported_types

log = logging.getLogger(__name__)

HEADERS = ["title", "publisher", "published", "language", "passages", "file", "doc id"]


@dataclass
class CorpusTab:
    summary: gr.Markdown
    table: gr.Dataframe
    files: gr.File
    upload: gr.Button
    upload_out: gr.Markdown
    pick: gr.Dropdown
    delete_file: gr.Checkbox
    delete_info: gr.Markdown
    delete: gr.Button
    delete_out: gr.Markdown
    reindex: gr.Button
    reindex_out: gr.Markdown


def _file_name(path: object) -> str:
    return str(path or "").replace("\\", "/").rsplit("/", 1)[-1]


def table_rows(docs: list[DocRecord]) -> list[list[Any]]:
    rows = [
        [
            display_title(d.metadata.get("title"), d.text, d.metadata.get("path"), d.metadata.get("language")),
            d.metadata.get("source") or "unknown",
            d.metadata.get("published") or "unknown",
            d.metadata.get("language") or "unknown",
            int(d.metadata.get("n_chunks") or 0),
            _file_name(d.metadata.get("path")),
            d.doc_id,
        ]
        for d in docs
    ]
    rows.sort(key=lambda r: (r[5], r[0]))
    return rows


def pick_choices(docs: list[DocRecord]) -> list[tuple[str, str]]:
    rows = table_rows(docs)
    return [(f"{r[0][:70]} — {r[1]} — {r[5]}", r[6]) for r in rows]


def corpus_summary(service: Service) -> str:
    s = service.status()
    folder = service.settings.corpus_dir.resolve()
    return f"**{summary_text(s)}**  \nCorpus folder: `{folder}`"


def _count(n: int, what: str) -> str:
    return f"{n} {what}{'' if n == 1 else 's'}"


def report_markdown(report: IngestReport, refused: list[tuple[str, str]] | None = None) -> str:
    """What indexing did, in plain words: "Indexed 1 new document (3 passages)." and a line per file."""
    passages = report.chunks_embedded + report.chunks_reused
    done = []
    if report.added:
        done.append(_count(len(report.added), "new document"))
    if report.updated:
        done.append(_count(len(report.updated), "changed document"))
    sentences = []
    if done:
        sentences.append(f"Indexed {' and '.join(done)} ({_count(passages, 'passage')}).")
    if report.removed:
        sentences.append(f"Removed {_count(len(report.removed), 'document')} whose file is gone.")
    if report.unchanged:
        already = _count(len(report.unchanged), "document")
        sentences.append(
            f"{already} already indexed, unchanged." if sentences else f"Nothing new to index: {already} up to date."
        )
    if report.skipped:
        sentences.append(f"{_count(len(report.skipped), 'file')} could not be indexed (below).")
    if not sentences:
        sentences.append("Nothing was indexed.")
    lines = [f"**{' '.join(sentences)}**"]
    for label, items in (("new", report.added), ("changed", report.updated), ("removed", report.removed)):
        lines.extend(f"- {label}: `{_file_name(p)}`" for p in items)
    lines.extend(f"- not indexed `{_file_name(p)}`: {esc(reason)}" for p, reason in report.skipped)
    lines.extend(f"- refused `{esc(name)}`: {esc(reason)}" for name, reason in refused or [])
    return "\n".join(lines)


def friendly(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Show a failure as a message on the page; the server has no traceback to give a browser."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except gr.Error:
            raise
        except Exception as exc:
            log.exception("corpus action failed")
            raise gr.Error(f"{type(exc).__name__}: {exc}") from exc

    return wrapper


def _progress_adapter(progress: gr.Progress):
    def show(stage: str, done: int, total: int) -> None:
        progress((done, total) if total else None, desc=stage, unit="items")

    return show


def describe_deletion(service: Service, doc_id: str | None, delete_file: bool) -> str:
    if not doc_id:
        return ""
    docs = service.documents()
    rec = next((d for d in docs if d.doc_id == doc_id), None)
    if rec is None:
        return "That article is no longer in the index."
    path = rec.metadata.get("path") or ""
    same_file = [d for d in docs if d.metadata.get("path") == path]
    inside = bool(path) and Path(path).resolve().is_relative_to(service.settings.corpus_dir.resolve())
    if not delete_file:
        return (
            f"Removes **{esc(display_title(rec.metadata.get('title'), rec.text, path))}** from the index; its file stays. "
            "A re-index may add it back if its file holds only this article."
        )
    if not inside:
        return f"Its file `{esc(path)}` is outside the corpus folder: only the index entry will be removed."
    if len(same_file) > 1:
        return (
            f"Its file `{_file_name(path)}` holds **{len(same_file)} articles**: deleting the file removes "
            "all of them from the index."
        )
    return f"Deletes `{_file_name(path)}` from the corpus folder and the article from the index."


def build_corpus_tab(service: Service) -> CorpusTab:
    settings = service.settings
    max_mb = settings.ui_max_upload_mb
    summary = gr.Markdown(elem_id="rn-corpus-summary")
    table = gr.Dataframe(
        headers=HEADERS,
        datatype=["str", "str", "str", "str", "number", "str", "str"],
        interactive=False,
        wrap=True,
        max_height=420,
        show_search="search",
        column_widths=["32%", "11%", "10%", "8%", "8%", "19%", "12%"],
        label="Indexed articles (sort or filter from a column's ⋮ menu; click a row to pick it for deletion)",
        elem_id="rn-docs",
    )
    with gr.Row(equal_height=False):
        with gr.Column():
            gr.Markdown(f"### Add articles\n{supported_types()}; up to {max_mb:g} MB per file.")
            files = upload_field(
                file_count="multiple",
                file_types=sorted(SUPPORTED_EXTS),
                label="Files to add",
                elem_id="rn-upload",
            )
            upload = gr.Button("Add to the corpus and index", variant="primary", elem_id="rn-upload-go")
            upload_out = gr.Markdown(elem_id="rn-upload-out")
        with gr.Column():
            gr.Markdown("### Delete an article")
            pick = gr.Dropdown(label="Article", choices=[], elem_id="rn-pick")
            # Off by default: removing an index entry can be undone by re-indexing, deleting a file cannot.
            delete_file = gr.Checkbox(
                False, label="Also delete its file from the corpus folder", elem_id="rn-delete-file"
            )
            delete_info = gr.Markdown(elem_id="rn-delete-info")
            delete = gr.Button("Delete…", variant="stop", elem_id="rn-delete")
            with gr.Group(visible=False, elem_id="rn-delete-confirm") as confirm_box:
                confirm_text = gr.Markdown(elem_id="rn-delete-confirm-text")
                with gr.Row():
                    confirm = gr.Button("Yes, delete", variant="stop", elem_id="rn-delete-yes")
                    cancel = gr.Button("Cancel", elem_id="rn-delete-no")
            delete_out = gr.Markdown(elem_id="rn-delete-out")
        with gr.Column():
            gr.Markdown(
                "### Re-index\nReads the corpus folder again: new and changed files are indexed, "
                "files that are gone are dropped, unchanged ones cost nothing."
            )
            reindex = gr.Button("Re-index the corpus folder", elem_id="rn-reindex")
            reindex_out = gr.Markdown(elem_id="rn-reindex-out")

    def refreshed() -> tuple[Any, Any, Any]:
        docs = service.documents()
        return corpus_summary(service), table_rows(docs), gr.Dropdown(choices=pick_choices(docs), value=None)

    @friendly
    def do_upload(paths: list[str] | None, progress: gr.Progress = gr.Progress()) -> tuple[Any, ...]:  # noqa: B008
        if not paths:
            raise gr.Error("Choose one or more files first.")
        result = save_uploads(paths, settings.corpus_dir, int(max_mb * 1e6), discard_from=upload_folder())
        if not result.saved:
            refused = "\n".join(f"- refused `{esc(n)}`: {esc(r)}" for n, r in result.refused)
            return (f"Nothing was added.\n{refused}", None, *refreshed())
        report = service.ingest(result.saved, task="indexing uploads", progress=_progress_adapter(progress))
        # A file the engine could not read would only be skipped again at every re-index: don't keep it.
        indexed = {str(Path(p)) for p in report.added + report.updated + report.unchanged}
        for path in result.saved:
            if str(path) not in indexed:
                path.unlink(missing_ok=True)
                result.refused.append((path.name, "not kept: no article could be read from it"))
        return (report_markdown(report, result.refused), None, *refreshed())

    def ask_confirmation(doc_id: str | None, also_file: bool) -> tuple[Any, ...]:
        """First click: say exactly what will go, and wait for a second, explicit one."""
        if not doc_id:
            raise gr.Error("Pick an article to delete first.")
        what = describe_deletion(service, doc_id, also_file)
        question = f"**Delete this article?** {what}"
        if also_file:
            question += " **The file cannot be recovered.**"
        return gr.Group(visible=True), question, "", "", ""

    def cancel_deletion() -> tuple[Any, ...]:
        return gr.Group(visible=False), "Nothing was deleted."

    @friendly
    def do_delete(doc_id: str | None, also_file: bool) -> tuple[Any, ...]:
        hide = gr.Group(visible=False)
        if not doc_id:
            raise gr.Error("Pick an article to delete first.")
        rec = next((d for d in service.documents() if d.doc_id == doc_id), None)
        if rec is None:
            return (hide, "That article is no longer in the index.", *refreshed())
        path = rec.metadata.get("path") or ""
        inside = bool(path) and Path(path).resolve().is_relative_to(settings.corpus_dir.resolve())
        removed = service.remove(doc_id, delete_file=also_file and inside)
        what = f" and deleted `{_file_name(path)}`" if also_file and inside else ""
        n = len(removed)
        return (hide, f"Removed {n} article{'' if n == 1 else 's'} from the index{what}.", *refreshed())

    @friendly
    def do_reindex(progress: gr.Progress = gr.Progress()) -> tuple[Any, ...]:  # noqa: B008
        report = service.ingest(task="re-indexing the corpus folder", progress=_progress_adapter(progress))
        return (report_markdown(report), *refreshed())

    def pick_row(evt: gr.SelectData) -> Any:
        row = getattr(evt, "row_value", None)
        return gr.Dropdown(value=row[-1]) if row else gr.skip()

    corpus_outputs = [summary, table, pick]
    common = {"concurrency_id": "corpus", "concurrency_limit": 1}
    outcomes = [upload_out, delete_out, reindex_out]

    def clear_others(keep: Any) -> tuple[Any, ...]:
        """A new action starts: the previous action's result would read as this one's, so clear it."""
        return tuple(gr.skip() if o is keep else "" for o in outcomes)

    for button, out in ((upload, upload_out), (reindex, reindex_out), (confirm, delete_out)):
        button.click(functools.partial(clear_others, out), None, outcomes, queue=False, show_progress="hidden")
    upload.click(do_upload, [files], [upload_out, files, *corpus_outputs], **common)
    delete.click(
        ask_confirmation,
        [pick, delete_file],
        [confirm_box, confirm_text, upload_out, delete_out, reindex_out],
        queue=False,
        show_progress="hidden",
    )
    cancel.click(cancel_deletion, None, [confirm_box, delete_out], queue=False, show_progress="hidden")
    confirm.click(do_delete, [pick, delete_file], [confirm_box, delete_out, *corpus_outputs], **common)
    reindex.click(do_reindex, None, [reindex_out, *corpus_outputs], **common)
    table.select(pick_row, None, pick, queue=False)

    def on_choice(doc_id: str | None, also_file: bool) -> tuple[Any, Any]:
        # A confirmation asked about another choice must not stay on screen for this one.
        return describe_deletion(service, doc_id, also_file), gr.Group(visible=False)

    for control in (pick, delete_file):
        control.change(on_choice, [pick, delete_file], [delete_info, confirm_box], queue=False)
    return CorpusTab(
        summary,
        table,
        files,
        upload,
        upload_out,
        pick,
        delete_file,
        delete_info,
        delete,
        delete_out,
        reindex,
        reindex_out,
    )
