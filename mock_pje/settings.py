"""Settings of the mock PJe: seed, size of the seeded world, faults, credentials, persistence."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from pydantic import BaseModel, Field, field_validator

from bot.core import cpf as cpf_mod

# The default designated servant: a synthetic CPF with valid check digits (never a real person's).
DEFAULT_SERVANT_CPF = "52998224725"
DEFAULT_SERVANT_PASSWORD = "jano-servidor"
DEFAULT_ADMIN_TOKEN = "jano-mock-admin"


class FaultProfile(StrEnum):
    OFF = "off"
    LIGHT = "light"
    HEAVY = "heavy"


class Quirk(StrEnum):
    """Misbehaviours of real PJe (docs/pje-handles.md#quirks) that the mock reproduces."""

    ERROR_BANNER = "error_banner"  # "Erro inesperado, por favor tente novamente."
    SLOW_RENDER = "slow_render"  # the response takes seconds
    SWALLOW_CLICK = "swallow_click"  # the first click on an action button does nothing
    STALE_LIST = "stale_list"  # the previous task's list stays in the painel for a while
    MENU_FIRST_CLICK = "menu_first_click"  # the transitions menu does not render on the first click
    DUPLICATE_SEARCH = "duplicate_search"  # a search returns more than one process
    SESSION_EXPIRY = "session_expiry"  # the session expires in the middle of a task
    JSF_SHUFFLE = "jsf_shuffle"  # positional ids (j_id123) change between renders


class FaultRates(BaseModel):
    """Probability of each quirk per eligible request (and the slow-render range, seconds)."""

    error_banner: float = 0.0
    slow_render: float = 0.0
    swallow_click: float = 0.0
    stale_list: float = 0.0
    menu_first_click: float = 0.0
    duplicate_search: float = 0.0
    session_expiry: float = 0.0
    jsf_shuffle: float = 0.0
    slow_min_s: float = 0.3
    slow_max_s: float = 1.5

    def rate(self, quirk: Quirk) -> float:
        return float(getattr(self, quirk.value))


def default_rates() -> dict[FaultProfile, FaultRates]:
    return {
        FaultProfile.OFF: FaultRates(),
        FaultProfile.LIGHT: FaultRates(
            error_banner=0.03,
            slow_render=0.05,
            swallow_click=0.05,
            stale_list=0.10,
            menu_first_click=0.20,
            duplicate_search=0.20,
            session_expiry=0.004,
            jsf_shuffle=1.0,
            slow_min_s=0.3,
            slow_max_s=1.5,
        ),
        FaultProfile.HEAVY: FaultRates(
            error_banner=0.10,
            slow_render=0.15,
            swallow_click=0.15,
            stale_list=0.30,
            menu_first_click=0.50,
            duplicate_search=0.50,
            session_expiry=0.015,
            jsf_shuffle=1.0,
            slow_min_s=0.5,
            slow_max_s=3.0,
        ),
    }


class MockSettings(BaseModel):
    """Everything the mock needs; built once by the CLI or a test and passed to ``create_app``."""

    seed: int = Field(default=7, description="seed of the generated world and of the faults")
    zones: int = Field(default=3, ge=1, le=50, description="number of electoral zones")
    per_zone: int = Field(default=40, ge=1, le=2000, description="processes per zone")
    faults: FaultProfile = Field(default=FaultProfile.OFF, description="fault profile")
    latency_ms: int = Field(default=0, ge=0, le=60_000, description="added to every page request")
    db: Path | None = Field(default=None, description="SQLite file; None keeps the state in memory")
    admin_token: str = Field(
        default=DEFAULT_ADMIN_TOKEN, min_length=8, description="Bearer token of /_mock/*"
    )
    servant_cpf: str = Field(default=DEFAULT_SERVANT_CPF, description="designated servant CPF (all zones)")
    servant_password: str = Field(default=DEFAULT_SERVANT_PASSWORD, min_length=4, description="its password")
    session_ttl_s: int = Field(default=1800, ge=1, description="idle time after which a session expires")
    tribunal: int = Field(default=5, ge=0, le=99, description="CNJ tribunal code (05 = TRE-BA)")
    rates: dict[FaultProfile, FaultRates] = Field(default_factory=default_rates)
    prerender_uploads: bool = Field(
        default=False, description="make every upload's PDF in the background at start (benchmarks)"
    )

    @field_validator("servant_cpf")
    @classmethod
    def _valid_cpf(cls, value: str) -> str:
        if not cpf_mod.is_valid(value):
            raise ValueError("CPF do servidor inválido (dígitos verificadores não conferem)")
        return cpf_mod.digits(value)

    @property
    def fault_rates(self) -> FaultRates:
        return self.rates[self.faults]
