"""Label sets of the two models (docs/domain.md#outcomes-and-labels). One place for these facts."""

from __future__ import annotations

CONTAS_LABELS: tuple[str, ...] = (
    "APROVACAO",
    "APROVACAO_COM_RESSALVAS",
    "DESAPROVACAO",
    "NAO_PRESTADAS",
    "DILIGENCIA",
)
RCAND_LABELS: tuple[str, ...] = ("DEFERIMENTO", "INDEFERIMENTO", "DILIGENCIA")

LABELS_BY_MODEL: dict[str, tuple[str, ...]] = {"contas": CONTAS_LABELS, "rcand": RCAND_LABELS}
MODEL_NAMES: tuple[str, ...] = tuple(LABELS_BY_MODEL)
