"""The executor: carries out approved actions in PJe, exactly once.

The first law is checked twice: :func:`bot.queue.approvals.assert_executable` before the item enters
EXECUTING (the transition guard) and again right before the first write. Before every write the
executor reads PJe's own state and skips what is already there (the draft saved, the tag applied, the
movement launched, the communication prepared, the process moved on), so a crash at any point
followed by a restart never duplicates anything. Items found in EXECUTING (a crash) are resumed.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from loguru import logger
from playwright.sync_api import Browser

from bot.config.settings import Settings
from bot.core import hashing
from bot.core.documents import html_to_text
from bot.core.errors import BotError, BusinessError, ConfigError
from bot.pje.browser import BrowserSession, Unit
from bot.pje.facade import PJe, ProcessState, same_text
from bot.pje.pool import run_workers
from bot.queue import audit, workitems
from bot.queue.approvals import NotExecutable, assert_executable, claim_for_execution
from bot.queue.db import Database
from bot.queue.runs import new_run_id
from bot.queue.workitems import IllegalTransition, State
from bot.vocabulary.actions import ProposedAction

EXECUTE_OWNER = "jano-execute"


@dataclass
class ExecutionResult:
    item: str
    process: str
    state: str
    steps: list[str] = field(default_factory=list)
    reason: str | None = None


def contains_text(document_text: str, act_html: str) -> bool:
    """Whether a document PJe serves (with its own header and signature footer) carries this act."""
    return " ".join(html_to_text(act_html).split()) in " ".join(document_text.split())


def panels_for(action: ProposedAction) -> tuple[str, ...]:
    """The task panels whose state the action's writes depend on (read once, before writing).

    In the reverse of the writes' order (draft, tags, movements, communications): the panel read
    last is the one the first write needs, so that write starts without loading it again.
    """
    wanted = {
        "comunicacao": bool(action.communications),
        "movimentos": bool(action.movements),
        "etiquetas": bool(action.tags),
        "minutar": action.draft is not None and not action.draft.attach,
    }
    return tuple(name for name, needed in wanted.items() if needed)


class Executor:
    """Executes approved items of the project's queue against PJe."""

    def __init__(
        self,
        settings: Settings,
        *,
        db: Database,
        browser: Browser | None = None,
    ) -> None:
        self.settings = settings
        self.db = db
        self.cpf, self.password = settings.require_pje()
        self._browser = browser

    def pending(self, zone: int | None = None) -> list[int]:
        with self.db.session() as session:
            items = workitems.list_items(session, zone=zone, state=State.APPROVED)
            items += workitems.list_items(session, zone=zone, state=State.EXECUTING)
            return sorted(i.id for i in items)

    def run(
        self,
        zone: int | None = None,
        *,
        concurrency: int = 1,
        on_result: Callable[[ExecutionResult], None] | None = None,
    ) -> list[ExecutionResult]:
        """Execute every approved (or interrupted) item, ``concurrency`` workers at a time.

        One Playwright + Chromium for the run; the workers are greenlets (:mod:`bot.pje.pool`),
        each in its own browser context. When every item is in one zone, the workers share one PJe
        login (the zone profile belongs to the session); otherwise each logs in on its own, since
        switching zones in a shared session would switch them for every worker.
        """
        if concurrency < 1:
            raise ConfigError("--concurrency deve ser pelo menos 1")
        ids = self.pending(zone)
        if not ids:
            return []
        run_id = new_run_id()
        work: queue.Queue[tuple[int, int]] = queue.Queue()
        with self.db.session() as session:
            jobs = sorted((workitems.get_item(session, item_id).zone, item_id) for item_id in ids)
        for job in jobs:
            work.put(job)
        results: list[ExecutionResult] = []
        lock = threading.Lock()

        def record(result: ExecutionResult) -> None:
            with lock:
                results.append(result)
            if on_result:
                on_result(result)

        count = min(concurrency, len(jobs))
        zones = {job_zone for job_zone, _ in jobs}
        session_browser = BrowserSession(
            self.settings.browser, self.settings.pje, self.settings.artifacts_dir, browser=self._browser,
        )  # fmt: skip
        with session_browser as browser, browser.unit(run_id, "executar-0") as first:
            pje = PJe(first.page, self.settings.pje, cpf=self.cpf, password=self.password)
            pje.login()
            cookies = None
            if len(zones) == 1 and count > 1:
                pje.select_zone(jobs[0][0])
                cookies = first.context.storage_state()

            def worker(index: int) -> None:
                if index == 0:
                    self._work(browser, first, pje, run_id, work, record)
                    return
                if work.empty():
                    return
                with browser.unit(run_id, f"executar-{index}", storage_state=cookies) as unit:
                    own = PJe(unit.page, self.settings.pje, cpf=self.cpf, password=self.password)
                    if cookies is not None:
                        own.zone = jobs[0][0]  # logged in through the shared session, zone chosen
                    self._work(browser, unit, own, run_id, work, record, logged_in=cookies is not None)

            run_workers(browser.browser, count, worker)
        return results

    def _work(
        self,
        browser: BrowserSession,
        unit: Unit,
        pje: PJe,
        run_id: str,
        work: queue.Queue[tuple[int, int]],
        record: Callable[[ExecutionResult], None],
        *,
        logged_in: bool = True,
    ) -> None:
        while True:
            try:
                item_zone, item_id = work.get_nowait()
            except queue.Empty:
                return
            pje = pje.on(browser.page_of(unit))  # the unit's page (a new one if a crash closed it)
            if not logged_in:
                pje.login()
                logged_in = True
            if pje.zone != item_zone:
                pje.select_zone(item_zone)
            try:
                with browser.item(unit, f"item-{item_id}") as item:
                    result = self.execute_one(item_id, pje.on(item.page), artifacts=item.artifacts)
                    item.failed = result.state == State.FAILED.value
            except (NotExecutable, IllegalTransition) as err:
                logger.warning("item {} não executado: {}", item_id, err)
                continue
            record(result)

    def execute_one(
        self, item_id: int, pje: PJe, *, owner: str = EXECUTE_OWNER, artifacts: Path | None = None
    ) -> ExecutionResult:
        """Execute one approved item; item-level failures are recorded, not raised.

        Raises:
            NotExecutable: no live approval of the current proposal (nothing was written).
            IllegalTransition: another owner is executing the item.
        """
        with self.db.session() as session:
            # The first law, before anything else: claim re-checks the approval of this exact payload.
            action = claim_for_execution(session, item_id, owner=owner)
            item = workitems.get_item(session, item_id)
            code, process = item.code, item.process
        log = logger.bind(item=code, zone=action.zone)
        result = ExecutionResult(item=code, process=process, state=State.EXECUTING.value)
        try:
            self._steps(item_id, action, pje, result)
        except BusinessError as err:
            return self._end(item_id, result, State.MANUAL, f"{err}")
        except BotError as err:
            log.warning("falha ao executar: {}", err)
            trace = {"trace_path": str(artifacts)} if artifacts else {}
            return self._end(item_id, result, State.FAILED, f"{type(err).__name__}: {err}", trace)
        return self._end(item_id, result, State.DONE, None)

    def _steps(self, item_id: int, action: ProposedAction, pje: PJe, result: ExecutionResult) -> None:
        hint = action.meta.notes.get("pje_task_id")
        state = pje.process_state(
            action.process, panels_for(action), task_id_hint=int(hint) if hint else None
        )
        if state.task != action.task:
            if action.transition and state.task == action.transition:
                self._step(item_id, result, "transition", "already", {"task": state.task})
                return  # the last step was done before a crash: everything before it was too
            raise BusinessError(
                f"o processo está na tarefa '{state.task}', não em '{action.task}': proposta desatualizada",
                process=action.process,
            )
        document_id = self._draft(item_id, action, pje, state, result) if action.draft is not None else None
        for tag in action.tags:
            if tag in state.tags:
                self._step(item_id, result, f"tag:{tag}", "already", {})
                continue
            self._recheck(item_id)
            pje.add_tag(state, tag)
            self._step(item_id, result, f"tag:{tag}", "done", {})
        for movement in action.movements:
            if movement.code in state.movement_codes:
                self._step(item_id, result, f"movement:{movement.code}", "already", {})
                continue
            self._recheck(item_id)
            pje.launch_movement(state, movement)
            self._step(item_id, result, f"movement:{movement.code}", "done", {})
        for plan in action.communications:
            linked = document_id if plan.linked_document == "draft" else plan.linked_document
            if linked is None:
                raise BusinessError("comunicação sem documento vinculado", process=action.process)
            if state.has_communication(str(plan.channel), linked):
                self._step(
                    item_id, result, f"communication:{plan.channel}", "already", {"document_id": linked}
                )
                continue
            self._recheck(item_id)
            pje.prepare_communication(state, plan, linked)
            self._step(item_id, result, f"communication:{plan.channel}", "done", {"document_id": linked})
        if action.transition:
            self._recheck(item_id)
            pje.transition(state, action.transition)
            self._step(item_id, result, "transition", "done", {"task": action.transition})

    def _draft(
        self, item_id: int, action: ProposedAction, pje: PJe, state: ProcessState, result: ExecutionResult
    ) -> str:
        """Save (or find already saved) the act; returns its PJe document id."""
        draft = action.draft
        assert draft is not None
        if draft.attach:  # signed and attached by the servant: look for it in the autos
            for doc_id, text in pje.signed_documents(state, draft.document_type):
                if contains_text(text, draft.body):
                    self._step(item_id, result, "draft", "already", {"document_id": doc_id})
                    return doc_id
        elif (
            state.draft is not None
            and state.draft.doc_type == draft.document_type
            and same_text(state.draft.body, draft.body)
        ):
            self._step(item_id, result, "draft", "already", {"document_id": state.draft.id})
            return state.draft.id
        self._recheck(item_id)
        saved = pje.save_draft(state, draft)
        if saved is None:
            found = [
                d
                for d, text in pje.signed_documents(state, draft.document_type)
                if contains_text(text, draft.body)
            ]
            if not found:
                raise BusinessError("o ato juntado não aparece nos autos", process=action.process)
            saved = found[-1]
        record = {
            "document_id": saved,
            "template": draft.template_id,
            "template_version": draft.template_version,
            "ai_footer": draft.ai_footer,
            # PJe records the logged-in servant as the author; the audit keeps a keyed pseudonym.
            "author": hashing.pseudonymize(self.cpf, self.settings.logging.pseudonym_key.get_secret_value()),
        }
        self._step(item_id, result, "draft", "done", record)
        return saved

    def _recheck(self, item_id: int) -> None:
        """The first law right before a write: the approval must still be live (not voided by an edit)."""
        with self.db.session() as session:
            assert_executable(session, workitems.get_item(session, item_id))

    def _step(
        self, item_id: int, result: ExecutionResult, step: str, status: str, data: dict[str, Any]
    ) -> None:
        result.steps.append(f"{step}={status}")
        with self.db.session() as session:
            audit.append(
                session,
                actor="bot",
                event="execute_step",
                item_id=item_id,
                data={"step": step, "status": status, **data},
            )

    def _end(
        self,
        item_id: int,
        result: ExecutionResult,
        state: State,
        reason: str | None,
        extra: dict[str, Any] | None = None,
    ) -> ExecutionResult:
        with self.db.session() as session:
            item = workitems.get_item(session, item_id)
            data = {"steps": result.steps, **(extra or {})}
            workitems.transition(session, item, state, actor="bot", reason=reason, data=data)
        result.state, result.reason = state.value, reason
        return result


def execute_approved(
    settings: Settings, zone: int | None = None, concurrency: int = 1
) -> list[ExecutionResult]:
    """Entry point of ``jano execute``: execute every approved (or interrupted) item."""
    db = Database.from_settings(settings)
    try:
        return Executor(settings, db=db).run(zone, concurrency=concurrency)
    finally:
        db.dispose()


__all__ = ["ExecutionResult", "Executor", "ProcessState", "execute_approved"]
