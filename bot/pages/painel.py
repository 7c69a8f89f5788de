"""The header's profile select and the painel do usuário inside ``iframe#ngFrame``."""

from __future__ import annotations

import re
from dataclasses import dataclass

from playwright.sync_api import FrameLocator

from bot.browser import playwright_errors
from bot.errors import BusinessError
from bot.pages.base import PJePage
from bot.pje_domain import zone_label

PAINEL_PATH = "/pje/ng2/dev.seam#/painel-usuario-interno"
PROFILE_LABEL = "Localização/Papel"


@dataclass(frozen=True)
class TaskCount:
    name: str
    count: int


class ProfileSelector(PJePage):
    """The "Localização/Papel" select in the header of every logged-in page."""

    def profiles(self) -> list[str]:
        with playwright_errors(step="perfis"):
            select = self.page.get_by_label(PROFILE_LABEL)
            return [t.strip() for t in select.locator("option").all_inner_texts()]

    def current(self) -> str:
        with playwright_errors(step="perfil atual"):
            return self.page.locator("#perfil-atual").inner_text().strip()

    def select_zone(self, zone: int, role: str = "Servidor") -> str:
        """Switch to ``<zone>ª Zona Eleitoral – <role>``; returns the profile chosen.

        Raises:
            BusinessError: the logged-in user has no such profile.
        """
        wanted = zone_label(zone)
        pattern = re.compile(rf"^{re.escape(wanted)}\b.*{re.escape(role)}", re.I)
        options = [p for p in self.profiles() if pattern.search(p)]
        if not options:
            raise BusinessError(f"o usuário não tem o perfil '{wanted} – {role}' no PJe", step="perfil")
        if self.current() == options[0]:
            return options[0]
        with playwright_errors(step="perfil"):
            with self.page.expect_navigation(wait_until="domcontentloaded"):
                self.page.get_by_label(PROFILE_LABEL).select_option(label=options[0])
        self.raise_for_pje_errors(self.page, step="perfil")
        return options[0]


class PainelPage(PJePage):
    """Painel do usuário interno: pending tasks with their counts."""

    @property
    def _frame(self) -> FrameLocator:
        return self.page.frame_locator("iframe#ngFrame")

    def open(self) -> None:
        self.goto(PAINEL_PATH, step="painel")

    def tasks(self) -> list[TaskCount]:
        """Read the pending tasks and their counts, in the order PJe lists them."""
        return self.retrying(self._read_tasks, step="tarefas do painel")

    def _read_tasks(self) -> list[TaskCount]:
        with playwright_errors(step="tarefas do painel"):
            frame = self._frame
            frame.locator("#divTarefasPendentes").wait_for(state="visible")
            self.raise_for_pje_errors(frame, step="tarefas do painel")
            result: list[TaskCount] = []
            for item in frame.locator("#divTarefasPendentes .menuItem a[title]").all():
                name = (item.get_attribute("title") or "").strip()
                count_text = item.locator(".quantidadeTarefa").inner_text().strip()
                result.append(TaskCount(name=name, count=int(re.sub(r"\D", "", count_text) or 0)))
            return result
