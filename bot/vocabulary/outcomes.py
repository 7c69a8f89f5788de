"""What the bot does with each classified outcome, per process class: one table.

See docs/domain.md#outcomes-and-labels.

:data:`OUTCOMES` is keyed by ``(ProcessClass, label)`` – the label alone cannot tell a DRAP deferido
from an RRC deferido. Each row names the act template of the sentença that decides the outcome (an id
of ``bot.acts.TEMPLATES``) and the judgment movement launched once the judge signed it (a key of
``MOVEMENTS``); where a person must act instead, the row says why (:class:`ByHand`, pt-BR).
``tests/bot/vocabulary/test_outcomes.py`` ties the table to the templates, the movements and the routines.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.vocabulary.domain import ProcessClass
from classifiers.labels import ContasLabel, RcandLabel


@dataclass(frozen=True)
class ByHand:
    """A person does this step; ``reason`` (pt-BR) is what the bot tells them."""

    reason: str


@dataclass(frozen=True)
class LabelOutcome:
    """The sentença template and the judgment movement of one outcome, or why a person does each."""

    template: str | ByHand  # id in bot.acts.TEMPLATES
    movement: str | ByHand  # key of bot.vocabulary.domain.MOVEMENTS


_CONTAS_DILIGENCIA = LabelOutcome(
    ByHand("os pareceres pedem diligências: minutar despacho de intimação manualmente"),
    ByHand("a sentença não julga as contas (DILIGENCIA): lançar o movimento manualmente"),
)


def _contas() -> dict[ContasLabel, LabelOutcome]:
    return {
        ContasLabel.APROVACAO: LabelOutcome("sentenca-contas-aprovacao", "contas_aprovadas"),
        ContasLabel.APROVACAO_COM_RESSALVAS: LabelOutcome(
            "sentenca-contas-aprovacao-ressalvas", "contas_aprovadas_ressalvas"
        ),
        ContasLabel.DESAPROVACAO: LabelOutcome("sentenca-contas-desaprovacao", "contas_desaprovadas"),
        ContasLabel.NAO_PRESTADAS: LabelOutcome("sentenca-contas-nao-prestadas", "contas_nao_prestadas"),
        ContasLabel.DILIGENCIA: _CONTAS_DILIGENCIA,
    }


# No act template for candidacy sentenças yet; the public sources give no TPU code for an
# indeferred DRAP (docs/domain.md#movements-and-communications), so that one is launched by hand.
_NO_RCAND_TEMPLATE = ByHand("sem modelo de sentença de registro de candidatura: minutar manualmente")
_RCAND_DILIGENCIA = ByHand("a sentença não julga o registro (DILIGENCIA): lançar o movimento manualmente")

OUTCOMES: dict[tuple[ProcessClass, str], LabelOutcome] = {
    **{(ProcessClass.PCE, label): row for label, row in _contas().items()},
    **{(ProcessClass.PCA, label): row for label, row in _contas().items()},
    (ProcessClass.RCAND_DRAP, RcandLabel.DEFERIMENTO): LabelOutcome(_NO_RCAND_TEMPLATE, "drap_deferido"),
    (ProcessClass.RCAND_DRAP, RcandLabel.INDEFERIMENTO): LabelOutcome(
        _NO_RCAND_TEMPLATE,
        ByHand("sem código TPU para o indeferimento do DRAP: lançar o movimento manualmente"),
    ),
    (ProcessClass.RCAND_DRAP, RcandLabel.DILIGENCIA): LabelOutcome(_NO_RCAND_TEMPLATE, _RCAND_DILIGENCIA),
    (ProcessClass.RCAND_RRC, RcandLabel.DEFERIMENTO): LabelOutcome(_NO_RCAND_TEMPLATE, "rrc_deferido"),
    (ProcessClass.RCAND_RRC, RcandLabel.INDEFERIMENTO): LabelOutcome(_NO_RCAND_TEMPLATE, "rrc_indeferido"),
    (ProcessClass.RCAND_RRC, RcandLabel.DILIGENCIA): LabelOutcome(_NO_RCAND_TEMPLATE, _RCAND_DILIGENCIA),
}


def outcome_of(process_class: str, label: str) -> LabelOutcome | None:
    """The row of a process class (``"PCE"`` or a :class:`ProcessClass`) and a label; None if none."""
    try:
        return OUTCOMES.get((ProcessClass(process_class), label))
    except ValueError:  # not a class of the vocabulary
        return None


def judgment_movement(process_class: str, label: str | None) -> str | None:
    """The MOVEMENTS key of the judgment of this outcome, or None when a person launches it."""
    row = outcome_of(process_class, label) if label is not None else None
    return row.movement if row is not None and isinstance(row.movement, str) else None
