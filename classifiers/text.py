"""Text handling shared by training and inference (torch-free).

* :func:`model_input` builds what the model reads: the document header plus its conclusion region, so a
  long document never loses its dispositivo to truncation.
* :func:`precheck` decides, before the model runs, whether to abstain: empty or very short text, text that
  is not Portuguese, no conclusion-like sentence, or text of the other model's domain.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

MIN_WORDS = 8
TAIL_PARAGRAPHS = 4

# Sentences that carry the outcome. Strong cues open or state a dispositivo; weak cues mention an outcome.
# The act's own verbs are whole words: a past "desaprovou" / "opinou" reports another act's outcome.
_STRONG = re.compile(
    r"\b(ante o exposto|isto posto|posto isso|pelo exposto|diante do exposto|em face do exposto|"
    r"diante disso|face ao exposto|por todo o exposto|em vista do exposto|dessa forma|assim sendo|"
    r"considerando o exposto|diante de todo o exposto|em face do que foi exposto|por tais raz|"
    r"por essas raz|por estas raz|forte nessas raz|com essas considera|em s[ií]ntese|"
    r"ante o quadro|acordam|provimento|voto pel|voto no sentido|"
    r"diante do quadro|somos pel|oficia|manifest(a|o|amo)|é o parecer|eis o parecer|por conseguinte|"
    r"raz[aã]o pela qual|nestes termos|nesses termos|dispositivo|conclus[aã]o|"
    r"(julgo|julgam|julgamos|declaro|decido|aprovo|desaprovo|rejeito|defiro|indefiro|opina|opino|pugna|"
    r"conclui|concluo|considero|resolvo|delibero|homologo|opinamos)\b|"
    r"converto|baixo|baixem|determino|recomenda|requer|propõe|sugere|nada (tem|h[aá]) a opor|"
    r"est[aá] de acordo|[eé] pel[oa])",
    re.IGNORECASE,
)
_OUTCOME = re.compile(
    r"(aprov|n[aã]o\s+presta|prestad[ao]s?\b|defer|defir|dilig[eê]nci|regularidade|regulares|"
    r"irregularidade|irregulares|ressalva|elegib|inelegib|intim|rejei|provimento|procedente)",
    re.IGNORECASE,
)
# The act's own decision: the judge's first-person verbs, the organ's opinion in the present tense (a
# past "opinou" reports someone else's), the court's "acordam". Not "determino": the determinations
# that follow a dispositivo (recolhimento, arquivamento) are not its outcome.
_DECIDES = re.compile(
    r"\b(julgo|declaro|decido|delibero|resolvo|considero|aprovo|desaprovo|defiro|indefiro|homologo|"
    r"acolho|reformo|mantenho|conhe[çc]o|(dou|nego|dar|negar)(-lhe)? (parcial )?provimento|"
    r"converto|baixo|rejeito|acordam|voto|opin[ao]|opinamos|oficia|manifesta(-se)?|manifestamo|"
    r"pugna|requer|recomenda(-se)?|sugere|conclui|concluo|prop[õo]e|somos|[ée] pel[oa]|est[aá] de acordo|"
    r"nada (tem|h[aá]) a opor)\b",
    re.IGNORECASE,
)
# Procedural closings after the dispositivo; their "diligências" are not a diligência.
_CLOSING = re.compile(
    r"^(ultimadas as dilig[eê]ncias|cumpridas as dilig[eê]ncias)|\barquiv(e|em)-se\b", re.IGNORECASE
)
# PJe's page footers (signature stamp, document number, page), one or several on a line: not part
# of the act's text.
_FOOTER_PART = (
    r"(num\. ?\d+ ?- ?p[aá]g\. ?\d+|p[aá]g\. ?\d+|https?://\S+|n[uú]mero do documento: ?\d+|"
    r"assinado eletronicamente por:.*|este documento foi gerado pelo usu[aá]rio.*)"
)
_FOOTER = re.compile(rf"^{_FOOTER_PART}(\s+{_FOOTER_PART})*$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.;:!?])\s+(?=[\"'“(A-ZÀ-Ý0-9])")
_ABBREV_END = re.compile(
    r"(\b(art|arts|res|inc|n|nº|fls|fl|dr|dra|sr|sra|exmo|exma|p|pp|cf|min|rel|des|proc|ac|resp|al|c/c|lc|"
    r"[a-z])\.|\b(?-i:[IVXL]+)\.)$",
    re.IGNORECASE,
)
# A numbered item's marker ("3.", "IV.", "b)") opens its sentence; it is never a sentence of its own.
_ITEM_MARK = re.compile(r"^\(?(\d{1,3}|[a-z]|[ivxl]+)[.)]$", re.IGNORECASE)

_PT_STOP = frozenset(
    "a o as os de da do das dos e é em no na nos nas um uma que por para com não se ao aos à às pelo pela "
    "pelos pelas foi são ser sua seu suas seus como mais ou já também este esta isso nesta neste art".split()
)
_EN_STOP = frozenset(
    "the of and to in is that for it with as was on be by this are or from at an which not have has "
    "were been their its".split()
)

# Keyword evidence for the domain of a text (weights: strong phrases count more).
_DOMAIN_CUES: dict[str, tuple[tuple[str, int], ...]] = {
    "contas": (
        (r"presta[cç][aã]o de contas", 3),
        (r"contas (de campanha|anuais|partid[aá]rias|eleitorais)", 3),
        (r"\bcontas\b", 1),
        (r"tesouro nacional", 2),
        (r"\bfefc\b|fundo especial de financiamento", 2),
        (r"fundo partid[aá]rio", 1),
        (r"recursos de origem n[aã]o identificada|\broni\b", 2),
        (r"fonte vedada", 2),
        (r"extratos? banc[aá]rios?|conta banc[aá]ria", 1),
        (r"\bdespesas?\b|\breceitas?\b|\bgastos?\b", 1),
        (r"\bspce\b|23\.607|23\.604", 2),
    ),
    "rcand": (
        (r"registro de candidatura|pedido de registro|requerimento de registro", 3),
        (r"\brrc\b|\bdrap\b", 3),
        (r"\bcandidatura\b", 1),
        (r"inelegibilidade|elegibilidade", 2),
        (r"filia[cç][aã]o partid[aá]ria", 2),
        (r"quita[cç][aã]o eleitoral", 1),
        (r"domic[ií]lio eleitoral", 2),
        (r"\bairc\b|impugna[cç][aã]o", 2),
        (r"certid(ão|ões) criminal|certid(ão|ões) criminais|alfabetiza", 2),
        (r"23\.609|lc 64|lei complementar n?º? ?64", 2),
    ),
}
_DOMAIN_RE = {
    m: tuple((re.compile(p, re.IGNORECASE), w) for p, w in cues) for m, cues in _DOMAIN_CUES.items()
}


# Outcome synonyms written the canonical way before the model reads them ("não aprovação das contas"
# is a desaprovação, Res. TSE 23.607/2019 art. 74): a small encoder does not learn negation from a
# few thousand documents. Applied to what the model reads only; evidence keeps the document's words.
_SYNONYMS = (
    (re.compile(r"\bn[aã]o[\s-]+aprova[cç][aã]o\b", re.IGNORECASE), "desaprovação"),
    (re.compile(r"\bn[aã]o[\s-]+aprovad(?=[ao]s?\b)", re.IGNORECASE), "desaprovad"),
    (re.compile(r"\bn[aã]o[\s-]+aprovar\b", re.IGNORECASE), "desaprovar"),
    (re.compile(r"\brejei[cç][aã]o das contas\b", re.IGNORECASE), "desaprovação das contas"),
    # finding no irregularity or obstacle is finding regularity ("não havendo irregularidades", "ausência
    # de óbices"); not a "sem falhas graves", which leaves the minor ones
    (
        re.compile(
            r"\b(?:n[aã]o\s+havendo|inexistindo|ausentes|sem|aus[eê]ncia\s+de|inexist[eê]ncia\s+de"
            r"|n[aã]o\s+(?:h[aá]|se\s+verific(?:ou|aram)|foram\s+(?:encontrad|constatad|apontad|verificad)[ao]s))"
            r"\s+(?:quaisquer\s+|nenhuma\s+|outr[ao]s\s+)?(?:irregularidades?|[óo]bices?|falhas|impedimentos?"
            r"|causas?\s+de\s+inelegibilidade|inelegibilidades?)\b"
            r"(?!\s+(?:grave|relevante|substancia|materia|insan[aá]ve|a\s|ao\s|aos\s|à\s|às\s))",
            re.IGNORECASE,
        ),
        "com regularidade",
    ),
    # not opposing an outcome is favouring it ("o MPE não se opõe ao registro", "nada a opor à aprovação")
    (
        re.compile(
            r"\b(?:n[aã]o\s+se\s+op[õo]e|nada\s+(?:tem\s+|h[aá]\s+)?a\s+opor|n[aã]o\s+h[aá]\s+[óo]bice)"
            r"\s+(?=(?:a|ao|aos|à|às)\s)",
            re.IGNORECASE,
        ),
        "é favorável ",
    ),
)


# A registration not granted is refused ("não há como deferir o pedido" → "indeferir o pedido"; "não pode
# ser deferido" → "deve ser indeferido"); "in" takes the case of the word it joins.
_NOT_GRANTED = (
    re.compile(
        r"\bn[aã]o\s+(?:h[aá]\s+como\s+|[ée]\s+poss[ií]vel\s+|se\s+pode\s+|pode\s+|cabe\s+|merece\s+(?:o\s+)?)?"
        r"(?=(?:deferir|defiro|deferimento)\b)",
        re.IGNORECASE,
    ),
    re.compile(r"\bn[aã]o\s+(?:pode|deve|merece)\s+ser\s+(?=deferid[ao]s?\b)", re.IGNORECASE),
)


def _refused(match: re.Match[str]) -> str:
    prefix = "deve ser " if match.group(0).lower().rstrip().endswith("ser") else ""
    upper = match.string[match.end() : match.end() + 2].isupper()
    return (prefix.upper() + "IN") if upper else prefix + "in"


# A request for an outcome is an opinion for it ("o MPE requer a desaprovação" opines, it does not ask
# for a diligência, which "requer" mostly introduces).
_REQUESTED = re.compile(
    r"\brequer\s+(a|o|pela|pelo)\s+(?=(?:desaprova|aprova|n[aã]o[\s-]+presta|indeferimento|deferimento))",
    re.IGNORECASE,
)
# A consequence threatened for later ("sob pena de …", "a omissão acarretará …") is not the outcome:
# its outcome words are read as a plain "sanção" up to the end of the clause.
_THREAT = re.compile(
    r"\b(?:sob pena de|(?:acarretar|ensejar|implicar|conduzir|levar)(?:[ãa]o|[áa])|resultar(?:[ãa]o|[áa]) em"
    r"|(?:poder(?:[ãa]o|[áa])|podendo) (?:acarretar|ensejar|implicar|conduzir|levar|resultar em))\b[^.;]*",
    re.IGNORECASE,
)
# Accounts outcomes only: "sob pena de indeferimento" is how a diligência of a registration reads, and
# the rcand model reads it well as it is (masked, its validation macro-F1 fell from 0.96 to 0.93).
_THREATENED = re.compile(
    r"\bn[aã]o[\s-]+prestad[ao]s\b|\bdesaprova[cç][aã]o\b|\bdesaprovad[ao]s\b", re.IGNORECASE
)


# "Prestadas" is the outcome only when negated ("julgo não prestadas", "não foram prestadas"); "as contas
# prestadas por Fulano" names the accounts of any outcome, and a small model read it as the outcome
# (a desaprovação of "contas prestadas por …" came out NAO_PRESTADAS at 0.96).
_RENDERED = re.compile(r"\bprestad(?=as?\b)", re.IGNORECASE)
_NEGATED_BEFORE = re.compile(r"\bn[aã]o(?:[\s-]+\w+){0,2}[\s-]+$", re.IGNORECASE)


def _rendered(match: re.Match[str]) -> str:
    before = match.string[max(0, match.start() - 30) : match.start()]
    if _NEGATED_BEFORE.search(before):
        return match.group(0)
    word = match.group(0)
    return "APRESENTAD" if word.isupper() else ("Apresentad" if word[0].isupper() else "apresentad")


# "ressalvadas as impropriedades" / "ressalvando falhas" is an approval with ressalvas; the participle
# splits into other word pieces than "ressalvas", and a model that saw it rarely read it as a plain
# approval. Not the legal "ressalvado o disposto no art. …" (an exception, not an outcome).
_RESERVING = re.compile(
    r"\b(?:ressalvad[ao]s?|ressalvando)\b(?!\s+(?:o|os|a|as)\s+(?:disposto|hip[óo]tese|casos?|direito|altera))",
    re.IGNORECASE,
)


def _reserving(match: re.Match[str]) -> str:
    return "COM RESSALVAS" if match.group(0).isupper() else "com ressalvas"


def canonical_outcomes(text: str) -> str:
    """``text`` with outcome synonyms in their canonical form (a registration not granted as refused,
    accounts "prestadas" but not negated as "apresentadas", "ressalvadas as falhas" as "com ressalvas"),
    requests for an outcome as opinions and threatened outcomes as a plain "sanção" (idempotent)."""
    for pattern, canonical in _SYNONYMS:
        text = pattern.sub(canonical, text)
    text = _RENDERED.sub(_rendered, text)
    text = _RESERVING.sub(_reserving, text)
    for pattern in _NOT_GRANTED:
        text = pattern.sub(_refused, text)
    text = _REQUESTED.sub(
        lambda m: "opina " + {"a": "pela", "o": "pelo"}.get(m.group(1).lower(), m.group(1)) + " ", text
    )
    return _THREAT.sub(lambda m: _THREATENED.sub("sanção", m.group(0)), text)


@dataclass(frozen=True)
class Precheck:
    ok: bool
    reason: str | None = None


def normalize(text: str) -> str:
    """NFC, no control characters, single spaces inside lines, paragraphs kept as blank lines."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch)[0] != "C")
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def paragraphs(text: str) -> list[str]:
    """Paragraphs: blank lines and line breaks both separate them, except a line wrapped mid-sentence
    (long, no final punctuation, next line starting in lower case) or a word hyphenated across lines."""
    out: list[str] = []
    joinable = False
    after_footer = False
    for raw in normalize(text).split("\n"):
        line = raw.strip()
        if _FOOTER.match(line):
            after_footer = True
            continue
        if not line:
            joinable = joinable and after_footer
            continue
        if joinable and (line[:1].islower() or after_footer or _dangling(out[-1])):
            prev = out[-1]
            out[-1] = prev[:-1] + line if prev.endswith("-") else f"{prev} {line}"
        else:
            out.append(line)
        after_footer = False
        last = out[-1]
        joinable = last.endswith("-") or (len(last) > 40 and not re.search(r"[.:;!?\")]$", last))
    return out


_DANGLING = frozenset(
    "não nao de da do das dos pela pelo pelas pelos a o as os e em com por para ao à".split()
)


def _dangling(line: str) -> bool:
    """A line that stops on a word that cannot end a sentence ("... opina pela NÃO")."""
    words = line.split()
    return bool(words) and words[-1].lower() in _DANGLING


def split_sentences(paragraph: str) -> list[str]:
    """Sentences of one paragraph; abbreviations such as "art." or "Res." do not end a sentence."""
    out: list[str] = []
    for piece in _SENTENCE_END.split(paragraph):
        piece = piece.strip()
        if not piece:
            continue
        if out and (_ABBREV_END.search(out[-1]) or _ITEM_MARK.match(out[-1])):
            out[-1] = f"{out[-1]} {piece}"
        else:
            out.append(piece)
    return out


def sentences(text: str) -> list[str]:
    """Split into sentences (paragraph boundaries are sentence boundaries)."""
    out: list[str] = []
    for para in paragraphs(text):
        out.extend(split_sentences(para))
    return out


def is_decisive(sentence: str) -> bool:
    """A sentence that states the outcome itself: a concluding cue and an outcome."""
    return bool(_STRONG.search(sentence) and _OUTCOME.search(sentence))


def is_conclusion(sentence: str) -> bool:
    return bool(_STRONG.search(sentence)) or bool(_OUTCOME.search(sentence) and len(sentence) < 600)


def domain_scores(text: str) -> dict[str, int]:
    return {m: sum(w * len(rx.findall(text)) for rx, w in cues) for m, cues in _DOMAIN_RE.items()}


def _words(text: str) -> list[str]:
    return re.findall(r"[a-zà-ÿ]+", text.lower())


def precheck(text: str, model_name: str) -> Precheck:
    """Reasons to abstain before running the model (messages in pt-BR)."""
    words = _words(text)
    if len(words) < MIN_WORDS:
        return Precheck(False, "texto vazio ou curto demais para classificar")
    pt = sum(w in _PT_STOP for w in words)
    en = sum(w in _EN_STOP for w in words)
    if pt < 0.08 * len(words) or en > pt:
        return Precheck(False, "o texto não parece estar em português")
    if not any(is_conclusion(s) for s in sentences(text)):
        return Precheck(False, "nenhuma frase conclusiva encontrada (sem dispositivo ou opinião)")
    scores = domain_scores(text)
    own = scores.get(model_name, 0)
    others = [(m, s) for m, s in scores.items() if m != model_name]
    for other, score in others:
        if score >= 4 and score >= 3 * own + 3:
            return Precheck(
                False, f"o texto parece ser do domínio do modelo '{other}', não de '{model_name}'"
            )
    return Precheck(True)


def model_input(
    text: str,
    *,
    budget: int = 220,
    count: Callable[[str], int] | None = None,
    header_budget: int = 24,
) -> tuple[str, list[str]]:
    """The text the model reads, and the sentences it is made of (for occlusion).

    Header (the first lines, at most ``header_budget`` units) plus the conclusion region: first the
    dispositivo (the last sentence whose verb decides – julgo, defiro, opina, acordam … – and that
    names an outcome; cut around its outcome when too long), then by priority until ``budget`` units
    are used: decisive sentences (a concluding cue and an outcome) from the end backwards, then
    sentences with either, then the last paragraphs; other sentences are left out. Kept sentences
    appear in document order; PJe's page footers are dropped (:func:`paragraphs`).
    ``count`` measures a string in tokens (defaults to words x 1.5).
    """
    measure = count or (lambda s: int(len(s.split()) * 1.5) + 1)
    paras = paragraphs(text)
    if not paras:
        return "", []
    header: list[str] = []
    used = 0
    while len(paras) > 1 and len(header) < 4 and measure(paras[0]) <= header_budget - used:
        used += measure(paras[0])
        header.append(paras.pop(0))
    if not header and len(paras) > 1:
        header = [_cut(paras[0], header_budget, measure)]
        used = measure(header[0])
    sents: list[tuple[int, str]] = []  # (paragraph index, sentence)
    for pi, para in enumerate(paras):
        sents.extend((pi, s) for s in split_sentences(para))
    tail = len(paras) - TAIL_PARAGRAPHS
    n = len(sents)

    def tier(order: int) -> int:
        pi, s = sents[order]
        if _CLOSING.search(s) and not _DECIDES.search(s):
            return 4  # "Ultimadas as diligências, arquive-se": procedure, not an outcome
        strong, outcome = bool(_STRONG.search(s)), bool(_OUTCOME.search(s))
        if outcome and (strong or _DECIDES.search(s)):
            return 1  # a concluding cue or a deciding verb, and an outcome
        if strong or outcome:
            return 2
        return 3 if pi >= tail else 4

    tiers = [tier(o) for o in range(n)]
    # The dispositivo: the last sentence whose verb decides and that names an outcome. It goes in
    # first, cut around its outcome when it is too long, so no context sentence can crowd it out.
    deciding = [o for o in range(n) if tiers[o] == 1 and _DECIDES.search(sents[o][1])]
    if not deciding:
        deciding = [o for o in range(n) if tiers[o] == 1]
    chosen: dict[int, str] = {}
    remaining = budget - used
    if deciding:
        anchor = deciding[-1]
        chosen[anchor] = _cut_around_outcome(sents[anchor][1], remaining, measure)
        remaining -= measure(chosen[anchor])
    # Then by tier, from the end backwards; filler (tier 4) is left out.
    ranked = sorted((o for o in range(n) if tiers[o] < 4 and o not in chosen), key=lambda o: (tiers[o], -o))
    for order in ranked:
        if remaining <= 4:
            break
        s = sents[order][1]
        cost = measure(s)
        if cost > remaining:
            if tiers[order] <= 2 and remaining > 16:
                # A sentence naming an outcome that does not fit whole: keep what surrounds its outcome
                # rather than give its place to filler.
                chosen[order] = _cut_around_outcome(s, remaining, measure)
                break
            continue
        chosen[order] = s
        remaining -= cost
    parts = header + [chosen[o] for o in sorted(chosen)]
    return " ".join(parts), parts


def _cut_around_outcome(text: str, budget: int, measure: Callable[[str], int]) -> str:
    """``text`` if it fits; else its first words and the words around its last outcome cue (one not
    inside a threatened consequence, when there is one)."""
    if measure(text) <= budget:
        return text
    spans = list(re.finditer(r"\S+", text))
    words = [m.group(0) for m in spans]
    hits = [i for i, w in enumerate(words) if _OUTCOME.search(w)]
    # an outcome threatened for later ("…, sob pena de indeferimento") is not what the act decides: the
    # window centres on the last outcome cue outside a threat when there is one
    threats = [m.span() for m in _THREAT.finditer(text)]
    decided = [i for i in hits if not any(a <= spans[i].start() < b for a, b in threats)]
    hits = decided or hits
    if not hits or budget < 12:
        return _cut(text, budget, measure)
    head = words[:4]
    lo = hi = max(hits[-1], len(head))
    while True:  # grow the window two words back for each word forward, while it fits
        grown = False
        for step in ((-1, 0), (-1, 0), (0, 1)):
            nlo, nhi = lo + step[0], hi + step[1]
            if nlo < len(head) or nhi >= len(words):
                continue
            if measure(" ".join(head + ["…"] + words[nlo : nhi + 1])) <= budget:
                lo, hi, grown = nlo, nhi, True
        if not grown:
            break
    joiner = [] if lo == len(head) else ["…"]
    return " ".join(head + joiner + words[lo : hi + 1])


def _cut(text: str, budget: int, measure: Callable[[str], int]) -> str:
    """The longest word prefix of ``text`` whose measure fits ``budget``."""
    if measure(text) <= budget:
        return text
    words = text.split()
    lo, hi = 1, len(words)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if measure(" ".join(words[:mid])) <= budget:
            lo = mid
        else:
            hi = mid - 1
    return " ".join(words[:lo])
