"""Database access for the server: one reading engine per thread, one writing engine behind a lock.

SQLite in WAL mode lets readers run beside the single writer. The engine that writes holds the
in-memory grouping state (the event index and story linker), so exactly one writer may exist: the
server serialises POSTs through a lock, and a multi-process server (``--workers`` > 1) is read-only.
When another process (``storyline ingest``) added articles between two POSTs, the writing
engine is rebuilt so its grouping state matches the database again.
"""

from __future__ import annotations

import logging
import secrets
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from storyline.api.cache import VersionedCache
from storyline.engine import Engine, IngestReport
from storyline.errors import IngestError
from storyline.model import RawDocument
from storyline.pipeline import Pipeline

logger = logging.getLogger(__name__)


@dataclass
class Settings:
    """How the server was started. ``token`` None means read-only."""

    db: str
    token: str | None = None
    pipeline: Pipeline | None = None  # tests pass a light one; by default the engine's own
    cache_size: int = 2000  # pages and item data kept per process (0: none)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def writable(self) -> bool:
        return bool(self.token)

    def token_ok(self, given: str | None) -> bool:
        return bool(self.token) and given is not None and secrets.compare_digest(given, self.token or "")


class Database:
    """Per-thread reading engines and the one writing engine of a server process."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        # One pipeline for every engine of the process: the embedding model (used by the analysis when it
        # is not cached yet, and by writes) is loaded once, lazily.
        self.pipeline = settings.pipeline or Pipeline()
        self._local = threading.local()
        self._readers: list[Engine] = []
        self._readers_lock = threading.Lock()
        self._write_lock = threading.Lock()
        self._writer: Engine | None = None
        self._writer_seen: tuple[int, int] | None = None
        # fail at start-up, not at the first request, if the database cannot be opened
        self.reader()
        self.cache = VersionedCache(settings.db, settings.cache_size)

    def reader(self) -> Engine:
        engine: Engine | None = getattr(self._local, "engine", None)
        if engine is None:
            engine = Engine(self.settings.db, pipeline=self.pipeline)
            self._local.engine = engine
            with self._readers_lock:
                self._readers.append(engine)
        return engine

    def ingest(self, docs: Iterable[RawDocument | IngestError]) -> IngestReport:
        """Run documents through the full pipeline, one request at a time."""
        with self._write_lock:
            writer = self._writer_engine()
            report = writer.ingest_documents(docs)
            self._writer_seen = _articles_mark(writer)
            return report

    def _writer_engine(self) -> Engine:
        if self._writer is not None and _articles_mark(self._writer) != self._writer_seen:
            logger.info("%s changed outside this server: reloading the grouping state", self.settings.db)
            self._writer.close()
            self._writer = None
        if self._writer is None:
            self._writer = Engine(self.settings.db, pipeline=self.pipeline)
        return self._writer

    def close(self) -> None:
        with self._readers_lock:
            for engine in self._readers:
                engine.close()
            self._readers.clear()
        if self._writer is not None:
            self._writer.close()
            self._writer = None
        self.cache.close()


def _articles_mark(engine: Engine) -> tuple[int, int]:
    """(highest article id, article count): grouping state changes only when articles come or go."""
    row = engine.store.conn.execute("SELECT COALESCE(MAX(id), 0), COUNT(*) FROM articles").fetchone()
    return int(row[0]), int(row[1])
