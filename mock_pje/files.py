"""Uploads' bytes (PDFs): made once per content and kept, as PJe keeps a stored file.

A download never renders on the server's event loop: a missing file is made in a thread of its own
(fpdf2 takes ~60 ms a page of text, Pillow a few hundred ms a scan), so one download does not hold up
every concurrent request. The store is content-addressed (format, title, text) and lives for the
process, across resets: the same document always has the same bytes. ``prerender`` fills it ahead
of time (``MockSettings.prerender_uploads``), so that a benchmark's clock sees stored files only.
"""

from __future__ import annotations

from collections.abc import Iterable

from starlette.concurrency import run_in_threadpool

from fixtures.world import Document

MAX_FILES = 20_000  # ~20 KB each: a bound, not a budget (a world of 50 zones × 400 PDFs fits)
_store: dict[tuple[str, str, str], bytes] = {}


def _key(doc: Document) -> tuple[str, str, str]:
    return (doc.format, doc.title, doc.text)


def make(doc: Document) -> bytes:
    """The PDF of an upload: a text layer, or image-only for a scan."""
    from fixtures.pdf import image_only_pdf, text_pdf  # fpdf2 + Pillow: imported on first use only

    return image_only_pdf(doc.title, doc.text) if doc.format == "image_pdf" else text_pdf(doc.title, doc.text)


def _keep(key: tuple[str, str, str], body: bytes) -> bytes:
    if len(_store) >= MAX_FILES:
        _store.pop(next(iter(_store)))  # oldest first
    _store[key] = body
    return body


async def read(doc: Document) -> bytes:
    """The upload's bytes, made off the event loop the first time."""
    key = _key(doc)
    body = _store.get(key)
    return body if body is not None else _keep(key, await run_in_threadpool(make, doc))


def missing(docs: Iterable[Document]) -> list[Document]:
    """The uploads among ``docs`` whose bytes are not stored yet."""
    return [d for d in docs if d.format != "html" and _key(d) not in _store]


def prerender(docs: Iterable[Document]) -> None:
    """Store the bytes of every upload among ``docs`` (run in a background thread)."""
    for doc in missing(docs):
        _keep(_key(doc), make(doc))
