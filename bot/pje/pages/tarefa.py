"""The task view (``movimentar.seam?newTaskId=``) and its panels: minutar, movimentos, comunicação,
etiquetas, and the transitions menu.

Reads return domain data. Writes have *ensure* semantics: read the state, act only if the effect is
missing, then read again to confirm. A swallowed click, PJe's "Erro inesperado" banner or a lost
response therefore never doubles a write: the next attempt first sees what is already there.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from playwright.sync_api import Locator
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from bot.core.errors import BusinessError, PageTimeout, SessionExpired, TransientError
from bot.pje.browser import playwright_errors
from bot.pje.pages.base import PJePage
from bot.pje.pool import pause
from bot.vocabulary.domain import Panel

TASK_PATH = "/pje/Processo/movimentar.seam"
SWALLOWED_CLICK_MS = 4_000


@dataclass(frozen=True)
class TaskHeader:
    task_id: int
    number: str
    process_class: str
    task: str
    autos_href: str


@dataclass(frozen=True)
class DraftState:
    id: str
    doc_type: str
    status: str  # "não assinada" | "aguardando assinatura" | "assinada"
    body: str  # editor HTML (empty unless the draft is still editable)


@dataclass(frozen=True)
class Expediente:
    id: str
    channel: str
    addressees: tuple[str, ...]
    deadline_days: int
    document_id: str


@dataclass
class Panels:
    """What the task view shows; the panels a task does not have stay empty."""

    tags: list[str] = field(default_factory=list)
    movement_codes: list[int] = field(default_factory=list)
    expedientes: list[Expediente] = field(default_factory=list)
    draft: DraftState | None = None


TASK_MOVED = "já movimentada"  # PJe: "Tarefa não encontrada ou já movimentada. Atualize o painel."

# Reads run with ``evaluate`` in the page's own world (no selector engine injected per document).
_READ_HEADER = """() => {
    const view = document.querySelector('[data-testid="tarefa-view"]');
    return view && {
        classe: view.querySelector('[data-testid="classe"]')?.innerText ?? "",
        number: view.getAttribute("data-numero") ?? "",
        task: view.getAttribute("data-tarefa") ?? "",
        autos: document.querySelector('[title="Abrir autos digitais"]')?.getAttribute("href") ?? "",
    };
}"""


class TaskPage(PJePage):
    """One process's task, opened at top level by its task id (PJe shows it in ``iframe#frame-tarefa``)."""

    task_id: int = 0

    def open(self, task_id: int, panel: str = "", *, process: str | None = None) -> TaskHeader:
        self.task_id = task_id
        query = f"?newTaskId={task_id}" + (f"&aba={panel}" if panel else "")
        raw = self.goto(TASK_PATH + query, step=f"tarefa {task_id}", process=process, read=_READ_HEADER)
        return self._header(raw)

    def _shows_task(self) -> bool:
        with playwright_errors(step="cabeçalho da tarefa"):
            return bool(self.page.evaluate(_READ_HEADER))

    def header(self) -> TaskHeader:
        with playwright_errors(step="cabeçalho da tarefa"):
            raw = self.page.evaluate(_READ_HEADER)
        return self._header(raw)

    def _header(self, raw: dict[str, str] | None) -> TaskHeader:
        """The header from a read of ``_READ_HEADER`` (read again once the view is there if it was not)."""
        with playwright_errors(step="cabeçalho da tarefa"):
            if raw is None:  # not rendered yet: wait for it
                self.page.get_by_test_id("tarefa-view").wait_for(state="attached")
                raw = self.page.evaluate(_READ_HEADER)
        classe = raw["classe"].strip()
        m = re.search(r"\(([A-Z]+)\)\s*$", classe)
        m_id = re.search(r"newTaskId=(\d+)", self.page.url)
        if m_id:
            self.task_id = int(m_id.group(1))
        return TaskHeader(
            task_id=self.task_id,
            number=raw["number"].strip(),
            process_class=m.group(1) if m else classe,
            task=raw["task"].strip(),
            autos_href=raw["autos"],
        )

    def _panel(self, name: str, process: str | None) -> None:
        self.open(self.task_id, name, process=process)

    def _show(self, name: str, process: str | None, *, reload: bool) -> None:
        """Have this task's ``name`` panel on the page: loaded again when ``reload``, else only when
        the page shows another task or panel (it was loaded, or PJe redirected to it, moments ago)."""
        m_id = re.search(r"newTaskId=(\d+)", self.page.url)
        if reload or not (m_id and int(m_id.group(1)) == self.task_id and self._showing(name)):
            self._panel(name, process)

    def panels(self, names: tuple[str, ...], *, process: str | None = None) -> Panels:
        """Read the panels named (those the task has): tags, movements, expedientes, the draft."""
        out = Panels()
        available = self._available_panels()
        for name in names:
            if name not in available:
                continue
            if not self._showing(name):
                self._panel(name, process)
            with playwright_errors(step=f"painel {name}", process=process):
                if name == Panel.ETIQUETAS:
                    out.tags = self._tags()
                elif name == Panel.MOVIMENTOS:
                    out.movement_codes = self._movement_codes()
                elif name == Panel.COMUNICACAO:
                    out.expedientes = self._expedientes()
                elif name == Panel.MINUTAR:
                    out.draft = self._draft()
        return out

    def _all(self, selector: str, each: str) -> list[Any]:
        """``each`` (a JS function of one element) mapped over the elements ``selector`` matches."""
        return list(self.page.evaluate(f"s => Array.from(document.querySelectorAll(s), {each})", selector))

    def _showing(self, name: str) -> bool:
        with playwright_errors(step="aba ativa"):
            return bool(self._all(f'[data-testid="painel-{name}"]', "e => 1"))

    def _available_panels(self) -> set[str]:
        with playwright_errors(step="abas da tarefa"):
            ids = self._all("nav.tabs a", "a => a.getAttribute('data-testid') ?? ''")
        return {str(i).removeprefix("aba-") for i in ids}

    # -- reads (one round trip each) -------------------------------------------------------------
    def _tags(self) -> list[str]:
        found = self._all('[data-testid="etiquetas-processo"] li.etiqueta', "li => li.firstChild.textContent")
        return [str(t).strip() for t in found]

    def _movement_codes(self) -> list[int]:
        found = self._all('[data-testid="movimentos-lancados"] li[data-codigo]', "li => li.dataset.codigo")
        return [int(c or 0) for c in found]

    def _expedientes(self) -> list[Expediente]:
        table = self._all(
            '[data-testid="expedientes"] tbody tr',
            "tr => Array.from(tr.querySelectorAll('td'), td => td.innerText)",
        )
        out = []
        for row in table:
            cells = [str(c).strip() for c in row]
            out.append(
                Expediente(
                    id=cells[0],
                    channel=cells[1],
                    addressees=tuple(a.strip() for a in cells[2].split(",") if a.strip()),
                    deadline_days=int(cells[3] or 0),
                    document_id=cells[4],
                )  # fmt: skip
            )
        return out

    def _draft(self) -> DraftState | None:
        found = self._all(
            '[data-testid="status-minuta"]', "e => [e.innerText, e.getAttribute('data-documento')]"
        )
        if not found:
            return None
        text, doc_id = found[0]
        parts = [p.strip() for p in str(text).strip().split("–")]  # "Minuta 123 – Sentença – não assinada"
        body = ""
        frame = self.page.frame_locator("iframe[id$='EditorTextArea_ifr']")
        if self.page.locator("iframe[id$='EditorTextArea_ifr']").count():
            body = str(frame.locator("body").evaluate("b => b.innerHTML"))
        return DraftState(
            id=str(doc_id or "").strip(),
            doc_type=parts[1] if len(parts) > 1 else "",
            status=parts[2] if len(parts) > 2 else "",
            body=body,
        )

    # -- writes (ensure semantics) ----------------------------------------------------------------------
    def _submit(self, button: Locator, *, step: str, process: str | None) -> None:
        """Click a submitting button and wait for PJe's answer; a swallowed click raises PageTimeout."""
        try:
            with self.page.expect_navigation(wait_until="domcontentloaded", timeout=SWALLOWED_CLICK_MS):
                button.click()
        except PlaywrightTimeout as err:
            raise PageTimeout(
                "o clique não teve efeito (PJe não respondeu)", step=step, process=process
            ) from err
        self.raise_for_pje_errors(self.page, step=step, process=process)

    def _ensure(
        self, done: Callable[[bool], bool], act: Callable[[], None], *, step: str, process: str | None
    ) -> bool:
        """Act until ``done`` holds; returns False when it already held (nothing written).

        ``done(fresh)`` shows its panel, loading it again when ``fresh`` (after a transient error);
        otherwise it reads the panel as the page shows it: loaded by the read that precedes every
        write, or PJe's redirect back to it right after a write.

        The only layer that retries a write (:mod:`bot.core.retry`): at most ``attempts`` acts (two at
        least: one swallowed click is answered by a second), and as many transient failures of the
        acts and checks together; an expired session is raised for the facade to log in again.
        """
        attempts = max(2, self.retry.attempts)
        fresh = False
        acts = failures = 0
        while True:
            try:
                if done(fresh or acts == attempts):  # after the last act: load the panel again
                    return acts > 0
                if acts == attempts:
                    break
                acts += 1
                with playwright_errors(step=step, process=process):
                    act()
                fresh = False
            except SessionExpired:
                raise
            except TransientError:
                fresh = True
                failures += 1
                if failures == attempts:
                    raise
                pause(self.page, self.retry.wait_s(failures))
        raise PageTimeout(
            f"a ação não se confirmou no PJe após {attempts} tentativas", step=step, process=process
        )

    def ensure_tag(self, tag: str, *, process: str | None = None) -> bool:
        def done(fresh: bool) -> bool:
            self._show(Panel.ETIQUETAS, process, reload=fresh)
            with playwright_errors(step="etiquetas", process=process):
                return tag in self._tags()

        def act() -> None:
            self.page.get_by_label("Nova etiqueta").fill(tag)
            self._submit(self.page.get_by_title("Incluir etiqueta"), step="incluir etiqueta", process=process)

        return self._ensure(done, act, step=f"etiqueta {tag}", process=process)

    def ensure_movement(self, code: int, complementos: dict[str, str], *, process: str | None = None) -> bool:
        def done(fresh: bool) -> bool:
            self._show(Panel.MOVIMENTOS, process, reload=fresh)
            with playwright_errors(step="movimentos", process=process):
                return code in self._movement_codes()

        def act() -> None:
            self.page.get_by_label("Pesquisar movimento").fill(str(code))
            tree = self.page.get_by_test_id("arvore-movimentos")
            tree.locator(f"a[data-codigo='{code}']").click()
            row = self.page.get_by_test_id("movimentos-selecionados").locator(f"tr[data-codigo='{code}']")
            row.wait_for(state="attached")
            for name, value in complementos.items():
                field_ = row.locator(f"[data-complemento='{name}']")
                if not field_.count():
                    raise BusinessError(
                        f"complemento '{name}' não existe no movimento {code}", process=process
                    )
                if field_.evaluate("e => e.tagName") == "SELECT":
                    field_.select_option(value=value)
                else:
                    field_.fill(value)
            self._submit(self.page.get_by_title("Gravar"), step=f"gravar movimento {code}", process=process)

        return self._ensure(done, act, step=f"movimento {code}", process=process)

    def ensure_communication(
        self,
        channel: str,
        addressees: tuple[str, ...],
        deadline_days: int,
        document_id: str,
        *,
        process: str | None = None,
    ) -> bool:
        def done(fresh: bool) -> bool:
            self._show(Panel.COMUNICACAO, process, reload=fresh)
            with playwright_errors(step="expedientes", process=process):
                return any(e.channel == channel and e.document_id == document_id for e in self._expedientes())

        def act() -> None:
            form = self.page.locator("form[action$='comunicacao/expedir']")
            for who in addressees:
                box = form.get_by_label(who, exact=True)
                if not box.count():
                    raise BusinessError(f"destinatário '{who}' não disponível no PJe", process=process)
                box.check()
            form.get_by_label("Meio").select_option(label=channel)
            form.get_by_label("Prazo (dias)").fill(str(deadline_days))
            doc_select = form.get_by_label("Documento vinculado")
            if not doc_select.locator(f"option[value='{document_id}']").count():
                raise BusinessError(
                    f"documento {document_id} não está disponível para vincular", process=process
                )
            doc_select.select_option(value=document_id)
            self._submit(form.get_by_title("Expedir"), step=f"expedir {channel}", process=process)

        return self._ensure(done, act, step=f"comunicação {channel}", process=process)

    def save_draft(
        self,
        doc_type: str,
        html: str,
        *,
        attach: bool,
        matches: Callable[[str], bool],
        process: str | None = None,
    ) -> str | None:
        """Write the act in the editor and save it; ``attach``: sign and attach (editais, certidões).

        ``matches(body)`` tells whether the draft already in the editor is this act (then it is not
        written again). Returns the draft's document id; None after attaching (the act left the editor
        for the autos: read its id there).
        """
        state: dict[str, str] = {}

        def done(fresh: bool) -> bool:
            if attach:
                return bool(state.get("written"))
            self._show(Panel.MINUTAR, process, reload=fresh)
            with playwright_errors(step="minuta", process=process):
                draft = self._draft()
            if draft is None or draft.status == "assinada":
                return False
            state["id"] = draft.id
            return draft.doc_type == doc_type and matches(draft.body)

        def act() -> None:
            if attach:
                self._panel(Panel.MINUTAR, process)
            form = self.page.locator("form[action$='minutar/salvar']")
            draft = self._draft()
            if not (
                draft
                and draft.status == "não assinada"
                and draft.doc_type == doc_type
                and matches(draft.body)
            ):
                form.locator("select[id$='selectMenuTipoDocumento']").select_option(label=doc_type)
                editor = self.page.frame_locator("iframe[id$='EditorTextArea_ifr']").locator("body")
                editor.wait_for(state="attached")
                editor.evaluate("(b, html) => { b.innerHTML = html; }", html)
            title = "Assinar e juntar (certidão ou edital)" if attach else "Salvar"
            self._submit(form.get_by_title(title, exact=True), step="salvar minuta", process=process)
            state["written"] = "1"

        self._ensure(done, act, step=f"minuta {doc_type}", process=process)
        return None if attach else state.get("id")

    def ensure_transition(self, target: str, *, process: str | None = None) -> bool:
        """Move the process to ``target``; False if it was already there."""

        def done(fresh: bool) -> bool:
            if fresh or not self._shows_task():
                # PJe's banner (or a lost page) instead of the task view: open the task again. Its old
                # id answers "já movimentada" once the transition has landed.
                try:
                    self.open(self.task_id, process=process)
                except BusinessError as err:
                    if TASK_MOVED in str(err):
                        return True
                    raise
            return self.header().task == target

        def act() -> None:
            button = self.page.locator("#btnTransicoesTarefa")
            link = self.page.get_by_title(f"Encaminhar para {target}", exact=True)
            if not link.count():
                raise BusinessError(f"transição para '{target}' não disponível nesta tarefa", process=process)
            for _ in range(3):  # the menu may not render on the first click
                button.click()
                try:
                    link.wait_for(state="visible", timeout=1_500)
                    break
                except PlaywrightTimeout:
                    continue
            self._submit(link, step=f"encaminhar para {target}", process=process)

        return self._ensure(done, act, step=f"transição {target}", process=process)
