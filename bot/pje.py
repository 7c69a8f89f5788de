"""The bot's view of one PJe session: log in as the designated servant, pick a zone, read and write.

Composes the page objects and adds the cross-page behaviour real PJe demands: when the session
expires mid-task, log in again transparently (once per operation) and retry. Everything here returns
domain data; routines and the executor never see a selector.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from loguru import logger
from playwright.sync_api import Page
from tenacity import Retrying, retry_if_exception_type, stop_after_attempt, wait_exponential_jitter

from bot import cpf as cpf_mod
from bot.documents import extract, html_to_text
from bot.errors import BusinessError, SessionExpired, TransientError
from bot.pages.autos import AutosPage, DocumentRow
from bot.pages.login import LoginPage
from bot.pages.painel import PainelPage, ProcessCard, ProfileSelector, TaskCount
from bot.pages.tarefa import DraftState, Expediente, TaskHeader, TaskPage
from bot.proposals import CommunicationPlan, Draft, MovementPlan
from bot.settings import PJeSettings
from routines.base import DocumentText, ProcessSnapshot

T = TypeVar("T")
ALL_PANELS = ("etiquetas", "movimentos", "comunicacao", "minutar")

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
        chosen = self.profile.select_zone(zone)
        self.zone = zone
        logger.info("perfil selecionado: {}", chosen)
        return chosen

    def relogin(self) -> None:
        """Log in again after an expired session and return to the same zone profile."""
        logger.warning("sessão expirada; novo login")
        self.login()
        if self.zone is not None:
            self.select_zone(self.zone)

    def with_session(self, action: Callable[[], T]) -> T:
        """Run ``action`` (a read, or an ensure-semantics write: both safe to repeat).

        On an expired session log in again at once; on other transient failures (PJe's "Erro
        inesperado", timeouts) retry with capped exponential backoff, ``settings.retries`` attempts.
        """
        relogins = 0
        for attempt in Retrying(
            retry=retry_if_exception_type(TransientError),
            stop=stop_after_attempt(max(1, self.settings.retries) + 2),
            wait=wait_exponential_jitter(multiplier=0.25, max=4.0),
            reraise=True,
        ):
            with attempt:
                try:
                    return action()
                except SessionExpired:
                    relogins += 1
                    if relogins > 2:
                        raise
                    self.relogin()
                    raise
        raise AssertionError("unreachable")  # pragma: no cover

    # -- painel ------------------------------------------------------------------------------------
    def tasks(self) -> list[TaskCount]:
        def read() -> list[TaskCount]:
            self.painel.open()
            return self.painel.tasks()

        return self.with_session(read)

    def processes_in_task(self, task: str, *, limit: int | None = None) -> list[ProcessCard]:
        cards = self.with_session(lambda: self.painel.processes_in_task(task))
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
        """Header, parties and documents of a process; the text of the latest document of each type read."""
        return self.with_session(lambda: self._snapshot(card, {str(r) for r in reads}))

    def _snapshot(self, card: ProcessCard, reads: set[str]) -> ProcessSnapshot:
        header = self.task_page.open(card.task_id, process=card.number)
        if header.number != card.number:
            raise BusinessError(
                f"o PJe abriu o processo {header.number} em vez de {card.number}", process=card.number
            )
        self.autos.open(header.autos_href, process=card.number)
        parties = self.autos.parties()
        rows = self.autos.documents(process=card.number)
        latest: dict[str, DocumentRow] = {}
        for row in rows:
            if row.type in reads:
                latest[row.type] = row  # rows are oldest first; routines check signatures they need
        documents = []
        for row in rows:
            if latest.get(row.type) is row:
                download = self.autos.download(row, process=card.number)
                text = extract(download.content, download.content_type)
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

    def signed_documents(self, state: ProcessState, doc_type: str) -> list[tuple[str, str]]:
        """(id, text) of the signed documents of ``doc_type`` in the autos, oldest first."""

        def read() -> list[tuple[str, str]]:
            self.autos.open(state.autos_href, process=state.number)
            out = []
            for row in self.autos.documents(process=state.number):
                if row.type == doc_type and row.signed:
                    download = self.autos.download(row, process=state.number)
                    out.append((row.id, extract(download.content, download.content_type).text or ""))
            return out

        return self.with_session(read)

    def process_state(
        self, number: str, panels: tuple[str, ...] = ALL_PANELS, *, task_id_hint: int | None = None
    ) -> ProcessState:
        """The process's task and what the named panels show (the others stay empty).

        ``task_id_hint``: the task id seen at triage; used when it still opens this process, else the
        painel's search finds the current one (the id changes whenever the process moves).
        """

        def locate() -> TaskHeader:
            if task_id_hint:
                try:
                    header = self.task_page.open(task_id_hint, process=number)
                    if header.number == number:
                        return header
                except BusinessError:
                    pass  # "tarefa não encontrada ou já movimentada": search for the current one
            return self.task_page.open(self.find(number).task_id, process=number)

        def read() -> ProcessState:
            header = locate()
            shown = self.task_page.panels(panels, process=number)
            return ProcessState(
                number=number, task_id=header.task_id, task=header.task, autos_href=header.autos_href,
                tags=shown.tags, movement_codes=shown.movement_codes, expedientes=shown.expedientes,
                draft=shown.draft,
            )  # fmt: skip

        return self.with_session(read)

    # -- writes (each one checks PJe first; see bot.pages.tarefa) --------------------------------
    def _on_task(self, state: ProcessState, action: Callable[[], T]) -> T:
        def run() -> T:
            self.task_page.task_id = state.task_id  # each write opens the panel it needs
            return action()

        return self.with_session(run)

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
