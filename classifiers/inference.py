"""Inference with calibration, abstention and occlusion explanations (loads a versioned artifact)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import torch

from classifiers import calibration, registry
from classifiers.errors import ClassifierConfigError
from classifiers.model import EncoderClassifier, encoder_from_config
from classifiers.prediction import Prediction
from classifiers.text import canonical_outcomes, model_input, precheck
from classifiers.train import logits_for, token_counter

if TYPE_CHECKING:
    from classifiers.settings import ClassifierSettings

EVIDENCE_SENTENCES = 3
OCCLUSION_CANDIDATES = 8


class TransformerClassifier:
    """A fine-tuned artifact ready to classify (implements :class:`classifiers.Classifier`)."""

    def __init__(
        self,
        model: EncoderClassifier,
        tokenizer: Any,
        *,
        model_name: str,
        labels: list[str],
        temperature: float,
        threshold: float,
        max_length: int,
        card: dict[str, Any] | None = None,
        explain: bool = True,
        batch_size: int = 32,
    ) -> None:
        self.model = model.eval()
        self.tokenizer = tokenizer
        self.model_name = model_name
        self.labels = labels
        self.temperature = temperature
        self.threshold = threshold
        self.max_length = max_length
        self.card = card or {}
        self.explain = explain
        self.batch_size = batch_size
        self._count = token_counter(tokenizer)

    def _member_logits(self, texts: list[str]) -> np.ndarray:
        """Raw logits of every ensemble member for model inputs, ``members × n × labels`` (outcome
        synonyms made canonical here, as in training)."""
        canonical = [canonical_outcomes(t) for t in texts]
        return logits_for(self.model, self.tokenizer, canonical, self.max_length, self.batch_size)

    def _logits(self, texts: list[str]) -> np.ndarray:
        """Raw logits (the members' mean) for model inputs."""
        return calibration.combine(self._member_logits(texts))[0]

    def probabilities(self, texts: list[str]) -> np.ndarray:
        """Calibrated probabilities for raw documents (no abstention)."""
        inputs = [model_input(t, budget=self.max_length - 4, count=self._count)[0] for t in texts]
        return calibration.softmax(self._logits(inputs), self.temperature)

    def predict(self, texts: list[str]) -> list[Prediction]:
        """Classify raw documents; abstain with a pt-BR reason when unsure or out of scope."""
        results: list[Prediction | None] = [None] * len(texts)
        run: list[int] = []
        parts: dict[int, list[str]] = {}
        inputs: list[str] = []
        for i, text in enumerate(texts):
            check = precheck(text or "", self.model_name)
            if not check.ok:
                results[i] = Prediction(None, 0.0, True, check.reason, {}, [])
                continue
            joined, sents = model_input(text, budget=self.max_length - 4, count=self._count)
            run.append(i)
            parts[i] = sents
            inputs.append(joined)
        mean, disagree = calibration.combine(self._member_logits(inputs))
        probs = calibration.softmax(mean, self.temperature)
        evidence = self._occlusion(run, parts, probs) if self.explain else {}
        for row, i in enumerate(run):
            p = probs[row]
            k = int(p.argmax())
            conf = float(p[k])
            distribution = {label: float(v) for label, v in zip(self.labels, p, strict=True)}
            ev = evidence.get(i, [])
            if disagree[row]:
                reason = "os modelos do conjunto divergem sobre a conclusão do documento"
                results[i] = Prediction(None, conf, True, reason, distribution, ev)
            elif conf < self.threshold:
                reason = f"confiança {conf:.2f} abaixo do limiar {self.threshold:.2f}"
                results[i] = Prediction(None, conf, True, reason, distribution, ev)
            else:
                results[i] = Prediction(self.labels[k], conf, False, None, distribution, ev)
        return [r for r in results if r is not None]

    def _occlusion(
        self, run: list[int], parts: dict[int, list[str]], probs: np.ndarray
    ) -> dict[int, list[str]]:
        """For each document, the sentences whose removal lowers the predicted-class probability most."""
        variants: list[str] = []
        owners: list[tuple[int, int, str]] = []  # (row, predicted class, sentence)
        for row, i in enumerate(run):
            sents = parts[i]
            k = int(probs[row].argmax())
            # the header (first part) is context, not evidence; try the last sentences first
            candidates = list(range(1 if len(sents) > 1 else 0, len(sents)))[-OCCLUSION_CANDIDATES:]
            for j in candidates:
                variants.append(" ".join(s for jj, s in enumerate(sents) if jj != j))
                owners.append((row, k, sents[j]))
        if not variants:
            return {}
        occluded = calibration.softmax(self._logits(variants), self.temperature)
        drops: dict[int, list[tuple[float, str]]] = {}
        for (row, k, sentence), p in zip(owners, occluded, strict=True):
            drops.setdefault(row, []).append((float(probs[row][k] - p[k]), sentence))
        out: dict[int, list[str]] = {}
        for row, i in enumerate(run):
            ranked = sorted(drops.get(row, []), key=lambda d: -d[0])
            out[i] = [s for _, s in ranked[:EVIDENCE_SENTENCES]]
        return out


def load_artifact(path: Path, model_name: str, *, explain: bool = True) -> TransformerClassifier:
    """Load one artifact directory; ClassifierConfigError if its labels do not match ``model_name``."""
    from safetensors.torch import load_file
    from transformers import AutoTokenizer

    if not (path / registry.CARD_JSON).exists():
        raise ClassifierConfigError(f"artefato incompleto (sem {registry.CARD_JSON}): {path}")
    card = registry.read_card(path)
    card["path"] = str(path)
    registry.check_labels(card, model_name)
    import json

    config = json.loads((path / "config.json").read_text(encoding="utf-8"))
    torch.set_num_threads(max(1, min(2, torch.get_num_threads())))
    encoder = encoder_from_config(config)
    model = EncoderClassifier(
        encoder,
        len(card["labels"]),
        members=int(card.get("members", 1)),
        frozen=int(card.get("frozen_layers", 0)),
    )
    model.load_state_dict(load_file(str(path / "model.safetensors")))
    tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True)
    return TransformerClassifier(
        model,
        tokenizer,
        model_name=model_name,
        labels=list(card["labels"]),
        temperature=float(card["temperature"]),
        threshold=float(card["threshold"]),
        max_length=int(card["max_length"]),
        card=card,
        explain=explain,
    )


def load_classifier(
    model_name: str, settings: ClassifierSettings, *, explain: bool = True
) -> TransformerClassifier:
    """The newest artifact of ``model_name`` under ``settings.models_dir``."""
    registry.labels_for(model_name)
    return load_artifact(registry.latest(settings.models_dir, model_name), model_name, explain=explain)
