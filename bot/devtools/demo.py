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
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
from rich.console import Console
from tenacity import Retrying, retry_if_exception_type, stop_after_delay, wait_fixed

import routines
from bot.cli.run import print_summary, print_tasks
from bot.config.logging import configure_logging
from bot.config.settings import Settings
from bot.core.errors import BotError
from bot.devtools.scoring import score
from bot.pipeline.triage import Triage, read_zone_tasks
from bot.queue import users
from bot.queue.db import Database

DEMO_CPF = "52998224725"  # synthetic, check-digit valid
DEMO_PASSWORD = "jano-demo"  # the mock's dev servant; never a real credential
DEMO_SUPERVISOR = "supervisor"
DEMO_SUPERVISOR_PASSWORD = "supervisor-demo"  # demo account on the demo database only
DEMO_ZONES = 2
DEMO_PER_ZONE = 30
DEMO_DIR = Path("var/demo")

console = Console(width=None if sys.stdout.isatty() else 160)


@dataclass(frozen=True)
class MockProcess:
    base_url: str
    admin_token: str
    port: int

    def admin(self) -> httpx.Client:
        """Client of the mock's inspection API (never used by the bot itself)."""
        headers = {"Authorization": f"Bearer {self.admin_token}"}
        return httpx.Client(base_url=self.base_url, headers=headers, timeout=30)

    def truth(self) -> list[dict[str, object]]:
        with self.admin() as client:
            rows: list[dict[str, object]] = client.get("/_mock/truth").raise_for_status().json()
        return rows


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def mock_command(port: int, token: str, cpf: str, password: str, db: Path) -> list[str]:
    return [
        "jano", "mock", "serve", "--port", str(port), "--seed", "7", "--zones", str(DEMO_ZONES),
        "--per-zone", str(DEMO_PER_ZONE), "--faults", "light", "--db", str(db),
        "--admin-token", token, "--servant-cpf", cpf, "--servant-password", password,
    ]  # fmt: skip


@contextmanager
def mock_server(*, cpf: str, password: str, db: Path) -> Iterator[MockProcess]:
    """Run ``jano mock serve`` in a child process until the block ends."""
    port = free_port()
    token = os.urandom(12).hex()
    cmd = [sys.executable, "-m", "bot.cli", *mock_command(port, token, cpf, password, db)[1:]]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base_url = f"http://127.0.0.1:{port}"
    try:
        for attempt in Retrying(
            retry=retry_if_exception_type(httpx.HTTPError), stop=stop_after_delay(30), wait=wait_fixed(0.2),
            reraise=True,
        ):  # fmt: skip
            with attempt:
                if proc.poll() is not None:
                    err = proc.stderr.read() if proc.stderr else ""
                    raise SystemExit(f"erro: o PJe simulado não iniciou: {err.strip()}")
                httpx.get(f"{base_url}/pje/login.seam", timeout=1).raise_for_status()
        yield MockProcess(base_url=base_url, admin_token=token, port=port)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


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
        sys.stderr.write(f"erro: {err}\n")
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
