"""CNJ unified process number ``NNNNNNN-DD.AAAA.J.TR.OOOO`` (Res. CNJ 65/2008), ISO 7064 mod 97-10."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.core.errors import InputError

CNJ_PATTERN = re.compile(r"^(\d{7})-(\d{2})\.(\d{4})\.(\d)\.(\d{2})\.(\d{4})$")
ELECTORAL_SEGMENT = "6"


def check_digits(sequential: str, year: str, segment: str, tribunal: str, origin: str) -> str:
    """Return DD for the given parts: 98 - (N A J TR OOOO 00 mod 97)."""
    value = int(f"{sequential}{year}{segment}{tribunal}{origin}00")
    return f"{98 - value % 97:02d}"


@dataclass(frozen=True)
class CNJNumber:
    sequential: str
    check: str
    year: str
    segment: str
    tribunal: str
    origin: str

    def __str__(self) -> str:
        return f"{self.sequential}-{self.check}.{self.year}.{self.segment}.{self.tribunal}.{self.origin}"

    @property
    def zone(self) -> int:
        return int(self.origin)


def is_valid(number: str) -> bool:
    m = CNJ_PATTERN.match(number.strip())
    if not m:
        return False
    seq, dd, year, seg, tr, origin = m.groups()
    return int(f"{seq}{year}{seg}{tr}{origin}{dd}") % 97 == 1


def parse(number: str) -> CNJNumber:
    """Parse and validate a CNJ number.

    Raises:
        InputError: malformed or wrong check digits, with a one-line pt-BR reason.
    """
    text = number.strip()
    m = CNJ_PATTERN.match(text)
    if not m:
        raise InputError(f"número de processo inválido: '{number}' (formato NNNNNNN-DD.AAAA.J.TR.OOOO)")
    if not is_valid(text):
        raise InputError(f"número de processo inválido: '{number}' (dígitos verificadores não conferem)")
    return CNJNumber(*m.groups())


def make(sequential: int, year: int, tribunal: int, origin: int, segment: str = ELECTORAL_SEGMENT) -> str:
    """Build a valid CNJ number from its parts."""
    seq, yr, tr, org = f"{sequential:07d}", f"{year:04d}", f"{tribunal:02d}", f"{origin:04d}"
    return f"{seq}-{check_digits(seq, yr, segment, tr, org)}.{yr}.{segment}.{tr}.{org}"
