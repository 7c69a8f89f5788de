from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from bot.vocabulary.domain import Task, zone_label
from mock_pje.launcher import MockHandle
from tests.mock_pje.pages import login


def test_login_should_open_painel_for_the_designated_servant(page: Page, mock: MockHandle) -> None:
    painel = login(page, mock)

    expect(page).to_have_url(re.compile(r"/pje/ng2/dev\.seam#/painel-usuario-interno$"))
    expect(painel.locator("#divTarefasPendentes")).to_be_visible()
    cookies = {c["name"]: c for c in page.context.cookies()}
    assert cookies["PJESESSIONID"]["httpOnly"] is True


def test_login_should_show_error_for_a_wrong_password(page: Page, mock: MockHandle) -> None:
    page.goto(f"{mock.base_url}/pje/login.seam")
    sso = page.frame_locator("iframe[name=ssoFrame]")
    sso.get_by_label("CPF").fill(mock.servant_cpf)
    sso.get_by_label("Senha").fill("senha-errada")
    sso.locator("#kc-login").click()

    expect(sso.locator("span#input-error")).to_have_text("Usuário ou senha inválidos.")
    expect(page).to_have_url(re.compile(r"/pje/login\.seam$"))


def test_certificate_button_should_be_present_but_unusable(page: Page, mock: MockHandle) -> None:
    page.goto(f"{mock.base_url}/pje/login.seam")
    sso = page.frame_locator("iframe[name=ssoFrame]")
    sso.locator("#kc-pje-office").click()

    expect(sso.get_by_text("PJeOffice indisponível")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/pje/login\.seam$"))


def test_profile_select_should_list_every_zone_for_the_servant_and_switch_zone(
    page: Page, mock: MockHandle
) -> None:
    login(page, mock)
    select = page.get_by_label("Localização/Papel")
    zones = mock.state.zones

    options = select.locator("option").all_inner_texts()
    assert options == [f"{zone_label(z)} – Servidor" for z in zones]
    select.select_option(label=f"{zone_label(zones[1])} – Servidor")

    expect(page.locator("span#perfil-atual")).to_have_text(f"{zone_label(zones[1])} – Servidor")
    counts = mock.state.task_counts(zones[1])
    painel = page.frame_locator("iframe#ngFrame")
    first_task = next(t.value for t in Task if counts.get(t.value))
    expect(
        painel.locator(f"#divTarefasPendentes .menuItem a[title='{first_task}'] span.quantidadeTarefa")
    ).to_have_text(str(counts[first_task]))


def test_zone_staff_should_see_only_their_zone(page: Page, mock: MockHandle) -> None:
    staff = next(u for u in mock.state.users.values() if u.role == "Servidor" and len(u.zones) == 1)
    login(page, mock, staff.cpf, staff.password)

    options = page.get_by_label("Localização/Papel").locator("option").all_inner_texts()
    assert options == [f"{zone_label(staff.zones[0])} – Servidor"]


def test_judge_should_log_in_with_the_judge_profile(page: Page, mock: MockHandle) -> None:
    zone = mock.state.zones[0]
    login(page, mock, *mock.judge(zone))

    expect(page.locator("span#perfil-atual")).to_have_text(f"{zone_label(zone)} – Juiz Eleitoral")


def test_painel_should_list_tasks_with_the_counts_of_the_zone(page: Page, mock: MockHandle) -> None:
    painel = login(page, mock)
    counts = mock.state.task_counts(mock.state.zones[0])

    items = painel.locator("#divTarefasPendentes .menuItem a")
    expect(items).to_have_count(len(counts))
    for task, count in counts.items():
        expect(
            painel.locator(f"#divTarefasPendentes .menuItem a[title='{task}'] span.quantidadeTarefa")
        ).to_have_text(str(count))


def test_painel_should_show_cards_of_the_selected_task_with_a_paginator(page: Page, mock: MockHandle) -> None:
    painel = login(page, mock)
    zone = mock.state.zones[0]
    task = max(mock.state.task_counts(zone).items(), key=lambda kv: kv[1])[0]
    expected = sorted(p.number for p in mock.state.zone_processes(zone) if p.task == task)

    painel.locator(f"#divTarefasPendentes .menuItem a[title='{task}']").click()
    listing = painel.locator(f"#listaProcessos[data-tarefa='{task}'][aria-busy='false']")
    expect(painel.get_by_test_id("pagina-atual")).to_contain_text("Página 1 de")
    expect(listing).to_be_visible()
    seen = listing.locator(".processo-card a.numero-processo").all_inner_texts()
    while painel.get_by_role("link", name="Próxima").count():
        painel.get_by_role("link", name="Próxima").click()
        page_no = len(seen) // 10 + 1
        expect(painel.get_by_test_id("pagina-atual")).to_contain_text(f"Página {page_no} de")
        seen += listing.locator(".processo-card a.numero-processo").all_inner_texts()

    assert sorted(seen) == expected
    assert len(expected) > 10, "the seed must give a task with more than one page"


def test_painel_search_should_find_a_process_by_its_number(page: Page, mock: MockHandle) -> None:
    painel = login(page, mock)
    process = mock.state.zone_processes(mock.state.zones[0])[5]

    painel.get_by_label("Pesquisar processo").fill(process.number)
    painel.get_by_role("button", name="Pesquisar").click()

    cards = painel.get_by_test_id("processo-card")
    expect(cards).to_have_count(1)
    expect(cards.locator("a.numero-processo")).to_have_text(process.number)
    expect(cards.get_by_test_id("tarefa")).to_have_text(process.task)
    expect(cards.get_by_test_id("partes")).to_contain_text(process.parties[0])


def test_expired_session_should_send_the_user_back_to_login(page: Page, mock: MockHandle) -> None:
    login(page, mock)
    assert mock.state.expire_session(mock.servant_cpf) == 1

    page.reload()
    expect(page.get_by_text("sessão expirada")).to_be_visible()
    page.get_by_role("link", name="Voltar ao login").click()
    expect(page.frame_locator("iframe[name=ssoFrame]").locator("#username")).to_be_visible()


def test_idle_session_should_expire_after_the_ttl(page: Page, mock: MockHandle) -> None:
    login(page, mock)
    for session in mock.state.sessions.values():
        session.last_seen -= mock.settings.session_ttl_s + 1

    page.reload()
    expect(page.get_by_test_id("sessao-expirada")).to_be_visible()


def test_logout_should_end_the_session(page: Page, mock: MockHandle) -> None:
    login(page, mock)
    page.get_by_role("link", name="Sair").click()

    expect(page).to_have_url(re.compile(r"/pje/login\.seam$"))
    page.goto(f"{mock.base_url}/pje/ng2/dev.seam")
    expect(page.get_by_test_id("sessao-expirada")).to_be_visible()
