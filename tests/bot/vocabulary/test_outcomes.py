"""The (class, label) outcomes table agrees with the templates, the movements and the routines."""

from __future__ import annotations

import routines
from bot.acts import TEMPLATES
from bot.vocabulary.domain import MOVEMENTS, ProcessClass
from bot.vocabulary.outcomes import OUTCOMES, ByHand, judgment_movement, outcome_of
from classifiers.labels import LABELS_BY_MODEL, ContasLabel, RcandLabel

RCAND_CLASSES = (ProcessClass.RCAND_DRAP, ProcessClass.RCAND_RRC)


def test_outcomes_should_name_existing_templates_and_movements_or_say_why_a_person_acts() -> None:
    for key, row in OUTCOMES.items():
        if isinstance(row.template, ByHand):
            assert row.template.reason.strip(), key
        else:
            assert row.template in TEMPLATES, key
            assert TEMPLATES[row.template].document_type == "Sentença", key
        if isinstance(row.movement, ByHand):
            assert row.movement.reason.strip(), key
        else:
            assert row.movement in MOVEMENTS, key


def test_outcomes_should_cover_every_label_of_every_class_the_routines_read() -> None:
    for routine in routines.REGISTRY.values():
        if routine.model is None:
            continue
        for cls in routine.classes:
            for label in LABELS_BY_MODEL[routine.model]:
                assert (cls, label) in OUTCOMES, (routine.name, cls, label)
    for cls in RCAND_CLASSES:
        assert {label for c, label in OUTCOMES if c == cls} == set(RcandLabel)
    assert len(OUTCOMES) == 2 * len(ContasLabel) + 2 * len(RcandLabel)


def test_outcomes_should_tell_a_drap_deferido_from_an_rrc_deferido() -> None:
    drap = OUTCOMES[(ProcessClass.RCAND_DRAP, RcandLabel.DEFERIMENTO)]
    rrc = OUTCOMES[(ProcessClass.RCAND_RRC, RcandLabel.DEFERIMENTO)]
    assert drap.movement == "drap_deferido" and MOVEMENTS["drap_deferido"].code == 12659
    assert rrc.movement == "rrc_deferido" and MOVEMENTS["rrc_deferido"].code == 12657
    assert judgment_movement("DRAP", "DEFERIMENTO") != judgment_movement("RRC", "DEFERIMENTO")
    # No public TPU code for an indeferred DRAP: a person launches it.
    assert isinstance(OUTCOMES[(ProcessClass.RCAND_DRAP, RcandLabel.INDEFERIMENTO)].movement, ByHand)
    assert OUTCOMES[(ProcessClass.RCAND_RRC, RcandLabel.INDEFERIMENTO)].movement == "rrc_indeferido"


def test_outcomes_should_keep_the_accounts_templates_and_movements() -> None:
    expected = {
        ContasLabel.APROVACAO: ("sentenca-contas-aprovacao", "contas_aprovadas"),
        ContasLabel.APROVACAO_COM_RESSALVAS: (
            "sentenca-contas-aprovacao-ressalvas",
            "contas_aprovadas_ressalvas",
        ),
        ContasLabel.DESAPROVACAO: ("sentenca-contas-desaprovacao", "contas_desaprovadas"),
        ContasLabel.NAO_PRESTADAS: ("sentenca-contas-nao-prestadas", "contas_nao_prestadas"),
    }
    for cls in (ProcessClass.PCE, ProcessClass.PCA):
        for label, (template, movement) in expected.items():
            row = OUTCOMES[(cls, label)]
            assert (row.template, row.movement) == (template, movement)
        diligencia = OUTCOMES[(cls, ContasLabel.DILIGENCIA)]
        assert isinstance(diligencia.template, ByHand) and isinstance(diligencia.movement, ByHand)


def test_outcome_of_should_take_plain_strings_and_answer_none_for_unknown_pairs() -> None:
    assert outcome_of("PCE", "APROVACAO") is OUTCOMES[(ProcessClass.PCE, ContasLabel.APROVACAO)]
    assert outcome_of("PCE", "DEFERIMENTO") is None
    assert outcome_of("XYZ", "APROVACAO") is None
    assert judgment_movement("PCA", None) is None
    assert judgment_movement("PCA", "DILIGENCIA") is None
