"""Durable execution of work items with DBOS Transact (embedded SQLite by default).

One DBOS workflow per item, id ``jano-item-<id>``::

    read + propose (step, injected)  →  durable wait for a decision (DBOS.recv "approval", looping on
    timeouts and on edits that void an approval)  →  begin (APPROVED → EXECUTING, first law re-checked)
    →  execute (step, injected)  →  DONE  (or MANUAL / FAILED with the reason)

The project's tables stay the source of truth: a message only wakes the workflow, which then reads the
item's state in a recorded step. The routine layer and the browser executor are injected as plain
callables (:class:`Hooks`) so the workflow can be tested with fakes and a restarted process resumes
pending workflows with whatever hooks it registers. DBOS is created in :meth:`ItemWorkflows.launch`, never at
import; only the workflow and step *registrations* happen at import, as DBOS requires.

Embedded mode runs one DBOS process per system database (DBOS recovers the pending workflows of its
executor id at launch); the distributed mode points ``JANO_DB__DBOS_SYSTEM_URL`` at PostgreSQL.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dbos import DBOS, DBOSClient, DBOSConfig, SetWorkflowID
from loguru import logger

from bot.core.errors import BotError, BusinessError
from bot.queue import audit
from bot.queue.approvals import NotExecutable, assert_executable, claim_for_execution, execution_owner
from bot.queue.db import Database, sqlite_path, system_database_url
from bot.queue.workitems import IllegalTransition, State, get_item, transition

if TYPE_CHECKING:
    from bot.config.settings import Settings

APPROVAL_TOPIC = "approval"
WORKFLOW_PREFIX = "jano-item-"
# Fixed so a restarted process (even after a code change) recovers the workflows left pending.
APPLICATION_VERSION = "jano-workflows-1"
DEFAULT_APPROVAL_TIMEOUT_S = 3600.0

ReadPropose = Callable[[int], None]
Execute = Callable[[int], None]


@dataclass(frozen=True)
class Hooks:
    """The seams the routine layer and the executor fill in.

    Attributes:
        read_propose: reads PJe for the item and moves it READING → PROPOSED (or MANUAL/FAILED) itself,
            through ``bot.queue.approvals.propose`` / ``bot.queue.workitems.transition``.
        execute: performs the approved action in PJe; must read PJe's state before each write and skip
            what is done (it may run again after a crash). Raising BusinessError sends the item to MANUAL,
            anything else to FAILED (an exception's ``trace_path`` attribute is kept on the item).
    """

    read_propose: ReadPropose
    execute: Execute


def workflow_id(item_id: int) -> str:
    return f"{WORKFLOW_PREFIX}{item_id}"


def _off_loop(call: Callable[[], Any]) -> Any:
    """Run a blocking DBOS call where DBOS accepts it.

    DBOS refuses its sync API while an asyncio loop runs in the calling thread, and sync Playwright
    marks its loop as running between calls (for the whole life of a browser). In that case the call
    runs in a short-lived thread of its own; otherwise here.
    """
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return call()
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="jano-dbos") as pool:
        return pool.submit(call).result()


class ItemWorkflows:
    """DBOS set-up around the project database; one launched instance per process."""

    def __init__(
        self,
        settings: Settings,
        hooks: Hooks,
        *,
        db: Database | None = None,
        approval_timeout_s: float = DEFAULT_APPROVAL_TIMEOUT_S,
        polling_interval_s: float = 0.2,
        executor_id: str | None = None,
    ) -> None:
        self.settings = settings
        self.hooks = hooks
        self.db = db or Database.from_settings(settings)
        self.approval_timeout_s = approval_timeout_s
        self.polling_interval_s = polling_interval_s
        self.executor_id = executor_id
        self.system_url = system_database_url(settings)
        self._launched = False

    def launch(self) -> ItemWorkflows:
        """Create and launch DBOS; pending workflows of this executor are recovered now."""
        global _active
        with _lock:
            if _active is not None and _active is not self:
                raise BotError("já existe um motor DBOS ativo neste processo")
            path = sqlite_path(self.system_url)
            if path is not None:
                path.parent.mkdir(parents=True, exist_ok=True)
            config: DBOSConfig = {
                "name": "jano",
                "system_database_url": self.system_url,
                "application_version": APPLICATION_VERSION,
                "notification_listener_polling_interval_sec": self.polling_interval_s,
                "log_level": "WARNING",
            }
            if self.executor_id:
                config["executor_id"] = self.executor_id
            _active = self
            try:
                DBOS(config=config)
                DBOS.launch()
            except BaseException:
                _active = None
                DBOS.destroy()
                raise
            self._launched = True
        logger.bind(system_db=self.system_url).info("motor DBOS iniciado")
        return self

    def shutdown(self) -> None:
        global _active
        with _lock:
            if self._launched:
                DBOS.destroy()
                self._launched = False
            if _active is self:
                _active = None

    def __enter__(self) -> ItemWorkflows:
        return self.launch()

    def __exit__(self, *exc: object) -> None:
        self.shutdown()

    def start_item(self, item_id: int) -> str:
        """Start (or attach to) the item's workflow; idempotent: one workflow per item."""
        wf_id = workflow_id(item_id)

        def start() -> None:
            with SetWorkflowID(wf_id):
                DBOS.start_workflow(item_workflow, item_id)

        _off_loop(start)
        return wf_id

    def result(self, item_id: int) -> str:
        """Block until the item's workflow ends; its final state."""
        return str(_off_loop(lambda: DBOS.retrieve_workflow(workflow_id(item_id)).get_result()))

    def status(self, item_id: int) -> str | None:
        """DBOS status of the item's workflow (PENDING, SUCCESS, ERROR ...), or None if there is none."""
        status = _off_loop(lambda: DBOS.get_workflow_status(workflow_id(item_id)))
        return status.status if status is not None else None


_lock = threading.Lock()
_active: ItemWorkflows | None = None


def _workflows() -> ItemWorkflows:
    if _active is None:
        raise BotError("motor DBOS não iniciado (ItemWorkflows.launch)")
    return _active


def notify_approval(settings: Settings, item_id: int) -> bool:
    """Wake the item's workflow after a decision (approve, edit, reject); best effort.

    The decision itself is already committed in the project tables; when no workflow waits for this
    item (triage ran without DBOS), nothing is sent and ``jano execute`` picks the item up.

    Returns:
        True when a message was delivered to the system database.
    """
    wf_id = workflow_id(item_id)
    if _active is not None and _active._launched:
        try:
            _off_loop(lambda: DBOS.send(wf_id, {"item_id": item_id}, topic=APPROVAL_TOPIC))
            return True
        except Exception as err:  # a missing workflow is normal
            logger.debug("sem workflow para o item {}: {}", item_id, err)
            return False
    url = system_database_url(settings)
    path = sqlite_path(url)
    if path is not None and not path.exists():
        return False
    client = DBOSClient(system_database_url=url)
    try:
        client.send(wf_id, {"item_id": item_id}, topic=APPROVAL_TOPIC)
        return True
    except Exception as err:  # the decision stands even if no worker listens
        logger.debug("aviso ao workflow do item {} não enviado: {}", item_id, err)
        return False
    finally:
        client.destroy()


# --- the workflow ---------------------------------------------------------------------------------
# Registered at import (DBOS needs registrations before launch); they run only inside launched ItemWorkflows.


@DBOS.workflow(name="jano.item_workflow")
def item_workflow(item_id: int) -> str:
    """Drive one item from NEW to a final state; returns the state it ended in."""
    state = _read_propose_step(item_id)
    while state == State.PROPOSED.value:
        DBOS.recv(APPROVAL_TOPIC, timeout_seconds=_workflows().approval_timeout_s)
        state = _state_step(item_id)
    if state != State.APPROVED.value:
        return state
    state = _begin_step(item_id)
    if state != State.EXECUTING.value:
        return state
    return _execute_step(item_id)


@DBOS.step(name="jano.read_propose")
def _read_propose_step(item_id: int) -> str:
    workflows = _workflows()
    with workflows.db.session() as s:
        state = State(get_item(s, item_id).state)
    if state == State.NEW:
        try:
            workflows.hooks.read_propose(item_id)
        except Exception as err:  # recorded on the item, never lost
            _exit_on_error(workflows, item_id, err, {State.NEW, State.READING})
    with workflows.db.session() as s:
        return get_item(s, item_id).state


@DBOS.step(name="jano.state")
def _state_step(item_id: int) -> str:
    with _workflows().db.session() as s:
        return get_item(s, item_id).state


@DBOS.step(name="jano.begin_execution")
def _begin_step(item_id: int) -> str:
    """Claim the item (APPROVED → EXECUTING, approval re-checked) for this workflow.

    Returns EXECUTING when this workflow owns the execution (also when resuming its own claim after a
    crash), otherwise the state another actor left the item in.
    """
    with _workflows().db.session() as s:
        try:
            claim_for_execution(s, item_id, owner=DBOS.workflow_id or workflow_id(item_id))
        except (IllegalTransition, NotExecutable) as err:
            logger.info("item {} não executado por este workflow: {}", item_id, err)
            s.rollback()
            state = get_item(s, item_id).state
            return state if state != State.EXECUTING.value else "CLAIMED_ELSEWHERE"
        return State.EXECUTING.value


@DBOS.step(name="jano.execute")
def _execute_step(item_id: int) -> str:
    workflows = _workflows()
    with workflows.db.session() as s:
        item = get_item(s, item_id)
        if item.state != State.EXECUTING.value:
            return item.state
        if execution_owner(s, item) != (DBOS.workflow_id or workflow_id(item_id)):
            return "CLAIMED_ELSEWHERE"
        assert_executable(s, item)
    try:
        workflows.hooks.execute(item_id)
    except Exception as err:  # recorded on the item, never lost
        return _exit_on_error(workflows, item_id, err, {State.EXECUTING})
    with workflows.db.session() as s:
        item = get_item(s, item_id)
        if item.state == State.EXECUTING.value:
            transition(s, item, State.DONE, actor=audit.BOT_ACTOR)
        return item.state


def _exit_on_error(workflows: ItemWorkflows, item_id: int, err: Exception, from_states: set[State]) -> str:
    target = State.MANUAL if isinstance(err, BusinessError) else State.FAILED
    data: dict[str, Any] = {"error": type(err).__name__}
    trace = getattr(err, "trace_path", None)
    if trace:
        data["trace_path"] = str(Path(trace))
    with workflows.db.session() as s:
        item = get_item(s, item_id)
        if State(item.state) in from_states:
            transition(
                s, item, target, actor=audit.BOT_ACTOR, reason=str(err) or type(err).__name__, data=data
            )
        logger.bind(item=item.code).warning("item {} foi para {}: {}", item.code, item.state, err)
        return item.state
