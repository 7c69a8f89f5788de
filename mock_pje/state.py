"""The live state of the mock: world, sessions, ledger, simulated clock and faults.

Tests bend it directly (``fail_next``, ``delay_next``, ``expire_session``, ``force``) the way
playwright-python's test server is bent with ``set_route``. All writes from the UI go through
:func:`mock_pje.actions.perform`, which validates them against the current task and appends to the ledger.
"""

from __future__ import annotations

import secrets
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from loguru import logger

from bot.core import cpf as cpf_mod
from bot.core.errors import ConfigError
from fixtures.world import START_DATE, Document, Process, Truth, User, World
from fixtures.world_build import build_world
from mock_pje import files
from mock_pje.clock import materialize
from mock_pje.faults import Faults
from mock_pje.settings import MockSettings, Quirk
from mock_pje.store import Store


@dataclass
class Session:
    token: str
    cpf: str
    zone: int
    role: str
    last_seen: float
    expired: bool = False
    last_task: str | None = None
    data: dict[str, Any] = field(default_factory=dict)


class MockState:
    """Everything the mock knows; thread-safe for the server loop plus a test thread bending it."""

    def __init__(self, settings: MockSettings) -> None:
        self.settings = settings
        self.lock = threading.RLock()
        self.faults = Faults(settings)
        self.store = Store(settings.db)
        self.sessions: dict[str, Session] = {}
        self.refusals: list[dict[str, Any]] = []
        self.requests_served = 0  # /pje/ requests seen (latency applies to each)
        self._load_or_build()
        self.starts = int(self.store.get_meta("starts") or 0) + 1
        self.store.set_meta("starts", self.starts)
        self.faults.new_start(self.starts)

    # -- world ------------------------------------------------------------------------------------------
    def _fingerprint(self) -> dict[str, Any]:
        s = self.settings
        return {"seed": s.seed, "zones": s.zones, "per_zone": s.per_zone, "tribunal": s.tribunal}

    def _load_or_build(self) -> None:
        world = self.store.load_world()
        if world is not None:
            stored = self.store.get_meta("fingerprint")
            if stored != self._fingerprint():
                raise ConfigError(
                    f"o banco do mock ({self.settings.db}) foi criado com outros parâmetros "
                    f"({stored}); use outro --db ou os mesmos parâmetros"
                )
            self._adopt(world)
            self.ledger = self.store.load_ledger()
            self.clock_day = int(self.store.get_meta("clock_day") or 0)
            self.counters = dict(self.store.get_meta("counters"))
            self._sync_servant()
            logger.info("mock: estado carregado de {} ({} processos)", self.settings.db, len(self.processes))
            return
        self._build()

    def _build(self) -> None:
        s = self.settings
        world = build_world(
            s.seed,
            s.zones,
            s.per_zone,
            tribunal=s.tribunal,
            servant_cpf=s.servant_cpf,
            servant_password=s.servant_password,
        )
        self._adopt(world)
        self.ledger = []
        self.clock_day = 0
        self.counters = {"task": 7000 + 37 * s.seed % 1000, "doc": max(self.documents) + 1, "exp": 1}
        for process in self.processes.values():
            process.task_instance = self.next_counter("task")
        for process in self.processes.values():
            materialize(self, process, record=False)
        meta = {
            "world": {"seed": world.seed, "tribunal": world.tribunal, "zones": world.zones},
            "fingerprint": self._fingerprint(),
            "clock_day": 0,
            "counters": self.counters,
        }
        self.store.save_world(self.world_snapshot(), meta)

    def _adopt(self, world: World) -> None:
        self.seed, self.tribunal, self.zones = world.seed, world.tribunal, list(world.zones)
        self.users: dict[str, User] = {u.cpf: u for u in world.users}
        self.processes: dict[int, Process] = {p.id: p for p in world.processes}
        self.by_number: dict[str, Process] = {p.number: p for p in world.processes}
        self.documents: dict[int, Document] = {d.id: d for d in world.documents}
        self.truth: list[Truth] = list(world.truth)
        if self.settings.prerender_uploads:
            docs = list(self.documents.values())
            threading.Thread(target=files.prerender, args=(docs,), name="prerender", daemon=True).start()

    def uploads_pending(self) -> int:
        """Uploads whose PDF is not stored yet (``prerender_uploads`` brings this to 0)."""
        return len(files.missing(list(self.documents.values())))

    def _sync_servant(self) -> None:
        """The servant's credentials come from the settings of this start, not from the file."""
        servant = next(
            u for u in self.users.values() if u.role == "Servidor" and len(u.zones) == len(self.zones)
        )
        if servant.cpf != self.settings.servant_cpf or servant.password != self.settings.servant_password:
            del self.users[servant.cpf]
            servant.cpf, servant.password = self.settings.servant_cpf, self.settings.servant_password
            self.users[servant.cpf] = servant

    def world_snapshot(self) -> World:
        return World(
            self.seed,
            self.tribunal,
            self.zones,
            list(self.users.values()),
            list(self.processes.values()),
            list(self.documents.values()),
            self.truth,
        )

    def reset(self) -> None:
        """Rebuild the world from the seed; clear ledger, clock and forced faults (sessions survive)."""
        with self.lock:
            self.faults.clear()
            self.refusals.clear()
            self._build()

    def next_counter(self, name: str) -> int:
        with self.lock:
            self.counters[name] += 1
            self.store.set_meta("counters", self.counters)
            return int(self.counters[name])

    # -- clock ------------------------------------------------------------------------------------------
    def today(self) -> date:
        return START_DATE + timedelta(days=self.clock_day)

    def now(self) -> datetime:
        wall = datetime.now(UTC)
        return datetime.combine(self.today(), wall.time().replace(microsecond=0))

    # -- users and sessions -----------------------------------------------------------------------------
    @property
    def servant(self) -> User:
        return self.users[self.settings.servant_cpf]

    def judge_of(self, zone: int) -> User:
        return next(u for u in self.users.values() if u.role == "Juiz Eleitoral" and zone in u.zones)

    def login(self, cpf: str, password: str) -> Session | None:
        user = self.users.get(cpf_mod.digits(cpf))
        if user is None or not secrets.compare_digest(user.password, password):
            return None
        session = Session(secrets.token_urlsafe(24), user.cpf, user.zones[0], user.role, time.monotonic())
        with self.lock:
            self.sessions[session.token] = session
        logger.info("mock: login de {}", cpf_mod.mask(user.cpf))
        return session

    def session(self, token: str | None) -> Session | None:
        """The live session for ``token``; marks it expired when idle past the TTL."""
        session = self.sessions.get(token or "")
        if session is None:
            return None
        now = time.monotonic()
        if now - session.last_seen > self.settings.session_ttl_s:
            session.expired = True
        if not session.expired:
            session.last_seen = now
        return session

    def logout(self, token: str | None) -> None:
        with self.lock:
            self.sessions.pop(token or "", None)

    def expire_session(self, cpf: str | None = None) -> int:
        """Expire every session (or those of ``cpf``); return how many."""
        with self.lock:
            hit = [s for s in self.sessions.values() if cpf is None or s.cpf == cpf_mod.digits(cpf)]
            for session in hit:
                session.expired = True
            return len(hit)

    # -- faults bent by tests ---------------------------------------------------------------------------
    def fail_next(self, match: str = "", count: int = 1) -> None:
        """The next ``count`` page requests whose path contains ``match`` show "Erro inesperado"."""
        self.faults.force(Quirk.ERROR_BANNER, match=match, count=count)

    def delay_next(self, seconds: float, match: str = "", count: int = 1) -> None:
        self.faults.force(Quirk.SLOW_RENDER, match=match, count=count, seconds=seconds)

    def force(self, quirk: Quirk | str, match: str = "", count: int = 1) -> None:
        self.faults.force(Quirk(quirk), match=match, count=count)

    # -- queries ----------------------------------------------------------------------------------------
    def process_by_instance(self, task_instance: int) -> Process | None:
        return next((p for p in self.processes.values() if p.task_instance == task_instance), None)

    def zone_processes(self, zone: int) -> list[Process]:
        return [p for p in self.processes.values() if p.zone == zone]

    def task_counts(self, zone: int) -> dict[str, int]:
        counts: dict[str, int] = {}
        for p in self.zone_processes(zone):
            counts[p.task] = counts.get(p.task, 0) + 1
        return counts

    def docs_of(self, process: Process) -> list[Document]:
        return [self.documents[d] for d in process.documents if d in self.documents]

    def save(self, process: Process, *docs: Document) -> None:
        with self.lock:
            self.store.save_process(process)
            for doc in docs:
                self.store.save_document(doc)

    def append_ledger(self, entry: dict[str, Any]) -> dict[str, Any]:
        with self.lock:
            entry = {"seq": len(self.ledger) + 1, **entry}
            self.ledger.append(entry)
            self.store.append_ledger(entry["seq"], entry)
            return entry

    def close(self) -> None:
        self.store.close()
