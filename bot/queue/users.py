"""jano accounts (supervisor, staff, admin) shared by the CLI and the console.

Passwords are hashed with scrypt and a random salt; the stored form is
``scrypt$<n>$<r>$<p>$<salt hex>$<hash hex>`` so parameters can change without breaking old hashes.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.core.errors import InputError
from bot.queue import audit
from bot.queue.tables import User

SCRYPT_N = 2**14
SCRYPT_R = 8
SCRYPT_P = 1
MIN_PASSWORD_LENGTH = 8
LOGIN_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")


class Role(StrEnum):
    SUPERVISOR = "supervisor"
    STAFF = "staff"
    ADMIN = "admin"


class AuthenticationFailed(InputError):
    """Wrong login or password (one message for both, so logins cannot be probed)."""


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=32)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${salt.hex()}${digest.hex()}"


def check_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt_hex, hash_hex = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    expected = bytes.fromhex(hash_hex)
    digest = hashlib.scrypt(
        password.encode("utf-8"),
        salt=bytes.fromhex(salt_hex),
        n=int(n),
        r=int(r),
        p=int(p),
        dklen=len(expected),
    )
    return hmac.compare_digest(digest, expected)


def parse_role(value: str) -> Role:
    try:
        return Role(value.strip().lower())
    except ValueError:
        raise InputError(f"papel desconhecido: '{value}' (válidos: supervisor, staff, admin)") from None


def parse_zones(value: str | None) -> list[int]:
    """``"1,2, 10"`` → ``[1, 2, 10]``; InputError on anything that is not a positive zone number."""
    if value is None or not value.strip():
        return []
    zones: list[int] = []
    for part in value.split(","):
        text = part.strip()
        if not text.isdigit() or int(text) <= 0:
            raise InputError(f"zona inválida: '{text}' (use números separados por vírgula, ex.: 1,2)")
        zones.append(int(text))
    return sorted(set(zones))


def get_user(session: Session, login: str) -> User | None:
    return session.execute(select(User).where(User.login == login.strip().lower())).scalar_one_or_none()


def add_user(
    session: Session, login: str, *, role: Role | str, zones: list[int], password: str, actor: str = "admin"
) -> User:
    """Create an account.

    Raises:
        InputError: bad login, short password, a supervisor or staff without zones, or a login in use.
    """
    name = login.strip().lower()
    if not LOGIN_PATTERN.match(name):
        raise InputError(f"login inválido: '{login}' (letras minúsculas, números, '.', '_' ou '-')")
    if name == audit.BOT_ACTOR:
        raise InputError("login reservado: 'bot'")
    the_role = parse_role(role) if isinstance(role, str) else role
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InputError(f"senha muito curta (mínimo {MIN_PASSWORD_LENGTH} caracteres)")
    if the_role != Role.ADMIN and not zones:
        raise InputError("informe as zonas do usuário com --zones (ex.: --zones 1,2)")
    if get_user(session, name) is not None:
        raise InputError(f"usuário já existe: '{name}'")
    user = User(
        login=name, role=the_role.value, zones=sorted(set(zones)), password_hash=hash_password(password)
    )
    session.add(user)
    session.flush()
    audit.append(
        session, actor=actor, event="user_added", data={"login": name, "role": the_role.value, "zones": zones}
    )
    return user


def authenticate(session: Session, login: str, password: str) -> User:
    """The active user with this login and password.

    Raises:
        AuthenticationFailed: unknown login, inactive account or wrong password.
    """
    user = get_user(session, login)
    if user is None or not user.active or not check_password(password, user.password_hash):
        # Spend the same time for an unknown login as for a wrong password.
        if user is None:
            check_password(password, _DUMMY_HASH)
        raise AuthenticationFailed(f"login ou senha incorretos para '{login}'")
    return user


def can_approve(user: User, zone: int) -> bool:
    """Only supervisors approve, edit or reject, and only in their zones (admins manage accounts)."""
    return user.active and user.role == Role.SUPERVISOR and zone in (user.zones or [])


_DUMMY_HASH = "scrypt$16384$8$1$00000000000000000000000000000000$" + "00" * 32
