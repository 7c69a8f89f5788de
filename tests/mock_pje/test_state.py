from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.errors import ConfigError
from bot.vocabulary.domain import MOVEMENTS, Channel, Task
from fixtures.world import Process
from mock_pje import MockSettings, MockState
from mock_pje.actions import ActionRefused, perform
from mock_pje.flow import ALLOWED, Action
from mock_pje.launcher import MockHandle

SMALL = MockSettings(seed=5, zones=2, per_zone=12)


def _in(state: MockState, task: Task) -> Process:
    return next(p for p in state.processes.values() if p.task == task.value)


def test_every_action_outside_its_tasks_should_be_refused_and_never_logged() -> None:
    state = MockState(SMALL)
    cpf = state.servant.cpf
    process = next(iter(state.processes.values()))
    refused = 0
    for action in Action:
        if action not in ALLOWED:
            continue
        for task in set(Task) - ALLOWED[action]:
            process.task = task.value  # every task of the flow, whatever the seed placed
            with pytest.raises(ActionRefused, match="não permitida"):
                perform(state, cpf, process, process.task_instance, action)
            refused += 1
    assert refused >= 40
    assert state.ledger == []
    assert len(state.refusals) == refused


def test_the_ledger_should_record_actor_process_task_codes_and_document() -> None:
    state = MockState(SMALL)
    process = _in(state, Task.LANCAR_MOVIMENTO)
    code = MOVEMENTS["contas_desaprovadas"].code

    entry = perform(
        state,
        state.servant.cpf,
        process,
        process.task_instance,
        Action.LAUNCH_MOVEMENTS,
        movements=[(code, {})],
    )

    assert {
        k: entry[k] for k in ("actor_cpf", "process", "task", "action", "movement_codes", "document_id")
    } == {
        "actor_cpf": state.servant.cpf,
        "process": process.number,
        "task": Task.LANCAR_MOVIMENTO.value,
        "action": "lancar_movimentos",
        "movement_codes": [code],
        "document_id": None,
    }
    assert entry["at"].startswith(state.today().isoformat())


def test_a_dje_publication_should_yield_1061_then_92_and_after_the_deadline_1051() -> None:
    from mock_pje import clock

    state = MockState(SMALL)
    process = _in(state, Task.LANCAR_MOVIMENTO)
    sentence = next(d for d in state.docs_of(process) if d.doc_type == "Sentença")
    cpf = state.servant.cpf
    perform(
        state,
        cpf,
        process,
        process.task_instance,
        Action.PREPARE_COMMUNICATION,
        channel=Channel.DJE.value,
        addressees=[process.parties[0]],
        deadline_days=5,
        document_id=sentence.id,
    )
    perform(state, cpf, process, process.task_instance, Action.TRANSITION, destino=Task.AGUARDAR_PRAZO.value)

    def codes() -> list[int]:
        return [m["code"] for m in process.movements]

    with pytest.raises(ActionRefused, match="prazo ainda não decorreu"):
        perform(
            state,
            cpf,
            process,
            process.task_instance,
            Action.TRANSITION,
            destino=Task.REGISTRAR_TRANSITO.value,
        )
    clock.advance(state, 1)
    assert codes() == [1061]
    clock.advance(state, 1)
    assert codes() == [1061, 92]
    clock.advance(state, 5)
    assert codes() == [1061, 92]
    clock.advance(state, 1)
    assert codes() == [1061, 92, 1051]
    perform(
        state, cpf, process, process.task_instance, Action.TRANSITION, destino=Task.REGISTRAR_TRANSITO.value
    )
    perform(state, cpf, process, process.task_instance, Action.LAUNCH_MOVEMENTS, movements=[(848, {})])
    auto = [e for e in state.ledger if e["action"] == "movimento_automatico"]
    assert [e["movement_codes"][0] for e in auto if e["process"] == process.number] == [1061, 92, 1051]
    assert all(e["actor_cpf"] is None for e in auto)


def test_transit_before_the_deadline_should_be_refused() -> None:
    state = MockState(SMALL)
    process = next(p for p in state.processes.values() if p.task == Task.LANCAR_MOVIMENTO.value)
    with pytest.raises(ActionRefused, match="decurso"):
        perform(
            state,
            state.servant.cpf,
            process,
            process.task_instance,
            Action.LAUNCH_MOVEMENTS,
            movements=[(MOVEMENTS["transitado_em_julgado"].code, {})],
        )


def test_a_judgment_movement_without_a_signed_sentence_should_be_refused() -> None:
    state = MockState(SMALL)
    process = _in(state, Task.LANCAR_MOVIMENTO)
    for doc in state.docs_of(process):
        doc.status = "minuta" if doc.doc_type == "Sentença" else doc.status
    with pytest.raises(ActionRefused, match="sentença assinada"):
        perform(
            state,
            state.servant.cpf,
            process,
            process.task_instance,
            Action.LAUNCH_MOVEMENTS,
            movements=[(MOVEMENTS["contas_aprovadas"].code, {})],
        )


def test_state_should_survive_a_restart_on_the_same_file(tmp_path: Path) -> None:
    from mock_pje import clock

    settings = SMALL.model_copy(update={"db": tmp_path / "mock.db"})
    state = MockState(settings)
    process = _in(state, Task.MINUTAR_SENTENCA)
    perform(state, state.servant.cpf, process, process.task_instance, Action.TAG, tag="JANO_TRIADO")
    perform(
        state,
        state.servant.cpf,
        process,
        process.task_instance,
        Action.SAVE_DRAFT,
        doc_type="Sentença",
        content="<p>Minuta</p>",
    )
    clock.advance(state, 3)
    number, draft_id, instance = process.number, process.draft_id, process.task_instance
    state.close()

    again = MockState(settings)
    restored = again.by_number[number]
    assert restored.tags == ["JANO_TRIADO"] and restored.draft_id == draft_id
    assert restored.task_instance == instance
    assert again.documents[draft_id or 0].text == "<p>Minuta</p>"
    assert [e["action"] for e in again.ledger] == ["etiquetar", "salvar_minuta"]
    assert again.clock_day == 3
    again.close()


def test_a_file_made_with_other_parameters_should_be_rejected(tmp_path: Path) -> None:
    MockState(SMALL.model_copy(update={"db": tmp_path / "mock.db"})).close()
    with pytest.raises(ConfigError, match="outros parâmetros"):
        MockState(SMALL.model_copy(update={"seed": 6, "db": tmp_path / "mock.db"}))


def test_the_inspection_api_should_require_the_admin_token(mock: MockHandle) -> None:
    import httpx

    for path in ("/_mock/ledger", "/_mock/truth", "/_mock/faults"):
        assert httpx.get(f"{mock.base_url}{path}").status_code == 401
        assert (
            httpx.get(f"{mock.base_url}{path}", headers={"Authorization": "Bearer wrong"}).status_code == 401
        )
    assert httpx.post(f"{mock.base_url}/_mock/reset").status_code == 401


def test_the_inspection_api_should_expose_truth_ledger_faults_sign_clock_and_reset(mock: MockHandle) -> None:
    admin = mock.admin()
    truth = admin.get("/_mock/truth").json()
    assert len(truth) == len(mock.state.processes)
    assert {"process", "class", "zone", "expected_label", "flags"} <= set(truth[0])

    pending = _in(mock.state, Task.MINUTAR_SENTENCA)
    for action in (Action.SAVE_DRAFT, Action.SEND_TO_SIGN):
        perform(
            mock.state,
            mock.servant_cpf,
            pending,
            pending.task_instance,
            action,
            doc_type="Sentença",
            content="<p>JULGO APROVADAS as contas.</p>",
        )
    signed = admin.post("/_mock/sign", json={"process": pending.number}).json()["signed"]
    assert signed[0]["process"] == pending.number and pending.task == Task.LANCAR_MOVIMENTO.value
    ledger = admin.get("/_mock/ledger").json()
    assert ledger[-1]["actor_cpf"] == mock.state.judge_of(pending.zone).cpf
    assert {"actor_cpf", "process", "action", "movement_codes", "document_id", "at"} <= set(ledger[-1])

    assert (
        admin.post("/_mock/faults", json={"profile": "heavy", "latency_ms": 5}).json()["profile"] == "heavy"
    )
    assert mock.state.faults.latency_ms == 5
    admin.post("/_mock/faults", json={"profile": "off", "latency_ms": 0})
    assert admin.post("/_mock/clock", json={"days": 2}).json()["day"] == 2
    assert admin.post("/_mock/reset").json()["processes"] == len(truth)
    assert admin.get("/_mock/ledger").json() == [] and mock.state.clock_day == 0


def test_seeded_waiting_processes_should_have_their_deadline_movements_materialized() -> None:
    state = MockState(MockSettings(seed=21, zones=3, per_zone=60))
    waiting = [t for t in state.truth if t.routine == "transito-em-julgado"]
    assert waiting
    for truth in waiting:
        codes = [m["code"] for m in state.by_number[truth.process].movements]
        assert (1051 in codes) == ("prazo_em_curso" not in truth.flags)
        assert codes[:2] == [1061, 92]


def test_positional_ids_should_shift_between_starts_on_the_same_file_with_faults_on(tmp_path: Path) -> None:
    settings = SMALL.model_copy(update={"db": tmp_path / "mock.db", "faults": "light"})
    bases = []
    for _ in range(3):
        state = MockState(settings)
        bases.append(state.faults.jsf_base)
        state.close()
    assert len(set(bases)) > 1
    quiet = MockState(SMALL)
    assert quiet.faults.jsf_base == MockState(SMALL).faults.jsf_base
