from __future__ import annotations

from pathlib import Path

import pytest

from classifiers.data import generated
from classifiers.evaluate import evaluate
from classifiers.train import Splits, TrainConfig, train
from fixtures.corpus import build_corpus


def test_evaluate_should_report_both_models_and_write_the_plots(
    tiny_base: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = TrainConfig(
        model_name="rcand",
        base=str(tiny_base),
        keep_layers=None,
        train_layers=1,
        epochs=1,
        max_length=64,
        n_train=30,
        n_val=15,
        n_test=15,
    )
    splits = Splits(
        generated(build_corpus, "rcand", "train", 30),
        generated(build_corpus, "rcand", "validation", 15),
        generated(build_corpus, "rcand", "test", 15),
        [],
    )
    models = tmp_path / "models"
    path = train(config, models, splits=splits)
    report = evaluate("rcand", models, build_corpus)
    assert report.artifact == path
    assert {"test", "handwritten"} <= set(report.metrics)
    for split in ("test", "handwritten"):
        for who in ("transformer", "baseline"):
            m = report.metrics[split][who]
            assert 0.0 <= m["macro_f1"] <= 1.0
            assert len(m["confusion"]) == 3
            assert sum(map(sum, m["confusion"])) == m["n"]
    assert report.metrics["test"]["transformer"]["n"] == 15
    assert (path / "reliability.png").stat().st_size > 1000
    assert (path / "confusion.png").stat().st_size > 1000
