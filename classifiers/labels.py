"""Label sets of the two models (docs/domain.md#outcomes-and-labels). One place for these facts.

The labels are ``StrEnum``s: a member equals (and hashes as) its value, so JSON, the database and the
model cards hold the same strings as before, and code compares a classifier's plain-string label with
``ContasLabel.APROVACAO`` directly.
"""

from __future__ import annotations

from enum import StrEnum


class ContasLabel(StrEnum):
    """Outcomes of an accounts process (PCE, PCA): pareceres and sentenças."""

    APROVACAO = "APROVACAO"
    APROVACAO_COM_RESSALVAS = "APROVACAO_COM_RESSALVAS"
    DESAPROVACAO = "DESAPROVACAO"
    NAO_PRESTADAS = "NAO_PRESTADAS"
    DILIGENCIA = "DILIGENCIA"


class RcandLabel(StrEnum):
    """Outcomes of a candidacy registration (DRAP, RRC): parecer of the MPE and sentenças."""

    DEFERIMENTO = "DEFERIMENTO"
    INDEFERIMENTO = "INDEFERIMENTO"
    DILIGENCIA = "DILIGENCIA"


# In declaration order: the order is the models' label index (training data, heads, cards).
CONTAS_LABELS: tuple[ContasLabel, ...] = tuple(ContasLabel)
RCAND_LABELS: tuple[RcandLabel, ...] = tuple(RcandLabel)
# The outcomes that decide the process (every label but DILIGENCIA): what a sentença can say.
DECISIVE_CONTAS: tuple[ContasLabel, ...] = tuple(x for x in ContasLabel if x != ContasLabel.DILIGENCIA)
DECISIVE_RCAND: tuple[RcandLabel, ...] = tuple(x for x in RcandLabel if x != RcandLabel.DILIGENCIA)

LABELS_BY_MODEL: dict[str, tuple[str, ...]] = {"contas": CONTAS_LABELS, "rcand": RCAND_LABELS}
MODEL_NAMES: tuple[str, ...] = tuple(LABELS_BY_MODEL)
