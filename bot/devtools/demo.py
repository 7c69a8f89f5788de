"""``make demo``: the main job on the embedded default, end to end, against a local mock PJe.

1. starts the mock PJe (2 zones × 30 processes, faults "light", state kept in ``var/demo/mock.db``);
2. logs in as the designated servant through the SSO iframe and prints each zone's tasks;
3. runs the Minuta Sentença triage in each zone with the fine-tuned classifier (nothing is written
   to PJe) and scores it against the mock's ground truth;
4. leaves the proposals in the approval queue (``var/demo/jano.db``) and says how a supervisor
   approves them and how the executor then launches them.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pydantic import ValidationError
from rich.console import Console

import routines
from bot.cli.errors import report
from bot.cli.run import print_summary, print_tasks
from bot.config.logging import configure_logging
from bot.config.settings import Settings
from bot.core.errors import BotError
from bot.devtools.scoring import score
from bot.pipeline.triage import Triage, read_zone_tasks
from bot.queue import users
from bot.queue.db import Database
from mock_pje.launcher import MockProcess, MockStartError, run_mock_process
from mock_pje.settings import FaultProfile, MockSettings

DEMO_CPF = "52998224725"  # synthetic, check-digit valid
DEMO_PASSWORD = "jano-demo"  # the mock's dev servant; never a real credential
DEMO_SUPERVISOR = "supervisor"
DEMO_SUPERVISOR_PASSWORD = "supervisor-demo"  # demo account on the demo database only
DEMO_ZONES = 2
DEMO_PER_ZONE = 30
DEMO_DIR = Path("var/demo")

console = Console(width=None if sys.stdout.isatty() else 160)


def mock_command(port: int, token: str, cpf: str, password: str, db: Path) -> list[str]:
    return [
        "jano", "mock", "serve", "--port", str(port), "--seed", "7", "--zones", str(DEMO_ZONES),
        "--per-zone", str(DEMO_PER_ZONE), "--faults", "light", "--db", str(db),
        "--admin-token", token, "--servant-cpf", cpf, "--servant-password", password,
    ]  # fmt: skip


@contextmanager
def mock_server(*, cpf: str, password: str, db: Path) -> Iterator[MockProcess]:
    """Run the demo's mock PJe in a child process (:mod:`mock_pje.launcher`) until the block ends."""
    try:
        world = MockSettings(
            seed=7, zones=DEMO_ZONES, per_zone=DEMO_PER_ZONE, faults=FaultProfile.LIGHT, db=db,
            admin_token=os.urandom(12).hex(), servant_cpf=cpf, servant_password=password,
        )  # fmt: skip
    except ValidationError as err:
        first = err.errors()[0]
        option = str(first["loc"][0]).replace("_", "-")
        raise SystemExit(
            f"erro: o PJe simulado não iniciou: opção inválida --{option}: {first['msg']}"
        ) from None
    try:
        with run_mock_process(world) as mock:
            yield mock
    except MockStartError as err:
        raise SystemExit(f"erro: o PJe simulado não iniciou: {err.output}") from None


def run_demo() -> int:
    cpf = os.environ.get("JANO_PJE__CPF", DEMO_CPF)
    password = os.environ.get("JANO_PJE__PASSWORD", DEMO_PASSWORD)
    shutil.rmtree(DEMO_DIR, ignore_errors=True)
    DEMO_DIR.mkdir(parents=True)
    mock_db = DEMO_DIR / "mock.db"
    db_url = f"sqlite:///{DEMO_DIR / 'jano.db'}"
    console.rule("[bold]jano – demonstração[/bold]")
    with mock_server(cpf=cpf, password=password, db=mock_db) as mock:
        console.print(f"PJe simulado em {mock.base_url} (falhas: light)")
        settings = Settings.load(
            pje={"base_url": mock.base_url, "cpf": cpf, "password": password}, db={"url": db_url}
        )
        configure_logging(settings, level="WARNING")
        user_cpf, user_password = settings.require_pje()
        truth = mock.truth()
        zones = sorted({int(str(row["zone"])) for row in truth})
        for zone in zones:
            print_tasks(
                read_zone_tasks(settings, zone=zone, run_id="demo", cpf=user_cpf, password=user_password),
                zone,
            )
        db = Database.from_settings(settings)
        routine = routines.get("contas-minuta-sentenca")
        assert routine is not None
        outcomes = []
        for zone in zones:
            summary = Triage(settings, routine, zone, db=db).run(concurrency=2)
            print_summary(summary)
            outcomes += summary.outcomes
        result = score(outcomes, truth)
        console.print(
            f"[bold]Gabarito do PJe simulado[/bold]: acordo {result.agreed}/{result.proposed} "
            f"({result.agreement:.0%}); cobertura {result.eligible_proposed}/{result.eligible} "
            f"({result.coverage:.0%}); divergentes/incompletos com pessoa: "
            f"{result.needs_person_manual}/{result.needs_person}"
        )
        with db.session() as session:
            if users.get_user(session, DEMO_SUPERVISOR) is None:
                users.add_user(
                    session,
                    DEMO_SUPERVISOR,
                    role="supervisor",
                    zones=zones,
                    password=DEMO_SUPERVISOR_PASSWORD,
                )
        db.dispose()
        serve = " ".join(mock_command(mock.port, mock.admin_token, "<cpf>", "<senha>", mock_db))
    console.rule("[bold]Fila aguardando validação humana[/bold]")
    env = f"JANO_DB__URL={db_url}"
    console.print(
        "Nada foi lançado no PJe. Para validar e executar:\n"
        f"  {env} jano queue list\n"
        f"  {env} jano queue show ID\n"
        f"  {env} JANO_APPROVER_PASSWORD={DEMO_SUPERVISOR_PASSWORD} "
        f"jano queue approve ID --as {DEMO_SUPERVISOR}\n"
        f"  {serve} &\n"
        f"  {env} JANO_PJE__BASE_URL=http://127.0.0.1:{mock.port} JANO_PJE__CPF=<cpf> "
        "JANO_PJE__PASSWORD=<senha> jano execute\n"
        "(<cpf> e <senha>: os do servidor designado desta demonstração – JANO_PJE__CPF e "
        "JANO_PJE__PASSWORD, ou os padrões de bot/devtools/demo.py; CPFs não são exibidos em claro)"
    )
    return 0


def main() -> int:
    try:
        return run_demo()
    except BotError as err:
        return report(err)


if __name__ == "__main__":
    raise SystemExit(main())
