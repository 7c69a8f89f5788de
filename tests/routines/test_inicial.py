from __future__ import annotations

from bot.vocabulary.domain import Channel
from routines.base import Manual, ProposeAction
from routines.pca_inicial_despacho import PcaInicialDespacho
from routines.pca_inicial_edital import PcaInicialEdital
from routines.pce_inicial_edital import PceInicialEdital
from tests.routines.builders import doc, snapshot

OMISSAO = doc("7", "Certidão", "Certifico que o partido não apresentou as contas.")
OMISSAO = OMISSAO.__class__(**{**OMISSAO.__dict__, "title": "Certidão de omissão"})


def test_edital_should_propose_edital_with_dje_and_mpe_communications(ctx) -> None:
    decision = PceInicialEdital().decide(ctx, snapshot())
    assert isinstance(decision, ProposeAction)
    action = decision.action
    assert action.draft is not None and action.draft.document_type == "Edital"
    assert "Maria da Silva" in action.draft.body and "3 dias" in action.draft.body
    assert [c.channel for c in action.communications] == [Channel.DJE, Channel.SISTEMA]
    assert action.draft.ai_footer is None  # no AI in this routine


def test_pca_routines_should_split_omissos_from_filers() -> None:
    filer, omisso = snapshot(process_class="PCA"), snapshot(OMISSAO, process_class="PCA")
    assert PcaInicialEdital().accepts(filer) and not PcaInicialEdital().accepts(omisso)
    assert PcaInicialDespacho().accepts(omisso) and not PcaInicialDespacho().accepts(filer)
    assert not PceInicialEdital().accepts(filer)


def test_despacho_should_name_the_exercise_and_go_to_signature(ctx) -> None:
    decision = PcaInicialDespacho().decide(ctx, snapshot(OMISSAO, process_class="PCA"))
    assert isinstance(decision, ProposeAction)
    assert decision.action.draft is not None and "exercício de 2024" in decision.action.draft.body
    assert decision.action.transition == "Assinar"


def test_edital_should_go_to_a_person_when_the_process_has_no_party(ctx) -> None:
    assert isinstance(PceInicialEdital().decide(ctx, snapshot(parties=())), Manual)
    only_mpe = snapshot(parties=("Ministério Público Eleitoral",))
    assert isinstance(PceInicialEdital().decide(ctx, only_mpe), Manual)
