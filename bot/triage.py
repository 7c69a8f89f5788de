"""Triage entry points used by the CLI and the demo."""

from __future__ import annotations

from bot.browser import BrowserSession
from bot.pages.painel import TaskCount
from bot.pje import PJe
from bot.settings import Settings


def read_zone_tasks(
    settings: Settings, *, zone: int, run_id: str, cpf: str, password: str
) -> list[TaskCount]:
    """Log in as the designated servant, select the zone profile and read the painel's tasks."""
    with BrowserSession(settings.browser, settings.pje, settings.artifacts_dir) as browser:
        with browser.unit(run_id, f"zona-{zone}") as unit:
            pje = PJe(unit.page, settings.pje, cpf=cpf, password=password)
            pje.login()
            pje.select_zone(zone)
            return pje.tasks()
