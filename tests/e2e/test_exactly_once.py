"""Exactly once: SIGKILL the executor at each write step in turn; after restarts, the ledger shows
every approved action completed exactly once."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

import routines
from bot.pipeline.triage import Triage
from bot.queue.workitems import State
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


def _start_executor(settings, mock, cwd: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "execute"],
        cwd=cwd, env=executor_env(settings, mock), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip


def test_executor_killed_at_each_write_should_complete_every_action_exactly_once(
    settings, mock, browser, db, tmp_path
) -> None:
    zone = busiest_zone(mock, "Minutar sentença")
    routine = routines.get("contas-minuta-sentenca")
    oracle = OracleClassifier(mock)
    Triage(settings, routine, zone, db=db, classifier_for=lambda _: oracle, browser=browser).run(limit=8)
    add_supervisor(db, zone)
    approved = approve_all(db, only=[item.id for item in items_in(db, State.PROPOSED)][:3])
    assert len(approved) >= 2
    expected_writes = 3 * len(approved)  # draft, tag, transition per item

    kills = 0
    for _ in range(expected_writes + 2):
        before = len(bot_writes(mock))
        proc = _start_executor(settings, mock, tmp_path)
        deadline = time.monotonic() + 120
        while proc.poll() is None and len(bot_writes(mock)) == before and time.monotonic() < deadline:
            time.sleep(0.02)
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)  # right after a write landed, before anything else
            proc.wait(10)
            kills += 1
            continue
        output = proc.stdout.read().decode() if proc.stdout else ""
        assert proc.returncode == 0, output
        if len(bot_writes(mock)) == before:
            break  # a clean run that had nothing left to write
    assert kills >= expected_writes - 1, f"the executor should have been killed after each write ({kills})"

    writes = bot_writes(mock)
    per_process = Counter((w["process"], w["action"]) for w in writes)
    assert all(count == 1 for count in per_process.values()), per_process
    assert len(writes) == expected_writes
    assert sorted(i.id for i in items_in(db, State.DONE)) == sorted(approved)
