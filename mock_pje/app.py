"""The app factory: ``create_app(settings, state)``; no module-level app, state or engine."""

from __future__ import annotations

import asyncio
from pathlib import Path

from fastapi import FastAPI, Request, Response
from fastapi.staticfiles import StaticFiles
from starlette.types import ASGIApp, Receive, Scope, Send

from mock_pje.render import error_page, expired_page, make_templates
from mock_pje.routes import autos, comunicacao, etiquetas, inspect, login, minutar, movimentos, painel, tarefa
from mock_pje.settings import MockSettings, Quirk
from mock_pje.state import MockState

SESSION_COOKIE = "PJESESSIONID"
# Pages reachable without a session, and never hit by faults.
_OPEN = ("/pje/login.seam", "/pje/logout", "/auth/", "/static/", "/_mock/", "/favicon.ico")
# AJAX fragments: slow renders and expiry apply, the error banner does not (it would land mid-widget).
_AJAX = "/pje/ajax/"


class PJeGuard:
    """Pure ASGI middleware: latency, slow renders, session check and expiry, the error banner."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or path.startswith(_OPEN) or not path.startswith("/pje/"):
            await self.app(scope, receive, send)
            return
        request = Request(scope, receive)
        mock: MockState = request.app.state.mock
        mock.requests_served += 1  # every PJe request the latency applies to (benchmarks' floor)
        faults = mock.faults
        if faults.latency_ms:
            await asyncio.sleep(faults.latency_ms / 1000)
        slow = faults.take(Quirk.SLOW_RENDER, path)
        if slow:
            await asyncio.sleep(slow)
        session = mock.session(request.cookies.get(SESSION_COOKIE))
        if session is not None and not session.expired and faults.roll(Quirk.SESSION_EXPIRY, path):
            session.expired = True
        response: Response | None = None
        if session is None or session.expired:
            response = expired_page(request)
        else:
            scope.setdefault("state", {})["session"] = session
            if not path.startswith(_AJAX) and faults.roll(Quirk.ERROR_BANNER, path):
                response = error_page(request)
        if response is not None:
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)


def create_app(settings: MockSettings, state: MockState | None = None) -> FastAPI:
    """Build the mock PJe app.

    Args:
        settings: seed, size, faults, credentials, persistence.
        state: an existing state to serve (tests keep a handle on it); built from ``settings`` if None.
    """
    app = FastAPI(title="PJe simulado (jano)", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.settings = settings
    app.state.mock = state if state is not None else MockState(settings)
    app.state.templates = make_templates()
    app.mount("/static", StaticFiles(directory=str(Path(__file__).parent / "static")), name="static")
    for module in (login, painel, tarefa, autos, minutar, movimentos, comunicacao, etiquetas, inspect):
        app.include_router(module.router)

    app.add_middleware(PJeGuard)
    return app
