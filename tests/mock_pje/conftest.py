"""Mock server fixtures: one real server per session, reset before each test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from mock_pje import MockSettings
from mock_pje.launcher import MockHandle, run_mock_server

SETTINGS = MockSettings(seed=11, zones=2, per_zone=30, admin_token="test-admin-token")


@pytest.fixture(scope="session")
def mock_server() -> Iterator[MockHandle]:
    with run_mock_server(SETTINGS) as handle:
        yield handle


@pytest.fixture
def mock(mock_server: MockHandle) -> MockHandle:
    """The session's server with a freshly seeded world and no forced faults."""
    mock_server.state.faults.configure(profile=SETTINGS.faults, latency_ms=0)
    mock_server.state.reset()
    mock_server.state.sessions.clear()
    return mock_server
