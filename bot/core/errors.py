"""The bot's error tree.

    BotError
    ├── ConfigError          bad or missing settings; stops start-up (exit code 2)
    ├── InputError           bad input given by a person (process number, file, CPF)
    ├── TransientError       retried with capped backoff (navigation, timeouts, "Erro inesperado")
    │   ├── PageTimeout
    │   ├── NavigationError
    │   ├── SessionExpired
    │   └── BrowserClosed
    └── BusinessError        a person must act: the work item goes to MANUAL with this reason
        ├── LoginRejected
        ├── UnexpectedPage
        ├── MissingDocument
        ├── LowConfidence
        └── Divergence

Context travels as keyword-only attributes (``process=``, ``step=``) so a log line or a work item can
say where it happened without parsing the message.
"""

from __future__ import annotations


class BotError(Exception):
    """Base of every error the bot raises on purpose."""

    def __init__(self, message: str, *, process: str | None = None, step: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.process = process
        self.step = step

    def __str__(self) -> str:
        where = ", ".join(f"{k}={v}" for k, v in (("processo", self.process), ("etapa", self.step)) if v)
        return f"{self.message} ({where})" if where else self.message


class ConfigError(BotError):
    """A setting is missing or invalid; the message names the environment variable."""


class InputError(BotError):
    """Input given by a person is malformed (process number, CPF, file)."""


class TransientError(BotError):
    """A failure that may pass on retry: timeouts, navigation errors, PJe's generic error banner."""


class PageTimeout(TransientError):
    """An element or page did not become ready in time."""


class NavigationError(TransientError):
    """A navigation failed (connection refused, aborted load, error banner)."""


class SessionExpired(TransientError):
    """PJe ended the session; the page object logs in again and retries."""


class BrowserClosed(TransientError):
    """The browser, context or page closed under us."""


class BusinessError(BotError):
    """A person must act: the work item goes to MANUAL with this error as the reason."""


class LoginRejected(BusinessError):
    """PJe refused the credentials."""


class UnexpectedPage(BusinessError):
    """PJe showed a page the bot does not know how to handle."""


class MissingDocument(BusinessError):
    """A document the routine needs is not in the process."""


class LowConfidence(BusinessError):
    """The classifier abstained or its confidence is under the threshold."""


class Divergence(BusinessError):
    """Documents that should agree (technical and MPE pareceres) disagree."""
