"""Application errors after retries: the item goes to FAILED with its Playwright trace and a
screenshot under var/artifacts/<run>/<item>/, and the run record keeps its counts."""

from __future__ import annotations

import zipfile

import pytest

import routines
from bot.pipeline.triage import Triage
from bot.queue import runs
from bot.queue.workitems import State
from tests.doubles import OracleClassifier
from tests.e2e.helpers import busiest_zone, items_in

pytestmark = pytest.mark.e2e


def test_a_persistently_failing_page_should_fail_the_item_and_keep_its_trace(
    settings, mock, browser, db
) -> None:
    zone = busiest_zone(mock, "Minutar sentença")
    mock.state.fail_next(match="listAutosDigitais", count=50)  # "Erro inesperado" on every autos page
    oracle = OracleClassifier(mock)
    routine = routines.get("contas-minuta-sentenca")
    triage = Triage(settings, routine, zone, db=db, classifier_for=lambda _: oracle, browser=browser)
    summary = triage.run(limit=1)
    [failed] = items_in(db, State.FAILED)
    assert "Erro inesperado" in (failed.reason or "")
    artifacts = settings.artifacts_dir / summary.run_id / failed.code
    assert failed.trace_path == str(artifacts)
    assert (artifacts / "screenshot.png").stat().st_size > 0
    with zipfile.ZipFile(artifacts / "trace.zip") as trace:
        assert any(name.endswith(".trace") for name in trace.namelist())
    with db.session() as session:
        run = runs.get_run(session, summary.run_id)
        assert run.counts == {"FAILED": 1} and run.settings_digest


def test_a_few_error_banners_should_be_retried_transparently(settings, mock, browser, db) -> None:
    zone = busiest_zone(mock, "Minutar sentença")
    mock.state.fail_next(match="listAutosDigitais", count=2)  # within the retries (settings.pje.retries=3)
    mock.state.fail_next(match="movimentar.seam", count=1)
    oracle = OracleClassifier(mock)
    routine = routines.get("contas-minuta-sentenca")
    Triage(settings, routine, zone, db=db, classifier_for=lambda _: oracle, browser=browser).run(limit=2)
    assert not items_in(db, State.FAILED)
    assert items_in(db, State.PROPOSED) or items_in(db, State.MANUAL)
