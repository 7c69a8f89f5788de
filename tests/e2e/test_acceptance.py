"""Issue acceptance, end to end in real Chromium with the fine-tuned classifier: a mock with 2 zones ×
30 processes and faults "light"; Minuta Sentença agrees with the mock's truth, covers the processes a
person need not see, sends divergent and incomplete ones to a person; then approve → execute → the
judge signs → Código Julgamento → approve → execute, each movement and communication once."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

import routines
from bot.config.settings import Settings
from bot.devtools.scoring import score
from bot.pipeline.executor import Executor
from bot.pipeline.triage import Triage
from bot.queue.db import Database
from bot.queue.workitems import State
from bot.vocabulary.domain import MOVEMENTS
from bot.vocabulary.outcomes import judgment_movement
from mock_pje import MockSettings
from mock_pje.launcher import run_mock_server
from tests.e2e.helpers import add_supervisor, approve_all, bot_writes, items_in

pytestmark = [pytest.mark.e2e, pytest.mark.slow]
REPO = Path(__file__).resolve().parents[2]
MODELS = REPO / "var" / "models"


@pytest.fixture(scope="module")
def light_mock():
    with run_mock_server(
        MockSettings(seed=7, zones=2, per_zone=30, faults="light", admin_token="acc-token")
    ) as m:
        yield m


def _settings(mock, tmp_path: Path) -> Settings:
    return Settings.load(
        var_dir=tmp_path / "var",
        pje={"base_url": mock.base_url, "cpf": mock.servant_cpf, "password": mock.servant_password},
        db={"url": f"sqlite:///{tmp_path / 'var' / 'jano.db'}"},
        logging={"dir": tmp_path / "var" / "logs"},
        classifier={"models_dir": MODELS},
    )


def test_jano_run_cli_should_triage_a_zone_and_print_the_summary(light_mock, tmp_path) -> None:
    zone = light_mock.state.zones[0]
    env = {k: v for k, v in os.environ.items() if not k.startswith("JANO_")}
    env |= {
        "JANO_PJE__BASE_URL": light_mock.base_url, "JANO_PJE__CPF": light_mock.servant_cpf,
        "JANO_PJE__PASSWORD": light_mock.servant_password, "JANO_CLASSIFIER__MODELS_DIR": str(MODELS),
        "JANO_DB__URL": f"sqlite:///{tmp_path / 'cli.db'}", "PYTHONPATH": str(REPO), "COLUMNS": "200",
    }  # fmt: skip
    run = [
        sys.executable,
        "-m",
        "bot.cli",
        "run",
        "contas-minuta-sentenca",
        "--zone",
        str(zone),
        "--limit",
        "4",
    ]
    done = subprocess.run(run, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert "propostos:" in done.stdout and "manuais:" in done.stdout
    listed = subprocess.run(
        [sys.executable, "-m", "bot.cli", "queue", "list", "--json"], cwd=tmp_path, env=env,
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    items = json.loads(listed.stdout)
    assert len(items) == 4, done.stdout[-3000:]
    assert {"id", "zone", "routine", "process", "state", "label", "confidence", "flags"} <= set(items[0])
    assert light_mock.servant_cpf not in done.stdout + done.stderr


def test_accounts_routines_should_meet_the_acceptance_figures(light_mock, browser, tmp_path) -> None:
    """Issue 5 §9 with the fine-tuned models. Close to its edge: 2026-12-01 and -02, agreement 12/12
    and coverage 12/15 = 0.80 in every fresh clone (training is deterministic); one more process sent to a
    person and coverage falls below 80 %."""
    # The session's Chromium: a second sync Playwright cannot start while the first one lives.
    light_mock.state.reset()
    settings = _settings(light_mock, tmp_path)
    db = Database.from_settings(settings)
    with light_mock.admin() as client:
        truth = client.get("/_mock/truth").json()
    outcomes = []
    for zone in light_mock.state.zones:
        add_supervisor(db, zone, login=f"chefe{zone}")
        summary = Triage(settings, routines.get("contas-minuta-sentenca"), zone, db=db, browser=browser).run(
            concurrency=2
        )
        outcomes += summary.outcomes
    result = score(outcomes, [t for t in truth if t["routine"] == "contas-minuta-sentenca"])
    print(
        f"minuta: agreement {result.agreed}/{result.proposed}",
        f"coverage {result.eligible_proposed}/{result.eligible}",
    )
    assert result.proposed >= 10
    assert result.agreement >= 0.98, result.disagreements
    assert result.coverage >= 0.80
    assert result.manual_ok, result.wrongly_proposed
    assert bot_writes(light_mock) == []

    for zone in light_mock.state.zones:
        approve_all(db, login=f"chefe{zone}", zone=zone)
    executed = Executor(settings, db=db, browser=browser).run(concurrency=2)
    assert executed and all(r.state == State.DONE.value for r in executed), [
        r for r in executed if r.state != State.DONE.value
    ]
    with light_mock.admin() as client:
        client.post("/_mock/sign", json={}).raise_for_status()
    codigo = []
    for zone in light_mock.state.zones:
        codigo += (
            Triage(settings, routines.get("contas-codigo-julgamento"), zone, db=db, browser=browser)
            .run(concurrency=2)
            .outcomes
        )
    proposed = {o.process: o.label for o in codigo if o.state == State.PROPOSED.value}
    drafted = {o.process: o.label for o in outcomes if o.state == State.PROPOSED.value}
    judged = {p: lab for p, lab in proposed.items() if p in drafted}
    assert len(judged) >= 0.9 * len(drafted)
    assert all(judged[p] == drafted[p] for p in judged)
    for zone in light_mock.state.zones:
        approve_all(db, login=f"chefe{zone}", zone=zone)
    results = Executor(settings, db=db, browser=browser).run(concurrency=2)
    assert results and all(r.state == State.DONE.value for r in results), [
        r for r in results if r.state != State.DONE.value
    ]
    writes = bot_writes(light_mock)
    classes = {t["process"]: t["class"] for t in truth}
    for process, label in proposed.items():
        mine = [w for w in writes if w["process"] == process]
        launched = [c for w in mine if w["action"] == "lancar_movimentos" for c in w["movement_codes"]]
        assert launched == [MOVEMENTS[judgment_movement(classes[process], label)].code], process
        channels = Counter(w["detail"]["channel"] for w in mine if w["action"] == "preparar_comunicacao")
        assert channels == Counter({"Diário de Justiça Eletrônico": 1, "Sistema": 1}), process
    assert not items_in(db, State.FAILED)
    db.dispose()
