"""Canonical JSON, sha256 and keyed pseudonyms: the hashing every layer shares (pure).

An approval is bound to ``sha256_hex(canonical_json(payload))``; the audit chain hashes its records the
same way; CPFs and names that must be kept are stored as :func:`pseudonymize` (a keyed HMAC).
"""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any


def canonical_json(value: Any) -> str:
    """JSON with sorted keys, no spaces and UTF-8 kept: the same value always gives the same text."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def sha256_hex(text: str | bytes) -> str:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return hashlib.sha256(data).hexdigest()


def pseudonymize(value: str, key: str) -> str:
    """A keyed pseudonym (HMAC-SHA256, hex, 16 chars) for a CPF or a name: stable, not reversible."""
    digest = hmac.new(key.encode("utf-8"), value.strip().encode("utf-8"), hashlib.sha256).hexdigest()
    return f"pseud:{digest[:16]}"
