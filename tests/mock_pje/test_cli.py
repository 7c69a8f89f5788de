from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx

from bot.core import cpf as cpf_mod
from mock_pje.launcher import free_port

JANO = [sys.executable, "-c", "from bot.cli import main; main()"]
CPF = "11144477735"


def _cpu_seconds(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("JANO_")}


def test_mock_serve_should_start_quickly_and_honour_token_and_credentials(tmp_path: Path) -> None:
    assert cpf_mod.is_valid(CPF)
    port = free_port()
    args = [
        "mock",
        "serve",
        "--port",
        str(port),
        "--seed",
        "3",
        "--zones",
        "3",
        "--per-zone",
        "40",
        "--faults",
        "off",
        "--db",
        str(tmp_path / "mock.db"),
        "--admin-token",
        "token-de-teste",
        "--servant-cpf",
        CPF,
        "--servant-password",
        "senha-teste",
    ]
    started = time.monotonic()
    server = subprocess.Popen(
        [*JANO, *args], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=_env()
    )
    try:
        base = f"http://127.0.0.1:{port}"
        while time.monotonic() - started < 30:
            try:
                if httpx.get(f"{base}/pje/login.seam", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.05)
        elapsed = time.monotonic() - started
        cpu = _cpu_seconds(server.pid)
        # CPU time, not wall time: the CI machine is shared; on an idle core CPU time ~ wall time.
        assert cpu < 5, f"start-up took {cpu:.1f} s of CPU ({elapsed:.1f} s wall)"
        print(f"jano mock serve 3x40: ready in {elapsed:.2f} s wall, {cpu:.2f} s CPU")
        auth = {"Authorization": "Bearer token-de-teste"}
        truth = httpx.get(f"{base}/_mock/truth", headers=auth).json()
        assert len(truth) == 120
        client = httpx.Client(base_url=base)
        client.post(
            "/auth/realms/pje/login-actions/authenticate", data={"username": CPF, "password": "senha-teste"}
        )
        assert "perfil-atual" in client.get("/pje/ng2/dev.seam").text
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=15)
    assert f"http://127.0.0.1:{port}/pje/login.seam" in output
    assert "token-de-teste" in output and CPF in output and "senha-teste" in output
    assert (tmp_path / "mock.db").exists()


def test_mock_serve_should_reject_bad_options_with_one_line() -> None:
    for bad in (["--faults", "muitas"], ["--servant-cpf", "12345678900"], ["--per-zone", "0"]):
        result = subprocess.run(
            [*JANO, "mock", "serve", *bad], capture_output=True, text=True, env=_env(), timeout=60
        )
        assert result.returncode == 2, result.stderr
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        assert len(lines) == 1 and lines[0].startswith("erro:"), result.stderr
