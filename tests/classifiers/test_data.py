"""The hand-written evaluation sets are package data; another file is read on request, never skipped."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from classifiers.data import handwritten
from classifiers.errors import ClassifierInputError
from classifiers.labels import LABELS_BY_MODEL


@pytest.mark.parametrize("model", ["contas", "rcand"])
def test_packaged_handwritten_sets_should_load_without_the_tests_folder(model: str) -> None:
    rows = handwritten(model, LABELS_BY_MODEL[model])
    assert len(rows) >= 40
    assert {r.label for r in rows} <= set(LABELS_BY_MODEL[model])


def test_handwritten_should_read_another_file_and_keep_the_model_labels_only(tmp_path: Path) -> None:
    path = tmp_path / "meu.jsonl"
    lines = [
        {"id": "x-1", "text": "Julgo aprovadas as contas.", "label": "APROVACAO", "kind": "sentenca_contas"},
        {"id": "x-2", "text": "Defiro o registro.", "label": "DEFERIMENTO", "kind": "sentenca_rcand"},
    ]
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n\n", encoding="utf-8")
    rows = handwritten("contas", LABELS_BY_MODEL["contas"], path)
    assert [(r.id, r.label, r.kind) for r in rows] == [("x-1", "APROVACAO", "sentenca_contas")]


def test_handwritten_should_fail_in_one_line_on_a_missing_or_malformed_file(tmp_path: Path) -> None:
    with pytest.raises(ClassifierInputError, match="não encontrado"):
        handwritten("contas", LABELS_BY_MODEL["contas"], tmp_path / "nada.jsonl")
    bad = tmp_path / "ruim.jsonl"
    bad.write_text('{"id": 1, "text": "x", "label": "APROVACAO"}\n{"id": 2}\n', encoding="utf-8")
    with pytest.raises(ClassifierInputError, match="linha 2"):
        handwritten("contas", LABELS_BY_MODEL["contas"], bad)
