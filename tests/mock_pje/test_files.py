"""The mock's store of upload bytes: made once per content, off the event loop, ready ahead on request."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from typing import Any

import pytest
from pypdf import PdfReader

from fixtures.world import Document
from mock_pje import MockSettings, files
from mock_pje.launcher import MockHandle
from mock_pje.state import MockState


def run(coroutine: Coroutine[Any, Any, Any]) -> Any:
    """``asyncio.run`` in a thread of its own: sync Playwright (earlier tests in the session) leaves
    this thread's event loop marked as running."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def _upload(state: MockState) -> Document:
    return next(d for d in state.documents.values() if d.format == "pdf")


@pytest.fixture
def empty_store(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(files, "_store", {})


def test_an_upload_should_be_made_once_and_then_served_from_the_store(
    mock: MockHandle, empty_store: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = _upload(mock.state)
    made: list[int] = []
    real_make = files.make
    monkeypatch.setattr(files, "make", lambda d: made.append(d.id) or real_make(d))
    first = run(files.read(doc))
    again = run(files.read(doc))
    assert first == again
    assert made == [doc.id]
    assert " ".join(doc.text.split()[:3]) in " ".join(pdf_text(first).split())


def test_the_store_should_be_addressed_by_content(mock: MockHandle, empty_store: None) -> None:
    doc = _upload(mock.state)
    edited = replace(doc, text=doc.text + "\n\nParágrafo acrescentado.")
    assert run(files.read(doc)) != run(files.read(edited))
    assert "acrescentado" in pdf_text(run(files.read(edited)))


def test_a_missing_file_should_be_made_off_the_event_loop(
    mock: MockHandle, empty_store: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While one file is being made, the loop keeps serving: the maker waits for a signal that only a
    coroutine on the loop gives; made on the loop itself, it would wait in vain."""
    signal = threading.Event()
    monkeypatch.setattr(files, "make", lambda _: b"signalled" if signal.wait(5) else b"loop blocked")

    async def scenario() -> bytes:
        reading = asyncio.ensure_future(files.read(_upload(mock.state)))
        await asyncio.sleep(0.05)
        signal.set()
        return await reading

    assert run(scenario()) == b"signalled"


def test_prerender_should_leave_no_upload_pending(empty_store: None) -> None:
    state = MockState(MockSettings(seed=3, zones=1, per_zone=4))
    uploads = [d for d in state.documents.values() if d.format != "html"]
    assert uploads and state.uploads_pending() == len(uploads)
    files.prerender(state.documents.values())
    assert state.uploads_pending() == 0


def test_the_mock_should_prerender_uploads_when_asked(empty_store: None) -> None:
    state = MockState(MockSettings(seed=3, zones=1, per_zone=4, prerender_uploads=True))
    worker = next(t for t in threading.enumerate() if t.name == "prerender")
    worker.join(timeout=120)
    assert state.uploads_pending() == 0


def test_stats_should_report_the_uploads_still_to_make(mock: MockHandle, empty_store: None) -> None:
    with mock.admin() as admin:
        stats = admin.get("/_mock/stats").json()
    uploads = sum(d.format != "html" for d in mock.state.documents.values())
    assert stats["uploads_pending"] == uploads > 0
    assert isinstance(stats["requests_served"], int)


def pdf_text(body: bytes) -> str:
    import io

    return " ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(body)).pages)
