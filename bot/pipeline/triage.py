"""Triage: read every process of a routine's task in one zone, decide, and record proposals.

Nothing here writes to PJe: triage only reads (page objects), decides (the routine) and records work
items and proposals in the project's tables. Writing is the executor's job, after approval.

Concurrency: one Playwright + Chromium per run; it logs in once (the lister) and ``concurrency``
lanes (:mod:`bot.pipeline.lanes`) share that login: lane 0 is the lister's own context, the others
start from its cookies. The lanes start on the painel's first page: each page's cards become work
items as soon as it is read, and the lister joins the other lanes when the listing ends. Each item
gets its own trace chunk on its lane's page.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path

from loguru import logger
from playwright.sync_api import Browser

from bot.acts import DraftFactory
from bot.config.settings import Settings
from bot.core.errors import BotError, BusinessError, ConfigError
from bot.pipeline.lanes import Lane, first_lane, run_lanes
from bot.pje.browser import BrowserSession
from bot.pje.facade import PJe, ProcessCard
from bot.pje.pages.painel import TaskCount
from bot.pje.pool import pause
from bot.queue import runs as runs_mod
from bot.queue import workitems
from bot.queue.approvals import propose
from bot.queue.db import Database
from bot.queue.tables import WorkItem
from bot.queue.workitems import State
from routines.base import Classifier, Manual, ProposeAction, Routine, RoutineContext, RoutineResult

RETRIAGE_FROM = {State.NEW, State.READING, State.MANUAL, State.FAILED, State.SUPERSEDED}

ProgressFn = Callable[[str], None]
LISTING_POLL_S = 0.05  # how often an idle lane looks for cards the lister has just read


@dataclass
class _Listing:
    """The lister's progress, shared by the lanes of one run (greenlets of one thread)."""

    seen: set[str] = field(default_factory=set)
    done: bool = False


@dataclass
class Outcome:
    item: str
    process: str
    state: str
    label: str | None = None
    confidence: float | None = None
    reason: str | None = None


@dataclass
class TriageSummary:
    run_id: str
    routine: str
    zone: int
    outcomes: list[Outcome] = field(default_factory=list)
    skipped: list[Outcome] = field(default_factory=list)

    def by_state(self, state: State) -> list[Outcome]:
        return [o for o in self.outcomes if o.state == state.value]


def read_zone_tasks(
    settings: Settings, *, zone: int, run_id: str, cpf: str, password: str
) -> list[TaskCount]:
    """Log in as the designated servant, select the zone profile and read the painel's tasks."""
    with BrowserSession(settings.browser, settings.pje, settings.artifacts_dir) as browser:
        with first_lane(
            browser, settings.pje, run_id, f"zona-{zone}", cpf=cpf, password=password, zone=zone
        ) as lane:
            return lane.pje.tasks()


class ClassifierCache:
    """Loads each model once per run (thread-safe); the default seam of :class:`RoutineContext`."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._models: dict[str, Classifier] = {}
        self._lock = threading.Lock()

    def __call__(self, name: str) -> Classifier:
        with self._lock:
            if name not in self._models:
                from bot.pipeline import model_loading

                self._models[name] = model_loading.load(name, self.settings)
            return self._models[name]


class Triage:
    """One ``jano run``: the routine, the zone, the database and the seams (classifier, browser)."""

    def __init__(
        self,
        settings: Settings,
        routine: Routine,
        zone: int,
        *,
        db: Database,
        classifier_for: Callable[[str], Classifier] | None = None,
        browser: Browser | None = None,
    ) -> None:
        self.settings = settings
        self.routine = routine
        self.zone = zone
        self.db = db
        self.cpf, self.password = settings.require_pje()
        self.ctx = RoutineContext(
            zone=zone,
            drafts=DraftFactory(settings.court),
            classifier_for=classifier_for or ClassifierCache(settings),
            movement_code=settings.movement_code,
        )
        self._browser = browser

    def _model_version(self) -> str | None:
        """``<model>@<version>`` of the classifier the routine uses (loads it before the run starts)."""
        if not self.routine.model:
            return None
        card = getattr(self.ctx.classifier_for(self.routine.model), "card", None)
        if isinstance(card, dict) and card.get("version"):
            return f"{self.routine.model}@{card['version']}"
        return self.routine.model

    def _first_lane(self, browser: BrowserSession, run_id: str, name: str) -> AbstractContextManager[Lane]:
        """Lane 0 of a run: logged in, in this zone's profile."""
        return first_lane(
            browser, self.settings.pje, run_id, name, cpf=self.cpf, password=self.password, zone=self.zone
        )

    def _session(self) -> BrowserSession:
        return BrowserSession(
            self.settings.browser, self.settings.pje, self.settings.artifacts_dir, browser=self._browser,
        )  # fmt: skip

    def run(
        self, *, limit: int | None = None, concurrency: int = 1, progress: ProgressFn | None = None
    ) -> TriageSummary:
        if concurrency < 1:
            raise ConfigError("--concurrency deve ser pelo menos 1")
        with self.db.session() as session:
            run = runs_mod.start_run(
                session, routine=self.routine.name, zone=self.zone, settings=self.settings,
                model_version=self._model_version(), params={"limit": limit, "concurrency": concurrency},
            )  # fmt: skip
            run_id = run.id
        summary = TriageSummary(run_id=run_id, routine=self.routine.name, zone=self.zone)
        log = logger.bind(run_id=run_id, zone=self.zone, routine=self.routine.name)
        lock = threading.Lock()

        def record(outcome: Outcome) -> None:
            with lock:
                summary.outcomes.append(outcome)
            if progress:
                progress(f"{outcome.process} → {outcome.state}")

        with (
            self._session() as browser,
            self._first_lane(browser, run_id, f"lista-zona-{self.zone}") as lister,
        ):
            work: queue.Queue[tuple[int, ProcessCard]] = queue.Queue()
            listing = _Listing()

            def arrived(cards: list[ProcessCard]) -> None:
                """Each painel page's new cards become work at once: the lanes start while the
                lister reads the next page."""
                fresh = [c for c in cards if c.number not in listing.seen]
                listing.seen.update(c.number for c in fresh)
                for job in self._queue(run_id, fresh, summary):
                    work.put(job)

            def lane(current: Lane) -> None:
                if current is lister:
                    try:
                        cards = self._list(lister.pje, limit, on_page=arrived)
                        arrived(cards)
                    finally:
                        listing.done = True
                    log.info("{} processos na tarefa '{}'", len(cards), self.routine.task)
                self._triage_lane(current, run_id, work, record, listing)

            count = max(1, min(concurrency, limit or concurrency))
            run_lanes(lister, count, lane, name=lambda i: f"triagem-{i}", share_login=True)
        with self.db.session() as session:
            runs_mod.finish_run(session, runs_mod.get_run(session, run_id))
        return summary

    def _queue(
        self, run_id: str, cards: list[ProcessCard], summary: TriageSummary
    ) -> list[tuple[int, ProcessCard]]:
        """Work items for the cards (created or found again); those already past triage are skipped."""
        work: list[tuple[int, ProcessCard]] = []
        with self.db.session() as session:
            for card in cards:
                item = workitems.create_item(
                    session, routine=self.routine.name, process=card.number, zone=self.zone, run_id=run_id
                )
                if State(item.state) not in RETRIAGE_FROM:
                    summary.skipped.append(
                        Outcome(item.code, card.number, item.state, item.label, item.confidence)
                    )
                    continue
                item.run_id = run_id
                work.append((item.id, card))
        return work

    def run_items(self, item_ids: list[int]) -> list[Outcome]:
        """Read and decide the given items (a worker's read step); each process is found by its number."""
        with self.db.session() as session:
            run_id = runs_mod.start_run(
                session, routine=self.routine.name, zone=self.zone, settings=self.settings
            ).id
            numbers = {i: workitems.get_item(session, i).process for i in item_ids}
        outcomes = []
        with self._session() as browser, self._first_lane(browser, run_id, f"itens-zona-{self.zone}") as lane:
            for item_id, number in numbers.items():
                outcomes.append(self._triage_one(lane, run_id, item_id, lane.pje.find(number)))
        with self.db.session() as session:
            runs_mod.finish_run(session, runs_mod.get_run(session, run_id))
        return outcomes

    def _list(
        self, pje: PJe, limit: int | None, on_page: Callable[[list[ProcessCard]], None] | None = None
    ) -> list[ProcessCard]:
        classes = {str(k) for k in self.routine.classes}
        return pje.processes_in_task(
            str(self.routine.task), limit=limit, accept=lambda card: card.process_class in classes,
            on_page=on_page,
        )  # fmt: skip

    def _triage_lane(
        self,
        lane: Lane,
        run_id: str,
        work: queue.Queue[tuple[int, ProcessCard]],
        record: Callable[[Outcome], None],
        listing: _Listing,
    ) -> None:
        """One lane's loop: triage queued cards until the listing has ended and the queue is empty."""
        while True:
            try:
                item_id, card = work.get_nowait()
            except queue.Empty:
                if listing.done:
                    return
                pause(lane.unit.page, LISTING_POLL_S)  # the lister is still reading the painel
                continue
            record(self._triage_one(lane, run_id, item_id, card))

    def _triage_one(self, lane: Lane, run_id: str, item_id: int, card: ProcessCard) -> Outcome:
        with self.db.session() as session:
            item = workitems.get_item(session, item_id)
            if item.state != State.READING.value:  # READING: left by a crashed run; read again
                workitems.transition(session, item, State.READING, actor="bot")
            code = item.code
        with lane.item(code) as page_item:
            try:
                snapshot = lane.pje.on(page_item.page).snapshot(card, reads=self.routine.reads)
                if not self.routine.accepts(snapshot):
                    decision: RoutineResult = Manual(
                        reason="processo não se enquadra nesta rotina", flags=("not_applicable",)
                    )
                else:
                    decision = self.routine.decide(self.ctx, snapshot)
            except BusinessError as err:
                decision = Manual(reason=str(err), flags=("business_error",))
            except BotError as err:
                page_item.failed = True
                return self._fail(item_id, page_item.artifacts, err)
        return self._finish(item_id, decision, card_task_id=card.task_id)

    def _finish(self, item_id: int, decision: RoutineResult, *, card_task_id: int = 0) -> Outcome:
        with self.db.session() as session:
            item = workitems.get_item(session, item_id)
            if isinstance(decision, ProposeAction):
                action = decision.action
                if card_task_id:
                    notes = {**action.meta.notes, "pje_task_id": card_task_id}
                    action = action.model_copy(
                        update={"meta": action.meta.model_copy(update={"notes": notes})}
                    )
                propose(session, item, action)
                item.flags = sorted(set(item.flags or []) | set(decision.flags))
            else:
                item.label, item.confidence = decision.label, decision.confidence
                item.flags = sorted(set(decision.flags))
                workitems.transition(
                    session, item, State.MANUAL, actor="bot", reason=decision.reason,
                    data={"meta": decision.meta.model_dump(mode="json")},
                )  # fmt: skip
            return _outcome(item)

    def _fail(self, item_id: int, artifacts: Path, err: BotError) -> Outcome:
        with self.db.session() as session:
            item = workitems.get_item(session, item_id)
            workitems.transition(
                session, item, State.FAILED, actor="bot", reason=f"{type(err).__name__}: {err}",
                data={"trace_path": str(artifacts)},
            )  # fmt: skip
            return _outcome(item)


def _outcome(item: WorkItem) -> Outcome:
    return Outcome(item.code, item.process, item.state, item.label, item.confidence, item.reason)
