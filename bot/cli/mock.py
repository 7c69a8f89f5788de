"""``jano mock serve``: the mock PJe (owned by the mock_pje package)."""

from __future__ import annotations

import time
from pathlib import Path

import typer
from pydantic import ValidationError
from rich.console import Console

from bot.core.errors import ConfigError, InputError

app = typer.Typer(help="PJe simulado para desenvolvimento e testes.", no_args_is_help=True)


@app.command("serve")
def serve(
    port: int = typer.Option(8080, "--port", help="porta TCP (127.0.0.1)"),
    host: str = typer.Option("127.0.0.1", "--host", help="endereço de escuta"),
    seed: int = typer.Option(7, "--seed", help="semente dos dados e das falhas"),
    zones: int = typer.Option(3, "--zones", help="número de zonas eleitorais"),
    per_zone: int = typer.Option(40, "--per-zone", help="processos por zona"),
    faults: str = typer.Option("off", "--faults", help="perfil de falhas: off | light | heavy"),
    latency_ms: int = typer.Option(0, "--latency-ms", help="latência somada a cada página (ms)"),
    db: Path | None = typer.Option(None, "--db", help="arquivo SQLite (omitido: estado em memória)"),
    admin_token: str | None = typer.Option(None, "--admin-token", help="token da API /_mock (Bearer)"),
    servant_cpf: str | None = typer.Option(None, "--servant-cpf", help="CPF do servidor designado"),
    servant_password: str | None = typer.Option(
        None, "--servant-password", help="senha do servidor designado"
    ),
    session_ttl_s: int = typer.Option(1800, "--session-ttl", help="expiração da sessão ociosa (s)"),
    tribunal: int = typer.Option(5, "--tribunal", help="código CNJ do tribunal (05 = TRE-BA)"),
) -> None:
    """Sobe o PJe simulado com dados semeados, falhas opcionais e API de inspeção."""
    import uvicorn

    from mock_pje import MockSettings, create_app
    from mock_pje.state import MockState

    started = time.monotonic()
    if faults not in ("off", "light", "heavy"):
        raise InputError(f"perfil de falhas inválido: '{faults}' (use off, light ou heavy)")
    values: dict[str, object] = {
        "seed": seed,
        "zones": zones,
        "per_zone": per_zone,
        "faults": faults,
        "latency_ms": latency_ms,
        "db": db,
        "session_ttl_s": session_ttl_s,
        "tribunal": tribunal,
    }
    for key, value in (
        ("admin_token", admin_token),
        ("servant_cpf", servant_cpf),
        ("servant_password", servant_password),
    ):
        if value is not None:
            values[key] = value
    try:
        settings = MockSettings.model_validate(values)
    except ValidationError as err:
        first = err.errors()[0]
        raise InputError(
            f"opção inválida --{str(first['loc'][0]).replace('_', '-')}: {first['msg']}"
        ) from None
    state = MockState(settings)
    application = create_app(settings, state)
    config = uvicorn.Config(application, host=host, port=port, log_level="warning", access_log=False)
    server = uvicorn.Server(config)
    console = Console()
    console.print(f"[bold]PJe simulado[/] em http://{host}:{port}/pje/login.seam")
    console.print(f"  zonas: {', '.join(str(z) for z in state.zones)} · processos: {len(state.processes)}")
    console.print(
        f"  falhas: {settings.faults.value} · latência: {settings.latency_ms} ms · banco: {db or 'memória'}"
    )
    console.print(f"  token de administração: {settings.admin_token}")
    console.print(f"  servidor designado: CPF {settings.servant_cpf} · senha {settings.servant_password}")
    console.print(f"  pronto em {time.monotonic() - started:.2f} s (Ctrl+C para parar)")
    try:
        server.run()
    except OSError as err:
        raise ConfigError(f"não foi possível escutar em {host}:{port}: {err.strerror}") from None
    finally:
        state.close()
