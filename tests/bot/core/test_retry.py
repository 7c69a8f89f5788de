"""The one retry policy: its budget, and that a PJe read is tried at one layer only."""

from __future__ import annotations

from unittest.mock import MagicMock

import pytest

from bot.config.settings import PJeSettings
from bot.core.errors import BusinessError, NavigationError, SessionExpired
from bot.core.retry import RetryPolicy
from bot.pje.facade import PJe


def _no_wait(seconds: float) -> None:
    assert 0 <= seconds <= 4.0


def test_policy_should_come_from_the_retries_setting_with_its_budget_stated_once() -> None:
    policy = RetryPolicy.from_settings(PJeSettings(retries=4))
    assert policy.attempts == 5 and policy.relogins == 2  # the first try and 4 retries
    assert policy.budget == 7
    assert policy.max_wait_s == pytest.approx(1.25 + 1.5 + 2.0 + 3.0)
    assert RetryPolicy.from_settings(PJeSettings(retries=0)).attempts == 1


def test_a_transient_failure_should_be_tried_attempts_times_then_raised() -> None:
    policy = RetryPolicy(attempts=3)
    calls = []

    def failing() -> None:
        calls.append(1)
        raise NavigationError("PJe exibiu 'Erro inesperado'")

    with pytest.raises(NavigationError):
        policy.run(failing, sleep=_no_wait)
    assert len(calls) == 3


def test_a_business_error_should_not_be_retried() -> None:
    calls = []

    def refused() -> None:
        calls.append(1)
        raise BusinessError("PJe recusou")

    with pytest.raises(BusinessError):
        RetryPolicy(attempts=3).run(refused, sleep=_no_wait)
    assert len(calls) == 1


def test_an_expired_session_should_log_in_again_at_most_relogins_times() -> None:
    policy = RetryPolicy(attempts=3)
    logins: list[int] = []
    calls = []

    def expired() -> None:
        calls.append(1)
        raise SessionExpired("sessão do PJe expirada")

    with pytest.raises(SessionExpired):
        policy.run(expired, sleep=_no_wait, on_expired=lambda: logins.append(1))
    assert len(logins) == policy.relogins and len(calls) == policy.relogins + 1
    with pytest.raises(SessionExpired):  # without a way to log in again it is the caller's to handle
        policy.run(expired, sleep=_no_wait)


def test_transient_false_should_leave_transient_failures_to_the_layer_below() -> None:
    calls = []

    def failing() -> None:
        calls.append(1)
        raise NavigationError("x")

    with pytest.raises(NavigationError):
        RetryPolicy(attempts=3).run(failing, sleep=_no_wait, on_expired=lambda: None, transient=False)
    assert len(calls) == 1


def test_a_painel_read_should_be_tried_at_most_policy_attempts_times_in_all() -> None:
    """Once two layers nested (6 × 4 = 24 tries of one painel read); now one layer retries it."""
    settings = PJeSettings(retries=4)
    pje = PJe(MagicMock(), settings, cpf="52998224725", password="x")
    pje._pause = _no_wait  # type: ignore[method-assign]
    reads = []

    def banner(self: object) -> None:
        reads.append(1)
        raise NavigationError("PJe exibiu 'Erro inesperado'", step="painel")

    pje.painel.goto = MagicMock(side_effect=lambda *a, **k: banner(None))  # type: ignore[method-assign]
    with pytest.raises(NavigationError):
        pje.processes_in_task("Minutar sentença")
    assert len(reads) == pje.retry.attempts == 5
    reads.clear()
    with pytest.raises(NavigationError):
        pje.tasks()
    assert len(reads) == 5


def test_a_banner_during_the_new_log_in_should_be_retried_even_when_transient_false() -> None:
    """A write's session expires; PJe's banner on the zone profile after the new log-in is retried
    here (no layer below retries a log-in), so the write goes on instead of failing the item."""
    logins: list[int] = []
    writes: list[int] = []

    def log_in_again() -> None:
        logins.append(1)
        if len(logins) == 1:
            raise NavigationError("PJe exibiu 'Erro inesperado'", step="perfil")

    def write() -> str:
        writes.append(1)
        if len(writes) == 1:
            raise SessionExpired("sessão do PJe expirada")
        return "done"

    policy = RetryPolicy(attempts=3)
    assert policy.run(write, sleep=_no_wait, on_expired=log_in_again, transient=False) == "done"
    assert len(logins) == 2 and len(writes) == 2


def test_a_log_in_that_keeps_failing_should_be_raised_after_attempts() -> None:
    logins: list[int] = []

    def log_in_again() -> None:
        logins.append(1)
        raise NavigationError("PJe exibiu 'Erro inesperado'", step="perfil")

    def expired() -> None:
        raise SessionExpired("sessão do PJe expirada")

    with pytest.raises(NavigationError):
        RetryPolicy(attempts=3).run(expired, sleep=_no_wait, on_expired=log_in_again, transient=False)
    assert len(logins) == 3
