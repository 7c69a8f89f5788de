"""Classifiers that read pareceres and sentenças: training, evaluation, registry and inference.

Owns the label sets (``labels``), the artifacts and their cards (``registry``), training and
evaluation, inference, its own settings model (``settings.ClassifierSettings``) and error types
(``errors``). It is a package of its own: it imports nothing from ``bot``, ``routines`` or
``mock_pje`` (an import-linter contract in pyproject checks it). The training corpus generator
(``fixtures.corpus``) is handed in by the caller (``jano train`` / ``jano eval``, benchmarks, tests),
never imported here.

The public surface is small and torch-free at import: :class:`Prediction`, the :class:`Classifier`
protocol (routine tests pass a fake) and :func:`load`, which imports torch only when called.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from classifiers.prediction import Classifier, Prediction

if TYPE_CHECKING:
    from classifiers.settings import ClassifierSettings


def load(model_name: str, settings: ClassifierSettings) -> Classifier:
    """Load the newest cached artifact of ``model_name`` (``contas`` or ``rcand``) from
    ``settings.models_dir``.

    Raises:
        ClassifierInputError: unknown model name.
        ClassifierConfigError: no artifact trained yet, or the artifact's labels differ from the model's.
    """
    from classifiers.inference import load_classifier

    return load_classifier(model_name, settings)


__all__ = ["Classifier", "Prediction", "load"]
