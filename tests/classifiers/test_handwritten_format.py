import json
import re
from collections import Counter
from pathlib import Path

import pytest

import classifiers
from bot.core.cnj import is_valid
from classifiers.labels import LABELS_BY_MODEL

DATA_DIR = Path(classifiers.__file__).resolve().parent / "evalsets"
FIELDS = {"id", "text", "label", "kind", "notes"}
KINDS = {
    "contas": {"parecer_tecnico", "parecer_mpe_contas", "sentenca_contas"},
    "rcand": {"parecer_mpe_rcand", "sentenca_rcand"},
}
MIN_ROWS = {"contas": 70, "rcand": 40}
MIN_PER_LABEL = 12
HARD_PREFIX = "hard: "
CNJ_IN_TEXT = re.compile(r"\b\d{7}-\d{2}\.\d{4}\.\d\.\d{2}\.\d{4}\b")


def _rows(model: str) -> list[dict[str, str]]:
    path = DATA_DIR / f"handwritten_{model}.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@pytest.fixture(scope="module", params=sorted(KINDS))
def model(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def test_handwritten_lines_should_parse_as_objects_with_exact_fields(model: str) -> None:
    path = DATA_DIR / f"handwritten_{model}.jsonl"
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        assert line.strip(), f"{path.name}:{number} is blank"
        row = json.loads(line)
        assert isinstance(row, dict), f"{path.name}:{number}"
        assert set(row) == FIELDS, f"{path.name}:{number} fields {sorted(row)}"
        assert all(isinstance(row[field], str) for field in FIELDS), f"{path.name}:{number}"


def test_handwritten_ids_should_be_unique_and_prefixed(model: str) -> None:
    ids = [row["id"] for row in _rows(model)]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(rf"hw-{model}-\d{{3}}", row_id) for row_id in ids), ids


def test_handwritten_labels_and_kinds_should_belong_to_the_model(model: str) -> None:
    for row in _rows(model):
        assert row["label"] in LABELS_BY_MODEL[model], row["id"]
        assert row["kind"] in KINDS[model], row["id"]


def test_handwritten_set_should_meet_minimum_counts(model: str) -> None:
    rows = _rows(model)
    counts = Counter(row["label"] for row in rows)
    assert len(rows) >= MIN_ROWS[model]
    for label in LABELS_BY_MODEL[model]:
        assert counts[label] >= MIN_PER_LABEL, (label, counts[label])
    kinds = Counter(row["kind"] for row in rows)
    assert set(kinds) == KINDS[model], kinds


def test_handwritten_texts_should_be_substantial_and_distinct(model: str) -> None:
    texts = [row["text"] for row in _rows(model)]
    assert len(texts) == len(set(texts))
    assert all(len(text) > 60 for text in texts)
    long_share = sum(len(text) > 150 for text in texts) / len(texts)
    assert long_share >= 0.9, long_share
    assert max(len(text) for text in texts) <= 4500


def test_handwritten_texts_should_not_contain_label_tokens(model: str) -> None:
    tokens = {label: re.compile(rf"(?<![\w]){re.escape(label)}(?![\w])") for label in LABELS_BY_MODEL[model]}
    for row in _rows(model):
        leaked = [label for label, pattern in tokens.items() if pattern.search(row["text"])]
        assert not leaked, (row["id"], leaked)


def test_handwritten_set_should_hold_a_share_of_annotated_hard_cases(model: str) -> None:
    rows = _rows(model)
    hard = [row for row in rows if row["notes"].startswith(HARD_PREFIX)]
    assert len(hard) / len(rows) >= 0.25, len(hard)
    assert all(len(row["notes"]) > len(HARD_PREFIX) + 5 for row in hard)


def test_handwritten_process_numbers_should_have_valid_check_digits(model: str) -> None:
    numbers = [number for row in _rows(model) for number in CNJ_IN_TEXT.findall(row["text"])]
    assert numbers
    assert all(is_valid(number) for number in numbers), [n for n in numbers if not is_valid(n)]
