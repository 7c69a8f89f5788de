"""Logging, configured once: human-readable on the console, JSON lines under ``var/logs/``.

Every record passes through one patcher that masks CPFs and removes secrets, so neither reaches a
log sink in clear text whatever the caller formats into the message or binds as extra context.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from loguru import logger

from bot.core import cpf

if TYPE_CHECKING:
    from loguru import Record

    from bot.config.settings import Settings

SECRET_MASK = "********"
CONSOLE_FORMAT = "<green>{time:HH:mm:ss}</green> <level>{level: <7}</level> {message}{extra[ctx]}"


class Scrubber:
    """Masks CPFs and replaces known secret values in a log record (message and extra)."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        self.secrets = sorted({s for s in secrets if s and len(s) >= 4}, key=len, reverse=True)

    def scrub(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, SECRET_MASK)
        return cpf.mask_in_text(text)

    def _scrub_value(self, value: Any) -> Any:
        if isinstance(value, str):
            return self.scrub(value)
        if isinstance(value, dict):
            return {k: self._scrub_value(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return type(value)(self._scrub_value(v) for v in value)
        return value

    def __call__(self, record: Record) -> None:
        record["message"] = self.scrub(record["message"])
        for key, value in list(record["extra"].items()):
            record["extra"][key] = self._scrub_value(value)
        ctx = {k: v for k, v in record["extra"].items() if k != "ctx"}
        record["extra"]["ctx"] = (" " + " ".join(f"{k}={v}" for k, v in ctx.items())) if ctx else ""
        if record["exception"] is not None:
            # Exception text is rendered later by the sink; scrub the value's args now.
            exc = record["exception"].value
            if exc is not None and exc.args:
                exc.args = tuple(self._scrub_value(a) for a in exc.args)


def configure_logging(settings: Settings, *, console: bool = True, level: str | None = None) -> Path:
    """Configure loguru once for the process. Returns the JSON-lines log file path."""
    log_dir = settings.logs_dir
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / "jano.jsonl"
    logger.remove()
    logger.configure(patcher=Scrubber(settings.secrets()), extra={"ctx": ""})
    if console:
        logger.add(sys.stderr, level=level or settings.logging.level, format=CONSOLE_FORMAT, colorize=None)
    logger.add(path, level="DEBUG", serialize=True, enqueue=False, rotation="20 MB", retention=10)
    return path
