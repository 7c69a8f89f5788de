"""The one way to start the real mock PJe from Python: for the tests, the benchmarks and ``make demo``.

- :func:`run_mock_server`: in a background thread of the caller, its state at hand
  (:class:`MockHandle`; tests inspect and fault it directly);
- :func:`run_mock_process`: in a child process (its own interpreter: no GIL shared with the caller),
  driven through the inspection API (:class:`MockProcess`); benchmarks and the demo.

Both pick a free 127.0.0.1 port, wait until the mock answers and stop it when the block ends.
(``jano mock serve`` is the command line's own entry, for a person.)
"""

from __future__ import annotations

import socket
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import uvicorn

from mock_pje.app import create_app
from mock_pje.settings import MockSettings
from mock_pje.state import MockState

if TYPE_CHECKING:
    import httpx


@dataclass
class MockHandle:
    base_url: str
    admin_token: str
    state: MockState
    servant_cpf: str
    servant_password: str
    settings: MockSettings

    def admin(self) -> httpx.Client:
        """An HTTP client for the inspection API (Bearer token set)."""
        import httpx

        return httpx.Client(base_url=self.base_url, headers={"Authorization": f"Bearer {self.admin_token}"})

    def judge(self, zone: int) -> tuple[str, str]:
        """(CPF, password) of the judge of ``zone``."""
        user = self.state.judge_of(zone)
        return user.cpf, user.password


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def run_mock_server(settings: MockSettings | None = None, **overrides: Any) -> Iterator[MockHandle]:
    """Start the mock with uvicorn on a free 127.0.0.1 port; yield a handle; stop it on exit.

    Args:
        settings: the mock's settings (defaults: seed 7, 3 zones × 40, faults off, in memory).
        **overrides: fields of :class:`MockSettings` to override (``faults="light"``, ``per_zone=10``...).
    """
    base = settings or MockSettings()
    settings = base.model_copy(update=overrides) if overrides else base
    settings = MockSettings.model_validate(settings.model_dump())
    state = MockState(settings)
    app = create_app(settings, state)
    port = free_port()
    config = uvicorn.Config(
        app, host="127.0.0.1", port=port, log_level="warning", access_log=False, lifespan="off"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name=f"mock-pje-{port}", daemon=True)
    thread.start()
    started = threading.Event()
    for _ in range(500):
        if server.started:
            started.set()
            break
        started.wait(0.01)
    if not started.is_set():
        server.should_exit = True
        thread.join(5)
        raise RuntimeError("mock PJe did not start")
    try:
        yield MockHandle(
            f"http://127.0.0.1:{port}",
            settings.admin_token,
            state,
            settings.servant_cpf,
            settings.servant_password,
            settings,
        )
    finally:
        server.should_exit = True
        thread.join(10)
        state.close()


class MockStartError(RuntimeError):
    """The mock's child process did not come up; ``output`` is what it wrote to stderr."""

    def __init__(self, message: str, output: str = "") -> None:
        super().__init__(f"{message}: {output}" if output else message)
        self.output = output


@dataclass(frozen=True)
class MockProcess:
    """A mock PJe running in a child process."""

    base_url: str
    port: int
    pid: int
    settings: MockSettings

    @property
    def admin_token(self) -> str:
        return self.settings.admin_token

    def admin(self) -> httpx.Client:
        """An HTTP client for the inspection API (Bearer token set)."""
        import httpx

        headers = {"Authorization": f"Bearer {self.admin_token}"}
        return httpx.Client(base_url=self.base_url, headers=headers, timeout=30)

    def truth(self) -> list[dict[str, Any]]:
        """The seeded ground truth (``/_mock/truth``): what scoring compares a triage with."""
        with self.admin() as client:
            rows: list[dict[str, Any]] = client.get("/_mock/truth").raise_for_status().json()
        return rows


@contextmanager
def run_mock_process(settings: MockSettings, *, start_timeout_s: float = 30.0) -> Iterator[MockProcess]:
    """Start the mock in a child process, its log silenced; yield its handle; stop it on exit.

    Raises:
        MockStartError: the child exited, or did not answer within ``start_timeout_s``.
    """
    import httpx

    port = free_port()
    errors = tempfile.TemporaryFile(mode="w+")  # a file, not a pipe: a chatty child never blocks on it
    child = subprocess.Popen(
        [sys.executable, "-m", "mock_pje.launcher", str(port), settings.model_dump_json()],
        stdout=subprocess.DEVNULL,
        stderr=errors,
        text=True,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        waited = threading.Event()
        for _ in range(int(start_timeout_s / 0.1)):
            if child.poll() is not None:
                errors.seek(0)
                raise MockStartError("mock PJe exited on start", errors.read().strip())
            try:
                httpx.get(base_url + "/pje/login.seam", timeout=1).raise_for_status()
                break
            except httpx.HTTPError:
                waited.wait(0.1)
        else:
            raise MockStartError("mock PJe did not start")
        yield MockProcess(base_url, port, child.pid, settings)
    finally:
        child.terminate()
        try:
            child.wait(10)
        except subprocess.TimeoutExpired:
            child.kill()
        errors.close()


def _serve_child(port: int, settings_json: str) -> None:
    """The child process of :func:`run_mock_process`: serve until terminated, then close the state."""
    from loguru import logger

    logger.remove()
    settings = MockSettings.model_validate_json(settings_json)
    state = MockState(settings)
    config = uvicorn.Config(
        create_app(settings, state), host="127.0.0.1", port=port, log_level="warning", access_log=False,
        lifespan="off",
    )  # fmt: skip
    try:
        uvicorn.Server(config).run()
    finally:
        state.close()


if __name__ == "__main__":
    _serve_child(int(sys.argv[1]), sys.argv[2])
