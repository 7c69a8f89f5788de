from __future__ import annotations

import pytest

from bot.vocabulary.domain import MOVEMENTS, Channel, Task
from routines.base import Manual, ProposeAction
from routines.contas_codigo_julgamento import ContasCodigoJulgamento
from tests.routines.builders import doc, snapshot

ROUTINE = ContasCodigoJulgamento()


@pytest.mark.parametrize(
    ("label", "key"),
    [("APROVACAO_COM_RESSALVAS", "contas_aprovadas_ressalvas"), ("DESAPROVACAO", "contas_desaprovadas")],
)
def test_codigo_should_propose_the_judgment_movement_and_communications(ctx, label: str, key: str) -> None:
    decision = ROUTINE.decide(ctx, snapshot(doc("31", "Sentença", f"JULGO [[{label}]]", signed=True)))
    assert isinstance(decision, ProposeAction)
    action = decision.action
    assert [m.code for m in action.movements] == [MOVEMENTS[key].code]
    assert {c.channel for c in action.communications} == {Channel.DJE, Channel.SISTEMA}
    assert all(c.linked_document == "31" for c in action.communications)
    assert action.transition == str(Task.AGUARDAR_PRAZO) and action.draft is None


def test_codigo_should_not_act_on_an_unsigned_sentenca(ctx) -> None:
    decision = ROUTINE.decide(ctx, snapshot(doc("31", "Sentença", "[[APROVACAO]]", signed=False)))
    assert isinstance(decision, Manual) and "missing_document" in decision.flags


def test_codigo_should_take_movement_codes_from_the_configuration_table(ctx) -> None:
    ctx.movement_code = lambda key: 99999 if key == "contas_aprovadas" else MOVEMENTS[key].code
    decision = ROUTINE.decide(ctx, snapshot(doc("31", "Sentença", "[[APROVACAO]]")))
    assert isinstance(decision, ProposeAction) and decision.action.movements[0].code == 99999


def test_codigo_should_leave_a_diligencia_sentenca_to_a_person(ctx) -> None:
    decision = ROUTINE.decide(ctx, snapshot(doc("31", "Sentença", "[[DILIGENCIA]]")))
    assert isinstance(decision, Manual)
