"""Bot throughput against the mock PJe: processes per minute for triage and for execution.

For each mock latency (0 ms and 200 ms per PJe request) and each concurrency (1, 2, 4), a fresh mock
world is triaged with Minuta Sentença, every proposal is approved, and the approvals are executed.
Each figure is printed with the mock-bound floor – PJe requests the bot sent × latency ÷ concurrency,
the time the run could not beat however fast the bot were – and the ratio of the real time to it.

Targets at 200 ms: ≤ 1.5× the floor at concurrency 1, ≥ 3× speed-up at concurrency 4.
The classifier is the fine-tuned one when an artifact exists (``--classifier real``), or a double
that knows the mock's seeded labels (``--classifier oracle``) to measure the browser path alone.

Reproduce:  .venv/bin/python benchmarks/throughput.py --processes 8 --latencies 0,200 --concurrency 1,2,4
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import routines
from bot import approvals, users, workitems
from bot.db import Database
from bot.executor import Executor
from bot.logging import configure_logging
from bot.settings import Settings
from bot.triage import ClassifierCache, Triage
from bot.workitems import State
from classifiers import Classifier
from mock_pje import MockSettings
from mock_pje.testing import MockHandle, OracleClassifier, run_mock_server

TASK = "Minutar sentença"


@dataclass
class Phase:
    name: str
    latency_ms: int
    concurrency: int
    processes: int
    seconds: float
    requests: int

    @property
    def per_minute(self) -> float:
        return 60 * self.processes / self.seconds if self.seconds else 0.0

    @property
    def floor(self) -> float:
        return self.requests * self.latency_ms / 1000 / self.concurrency

    @property
    def ratio(self) -> str:
        return f"{self.seconds / self.floor:.2f}×" if self.floor else "—"


def _settings(mock: MockHandle, tmp: Path) -> Settings:
    return Settings.load(
        var_dir=tmp,
        pje={"base_url": mock.base_url, "cpf": mock.servant_cpf, "password": mock.servant_password},
        db={"url": f"sqlite:///{tmp / 'jano.db'}"},
        logging={"dir": tmp / "logs"},
        browser={"tracing": False},
    )


def run_once(
    mock: MockHandle, latency: int, concurrency: int, limit: int, classifier: str
) -> tuple[Phase, Phase]:
    mock.state.reset()
    mock.state.sessions.clear()
    mock.state.faults.configure(profile="off", latency_ms=latency)
    zone = max(mock.state.zones, key=lambda z: mock.state.task_counts(z).get(TASK, 0))
    with tempfile.TemporaryDirectory() as tmp:
        settings = _settings(mock, Path(tmp))
        configure_logging(settings, console=False)
        db = Database.from_settings(settings)
        oracle = OracleClassifier(mock)
        classifier_for: Callable[[str], Classifier] = (
            ClassifierCache(settings) if classifier == "real" else (lambda _: oracle)
        )
        if classifier == "real":
            classifier_for("contas")  # load the model before the clock starts
        routine = routines.get("contas-minuta-sentenca")
        assert routine is not None
        served = mock.state.requests_served
        start = time.perf_counter()
        summary = Triage(settings, routine, zone, db=db, classifier_for=classifier_for).run(
            limit=limit, concurrency=concurrency
        )
        elapsed, requests = time.perf_counter() - start, mock.state.requests_served - served
        triage = Phase("triagem", latency, concurrency, len(summary.outcomes), elapsed, requests)
        with db.session() as session:
            user = users.add_user(
                session, "bench", role="supervisor", zones=[zone], password="bench-password"
            )
            for item in workitems.list_items(session, state=State.PROPOSED):
                proposal = approvals.current_proposal(session, item)
                assert proposal is not None
                approvals.approve(session, item.id, user, proposal.payload_hash)
        served = mock.state.requests_served
        start = time.perf_counter()
        results = Executor(settings, db=db).run(concurrency=concurrency)
        elapsed, requests = time.perf_counter() - start, mock.state.requests_served - served
        done = sum(r.state == State.DONE.value for r in results)
        execution = Phase("execução", latency, concurrency, done, elapsed, requests)
        db.dispose()
    return triage, execution


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processes", type=int, default=8, help="processes triaged per run")
    parser.add_argument("--latencies", default="0,200", help="mock latency per request, ms")
    parser.add_argument("--concurrency", default="1,2,4")
    parser.add_argument("--classifier", choices=("real", "oracle"), default="oracle")
    args = parser.parse_args()
    latencies = [int(x) for x in args.latencies.split(",")]
    levels = [int(x) for x in args.concurrency.split(",")]
    phases: list[Phase] = []
    with run_mock_server(MockSettings(seed=11, zones=1, per_zone=max(30, args.processes * 3))) as mock:
        for latency in latencies:
            for concurrency in levels:
                phases += run_once(mock, latency, concurrency, args.processes, args.classifier)
                t, e = phases[-2:]
                print(f"latência {latency} ms, concorrência {concurrency}: triagem {t.per_minute:.1f}/min, "
                      f"execução {e.per_minute:.1f}/min", flush=True)  # fmt: skip
    print()
    print(
        "| fase | latência ms | concorrência | processos | s | proc/min | req | piso s | razão | aceleração |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
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
        cells += [p.requests, f"{p.floor:.1f}", p.ratio, f"{speedup:.2f}×"]
        print("| " + " | ".join(str(c) for c in cells) + " |")
    print(f"\nJanus (TRE-BA, 2021): ~90 s por processo = 0.67 proc/min. Classificador: {args.classifier}.")
    print("Reproduzir: .venv/bin/python benchmarks/throughput.py " + " ".join(
        f"--{k.replace('_', '-')} {v}" for k, v in vars(args).items()))  # fmt: skip


if __name__ == "__main__":
    main()
