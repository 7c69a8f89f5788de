"""Run the real mock for tests and benchmarks: in a background thread (``run_mock_server``) or in a
child process (``run_mock_process``)."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import uvicorn

from classifiers import Prediction
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


@contextmanager
def run_mock_process(settings: MockSettings) -> Iterator[str]:
    """Start the mock in a child process (its own interpreter: no GIL shared with the caller), its log
    silenced; yield its base URL; stop it on exit. Drive it through the inspection API (``/_mock/...``)."""
    import httpx

    port = free_port()
    code = (
        "import sys, uvicorn; from loguru import logger; from mock_pje.app import create_app;"
        "from mock_pje.settings import MockSettings; logger.remove();"
        "uvicorn.run(create_app(MockSettings.model_validate_json(sys.argv[1])), host='127.0.0.1',"
        f" port={port}, log_level='warning', access_log=False, lifespan='off')"
    )
    child = subprocess.Popen([sys.executable, "-c", code, settings.model_dump_json()])
    base_url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            if child.poll() is not None:
                raise RuntimeError("mock PJe exited on start")
            try:
                httpx.get(base_url + "/pje/login.seam", timeout=1).raise_for_status()
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        else:
            raise RuntimeError("mock PJe did not start")
        yield base_url
    finally:
        child.terminate()
        child.wait(10)


class OracleClassifier:
    """An engine-test double that knows the seeded label of each mock document (matched by its text).

    Engine tests (first law, exactly once) must not depend on a model's accuracy; the accuracy of the
    real fine-tuned classifier is measured by its own tests and by the end-to-end accuracy test.
    """

    def __init__(self, mock: MockHandle) -> None:
        self.known = [
            (" ".join(d.text.split())[-200:], d.label)
            for d in mock.state.documents.values()
            if d.label and d.text
        ]

    def learn(self, text: str, label: str) -> None:
        """Also know ``text`` (e.g. a sentença the bot drafted and the judge signed)."""
        self.known.append((" ".join(text.split()), label))

    def predict(self, texts: list[str]) -> list[Prediction]:
        out = []
        for text in texts:
            flat = " ".join(text.split())
            matches = [(len(key), lab) for key, lab in self.known if key and key in flat]
            label = max(matches)[1] if matches else None
            if label is None:
                out.append(Prediction(None, 0.3, True, reason="documento desconhecido"))
            else:
                out.append(
                    Prediction(label, 0.99, False, probabilities={label: 0.99}, evidence=[flat[-120:]])
                )
        return out
