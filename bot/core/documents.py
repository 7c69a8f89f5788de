"""Text out of the documents PJe serves: HTML for born-digital acts, PDF for uploads.

Image-only PDFs (no text layer) and malformed files do not raise: they come back with ``text=None``
and a pt-BR ``problem`` so the routine sends the process to a person with that reason.
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from pypdf import PdfReader
from pypdf.errors import PyPdfError

MIN_TEXT_CHARS = 40
_BLOCK_TAGS = {"p", "div", "br", "li", "tr", "table", "section", "article", "h1", "h2", "h3", "h4", "h5"}


@dataclass(frozen=True)
class ExtractedText:
    text: str | None
    sha256: str
    problem: str | None = None


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"script", "style", "head"}:
            self._skip += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style", "head"}:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    return normalize("".join(parser.parts))


def normalize(text: str) -> str:
    """Collapse spaces inside lines and keep paragraphs separated by one blank line."""
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.splitlines()]
    out: list[str] = []
    for line in lines:
        if line:
            out.append(line)
        elif out and out[-1] != "":
            out.append("")
    return "\n".join(out).strip()


def pdf_to_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return normalize("\n\n".join(page.extract_text() or "" for page in reader.pages))


def extract(content: bytes, content_type: str) -> ExtractedText:
    """Text of a downloaded document, or why there is none."""
    digest = hashlib.sha256(content).hexdigest()
    kind = content_type.split(";")[0].strip().lower()
    try:
        if kind == "application/pdf" or content.startswith(b"%PDF"):
            text = pdf_to_text(content)
            if len(text) < MIN_TEXT_CHARS:
                problem = "PDF sem camada de texto (somente imagem): requer leitura humana"
                return ExtractedText(None, digest, problem)
            return ExtractedText(text, digest)
        if kind in {"text/html", "application/xhtml+xml"} or content.lstrip()[:1] == b"<":
            text = html_to_text(content.decode("utf-8", errors="replace"))
        else:
            text = normalize(content.decode("utf-8", errors="replace"))
    except (PyPdfError, ValueError, UnicodeError) as err:
        return ExtractedText(None, digest, f"documento ilegível ({type(err).__name__})")
    if len(text) < MIN_TEXT_CHARS:
        return ExtractedText(None, digest, "documento sem texto suficiente")
    return ExtractedText(text, digest)
