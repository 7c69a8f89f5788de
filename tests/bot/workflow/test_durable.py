from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.config.settings import Settings
from bot.core.errors import MissingDocument
from bot.queue import approvals, audit
from bot.queue.db import Database, system_database_url
from bot.queue.tables import WorkItem
from bot.queue.users import get_user
from bot.queue.workitems import State, create_item, get_item
from bot.workflow import durable
from bot.workflow.durable import ItemWorkflows
from tests.bot.factories import ROUTINE, add_user, process_number
from tests.bot.workflow.engine_fakes import fake_hooks

REPO = Path(__file__).resolve().parents[3]
pytestmark = pytest.mark.timeout(120)


@pytest.fixture(name="settings")
def settings_fixture(tmp_path: Path) -> Settings:
    return Settings.load(db={"url": f"sqlite:///{tmp_path / 'var' / 'jano.db'}"})


@pytest.fixture(name="db")
def db_fixture(settings: Settings) -> Iterator[Database]:
    database = Database.from_settings(settings)
    yield database
    database.dispose()


def _new_item(db: Database, seq: int = 600251) -> int:
    with db.session() as s:
        return create_item(s, routine=ROUTINE, process=process_number(seq), zone=16).id


def _wait_state(db: Database, item_id: int, state: State, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with db.session() as s:
            if get_item(s, item_id).state == state:
                return
        time.sleep(0.05)
    raise AssertionError(f"item {item_id} never reached {state}")


def _approve(db: Database, item_id: int, login: str = "sup") -> None:
    with db.session() as s:
        user = get_user(s, login) or add_user(s, login)
        proposal = approvals.current_proposal(s, get_item(s, item_id))
        assert proposal is not None
        approvals.approve(s, item_id, user, proposal.payload_hash)


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines() if path.exists() else []


def test_system_database_url_should_sit_beside_the_project_sqlite_file(settings: Settings) -> None:
    url = system_database_url(settings)
    assert url.endswith("/var/jano-dbos.db")
    assert url.startswith("sqlite:///")


def test_item_workflow_should_wait_for_approval_then_execute_exactly_once(
    settings: Settings, db: Database, tmp_path: Path
) -> None:
    log = tmp_path / "executed.log"
    item_id = _new_item(db)
    with ItemWorkflows(settings, fake_hooks(db, log), db=db, polling_interval_s=0.05) as workflows:
        workflows.start_item(item_id)
        _wait_state(db, item_id, State.PROPOSED)
        time.sleep(0.3)  # the workflow is parked in DBOS.recv; nothing may run before the approval
        assert _lines(log) == []
        assert workflows.status(item_id) == "PENDING"
        _approve(db, item_id)
        assert durable.notify_approval(settings, item_id)
        assert workflows.result(item_id) == State.DONE
        workflows.start_item(item_id)  # starting again attaches to the finished workflow, no second run
        assert workflows.result(item_id) == State.DONE
    with db.session() as s:
        item = get_item(s, item_id)
        proposal = approvals.current_proposal(s, item)
        assert proposal is not None
        assert _lines(log) == [f"{item_id} {proposal.payload_hash}"]
        assert item.state == State.DONE


def test_item_workflow_should_never_execute_a_rejected_item(
    settings: Settings, db: Database, tmp_path: Path
) -> None:
    log = tmp_path / "executed.log"
    item_id = _new_item(db)
    with ItemWorkflows(settings, fake_hooks(db, log), db=db, polling_interval_s=0.05) as workflows:
        workflows.start_item(item_id)
        _wait_state(db, item_id, State.PROPOSED)
        with db.session() as s:
            approvals.reject(s, item_id, add_user(s, "sup"), "minuta incorreta")
        durable.notify_approval(settings, item_id)
        assert workflows.result(item_id) == State.REJECTED
    assert _lines(log) == []


def test_item_workflow_should_keep_waiting_after_an_edit_voids_the_approval(
    settings: Settings, db: Database, tmp_path: Path
) -> None:
    log = tmp_path / "executed.log"
    item_id = _new_item(db)
    with db.session() as s:
        sup = add_user(s, "sup")
    # a wake-up with the item still PROPOSED (as after an edit voided the approval) executes nothing
    with ItemWorkflows(settings, fake_hooks(db, log), db=db, polling_interval_s=0.05) as workflows:
        workflows.start_item(item_id)
        _wait_state(db, item_id, State.PROPOSED)
        with db.session() as s:
            approvals.edit(s, item_id, sup, "<p>JULGO APROVADAS COM RESSALVAS as contas.</p>")
        durable.notify_approval(settings, item_id)
        time.sleep(0.5)
        assert _lines(log) == []
        assert workflows.status(item_id) == "PENDING"
        _approve(db, item_id)
        durable.notify_approval(settings, item_id)
        assert workflows.result(item_id) == State.DONE
    with db.session() as s:
        action = approvals.current_action(s, get_item(s, item_id))
        assert action is not None and action.draft is not None
        assert "COM RESSALVAS" in action.draft.body
        assert _lines(log) == [f"{item_id} {action.payload_hash()}"]


def test_item_workflow_should_not_execute_an_item_claimed_by_another_executor(
    settings: Settings, db: Database, tmp_path: Path
) -> None:
    log = tmp_path / "executed.log"
    item_id = _new_item(db)
    with ItemWorkflows(settings, fake_hooks(db, log), db=db, polling_interval_s=0.05) as workflows:
        workflows.start_item(item_id)
        _wait_state(db, item_id, State.PROPOSED)
        _approve(db, item_id)
        with db.session() as s:
            approvals.claim_for_execution(s, item_id, owner="jano-execute")
        durable.notify_approval(settings, item_id)
        assert workflows.result(item_id) == State.EXECUTING
    assert _lines(log) == []


def test_item_workflow_should_send_business_errors_to_manual(
    settings: Settings, db: Database, tmp_path: Path
) -> None:
    log = tmp_path / "executed.log"
    item_id = _new_item(db)
    hooks = fake_hooks(db, log, fail_read=MissingDocument("parecer técnico ausente"))
    with ItemWorkflows(settings, hooks, db=db, polling_interval_s=0.05) as workflows:
        workflows.start_item(item_id)
        assert workflows.result(item_id) == State.MANUAL
    with db.session() as s:
        assert get_item(s, item_id).reason == "parecer técnico ausente"
    assert _lines(log) == []


def test_item_workflow_should_fail_an_item_whose_execution_raises(
    settings: Settings, db: Database, tmp_path: Path
) -> None:
    class Boom(RuntimeError):
        trace_path = "var/artifacts/R1/1/trace.zip"

    item_id = _new_item(db)
    hooks = fake_hooks(db, tmp_path / "executed.log", fail_execute=Boom("navegador caiu"))
    with ItemWorkflows(settings, hooks, db=db, polling_interval_s=0.05) as workflows:
        workflows.start_item(item_id)
        _wait_state(db, item_id, State.PROPOSED)
        _approve(db, item_id)
        durable.notify_approval(settings, item_id)
        assert workflows.result(item_id) == State.FAILED
    with db.session() as s:
        item: WorkItem = get_item(s, item_id)
        assert item.reason == "navegador caiu"
        assert item.trace_path == "var/artifacts/R1/1/trace.zip"


def test_notify_approval_should_return_false_when_no_workflow_ever_ran(
    settings: Settings, db: Database
) -> None:
    assert durable.notify_approval(settings, _new_item(db)) is False


def test_item_workflow_should_resume_after_the_worker_is_killed_while_waiting(
    settings: Settings, db: Database, tmp_path: Path
) -> None:
    log = tmp_path / "executed.log"
    item_id = _new_item(db)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    args = [sys.executable, "-m", "tests.bot.workflow.engine_child"]
    common = [settings.db.url, str(item_id), str(log)]
    child = subprocess.Popen([*args, "start", *common], cwd=tmp_path, env=env)
    try:
        _wait_state(db, item_id, State.PROPOSED, timeout=60)
        time.sleep(0.3)
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    _approve(db, item_id)
    # the approval reaches the system database while no worker runs (DBOSClient path)
    assert durable.notify_approval(settings, item_id)
    resumed = subprocess.run(
        [*args, "resume", *common], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=90
    )
    assert resumed.returncode == 0, resumed.stderr[-2000:]
    assert resumed.stdout.strip().splitlines()[-1] == State.DONE
    with db.session() as s:
        proposal = approvals.current_proposal(s, get_item(s, item_id))
        assert proposal is not None
        assert proposal.version == 1  # read+propose was not repeated after the restart
        assert _lines(log) == [f"{item_id} {proposal.payload_hash}"]


def test_item_workflow_should_finish_an_execution_killed_midway_exactly_once(
    settings: Settings, db: Database, tmp_path: Path
) -> None:
    log = tmp_path / "executed.log"
    item_id = _new_item(db)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    args = [sys.executable, "-m", "tests.bot.workflow.engine_child"]
    common = [settings.db.url, str(item_id), str(log)]
    child = subprocess.Popen([*args, "start-hang", *common], cwd=tmp_path, env=env)
    try:
        _wait_state(db, item_id, State.PROPOSED, timeout=60)
        _approve(db, item_id)
        assert durable.notify_approval(settings, item_id)
        deadline = time.monotonic() + 60
        while "begin" not in _lines(log) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _lines(log) == ["begin"]
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    with db.session() as s:
        assert get_item(s, item_id).state == State.EXECUTING  # claimed by the killed workflow
    resumed = subprocess.run(
        [*args, "resume", *common], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=90
    )
    assert resumed.returncode == 0, resumed.stderr[-2000:]
    assert resumed.stdout.strip().splitlines()[-1] == State.DONE
    with db.session() as s:
        item = get_item(s, item_id)
        proposal = approvals.current_proposal(s, item)
        assert proposal is not None
        # the same workflow resumed its own claim: one claim, the execute step completed once
        assert approvals.execution_owner(s, item) == durable.workflow_id(item_id)
        claims = [r for r in audit.records_for(s, item_id) if audit.decoded(r).get("to") == State.EXECUTING]
        assert len(claims) == 1
    assert _lines(log) == ["begin", f"{item_id} {proposal.payload_hash}"]
