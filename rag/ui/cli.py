"""``rag serve`` / ``python app.py``: start the web UI, indexing the corpus in the background.

The page is up within seconds even on a first start, and shows the indexing
progress; the terminal shows it too. Bad configuration (an unreadable auth
file, a port in use) is one line on stderr and a non-zero exit, as in the CLI.
"""

from __future__ import annotations

import ipaddress
import logging
import sys
from pathlib import Path
from typing import Any

import click


class Fail(click.ClickException):
    """One ``error: ...`` line and exit code 1, as everywhere in ``rag``."""

    def show(self, file: Any = None) -> None:
        click.echo(f"error: {self.message}", err=True)


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _settings(ctx: click.Context, overrides: dict[str, Any]):
    from ..settings import Settings

    parent = (ctx.find_root().obj or {}) if ctx.find_root() is not ctx else {}
    merged = dict(parent.get("overrides", {}))
    merged.update({k: v for k, v in overrides.items() if v is not None})
    try:
        return Settings(**merged)
    except Exception as exc:  # pydantic ValidationError: a malformed RAG_* variable
        raise Fail(f"invalid configuration: {exc}") from exc


@click.command("serve", context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--host", default=None, help="Address to bind (RAG_UI_HOST; default 127.0.0.1, this machine only).")
@click.option("--port", type=click.IntRange(1, 65535), default=None, help="Port (RAG_UI_PORT; default 7860).")
@click.option("--corpus-dir", type=click.Path(path_type=Path), default=None, help="Corpus folder (RAG_CORPUS_DIR).")
@click.option("--index-dir", type=click.Path(path_type=Path), default=None, help="Index folder (RAG_INDEX_DIR).")
@click.option("--no-ingest", is_flag=True, help="Serve the index as it is; do not index the corpus folder at start.")
@click.pass_context
def serve_command(
    ctx: click.Context,
    host: str | None,
    port: int | None,
    corpus_dir: Path | None,
    index_dir: Path | None,
    no_ingest: bool,
) -> None:
    """Start the web UI (chat with cited answers, corpus management, evaluation)."""
    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    settings = _settings(ctx, {"ui_host": host, "ui_port": port, "corpus_dir": corpus_dir, "index_dir": index_dir})

    from .auth import AuthConfigError, checker, parse_auth

    try:
        users = parse_auth(settings.ui_auth)
    except AuthConfigError as exc:
        raise Fail(str(exc)) from exc
    if not _is_loopback(settings.ui_host):
        note = (
            "login required (RAG_UI_AUTH)" if users else "NO LOGIN: anyone who can reach it can use it; set RAG_UI_AUTH"
        )
        click.echo(f"warning: serving on {settings.ui_host}, reachable from other machines; {note}", err=True)

    from ..assistant import Assistant
    from .app import launch
    from .service import Service

    assistant = Assistant(settings=settings)
    service = Service(assistant, echo=sys.stderr)
    shown = "127.0.0.1" if settings.ui_host in ("0.0.0.0", "::") else settings.ui_host
    service.url = f"http://{shown}:{settings.ui_port}"
    click.echo(
        f"rag-news UI: corpus {settings.corpus_dir.resolve()}, index {settings.index_dir.resolve()}"
        + ("" if no_ingest else " (indexing new and changed files in the background)"),
        err=True,
    )
    service.start(ingest=not no_ingest)
    try:
        launch(service, settings.ui_host, settings.ui_port, auth=checker(users) if users else None)
    except OSError as exc:
        raise Fail(f"cannot serve on {settings.ui_host}:{settings.ui_port}: {exc}") from exc
