"""The DBOS worker's hooks: how an item workflow reads PJe and executes in a real browser.

``jano worker`` launches :class:`bot.workflow.durable.ItemWorkflows` with :func:`workflow_hooks` and
adopts the items waiting in the queue (one durable workflow per item: wait for approval → execute).
Each hook runs one item in its own browser session, logged in as the designated servant in the item's
zone.
"""

from __future__ import annotations

import threading

from loguru import logger

import routines
from bot.config.settings import Settings
from bot.core.errors import BusinessError, InputError
from bot.pipeline.executor import Executor
from bot.pipeline.lanes import first_lane
from bot.pipeline.triage import Triage
from bot.pje.browser import BrowserSession
from bot.queue import workitems
from bot.queue.db import Database
from bot.queue.runs import new_run_id
from bot.queue.workitems import State
from bot.workflow.durable import Hooks, ItemWorkflows, workflow_id

ADOPT = (State.NEW, State.PROPOSED, State.APPROVED, State.EXECUTING)


def workflow_hooks(settings: Settings) -> Hooks:
    """Hooks for :class:`bot.workflow.durable.ItemWorkflows`: read+propose and execute one item each."""
    db = Database.from_settings(settings)

    def read_propose(item_id: int) -> None:
        with db.session() as session:
            item = workitems.get_item(session, item_id)
            routine_id, zone = item.routine, item.zone
        routine = routines.get(routine_id)
        if routine is None:
            raise InputError(f"rotina '{routine_id}' ainda não implementada")
        Triage(settings, routine, zone, db=db).run_items([item_id])

    def execute(item_id: int) -> None:
        with db.session() as session:
            zone = workitems.get_item(session, item_id).zone
        cpf, password = settings.require_pje()
        run_id = new_run_id()
        with BrowserSession(settings.browser, settings.pje, settings.artifacts_dir) as browser:
            with first_lane(
                browser, settings.pje, run_id, f"worker-zona-{zone}", cpf=cpf, password=password, zone=zone
            ) as lane:
                with lane.item(f"item-{item_id}") as page_item:
                    result = Executor(settings, db=db).execute_one(
                        item_id,
                        lane.pje.on(page_item.page),
                        owner=workflow_id(item_id),
                        artifacts=page_item.artifacts,
                    )
                    page_item.failed = result.state == State.FAILED.value
        if result.state == State.MANUAL.value:
            logger.info("item {} foi para análise manual: {}", item_id, result.reason)

    return Hooks(read_propose=read_propose, execute=execute)


def adopt_pending(workflows: ItemWorkflows, db: Database) -> list[int]:
    """Start (idempotently) the workflow of every item that still needs one."""
    with db.session() as session:
        ids = [i.id for state in ADOPT for i in workitems.list_items(session, state=state)]
    started = []
    for item_id in ids:
        if workflows.status(item_id) is None:
            workflows.start_item(item_id)
            started.append(item_id)
    return started


def serve(settings: Settings, *, stop: threading.Event, interval_s: float = 2.0) -> None:
    """Run the worker until ``stop`` is set: launch the item workflows, adopt new items every
    ``interval_s``."""
    db = Database.from_settings(settings)
    workflows = ItemWorkflows(settings, workflow_hooks(settings), db=db).launch()
    try:
        while not stop.is_set():
            adopted = adopt_pending(workflows, db)
            if adopted:
                logger.info("worker: {} item(ns) sob workflow", len(adopted))
            stop.wait(interval_s)
    except BusinessError as err:
        logger.error("worker parado: {}", err)
        raise
    finally:
        workflows.shutdown()
        db.dispose()
