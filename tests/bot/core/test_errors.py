from __future__ import annotations

import inspect

import pytest
from playwright._impl import _errors as playwright_errors_module
from playwright.sync_api import Error, TimeoutError

from bot.core import errors
from bot.pje.browser import ERROR_MAP, translate


def _playwright_exception_classes() -> list[type[BaseException]]:
    return [
        obj
        for obj in vars(playwright_errors_module).values()
        if inspect.isclass(obj) and issubclass(obj, BaseException)
    ]


def test_error_map_should_cover_every_playwright_exception_class() -> None:
    classes = _playwright_exception_classes()
    assert classes, "playwright exposes no exception classes?"
    for cls in classes:
        assert cls in ERROR_MAP, f"{cls.__name__} is not mapped"
        err = cls("boom")
        assert isinstance(translate(err), errors.BotError)


@pytest.mark.parametrize(
    ("err", "expected"),
    [
        (TimeoutError("Timeout 30000ms exceeded."), errors.PageTimeout),
        (Error("net::ERR_CONNECTION_REFUSED at http://127.0.0.1:1/"), errors.NavigationError),
        (Error("Target page, context or browser has been closed"), errors.BrowserClosed),
        (Error("something odd"), errors.TransientError),
    ],
)
def test_translate_should_pick_the_most_specific_error(err: Exception, expected: type) -> None:
    translated = translate(err, process="0600251-45.2020.6.24.0016", step="login")
    assert type(translated) is expected
    assert translated.process == "0600251-45.2020.6.24.0016"
    assert "etapa=login" in str(translated)


def test_error_tree_should_split_transient_from_business() -> None:
    assert issubclass(errors.SessionExpired, errors.TransientError)
    assert issubclass(errors.LoginRejected, errors.BusinessError)
    assert not issubclass(errors.BusinessError, errors.TransientError)
    with pytest.raises(TypeError):
        translate(ValueError("not playwright"))
