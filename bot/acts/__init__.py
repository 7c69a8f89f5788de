"""Drafts of acts from versioned templates, with variables resolved and the AI footer.

Templates live in ``bot/acts/templates/<id>.v<version>.html.j2``; :data:`TEMPLATES` is the one list of
which id is current at which version and of which PJe document type. Rendering fails loudly on a
missing variable (StrictUndefined) – a draft with a hole must never reach a supervisor.

May import ``bot.config``, ``bot.vocabulary`` and ``bot.core`` (and Jinja2); the routines use it,
so it never imports the browser, the queue or the routines.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, TemplateNotFound, UndefinedError

from bot.config.settings import CourtSettings
from bot.core.errors import BusinessError, ConfigError
from bot.vocabulary.actions import Draft

TEMPLATE_DIR = Path(__file__).parent / "templates"


@dataclass(frozen=True)
class TemplateInfo:
    id: str
    version: str
    document_type: str
    title: str
    ai_assisted: bool  # the act's content came from a classifier's reading
    attach: bool = False  # the servant signs and attaches it (editais, certidões); else the judge signs


TEMPLATES: dict[str, TemplateInfo] = {
    t.id: t
    for t in (
        TemplateInfo("sentenca-contas-aprovacao", "1", "Sentença", "Sentença – contas aprovadas", True),
        TemplateInfo(
            "sentenca-contas-aprovacao-ressalvas",
            "1",
            "Sentença",
            "Sentença – contas aprovadas com ressalvas",
            True,
        ),
        TemplateInfo("sentenca-contas-desaprovacao", "1", "Sentença", "Sentença – contas desaprovadas", True),
        TemplateInfo(
            "sentenca-contas-nao-prestadas", "1", "Sentença", "Sentença – contas não prestadas", True
        ),
        TemplateInfo("edital-contas", "1", "Edital", "Edital – prestação de contas", False, attach=True),
        TemplateInfo(
            "despacho-pca-omissos", "1", "Despacho", "Despacho inicial – omissão de contas anuais", False
        ),
    )
}


class DraftFactory:
    """Renders drafts. Args: court settings (name, AI footer) and a clock for the act's date."""

    def __init__(self, court: CourtSettings, *, today: dt.date | None = None) -> None:
        self.court = court
        self._today = today
        self._env = Environment(
            loader=FileSystemLoader(TEMPLATE_DIR),
            undefined=StrictUndefined,
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
        )

    def render(self, template_id: str, **variables: Any) -> Draft:
        """Render ``template_id`` at its current version.

        Raises:
            ConfigError: unknown template id or missing template file.
            BusinessError: a variable the template needs is missing (the item goes to a person).
        """
        info = TEMPLATES.get(template_id)
        if info is None:
            raise ConfigError(f"modelo de ato desconhecido: {template_id}")
        today = self._today or dt.date.today()
        footer = self.court.ai_footer if info.ai_assisted else None
        values = {
            "tribunal": self.court.name,
            "data": today.strftime("%d/%m/%Y"),
            "ai_footer": footer if self.court.print_ai_footer else None,
            **variables,
        }
        try:
            body = self._env.get_template(f"{info.id}.v{info.version}.html.j2").render(**values).strip()
        except TemplateNotFound as err:
            raise ConfigError(f"arquivo do modelo ausente: {err.name}") from None
        except UndefinedError as err:
            raise BusinessError(f"dado ausente para o modelo {template_id}: {err.message}") from None
        return Draft(
            document_type=info.document_type,
            template_id=info.id,
            template_version=info.version,
            title=info.title,
            body=body,
            body_format="html",
            ai_footer=footer,
            attach=info.attach,
        )
