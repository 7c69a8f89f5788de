from __future__ import annotations

import json

from loguru import logger

from bot.config.logging import configure_logging
from bot.config.settings import Settings
from bot.core import cpf

CPF = "529.982.247-25"
PASSWORD = "senha-super-secreta-123"


def test_logging_should_mask_cpfs_and_drop_secrets_in_console_and_json_file(tmp_path, capsys) -> None:
    settings = Settings.load(pje={"cpf": CPF, "password": PASSWORD}, logging={"dir": tmp_path / "logs"})
    path = configure_logging(settings)
    logger.bind(servidor=CPF, zone=3).info("login como {} com senha {}", CPF, PASSWORD)
    logger.info("cpf sem pontuação 52998224725 e de parte 111.444.777-35")
    try:
        raise ValueError(f"falhou para {CPF}")
    except ValueError:
        logger.exception("erro")
    logger.remove()

    text = path.read_text(encoding="utf-8")
    console = capsys.readouterr().err
    for output in (text, console):
        assert "52998224725" not in output
        assert "529.982.247-25" not in output
        assert "111.444.777-35" not in output
        assert PASSWORD not in output
        assert cpf.mask(CPF) in output
    records = [json.loads(line) for line in text.splitlines()]
    assert records[0]["record"]["extra"]["servidor"] == cpf.mask(CPF)
    assert records[0]["record"]["extra"]["zone"] == 3
    assert "********" in records[0]["text"]
