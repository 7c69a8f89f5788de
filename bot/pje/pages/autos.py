"""Autos digitais: the Documentos grid (16 per page, padlock = signed) and document downloads."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from bot.core.documents import html_to_text
from bot.core.errors import BusinessError, NavigationError, SessionExpired
from bot.pje.browser import playwright_errors
from bot.pje.pages.base import ALERT, ERROR_BANNER_TEXT, SESSION_EXPIRED, PJePage


@dataclass(frozen=True)
class DocumentRow:
    id: str
    juntado_em: str
    juntado_por: str
    title: str
    type: str
    signed: bool
    href: str


@dataclass(frozen=True)
class Download:
    content: bytes
    content_type: str


# Reads run with ``evaluate`` in the page's own world (no selector engine injected per document): one
# round trip for a whole page of the grid, its page label and the next page's link.
_READ_GRID = """() => {
    const text = (el, sel) => (el.querySelector(sel)?.innerText ?? "").trim();
    const rows = Array.from(document.querySelectorAll("#tabelaDocumentos tbody tr[data-documento]"), row => {
        const link = row.querySelector("td.documento a");
        return {id: (row.getAttribute("data-documento") ?? "").trim(), juntado_em: text(row, "td.juntado-em"),
                juntado_por: text(row, "td.juntado-por"), title: (link?.innerText ?? "").trim(),
                type: text(row, "td.tipo"), href: link?.getAttribute("href") ?? "",
                signed: row.querySelector("td.assinatura [title='Documento assinado']") !== null};
    });
    const next = document.querySelector('[data-testid="paginador-documentos"] a[rel=next]');
    return {page: text(document, '[data-testid="pagina-atual"]'), rows,
            next: next ? next.getAttribute("href") ?? "" : null};
}"""
_READ_PARTIES = """() => Array.from(document.querySelectorAll(
    '[data-testid="autos"] [data-testid="partes"] li'), li => li.innerText)"""
# Read with the page load (``PJePage.goto(read=...)``): a refusal, whether the autos are there, and –
# when they are – the parties and the grid's first page.
_READ_AUTOS = (
    """() => {
    const alert = document.querySelector(ALERT_SELECTOR);
    const visible = alert !== null && alert.getClientRects().length > 0;
    const autos = document.querySelector('[data-testid="autos"]') !== null;
    return {alert: visible ? alert.innerText : null, autos,
            parties: autos ? (READ_PARTIES)() : null, grid: autos ? (READ_GRID)() : null};
}""".replace("ALERT_SELECTOR", json.dumps(ALERT))
    .replace("READ_PARTIES", _READ_PARTIES)
    .replace("READ_GRID", _READ_GRID)
)


class AutosPage(PJePage):
    """``listAutosDigitais.seam``: opened by URL (PJe opens it in a new tab; the bot navigates to it)."""

    _first: tuple[str, dict[str, Any]] | None = None  # (url, parties + grid) read with the page load

    def open(self, href: str, *, process: str | None = None) -> None:
        """Load the autos; the refusal check, the parties and the grid's first page are read in the
        same round trip as the page's error signals (kept for ``parties`` and ``documents``)."""
        path = href if href.startswith("/") else "/" + href.split("/", 3)[-1]
        self._first = None
        shown = self.goto(path, step="autos digitais", read=_READ_AUTOS)
        if shown["alert"] is not None:
            raise BusinessError(f"PJe recusou o acesso aos autos: {shown['alert'].strip()}", process=process)
        if shown["autos"]:
            self._first = (self.page.url, shown)
        else:  # not rendered yet: wait for it, then read from the page
            with playwright_errors(step="autos digitais", process=process):
                self.page.get_by_test_id("autos").wait_for(state="attached")

    def _read_first(self, key: str) -> Any:
        """What ``open`` read of this page, if the page is still the one it loaded (else None)."""
        if self._first is not None and self._first[0] == self.page.url:
            return self._first[1][key]
        return None

    def parties(self) -> list[str]:
        found = self._read_first("parties")
        if found is None:
            with playwright_errors(step="partes"):
                found = self.page.evaluate(f"({_READ_PARTIES})")
        return [str(t).strip() for t in found]

    def documents(self, *, process: str | None = None) -> list[DocumentRow]:
        """Every document of every page of the grid, oldest first (as PJe lists them)."""
        rows: list[DocumentRow] = []
        seen_pages: set[str] = set()
        first = self._read_first("grid")
        while True:
            if first is not None:
                grid, first = first, None
            else:
                with playwright_errors(step="documentos", process=process):
                    grid = self.page.evaluate(_READ_GRID)
            if grid["page"] in seen_pages:  # a stale page: stop rather than loop
                break
            seen_pages.add(grid["page"])
            rows += [DocumentRow(**raw) for raw in grid["rows"]]
            if grid["next"] is None:
                break
            self.goto(grid["next"], step="documentos (próxima página)")
        unique = {r.id: r for r in rows}
        return sorted(
            unique.values(), key=lambda r: (_sortable(r.juntado_em), int(r.id) if r.id.isdigit() else 0)
        )

    def download(self, row: DocumentRow, *, process: str | None = None) -> Download:
        """The document's bytes through the logged-in context (HTML act or PDF upload)."""

        with playwright_errors(step=f"baixar documento {row.id}", process=process):
            response = self.page.request.get(self.url(row.href) if row.href.startswith("/") else row.href)
            body = response.body()
            content_type = response.headers.get("content-type", "")
        text_head = body[:4000].decode("utf-8", errors="ignore")
        self._raise_for_text_errors(text_head, step=f"baixar documento {row.id}")
        if response.status >= 500:
            raise NavigationError(
                f"PJe respondeu {response.status} ao baixar o documento {row.id}", process=process
            )
        return Download(content=body, content_type=content_type)

    def _raise_for_text_errors(self, head: str, *, step: str) -> None:
        if ERROR_BANNER_TEXT in head:
            raise NavigationError("PJe exibiu 'Erro inesperado'", step=step)
        if 'data-testid="sessao-expirada"' in head or (SESSION_EXPIRED.search(head) and "linkLogin" in head):
            raise SessionExpired("sessão do PJe expirada", step=step)
        if 'id="pageAlert"' in head:
            alert = head.split('id="pageAlert"', 1)[1].split("</div>", 1)[0].split(">", 1)[-1]
            raise BusinessError(f"PJe recusou o documento: {html_to_text(alert)}", step=step)


def _sortable(br_datetime: str) -> str:
    """ "21/11/2026 10:30" → "2026-11-21 10:30" for ordering."""
    m = re.match(r"(\d{2})/(\d{2})/(\d{4})\s*(.*)", br_datetime)
    return f"{m.group(3)}-{m.group(2)}-{m.group(1)} {m.group(4)}" if m else br_datetime
