"""The chunk catalog persisted beside the store, so a process starts without reading Chroma.

Retrieval keeps every chunk's text, metadata and vector in memory (exact search,
the lexical index, passage windows). Read row by row from Chroma, that costs
minutes at 100,000 chunks; read from here it costs about a second: the vectors
are one ``.npy`` file opened as a memory map (pages are read when searched, and
shared by every process on the machine), the rest is JSON.

A snapshot is stamped with the store's generation (a value every ingest
changes after each batch of files it writes). A process whose snapshot has
the store's generation uses it as it is, without a single read of Chroma's
rows (even counting them makes embedded Chroma load its vector index); one whose snapshot is behind (another process, or another machine
sharing the Chroma server, ingested) fetches only the chunks added since and
drops the removed ones (and reads again the chunks of documents written
again since, which keep their ids), then writes the new snapshot: ingest pays for the
update, questions do not.

Each snapshot is written to its own directory and made current by an atomic
rename of a one-line pointer file, so a reader never sees half a snapshot and
concurrent writers never corrupt each other (the last one wins).
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

log = logging.getLogger(__name__)

FORMAT = 2  # 2: documents' write stamps
_POINTER = "CURRENT"


@dataclass
class Snapshot:
    generation: int
    ids: list[str]
    texts: list[str]
    metas: list[dict[str, Any]]
    vectors: np.ndarray  # row i for ids[i]; a read-only memory map when loaded
    doc_texts: dict[str, str]
    # doc_id -> the stamp its chunks were written with (rag.index.store.WRITTEN)
    doc_stamps: dict[str, str] = field(default_factory=dict)
    directory: Path | None = None

    def terms(self) -> dict[str, list[str]] | None:
        """Each chunk's lexical index terms, when the snapshot kept them."""
        if self.directory is None or not (self.directory / "terms.json").is_file():
            return None
        try:
            data = json.loads((self.directory / "terms.json").read_text(encoding="utf-8"))
            return dict(zip(self.ids, data, strict=True))
        except (OSError, ValueError):
            return None


class SnapshotDir:
    """Where one collection's snapshot lives: ``<index_dir>/catalog/<collection>``."""

    def __init__(self, directory: Path, embedder_name: str) -> None:
        self.directory = directory
        self.embedder_name = embedder_name

    def load(self) -> Snapshot | None:
        try:
            name = (self.directory / _POINTER).read_text(encoding="utf-8").strip()
        except OSError:
            return None
        path = self.directory / name
        try:
            meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
            if meta.get("format") != FORMAT or meta.get("embedder") != self.embedder_name:
                return None
            rows = json.loads((path / "rows.json").read_text(encoding="utf-8"))
            docs = json.loads((path / "docs.json").read_text(encoding="utf-8"))
            stamps = json.loads((path / "stamps.json").read_text(encoding="utf-8"))
            vectors = np.load(path / "vectors.npy", mmap_mode="r")
            if not (len(rows["ids"]) == len(rows["texts"]) == len(rows["metas"]) == vectors.shape[0]):
                raise ValueError("rows and vectors differ in length")
        except (OSError, ValueError, KeyError) as exc:  # damaged or half-deleted: rebuilt, never fatal
            log.warning("ignoring unreadable catalog snapshot at %s: %s", path, exc)
            return None
        return Snapshot(int(meta["generation"]), rows["ids"], rows["texts"], rows["metas"], vectors, docs, stamps, path)

    def save(self, snap: Snapshot, terms: list[list[str]] | None) -> Path | None:
        """Write ``snap`` as the current snapshot; a failure to write is logged, not raised."""
        path = self.directory / f"snap-{snap.generation}-{uuid.uuid4().hex[:8]}"
        try:
            path.mkdir(parents=True)
            np.save(path / "vectors.npy", np.ascontiguousarray(snap.vectors, dtype=np.float32))
            _write_json(path / "rows.json", {"ids": snap.ids, "texts": snap.texts, "metas": snap.metas})
            _write_json(path / "docs.json", snap.doc_texts)
            _write_json(path / "stamps.json", snap.doc_stamps)
            if terms is not None:
                _write_json(path / "terms.json", terms)
            _write_json(
                path / "meta.json",
                {
                    "format": FORMAT,
                    "generation": snap.generation,
                    "chunks": len(snap.ids),
                    "embedder": self.embedder_name,
                },
            )
            tmp = self.directory / f".{_POINTER}.{uuid.uuid4().hex[:8]}"
            tmp.write_text(path.name, encoding="utf-8")
            os.replace(tmp, self.directory / _POINTER)
        except OSError:
            log.warning("could not write the catalog snapshot to %s", path, exc_info=True)
            shutil.rmtree(path, ignore_errors=True)
            return None
        self._prune(keep=path.name)
        return path

    def _prune(self, keep: str, grace: float = 120.0) -> None:
        # Another process may be writing a snapshot right now: only old ones go. Processes
        # still reading a removed one keep their open memory map (unlinked files live on).
        now = time.time()
        for old in self.directory.glob("snap-*"):
            try:
                if old.name != keep and now - old.stat().st_mtime > grace:
                    shutil.rmtree(old, ignore_errors=True)
            except OSError:
                continue


def _write_json(path: Path, data: Any) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False, separators=(",", ":"))
