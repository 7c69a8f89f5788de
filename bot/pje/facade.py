"""The bot's view of one PJe session: log in as the designated servant, pick a zone, read and write.

Composes the page objects and adds the cross-page behaviour real PJe demands: when the session
expires mid-task, log in again transparently (once per operation) and retry. Everything here returns
domain data; routines and the executor never see a selector.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from typing import TypeVar

from loguru import logger
from playwright.sync_api import Page

from bot.config.settings import PJeSettings
from bot.core import cpf as cpf_mod
from bot.core.documents import extract, html_to_text
from bot.core.errors import BusinessError
from bot.core.retry import RetryPolicy
from bot.pje.pages.autos import AutosPage, DocumentRow, Download
from bot.pje.pages.login import LoginPage
from bot.pje.pages.painel import PainelPage, ProcessCard, ProfileSelector, TaskCount
from bot.pje.pages.tarefa import DraftState, Expediente, TaskHeader, TaskPage
from bot.pje.pool import gather, pause
from bot.vocabulary.actions import CommunicationPlan, Draft, MovementPlan
from bot.vocabulary.domain import Panel
from bot.vocabulary.snapshot import DocumentText, ProcessSnapshot

T = TypeVar("T")
ALL_PANELS = (Panel.COMUNICACAO, Panel.MOVIMENTOS, Panel.ETIQUETAS, Panel.MINUTAR)
LIGHT_PANEL = Panel.ETIQUETAS  # every task has it, and it loads no editor

__all__ = ["PJe", "ProcessCard", "ProcessState"]


@dataclass
class ProcessState:
    """What PJe shows about a process right now: what the executor checks before each write."""

    number: str
    task_id: int
    task: str
    autos_href: str
    tags: list[str] = field(default_factory=list)
    movement_codes: list[int] = field(default_factory=list)
    expedientes: list[Expediente] = field(default_factory=list)
    draft: DraftState | None = None

    def has_communication(self, channel: str, document_id: str | None) -> bool:
        return any(
            e.channel == channel and (document_id is None or e.document_id == document_id)
            for e in self.expedientes
        )


def same_text(a: str, b: str) -> bool:
    """Whether two acts say the same thing (PJe's editor may reformat the HTML)."""
    return " ".join(html_to_text(a).split()) == " ".join(html_to_text(b).split())


class PJe:
    """One logged-in PJe session in one browser page."""

    def __init__(
        self, page: Page, settings: PJeSettings, *, cpf: str, password: str, zone: int | None = None
    ) -> None:
        self.page = page
        self.settings = settings
        self._cpf = cpf
        self._password = password
        self.zone: int | None = zone
        self.retry = RetryPolicy.from_settings(settings)
        self.login_page = LoginPage(page, settings)
        self.profile = ProfileSelector(page, settings)
        self.painel = PainelPage(page, settings)
        self.task_page = TaskPage(page, settings)
        self.autos = AutosPage(page, settings)

    def on(self, page: Page) -> PJe:
        """The same session (cookies are per context) driving another page of the context."""
        return PJe(page, self.settings, cpf=self._cpf, password=self._password, zone=self.zone)

    # -- session ---------------------------------------------------------------------------------
    def login(self) -> None:
        logger.info("login no PJe como {}", cpf_mod.mask(self._cpf))
        self.login_page.login(self._cpf, self._password)

    def select_zone(self, zone: int) -> str:
        """Choose the zone's profile (under the retry policy; an expired session logs in again)."""
        chosen = self.retry.run(lambda: self._choose_zone(zone), sleep=self._pause, on_expired=self.login)
        return chosen

    def _choose_zone(self, zone: int) -> str:
        chosen = self.profile.select_zone(zone)
        self.zone = zone
        logger.info("perfil selecionado: {}", chosen)
        return chosen

    def relogin(self) -> None:
        """Log in again after an expired session and return to the same zone profile."""
        logger.warning("sessão expirada; novo login")
        self.login()
        if self.zone is not None:
            self._choose_zone(self.zone)

    def with_session(self, action: Callable[[], T]) -> T:
        """Run ``action`` (a read: safe to repeat) under the retry policy, the only layer that retries it.

        On an expired session log in again at once; on other transient failures (PJe's "Erro
        inesperado", timeouts) retry with capped exponential backoff: see :mod:`bot.core.retry` for
        the budget.
        """
        return self.retry.run(
            action,
            sleep=self._pause,
            on_expired=self.relogin,
            on_retry=lambda n: logger.debug("tentativa {} da leitura", n),
        )

    def _relogging(self, action: Callable[[], T]) -> T:
        """Run ``action`` (a write whose ensure loop retries transient failures itself), logging in
        again after an expired session only."""
        return self.retry.run(action, sleep=self._pause, on_expired=self.relogin, transient=False)

    def _pause(self, seconds: float) -> None:
        pause(self.page, seconds)  # the other lanes go on meanwhile

    # -- painel ------------------------------------------------------------------------------------
    def tasks(self) -> list[TaskCount]:
        def read() -> list[TaskCount]:
            self.painel.open()
            return self.painel.tasks()

        return self.with_session(read)

    def processes_in_task(
        self,
        task: str,
        *,
        limit: int | None = None,
        accept: Callable[[ProcessCard], bool] | None = None,
        on_page: Callable[[list[ProcessCard]], None] | None = None,
    ) -> list[ProcessCard]:
        """The processes in ``task`` that ``accept`` takes, the first ``limit`` of them (the painel's
        pages are read only as far as needed). ``on_page`` gets the accepted cards so far (at most
        ``limit``) after each page, so work can start before the listing ends."""

        def wanted(cards: list[ProcessCard]) -> list[ProcessCard]:
            """Accepted cards, each process once (a list PJe re-renders may show a card twice)."""
            seen: set[str] = set()
            out = []
            for card in cards:
                if card.number not in seen and (accept is None or accept(card)):
                    seen.add(card.number)
                    out.append(card)
            return out

        def enough(cards: list[ProcessCard]) -> bool:
            taken = wanted(cards)
            if on_page is not None:
                on_page(taken[:limit] if limit else taken)
            return bool(limit) and len(taken) >= (limit or 0)

        cards = wanted(self.with_session(lambda: self.painel.processes_in_task(task, enough=enough)))
        return cards[:limit] if limit else cards

    def find(self, number: str) -> ProcessCard:
        """The process's card (current task and task id) through the painel's search.

        Raises:
            BusinessError: the process is not in this zone's painel.
        """
        cards = [c for c in self.with_session(lambda: self.painel.search(number)) if c.number == number]
        if not cards:
            raise BusinessError("processo não encontrado no painel da zona", process=number)
        return cards[0]

    # -- reading a process -------------------------------------------------------------------------------
    def snapshot(self, card: ProcessCard, *, reads: Iterable[str]) -> ProcessSnapshot:
        """Header, parties and documents of a process; the text of the latest document of each type read.

        Two operations, each retried on its own: the task and autos pages, then the downloads.
        """
        wanted_types = {str(r) for r in reads}
        header, parties, rows = self.with_session(lambda: self._autos_of(card))
        latest: dict[str, DocumentRow] = {}
        for row in rows:
            if row.type in wanted_types:
                latest[row.type] = row  # rows are oldest first; routines check signatures they need
        wanted = list(latest.values())
        downloads = self._downloads(wanted, process=card.number)
        texts = {row.id: extract(d.content, d.content_type) for row, d in zip(wanted, downloads, strict=True)}
        documents = []
        for row in rows:
            text = texts.get(row.id) if latest.get(row.type) is row else None
            if text is not None:
                documents.append(
                    DocumentText(
                        row.id, row.type, row.title, row.signed, text.text, text.sha256, text.problem
                    )
                )
            else:
                documents.append(DocumentText(row.id, row.type, row.title, row.signed, None, "", "não lido"))
        year = card.number.split(".")[1] if "." in card.number else ""
        return ProcessSnapshot(
            number=header.number,
            process_class=header.process_class,
            zone=self.zone or 0,
            task=header.task,
            parties=tuple(parties),
            tags=card.tags,
            documents=tuple(documents),
            facts={"ano": year},
        )

    def _autos_of(self, card: ProcessCard) -> tuple[TaskHeader, list[str], list[DocumentRow]]:
        header = self.task_page.open(card.task_id, LIGHT_PANEL, process=card.number)
        if header.number != card.number:
            raise BusinessError(
                f"o PJe abriu o processo {header.number} em vez de {card.number}", process=card.number
            )
        self.autos.open(header.autos_href, process=card.number)
        return header, self.autos.parties(), self.autos.documents(process=card.number)

    def _downloads(self, rows: list[DocumentRow], *, process: str) -> list[Download]:
        """The documents' bytes, all at once (the browser's requests overlap while PJe answers).

        Each download is its own operation under the policy: a failed download is tried again alone
        (the autos are not read again), and an expired session logs in again before the downloads go on.
        """
        calls = [partial(self.autos.download, row, process=process) for row in rows]
        retried = [partial(self.retry.run, call, sleep=self._pause) for call in calls]
        return self._relogging(lambda: gather(self.page, retried))

    def signed_documents(self, state: ProcessState, doc_type: str) -> list[tuple[str, str]]:
        """(id, text) of the signed documents of ``doc_type`` in the autos, oldest first."""

        def read() -> list[DocumentRow]:
            self.autos.open(state.autos_href, process=state.number)
            return [r for r in self.autos.documents(process=state.number) if r.type == doc_type and r.signed]

        rows = self.with_session(read)
        downloads = self._downloads(rows, process=state.number)
        return [
            (row.id, extract(d.content, d.content_type).text or "")
            for row, d in zip(rows, downloads, strict=True)
        ]

    def process_state(
        self, number: str, panels: tuple[str, ...] = ALL_PANELS, *, task_id_hint: int | None = None
    ) -> ProcessState:
        """The process's task and what the named panels show (the others stay empty).

        ``task_id_hint``: the task id seen at triage; used when it still opens this process, else the
        painel's search finds the current one (the id changes whenever the process moves). The task
        opens on the first panel named (the lightest one when none is), and the page is left on the
        last one.
        """
        first = panels[0] if panels else LIGHT_PANEL

        def locate() -> TaskHeader:
            if task_id_hint:
                try:
                    header = self.task_page.open(task_id_hint, first, process=number)
                    if header.number == number:
                        return header
                except BusinessError:
                    pass  # "tarefa não encontrada ou já movimentada": search for the current one
            return self.task_page.open(self.find(number).task_id, first, process=number)

        def read() -> ProcessState:
            header = locate()
            shown = self.task_page.panels(panels, process=number)
            return ProcessState(
                number=number, task_id=header.task_id, task=header.task, autos_href=header.autos_href,
                tags=shown.tags, movement_codes=shown.movement_codes, expedientes=shown.expedientes,
                draft=shown.draft,
            )  # fmt: skip

        return self.with_session(read)

    # -- writes (each one checks PJe first; see bot.pje.pages.tarefa) --------------------------------
    def _on_task(self, state: ProcessState, action: Callable[[], T]) -> T:
        def run() -> T:
            self.task_page.task_id = state.task_id  # each write opens the panel it needs
            return action()

        return self._relogging(run)

    def save_draft(self, state: ProcessState, draft: Draft) -> str | None:
        return self._on_task(
            state,
            lambda: self.task_page.save_draft(
                draft.document_type,
                draft.body,
                attach=draft.attach,
                matches=lambda body: same_text(body, draft.body),
                process=state.number,
            ),  # fmt: skip
        )

    def add_tag(self, state: ProcessState, tag: str) -> None:
        self._on_task(state, lambda: self.task_page.ensure_tag(tag, process=state.number))

    def launch_movement(self, state: ProcessState, movement: MovementPlan) -> None:
        self._on_task(
            state,
            lambda: self.task_page.ensure_movement(
                movement.code, dict(movement.complementos), process=state.number
            ),
        )

    def prepare_communication(self, state: ProcessState, plan: CommunicationPlan, document_id: str) -> None:
        self._on_task(
            state,
            lambda: self.task_page.ensure_communication(
                str(plan.channel),
                tuple(plan.addressees),
                plan.deadline_days,
                document_id,
                process=state.number,
            ),
        )

    def transition(self, state: ProcessState, target: str) -> None:
        self._on_task(state, lambda: self.task_page.ensure_transition(target, process=state.number))
