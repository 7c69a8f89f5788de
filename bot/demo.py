"""``make demo``: the main job on the embedded default, end to end, against a local mock PJe.

Starts the mock PJe on a free loopback port, logs in as the designated servant through the SSO
iframe, selects each zone profile and prints its pending tasks. Later stages (triage → queue →
console) extend :func:`main`.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import httpx
from rich.console import Console
from tenacity import Retrying, retry_if_exception_type, stop_after_delay, wait_fixed

from bot.cli.run import print_tasks
from bot.logging import configure_logging
from bot.settings import Settings
from bot.triage import read_zone_tasks

DEMO_CPF = "52998224725"  # synthetic, check-digit valid
DEMO_PASSWORD = "jano-demo"  # the mock's dev servant; never a real credential
DEMO_ZONES = 2
DEMO_PER_ZONE = 30

console = Console()


@dataclass(frozen=True)
class MockProcess:
    base_url: str
    admin_token: str

    def admin(self) -> httpx.Client:
        """Client of the mock's inspection API (never used by the bot itself)."""
        return httpx.Client(
            base_url=self.base_url, headers={"Authorization": f"Bearer {self.admin_token}"}, timeout=30
        )

    def zones(self) -> list[int]:
        with self.admin() as client:
            truth = client.get("/_mock/truth").raise_for_status().json()
        return sorted({int(row["zone"]) for row in truth})


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def mock_server(*, zones: int, per_zone: int, faults: str, cpf: str, password: str) -> Iterator[MockProcess]:
    """Run ``jano mock serve`` in a child process until the block ends."""
    port = free_port()
    token = os.urandom(12).hex()
    cmd = [
        sys.executable, "-m", "bot.cli", "mock", "serve", "--port", str(port), "--seed", "7",
        "--zones", str(zones), "--per-zone", str(per_zone), "--faults", faults,
        "--admin-token", token, "--servant-cpf", cpf, "--servant-password", password,
    ]  # fmt: skip
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base_url = f"http://127.0.0.1:{port}"
    try:
        for attempt in Retrying(
            retry=retry_if_exception_type(httpx.HTTPError), stop=stop_after_delay(20), wait=wait_fixed(0.2),
            reraise=True,
        ):  # fmt: skip
            with attempt:
                if proc.poll() is not None:
                    raise SystemExit(
                        f"erro: o PJe simulado não iniciou: {proc.stderr.read() if proc.stderr else ''}"
                    )
                httpx.get(f"{base_url}/pje/login.seam", timeout=1).raise_for_status()
        yield MockProcess(base_url=base_url, admin_token=token)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def main() -> int:
    cpf = os.environ.get("JANO_PJE__CPF", DEMO_CPF)
    password = os.environ.get("JANO_PJE__PASSWORD", DEMO_PASSWORD)
    console.rule("[bold]jano – demonstração[/bold]")
    with mock_server(
        zones=DEMO_ZONES, per_zone=DEMO_PER_ZONE, faults="light", cpf=cpf, password=password
    ) as mock:
        console.print(f"PJe simulado em {mock.base_url}")
        settings = Settings.load(pje={"base_url": mock.base_url, "cpf": cpf, "password": password})
        configure_logging(settings)
        user_cpf, user_password = settings.require_pje()
        for zone in mock.zones():
            tasks = read_zone_tasks(settings, zone=zone, run_id="demo", cpf=user_cpf, password=user_password)
            print_tasks(tasks, zone)
    console.print("[green]demonstração concluída[/green]")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
