"""Versioned artifacts under ``var/models/<model>/<version>/`` and their model cards (torch-free).

A version directory holds ``model.safetensors`` (encoder + head), ``config.json`` (the encoder's),
the tokenizer files and ``card.json`` + ``card.md``. The card binds the weights to the base model (and
its sha256), labels, seed, data hash and code version; ``--if-stale`` compares those last two.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from classifiers.errors import ClassifierConfigError, ClassifierInputError
from classifiers.labels import LABELS_BY_MODEL

CARD_JSON = "card.json"
CARD_MD = "card.md"
_ROOT = Path(__file__).resolve().parent.parent


def labels_for(model_name: str) -> tuple[str, ...]:
    """The label set of a model name, or a one-line ClassifierInputError."""
    try:
        return LABELS_BY_MODEL[model_name]
    except KeyError:
        known = ", ".join(LABELS_BY_MODEL)
        raise ClassifierInputError(f"modelo desconhecido: {model_name!r} (use um destes: {known})") from None


def code_version() -> str:
    """sha256 over the sources that shape training data and training (classifiers/ and fixtures/)."""
    h = hashlib.sha256()
    for pkg in ("classifiers", "fixtures"):
        for path in sorted((_ROOT / pkg).rglob("*.py")):
            h.update(str(path.relative_to(_ROOT)).encode())
            h.update(path.read_bytes())
    return h.hexdigest()[:16]


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def new_version() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")


def versions(models_dir: Path, model_name: str) -> list[Path]:
    """Complete artifact directories of a model, oldest first."""
    root = models_dir / model_name
    if not root.is_dir():
        return []
    return sorted(p for p in root.iterdir() if p.is_dir() and (p / CARD_JSON).exists())


def read_card(version_dir: Path) -> dict[str, Any]:
    return json.loads((version_dir / CARD_JSON).read_text(encoding="utf-8"))


def latest(models_dir: Path, model_name: str) -> Path:
    """The newest artifact of ``model_name``; ClassifierConfigError when none was trained."""
    labels_for(model_name)
    found = versions(models_dir, model_name)
    if not found:
        raise ClassifierConfigError(
            f"nenhum modelo treinado para {model_name!r} em {models_dir} (rode: jano train {model_name})"
        )
    return found[-1]


def check_labels(card: dict[str, Any], model_name: str) -> None:
    """Refuse an artifact whose label set differs from the model name's."""
    expected = list(labels_for(model_name))
    if list(card.get("labels", [])) != expected:
        raise ClassifierConfigError(
            f"o artefato em {card.get('path', '?')} tem rótulos {card.get('labels')} "
            "e não serve para o modelo "
            f"{model_name!r} (esperado: {expected})"
        )


def matching(models_dir: Path, model_name: str, data_hash: str, code: str) -> Path | None:
    """The newest artifact trained on exactly this data with this code, if any."""
    for path in reversed(versions(models_dir, model_name)):
        card = read_card(path)
        if card.get("data_hash") == data_hash and card.get("code_version") == code:
            return path
    return None


def write_card(version_dir: Path, card: dict[str, Any]) -> None:
    """card.json (machine-readable) and card.md (for people)."""
    (version_dir / CARD_JSON).write_text(json.dumps(card, indent=2, ensure_ascii=False), encoding="utf-8")
    (version_dir / CARD_MD).write_text(card_markdown(card), encoding="utf-8")


def _fmt(x: object) -> str:
    return f"{x:.3f}" if isinstance(x, float) else str(x)


def card_markdown(card: dict[str, Any]) -> str:
    lines = [
        f"# Model card: `{card['model']}` version `{card['version']}`",
        "",
        "Fine-tuned transformer classifier for jano (synthetic training data from `fixtures/`).",
        "",
        "| field | value |",
        "|---|---|",
        f"| base model | `{card['base_model']}` (sha256 `{card['base_sha256'][:16]}…`) |",
        f"| encoder layers kept / fine-tuned | {card['train_config'].get('keep_layers')} / "
        f"{card['train_config'].get('train_layers')} |",
        f"| ensemble members (sharing the frozen layers) | {card.get('members', 1)} |",
        f"| labels | {', '.join(card['labels'])} |",
        f"| seed | {card['seed']} |",
        f"| data hash | `{card['data_hash']}` |",
        f"| code version | `{card['code_version']}` |",
        f"| max length | {card['max_length']} tokens |",
        f"| temperature | {card['temperature']:.3f} |",
        f"| threshold | {card['threshold']:.3f} |",
        f"| training time | {card['training_seconds']:.0f} s |",
        f"| documents (train / validation / test / hand-written) | {card['sizes']} |",
        "",
        "## Metrics (transformer vs TF-IDF + logistic regression baseline)",
        "",
        "| split | model | macro-F1 | accuracy | ECE before | ECE after | coverage | selective acc. |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for split, entry in card.get("metrics", {}).items():
        for who in ("transformer", "baseline"):
            m = entry.get(who)
            if m:
                lines.append(
                    f"| {split} | {who} | {_fmt(m['macro_f1'])} | {_fmt(m['accuracy'])} | "
                    f"{_fmt(m['ece_before'])} | "
                    f"{_fmt(m['ece_after'])} | {_fmt(m['coverage'])} | {_fmt(m['selective_accuracy'])} |"
                )
    comparison = (card.get("base_comparison") or {}).get("results") or {}
    if comparison:
        lines += ["", str(card["base_comparison"].get("protocol", ""))]
        lines += [
            "",
            "## Base comparison (validation split, means over the seeds)",
            "",
            "| base | macro-F1 | min – max | accuracy | NLL | seeds |",
            "|---|---|---|---|---|---|",
        ]
        for base, m in comparison.items():
            low, high = m.get("macro_f1_min"), m.get("macro_f1_max")
            spread = f"{_fmt(low)} – {_fmt(high)}" if low is not None and high is not None else "–"
            lines.append(
                f"| {base} | {_fmt(m.get('macro_f1'))} | {spread} | {_fmt(m.get('accuracy'))} | "
                f"{_fmt(m.get('nll'))} | {', '.join(m.get('seeds', {})) or '–'} |"
            )
    lines += [
        "",
        "## Intended use and limits",
        "",
        "Suggests the outcome of a parecer técnico, parecer do MPE or sentença; a person approves every act.",
        "Below the threshold, where the ensemble's members disagree, or on empty, non-Portuguese,",
        "conclusion-less or other-domain text, it abstains.",
        "Trained only on synthetic documents; hand-written metrics above measure transfer to real phrasing.",
        "",
    ]
    return "\n".join(lines)
