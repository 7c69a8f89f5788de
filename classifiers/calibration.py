"""Temperature scaling, expected calibration error, selective-accuracy threshold and metrics (numpy only)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

ECE_BINS = 15


def softmax(logits: np.ndarray, temperature: float = 1.0) -> np.ndarray:
    z = np.asarray(logits, dtype=np.float64) / temperature
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def nll(logits: np.ndarray, y: np.ndarray, temperature: float) -> float:
    p = softmax(logits, temperature)
    return float(-np.mean(np.log(np.clip(p[np.arange(len(y)), y], 1e-12, 1.0))))


def fit_temperature(logits: np.ndarray, y: np.ndarray) -> float:
    """The temperature minimising validation NLL (log-grid search, then golden-section refinement)."""
    if len(y) == 0:
        return 1.0
    grid = np.exp(np.linspace(np.log(0.05), np.log(20.0), 200))
    losses = [nll(logits, y, t) for t in grid]
    i = int(np.argmin(losses))
    lo, hi = np.log(grid[max(i - 1, 0)]), np.log(grid[min(i + 1, len(grid) - 1)])
    phi = (np.sqrt(5) - 1) / 2
    for _ in range(40):
        a, b = hi - phi * (hi - lo), lo + phi * (hi - lo)
        if nll(logits, y, float(np.exp(a))) < nll(logits, y, float(np.exp(b))):
            hi = b
        else:
            lo = a
    return float(np.exp((lo + hi) / 2))


def ece(probs: np.ndarray, y: np.ndarray, bins: int = ECE_BINS) -> float:
    """Expected calibration error of the top-label confidence, equal-width bins."""
    if len(y) == 0:
        return 0.0
    conf = probs.max(axis=1)
    correct = (probs.argmax(axis=1) == y).astype(np.float64)
    edges = np.linspace(0.0, 1.0, bins + 1)
    total = 0.0
    for lo, hi in zip(edges[:-1], edges[1:], strict=True):
        mask = (conf > lo) & (conf <= hi)
        if mask.any():
            total += mask.mean() * abs(correct[mask].mean() - conf[mask].mean())
    return float(total)


def reliability(probs: np.ndarray, y: np.ndarray, bins: int = ECE_BINS) -> list[tuple[float, float, int]]:
    """(mean confidence, accuracy, count) per non-empty bin, for the reliability diagram."""
    conf = probs.max(axis=1)
    correct = (probs.argmax(axis=1) == y).astype(np.float64)
    edges = np.linspace(0.0, 1.0, bins + 1)
    out = []
    for lo, hi in zip(edges[:-1], edges[1:], strict=True):
        mask = (conf > lo) & (conf <= hi)
        if mask.any():
            out.append((float(conf[mask].mean()), float(correct[mask].mean()), int(mask.sum())))
    return out


def combine(logits: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """An ensemble's answer and where its members disagree.

    ``logits`` is ``members × n × labels`` (or ``n × labels`` for a single model). Returns the mean
    logits (``n × labels``) and a boolean per row: True where the members' votes (argmax) are not all
    the same – the model abstains there, however confident the mean looks.
    """
    if logits.ndim == 2:
        return logits, np.zeros(len(logits), dtype=bool)
    votes = logits.argmax(axis=2)
    return logits.mean(axis=0), (votes != votes[:1]).any(axis=0)


def choose_threshold(probs: np.ndarray, y: np.ndarray, target: float = 0.99) -> float:
    """Lowest confidence threshold whose selective accuracy on (validation) data is >= ``target``,
    counted pessimistically: one error more than seen in the accepted set.

    Scans thresholds from high to low confidence and keeps the lowest one at which the accepted set is
    still accurate enough; falls back to the highest confidence seen when none qualifies. The extra
    error keeps a small validation split from choosing a threshold that only just met the target
    there (with 300 documents, 2 errors are allowed in the accepted set, not 3).
    """
    if len(y) == 0:
        return 0.5
    conf = probs.max(axis=1)
    correct = probs.argmax(axis=1) == y
    order = np.argsort(-conf, kind="stable")
    errors = np.cumsum(~correct[order]) + 1
    counts = np.arange(1, len(order) + 1)
    acc = 1.0 - errors / counts
    ok = np.nonzero(acc >= target)[0]
    if len(ok) == 0:
        return float(conf[order[0]])
    # the largest accepted prefix that is accurate enough, cut between distinct confidences
    k = int(ok[-1])
    return float(conf[order[k]])


@dataclass(frozen=True)
class Metrics:
    """Classification metrics on one split (labels are indices into ``labels``)."""

    labels: list[str]
    n: int
    accuracy: float
    macro_f1: float
    per_class: dict[str, dict[str, float]]  # label -> precision, recall, f1, support
    confusion: list[list[int]]  # rows = true, columns = predicted
    ece_before: float
    ece_after: float
    coverage: float
    selective_accuracy: float

    def as_dict(self) -> dict[str, object]:
        return {
            "n": self.n,
            "accuracy": self.accuracy,
            "macro_f1": self.macro_f1,
            "per_class": self.per_class,
            "confusion": self.confusion,
            "ece_before": self.ece_before,
            "ece_after": self.ece_after,
            "coverage": self.coverage,
            "selective_accuracy": self.selective_accuracy,
        }


def compute_metrics(
    labels: list[str],
    y: np.ndarray,
    probs_raw: np.ndarray,
    probs_cal: np.ndarray,
    threshold: float,
    abstained_before: np.ndarray | None = None,
) -> Metrics:
    """Metrics of calibrated predictions; ``abstained_before`` marks pre-model abstentions (not covered)."""
    k = len(labels)
    pred = probs_cal.argmax(axis=1)
    conf = probs_cal.max(axis=1)
    confusion = np.zeros((k, k), dtype=int)
    for t, p in zip(y, pred, strict=True):
        confusion[t, p] += 1
    per_class: dict[str, dict[str, float]] = {}
    f1s = []
    for i, name in enumerate(labels):
        tp = confusion[i, i]
        prec = tp / confusion[:, i].sum() if confusion[:, i].sum() else 0.0
        rec = tp / confusion[i, :].sum() if confusion[i, :].sum() else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        support = int(confusion[i, :].sum())
        per_class[name] = {
            "precision": float(prec),
            "recall": float(rec),
            "f1": float(f1),
            "support": support,
        }
        if support:
            f1s.append(f1)
    accepted = conf >= threshold
    if abstained_before is not None:
        accepted &= ~abstained_before
    n = len(y)
    coverage = float(accepted.mean()) if n else 0.0
    sel = float((pred[accepted] == y[accepted]).mean()) if accepted.any() else 0.0
    return Metrics(
        labels=list(labels),
        n=n,
        accuracy=float((pred == y).mean()) if n else 0.0,
        macro_f1=float(np.mean(f1s)) if f1s else 0.0,
        per_class=per_class,
        confusion=confusion.tolist(),
        ece_before=ece(probs_raw, y),
        ece_after=ece(probs_cal, y),
        coverage=coverage,
        selective_accuracy=sel,
    )
