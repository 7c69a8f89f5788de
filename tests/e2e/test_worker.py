"""Distributed-ready path: a `jano worker` process (DBOS) adopts proposed items, waits durably for
the approval, and executes in its own browser once a supervisor approves."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections import Counter

import pytest

import routines
from bot.pipeline.triage import Triage
from bot.queue.workitems import State
from bot.workflow.durable import notify_approval
from tests.doubles import OracleClassifier
from tests.e2e.helpers import (
    add_supervisor,
    approve_all,
    bot_writes,
    busiest_zone,
    executor_env,
    items_in,
)

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


def test_worker_should_execute_an_item_only_after_its_approval(settings, mock, browser, db, tmp_path) -> None:
    zone = busiest_zone(mock, "Minutar sentença")
    oracle = OracleClassifier(mock)
    routine = routines.get("contas-minuta-sentenca")
    Triage(settings, routine, zone, db=db, classifier_for=lambda _: oracle, browser=browser).run(limit=5)
    proposed = items_in(db, State.PROPOSED)
    assert len(proposed) >= 1
    add_supervisor(db, zone)
    cmd = [sys.executable, "-m", "bot.cli", "worker", "--interval", "0.5"]
    env = executor_env(settings, mock)
    worker = subprocess.Popen(cmd, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        time.sleep(8)  # the worker adopts the items and waits for approvals
        assert worker.poll() is None, worker.stdout.read().decode() if worker.stdout else ""
        assert bot_writes(mock) == [], "nothing may be written before an approval"
        target = proposed[0]
        approve_all(db, only=[target.id])
        notify_approval(settings, target.id)
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline and not items_in(db, State.DONE):
            time.sleep(0.5)
        done = items_in(db, State.DONE)
        assert [i.id for i in done] == [target.id]
        writes = bot_writes(mock)
        assert {w["process"] for w in writes} == {target.process}
        assert Counter(w["action"] for w in writes) == Counter(
            {"salvar_minuta": 1, "etiquetar": 1, "transicao": 1}
        )
    finally:
        worker.send_signal(signal.SIGINT)
        try:
            worker.wait(20)
        except subprocess.TimeoutExpired:
            worker.kill()
