from __future__ import annotations

import pytest

from bot.core.errors import InputError
from bot.queue import audit, workitems
from bot.queue.db import Database
from bot.queue.workitems import ALLOWED, IllegalTransition, State, transition
from tests.bot.factories import ROUTINE, process_number


def test_create_item_should_start_new_and_be_unique_per_routine_and_process(db: Database) -> None:
    with db.session() as s:
        first = workitems.create_item(s, routine=ROUTINE, process=process_number(), zone=16)
        again = workitems.create_item(s, routine=ROUTINE, process=process_number(), zone=16)
        other = workitems.create_item(
            s, routine="contas-codigo-julgamento", process=process_number(), zone=16
        )
        assert first.id == again.id
        assert other.id != first.id
        assert first.state == State.NEW
        assert first.code == f"JN-{first.id:06d}"


def test_create_item_should_refuse_a_bad_process_number(db: Database) -> None:
    with db.session() as s, pytest.raises(InputError, match="número de processo inválido"):
        workitems.create_item(s, routine=ROUTINE, process="0600251-00.2024.6.05.0016", zone=16)


def test_transition_should_write_exactly_one_audit_record_per_legal_move(db: Database) -> None:
    with db.session() as s:
        item = workitems.create_item(s, routine=ROUTINE, process=process_number(), zone=16)
        before = audit.count(s)
        transition(s, item, State.READING, actor="bot")
        transition(s, item, State.MANUAL, actor="bot", reason="pareceres divergentes")
        assert audit.count(s) == before + 2
        last = audit.records_for(s, item.id)[-1]
        assert last.event == "transition"
        assert audit.decoded(last) == {"from": "READING", "to": "MANUAL", "reason": "pareceres divergentes"}
        assert item.reason == "pareceres divergentes"


@pytest.mark.parametrize(
    ("path", "illegal"),
    [
        ([], State.PROPOSED),
        ([], State.DONE),
        ([State.READING], State.APPROVED),
        ([State.READING], State.EXECUTING),
        ([State.READING, (State.MANUAL, "x")], State.PROPOSED),
    ],
)
def test_transition_should_raise_and_record_nothing_on_an_illegal_move(
    db: Database, path: list[State | tuple[State, str]], illegal: State
) -> None:
    with db.session() as s:
        item = workitems.create_item(s, routine=ROUTINE, process=process_number(), zone=16)
        for step in path:
            state, reason = step if isinstance(step, tuple) else (step, None)
            transition(s, item, state, actor="bot", reason=reason)
        before, state_before = audit.count(s), item.state
        with pytest.raises(IllegalTransition):
            transition(s, item, illegal, actor="bot", reason="r")
        assert audit.count(s) == before
        assert item.state == state_before


def test_transition_should_require_a_reason_for_side_exits(db: Database) -> None:
    with db.session() as s:
        item = workitems.create_item(s, routine=ROUTINE, process=process_number(), zone=16)
        transition(s, item, State.READING, actor="bot")
        with pytest.raises(IllegalTransition, match="motivo"):
            transition(s, item, State.MANUAL, actor="bot")


def test_transition_should_keep_the_trace_path_of_a_failed_item(db: Database) -> None:
    with db.session() as s:
        item = workitems.create_item(s, routine=ROUTINE, process=process_number(), zone=16)
        transition(s, item, State.READING, actor="bot")
        transition(
            s, item, State.FAILED, actor="bot", reason="timeout", data={"trace_path": "var/a/trace.zip"}
        )
        assert item.trace_path == "var/a/trace.zip"
        transition(s, item, State.READING, actor="bot")  # re-proposal after a failure
        assert item.state == State.READING


def test_terminal_states_should_allow_no_move() -> None:
    assert ALLOWED[State.DONE] == frozenset()
    assert ALLOWED[State.REJECTED] == frozenset()
    assert all(
        State.EXECUTING not in targets for source, targets in ALLOWED.items() if source != State.APPROVED
    )


def test_parse_item_id_should_accept_number_and_code_and_refuse_garbage() -> None:
    assert workitems.parse_item_id("JN-000042") == 42
    assert workitems.parse_item_id("jn-42") == 42
    assert workitems.parse_item_id("42") == 42
    with pytest.raises(InputError):
        workitems.parse_item_id("abc")


def test_get_item_should_raise_input_error_for_unknown_id(db: Database) -> None:
    with db.session() as s, pytest.raises(InputError, match="não encontrado"):
        workitems.get_item(s, 999)


def test_parse_state_should_refuse_unknown_state() -> None:
    assert workitems.parse_state("proposed") == State.PROPOSED
    with pytest.raises(InputError, match="estado desconhecido"):
        workitems.parse_state("PENDING")
