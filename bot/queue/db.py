"""Database access for the project's own tables (SQLAlchemy 2).

The engine is built explicitly from settings (``Database.from_settings(settings)``) at the entry point
and passed down; nothing connects at import time. SQLite files get their parent directory created,
WAL journaling and a busy timeout so the CLI, the console and workers can share one file.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from bot.core.errors import ConfigError

if TYPE_CHECKING:
    from bot.config.settings import Settings

SQLITE_BUSY_TIMEOUT_MS = 30_000


def sqlite_path(url: str) -> Path | None:
    """The file behind a ``sqlite:///`` URL, or None for other databases and in-memory SQLite."""
    parsed = make_url(url)
    if not parsed.drivername.startswith("sqlite"):
        return None
    if not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def create_db_engine(url: str, **kwargs: Any) -> Engine:
    """Create an engine for ``url``; for SQLite, create the parent directory and tune the connection.

    Raises:
        ConfigError: the URL cannot be parsed.
    """
    try:
        parsed = make_url(url)
    except Exception as err:  # sqlalchemy raises ArgumentError with a long message
        raise ConfigError(f"URL de banco de dados inválida em JANO_DB__URL: '{url}'") from err
    path = sqlite_path(url)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(parsed, **kwargs)
    if parsed.drivername.startswith("sqlite"):
        event.listen(engine, "connect", _sqlite_on_connect)
        event.listen(engine, "begin", _sqlite_on_begin)
    return engine


def _sqlite_on_connect(dbapi_conn: Any, _record: Any) -> None:
    # Let SQLAlchemy emit BEGIN itself (see _sqlite_on_begin): pysqlite's implicit BEGIN is deferred.
    dbapi_conn.isolation_level = None
    cursor = dbapi_conn.cursor()
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _sqlite_on_begin(conn: Any) -> None:
    # IMMEDIATE takes the write lock up front: the audit chain reads its last record and appends in one
    # transaction, and concurrent writers (CLI, console, workers) must queue rather than fork the chain.
    conn.exec_driver_sql("BEGIN IMMEDIATE")


def system_database_url(settings: Settings) -> str:
    """DBOS's system database: the configured one, else a SQLite file beside the project database."""
    if settings.db.dbos_system_url:
        return settings.db.dbos_system_url
    path = sqlite_path(settings.db.url)
    if path is not None:
        return f"sqlite:///{path.with_name(path.stem + '-dbos' + path.suffix)}"
    return settings.db.url


class Database:
    """An engine plus a session factory; create the tables with :meth:`create_all`."""

    def __init__(self, url: str, **engine_kwargs: Any) -> None:
        self.url = url
        self.engine = create_db_engine(url, **engine_kwargs)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)

    @classmethod
    def from_settings(cls, settings: Settings, *, create: bool = True) -> Database:
        """Open the project database named by ``settings.db.url`` (creating tables unless told not to)."""
        db = cls(settings.db.url)
        if create:
            db.create_all()
        return db

    def create_all(self) -> None:
        from bot.queue.tables import Base

        Base.metadata.create_all(self.engine)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session that commits on success and rolls back on any error."""
        with self.sessions() as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    def dispose(self) -> None:
        self.engine.dispose()
