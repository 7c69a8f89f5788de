"""The one retry policy of the bot: how often, and how patiently, a transient PJe failure is retried.

Built from the settings (``RetryPolicy.from_settings(settings.pje)``): ``attempts`` is the first try
plus ``JANO_PJE__RETRIES`` retries (5 with the default 4). Each PJe operation is retried at exactly
one layer:

- reads (painel, task view, autos grid): :meth:`bot.pje.facade.PJe.with_session` runs the whole read
  under the policy; page objects never retry on their own;
- document downloads: each download is its own operation under the policy (a failed one is fetched
  again alone, the autos are not read again);
- writes: the page object's ensure loop (:meth:`bot.pje.pages.tarefa.TaskPage._ensure`) tolerates
  ``attempts`` transient failures (reading PJe's state before acting again); the facade does not
  retry it.

An expired session is answered by logging in again, at most ``relogins`` (2) times per operation.

Total budget, stated once: a read is tried at most :attr:`budget` = ``attempts + relogins`` times
(7 by default; a painel read used to be tried up to 24 times by two nested layers); a write or a
download, whose layer starts afresh after a new log-in, at most ``attempts × (1 + relogins)`` times
(15), the log-ins being rare. Backoff waits add up to at most :attr:`max_wait_s` per try sequence.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol, TypeVar

from bot.core.errors import SessionExpired, TransientError

T = TypeVar("T")

SleepFn = Callable[[float], None]


class _RetrySettings(Protocol):
    retries: int  # bot.config.settings.PJeSettings (core imports nothing above it)


@dataclass(frozen=True)
class RetryPolicy:
    """Attempts and capped exponential backoff (with jitter) for transient failures."""

    attempts: int = 5
    backoff_initial_s: float = 0.25
    backoff_max_s: float = 4.0
    jitter_s: float = 1.0
    relogins: int = 2  # log-ins again after an expired session, per operation

    @classmethod
    def from_settings(cls, pje: _RetrySettings) -> RetryPolicy:
        return cls(attempts=1 + max(0, pje.retries))  # the first try, then ``retries`` more

    @property
    def budget(self) -> int:
        """The most tries of one operation: its attempts plus one more after each new log-in."""
        return self.attempts + self.relogins

    @property
    def max_wait_s(self) -> float:
        """The longest total backoff wait of one operation (jitter included)."""
        waits = (self.backoff_initial_s * 2**n + self.jitter_s for n in range(self.attempts - 1))
        return sum(min(self.backoff_max_s, wait) for wait in waits)

    def wait_s(self, failures: int) -> float:
        """The backoff before the next try, after ``failures`` failed tries (1 or more)."""
        wait = self.backoff_initial_s * 2 ** (failures - 1) + random.uniform(0, self.jitter_s)
        return min(self.backoff_max_s, wait)

    def run(
        self,
        action: Callable[[], T],
        *,
        sleep: SleepFn,
        on_expired: Callable[[], None] | None = None,
        on_retry: Callable[[int], None] | None = None,
        transient: bool = True,
    ) -> T:
        """Run ``action``, trying it at most ``attempts`` times while it fails with a transient error.

        ``sleep`` waits between attempts (the pool's ``pause``, so other lanes go on meanwhile).
        ``on_expired``: how to log in again after :class:`SessionExpired`, at most ``relogins`` times,
        each followed by one more try that is not counted as an attempt (a transient failure of the
        log-in itself is, with ``transient=False`` too; the log-in is tried again before the action).
        Without it an expired session is raised at once, for the caller's layer to handle.
        ``on_retry(n)`` is told before try n > 1.
        ``transient=False``: other transient failures are not retried here (a lower layer owns them).
        """
        failures = relogins = tries = 0
        must_relogin = False
        while True:
            tries += 1
            if tries > 1 and on_retry is not None:
                on_retry(tries)
            if must_relogin:
                assert on_expired is not None
                try:
                    on_expired()
                    must_relogin = False
                except SessionExpired:
                    if relogins >= self.relogins:
                        raise
                    relogins += 1
                    continue
                except TransientError:
                    # No layer below retries the log-in: its transient failures are this layer's,
                    # ``transient=False`` or not (PJe's banner on the zone profile after a new log-in).
                    failures += 1
                    if failures >= self.attempts:
                        raise
                    sleep(self.wait_s(failures))
                    continue
            try:
                return action()
            except SessionExpired:
                if on_expired is None or relogins >= self.relogins:
                    raise
                relogins += 1
                must_relogin = True
            except TransientError:
                failures += 1
                if not transient or failures >= self.attempts:
                    raise
                sleep(self.wait_s(failures))
