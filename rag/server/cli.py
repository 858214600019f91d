"""``rag serve`` (the page and the APIs on one port) and ``rag mcp`` (the MCP server over stdio).

Configuration problems (an unreadable login or key file, an exposed address
without protection, a port in use) are one ``error:`` line and exit code 1,
before anything is opened or indexed.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Any

import click


class Fail(click.ClickException):
    """One ``error: ...`` line and exit code 1, as everywhere in ``rag``."""

    def show(self, file: Any = None) -> None:
        click.echo(f"error: {self.message}", err=True)


def _settings(ctx: click.Context, overrides: dict[str, Any]):
    from ..settings import Settings

    parent = (ctx.find_root().obj or {}) if ctx.find_root() is not ctx else {}
    merged = dict(parent.get("overrides", {}))
    merged.update({k: v for k, v in overrides.items() if v is not None})
    try:
        return Settings(**merged)
    except Exception as exc:  # pydantic ValidationError: a malformed RAG_* variable
        raise Fail(f"invalid configuration: {exc}") from exc


def _missing_extra(exc: ImportError) -> Fail:
    return Fail(f"the server needs an optional dependency ({exc.name}): pip install 'rag-news[server,ui]'")


@click.command("serve", context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--host", default=None, help="Address to bind (RAG_UI_HOST; default 127.0.0.1, this machine only).")
@click.option("--port", type=click.IntRange(1, 65535), default=None, help="Port (RAG_UI_PORT; default 7860).")
@click.option("--corpus-dir", type=click.Path(path_type=Path), default=None, help="Corpus folder (RAG_CORPUS_DIR).")
@click.option("--index-dir", type=click.Path(path_type=Path), default=None, help="Index folder (RAG_INDEX_DIR).")
@click.option("--no-ingest", is_flag=True, help="Serve the index as it is; do not index the corpus folder at start.")
@click.option("--no-ui", is_flag=True, help="Serve only the APIs (/v1, /api, /mcp), not the web page.")
@click.pass_context
def serve_command(
    ctx: click.Context,
    host: str | None,
    port: int | None,
    corpus_dir: Path | None,
    index_dir: Path | None,
    no_ingest: bool,
    no_ui: bool,
) -> None:
    """Start the web UI and the OpenAI-compatible, REST and MCP APIs on one port."""
    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    settings = _settings(ctx, {"ui_host": host, "ui_port": port, "corpus_dir": corpus_dir, "index_dir": index_dir})

    from ..ui.auth import AuthConfigError, checker, parse_auth
    from .security import KeyConfigError, exposure_problem, is_loopback, keys_required, load_api_keys

    try:
        users = parse_auth(settings.ui_auth)
        keys = load_api_keys(settings)
    except (AuthConfigError, KeyConfigError) as exc:
        raise Fail(str(exc)) from exc
    problem = exposure_problem(settings.ui_host, keys, ui_login=bool(users) or no_ui)
    if problem:
        raise Fail(problem)
    if not is_loopback(settings.ui_host):
        click.echo(f"warning: serving on {settings.ui_host}, reachable from other machines", err=True)

    try:
        from ..assistant import Assistant
        from ..ui.service import Service
        from .app import bind, create_app, describe, serve
    except ImportError as exc:
        raise _missing_extra(exc) from exc

    try:
        sock = bind(settings.ui_host, settings.ui_port)
    except OSError as exc:
        raise Fail(f"cannot serve on {settings.ui_host}:{settings.ui_port}: {exc.strerror or exc}") from exc
    service = Service(Assistant(settings=settings), echo=sys.stderr)
    shown = "127.0.0.1" if settings.ui_host in ("0.0.0.0", "::") else settings.ui_host
    service.url = f"http://{shown}:{sock.getsockname()[1]}"
    try:
        app = create_app(service, keys=keys, ui=not no_ui, ui_auth=checker(users) if users else None)
    except ImportError as exc:
        sock.close()
        raise _missing_extra(exc) from exc
    click.echo(
        f"rag-news: corpus {settings.corpus_dir.resolve()}, index {settings.index_dir.resolve()}"
        + ("" if no_ingest else " (indexing new and changed files in the background)"),
        err=True,
    )
    service.start(ingest=not no_ingest)
    banner = describe(
        settings.ui_host,
        sock.getsockname()[1],
        model=settings.server_model_name,
        ui=not no_ui,
        login=bool(users),
        keys=keys_required(settings.ui_host, keys, settings.api_keys_on_loopback),
    )
    serve(app, sock, banner)


@click.command("mcp", context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--corpus-dir", type=click.Path(path_type=Path), default=None, help="Corpus folder (RAG_CORPUS_DIR).")
@click.option("--index-dir", type=click.Path(path_type=Path), default=None, help="Index folder (RAG_INDEX_DIR).")
@click.pass_context
def mcp_command(ctx: click.Context, corpus_dir: Path | None, index_dir: Path | None) -> None:
    """Serve the corpus to an AI assistant over MCP (stdio): tools search_corpus, ask, list_sources.

    It serves the index as it is: run `rag ingest` first. Nothing but MCP
    messages goes to stdout; logs go to stderr.
    """
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    settings = _settings(ctx, {"corpus_dir": corpus_dir, "index_dir": index_dir})
    try:
        from ..assistant import Assistant
        from ..ui.service import Service
        from .context import Engine
        from .mcp_server import run_stdio
    except ImportError as exc:
        raise _missing_extra(exc) from exc
    engine = Engine(Service(Assistant(settings=settings), echo=None))
    run_stdio(engine)
