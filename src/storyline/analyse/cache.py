"""The analysis cache (table ``event_analysis``, migration 0005): one row per event and language variant,
valid while the event's member articles and the analysis version are those it was computed for."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import sqlite3
from typing import Any

from storyline.store import Store

logger = logging.getLogger(__name__)


def members_hash(store: Store, event_id: int) -> str:
    """A fingerprint of the event's member articles (ids and content hashes)."""
    rows = store.conn.execute(
        "SELECT id, content_hash FROM articles WHERE event_id = ? ORDER BY id", (event_id,)
    ).fetchall()
    h = hashlib.blake2b(digest_size=12)
    for aid, chash in rows:
        h.update(f"{aid}:{chash};".encode())
    return h.hexdigest()


def get(store: Store, event_id: int, variant: str, mhash: str, version: str) -> dict[str, Any] | None:
    row = store.conn.execute(
        "SELECT json FROM event_analysis WHERE event_id = ? AND lang = ? AND members_hash = ? AND version = ?",
        (event_id, variant, mhash, version),
    ).fetchone()
    return None if row is None else dict(json.loads(row[0]))


def put(store: Store, event_id: int, variant: str, mhash: str, version: str, data: dict[str, Any]) -> None:
    """Keep an analysis. A database opened read-only cannot keep it: the analysis is then recomputed
    next time, which is slower but correct, so that is logged and not raised."""
    now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    try:
        with store.transaction():
            store.conn.execute(
                "INSERT OR REPLACE INTO event_analysis(event_id, lang, members_hash, version, json, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (event_id, variant, mhash, version, json.dumps(data, ensure_ascii=False), now),
            )
    except sqlite3.OperationalError as exc:
        logger.warning("%s: analysis of event %s not cached: %s", store.path, event_id, exc)
