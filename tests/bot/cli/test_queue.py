from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from bot.cli import app
from bot.config.settings import Settings
from bot.queue import approvals, audit
from bot.queue.db import Database, sqlite_path
from bot.queue.workitems import State, get_item
from tests.bot.factories import PASSWORD, add_user, proposed_item

runner = CliRunner()


@pytest.fixture(name="env")
def env_fixture(tmp_path: Path) -> dict[str, str]:
    return {"JANO_DB__URL": f"sqlite:///{tmp_path / 'var' / 'jano.db'}", "COLUMNS": "200"}


@pytest.fixture(name="db")
def db_fixture(env: dict[str, str]) -> Database:
    database = Database.from_settings(Settings.load(db={"url": env["JANO_DB__URL"]}))
    with database.session() as s:
        add_user(s, "sup", zones=(16,))
        add_user(s, "sup17", zones=(17,))
        add_user(s, "staff1", role="staff", zones=(16,))
        proposed_item(s, 600251, zone=16)
        proposed_item(s, 600252, zone=17)
    return database


def _run(args: list[str], env: dict[str, str], password: str | None = PASSWORD, **kw: Any) -> Any:
    full = dict(env)
    if password is not None:
        full["JANO_APPROVER_PASSWORD"] = password
    return runner.invoke(app, args, env=full, **kw)


def _one_error_line(result: Any) -> str:
    assert result.exit_code == 2, result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("erro: ")
    return lines[0]


def test_queue_list_json_should_print_one_array_with_the_contract_fields(
    db: Database, env: dict[str, str]
) -> None:
    result = _run(["queue", "list", "--json"], env)
    assert result.exit_code == 0, result.output
    items = json.loads(result.stdout)
    assert isinstance(items, list) and len(items) == 2
    for key in ("id", "zone", "routine", "process", "state", "label", "confidence", "flags", "reason"):
        assert key in items[0]
    assert {i["zone"] for i in items} == {16, 17}
    assert items[0]["state"] == "PROPOSED" and items[0]["label"] == "APROVACAO"
    assert items[0]["confidence"] == pytest.approx(0.97)
    only = json.loads(_run(["queue", "list", "--json", "--zone", "17"], env).stdout)
    assert [i["zone"] for i in only] == [17]
    none = json.loads(_run(["queue", "list", "--json", "--status", "done"], env).stdout)
    assert none == []


def test_queue_list_should_render_a_table(db: Database, env: dict[str, str]) -> None:
    result = _run(["queue", "list", "--status", "PROPOSED"], env)
    assert result.exit_code == 0
    assert "JN-000001" in result.stdout and "PROPOSED" in result.stdout


def test_queue_list_should_refuse_an_unknown_state_in_one_line(db: Database, env: dict[str, str]) -> None:
    assert "estado desconhecido" in _one_error_line(_run(["queue", "list", "--status", "PENDENTE"], env))


def test_queue_show_should_print_draft_movements_hash_and_history(db: Database, env: dict[str, str]) -> None:
    with db.session() as s:
        proposal = approvals.current_proposal(s, get_item(s, 1))
        assert proposal is not None
    result = _run(["queue", "show", "JN-000001"], env)
    assert result.exit_code == 0, result.output
    for text in (
        "JULGO APROVADAS as contas.",
        "Expedição de documento",
        proposal.payload_hash,
        "Histórico",
        "READING → PROPOSED",
        "opina pela aprovação",
    ):
        assert text in result.stdout


def test_queue_show_should_refuse_an_unknown_id_in_one_line(db: Database, env: dict[str, str]) -> None:
    assert "item não encontrado" in _one_error_line(_run(["queue", "show", "999"], env))
    assert "identificador de item inválido" in _one_error_line(_run(["queue", "show", "xyz"], env))


def test_queue_approve_should_authenticate_and_record_the_approver(db: Database, env: dict[str, str]) -> None:
    result = _run(["queue", "approve", "1", "--as", "sup"], env)
    assert result.exit_code == 0, result.output
    with db.session() as s:
        item = get_item(s, 1)
        assert item.state == State.APPROVED
        decision = approvals.decisions_of(s, item)[-1]
        assert decision.user_login == "sup"
        approvals.assert_executable(s, item)


def test_queue_approve_should_record_nothing_on_a_wrong_password(db: Database, env: dict[str, str]) -> None:
    with db.session() as s:
        before = audit.count(s)
    line = _one_error_line(_run(["queue", "approve", "1", "--as", "sup"], env, password="errada-999"))
    assert "senha incorretos" in line
    with db.session() as s:
        assert audit.count(s) == before
        assert get_item(s, 1).state == State.PROPOSED
        assert approvals.decisions_of(s, get_item(s, 1)) == []


def test_queue_approve_should_need_a_password_when_stdin_is_not_a_terminal(
    db: Database, env: dict[str, str]
) -> None:
    line = _one_error_line(_run(["queue", "approve", "1", "--as", "sup"], env, password=None))
    assert "JANO_APPROVER_PASSWORD" in line


def test_queue_approve_should_refuse_staff_and_other_zones(db: Database, env: dict[str, str]) -> None:
    assert "não pode aprovar" in _one_error_line(_run(["queue", "approve", "1", "--as", "staff1"], env))
    assert "não pode aprovar" in _one_error_line(_run(["queue", "approve", "1", "--as", "sup17"], env))
    with db.session() as s:
        assert get_item(s, 1).state == State.PROPOSED


def test_queue_approve_should_refuse_a_hash_that_is_not_the_current_one(
    db: Database, env: dict[str, str]
) -> None:
    line = _one_error_line(_run(["queue", "approve", "1", "--as", "sup", "--hash", "deadbeefdeadbeef"], env))
    assert "hash" in line
    with db.session() as s:
        good = approvals.current_proposal(s, get_item(s, 1))
        assert good is not None
    assert (
        _run(["queue", "approve", "1", "--as", "sup", "--hash", good.payload_hash[:12]], env).exit_code == 0
    )


def test_queue_edit_after_approve_should_void_the_approval(
    db: Database, env: dict[str, str], tmp_path: Path
) -> None:
    assert _run(["queue", "approve", "1", "--as", "sup"], env).exit_code == 0
    draft = tmp_path / "minuta.html"
    draft.write_text("<p>JULGO APROVADAS COM RESSALVAS as contas.</p>", encoding="utf-8")
    result = _run(["queue", "edit", "1", "--file", str(draft), "--as", "sup"], env)
    assert result.exit_code == 0, result.output
    with db.session() as s:
        item = get_item(s, 1)
        assert item.state == State.PROPOSED
        assert item.proposal_version == 2
        with pytest.raises(approvals.NotExecutable):
            approvals.assert_executable(s, item, require_state=False)
    missing = _run(["queue", "edit", "1", "--file", str(tmp_path / "nada.html"), "--as", "sup"], env)
    assert "não foi possível ler" in _one_error_line(missing)


def test_queue_reject_should_be_final(db: Database, env: dict[str, str]) -> None:
    result = _run(["queue", "reject", "2", "--reason", "valor divergente", "--as", "sup17"], env)
    assert result.exit_code == 0, result.output
    with db.session() as s:
        item = get_item(s, 2)
        assert item.state == State.REJECTED and item.reason == "valor divergente"
    assert "REJECTED" in _one_error_line(_run(["queue", "approve", "2", "--as", "sup17"], env))


def test_users_add_should_take_the_password_from_the_environment(env: dict[str, str]) -> None:
    full = {**env, "JANO_NEW_USER_PASSWORD": "outra-senha-1"}
    result = runner.invoke(app, ["users", "add", "ana", "--role", "supervisor", "--zones", "1,2"], env=full)
    assert result.exit_code == 0, result.output
    database = Database.from_settings(Settings.load(db={"url": env["JANO_DB__URL"]}))
    with database.session() as s:
        from bot.queue.users import authenticate

        user = authenticate(s, "ana", "outra-senha-1")
        assert user.zones == [1, 2] and user.role == "supervisor"


def test_users_add_should_fail_in_one_line_without_password_and_terminal(env: dict[str, str]) -> None:
    result = runner.invoke(app, ["users", "add", "ana", "--role", "supervisor", "--zones", "1"], env=env)
    assert "JANO_NEW_USER_PASSWORD" in _one_error_line(result)
    bad_role = runner.invoke(app, ["users", "add", "ana", "--role", "juiz"], env=env)
    assert "papel desconhecido" in _one_error_line(bad_role)


def test_execute_should_need_the_pje_password_and_say_when_nothing_is_approved(env: dict[str, str]) -> None:
    assert "JANO_PJE__PASSWORD" in _one_error_line(runner.invoke(app, ["execute"], env=env))
    with_pje = {**env, "JANO_PJE__CPF": "52998224725", "JANO_PJE__PASSWORD": "senha"}
    result = runner.invoke(app, ["execute", "--zone", "16"], env=with_pje)
    assert result.exit_code == 0, result.output
    assert "nenhuma ação aprovada" in result.stdout


def test_audit_verify_should_pass_then_flag_a_row_edited_through_sql(
    db: Database, env: dict[str, str]
) -> None:
    ok = runner.invoke(app, ["audit", "verify"], env=env)
    assert ok.exit_code == 0, ok.output
    assert "íntegra" in ok.stdout
    path = sqlite_path(env["JANO_DB__URL"])
    assert path is not None
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE audit SET actor = 'intruso' WHERE seq = 4")
    bad = runner.invoke(app, ["audit", "verify"], env=env)
    assert bad.exit_code == 1
    assert "registro #4" in bad.stderr
