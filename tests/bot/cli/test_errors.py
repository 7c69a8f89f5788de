"""The one error → exit-code mapping of the command line (bot.cli.errors)."""

from __future__ import annotations

import pytest
import typer

from bot.cli.errors import EXIT_FAILURE, EXIT_INPUT, exit_code_for, one_line_errors, report
from bot.core.errors import BotError, BusinessError, ConfigError, InputError, TransientError
from bot.queue.approvals import NotExecutable
from bot.queue.workitems import IllegalTransition
from classifiers.errors import ClassifierConfigError, ClassifierError, ClassifierInputError


def _subclasses(cls: type[BotError]) -> list[type[BotError]]:
    found = []
    for sub in cls.__subclasses__():
        found.append(sub)
        found.extend(_subclasses(sub))
    return found


def _expected(cls: type[BotError]) -> int:
    person_or_request = (ConfigError, InputError, IllegalTransition, NotExecutable)
    return EXIT_INPUT if issubclass(cls, person_or_request) else EXIT_FAILURE


def test_exit_code_for_should_cover_every_error_of_the_tree() -> None:
    classes = [BotError, *_subclasses(BotError)]
    assert {ConfigError, InputError, TransientError, BusinessError, IllegalTransition, NotExecutable} <= set(
        classes
    )
    for cls in classes:
        assert exit_code_for(cls("x")) == _expected(cls), cls.__name__


@pytest.mark.parametrize(
    ("err", "code", "line"),
    [
        (ClassifierInputError("modelo desconhecido: 'x'"), EXIT_INPUT, "erro: modelo desconhecido: 'x'\n"),
        (ClassifierConfigError("nenhum artefato"), EXIT_INPUT, "erro: nenhum artefato\n"),
        (ClassifierError("falhou"), EXIT_FAILURE, "erro: falhou\n"),
    ],
)
def test_report_should_map_classifier_errors_like_the_bots_own(
    err: ClassifierError, code: int, line: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert report(err) == code
    assert capsys.readouterr().err == line


def test_one_line_errors_should_end_a_command_with_one_line_and_its_code(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(typer.Exit) as exited, one_line_errors():
        raise IllegalTransition("item JN-000001 em DONE")
    assert exited.value.exit_code == EXIT_INPUT
    assert capsys.readouterr().err == "erro: item JN-000001 em DONE\n"
