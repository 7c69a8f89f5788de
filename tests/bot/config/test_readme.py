from __future__ import annotations

from pathlib import Path

from bot.config.settings import settings_table_markdown

README = Path(__file__).resolve().parents[3] / "README.md"
BEGIN, END = "<!-- settings-table:begin -->", "<!-- settings-table:end -->"


def test_readme_configuration_table_should_match_the_settings_model() -> None:
    text = README.read_text(encoding="utf-8")
    table = text.split(BEGIN, 1)[1].split(END, 1)[0].strip()
    assert table == settings_table_markdown(), (
        "run: .venv/bin/python -m bot.config.settings and paste into README"
    )


def test_readme_should_document_the_two_commands() -> None:
    text = README.read_text(encoding="utf-8")
    assert "make demo" in text and "make test" in text
