"""Values read from documents with their source span: the amount to return and its ground.

Used by Minuta Sentença for DESAPROVACAO drafts (docs/domain.md#routines). The amount is the one the
conclusion asks to be returned to the Tesouro Nacional; when several amounts appear, the one nearest
to a return/recolhimento cue in the last part of the document wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

AMOUNT = re.compile(r"R\$\s?(\d{1,3}(?:\.\d{3})*(?:,\d{2})|\d+(?:,\d{2})?)")
RETURN_CUE = re.compile(
    r"recolh|devolu|ressarc|restitu|Tesouro\s+Nacional|transfer[êe]ncia ao Tesouro|montante|irregularidade",
    re.I,
)

# Ground name → patterns that identify it in the text (pt-BR, accents optional for OCR'd text).
GROUNDS: dict[str, re.Pattern[str]] = {
    "recursos de origem não identificada": re.compile(r"origem n[ãa]o identificada|\bRONI\b", re.I),
    "recursos de fonte vedada": re.compile(r"fonte(s)? vedada", re.I),
    "uso irregular do Fundo Especial de Financiamento de Campanha (FEFC)": re.compile(
        r"\bFEFC\b|Fundo Especial de Financiamento de Campanha", re.I
    ),
    "uso irregular do Fundo Partidário": re.compile(r"Fundo Partid[áa]rio", re.I),
    "omissão de despesas": re.compile(
        r"omiss[ãa]o de (despesas|gastos)|despesas? omitida|gastos? omitido", re.I
    ),
}


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class AmountAndGround:
    amount: Decimal
    amount_text: str  # as written, "R$ 12.345,67"
    ground: str
    span: Span  # the sentence the amount was read from


def parse_brl(text: str) -> Decimal | None:
    """ "12.345,67" → Decimal("12345.67")."""
    try:
        return Decimal(text.replace(".", "").replace(",", "."))
    except InvalidOperation:
        return None


def format_brl(value: Decimal) -> str:
    """Decimal("12345.67") → "R$ 12.345,67"."""
    whole, _, cents = f"{value:,.2f}".partition(".")
    return f"R$ {whole.replace(',', '.')},{cents}"


def _sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    start = max(text.rfind(". ", 0, pos), text.rfind("\n", 0, pos))
    start = 0 if start < 0 else start + 1
    end_candidates = [i for i in (text.find(". ", pos), text.find("\n", pos)) if i >= 0]
    end = min(end_candidates) + 1 if end_candidates else len(text)
    return start, end


def amount_and_ground(text: str) -> AmountAndGround | None:
    """Find the amount to return and its ground, or None when the document does not state both."""
    best: tuple[int, re.Match[str]] | None = None
    for match in AMOUNT.finditer(text):
        start, end = _sentence_bounds(text, match.start())
        sentence = text[start:end]
        score = (2 if RETURN_CUE.search(sentence) else 0) + (1 if match.start() > len(text) * 0.5 else 0)
        if best is None or score >= best[0]:
            best = (score, match)
    if best is None:
        return None
    match = best[1]
    amount = parse_brl(match.group(1))
    if amount is None or amount <= 0:
        return None
    start, end = _sentence_bounds(text, match.start())
    ground = _ground_near(text, match.start())
    if ground is None:
        return None
    return AmountAndGround(
        amount=amount,
        amount_text=format_brl(amount),
        ground=ground,
        span=Span(start=start, end=end, text=text[start:end].strip()),
    )


def _ground_near(text: str, pos: int) -> str | None:
    """The ground mentioned nearest to ``pos`` (ties: the later mention, usually the conclusion)."""
    nearest: tuple[int, str] | None = None
    for name, pattern in GROUNDS.items():
        for m in pattern.finditer(text):
            distance = abs(m.start() - pos)
            if nearest is None or distance < nearest[0]:
                nearest = (distance, name)
    return nearest[1] if nearest else None
