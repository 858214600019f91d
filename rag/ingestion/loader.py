"""Reading files into raw documents.

Every failure here is per file (or per JSONL line): a file that cannot be read
is reported with a reason a user can act on and the run goes on. Formats are
recognised by extension; the content is still checked (a ``.txt`` that is
really a binary is refused rather than indexed as garbage).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from ..backends import MissingBackend
from ..types import RawDocument

log = logging.getLogger(__name__)

TEXT_EXTS = {".txt", ".text"}
MARKDOWN_EXTS = {".md", ".markdown"}
HTML_EXTS = {".html", ".htm", ".xhtml"}
PDF_EXTS = {".pdf"}
JSONL_EXTS = {".jsonl", ".ndjson"}
SUPPORTED_EXTS = TEXT_EXTS | MARKDOWN_EXTS | HTML_EXTS | PDF_EXTS | JSONL_EXTS
IGNORE_FILE = ".ragignore"


@dataclass
class LoadedFile:
    """One file's outcome: its raw documents, or why (some of) it was skipped."""

    path: str
    sha: str = ""
    documents: list[RawDocument] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


class LoadError(Exception):
    """A file-level problem; the message is the reason shown to the user."""


class LoaderUnavailable(MissingBackend):
    """A format's loader cannot work in this environment (a dependency is missing): every
    file of that format would fail, so ingestion stops once, saying what to install."""


# What each format's loader imports, and the distribution that provides it. trafilatura
# reaches lxml_html_clean through justext; without it every HTML page would be skipped.
LOADER_IMPORTS: dict[str, list[tuple[str, str]]] = {
    "html": [("lxml_html_clean", "lxml_html_clean"), ("justext", "justext"), ("trafilatura", "trafilatura")],
    "pdf": [("pypdf", "pypdf")],
    "markdown": [("markdown_it", "markdown-it-py")],
    "text": [("charset_normalizer", "charset-normalizer")],
    "jsonl": [("charset_normalizer", "charset-normalizer")],
}
_FORMAT_OF = {
    **dict.fromkeys(TEXT_EXTS, "text"),
    **dict.fromkeys(MARKDOWN_EXTS, "markdown"),
    **dict.fromkeys(HTML_EXTS, "html"),
    **dict.fromkeys(PDF_EXTS, "pdf"),
    **dict.fromkeys(JSONL_EXTS, "jsonl"),
}
_checked: dict[str, str | None] = {}


def loader_problem(fmt: str) -> str | None:
    """Why the loader of ``fmt`` cannot work here, in one line; None when it can (checked once per process)."""
    if fmt not in _checked:
        import importlib

        problem = None
        for module, dist in LOADER_IMPORTS.get(fmt, []):
            try:
                importlib.import_module(module)
            except Exception as exc:  # ImportError, or a broken install raising anything
                first = (str(exc).splitlines() or [type(exc).__name__])[0]
                problem = (
                    f"cannot load {fmt} files: importing {module} failed ({first}); "
                    f"install it: pip install {dist} (or pip install -e . to get every dependency)"
                )
                break
        _checked[fmt] = problem
    return _checked[fmt]


def check_loaders(files: Iterable[Path]) -> None:
    """Raise LoaderUnavailable, once, when a format among ``files`` has a loader that cannot work."""
    formats = sorted({_FORMAT_OF[f.suffix.lower()] for f in files if f.suffix.lower() in _FORMAT_OF})
    problems = [p for p in (loader_problem(fmt) for fmt in formats) if p]
    if problems:
        raise LoaderUnavailable("; ".join(problems))


def discover(paths: Iterable[str | Path]) -> tuple[list[Path], list[tuple[str, str]]]:
    """Expand directories recursively, honouring ``.ragignore`` files.

    Returns the files to load and the paths skipped, each with a one-line reason.
    Hidden files and folders (``.git``, ``.rag``) are never corpus content. Inside a
    directory, a symbolic link that leads outside it is skipped: the corpus is what
    the directory holds, and a link to ``~/.ssh/id_rsa`` must not be indexed and
    quoted. Special files (FIFOs, sockets, devices) are skipped too: reading a FIFO
    would block the ingest forever.
    """
    files: list[Path] = []
    problems: list[tuple[str, str]] = []
    for raw in paths:
        p = Path(raw)
        if not p.exists():
            problems.append((str(p), "broken symbolic link" if p.is_symlink() else "no such file or directory"))
        elif p.is_dir():
            found, skipped = _walk(p)
            files.extend(found)
            problems.extend(skipped)
        elif p.is_file():
            files.append(p.resolve())
        else:
            problems.append((str(p), _special_reason(p)))
    seen: set[Path] = set()
    unique = [f for f in files if not (f in seen or seen.add(f))]
    return unique, problems


def _special_reason(p: Path) -> str:
    try:
        mode = p.stat().st_mode
    except OSError as exc:
        return f"cannot read file: {exc.strerror or exc}"
    kind = (
        "a FIFO (named pipe)"
        if stat.S_ISFIFO(mode)
        else "a socket"
        if stat.S_ISSOCK(mode)
        else "a device"
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
        else "not a regular file"
    )
    return f"{kind}, not a regular file; not indexed"


def _walk(root: Path) -> tuple[list[Path], list[tuple[str, str]]]:
    root = root.resolve()
    spec = _ignore_spec(root)
    out: list[Path] = []
    problems: list[tuple[str, str]] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        here = Path(dirpath)
        for name in sorted(dirnames):  # os.walk lists linked directories but never enters them
            d = here / name
            if not name.startswith(".") and d.is_symlink():
                outside = _outside(d, root)
                if outside is not None:
                    problems.append((str(d), outside))
        dirnames[:] = sorted(n for n in dirnames if not n.startswith("."))
        for name in sorted(filenames):
            p = here / name
            rel = p.relative_to(root)
            if name.startswith(".") or (spec is not None and spec.match_file(rel.as_posix())):
                continue
            if p.is_symlink():
                outside = _outside(p, root)
                if outside is not None:
                    problems.append((str(p), outside))
                    continue
            if not p.exists():
                problems.append((str(p), "broken symbolic link"))
            elif not p.is_file():
                problems.append((str(p), _special_reason(p)))
            else:
                out.append(p)
    return sorted(out), problems


def _outside(link: Path, root: Path) -> str | None:
    """Why a link is skipped, or None when it stays inside ``root``."""
    target = link.resolve()
    if target.is_relative_to(root):
        return None
    return f"symbolic link to {target}, outside the corpus directory {root}; not indexed (copy the file in instead)"


def _ignore_spec(root: Path):  # -> pathspec.PathSpec | None
    ignore = root / IGNORE_FILE
    if not ignore.is_file():
        return None
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(ignore.read_text(encoding="utf-8").splitlines())


def file_sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:24]


def load_file(path: Path, max_bytes: int) -> LoadedFile:
    """Read one file. Never raises: problems end up in ``skipped``."""
    result = LoadedFile(path=str(path))
    ext = path.suffix.lower()
    if ext not in SUPPORTED_EXTS:
        result.skipped.append(
            (str(path), f"unsupported file type '{ext or '(none)'}'; supported: {', '.join(sorted(SUPPORTED_EXTS))}")
        )
        return result
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise LoadError(
                f"file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit "
                "(raise RAG_MAX_FILE_MB to index it)"
            )
        data = path.read_bytes()
    except LoadError as exc:
        result.skipped.append((str(path), str(exc)))
        return result
    except OSError as exc:
        result.skipped.append((str(path), f"cannot read file: {exc.strerror or exc}"))
        return result
    result.sha = file_sha(data)
    try:
        if ext in PDF_EXTS:
            result.documents = [_load_pdf(path, data)]
        else:
            text, note = decode_text(data)
            if note:
                result.notes.append(note)
            if ext in JSONL_EXTS:
                docs, bad = _load_jsonl(path, text)
                result.documents, result.skipped = docs, bad
                if not docs and not bad:
                    raise LoadError("empty file")
            elif ext in HTML_EXTS:
                result.documents = [_load_html(path, text)]
            elif ext in MARKDOWN_EXTS:
                result.documents = [_load_markdown(path, text)]
            else:
                result.documents = [RawDocument(path=str(path), text=text, format="text")]
    except LoadError as exc:
        result.skipped.append((str(path), str(exc)))
        result.documents = []
        return result
    except Exception as exc:  # a parser library choking on a hostile file
        log.debug("loader crashed on %s", path, exc_info=True)
        first = (str(exc).strip().splitlines() or [""])[0]  # a skip reason is one line
        result.skipped.append((str(path), f"could not parse {ext} file: {type(exc).__name__}: {first}"))
        result.documents = []
        return result
    empty = [d for d in result.documents if not d.text.strip()]
    for d in empty:
        result.skipped.append((_label(d), "no text (empty after extraction)"))
    result.documents = [d for d in result.documents if d.text.strip()]
    return result


def _label(doc: RawDocument) -> str:
    return f"{doc.path}#{doc.part}" if doc.part else doc.path


def decode_text(data: bytes) -> tuple[str, str | None]:
    """Bytes to str, refusing binaries and naming anything that was not clean UTF-8.

    A file that is UTF-8 but for a few bad bytes (a truncated copy, one pasted
    Latin-1 character) is decoded as UTF-8, each bad byte becoming U+FFFD: read
    as a legacy code page instead, every accented letter of it would be mangled
    ("rÃ©gulateur"). A file with no valid multi-byte UTF-8 sequence at all is in
    a legacy encoding (Windows-1252, Latin-1, common in scraped corpora):
    dropping it would lose an article, so it is decoded and the guess reported.
    """
    if not data.strip():
        raise LoadError("empty file")
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return data.decode(enc, errors="replace"), None
    head = data[:8192]
    if b"\x00" in head or _control_ratio(head) > 0.05:
        raise LoadError("binary content, not text (is the extension wrong?)")
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    valid, bad = _utf8_evidence(data)
    if valid > bad:
        text = data.decode("utf-8", errors="replace")
        return text, f"mostly UTF-8; {bad} invalid byte(s) replaced by \ufffd (fix the file to keep them)"
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise LoadError("not UTF-8 and the encoding could not be recognised; convert it to UTF-8 (iconv)")
    return str(best), f"not valid UTF-8; decoded as {best.encoding}"


_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _utf8_evidence(data: bytes) -> tuple[int, int]:
    """(valid multi-byte UTF-8 sequences, bytes that are not part of any valid sequence)."""
    valid = len(_UTF8_MULTIBYTE.findall(data))
    decoded = data.decode("utf-8", errors="replace")
    bad = decoded.count("\ufffd") - data.count("\ufffd".encode())
    return valid, bad


def _control_ratio(data: bytes) -> float:
    if not data:
        return 0.0
    bad = sum(1 for b in data if b < 32 and b not in (9, 10, 12, 13))
    return bad / len(data)


def _load_pdf(path: Path, data: bytes) -> RawDocument:
    import io

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise LoadError("encrypted PDF; save an unencrypted copy to index it")
        pages = [(page.extract_text() or "").strip() for page in reader.pages]
    except PdfReadError as exc:
        raise LoadError(f"damaged or not a PDF ({exc})") from exc
    text = "\n\n".join(p for p in pages if p)
    if not text.strip():
        raise LoadError("PDF has no text layer (scanned?); run OCR on it first")
    meta = reader.metadata or {}
    title = str(meta.get("/Title") or "").strip() or None
    author = str(meta.get("/Author") or "").strip() or None
    return RawDocument(path=str(path), text=text, format="pdf", title=title, author=author)


def _load_html(path: Path, html: str) -> RawDocument:
    import trafilatura

    doc = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        favor_recall=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not text:
        raise LoadError("no article text found in the HTML page")
    return RawDocument(
        path=str(path),
        text=text,
        format="html",
        title=_clean_str(getattr(doc, "title", None)),
        url=_clean_str(getattr(doc, "url", None)),
        published=parse_iso_date(getattr(doc, "date", None)),
        source=_clean_str(getattr(doc, "sitename", None)),
        author=_clean_str(getattr(doc, "author", None)),
        language=_clean_str(getattr(doc, "language", None)),
    )


def _load_markdown(path: Path, text: str) -> RawDocument:
    """Markdown to plain text with one block per line; the first heading is the title."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").parse(text)
    lines: list[str] = []
    title = None
    in_heading = False
    for tok in tokens:
        if tok.type == "heading_open":
            in_heading = True
        elif tok.type == "heading_close":
            in_heading = False
        elif tok.type == "inline":
            content = (
                "".join(child.content for child in (tok.children or []) if child.type in {"text", "code_inline"})
                or tok.content
            )
            content = content.strip()
            if not content:
                continue
            if in_heading and title is None:
                title = content
            lines.append(content)
        elif tok.type in {"fence", "code_block"}:
            lines.append(tok.content.strip())
    return RawDocument(path=str(path), text="\n\n".join(lines), format="markdown", title=title)


def _load_jsonl(path: Path, text: str) -> tuple[list[RawDocument], list[tuple[str, str]]]:
    docs: list[RawDocument] = []
    bad: list[tuple[str, str]] = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}:{lineno}"
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            bad.append((where, f"invalid JSON ({exc.msg})"))
            continue
        if not isinstance(rec, dict):
            bad.append((where, "line is not a JSON object"))
            continue
        body = rec.get("text")
        if not isinstance(body, str) or not body.strip():
            bad.append((where, "missing or empty 'text' field"))
            continue
        docs.append(
            RawDocument(
                path=str(path),
                text=body,
                format="jsonl",
                title=_clean_str(rec.get("title")),
                url=_clean_str(rec.get("url")),
                published=parse_iso_date(rec.get("published")),
                source=_clean_str(rec.get("source")),
                language=_clean_str(rec.get("language")),
                author=_clean_str(rec.get("author")),
                part=f"line{lineno}",
                structured=True,
            )
        )
    return docs, bad


def _clean_str(value: object) -> str | None:
    if value is None:
        return None
    s = " ".join(str(value).split())
    return s or None


def parse_iso_date(value: object) -> date | None:
    """A declared date (JSONL field, HTML meta): ISO first, then dateparser."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    s = str(value).strip()
    try:
        return datetime.fromisoformat(s.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    from .dates import parse_date_string

    return parse_date_string(s)
