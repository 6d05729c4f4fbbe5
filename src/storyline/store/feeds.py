"""Feed-watching state in the storyline database (tables ``feeds`` and ``feed_entries``, migration 0004)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from storyline.store.sqlite import Store


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


@dataclass
class FeedState:
    url: str
    etag: str | None = None
    last_modified: str | None = None
    last_polled_at: str | None = None
    last_status: str | None = None
    last_error: str | None = None


class FeedStore:
    """Reads and writes the state of watched feeds through a :class:`Store`'s connection."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def state(self, url: str) -> FeedState:
        row = self.store.conn.execute(
            "SELECT url, etag, last_modified, last_polled_at, last_status, last_error FROM feeds WHERE url = ?",
            (url,),
        ).fetchone()
        return FeedState(url) if row is None else FeedState(*row)

    def save_poll(self, url: str, *, status: str, etag: str | None = None, last_modified: str | None = None,
                  error: str | None = None, keep_validators: bool = False) -> None:
        """Record a poll. ``keep_validators``: leave the stored ETag/Last-Modified as they are (a 304 or a
        failure); otherwise store the ones given (None clears them)."""
        with self.store.transaction() as conn:
            conn.execute("INSERT OR IGNORE INTO feeds(url) VALUES (?)", (url,))
            conn.execute("UPDATE feeds SET last_polled_at = ?, last_status = ?, last_error = ? WHERE url = ?",
                         (_now(), status, error, url))
            if not keep_validators:
                conn.execute("UPDATE feeds SET etag = ?, last_modified = ? WHERE url = ?",
                             (etag, last_modified, url))

    def seen(self, url: str, keys: Iterable[str]) -> set[str]:
        """Which of ``keys`` were already seen in this feed."""
        wanted = list(keys)
        found: set[str] = set()
        for start in range(0, len(wanted), 500):
            chunk = wanted[start:start + 500]
            marks = ", ".join("?" for _ in chunk)
            found.update(r[0] for r in self.store.conn.execute(
                f"SELECT entry_key FROM feed_entries WHERE feed_url = ? AND entry_key IN ({marks})", (url, *chunk)))
        return found

    def mark_seen(self, url: str, entries: Iterable[tuple[str, str | None]]) -> None:
        """Remember ``(entry_key, link)`` pairs (first-seen time is kept for keys already there)."""
        now = _now()
        with self.store.transaction() as conn:
            conn.execute("INSERT OR IGNORE INTO feeds(url) VALUES (?)", (url,))
            conn.executemany(
                "INSERT OR IGNORE INTO feed_entries(feed_url, entry_key, first_seen, link) VALUES (?, ?, ?, ?)",
                [(url, key, now, link) for key, link in entries],
            )

    def count_seen(self, url: str) -> int:
        return int(self.store.conn.execute(
            "SELECT COUNT(*) FROM feed_entries WHERE feed_url = ?", (url,)).fetchone()[0])
