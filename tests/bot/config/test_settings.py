from __future__ import annotations

from pathlib import Path

import pytest

from bot.config.settings import Settings
from bot.core.errors import ConfigError

VALID_CPF = "52998224725"


def test_settings_should_read_nested_environment_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JANO_PJE__BASE_URL", "http://127.0.0.1:9999")
    monkeypatch.setenv("JANO_PJE__CPF", "529.982.247-25")
    monkeypatch.setenv("JANO_PJE__PASSWORD", "s3nha-forte")
    settings = Settings.load()
    assert settings.pje.base_url == "http://127.0.0.1:9999"
    assert settings.require_pje() == (VALID_CPF, "s3nha-forte")


def test_settings_should_name_the_missing_password_variable() -> None:
    settings = Settings.load(pje={"cpf": VALID_CPF})
    with pytest.raises(ConfigError, match="JANO_PJE__PASSWORD"):
        settings.require_pje()


def test_settings_should_reject_a_cpf_with_wrong_check_digits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JANO_PJE__CPF", "52998224724")
    with pytest.raises(ConfigError, match="JANO_PJE__CPF"):
        Settings.load()


def test_settings_should_read_dotenv_and_secrets_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".env").write_text("JANO_PJE__CPF=52998224725\nJANO_COURT__TRIBUNAL=24\n")
    secrets = tmp_path / "secrets"
    secrets.mkdir()
    (secrets / "jano_console__secret_key").write_text("chave-do-console")
    monkeypatch.setenv("JANO_SECRETS_DIR", str(secrets))
    settings = Settings.load()
    assert settings.pje.cpf == VALID_CPF
    assert settings.court.tribunal == 24
    assert settings.require_console() == "chave-do-console"


def test_settings_should_not_accept_a_missing_console_secret() -> None:
    with pytest.raises(ConfigError, match="JANO_CONSOLE__SECRET_KEY"):
        Settings.load().require_console()


def test_settings_should_override_movement_codes_from_one_json_table(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JANO_MOVEMENTS", '{"contas_aprovadas": 11111}')
    settings = Settings.load()
    assert settings.movement_code("contas_aprovadas") == 11111
    assert settings.movement_code("contas_aprovadas_ressalvas") == 12654


def test_settings_should_refuse_unknown_movement_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JANO_MOVEMENTS", '{"nao_existe": 1}')
    with pytest.raises(ConfigError, match="JANO_MOVEMENTS"):
        Settings.load()
