from __future__ import annotations

import pytest

from bot.core.errors import InputError
from bot.queue import users
from bot.queue.db import Database
from bot.queue.users import AuthenticationFailed
from tests.bot.factories import PASSWORD, add_user


def test_password_hash_should_be_salted_scrypt_and_verify() -> None:
    first, second = users.hash_password("segredo-1234"), users.hash_password("segredo-1234")
    assert first != second
    assert first.startswith("scrypt$")
    assert "segredo" not in first
    assert users.check_password("segredo-1234", first)
    assert not users.check_password("segredo-1235", first)


def test_authenticate_should_accept_the_right_password_only(db: Database) -> None:
    with db.session() as s:
        add_user(s, "Maria.Silva", zones=(16, 17))
    with db.session() as s:
        user = users.authenticate(s, "maria.silva", PASSWORD)
        assert user.role == "supervisor"
        assert user.zones == [16, 17]
        with pytest.raises(AuthenticationFailed):
            users.authenticate(s, "maria.silva", "errada-123")
        with pytest.raises(AuthenticationFailed):
            users.authenticate(s, "ninguem", PASSWORD)


def test_add_user_should_refuse_bad_input(db: Database) -> None:
    with db.session() as s:
        add_user(s, "joao")
        with pytest.raises(InputError, match="já existe"):
            add_user(s, "joao")
        with pytest.raises(InputError, match="papel"):
            users.add_user(s, "ana", role="juiz", zones=[1], password=PASSWORD)
        with pytest.raises(InputError, match="curta"):
            users.add_user(s, "ana", role="staff", zones=[1], password="123")
        with pytest.raises(InputError, match="zonas"):
            users.add_user(s, "ana", role="supervisor", zones=[], password=PASSWORD)
        with pytest.raises(InputError, match="reservado"):
            users.add_user(s, "bot", role="admin", zones=[], password=PASSWORD)


def test_parse_zones_should_split_and_validate() -> None:
    assert users.parse_zones("2, 1,2") == [1, 2]
    with pytest.raises(InputError):
        users.parse_zones("1,x")


def test_can_approve_should_allow_only_supervisors_of_the_zone(db: Database) -> None:
    with db.session() as s:
        sup = add_user(s, "sup", zones=(16,))
        staff = add_user(s, "staff1", role="staff", zones=(16,))
        admin = add_user(s, "adm", role="admin", zones=())
        assert users.can_approve(sup, 16)
        assert not users.can_approve(sup, 17)
        assert not users.can_approve(staff, 16)
        assert not users.can_approve(admin, 16)
