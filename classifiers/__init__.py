"""Classifiers that read pareceres and sentenças: training, evaluation, registry and inference.

The public surface is small and torch-free at import: :class:`Prediction`, the :class:`Classifier`
protocol (routine tests pass a fake) and :func:`load`, which imports torch only when called.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from bot.config.settings import Settings


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


def load(model_name: str, settings: Settings) -> Classifier:
    """Load the newest cached artifact of ``model_name`` (``contas`` or ``rcand``).

    Raises:
        InputError: unknown model name.
        ConfigError: no artifact trained yet, or the artifact's labels differ from the model's.
    """
    from classifiers.inference import load_classifier

    return load_classifier(model_name, settings)


__all__ = ["Classifier", "Prediction", "load"]
