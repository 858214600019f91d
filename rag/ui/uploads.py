"""Putting uploaded files into the corpus folder, and nowhere else.

An upload's name comes from the browser, so it is untrusted: ``../../.bashrc``,
``/etc/passwd``, ``.ragignore``, a name with control characters or a 4000
character name must all end up as a plain file name inside the corpus folder,
or be refused. Files are never overwritten (a name already taken gets a
numbered suffix) and the type and size are checked here, not only in the
browser, because the HTTP endpoint can be called without it.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..ingestion.loader import IGNORE_FILE, SUPPORTED_EXTS

MAX_STEM_CHARS = 80


class UploadError(ValueError):
    """An upload that cannot be accepted; the message is shown to the user."""


@dataclass
class UploadResult:
    saved: list[Path] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (name as uploaded, reason)


def supported_types() -> str:
    return ", ".join(sorted(SUPPORTED_EXTS))


def safe_filename(name: str, allowed: Iterable[str] = SUPPORTED_EXTS) -> str:
    """A file name with no directory part, no leading dot and a supported extension (lower-cased)."""
    name = unicodedata.normalize("NFKC", name or "")
    name = re.split(r"[/\\]", name)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = re.sub(r"[^\w.\-]+", "_", name)
    name = re.sub(r"\.{2,}", ".", name)
    name = re.sub(r"_{2,}", "_", name).strip(" ")
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    ext = "." + ext.lower() if ext else ""
    allowed = {e.lower() for e in allowed}
    if ext not in allowed:
        shown = ext or "(none)"
        raise UploadError(f"unsupported file type {shown}; supported: {', '.join(sorted(allowed))}")
    stem = stem.strip("._- ")[:MAX_STEM_CHARS].rstrip("._- ") or "upload"
    return stem + ext


def _ignored(corpus: Path, name: str) -> bool:
    ignore = corpus / IGNORE_FILE
    if not ignore.is_file():
        return False
    import pathspec

    spec = pathspec.GitIgnoreSpec.from_lines(ignore.read_text(encoding="utf-8").splitlines())
    return spec.match_file(name)


def _same_content_in(corpus: Path, data: bytes) -> Path | None:
    for f in corpus.iterdir():
        try:
            if f.is_file() and not f.is_symlink() and f.stat().st_size == len(data) and f.read_bytes() == data:
                return f
        except OSError:
            continue
    return None


def _free_path(corpus: Path, name: str) -> Path:
    stem, ext = os.path.splitext(name)
    candidate = corpus / name
    n = 1
    while candidate.exists() or candidate.is_symlink():
        candidate = corpus / f"{stem}-{n}{ext}"
        n += 1
    return candidate


def save_upload(src: str | Path, corpus_dir: Path, max_bytes: int, original_name: str | None = None) -> Path:
    """Copy one uploaded file into the corpus folder under a safe, unused name; raise UploadError if refused."""
    src = Path(src)
    name = safe_filename(original_name or src.name)
    corpus = corpus_dir.resolve()
    corpus.mkdir(parents=True, exist_ok=True)
    size = src.stat().st_size
    if size == 0:
        raise UploadError("the file is empty")
    if size > max_bytes:
        raise UploadError(
            f"the file is {size / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.1f} MB (RAG_UI_MAX_UPLOAD_MB)"
        )
    if _ignored(corpus, name):
        raise UploadError(f"the name {name} is excluded by {IGNORE_FILE} in the corpus folder; rename the file")
    with src.open("rb") as fh:
        data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise UploadError(f"the file is larger than the limit of {max_bytes / 1e6:.1f} MB")
    twin = _same_content_in(corpus, data)
    if twin is not None:
        raise UploadError(f"the same file is already in the corpus as {twin.name}")
    target = _free_path(corpus, name)
    if target.parent.resolve() != corpus:
        raise UploadError("refusing to write outside the corpus folder")
    # "x": never replace a file, even one created since _free_path looked.
    with target.open("xb") as out:
        out.write(data)
    return target


def save_uploads(
    files: Iterable[str | Path], corpus_dir: Path, max_bytes: int, discard_from: Path | None = None
) -> UploadResult:
    """Copy each upload into the corpus, or refuse it with a reason.

    With ``discard_from`` (Gradio's upload cache), the uploaded copies there are
    deleted once handled: a refused ``.exe`` must not stay downloadable from the
    cache, and an accepted file now lives in the corpus.
    """
    result = UploadResult()
    files = list(files)
    for f in files:
        shown = Path(f).name
        try:
            result.saved.append(save_upload(f, corpus_dir, max_bytes))
        except UploadError as exc:
            result.refused.append((shown, str(exc)))
        except OSError as exc:
            result.refused.append((shown, f"could not be saved: {exc.strerror or exc}"))
    if discard_from is not None:
        discard_cached(files, discard_from)
    return result


def discard_cached(files: Iterable[str | Path], cache_dir: Path) -> None:
    """Delete uploaded files (and the per-upload folders Gradio made for them), only inside ``cache_dir``."""
    cache = cache_dir.resolve()
    for f in files:
        path = Path(f)
        try:
            if path.is_symlink() or not path.resolve().is_relative_to(cache):
                continue
            path.unlink(missing_ok=True)
            if path.parent.resolve() != cache:
                path.parent.rmdir()  # only when empty
        except OSError:
            continue
