"""Bot throughput against the mock PJe: processes per minute for triage and for execution.

For each mock latency (0 ms and 200 ms per PJe request) and each concurrency (1, 2, 4), a fresh mock
world is triaged with Minuta Sentença, every proposal is approved, and the approvals are executed.
Each phase is timed end to end, as ``jano run`` / ``jano execute`` would run it: Chromium's start,
the login and the painel's listing are inside the clock.

The floor is mock-bound: every PJe request the mock served during the phase (all ``/pje/`` pages,
fragments and downloads – each one pays the latency; the SSO login form and static files do not and
are not counted; only the bot talks to the mock while the clock runs) × latency ÷ concurrency. The
ratio is the real time over it. A phase may come in under the floor at concurrency 1: the bot
downloads a process's documents in parallel, and the floor counts those requests one after another.

Targets at 200 ms: ≤ 1.5× the floor at concurrency 1, ≥ 3× speed-up at concurrency 4 (processes per
minute at 4 ÷ at 1). Speed-up needs enough processes: Chromium's start and the login do not shrink
with concurrency, and 5 items on 4 lanes take 2 rounds (at most 2.5×) – hence 48 by default (a
zone's task holds hundreds). The machine's load average (1 min) is printed with every phase: on a
loaded machine the bot is CPU-bound and concurrency cannot add cores. Run it on an idle machine.

The mock makes every upload's PDF before the first phase (``prerender_uploads``; about a minute for
the default world) and serves stored bytes, as PJe serves stored files: made on first download, they
would cost the first phase (concurrency 1) mock CPU that later phases do not pay, flattering the
speed-up at 4.

The mock runs in its own process (no GIL shared with the bot); a replica of its seeded world, built in
this process from the same seed, picks the busiest zone and gives the oracle classifier its labels.
The classifier is the fine-tuned one when an artifact exists (``--classifier real``), or a double
that knows the mock's seeded labels (``--classifier oracle``) to measure the browser path alone.

Reproduce:  .venv/bin/python benchmarks/throughput.py --processes 48 --latencies 0,200 --concurrency 1,2,4
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx

import routines
from bot.config.logging import configure_logging
from bot.config.settings import Settings
from bot.pipeline.executor import Executor
from bot.pipeline.triage import ClassifierCache, Triage
from bot.queue import approvals, users, workitems
from bot.queue.db import Database
from bot.queue.workitems import State
from bot.vocabulary.domain import Task
from classifiers import Classifier
from mock_pje import MockSettings
from mock_pje.launcher import MockHandle, run_mock_process
from mock_pje.state import MockState

# Run as a script: the repository root goes on the path once, for benchmarks._results and for the
# oracle classifier, which is the tests' double (one copy of it; tests/ is not an installed package).
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
from tests.doubles import OracleClassifier  # noqa: E402

TASK = str(Task.MINUTAR_SENTENCA)


@dataclass
class Phase:
    name: str
    latency_ms: int
    concurrency: int
    processes: int
    seconds: float
    requests: int
    load: float = field(default_factory=lambda: os.getloadavg()[0])  # at the end of the phase

    @property
    def per_minute(self) -> float:
        return 60 * self.processes / self.seconds if self.seconds else 0.0

    @property
    def floor(self) -> float:
        return self.requests * self.latency_ms / 1000 / self.concurrency

    @property
    def ratio(self) -> str:
        return f"{self.seconds / self.floor:.2f}×" if self.floor else "—"


def _settings(base_url: str, world: MockSettings, tmp: Path) -> Settings:
    return Settings.load(
        var_dir=tmp,
        pje={"base_url": base_url, "cpf": world.servant_cpf, "password": world.servant_password},
        db={"url": f"sqlite:///{tmp / 'jano.db'}"},
        logging={"dir": tmp / "logs"},
    )


def run_once(mock: Mock, latency: int, concurrency: int, limit: int, classifier: str) -> tuple[Phase, Phase]:
    mock.admin.post("/_mock/reset").raise_for_status()
    mock.admin.post("/_mock/faults", json={"profile": "off", "latency_ms": latency}).raise_for_status()
    zone = max(mock.replica.zones, key=lambda z: mock.replica.task_counts(z).get(TASK, 0))
    with tempfile.TemporaryDirectory() as tmp:
        settings = _settings(mock.base_url, mock.world, Path(tmp))
        configure_logging(settings, console=False)
        db = Database.from_settings(settings)
        classifier_for: Callable[[str], Classifier] = (
            ClassifierCache(settings) if classifier == "real" else (lambda _: mock.oracle)
        )
        if classifier == "real":
            classifier_for("contas")  # load the model before the clock starts
        routine = routines.get("contas-minuta-sentenca")
        assert routine is not None
        served = mock.served()
        start = time.perf_counter()
        summary = Triage(settings, routine, zone, db=db, classifier_for=classifier_for).run(
            limit=limit, concurrency=concurrency
        )
        elapsed, requests = time.perf_counter() - start, mock.served() - served
        triage = Phase("triagem", latency, concurrency, len(summary.outcomes), elapsed, requests)
        with db.session() as session:
            user = users.add_user(
                session, "bench", role="supervisor", zones=[zone], password="bench-password"
            )
            for item in workitems.list_items(session, state=State.PROPOSED):
                proposal = approvals.current_proposal(session, item)
                assert proposal is not None
                approvals.approve(session, item.id, user, proposal.payload_hash)
        served = mock.served()
        start = time.perf_counter()
        results = Executor(settings, db=db).run(concurrency=concurrency)
        elapsed, requests = time.perf_counter() - start, mock.served() - served
        done = sum(r.state == State.DONE.value for r in results)
        execution = Phase("execução", latency, concurrency, done, elapsed, requests)
        db.dispose()
    return triage, execution


@dataclass
class Mock:
    """The mock PJe in its own process, its admin client, and a replica of its seeded world (the same
    seed builds the same world) for choosing the zone and for the oracle classifier's labels."""

    base_url: str
    world: MockSettings
    admin: httpx.Client
    replica: MockState
    oracle: OracleClassifier

    def served(self) -> int:
        return int(self.admin.get("/_mock/stats").json()["requests_served"])

    def wait_for_files(self) -> None:
        """Wait until the mock has made every upload's PDF (PJe serves stored files; no phase should
        pay for making them, nor one phase more than another)."""
        while pending := int(self.admin.get("/_mock/stats").json()["uploads_pending"]):
            print(f"mock: {pending} PDFs ainda a gerar…", flush=True)
            time.sleep(5)


@contextmanager
def mock_pje(world: MockSettings) -> Iterator[Mock]:
    replica = MockState(world)
    with (
        run_mock_process(world) as child,
        child.admin() as admin,
    ):
        handle = MockHandle(
            child.base_url, world.admin_token, replica, world.servant_cpf, world.servant_password, world
        )
        yield Mock(child.base_url, world, admin, replica, OracleClassifier(handle))
    replica.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processes", type=int, default=48, help="processes triaged per run")
    parser.add_argument("--latencies", default="0,200", help="mock latency per request, ms")
    parser.add_argument("--concurrency", default="1,2,4")
    parser.add_argument("--classifier", choices=("real", "oracle"), default="oracle")
    args = parser.parse_args()
    latencies = [int(x) for x in args.latencies.split(",")]
    levels = [int(x) for x in args.concurrency.split(",")]
    phases: list[Phase] = []
    world = MockSettings(seed=11, zones=1, per_zone=max(30, args.processes * 3), prerender_uploads=True)
    with mock_pje(world) as mock:
        mock.wait_for_files()
        for latency in latencies:
            for concurrency in levels:
                phases += run_once(mock, latency, concurrency, args.processes, args.classifier)
                t, e = phases[-2:]
                print(f"latência {latency} ms, concorrência {concurrency}: triagem {t.per_minute:.1f}/min, "
                      f"execução {e.per_minute:.1f}/min (carga {e.load:.1f})", flush=True)  # fmt: skip
    print()
    print(
        "| fase | latência ms | concorrência | processos | s | proc/min | req | piso s | razão | aceleração "
        "| carga |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    rows: list[dict[str, object]] = []
    for p in phases:
        base = next(
            q
            for q in phases
            if q.name == p.name and q.latency_ms == p.latency_ms and q.concurrency == levels[0]
        )
        speedup = (
            base.seconds / p.seconds * (p.processes / base.processes) if p.seconds and base.processes else 0
        )
        cells = [p.name, p.latency_ms, p.concurrency, p.processes, f"{p.seconds:.1f}", f"{p.per_minute:.1f}"]
        cells += [p.requests, f"{p.floor:.1f}", p.ratio, f"{speedup:.2f}×", f"{p.load:.1f}"]
        print("| " + " | ".join(str(c) for c in cells) + " |")
        rows.append({
            "phase": p.name, "latency_ms": p.latency_ms, "concurrency": p.concurrency,
            "processes": p.processes, "seconds": round(p.seconds, 2), "per_minute": round(p.per_minute, 1),
            "requests": p.requests, "floor_s": round(p.floor, 2),
            "ratio": round(p.seconds / p.floor, 3) if p.floor else None,
            "speedup": round(speedup, 3), "load_1min": round(p.load, 2),
        })  # fmt: skip
    print(f"\nJanus (TRE-BA, 2021): ~90 s por processo = 0.67 proc/min. Classificador: {args.classifier}.")
    print(f"Carga: média de 1 min ao fim de cada fase, {os.cpu_count()} núcleos.")
    command = ".venv/bin/python benchmarks/throughput.py " + " ".join(
        f"--{k.replace('_', '-')} {v}" for k, v in vars(args).items())  # fmt: skip
    print("Reproduzir: " + command)
    from benchmarks._results import record

    record("throughput", {"classifier": args.classifier, "phases": rows}, command=command)


if __name__ == "__main__":
    main()
