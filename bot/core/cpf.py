"""CPF (Brazilian taxpayer id): validation and masking. One place for both facts."""

from __future__ import annotations

import re

_NON_DIGITS = re.compile(r"\D")
# A CPF as it appears in free text: 11 digits, optionally punctuated as 000.000.000-00.
CPF_IN_TEXT = re.compile(r"(?<!\d)(\d{3})\.?(\d{3})\.?(\d{3})-?(\d{2})(?!\d)")


def digits(cpf: str) -> str:
    return _NON_DIGITS.sub("", cpf)


def check_digits(first9: str) -> str:
    """Return the two check digits for the first nine digits of a CPF."""
    total = sum(int(d) * w for d, w in zip(first9, range(10, 1, -1), strict=True))
    d1 = (total * 10 % 11) % 10
    total = sum(int(d) * w for d, w in zip(first9 + str(d1), range(11, 1, -1), strict=True))
    d2 = (total * 10 % 11) % 10
    return f"{d1}{d2}"


def is_valid(cpf: str) -> bool:
    """True iff ``cpf`` (punctuated or not) has 11 digits, not all equal, and valid check digits."""
    d = digits(cpf)
    if len(d) != 11 or len(set(d)) == 1 or not re.fullmatch(r"[\d.\-\s]+", cpf.strip()):
        return False
    return d[9:] == check_digits(d[:9])


def format_cpf(cpf: str) -> str:
    d = digits(cpf)
    return f"{d[:3]}.{d[3:6]}.{d[6:9]}-{d[9:]}"


def mask(cpf: str) -> str:
    """Mask a CPF for logs: keep only the last two digits of the base (***.***.*12-**)."""
    d = digits(cpf)
    if len(d) != 11:
        return "***"
    return f"***.***.*{d[7:9]}-**"


def mask_in_text(text: str) -> str:
    """Replace every CPF-looking number in ``text`` by its mask."""
    return CPF_IN_TEXT.sub(lambda m: mask(m.group(0)), text)
