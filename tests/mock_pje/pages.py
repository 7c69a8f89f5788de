"""Browser steps shared by the mock's page tests: log in, open a task's process (real Chromium)."""

from __future__ import annotations

from playwright.sync_api import FrameLocator, Page, expect

from bot.vocabulary.domain import zone_label
from mock_pje.launcher import MockHandle


def login(
    page: Page, mock: MockHandle, cpf: str | None = None, password: str | None = None, *, ui: bool = True
) -> FrameLocator:
    """Log in through the SSO iframe (or, with ``ui=False``, by planting the session cookie the SSO
    would set); return the painel frame (iframe#ngFrame)."""
    if not ui:
        session = mock.state.login(cpf or mock.servant_cpf, password or mock.servant_password)
        assert session is not None
        page.context.add_cookies([{"name": "PJESESSIONID", "value": session.token, "url": mock.base_url}])
        page.goto(f"{mock.base_url}/pje/ng2/dev.seam#/painel-usuario-interno")
        return page.frame_locator("iframe#ngFrame")
    page.goto(f"{mock.base_url}/pje/login.seam")
    sso = page.frame_locator("iframe[name=ssoFrame]")
    sso.locator("#username").fill(cpf or mock.servant_cpf)
    sso.locator("#password").fill(password or mock.servant_password)
    sso.locator("#kc-login").click()
    page.wait_for_url("**/pje/ng2/dev.seam**")
    return page.frame_locator("iframe#ngFrame")


def open_task(
    page: Page,
    mock: MockHandle,
    task: str,
    number: str | None = None,
    cpf: str | None = None,
    password: str | None = None,
) -> FrameLocator:
    """Log in, open ``task`` in the painel, open a process card; return frame-tarefa."""
    painel = login(page, mock, cpf, password, ui=False)
    process = next(
        p for p in mock.state.processes.values() if p.task == task and (number is None or p.number == number)
    )
    if process.zone != mock.state.users[cpf or mock.servant_cpf].zones[0]:
        page.get_by_label("Localização/Papel").select_option(value=str(process.zone))
        expect(page.locator("span#perfil-atual")).to_contain_text(zone_label(process.zone))
    painel.locator(f"#divTarefasPendentes .menuItem a[title='{task}']").click()
    expect(painel.locator(f"#listaProcessos[data-tarefa='{task}']")).to_be_attached()
    painel.get_by_label("Pesquisar processo").fill(process.number)
    painel.get_by_role("button", name="Pesquisar").click()
    painel.locator(
        f"#listaProcessos[data-tarefa='{task}'] .processo-card[data-numero='{process.number}'] "
        "a.numero-processo"
    ).click()
    frame = painel.frame_locator("iframe#frame-tarefa")
    expect(frame.get_by_test_id("tarefa-view")).to_have_attribute("data-numero", process.number)
    return frame
