"""A response cache that is never stale: entries are valid for one version of the database.

SQLite's ``PRAGMA data_version`` on a connection that never writes changes whenever any connection
(this server's writer, the analysis cache of a reader, another process running ``storyline ingest``)
commits. Every lookup reads it (microseconds) and an entry made under another version is recomputed.
Event pages are the reason: the leave-one-out fit of each article is quadratic in the event size, and
rendering the analysis sections takes longer than reading them; both are the same until the data change.
"""

from __future__ import annotations

import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

V = TypeVar("V")


class VersionedCache:
    """LRU of at most ``max_entries`` values; ``max_entries=0`` turns caching off."""

    def __init__(self, db: str, max_entries: int = 2000) -> None:
        self.max_entries = max_entries
        self._lock = threading.Lock()
        self._items: OrderedDict[Hashable, tuple[int, Any]] = OrderedDict()
        self._conn = sqlite3.connect(db, check_same_thread=False) if max_entries > 0 else None
        self.hits = self.misses = 0

    def version(self) -> int:
        if self._conn is None:
            return 0
        with self._lock:
            return int(self._conn.execute("PRAGMA data_version").fetchone()[0])

    def get(self, key: Hashable, compute: Callable[[], V]) -> V:
        if self._conn is None:
            return compute()
        version = self.version()  # read before computing: a commit meanwhile makes the entry stale, never wrong
        with self._lock:
            hit = self._items.get(key)
            if hit is not None and hit[0] == version:
                self._items.move_to_end(key)
                self.hits += 1
                return hit[1]  # type: ignore[no-any-return]
        value = compute()
        with self._lock:
            self.misses += 1
            self._items[key] = (version, value)
            self._items.move_to_end(key)
            while len(self._items) > self.max_entries:
                self._items.popitem(last=False)
        return value

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
