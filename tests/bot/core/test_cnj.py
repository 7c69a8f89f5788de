from __future__ import annotations

import pytest

from bot.core import cnj
from bot.core.errors import InputError

REAL = ("0600251-45.2020.6.24.0016", "0600548-53.2024.6.21.0062", "0601225-70.2018.6.00.0000")


@pytest.mark.parametrize("number", REAL)
def test_real_numbers_should_validate(number: str) -> None:
    assert cnj.is_valid(number)
    assert str(cnj.parse(number)) == number


@pytest.mark.parametrize("number", REAL)
def test_make_should_rebuild_the_check_digits_of_real_numbers(number: str) -> None:
    parsed = cnj.parse(number)
    rebuilt = cnj.make(int(parsed.sequential), int(parsed.year), int(parsed.tribunal), int(parsed.origin))
    assert rebuilt == number


@pytest.mark.parametrize(
    "number",
    [
        "0600251-46.2020.6.24.0016",
        "0600251-45.2020.6.24.0017",
        "0600251-45.2021.6.24.0016",
        "0600251452020624",
    ],
)
def test_wrong_digits_or_format_should_be_rejected_with_a_one_line_reason(number: str) -> None:
    assert not cnj.is_valid(number)
    with pytest.raises(InputError) as info:
        cnj.parse(number)
    assert "\n" not in str(info.value) and "inválido" in str(info.value)


def test_zone_should_come_from_the_origin() -> None:
    assert cnj.parse(REAL[1]).zone == 62
    assert cnj.parse(REAL[2]).zone == 0
