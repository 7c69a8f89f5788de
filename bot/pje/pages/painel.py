"""The header's profile select and the painel do usuário inside ``iframe#ngFrame``."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from playwright.sync_api import FrameLocator, Locator
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from bot.core.errors import BusinessError, PageTimeout
from bot.pje.browser import playwright_errors
from bot.pje.pages.base import ALERT, PJePage
from bot.vocabulary.domain import zone_label

PAINEL_PATH = "/pje/ng2/dev.seam#/painel-usuario-interno"
PROFILE_LABEL = "Localização/Papel"


@dataclass(frozen=True)
class TaskCount:
    name: str
    count: int


@dataclass(frozen=True)
class ProcessCard:
    """A process as the painel lists it."""

    number: str
    process_class: str  # "PCE", "PCA", "DRAP", "RRC" ...
    task: str
    task_id: int  # PJe's task instance (newTaskId); changes when the process moves on
    parties: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()


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
        return self._select_zone(zone, role)

    def _select_zone(self, zone: int, role: str) -> str:
        with playwright_errors(step="perfil"):
            missing = not self.page.get_by_label(PROFILE_LABEL).count()
        if missing or self._shows_error():
            self.goto(PAINEL_PATH, step="perfil")  # PJe's error banner replaced the page: reload it
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

    def _shows_error(self) -> bool:
        with playwright_errors(step="perfil"):
            return (
                self.page.locator(ALERT).count() > 0
                or self.page.get_by_test_id("sessao-expirada").count() > 0
            )


class PainelPage(PJePage):
    """Painel do usuário interno: pending tasks with their counts."""

    @property
    def _frame(self) -> FrameLocator:
        return self.page.frame_locator("iframe#ngFrame")

    def open(self) -> None:
        self.goto(PAINEL_PATH, step="painel")

    def tasks(self) -> list[TaskCount]:
        """Read the pending tasks and their counts, in the order PJe lists them."""
        return self._read_tasks()

    def processes_in_task(
        self, task: str, *, enough: Callable[[list[ProcessCard]], bool] | None = None
    ) -> list[ProcessCard]:
        """Every process the painel lists under ``task`` (duplicates dropped), page after page until
        the last one or until ``enough(cards so far)`` holds (asked after each page, the last one too,
        so a caller may also take each page's cards as they come)."""
        return self._list_task(task, enough)

    def search(self, query: str) -> list[ProcessCard]:
        """The painel's search (number or party); PJe may return extra processes – callers filter."""
        return self._search(query)

    def _list_task(self, task: str, enough: Callable[[list[ProcessCard]], bool] | None) -> list[ProcessCard]:
        self.open()
        with playwright_errors(step=f"tarefa '{task}'"):
            frame = self._frame
            frame.locator("#divTarefasPendentes").wait_for(state="visible")
            link = frame.locator(f"#divTarefasPendentes .menuItem a[title={_css_string(task)}]")
            if not link.count():
                return []
            link.first.click()
            return self._read_all_pages(frame, task, enough)

    def _search(self, query: str) -> list[ProcessCard]:
        self.open()
        with playwright_errors(step="pesquisa de processo"):
            self._frame.get_by_label("Pesquisar processo").fill(query)
            handle = self.page.locator("iframe#ngFrame").element_handle()
            frame = handle.content_frame() if handle else None
            if frame is None:
                raise PageTimeout("painel sem o frame ngFrame", step="pesquisa de processo")
            for attempt in range(3):  # the click may be swallowed: no navigation follows
                try:
                    with frame.expect_navigation(wait_until="domcontentloaded", timeout=4_000):
                        self._frame.get_by_role("button", name="Pesquisar").click()
                    break
                except PlaywrightTimeout:
                    if attempt == 2:
                        raise
            self.raise_for_pje_errors(self._frame, step="pesquisa de processo")
            return self._read_all_pages(self._frame, "")

    def _read_all_pages(
        self, frame: FrameLocator, task: str, enough: Callable[[list[ProcessCard]], bool] | None = None
    ) -> list[ProcessCard]:
        # A stale list (the previous task's, aria-busy) may stay in the DOM: wait for the fresh one.
        lista = frame.locator(f"#listaProcessos[data-tarefa={_css_string(task)}][aria-busy='false']")
        lista.wait_for(state="attached")
        self.raise_for_pje_errors(frame, step="lista de processos")
        cards: dict[str, ProcessCard] = {}
        while True:
            for parsed in _parse_cards(lista.get_by_test_id("processo-card")):
                cards.setdefault(parsed.number, parsed)
            done = enough is not None and enough(list(cards.values()))  # asked after every page
            nxt = lista.locator("a[rel=next]")
            if done or not nxt.count():
                break
            current = lista.get_by_test_id("pagina-atual").inner_text()
            nxt.click()
            m = re.search(r"Página (\d+)", current)
            following = int(m.group(1)) + 1 if m else 0
            frame.get_by_test_id("pagina-atual").filter(has_text=f"Página {following} de").wait_for(
                state="attached"
            )
            lista = frame.locator(f"#listaProcessos[data-tarefa={_css_string(task)}][aria-busy='false']")
        return list(cards.values())

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


# One round trip for a whole page of cards (reading each field by locator costs one per field).
_READ_CARDS = """cards => cards.map(card => {
    const byId = id => card.querySelector(`[data-testid="${id}"]`);
    const text = el => (el ? el.innerText : "").trim();
    const items = id => Array.from(byId(id)?.querySelectorAll("li") ?? []).map(text);
    const link = card.querySelector("a.numero-processo");
    return {number: text(link), href: link?.getAttribute("href") ?? "", classe: text(byId("classe")),
            task: text(byId("tarefa")), parties: items("partes"), tags: items("etiquetas")};
})"""


def _parse_cards(cards: Locator) -> list[ProcessCard]:
    out = []
    for raw in cards.evaluate_all(_READ_CARDS):
        task_id = re.search(r"newTaskId=(\d+)", raw["href"])
        cls = re.search(r"\(([A-Z]+)\)\s*$", raw["classe"])
        out.append(
            ProcessCard(
                number=raw["number"],
                process_class=cls.group(1) if cls else raw["classe"],
                task=raw["task"],
                task_id=int(task_id.group(1)) if task_id else 0,
                parties=tuple(raw["parties"]),
                tags=tuple(raw["tags"]),
            )
        )
    return out


def _css_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
