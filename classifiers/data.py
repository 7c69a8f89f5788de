"""Where the examples come from: a corpus generator (train/validation/test) and the hand-written sets.

The generator is handed in by the caller – ``fixtures.corpus.build_corpus`` from the composition root
(``jano train`` / ``jano eval``, benchmarks, tests) – so this package never imports ``fixtures``. The
hand-written held-out sets are package data (``classifiers/evalsets/``); ``jano eval --handwritten``
reads another file.
"""

from __future__ import annotations

import hashlib
import importlib.resources
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from classifiers.errors import ClassifierConfigError, ClassifierInputError

EVALSETS = "evalsets"  # package data directory of the hand-written sets: handwritten_<model>.jsonl
HANDWRITTEN_MODELS = ("contas", "rcand")
CORPUS_SEED = 2024  # the generator derives disjoint streams per (model, split) from it


@dataclass(frozen=True)
class Row:
    """One labelled document."""

    id: str
    text: str
    label: str
    kind: str = ""


class Example(Protocol):
    """A labelled document as a generator makes it (``fixtures.corpus.Example``)."""

    @property
    def id(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def label(self) -> str: ...
    @property
    def kind(self) -> str: ...


class Corpus(Protocol):
    """A corpus generator: ``n`` labelled documents of ``model``'s ``split`` drawn from ``seed``
    (``fixtures.corpus.build_corpus``; the same arguments always give the same documents)."""

    def __call__(self, model: str, split: Any, n: int, seed: int) -> Sequence[Example]: ...


def rows_hash(rows: Iterable[Row | Example]) -> str:
    """sha256 of labelled documents (order matters), for model cards: which data trained an artifact.

    One canonical JSON object per document and a newline, so the hash depends only on the data.
    """
    h = hashlib.sha256()
    for r in rows:
        record = {"id": r.id, "text": r.text, "label": r.label, "kind": r.kind}
        h.update(json.dumps(record, ensure_ascii=False, sort_keys=True).encode())
        h.update(b"\n")
    return h.hexdigest()


def generated(corpus: Corpus, model_name: str, split: str, n: int, seed: int | None = None) -> list[Row]:
    """Rows from the generator ``corpus`` (disjoint seeds and phrase banks per split)."""
    examples = corpus(model_name, split, n, CORPUS_SEED if seed is None else seed)
    return [Row(str(e.id), e.text, e.label, str(e.kind)) for e in examples]


def handwritten(model_name: str, labels: tuple[str, ...], path: Path | None = None) -> list[Row]:
    """The hand-written held-out set of a model: the packaged one, or the JSONL file at ``path``.

    Raises:
        ClassifierInputError: ``path`` does not exist, is not UTF-8 or holds a malformed line.
        ClassifierConfigError: the packaged set of the model is missing (a broken install).
    """
    if path is not None:
        if not path.is_file():
            raise ClassifierInputError(f"conjunto escrito à mão não encontrado: {path}")
        return _labelled_rows(_read_text(path), str(path), labels)
    if model_name not in HANDWRITTEN_MODELS:
        return []
    name = f"handwritten_{model_name}.jsonl"
    resource = importlib.resources.files(__package__).joinpath(EVALSETS, name)
    if not resource.is_file():
        raise ClassifierConfigError(
            f"conjunto escrito à mão ausente da instalação: classifiers/{EVALSETS}/{name}"
        )
    return _labelled_rows(resource.read_text(encoding="utf-8"), name, labels)


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ClassifierInputError(f"arquivo não está em UTF-8: {path}") from None


def _labelled_rows(content: str, where: str, labels: tuple[str, ...]) -> list[Row]:
    """Rows of a hand-written JSONL set whose label belongs to ``labels`` (blank lines skipped)."""
    rows = []
    for number, line in enumerate(content.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            row = Row(str(obj["id"]), obj["text"], obj["label"], str(obj.get("kind", "")))
        except (json.JSONDecodeError, KeyError, TypeError):
            raise ClassifierInputError(
                f'linha {number} de {where} precisa ser JSON com os campos "id", "text" e "label"'
            ) from None
        if row.label in labels:
            rows.append(row)
    return rows


def read_jsonl_inputs(path: Path) -> list[tuple[str, str]]:
    """(id, text) pairs of a ``jano classify`` input file; ClassifierInputError (pt-BR) on any bad line."""
    if not path.exists():
        raise ClassifierInputError(f"arquivo de entrada não encontrado: {path}")
    try:
        content = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ClassifierInputError(f"arquivo de entrada não está em UTF-8: {path}") from None
    out: list[tuple[str, str]] = []
    for number, line in enumerate(content.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError:
            raise ClassifierInputError(f"linha {number} de {path} não é JSON válido") from None
        if not isinstance(obj, dict) or "id" not in obj or not isinstance(obj.get("text"), str):
            raise ClassifierInputError(f'linha {number} de {path} precisa dos campos "id" e "text" (texto)')
        out.append((obj["id"], obj["text"]))
    return out
