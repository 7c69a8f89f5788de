from __future__ import annotations

import pytest

from bot.core.errors import BusinessError, LoginRejected
from bot.pje.facade import PJe
from bot.vocabulary.domain import Task
from tests.e2e.helpers import bot_writes, busiest_zone

pytestmark = pytest.mark.e2e


def _logged_in(unit, settings, mock) -> PJe:
    pje = PJe(unit.page, settings.pje, cpf=mock.servant_cpf, password=mock.servant_password)
    pje.login()
    return pje


def test_bot_should_log_in_through_the_sso_iframe_and_read_the_painel_tasks(
    bot_browser, settings, mock
) -> None:
    with bot_browser.unit("run-login", "zona-1") as unit:
        pje = _logged_in(unit, settings, mock)
        zone = mock.state.zones[0]
        chosen = pje.select_zone(zone)
        tasks = pje.tasks()
    assert chosen.startswith(f"{zone}ª Zona Eleitoral") and "Servidor" in chosen
    assert tasks, "painel listed no task"
    known = {str(t) for t in Task}
    assert all(t.name in known and t.count > 0 for t in tasks)
    seeded = mock.state.task_counts(zone=zone)
    assert {t.name: t.count for t in tasks} == {k: v for k, v in seeded.items() if v > 0}


def test_bot_should_raise_a_clear_business_error_on_a_wrong_password(bot_browser, settings, mock) -> None:
    with (
        pytest.raises(LoginRejected, match="Usuário ou senha inválidos"),
        bot_browser.unit("run-bad", "zona-1") as unit,
    ):
        PJe(unit.page, settings.pje, cpf=mock.servant_cpf, password="senha-errada").login()
    assert issubclass(LoginRejected, BusinessError)
    run_dir = settings.artifacts_dir / "run-bad" / "zona-1"
    assert (run_dir / "trace.zip").stat().st_size > 0
    assert list(run_dir.glob("screenshot-*.png"))


def test_bot_should_refuse_a_zone_the_user_does_not_serve(bot_browser, settings, mock) -> None:
    with bot_browser.unit("run-zone", "zona-fora") as unit:
        pje = _logged_in(unit, settings, mock)
        outside = max(mock.state.zones) + 1
        with pytest.raises(BusinessError, match=f"{outside}ª Zona Eleitoral"):
            pje.select_zone(outside)


def test_bot_should_log_in_again_when_the_session_expires(bot_browser, settings, mock) -> None:
    with bot_browser.unit("run-expiry", "zona-2") as unit:
        pje = _logged_in(unit, settings, mock)
        zone = mock.state.zones[1]
        pje.select_zone(zone)
        mock.state.expire_session()
        tasks = pje.tasks()
        current = pje.profile.current()
    assert tasks and pje.zone == zone
    assert current.startswith(f"{zone}ª Zona Eleitoral")


def test_bot_should_select_a_zone_after_the_profile_switch_lands_on_the_error_banner(
    bot_browser, settings, mock
) -> None:
    """PJe's banner replaces the painel at the same address: the retry must load it again, not just
    move to the same address (a same-document navigation that keeps the banner)."""
    with bot_browser.unit("run-banner", "zona-2") as unit:
        pje = _logged_in(unit, settings, mock)
        first, second = mock.state.zones[0], mock.state.zones[1]
        pje.select_zone(first)
        mock.state.fail_next(match="dev.seam", count=1)  # the redirect after choosing the profile
        chosen = pje.select_zone(second)
        current = pje.profile.current()
    assert chosen.startswith(f"{second}ª Zona Eleitoral")
    assert current == chosen


def test_bot_should_log_in_again_when_the_session_expires_before_a_zone_switch(
    bot_browser, settings, mock
) -> None:
    with bot_browser.unit("run-expiry-zone", "zona-1") as unit:
        pje = _logged_in(unit, settings, mock)
        first, second = mock.state.zones[0], mock.state.zones[1]
        pje.select_zone(first)
        mock.state.expire_session()
        chosen = pje.select_zone(second)
        current = pje.profile.current()
    assert chosen.startswith(f"{second}ª Zona Eleitoral") and current == chosen
    assert pje.zone == second


def test_transition_should_be_confirmed_once_when_the_redirect_shows_the_error_banner(
    bot_browser, settings, mock
) -> None:
    """The transition lands but PJe's banner replaces the page it redirects to: the bot must see that
    the task moved on (its old task id is gone) instead of waiting for a header that never comes."""
    zone = busiest_zone(mock, "Minutar sentença")
    with bot_browser.unit("run-transicao", "zona") as unit:
        pje = _logged_in(unit, settings, mock)
        pje.select_zone(zone)
        card = pje.processes_in_task("Minutar sentença", limit=1)[0]
        state = pje.process_state(card.number)
        mock.state.fail_next(match="movimentar.seam", count=1)  # the redirect after the transition
        pje.transition(state, "Revisar ato")
        after = pje.process_state(card.number)
    assert after.task == "Revisar ato"
    moves = [w for w in bot_writes(mock) if w["action"] == "transicao" and w["process"] == card.number]
    assert len(moves) == 1
