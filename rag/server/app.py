"""One ASGI app on one port: the APIs, the MCP mount and the Gradio page; and how uvicorn serves it.

Order matters: the Gradio page is mounted at ``/`` and would answer every
path, so the API routes, their JSON 404s and the MCP route are registered
before it. The ``Guard`` (keys, body limits) wraps only the API paths; the
page keeps its own login and upload limit.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import sys
from collections.abc import AsyncIterator, Awaitable, Callable

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.cors import CORSMiddleware

from .. import __version__
from ..ui.service import Service
from .context import Engine
from .security import ApiError, Guard, error_body, keys_required

log = logging.getLogger(__name__)

ENDPOINTS_HELP = {
    "/v1": "GET /v1/models, POST /v1/chat/completions",
    "/api": "see /api/docs",
}


def create_app(
    service: Service,
    *,
    keys: frozenset[str] = frozenset(),
    ui: bool = True,
    ui_auth: Callable[[str, str], bool] | None = None,
    mcp: bool = True,
) -> FastAPI:
    settings = service.settings
    engine = Engine(service)
    mcp_server = None
    if mcp:
        from .mcp_server import build_mcp

        mcp_server = build_mcp(engine)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if mcp_server is None:
            yield
            return
        async with mcp_server.session_manager.run():
            yield

    from fastapi_offline import FastAPIOffline

    app = FastAPIOffline(
        title="rag-news",
        version=__version__,
        description=(
            "Answers about platform-regulation news from an indexed corpus, every claim tied to the passage, "
            "source and date it came from. OpenAI-compatible chat under /v1, REST under /api, MCP at /mcp. "
            "Send 'Authorization: Bearer <key>' when the server has API keys."
        ),
        docs_url="/api/docs",
        redoc_url=None,
        openapi_url="/api/openapi.json",
        static_url="/api/docs/static",
        lifespan=lifespan,
    )
    app.state.engine = engine

    from . import openai_api, rest

    app.include_router(openai_api.build_router(engine))
    app.include_router(rest.build_router(engine))
    _json_errors(app)

    for prefix in ENDPOINTS_HELP:
        app.add_api_route(
            prefix + "/{rest:path}",
            _no_such_endpoint(prefix),
            methods=["GET", "POST", "PUT", "PATCH", "DELETE"],
            include_in_schema=False,
        )

    if mcp_server is not None:
        mcp_app = mcp_server.streamable_http_app(
            streamable_http_path="/mcp",
            stateless_http=True,
            json_response=True,
            host=settings.ui_host,
            max_request_body_size=settings.server_max_request_kb * 1000,
        )
        app.router.routes.extend(mcp_app.routes)

    if ui:
        from ..ui.app import mount_ui

        mount_ui(app, service, auth=ui_auth)
        if ui_auth is not None:  # failed logins are throttled per client and per user, before any check
            from ..ui.auth import LoginThrottle, LoginThrottleMiddleware

            throttle = LoginThrottle(settings.ui_login_failures, settings.ui_login_lockout)
            app.add_middleware(LoginThrottleMiddleware, throttle=throttle)

    origins = [o.strip() for o in (settings.server_cors_origins or "").split(",") if o.strip()]
    if origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=origins,
            allow_methods=["GET", "POST", "DELETE"],
            allow_headers=["Authorization", "X-API-Key", "Content-Type"],
        )
    app.add_middleware(
        Guard,
        keys=keys,
        require_keys=keys_required(settings.ui_host, keys, settings.api_keys_on_loopback),
        max_body=settings.server_max_request_kb * 1000,
        max_upload=int(settings.ui_max_upload_mb * 1e6) + 64_000,  # multipart framing around the file
    )
    return app


def _no_such_endpoint(prefix: str) -> Callable[[Request], Awaitable[JSONResponse]]:
    async def no_such_endpoint(request: Request) -> JSONResponse:
        # Without this the page mounted at / would answer with its own 404.
        raise ApiError(
            404, f"no endpoint {request.method} {request.url.path}; {ENDPOINTS_HELP[prefix]}", code="unknown_endpoint"
        )

    return no_such_endpoint


def _json_errors(app: FastAPI) -> None:
    """Every API error is OpenAI-style JSON with a message that says what to fix; never a traceback."""

    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> JSONResponse:
        return JSONResponse(exc.body(), status_code=exc.status, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = []
        param = None
        for e in exc.errors():
            loc = [str(x) for x in e.get("loc", ()) if x != "body"]
            where = ".".join(loc) or "body"
            msg = e.get("msg", "invalid")
            if e.get("type") == "json_invalid":
                where, msg = "body", "not valid JSON (send Content-Type: application/json and a JSON object)"
            param = param or where
            problems.append(f"{where}: {msg}")
        message = "invalid request: " + "; ".join(problems[:5]) + ("" if len(problems) <= 5 else " ...")
        return JSONResponse(error_body(message, param=param), status_code=400)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        return JSONResponse(error_body(detail, code=str(exc.status_code)), status_code=exc.status_code)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.error("unexpected error serving %s %s", request.method, request.url.path, exc_info=exc)
        body = error_body(f"internal error ({type(exc).__name__}); the server log has the details", type="server_error")
        return JSONResponse(body, status_code=500)


def bind(host: str, port: int) -> socket.socket:
    """Bind before starting, so a port in use is one clear error instead of uvicorn's exit."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


def serve(app: FastAPI, sock: socket.socket, banner: str) -> None:
    import uvicorn

    config = uvicorn.Config(
        app,
        log_level="warning",
        access_log=False,
        timeout_graceful_shutdown=5,
        server_header=False,
    )
    server = uvicorn.Server(config)
    print(banner, file=sys.stderr, flush=True)
    server.run(sockets=[sock])


def describe(host: str, port: int, *, model: str, ui: bool, login: bool, keys: bool) -> str:
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    base = f"http://{shown}:{port}"
    lines = [f"rag-news on {base}; Ctrl-C to stop"]
    if ui:
        lines.append(f"  web page       {base}/" + (" (login required)" if login else ""))
    lines.append(f"  OpenAI API     {base}/v1  (model {model})" + (" (API key required)" if keys else ""))
    lines.append(f"  REST API       {base}/api  (docs: {base}/api/docs)")
    lines.append(f"  MCP            {base}/mcp  (streamable HTTP)")
    return "\n".join(lines)
