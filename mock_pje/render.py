"""Template rendering with PJe's look: positional JSF ids, the header, banners and the toast."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from bot.vocabulary.domain import zone_label
from mock_pje.settings import Quirk
from mock_pje.state import MockState, Session

TEMPLATES_DIR = Path(__file__).parent / "templates"

UNEXPECTED_ERROR = "Erro inesperado, por favor tente novamente."
EXPIRED = "Sua sessão expirou (sessão expirada). Entre novamente no sistema."


def as_html(text: str) -> Markup:
    """Editor drafts are HTML already; seeded texts are paragraphs separated by blank lines."""
    if text.lstrip().startswith("<"):
        return Markup(text)
    return Markup("".join(f"<p>{escape(p)}</p>" for p in text.split("\n\n") if p.strip()))


def make_templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(TEMPLATES_DIR))
    templates.env.globals["zone_label"] = zone_label
    templates.env.filters["as_html"] = as_html
    return templates


class JsfIds:
    """Positional ids like JSF's ``j_id194``: numbered in render order from a per-render base."""

    def __init__(self, base: int) -> None:
        self._next = base

    def __call__(self) -> str:
        self._next += 1
        return f"j_id{self._next}"


def profile_label(zone: int, role: str) -> str:
    return f"{zone_label(zone)} – {role}"


def state_of(request: Request) -> MockState:
    state: MockState = request.app.state.mock
    return state


def render(
    request: Request, name: str, context: dict[str, Any] | None = None, status_code: int = 200
) -> HTMLResponse:
    state = state_of(request)
    session: Session | None = getattr(request.state, "session", None)
    ctx: dict[str, Any] = {"jid": JsfIds(state.faults.jsf_offset()), "session": session, "state": state}
    if session is not None:
        user = state.users[session.cpf]
        ctx["user"] = user
        ctx["profiles"] = [(z, profile_label(z, user.role)) for z in user.zones]
        ctx["current_profile"] = profile_label(session.zone, user.role)
        path = request.url.path
        ctx["swallow"] = state.faults.roll(Quirk.SWALLOW_CLICK, path)
    ctx.update(context or {})
    response: HTMLResponse = request.app.state.templates.TemplateResponse(
        request, name, ctx, status_code=status_code
    )
    return response


def error_page(request: Request, message: str = UNEXPECTED_ERROR, kind: str = "inesperado") -> HTMLResponse:
    """PJe's red banner; ``kind`` is "inesperado" (transient) or "negocio" (refused action)."""
    return render(request, "error.html", {"message": message, "kind": kind})


def expired_page(request: Request) -> HTMLResponse:
    return render(request, "expired.html", {"message": EXPIRED})
