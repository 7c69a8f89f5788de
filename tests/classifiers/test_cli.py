from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from tests.classifiers.rows import make_rows


@pytest.fixture(scope="module")
def models_dir(tiny_base: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from classifiers.train import Splits, TrainConfig, train

    out = tmp_path_factory.mktemp("cli-models")
    rows = make_rows("contas", 3)
    config = TrainConfig(
        model_name="contas",
        base=str(tiny_base),
        keep_layers=None,
        train_layers=1,
        epochs=1,
        batch_size=4,
        max_length=64,
    )
    train(config, out, splits=Splits(rows, rows, rows, []))
    return out


def _jano(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str
) -> tuple[int, str, str]:
    from bot.cli import main

    monkeypatch.setattr(sys, "argv", ["jano", *args])
    code = 0
    try:
        main()
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_classify_should_write_one_output_line_per_input_line(
    models_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("JANO_CLASSIFIER__MODELS_DIR", str(models_dir))
    rows = make_rows("contas", 1)
    src = tmp_path / "in.jsonl"
    lines = [{"id": r.id, "text": r.text} for r in rows] + [{"id": 7, "text": ""}]
    src.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n", encoding="utf-8")
    dst = tmp_path / "out.jsonl"
    code, _, err = _jano(
        monkeypatch, capsys, "classify", "--model", "contas", "--input", str(src), "--output", str(dst)
    )
    assert code == 0, err
    out = [json.loads(line) for line in dst.read_text(encoding="utf-8").splitlines()]
    assert [o["id"] for o in out] == [x["id"] for x in lines]
    for o in out:
        assert {"id", "label", "confidence", "abstained", "evidence"} <= set(o)
        assert isinstance(o["confidence"], float) and isinstance(o["abstained"], bool)
        assert isinstance(o["evidence"], list)
        assert (o["label"] is None) == o["abstained"]
    assert out[-1]["abstained"] and out[-1]["reason"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "não encontrado"),
        ('{"id": 1, "text": "ok"}\n{not json}\n', "linha 2"),
        ('{"id": 1}\n', "linha 1"),
    ],
)
def test_classify_should_reject_bad_input_with_one_line_and_write_nothing(
    models_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    content: str | None,
    message: str,
) -> None:
    monkeypatch.setenv("JANO_CLASSIFIER__MODELS_DIR", str(models_dir))
    src = tmp_path / "in.jsonl"
    if content is not None:
        src.write_text(content, encoding="utf-8")
    dst = tmp_path / "out.jsonl"
    code, _, err = _jano(
        monkeypatch, capsys, "classify", "--model", "contas", "--input", str(src), "--output", str(dst)
    )
    assert code == 2
    assert message in err and len(err.strip().splitlines()) == 1
    assert not dst.exists()
    assert list(tmp_path.glob(".classify-*")) == []


def test_classify_should_reject_an_unknown_model_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": 1, "text": "x"}\n', encoding="utf-8")
    code, _, err = _jano(
        monkeypatch,
        capsys,
        "classify",
        "--model",
        "eleicoes",
        "--input",
        str(src),
        "--output",
        str(tmp_path / "o"),
    )
    assert code == 2
    assert "modelo desconhecido" in err and len(err.strip().splitlines()) == 1


def test_classify_should_refuse_an_artifact_with_another_label_set(
    models_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import shutil

    wrong = tmp_path / "models"
    shutil.copytree(models_dir / "contas", wrong / "rcand")
    monkeypatch.setenv("JANO_CLASSIFIER__MODELS_DIR", str(wrong))
    src = tmp_path / "in.jsonl"
    src.write_text(
        '{"id": 1, "text": "Isto posto, DEFIRO o pedido de registro de candidatura do requerente."}\n',
        encoding="utf-8",
    )
    code, _, err = _jano(
        monkeypatch,
        capsys,
        "classify",
        "--model",
        "rcand",
        "--input",
        str(src),
        "--output",
        str(tmp_path / "o"),
    )
    assert code == 2
    assert "rótulos" in err


def test_eval_should_refuse_a_missing_handwritten_file_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("JANO_CLASSIFIER__MODELS_DIR", str(tmp_path / "models"))
    missing = tmp_path / "nao-existe.jsonl"
    code, _, err = _jano(monkeypatch, capsys, "eval", "contas", "--handwritten", str(missing))
    assert code == 2
    assert err.strip() == f"erro: conjunto escrito à mão não encontrado: {missing}"


def test_eval_should_say_how_to_train_when_no_artifact_exists(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("JANO_CLASSIFIER__MODELS_DIR", str(tmp_path / "models"))
    code, _, err = _jano(monkeypatch, capsys, "eval", "rcand")
    assert code == 2
    assert "jano train rcand" in err and len(err.strip().splitlines()) == 1
