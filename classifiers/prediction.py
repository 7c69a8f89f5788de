"""What a classifier answers (:class:`Prediction`) and what its callers rely on (:class:`Classifier`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable


@dataclass(frozen=True)
class Prediction:
    """One classified document.

    ``label`` is None when the model abstained; ``reason`` then says why (pt-BR, shown to people).
    ``confidence`` is the calibrated probability of the top label (0.0 when abstained before the model
    ran). ``evidence`` holds the sentences whose removal moves the prediction most.
    """

    label: str | None
    confidence: float
    abstained: bool
    reason: str | None = None
    probabilities: dict[str, float] = field(default_factory=dict)
    evidence: list[str] = field(default_factory=list)


@runtime_checkable
class Classifier(Protocol):
    """What routines need from a classifier."""

    def predict(self, texts: list[str]) -> list[Prediction]: ...
