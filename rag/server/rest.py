"""``/api``: the REST API for scripts and dashboards (ask, retrieve, documents, index, stats, health).

Responses are the Python API's own types (``rag.types.Answer``, ``Passage``,
``IngestReport``, the store's ``DocRecord``, the server's ``IndexStatus``):
FastAPI reads stdlib dataclasses directly, so the OpenAPI schema at
``/api/openapi.json`` describes exactly what ``rag.Assistant`` returns. The
request bodies wrap the same ``Filters`` type the engine takes.

Indexing is the UI's ``Service``: an upload or a re-index started here shows
its progress in the page too, and ``GET /api/index`` reports it.
"""

from __future__ import annotations

import contextlib
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import anyio
from fastapi import APIRouter, File, Query, UploadFile
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from ..index.store import DocRecord
from ..types import Answer, IngestReport, Passage
from ..ui.service import IndexStatus
from ..ui.uploads import UploadError, save_upload
from .context import Engine, FiltersIn, Mode
from .security import API_KEY, ApiError


class Turn(BaseModel):
    role: Literal["user", "assistant"]
    content: str


class AskRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    question: str = Field(description="the question, in English or French")
    filters: FiltersIn | None = None
    top_k: int | None = Field(default=None, ge=1, le=100, description="passages to retrieve (RAG_TOP_K)")
    mode: Mode | None = Field(default=None, description="force extractive or generative answering; default: settings")
    history: list[Turn] | None = Field(default=None, description="earlier turns; the question may follow up on them")


class RetrieveRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    question: str
    filters: FiltersIn | None = None
    top_k: int | None = Field(default=None, ge=1, le=100)


@dataclass
class DocumentInfo:
    """One indexed document as ``rag sources --json`` lists it (the text is at /api/documents/{doc_id})."""

    doc_id: str
    title: str | None
    source: str | None
    published: str | None
    language: str | None
    url: str | None
    chunks: int | None
    path: str | None


@dataclass
class UploadResult:
    saved: list[str] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (name as uploaded, reason)
    report: IngestReport | None = None


@dataclass
class Removed:
    removed: list[str]


@dataclass
class Health:
    status: Literal["ready", "indexing", "empty", "starting", "error"]
    documents: int
    chunks: int
    error: str | None = None


def info(d: DocRecord) -> DocumentInfo:
    md = d.metadata
    return DocumentInfo(
        doc_id=d.doc_id,
        title=md.get("title"),
        source=md.get("source"),
        published=md.get("published"),
        language=md.get("language"),
        url=md.get("url"),
        chunks=md.get("n_chunks"),
        path=md.get("path"),
    )


def build_router(engine: Engine) -> APIRouter:
    router = APIRouter(prefix="/api", dependencies=[API_KEY], tags=["REST"])
    service = engine.service
    settings = engine.settings

    @router.post("/ask", response_model=Answer, summary="Answer a question with cited passages")
    async def ask(body: AskRequest) -> Answer:
        assistant = engine.answering(body.mode)
        if body.history:
            history = [t.model_dump() for t in body.history]
            return await engine.run(assistant.chat, history, body.question, body.top_k, body.filters)
        return await engine.run(assistant.ask, body.question, body.top_k, body.filters)

    @router.post("/retrieve", response_model=list[Passage], summary="The passages a question retrieves, best first")
    async def retrieve(body: RetrieveRequest) -> list[Passage]:
        return await engine.run(engine.assistant.retrieve, body.question, body.top_k, body.filters)

    @router.get("/documents", response_model=list[DocumentInfo], summary="The indexed documents with their metadata")
    async def documents() -> list[DocumentInfo]:
        docs = await engine.run(service.documents, queue=False)
        return sorted((info(d) for d in docs), key=lambda d: (d.path or "", d.doc_id))

    @router.get(
        "/documents/{doc_id}",
        response_model=DocRecord,
        summary="One document: its cleaned text (citation offsets point into it) and metadata",
    )
    async def document(doc_id: str) -> DocRecord:
        rec = await engine.run(service.document, doc_id, queue=False)
        if rec is None:
            raise ApiError(
                404, f"no document {doc_id!r} in the index (GET /api/documents lists them)", code="not_found"
            )
        return rec

    @router.post(
        "/documents",
        response_model=UploadResult,
        summary="Upload files into the corpus folder and index them (.txt .md .html .pdf .jsonl)",
    )
    async def upload(files: list[UploadFile] = File(...)) -> UploadResult:  # noqa: B008
        max_bytes = int(settings.ui_max_upload_mb * 1e6)
        result = UploadResult()
        saved: list[Path] = []
        with tempfile.TemporaryDirectory(prefix="rag-upload-") as tmp:
            for i, f in enumerate(files):
                name = f.filename or "upload"
                data = await f.read(max_bytes + 1)
                src = Path(tmp) / f"{i}"
                src.write_bytes(data)
                try:
                    saved.append(save_upload(src, settings.corpus_dir, max_bytes, original_name=name))
                except UploadError as exc:
                    result.refused.append((name, str(exc)))
                except OSError as exc:
                    result.refused.append((name, f"could not be saved: {exc.strerror or exc}"))
        if saved:
            report = await engine.run(service.ingest, saved, task="indexing uploads")
            indexed = {str(Path(p)) for p in report.added + report.updated + report.unchanged}
            for path in saved:
                if str(path) in indexed:
                    result.saved.append(path.name)
                else:  # would only be skipped again at every re-index: don't keep it
                    path.unlink(missing_ok=True)
                    result.refused.append((path.name, "not kept: no article could be read from it"))
            result.report = report
        if not result.saved:
            reasons = "; ".join(f"{n}: {r}" for n, r in result.refused) or "no file was sent"
            raise ApiError(400, f"nothing was added ({reasons})", code="upload_refused", param="files")
        return result

    @router.delete("/documents/{doc_id}", response_model=Removed, summary="Remove a document from the index")
    async def delete(
        doc_id: str,
        delete_file: bool = Query(True, description="also delete its file (only inside the corpus folder)"),
    ) -> Removed:
        rec = await engine.run(service.document, doc_id, queue=False)
        if rec is None:
            raise ApiError(
                404, f"no document {doc_id!r} in the index (GET /api/documents lists them)", code="not_found"
            )
        path = rec.metadata.get("path") or ""
        inside = bool(path) and Path(path).resolve().is_relative_to(settings.corpus_dir.resolve())
        removed = await engine.run(service.remove, doc_id, delete_file and inside, queue=False)
        return Removed(removed=removed)

    @router.post(
        "/index",
        response_model=IndexStatus,
        status_code=202,
        summary="Re-index the corpus folder in the background; follow it with GET /api/index",
    )
    async def reindex() -> Any:
        status = service.status()
        if status.busy:
            raise ApiError(409, f"the index is busy ({status.task}: {status.stage}); wait for it", code="index_busy")

        task = "re-indexing the corpus folder"

        def work() -> None:
            with contextlib.suppress(Exception):  # the service records the failure in the status
                service.ingest(task=task)

        thread = threading.Thread(target=work, name="rag-api-reindex", daemon=True)
        thread.start()
        for _ in range(100):  # answer with the job's own status, not the one before it
            if (service.status().task == task and service.status().busy) or not thread.is_alive():
                break
            await anyio.sleep(0.02)
        return JSONResponse(_status_json(service.status(), busy=thread.is_alive()), status_code=202)

    @router.get("/index", response_model=IndexStatus, summary="Indexing progress and the index's size")
    async def index_status() -> IndexStatus:
        return service.status()

    @router.get("/stats", summary="Documents, chunks, languages, sources, dates, store, embedder, LLM")
    async def stats() -> dict[str, Any]:
        return await engine.run(engine.assistant.stats, queue=False)

    @router.get("/health", response_model=Health, summary="Whether the server can answer (no key needed)")
    async def health() -> Health:
        s = service.status()
        if s.busy:
            state = "indexing" if s.loaded else "starting"
        elif s.error and s.empty:
            state = "error"
        elif not s.loaded:
            state = "starting"
        else:
            state = "empty" if s.empty else "ready"
        return Health(status=state, documents=s.documents, chunks=s.chunks, error=s.error)

    return router


def _status_json(status: IndexStatus, **changes: Any) -> dict[str, Any]:
    from dataclasses import asdict

    return {**asdict(status), **changes}
