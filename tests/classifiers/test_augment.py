"""Context mixing keeps the decisive sentences and the label, and borrows context from another label."""

from classifiers.augment import mixed_context

DOCS = [
    (
        "JUSTIÇA ELEITORAL\n\nO parecer técnico apontou falhas graves. O MPE opinou pela desaprovação.\n"
        "Ante o exposto, JULGO DESAPROVADAS as contas.",
        0,
    ),
    (
        "MINISTÉRIO PÚBLICO ELEITORAL\n\nAs falhas são formais e não comprometem a regularidade.\n"
        "Ante o exposto, o Ministério Público Eleitoral manifesta-se pela aprovação das contas "
        "com ressalvas.",
        1,
    ),
    (
        "JUSTIÇA ELEITORAL\n\nIntime-se o prestador para juntar os extratos no prazo de 3 dias.\n"
        "Após, à unidade técnica.",
        2,
    ),
]


def test_mixed_context_should_keep_label_and_decisive_sentence_with_foreign_context() -> None:
    texts, labels = mixed_context([t for t, _ in DOCS], [y for _, y in DOCS], share=1.0, seed=3)
    assert len(texts) == 2, "only documents with a decisive sentence are copied"
    by_label = dict(zip(labels, texts, strict=True))
    assert "JULGO DESAPROVADAS as contas" in by_label[0]
    assert "apontou falhas graves" not in by_label[0], "its own context is replaced"
    assert "manifesta-se pela aprovação das contas com ressalvas" in by_label[1]
    assert "não comprometem a regularidade" not in by_label[1]


def test_mixed_context_should_be_deterministic_for_a_seed() -> None:
    args = ([t for t, _ in DOCS], [y for _, y in DOCS])
    assert mixed_context(*args, share=1.0, seed=5) == mixed_context(*args, share=1.0, seed=5)


def test_mixed_context_with_zero_share_should_add_nothing() -> None:
    assert mixed_context([t for t, _ in DOCS], [y for _, y in DOCS], share=0.0, seed=1) == ([], [])
