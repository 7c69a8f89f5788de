"""``jano eval``: re-measure an artifact on the test split and the hand-written set, beside the baseline."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from classifiers import calibration
from classifiers.baseline import Baseline
from classifiers.data import Corpus, Row, generated, handwritten
from classifiers.inference import TransformerClassifier, load_artifact
from classifiers.registry import labels_for, latest
from classifiers.train import Splits, TrainConfig, _evaluate_split, calibrate_and_score, prepare


@dataclass
class EvalReport:
    model_name: str
    artifact: Path
    labels: list[str]
    threshold: float
    temperature: float
    metrics: dict[str, dict[str, Any]]  # split -> {"transformer": ..., "baseline": ...}
    plots: list[Path]
    errors: dict[str, list[dict[str, Any]]]  # split -> misclassified hand-written / test rows


def evaluate(
    model_name: str, models_dir: Path, corpus: Corpus, *, handwritten_path: Path | None = None
) -> EvalReport:
    """Metrics of the newest artifact of ``model_name``; writes the PNGs into the artifact directory.

    ``corpus`` regenerates the artifact's splits; ``handwritten_path`` replaces the packaged
    hand-written set (ClassifierInputError when that file is missing).
    """
    hand = handwritten(model_name, labels_for(model_name), handwritten_path)  # a bad path fails first
    path = latest(models_dir, model_name)
    clf = load_artifact(path, model_name, explain=False)
    card = clf.card
    config = TrainConfig(**card["train_config"])
    labels = clf.labels
    splits: dict[str, list[Row]] = {
        "validation": generated(corpus, model_name, "validation", config.n_val),
        "test": generated(corpus, model_name, "test", config.n_test),
        "handwritten": hand,
    }
    train_rows = generated(corpus, model_name, "train", config.n_train)
    tok = clf.tokenizer
    prepared = {s: prepare([r.text for r in rows], tok, clf.max_length) for s, rows in splits.items()}
    prepared_train = prepare([r.text for r in train_rows], tok, clf.max_length)
    y_train = np.array([labels.index(r.label) for r in train_rows])
    baseline = Baseline(labels, config.seed).fit(prepared_train, y_train)

    members = {s: clf._member_logits(prepared[s]) for s in splits}
    logits = {s: calibration.combine(members[s])[0] for s in splits}
    base_logits = {
        s: baseline.logits(prepared[s]) if prepared[s] else np.zeros((0, len(labels))) for s in splits
    }

    sp = Splits(train_rows, splits["validation"], splits["test"], splits["handwritten"])
    # the artifact's own temperature and threshold (fit at training time on the same validation split)
    t_metrics = _rescore(labels, sp, members, clf.temperature, clf.threshold, model_name)
    _, _, b_metrics = calibrate_and_score(labels, sp, base_logits, model_name, config)
    metrics = {s: {"transformer": t_metrics[s], "baseline": b_metrics.get(s)} for s in t_metrics}
    plots = write_plots(path, labels, sp, logits, clf)
    errors = {s: _errors(labels, splits[s], logits[s], clf) for s in ("test", "handwritten")}
    return EvalReport(model_name, path, labels, clf.threshold, clf.temperature, metrics, plots, errors)


def _rescore(
    labels: list[str],
    sp: Splits,
    logits: dict[str, np.ndarray],
    temperature: float,
    threshold: float,
    model_name: str,
) -> dict[str, dict[str, Any]]:
    out = {}
    for split in ("validation", "test", "handwritten"):
        rows = getattr(sp, split)
        if rows:
            out[split] = _evaluate_split(labels, rows, logits[split], temperature, threshold, model_name)
    return out


def _errors(
    labels: list[str], rows: list[Row], logits: np.ndarray, clf: TransformerClassifier
) -> list[dict[str, Any]]:
    probs = calibration.softmax(logits, clf.temperature)
    out = []
    for row, p in zip(rows, probs, strict=True):
        k = int(p.argmax())
        if labels[k] != row.label:
            out.append({"id": row.id, "label": row.label, "predicted": labels[k], "confidence": float(p[k])})
    return out


def write_plots(
    path: Path, labels: list[str], sp: Splits, logits: dict[str, np.ndarray], clf: TransformerClassifier
) -> list[Path]:
    """Reliability diagram (before/after temperature scaling) and confusion matrices as PNGs."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    written: list[Path] = []
    splits = [s for s in ("test", "handwritten") if getattr(sp, s)]
    fig, axes = plt.subplots(1, len(splits), figsize=(5 * len(splits), 5), squeeze=False)
    for ax, split in zip(axes[0], splits, strict=True):
        y = np.array([labels.index(r.label) for r in getattr(sp, split)])
        for name, t, style in (("antes", 1.0, "o--"), ("depois", clf.temperature, "s-")):
            probs = calibration.softmax(logits[split], t)
            pts = calibration.reliability(probs, y)
            ax.plot(
                [c for c, _, _ in pts],
                [a for _, a, _ in pts],
                style,
                label=f"{name} (ECE {calibration.ece(probs, y):.3f})",
            )
        ax.plot([0, 1], [0, 1], ":", color="gray")
        ax.set_title(f"{clf.model_name} – {split}")
        ax.set_xlabel("confiança")
        ax.set_ylabel("acurácia")
        ax.legend()
    fig.tight_layout()
    out = path / "reliability.png"
    fig.savefig(out, dpi=90)
    plt.close(fig)
    written.append(out)

    fig, axes = plt.subplots(1, len(splits), figsize=(6 * len(splits), 5), squeeze=False)
    for ax, split in zip(axes[0], splits, strict=True):
        y = np.array([labels.index(r.label) for r in getattr(sp, split)])
        pred = logits[split].argmax(axis=1)
        cm = np.zeros((len(labels), len(labels)), dtype=int)
        for t, p in zip(y, pred, strict=True):
            cm[t, p] += 1
        ax.imshow(cm, cmap="Blues")
        short = [lab[:12] for lab in labels]
        ax.set_xticks(range(len(labels)), short, rotation=45, ha="right")
        ax.set_yticks(range(len(labels)), short)
        for i in range(len(labels)):
            for j in range(len(labels)):
                ax.text(j, i, str(cm[i, j]), ha="center", va="center")
        ax.set_title(f"{clf.model_name} – {split}")
        ax.set_xlabel("previsto")
        ax.set_ylabel("verdadeiro")
    fig.tight_layout()
    out = path / "confusion.png"
    fig.savefig(out, dpi=90)
    plt.close(fig)
    written.append(out)
    return written
