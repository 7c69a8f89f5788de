"""Seeded fault injection: profile probabilities plus faults forced by tests (``fail_next``...).

Decisions are drawn from one ``random.Random`` seeded by the mock's seed, so the same sequence of
requests meets the same faults. Forced faults are consumed first and can be limited to paths that
contain a given substring.
"""

from __future__ import annotations

import random
import threading
from dataclasses import dataclass

from mock_pje.settings import FaultProfile, FaultRates, MockSettings, Quirk


@dataclass
class _Forced:
    quirk: Quirk
    match: str
    remaining: int
    seconds: float = 0.0


class Faults:
    def __init__(self, settings: MockSettings) -> None:
        self._lock = threading.Lock()
        self.profile = settings.faults
        self.latency_ms = settings.latency_ms
        self._all_rates = dict(settings.rates)
        self._rng = random.Random(f"jano-faults:{settings.seed}")
        self._forced: list[_Forced] = []
        self._seed = settings.seed
        self.jsf_base = 194
        self.new_start(0)

    def new_start(self, starts: int) -> None:
        """Positional ids shift from one start of the mock to the next (seeded by seed and start count)."""
        if self.profile != FaultProfile.OFF:
            self.jsf_base = 100 + random.Random(f"jano-jsf:{self._seed}:{starts}").randrange(800)

    @property
    def rates(self) -> FaultRates:
        return self._all_rates[self.profile]

    def configure(
        self,
        profile: FaultProfile | None = None,
        latency_ms: int | None = None,
        rates: FaultRates | None = None,
    ) -> None:
        with self._lock:
            if profile is not None:
                self.profile = FaultProfile(profile)
            if latency_ms is not None:
                self.latency_ms = latency_ms
            if rates is not None:
                self._all_rates[self.profile] = rates

    def force(self, quirk: Quirk, *, match: str = "", count: int = 1, seconds: float = 0.0) -> None:
        """Make ``quirk`` happen on the next ``count`` eligible requests whose path contains ``match``."""
        with self._lock:
            self._forced.append(_Forced(quirk, match, count, seconds))

    def clear(self) -> None:
        with self._lock:
            self._forced.clear()

    def roll(self, quirk: Quirk, path: str = "") -> bool:
        """Whether ``quirk`` happens now (forced first, then the profile's probability)."""
        return self.take(quirk, path) is not None

    def take(self, quirk: Quirk, path: str = "") -> float | None:
        """Like :meth:`roll`, returning the forced/drawn seconds (0.0 when not applicable) or None."""
        with self._lock:
            for forced in self._forced:
                if forced.quirk == quirk and forced.match in path and forced.remaining > 0:
                    forced.remaining -= 1
                    if forced.remaining == 0:
                        self._forced.remove(forced)
                    return forced.seconds
            rate = self.rates.rate(quirk)
            if rate <= 0.0 or self._rng.random() >= rate:
                return None
            if quirk == Quirk.SLOW_RENDER:
                return self._rng.uniform(self.rates.slow_min_s, self.rates.slow_max_s)
            return 0.0

    def jsf_offset(self) -> int:
        """Base of positional ids for one render: fixed with faults off, shuffled (seeded) otherwise."""
        if self.roll(Quirk.JSF_SHUFFLE):
            with self._lock:
                return self.jsf_base + self._rng.randrange(0, 400)
        return self.jsf_base
