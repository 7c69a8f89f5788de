from __future__ import annotations

import datetime as dt

import pytest

from bot.acts import TEMPLATES, DraftFactory
from bot.config.settings import CourtSettings
from bot.core.errors import BusinessError, ConfigError

VARS = {
    "processo": "0600251-45.2020.6.24.0016",
    "classe": "PCE",
    "zona": 16,
    "municipio": "Joinville",
    "partes": ["Ana Souza"],
    "juiz": "Dra. Beltrana",
    "objeto": "às Eleições 2024",
    "norma": None,
    "valor": "R$ 1.000,00",
    "fundamento": "fonte vedada",
    "prazo_dias": 3,
    "exercicio": "2023",
}


@pytest.mark.parametrize("template_id", sorted(TEMPLATES))
def test_every_template_should_render_with_variables_resolved(template_id: str) -> None:
    draft = DraftFactory(CourtSettings(name="TRE-SC"), today=dt.date(2026, 1, 2)).render(template_id, **VARS)
    assert draft.template_id == template_id and draft.template_version == TEMPLATES[template_id].version
    assert "{{" not in draft.body and "}}" not in draft.body
    assert "Ana Souza" in draft.body
    assert "02/01/2026" in draft.body


def test_ai_footer_should_follow_the_court_setting_but_stay_in_the_record() -> None:
    shown = DraftFactory(CourtSettings()).render("sentenca-contas-aprovacao", **VARS)
    hidden = DraftFactory(CourtSettings(print_ai_footer=False)).render("sentenca-contas-aprovacao", **VARS)
    assert CourtSettings().ai_footer in shown.body
    assert CourtSettings().ai_footer not in hidden.body
    assert hidden.ai_footer == CourtSettings().ai_footer


def test_render_should_refuse_unknown_templates_and_missing_variables() -> None:
    factory = DraftFactory(CourtSettings())
    with pytest.raises(ConfigError):
        factory.render("nao-existe")
    with pytest.raises(BusinessError, match="valor"):
        factory.render("sentenca-contas-desaprovacao", **{k: v for k, v in VARS.items() if k != "valor"})


def test_render_should_escape_html_in_variables() -> None:
    draft = DraftFactory(CourtSettings()).render(
        "sentenca-contas-aprovacao", **{**VARS, "partes": ["<script>x</script>"]}
    )
    assert "<script>" not in draft.body and "&lt;script&gt;" in draft.body
