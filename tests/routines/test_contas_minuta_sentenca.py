from __future__ import annotations

import pytest

from bot.vocabulary.domain import TAG_DIVERGENCIA, Task
from routines.base import Manual, ProposeAction
from routines.contas_minuta_sentenca import ContasMinutaSentenca
from tests.routines.builders import doc, snapshot

TEC, MPE = "Parecer Técnico Conclusivo", "Parecer do Ministério Público Eleitoral"
ROUTINE = ContasMinutaSentenca()


@pytest.mark.parametrize(
    ("label", "verdict"),
    [
        ("APROVACAO", "JULGO APROVADAS</strong> as contas"),
        ("APROVACAO_COM_RESSALVAS", "JULGO APROVADAS COM RESSALVAS"),
        ("NAO_PRESTADAS", "JULGO NÃO PRESTADAS"),
    ],
)
def test_minuta_should_draft_the_sentenca_matching_agreeing_pareceres(ctx, label: str, verdict: str) -> None:
    process = snapshot(doc("11", TEC, f"Conclusão [[{label}]]"), doc("12", MPE, f"Opina [[{label}]]"))
    decision = ROUTINE.decide(ctx, process)
    assert isinstance(decision, ProposeAction)
    action = decision.action
    assert decision.label == label
    assert action.draft is not None and verdict in action.draft.body
    assert "0600251-45.2020.6.24.0016" in action.draft.body and "Maria da Silva" in action.draft.body
    assert "Inteligência Artificial JANO" in action.draft.body
    assert action.transition == str(Task.ASSINAR)
    assert [d.id for d in action.meta.documents] == ["11", "12"]


def test_minuta_should_carry_amount_and_ground_with_source_span_for_desaprovacao(ctx) -> None:
    tecnico = (
        "Foram analisadas as receitas. Constatou-se o recebimento de recursos de origem não identificada. "
        "Ante o exposto, opina-se pela desaprovação das contas, com recolhimento de R$ 12.345,67 ao Tesouro "
        "Nacional. [[DESAPROVACAO]]"
    )
    decision = ROUTINE.decide(ctx, snapshot(doc("11", TEC, tecnico), doc("12", MPE, "[[DESAPROVACAO]]")))
    assert isinstance(decision, ProposeAction)
    extraction = decision.action.meta.extraction
    assert extraction is not None and extraction.amount == "R$ 12.345,67"
    assert extraction.ground == "recursos de origem não identificada"
    assert extraction.source_span is not None and "R$ 12.345,67" in extraction.source_span.text
    assert (
        tecnico[extraction.source_span.start : extraction.source_span.end].strip()
        == extraction.source_span.text
    )
    assert "R$ 12.345,67" in decision.action.draft.body  # type: ignore[union-attr]


def test_minuta_should_send_divergent_pareceres_to_a_person_with_the_tag(ctx) -> None:
    decision = ROUTINE.decide(
        ctx, snapshot(doc("11", TEC, "[[APROVACAO]]"), doc("12", MPE, "[[DESAPROVACAO]]"))
    )
    assert isinstance(decision, Manual)
    assert TAG_DIVERGENCIA in decision.flags and "divergência" in decision.reason


@pytest.mark.parametrize(
    ("docs", "flag"),
    [
        ((doc("12", MPE, "[[APROVACAO]]"),), "missing_document"),
        ((doc("11", TEC, None), doc("12", MPE, "[[APROVACAO]]")), "no_text_layer"),
        ((doc("11", TEC, "[[DILIGENCIA]]"), doc("12", MPE, "[[DILIGENCIA]]")), "JANO_DILIGENCIA"),
        ((doc("11", TEC, "[[?]]"), doc("12", MPE, "[[APROVACAO]]")), "low_confidence"),
        (
            (doc("11", TEC, "sem valor [[DESAPROVACAO]]"), doc("12", MPE, "[[DESAPROVACAO]]")),
            "missing_amount",
        ),
    ],
)
def test_minuta_should_send_uncertain_or_incomplete_processes_to_a_person(ctx, docs, flag: str) -> None:
    decision = ROUTINE.decide(ctx, snapshot(*docs))
    assert isinstance(decision, Manual)
    assert flag in decision.flags
    assert decision.reason


def test_minuta_should_read_the_latest_parecer_when_there_are_several(ctx, classifier) -> None:
    process = snapshot(
        doc("10", TEC, "antigo [[DESAPROVACAO]]"),
        doc("11", TEC, "novo [[APROVACAO]]"),
        doc("12", MPE, "[[APROVACAO]]"),
    )
    decision = ROUTINE.decide(ctx, process)
    assert isinstance(decision, ProposeAction) and decision.label == "APROVACAO"
    assert classifier.calls[-1][0].startswith("novo")


def test_minuta_should_record_the_model_card_in_the_audit_metadata(ctx, classifier) -> None:
    classifier.card = {
        "model": "contas",
        "version": "20261121T000000Z",
        "weights_sha256": "ab",
        "data_hash": "cd",
    }
    decision = ROUTINE.decide(ctx, snapshot(doc("11", TEC, "[[APROVACAO]]"), doc("12", MPE, "[[APROVACAO]]")))
    assert isinstance(decision, ProposeAction)
    model = decision.action.meta.model
    assert model is not None and (model.name, model.version, model.weights_hash) == (
        "contas",
        "20261121T000000Z",
        "ab",
    )
    assert decision.action.meta.threshold == classifier.threshold
