"""Settings: pydantic-settings, prefix ``JANO_``, nested with ``__``, ``.env`` and a secrets directory.

Built once at the entry point (``Settings.load()``) and passed down; no module-level instance.
Required secrets have no default: commands that need them call ``require_pje()`` /
``require_console()``, which raise :class:`ConfigError` naming the variable.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import (
    BaseSettings,
    NestedSecretsSettingsSource,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
)

from bot.core import cpf as cpf_mod
from bot.core.errors import ConfigError
from bot.vocabulary.domain import MOVEMENTS
from classifiers.settings import ClassifierSettings

ENV_PREFIX = "JANO_"


class PJeSettings(BaseModel):
    """The PJe installation the bot drives and the designated servant it logs in as."""

    base_url: str = Field("http://127.0.0.1:8080", description="PJe base URL (the mock or a real PJe)")
    cpf: str | None = Field(None, description="designated servant CPF (login)")
    password: SecretStr | None = Field(None, description="designated servant password (secret)")
    timeout_ms: int = Field(15_000, description="default wait for a page element, ms")
    navigation_timeout_ms: int = Field(30_000, description="default wait for a navigation, ms")
    retries: int = Field(
        4, description="retries of a transient failure after the first try (capped exponential backoff)"
    )

    @field_validator("cpf")
    @classmethod
    def _cpf_valid(cls, value: str | None) -> str | None:
        if value is not None and not cpf_mod.is_valid(value):
            raise ValueError("CPF inválido (dígitos verificadores não conferem)")
        return cpf_mod.digits(value) if value is not None else None


CHROMIUM = "/usr/bin/chromium"  # Debian's chromium: headed runs, and headless when the shell is missing
HEADLESS_SHELL = "/usr/lib/chromium/chromium-headless-shell"  # Debian's chromium-headless-shell


class BrowserSettings(BaseModel):
    executable_path: str = Field(
        "",
        description="Chromium binary; empty: Debian's chromium-headless-shell when headless and installed "
        "(Playwright's own headless choice, ~40 % less CPU), else /usr/bin/chromium",
    )
    headless: bool = Field(True, description="run Chromium without a window")
    args: list[str] = Field(
        default_factory=lambda: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
        description="Chromium flags",
    )
    tracing: bool = Field(True, description="record a Playwright trace per unit of work")
    trace_snapshots: bool = Field(
        False, description="DOM snapshots in traces (richer traces; about a third more CPU per process)"
    )
    slow_mo_ms: int = Field(0, description="slow every action down, for watching a run")

    @model_validator(mode="after")
    def _default_binary(self) -> BrowserSettings:
        if not self.executable_path:
            shell = self.headless and Path(HEADLESS_SHELL).exists()
            self.executable_path = HEADLESS_SHELL if shell else CHROMIUM
        return self


class DatabaseSettings(BaseModel):
    url: str = Field("sqlite:///var/jano.db", description="project tables (SQLite file or PostgreSQL URL)")
    dbos_system_url: str | None = Field(None, description="DBOS system database (default: beside url)")


class ConsoleSettings(BaseModel):
    secret_key: SecretStr | None = Field(None, description="signs console sessions (secret)")
    host: str = Field("127.0.0.1", description="console bind address")


class CourtSettings(BaseModel):
    tribunal: int = Field(5, description="CNJ tribunal code (05 = TRE-BA)")
    name: str = Field("Tribunal Regional Eleitoral", description="court name printed in acts")
    ai_footer: str = Field(
        "Documento elaborado com auxílio da ferramenta de Inteligência Artificial JANO",
        description="footer of AI-assisted acts (always kept in the audit record)",
    )
    print_ai_footer: bool = Field(True, description="print the AI footer in drafts")


class LoggingSettings(BaseModel):
    level: str = Field("INFO", description="console log level")
    dir: Path = Field(Path("var/logs"), description="JSON-lines log directory")
    pseudonym_key: SecretStr = Field(
        SecretStr("jano-dev-pseudonym-key"), description="key for party-name pseudonyms in logs"
    )


class Settings(BaseSettings):
    """All settings of jano. Environment: ``JANO_<SECTION>__<FIELD>``."""

    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX,
        env_nested_delimiter="__",
        env_file=".env",
        env_file_encoding="utf-8",
        secrets_nested_delimiter="__",
        extra="ignore",
    )

    env: Literal["dev", "test", "prod"] = Field("dev", description="deployment environment")
    var_dir: Path = Field(Path("var"), description="runtime data: database, logs, artifacts, models")
    pje: PJeSettings = Field(default_factory=PJeSettings)  # type: ignore[arg-type]
    browser: BrowserSettings = Field(default_factory=BrowserSettings)  # type: ignore[arg-type]
    classifier: ClassifierSettings = Field(default_factory=ClassifierSettings)  # type: ignore[arg-type]
    db: DatabaseSettings = Field(default_factory=DatabaseSettings)  # type: ignore[arg-type]
    console: ConsoleSettings = Field(default_factory=ConsoleSettings)  # type: ignore[arg-type]
    court: CourtSettings = Field(default_factory=CourtSettings)  # type: ignore[arg-type]
    logging: LoggingSettings = Field(default_factory=LoggingSettings)  # type: ignore[arg-type]
    movements: dict[str, int] = Field(
        default_factory=dict,
        description="TPU code overrides by key of domain.MOVEMENTS, JSON (codes not found publicly)",
    )

    @field_validator("movements")
    @classmethod
    def _known_movements(cls, value: dict[str, int]) -> dict[str, int]:
        unknown = sorted(set(value) - set(MOVEMENTS))
        if unknown:
            valid = ", ".join(MOVEMENTS)
            raise ValueError(f"movimentos desconhecidos: {', '.join(unknown)} (válidos: {valid})")
        return value

    def movement_code(self, key: str) -> int:
        """The TPU code of movement ``key``: the court's override, else the table in bot.vocabulary.domain."""
        return self.movements.get(key, MOVEMENTS[key].code)

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        # Secret files may name nested fields: <dir>/jano_pje__password.
        return init_settings, env_settings, dotenv_settings, NestedSecretsSettingsSource(file_secret_settings)

    @classmethod
    def load(cls, **overrides: object) -> Settings:
        """Build settings from the environment, ``.env`` and secrets; one-line ConfigError if invalid."""
        try:
            secrets_dir = os.environ.get("JANO_SECRETS_DIR") or None
            return cls(_secrets_dir=secrets_dir, **overrides)  # type: ignore[arg-type,call-arg]
        except ValidationError as err:
            first = err.errors()[0]
            var = ENV_PREFIX + "__".join(str(p) for p in first["loc"]).upper()
            raise ConfigError(f"configuração inválida em {var}: {first['msg']}") from None

    def require_pje(self) -> tuple[str, str]:
        """Return (cpf, password) of the designated servant, or raise ConfigError naming the variable."""
        if self.pje.password is None or not self.pje.password.get_secret_value():
            raise ConfigError(
                "variável obrigatória ausente: JANO_PJE__PASSWORD (senha do servidor designado)"
            )
        if not self.pje.cpf:
            raise ConfigError("variável obrigatória ausente: JANO_PJE__CPF (CPF do servidor designado)")
        return self.pje.cpf, self.pje.password.get_secret_value()

    def require_console(self) -> str:
        if self.console.secret_key is None or not self.console.secret_key.get_secret_value():
            raise ConfigError("variável obrigatória ausente: JANO_CONSOLE__SECRET_KEY (chave do console)")
        return self.console.secret_key.get_secret_value()

    def secrets(self) -> list[str]:
        """Secret values to scrub from logs."""
        values = [self.pje.password, self.console.secret_key, self.logging.pseudonym_key]
        return [v.get_secret_value() for v in values if v is not None and v.get_secret_value()]

    @property
    def logs_dir(self) -> Path:
        return self.logging.dir

    @property
    def artifacts_dir(self) -> Path:
        return self.var_dir / "artifacts"


def settings_rows() -> list[tuple[str, str, str]]:
    """(variable, default, description) for every setting; the README table is checked against it."""
    rows: list[tuple[str, str, str]] = []
    for name, field in Settings.model_fields.items():
        annotation = field.annotation
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            for sub, subfield in annotation.model_fields.items():
                default = subfield.get_default(call_default_factory=True)
                rows.append(
                    (f"{ENV_PREFIX}{name.upper()}__{sub.upper()}", _show(default), subfield.description or "")
                )
        else:
            rows.append((f"{ENV_PREFIX}{name.upper()}", _show(field.default), field.description or ""))
    return rows


def _show(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, SecretStr):
        return "(secreto)"
    if isinstance(value, list):
        return " ".join(str(v) for v in value)
    if isinstance(value, dict):
        return "{}" if not value else str(value)
    return str(value)


def settings_table_markdown() -> str:
    """The README's configuration table (``python -m bot.config.settings`` prints it)."""
    lines = ["| variable | default | meaning |", "|---|---|---|"]
    lines += [f"| `{var}` | `{default}` | {desc} |" for var, default, desc in settings_rows()]
    return "\n".join(lines)


if __name__ == "__main__":
    import sys

    sys.stdout.write(settings_table_markdown() + "\n")
