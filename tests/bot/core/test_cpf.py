from __future__ import annotations

import pytest

from bot.core import cpf


@pytest.mark.parametrize("value", ["529.982.247-25", "52998224725", "111.444.777-35"])
def test_cpf_should_accept_valid_check_digits(value: str) -> None:
    assert cpf.is_valid(value)


@pytest.mark.parametrize("value", ["529.982.247-24", "11111111111", "123", "5299822472a", ""])
def test_cpf_should_reject_invalid_numbers(value: str) -> None:
    assert not cpf.is_valid(value)


def test_cpf_should_mask_every_cpf_in_text() -> None:
    masked = cpf.mask_in_text("partes 529.982.247-25 e 11144477735; processo 0600251-45.2020.6.24.0016")
    assert "529.982.247-25" not in masked and "11144477735" not in masked
    assert "0600251-45.2020.6.24.0016" in masked
