"""Page requests per second the mock PJe serves on loopback with faults off (target >= 200/s).

The mock runs in its own process (as `jano mock serve` would), the load comes from an asyncio
httpx client with a fixed number of concurrent logged-in sessions cycling through the pages a bot
reads: painel, a task list, a task view, the autos digitais and a document. Bounded by --seconds.

Reproduce:  .venv/bin/python benchmarks/mock_capacity.py --seconds 10 --concurrency 8
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import sys
import time
from pathlib import Path

import httpx

from mock_pje.launcher import run_mock_process
from mock_pje.settings import MockSettings

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: make benchmarks._results importable
    sys.path.insert(0, str(ROOT))

TARGET = 200.0


async def _session(base: str, cpf: str, password: str) -> httpx.AsyncClient:
    client = httpx.AsyncClient(base_url=base, timeout=30)
    await client.post(
        "/auth/realms/pje/login-actions/authenticate", data={"username": cpf, "password": password}
    )
    return client


async def _pages(client: httpx.AsyncClient) -> list[str]:
    """Discover a realistic set of URLs once (painel, task list, task view, autos, document)."""
    painel = (await client.get("/pje/ng2/painel")).text
    task = re.search(r'title="(Minutar senten[^"]*)"', painel)
    listing = (await client.get("/pje/ng2/painel", params={"tarefa": task.group(1) if task else ""})).text
    task_id = re.search(r"newTaskId=(\d+)", listing)
    urls = ["/pje/ng2/dev.seam", "/pje/ng2/painel", f"/pje/ng2/painel?tarefa={task.group(1) if task else ''}"]
    if task_id:
        view = (await client.get(f"/pje/Processo/movimentar.seam?newTaskId={task_id.group(1)}")).text
        urls.append(f"/pje/Processo/movimentar.seam?newTaskId={task_id.group(1)}")
        autos = re.search(r'href="(/pje/Processo/ConsultaProcesso/[^"]+)"', view)
        if autos:
            autos_url = autos.group(1).replace("&amp;", "&")
            urls.append(autos_url)
            doc = re.search(
                r'href="(/pje/Processo/ConsultaDocumento/[^"]+)"', (await client.get(autos_url)).text
            )
            if doc:
                urls.append(doc.group(1).replace("&amp;", "&"))
    return urls


async def _client_loop(
    client: httpx.AsyncClient, urls: list[str], deadline: float, counts: list[int]
) -> None:
    i = 0
    while time.monotonic() < deadline:
        response = await client.get(urls[i % len(urls)])
        counts[0 if response.status_code == 200 else 1] += 1
        i += 1


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (Linux /proc), to report capacity per busy core."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def _load(
    base: str, cpf: str, password: str, seconds: float, concurrency: int
) -> tuple[float, int, int]:
    clients = [await _session(base, cpf, password) for _ in range(concurrency)]
    urls = await _pages(clients[0])
    counts = [0, 0]
    started = time.monotonic()
    await asyncio.gather(*(_client_loop(c, urls, started + seconds, counts) for c in clients))
    elapsed = time.monotonic() - started
    for client in clients:
        await client.aclose()
    return counts[0] / elapsed, counts[0], counts[1]


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=float, default=10.0, help="measurement window (bounded)")
    parser.add_argument("--concurrency", type=int, default=8, help="concurrent logged-in sessions")
    args = parser.parse_args()
    seconds = min(max(args.seconds, 1.0), 120.0)
    started = time.monotonic()
    world = MockSettings(seed=7, zones=3, per_zone=40)
    with run_mock_process(world) as server:
        ready = time.monotonic() - started
        cpu_before = _cpu_seconds(server.pid)
        rate, ok, errors = asyncio.run(
            _load(server.base_url, world.servant_cpf, world.servant_password, seconds, args.concurrency)
        )
        cpu = _cpu_seconds(server.pid) - cpu_before
    verdict = "OK" if rate >= TARGET else "ABAIXO DA META"
    print(f"mock PJe (3 zonas x 40, falhas off): servidor pronto em {ready:.2f} s")
    print(
        f"{rate:.0f} páginas/s em {seconds:.0f} s com {args.concurrency} sessões ({ok} ok, {errors} erros) "
        f"– meta {TARGET:.0f}/s: {verdict}"
    )
    print(
        f"CPU do servidor: {cpu:.1f} s -> {ok / max(cpu, 1e-9):.0f} páginas por segundo de CPU "
        f"(capacidade com um núcleo livre; carga média da máquina {os.getloadavg()[0]:.1f})"
    )
    command = (
        f".venv/bin/python benchmarks/mock_capacity.py --seconds {seconds:.0f} "
        f"--concurrency {args.concurrency}"
    )
    print(f"reproduzir: {command}")
    from benchmarks._results import record

    figures = {
        "world": "3 zones x 40, faults off",
        "server_ready_s": round(ready, 2),
        "pages_per_s": round(rate, 1),
        "seconds": seconds,
        "concurrency": args.concurrency,
        "ok": ok,
        "errors": errors,
        "server_cpu_s": round(cpu, 2),
        "pages_per_cpu_s": round(ok / max(cpu, 1e-9), 1),
        "target_pages_per_s": TARGET,
    }
    record("mock_capacity", figures, command=command)
    return 0 if errors == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
