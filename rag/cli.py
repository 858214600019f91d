"""The ``rag`` command: ingest, ask, sources, stats, eval, serve, mcp.

Small and composable in the manner of Simon Willison's ``llm``: every command
that reports something takes ``--json`` for scripts, human output goes to
stdout and progress to stderr, and every failure is one line on stderr with
a non-zero exit code, never a traceback (``--debug`` shows it).
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable
from dataclasses import asdict, is_dataclass
from datetime import date
from pathlib import Path
from typing import Any

import click

from .text.titles import UNTITLED, display_title

EXIT_ERROR = 1


class Fail(click.ClickException):
    """A one-line error for the user."""

    exit_code = EXIT_ERROR

    def show(self, file: Any = None) -> None:
        click.echo(f"error: {self.message}", err=True)


def _json_default(obj: Any) -> Any:
    if is_dataclass(obj):
        return asdict(obj)
    if isinstance(obj, (date, Path)):
        return str(obj)
    if isinstance(obj, set):
        return sorted(obj)
    raise TypeError(type(obj).__name__)


def emit_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=_json_default))


def _guard(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Turn every known failure into one clear line and an exit code."""
    import functools

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from .assistant import QuestionError
        from .index.embedder import EmbedderError, MissingBackend
        from .index.store import StoreError
        from .ingestion.loader import LoaderUnavailable

        ctx = click.get_current_context()
        try:
            return fn(*args, **kwargs)
        except (
            QuestionError,
            StoreError,
            MissingBackend,
            EmbedderError,
            LoaderUnavailable,
            FileNotFoundError,
            ValueError,
        ) as exc:
            if ctx.obj.get("debug"):
                raise
            raise Fail(str(exc)) from exc
        except KeyboardInterrupt as exc:
            raise Fail("interrupted") from exc
        except BrokenPipeError:  # `rag ask ... | head`: the reader left; nothing to report
            sys.stdout = None  # type: ignore[assignment]
            ctx.exit(0)
        except click.ClickException:
            raise
        except Exception as exc:
            if ctx.obj.get("debug"):
                raise
            raise Fail(f"unexpected {type(exc).__name__}: {exc} (run `rag --debug ...` for details)") from exc

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--corpus-dir", type=click.Path(path_type=Path), help="Corpus directory (RAG_CORPUS_DIR).")
@click.option("--index-dir", type=click.Path(path_type=Path), help="Index directory (RAG_INDEX_DIR).")
@click.option("--chroma-url", help="Chroma server URL (RAG_CHROMA_URL); default: embedded store.")
@click.option("--debug", is_flag=True, help="Show tracebacks and debug logs.")
@click.version_option(package_name="rag-news")
@click.pass_context
def cli(
    ctx: click.Context, corpus_dir: Path | None, index_dir: Path | None, chroma_url: str | None, debug: bool
) -> None:
    """Ask questions of a news corpus and get answers tied to their sources."""
    logging.basicConfig(level=logging.DEBUG if debug else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    overrides: dict[str, Any] = {}
    if corpus_dir is not None:
        overrides["corpus_dir"] = corpus_dir
    if index_dir is not None:
        overrides["index_dir"] = index_dir
    if chroma_url is not None:
        overrides["chroma_url"] = chroma_url
    ctx.obj = {"overrides": overrides, "debug": debug}


def _assistant(ctx: click.Context, **extra: Any):
    from .assistant import Assistant
    from .settings import Settings

    try:
        settings = Settings()
    except Exception as exc:  # pydantic ValidationError: a malformed RAG_* variable
        raise Fail(f"invalid configuration: {exc}") from exc
    return Assistant(settings=settings, **ctx.obj["overrides"], **extra)


# ---------------------------------------------------------------------- ingest
@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option(
    "--shard",
    metavar="I/N",
    help="Ingest only part I of N (1-based) of the files, e.g. 1/2 and 2/2 on two machines into one Chroma server.",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=None,
    help="Processes that load, clean and split files ahead of the embedder (RAG_INGEST_WORKERS).",
)
@click.pass_context
@_guard
def ingest(ctx: click.Context, paths: tuple[Path, ...], as_json: bool, shard: str | None, workers: int | None) -> None:
    """Index files or directories (default: the corpus directory). Only changes are embedded."""
    part = _parse_shard(shard) if shard else None
    assistant = _assistant(ctx)
    targets = list(paths) or [assistant.settings.corpus_dir]
    for p in targets:
        if not p.exists():
            raise Fail(f"{p}: no such file or directory (give a corpus directory or files to ingest)")
    progress = None if as_json or not sys.stderr.isatty() else _progress_printer()
    report = assistant.ingest(targets, progress=progress, shard=part, workers=workers)
    if progress:
        click.echo("", err=True)
    if as_json:
        emit_json(report.to_dict())
        return
    click.echo(report.summary())
    for label, items in (("added", report.added), ("updated", report.updated), ("removed", report.removed)):
        for item in items:
            click.echo(f"  {label:8} {item}")
    for path, reason in report.skipped:
        click.echo(f"  skipped  {path}: {reason}")
    for path, note in report.warnings:
        click.echo(f"  warning  {path}: {note}")
    click.echo(f"{report.documents} documents in the index.")


def _parse_shard(value: str) -> tuple[int, int]:
    """ "2/3" -> (1, 3): the 0-based part the indexer wants."""
    i, sep, n = value.partition("/")
    if sep and i.strip().isdigit() and n.strip().isdigit() and 1 <= int(i) <= int(n):
        return int(i) - 1, int(n)
    raise Fail(f"--shard {value!r}: give I/N with 1 <= I <= N, e.g. --shard 1/2 and --shard 2/2")


def _progress_printer() -> Callable[[str, int, int], None]:
    def show(stage: str, done: int, total: int) -> None:
        width = 30
        filled = int(width * done / max(1, total))
        click.echo(f"\r{stage:9} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}", err=True, nl=False)

    return show


# ------------------------------------------------------------------------- ask
@cli.command()
@click.argument("question", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print the answer, citations and passages as JSON.")
@click.option("--top-k", type=click.IntRange(1, 100), default=None, help="Passages to retrieve.")
@click.option("--language", multiple=True, help="Only documents in this language (repeatable), e.g. fr.")
@click.option("--source", multiple=True, help="Only documents from this publisher (repeatable).")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="Only documents published on or after (YYYY-MM-DD).")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), help="Only documents published on or before.")
@click.option(
    "--llm/--no-llm", "use_llm", default=None, help="Generate with the configured LLM, or answer extractively."
)
@click.pass_context
@_guard
def ask(
    ctx: click.Context,
    question: tuple[str, ...],
    as_json: bool,
    top_k: int | None,
    language: tuple[str, ...],
    source: tuple[str, ...],
    since: Any,
    until: Any,
    use_llm: bool | None,
) -> None:
    """Answer QUESTION from the corpus, citing the passages it comes from."""
    text = " ".join(question)
    assistant = _assistant(ctx, **({"use_llm": use_llm} if use_llm is not None else {}))
    filters = {
        "language": list(language) or None,
        "source": list(source) or None,
        "since": since.date() if since else None,
        "until": until.date() if until else None,
    }
    answer = assistant.ask(text, top_k=top_k, filters=filters)
    if as_json:
        emit_json(answer.to_dict())
        return
    click.echo(answer.text)
    if answer.notice and not answer.notice.startswith("abstained") and answer.notice != "empty_index":
        click.echo(f"\nnote: {answer.notice}", err=True)

    def title_of(title: str | None, doc_id: str, path: str | None, language: str | None) -> str:
        if title:
            return title
        rec = assistant.document(doc_id)  # an untitled article is named by its first sentence
        return display_title(None, rec.text if rec else None, path, language)

    if answer.citations:
        click.echo("\nSources:")
        for c in answer.citations:
            name = title_of(c.title, c.doc_id, c.path, c.language)
            click.echo(f"  [{c.n}] {_describe(name, c.source, c.published, c.language)}")
            click.echo(f"      {c.path or c.doc_id} chars {c.start}-{c.end}" + (f"  {c.url}" if c.url else ""))
            if c.also_reported_by:
                click.echo(f"      also reported by {', '.join(c.also_reported_by)}")
    elif answer.passages:
        click.echo("\nClosest passages:")
        for i, p in enumerate(answer.passages[:3], start=1):
            md = p.metadata
            snippet = " ".join(p.text.split())[:160]
            name = title_of(md.get("title"), p.doc_id, md.get("path"), md.get("language"))
            click.echo(f"  {i}. {_describe(name, md.get('source'), md.get('published'), md.get('language'))}")
            click.echo(f"     {snippet}…")


def _describe(title: str | None, source: str | None, published: str | None, language: str | None) -> str:
    parts = [title or UNTITLED]
    meta = ", ".join(x for x in (source or "publisher unknown", published or "date unknown", language) if x)
    return f"{parts[0]} — {meta}"


# --------------------------------------------------------------------- sources
@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print the documents as JSON.")
@click.pass_context
@_guard
def sources(ctx: click.Context, as_json: bool) -> None:
    """List the indexed documents with their metadata."""
    assistant = _assistant(ctx)
    docs = assistant.documents()
    # The listing carries no text: an untitled article is read once, to be named by its first sentence.
    texts = {d.doc_id: (assistant.document(d.doc_id) or d).text for d in docs if not d.metadata.get("title")}
    rows = [
        {
            "doc_id": d.doc_id,
            "title": d.metadata.get("title"),
            "shown_title": display_title(
                d.metadata.get("title"), texts.get(d.doc_id), d.metadata.get("path"), d.metadata.get("language")
            ),
            "source": d.metadata.get("source"),
            "published": d.metadata.get("published"),
            "language": d.metadata.get("language"),
            "chunks": d.metadata.get("n_chunks"),
            "path": d.metadata.get("path"),
            "url": d.metadata.get("url"),
        }
        for d in docs
    ]
    rows.sort(key=lambda r: (r["path"] or "", r["doc_id"]))
    if as_json:
        emit_json([{k: v for k, v in r.items() if k != "shown_title"} for r in rows])
        return
    if not rows:
        click.echo("The index is empty: run `rag ingest` first.")
        return
    for r in rows:
        click.echo(
            f"{r['doc_id']}  {r['language'] or '??'}  {r['published'] or 'date unknown':12}  "
            f"{(r['source'] or 'publisher unknown')[:20]:20}  {r['shown_title']}"
        )
        click.echo(f"{'':18}{r['path']}  ({r['chunks']} chunks)")


# ----------------------------------------------------------------------- stats
@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print the statistics as JSON.")
@click.pass_context
@_guard
def stats(ctx: click.Context, as_json: bool) -> None:
    """Summarise the index: documents, chunks, languages, sources, dates."""
    data = _assistant(ctx).stats()
    if as_json:
        emit_json(data)
        return
    for key, value in data.items():
        if isinstance(value, dict):
            value = ", ".join(f"{k} {v}" for k, v in sorted(value.items(), key=lambda kv: -kv[1]))
        elif isinstance(value, list):
            value = " to ".join(value)
        click.echo(f"{key:18} {value if value is not None else '-'}")


# -------------------------------------------------------------------- feedback
@cli.group()
def feedback() -> None:
    """The chat's thumbs up/down ratings (saved to RAG_FEEDBACK_PATH, default <index>/feedback.jsonl)."""


@feedback.command("export")
@click.option(
    "--out",
    type=click.Path(path_type=Path, dir_okay=False),
    required=True,
    help="Question-set file to write (JSONL, the evals schema); an existing file is kept and extended.",
)
@click.option(
    "--from", "source", type=click.Path(path_type=Path, dir_okay=False), help="Feedback file (default: the setting)."
)
@click.option("--json", "as_json", is_flag=True, help="Print the cases added as JSON.")
@click.pass_context
@_guard
def feedback_export(ctx: click.Context, out: Path, source: Path | None, as_json: bool) -> None:
    """Turn rated answers into evaluation cases for `rag eval`.

    Thumbs-up on a refusal becomes an unanswerable case; thumbs-up on an answer
    gives its quotes as evidence; thumbs-down cases are tagged needs_key_facts,
    with a "review" field saying what a person has to fill in.
    """
    from . import feedback as fb
    from .settings import Settings

    if source is None:
        try:
            settings = Settings(**ctx.obj["overrides"])
        except Exception as exc:
            raise Fail(f"invalid configuration: {exc}") from exc
        source = settings.feedback_file
    result = fb.export(source, out)
    for problem in result.problems:
        click.echo(f"warning: {problem}", err=True)
    if as_json:
        emit_json(result.added)
        return
    click.echo(
        f"{len(result.added)} new case{'s' if len(result.added) != 1 else ''} written to {out}"
        + (f" ({result.kept} already there, kept as they are)" if result.kept else "")
        + "."
    )
    if result.need_review:
        click.echo(f"{result.need_review} of them need a person before they count: {fb.REVIEW_HOWTO}")


def _register_subcommands() -> None:
    """Commands whose heavy dependencies (Gradio, the evaluation suite) load only when run."""
    from .evaluation.cli import eval_command
    from .server.cli import mcp_command, serve_command

    cli.add_command(eval_command, "eval")
    cli.add_command(serve_command, "serve")
    cli.add_command(mcp_command, "mcp")


_register_subcommands()


def main() -> None:
    cli(prog_name="rag")


if __name__ == "__main__":
    main()
