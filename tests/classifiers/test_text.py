from __future__ import annotations

from classifiers.text import canonical_outcomes, model_input, paragraphs, precheck, sentences

LONG_BOILERPLATE = " ".join(
    f"O item {i} do relatório descreve a movimentação financeira examinada pela unidade técnica."
    for i in range(200)
)
DOC = (
    "PARECER TÉCNICO CONCLUSIVO\nPrestação de Contas Eleitorais nº 0600123-11.2024.6.05.0012\n\n"
    f"{LONG_BOILERPLATE}\n\n"
    "Ante o exposto, esta unidade técnica opina pela DESAPROVAÇÃO das contas, com recolhimento de "
    "R$ 3.000,00 ao Tesouro Nacional.\n\nSalvador, 10 de outubro de 2024."
)


def test_model_input_should_keep_header_and_dispositivo_of_a_long_document() -> None:
    text, parts = model_input(DOC, budget=120)
    assert text.startswith("PARECER TÉCNICO CONCLUSIVO")
    assert "opina pela DESAPROVAÇÃO" in text
    assert len(text.split()) < 120
    assert any("DESAPROVAÇÃO" in p for p in parts)


def test_model_input_should_respect_a_token_budget_from_a_counter() -> None:
    text, _ = model_input(DOC, budget=60, count=lambda s: len(s.split()))
    assert len(text.split()) <= 60
    assert "DESAPROVAÇÃO" in text


def test_sentences_should_not_split_on_legal_abbreviations() -> None:
    got = sentences(
        "Nos termos do art. 74, I, da Res. TSE 23.607/2019, julgo aprovadas as contas. Publique-se."
    )
    assert got == [
        "Nos termos do art. 74, I, da Res. TSE 23.607/2019, julgo aprovadas as contas.",
        "Publique-se.",
    ]


def test_paragraphs_should_join_lines_wrapped_mid_sentence_and_hyphenated_words() -> None:
    text = (
        "O prestador deixou de apresentar os extratos bancarios e as impropri-\nedades persistem ate a "
        "presente data sem\ncorrecao.\nNova linha."
    )
    assert paragraphs(text) == [
        (
            "O prestador deixou de apresentar os extratos bancarios e as impropriedades persistem ate a "
            "presente data sem correcao."
        ),
        "Nova linha.",
    ]


def test_precheck_should_abstain_on_empty_or_short_text() -> None:
    assert not precheck("", "contas").ok
    check = precheck("Julgo aprovadas.", "contas")
    assert not check.ok and check.reason is not None and "curto" in check.reason


def test_precheck_should_abstain_on_text_that_is_not_portuguese() -> None:
    check = precheck(
        "The court approved the campaign accounts of the candidate and ordered the publication of it.",
        "contas",
    )
    assert not check.ok and check.reason is not None and "português" in check.reason


def test_precheck_should_abstain_without_a_conclusion_like_sentence() -> None:
    text = (
        "Certifico que o edital foi publicado no Diário da Justiça Eletrônico na data de hoje, para os "
        "fins legais."
    )
    check = precheck(text, "contas")
    assert not check.ok and check.reason is not None and "conclusiva" in check.reason


def test_precheck_should_abstain_on_the_other_models_domain() -> None:
    rcand = (
        "Trata-se de pedido de registro de candidatura (RRC) ao cargo de vereador. O candidato não "
        "comprovou a "
        "filiação partidária nem o domicílio eleitoral. Isto posto, INDEFIRO o pedido de registro de "
        "candidatura."
    )
    check = precheck(rcand, "contas")
    assert not check.ok and check.reason is not None and "rcand" in check.reason
    assert precheck(rcand, "rcand").ok


def test_precheck_should_accept_an_rcand_decision_that_mentions_accounts() -> None:
    text = (
        "Trata-se de requerimento de registro de candidatura. A certidão de quitação eleitoral aponta contas "
        "de campanha julgadas não prestadas em 2020, o que impede a quitação. Isto posto, INDEFIRO o "
        "registro."
    )
    assert precheck(text, "rcand").ok


def test_precheck_should_accept_genuine_contas_documents() -> None:
    assert precheck(DOC, "contas").ok


def test_model_input_should_keep_a_long_dispositivo_crowded_by_decisive_looking_context() -> None:
    context = " ".join(
        f"Em atenção à Súmula nº {i} do TSE, o requerente foi intimado para se manifestar sobre a possível "
        "causa de inelegibilidade."
        for i in range(6)
    )
    doc = (
        "JUSTIÇA ELEITORAL\n095ª ZONA ELEITORAL\n\nSENTENÇA\n"
        f"{context}\n"
        "Ante o exposto, em dissonância com o parecer ministerial, INDEFIRO o pedido de registro de "
        "candidatura de JOÃO BATISTA DE MEDEIROS NETO, para o cargo de vereador, sob o número 12345.\n"
        "P.R.I.\nPatos, 9 de setembro de 2024."
    )
    text, _ = model_input(doc, budget=40, count=lambda s: len(s.split()))
    assert "INDEFIRO" in text
    assert len(text.split()) <= 40


def test_model_input_should_cut_a_long_dispositivo_around_its_outcome() -> None:
    doc = (
        "MINISTÉRIO PÚBLICO ELEITORAL\n\n"
        "O Ministério Público Eleitoral, ciente do parecer técnico conclusivo, que não apontou falhas na "
        "movimentação financeira do candidato, e não vislumbrando, de igual modo, qualquer elemento que "
        "recomende solução diversa, manifesta-se pela aprovação das contas, com fundamento no art. 30, I."
    )
    text, _ = model_input(doc, budget=24, count=lambda s: len(s.split()))
    assert "manifesta-se pela aprovação" in text
    assert text.startswith("MINISTÉRIO PÚBLICO ELEITORAL O Ministério Público Eleitoral,")


def test_model_input_should_not_centre_a_long_order_on_the_outcome_it_threatens() -> None:
    doc = (
        "DESPACHO\n\n"
        "Para que se possa aferir a eventual incidência de causa de inelegibilidade, intime-se o "
        "requerente para que, no prazo de 3 (três) dias, apresente certidão de objeto e pé do processo "
        "criminal apontado, nos termos da Res. TSE nº 23.609/2019, sob pena de indeferimento do pedido."
    )
    text, _ = model_input(doc, budget=24, count=lambda s: len(s.split()))
    assert "intime-se o requerente" in text
    assert len(text.split()) <= 24


def test_paragraphs_should_drop_pje_page_footers_and_join_the_sentence_they_cut() -> None:
    text = (
        "Ante o exposto, esta Seção de Contas opina pela NÃO\n"
        "Assinado eletronicamente por: VERA CORREIA - 27/08/2023\nNum. 47920742 - Pág. 5\n"
        "PRESTAÇÃO DAS CONTAS.\nÉ o parecer."
    )
    assert paragraphs(text) == [
        "Ante o exposto, esta Seção de Contas opina pela NÃO PRESTAÇÃO DAS CONTAS.",
        "É o parecer.",
    ]


def test_paragraphs_should_drop_a_footer_line_that_holds_several_stamps() -> None:
    text = (
        "Ante o exposto, JULGO DESAPRO-\n"
        "Numero do documento: 21051714035100000012773001        Num. 12801455 - Pag. 1\n"
        "VADAS as contas de FULANO DE TAL.\nP.R.I."
    )
    assert paragraphs(text) == ["Ante o exposto, JULGO DESAPROVADAS as contas de FULANO DE TAL.", "P.R.I."]


def test_model_input_should_keep_an_appeal_votes_outcome_over_the_lower_courts() -> None:
    filler = " ".join(f"O item {i} do voto trata da finalidade da prestação de contas." for i in range(20))
    doc = (
        "TRIBUNAL REGIONAL ELEITORAL\nRECURSO ELEITORAL Nº 0600012-34.2024.6.19.0012\n\nACÓRDÃO\n"
        "ACORDAM os membros da Corte, à unanimidade, em dar provimento ao recurso.\n"
        "Recurso interposto em face da sentença que julgou as contas não prestadas.\n"
        f"{filler}\n"
        "Com essas razões, conheço do recurso e DOU-LHE PROVIMENTO para, reformando a sentença, julgar "
        "desaprovadas as contas do partido, determinando a devolução de R$ 9.019,34.\n"
        "Sessão de julgamento, 2 de outubro de 2024."
    )
    text, _ = model_input(doc, budget=40, count=lambda s: len(s.split()))
    assert "julgar desaprovadas" in text


def test_canonical_outcomes_should_write_negated_approval_as_desaprovacao_and_nothing_else() -> None:
    assert canonical_outcomes("opina pela não aprovação das contas") == "opina pela desaprovação das contas"
    assert canonical_outcomes("contas NAO APROVADAS") == "contas desaprovadAS"  # the rest keeps its case
    assert canonical_outcomes("recomenda a rejeição das contas") == "recomenda a desaprovação das contas"
    kept = "não há como aprovar, ainda que com ressalvas; pela aprovação com ressalvas"
    assert canonical_outcomes(kept) == kept
    once = canonical_outcomes("pela não aprovação")
    assert canonical_outcomes(once) == once


def test_model_input_should_leave_out_procedural_closings() -> None:
    filler = " ".join(f"O item {i} do relatório descreve a movimentação financeira." for i in range(12))
    doc = (
        f"JUSTIÇA ELEITORAL\n50ª ZONA ELEITORAL\n\n{filler}\n"
        "Decido. Declaro desaprovada a prestação de contas em exame.\n"
        "Ultimadas as diligências, arquive-se com baixa.\nJuiz Eleitoral"
    )
    text, _ = model_input(doc, budget=60, count=lambda s: len(s.split()))
    assert "Declaro desaprovada" in text
    assert "diligências" not in text


def test_canonical_outcomes_should_read_a_request_for_an_outcome_as_an_opinion() -> None:
    assert (
        canonical_outcomes("o MPE requer a desaprovação das contas")
        == "o MPE opina pela desaprovação das contas"
    )
    assert canonical_outcomes("Requer o indeferimento do registro") == "opina pelo indeferimento do registro"
    assert canonical_outcomes("requer a intimação do prestador") == "requer a intimação do prestador"


def test_canonical_outcomes_should_not_read_a_threatened_outcome_as_the_outcome() -> None:
    threat = "a omissão acarretará o julgamento das contas como não prestadas e a desaprovação"
    assert canonical_outcomes(threat) == (
        "a omissão acarretará o julgamento das contas como sanção e a sanção"
    )
    assert canonical_outcomes("Intime-se, sob pena de desaprovação. Julgo desaprovadas as contas.") == (
        "Intime-se, sob pena de sanção. Julgo desaprovadas as contas."
    )
    registration = "intime-se o candidato para apresentar a certidão, sob pena de indeferimento"
    assert canonical_outcomes(registration) == registration
    kept = "as falhas ensejam a desaprovação das contas, sob pena de cobrança"
    assert canonical_outcomes(kept) == kept
    assert canonical_outcomes(canonical_outcomes(threat)) == canonical_outcomes(threat)
    possible = "A ausência poderá conduzir à desaprovação das contas. Opina pela diligência."
    assert (
        canonical_outcomes(possible)
        == "A ausência poderá conduzir à sanção das contas. Opina pela diligência."
    )
    assert canonical_outcomes("falhas que levarão à desaprovação") == "falhas que levarão à sanção"


def test_canonical_outcomes_should_read_a_reserving_participle_as_with_ressalvas() -> None:
    assert canonical_outcomes("opina pela aprovação das contas, ressalvadas as impropriedades formais") == (
        "opina pela aprovação das contas, com ressalvas as impropriedades formais"
    )
    assert (
        canonical_outcomes("REPUTO REGULARES, RESSALVADAS AS FALHAS")
        == "REPUTO REGULARES, COM RESSALVAS AS FALHAS"
    )
    assert canonical_outcomes("julgou as contas aprovadas, ressalvando falhas formais") == (
        "julgou as contas aprovadas, com ressalvas falhas formais"
    )
    for exception in ("ressalvado o disposto no art. 30", "ressalvadas as hipóteses legais"):
        assert canonical_outcomes(exception) == exception


def test_canonical_outcomes_should_read_accounts_prestadas_as_the_outcome_only_when_negated() -> None:
    assert canonical_outcomes("decido pela DESAPROVAÇÃO das contas prestadas por Geraldo Jesus") == (
        "decido pela DESAPROVAÇÃO das contas apresentadas por Geraldo Jesus"
    )
    assert canonical_outcomes("Prestadas as contas, JULGO-AS APROVADAS") == (
        "Apresentadas as contas, JULGO-AS APROVADAS"
    )
    assert canonical_outcomes("AS CONTAS PRESTADAS") == "AS CONTAS APRESENTADAS"
    for negated in ("JULGO NÃO PRESTADAS as contas", "as contas não foram prestadas", "contas nao-prestadas"):
        assert canonical_outcomes(negated) == negated
    assert canonical_outcomes("serviços prestados") == "serviços prestados"


def test_sentences_should_keep_a_numbered_items_marker_with_its_text() -> None:
    got = sentences("1. A sentença desaprovou as contas. 2) Os documentos comprovam os gastos. IV. Fim.")
    assert got == [
        "1. A sentença desaprovou as contas.",
        "2) Os documentos comprovam os gastos.",
        "IV. Fim.",
    ]
    assert sentences("O valor é de R$ 300,00. Publique-se.") == ["O valor é de R$ 300,00.", "Publique-se."]


def test_model_input_should_prefer_the_appeals_outcome_over_a_reported_lower_outcome() -> None:
    # The lower court's past "desaprovou" is a report, not a decision; the item stating the appeal's
    # outcome is too long for what is left of the budget and is kept cut around its outcome.
    doc = (
        "TRIBUNAL REGIONAL ELEITORAL\n\nEMENTA: RECURSO. PRESTAÇÃO DE CONTAS. PROVIMENTO PARCIAL.\n"
        "1. A sentença desaprovou as contas em razão da ausência de comprovação de despesas.\n"
        "2. Recurso parcialmente provido para aprovar as contas com ressalvas e reduzir o valor a ser "
        "recolhido ao Tesouro Nacional para R$ 300,00, mantidas as demais determinações da sentença.\n"
        "ACORDAM os juízes do Tribunal, por unanimidade, em dar parcial provimento ao recurso.\n"
        "Porto Alegre, 8 de junho de 2021."
    )
    text, parts = model_input(doc, budget=50, count=lambda s: len(s.split()), header_budget=4)
    assert "aprovar as contas com ressalvas" in text
    assert "desaprovou" not in text
    assert not any(p in ("1.", "2.") for p in parts)
    assert len(text.split()) <= 50


def test_canonical_outcomes_should_read_not_opposing_an_outcome_as_favouring_it() -> None:
    assert canonical_outcomes("o MPE nada requer e nao se opoe ao registro.") == (
        "o MPE nada requer e é favorável ao registro."
    )
    assert canonical_outcomes("Ciente. Nada tem a opor à aprovação das contas.") == (
        "Ciente. é favorável à aprovação das contas."
    )
    assert canonical_outcomes("Não há óbice ao deferimento.") == "é favorável ao deferimento."
    opposed = "O MPE se opõe ao deferimento do registro. Nada a opor."
    assert canonical_outcomes(opposed) == opposed
    once = canonical_outcomes("não se opõe ao registro")
    assert canonical_outcomes(once) == once


def test_canonical_outcomes_should_read_a_registration_not_granted_as_refused() -> None:
    assert canonical_outcomes("não há como deferir o pedido.") == "indeferir o pedido."
    assert canonical_outcomes("NÃO DEFIRO o registro") == "INDEFIRO o registro"
    assert canonical_outcomes("o pedido não pode ser deferido") == "o pedido deve ser indeferido"
    assert canonical_outcomes("opina pelo não deferimento") == "opina pelo indeferimento"
    granted = "opina pelo deferimento; defiro o registro; não se trata de indeferimento"
    assert canonical_outcomes(granted) == granted
    once = canonical_outcomes("nao ha como deferir")
    assert once == "indeferir" and canonical_outcomes(once) == once


def test_canonical_outcomes_should_read_finding_no_irregularity_as_regularity() -> None:
    assert canonical_outcomes("Nao havendo irregularidades, o MPE nada requer.") == (
        "com regularidade, o MPE nada requer."
    )
    assert canonical_outcomes("AUSÊNCIA DE ÓBICES. Não foram constatadas falhas.") == (
        "com regularidade. com regularidade."
    )
    minor = "sem falhas graves, aprovo as contas com ressalvas; a irregularidade é formal"
    assert canonical_outcomes(minor) == minor
    assert canonical_outcomes("Não há óbice ao deferimento.") == "é favorável ao deferimento."
