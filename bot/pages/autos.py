"""Autos digitais: the Documentos grid (16 per page, padlock = signed) and document downloads."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.browser import playwright_errors
from bot.errors import BusinessError, NavigationError, SessionExpired
from bot.pages.base import ALERT, ERROR_BANNER_TEXT, SESSION_EXPIRED, PJePage


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


class AutosPage(PJePage):
    """``listAutosDigitais.seam``: opened by URL (PJe opens it in a new tab; the bot navigates to it)."""

    def open(self, href: str, *, process: str | None = None) -> None:
        path = href if href.startswith("/") else "/" + href.split("/", 3)[-1]
        self.goto(path, step="autos digitais")
        self._raise_for_refusal(process)

    def _raise_for_refusal(self, process: str | None) -> None:
        with playwright_errors(step="autos digitais", process=process):
            alert = self.page.locator(ALERT)
            if alert.count() and alert.first.is_visible():
                raise BusinessError(
                    f"PJe recusou o acesso aos autos: {alert.first.inner_text().strip()}", process=process
                )
            self.page.get_by_test_id("autos").wait_for(state="attached")

    def parties(self) -> list[str]:
        with playwright_errors(step="partes"):
            return [
                t.strip()
                for t in self.page.get_by_test_id("autos")
                .get_by_test_id("partes")
                .locator("li")
                .all_inner_texts()
            ]

    def documents(self, *, process: str | None = None) -> list[DocumentRow]:
        """Every document of every page of the grid, oldest first (as PJe lists them)."""
        rows: list[DocumentRow] = []
        seen_pages: set[str] = set()
        while True:
            with playwright_errors(step="documentos", process=process):
                page_label = self.page.get_by_test_id("pagina-atual").inner_text().strip()
                if page_label in seen_pages:  # a stale page: stop rather than loop
                    break
                seen_pages.add(page_label)
                for row in self.page.locator("#tabelaDocumentos tbody tr[data-documento]").all():
                    link = row.locator("td.documento a")
                    rows.append(
                        DocumentRow(
                            id=(row.get_attribute("data-documento") or "").strip(),
                            juntado_em=row.locator("td.juntado-em").inner_text().strip(),
                            juntado_por=row.locator("td.juntado-por").inner_text().strip(),
                            title=link.inner_text().strip(),
                            type=row.locator("td.tipo").inner_text().strip(),
                            signed=row.locator("td.assinatura [title='Documento assinado']").count() > 0,
                            href=link.get_attribute("href") or "",
                        )
                    )
                nxt = self.page.get_by_test_id("paginador-documentos").locator("a[rel=next]")
                if not nxt.count():
                    break
                href = nxt.first.get_attribute("href") or ""
            self.goto(href, step="documentos (próxima página)")
        unique = {r.id: r for r in rows}
        return sorted(
            unique.values(), key=lambda r: (_sortable(r.juntado_em), int(r.id) if r.id.isdigit() else 0)
        )

    def download(self, row: DocumentRow, *, process: str | None = None) -> Download:
        """The document's bytes through the logged-in context (HTML act or PDF upload)."""

        def fetch() -> Download:
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

        return self.retrying(fetch, step=f"baixar documento {row.id}")

    def _raise_for_text_errors(self, head: str, *, step: str) -> None:
        if ERROR_BANNER_TEXT in head:
            raise NavigationError("PJe exibiu 'Erro inesperado'", step=step)
        if 'data-testid="sessao-expirada"' in head or (SESSION_EXPIRED.search(head) and "linkLogin" in head):
            raise SessionExpired("sessão do PJe expirada", step=step)
        if 'id="pageAlert"' in head:
            message = re.sub(r"<[^>]+>", "", head.split('id="pageAlert"', 1)[1].split("</div>", 1)[0]).split(
                ">", 1
            )[-1]
            raise BusinessError(f"PJe recusou o documento: {message.strip()}", step=step)


def _sortable(br_datetime: str) -> str:
    """ "21/11/2026 10:30" → "2026-11-21 10:30" for ordering."""
    m = re.match(r"(\d{2})/(\d{2})/(\d{4})\s*(.*)", br_datetime)
    return f"{m.group(3)}-{m.group(2)}-{m.group(1)} {m.group(4)}" if m else br_datetime
