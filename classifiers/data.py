"""Where the examples come from: the fixtures generator (train/validation/test) and the hand-written set."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from bot.core.errors import InputError

ROOT = Path(__file__).resolve().parent.parent
HANDWRITTEN = {
    "contas": ROOT / "tests" / "data" / "handwritten_contas.jsonl",
    "rcand": ROOT / "tests" / "data" / "handwritten_rcand.jsonl",
}
CORPUS_SEED = 2024  # fixtures.corpus derives disjoint streams per (model, split) from it


@dataclass(frozen=True)
class Row:
    """One labelled document."""

    id: str
    text: str
    label: str
    kind: str = ""


def rows_hash(rows: list[Row]) -> str:
    """``fixtures.corpus.corpus_hash`` of the rows (same bytes as the generator's own examples)."""
    try:
        from fixtures.corpus import Example, corpus_hash
    except ImportError:  # the generator is optional for inference-only installs
        h = hashlib.sha256()
        for r in rows:
            h.update(json.dumps([r.id, r.text, r.label, r.kind], ensure_ascii=False).encode())
        return h.hexdigest()
    return corpus_hash(Example(id=r.id, text=r.text, label=r.label, kind=r.kind) for r in rows)


def generated(model_name: str, split: str, n: int, seed: int | None = None) -> list[Row]:
    """Rows from ``fixtures.corpus.build_corpus`` (disjoint seeds and phrase banks per split)."""
    from fixtures.corpus import build_corpus

    examples = build_corpus(model_name, split, n, CORPUS_SEED if seed is None else seed)  # type: ignore[arg-type]
    return [Row(str(e.id), e.text, e.label, str(getattr(e, "kind", ""))) for e in examples]


def handwritten(model_name: str, labels: tuple[str, ...]) -> list[Row]:
    """The hand-written held-out set of a model (empty when the file does not exist yet)."""
    path = HANDWRITTEN.get(model_name)
    if path is None or not path.exists():
        return []
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        obj = json.loads(line)
        if obj.get("label") in labels:
            rows.append(Row(str(obj["id"]), obj["text"], obj["label"], str(obj.get("kind", ""))))
    return rows


def read_jsonl_inputs(path: Path) -> list[tuple[str, str]]:
    """(id, text) pairs of a ``jano classify`` input file; InputError (pt-BR) on any bad line."""
    if not path.exists():
        raise InputError(f"arquivo de entrada não encontrado: {path}")
    try:
        content = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InputError(f"arquivo de entrada não está em UTF-8: {path}") from None
    out: list[tuple[str, str]] = []
    for number, line in enumerate(content.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError:
            raise InputError(f"linha {number} de {path} não é JSON válido") from None
        if not isinstance(obj, dict) or "id" not in obj or not isinstance(obj.get("text"), str):
            raise InputError(f'linha {number} de {path} precisa dos campos "id" e "text" (texto)')
        out.append((obj["id"], obj["text"]))
    return out
