"""SQLite storage: one file, WAL journal, recorded migrations, one transaction per article."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import sqlite3
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from storyline.errors import NotFoundError, StoreError

logger = logging.getLogger(__name__)


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def migrations() -> list[tuple[int, str, str]]:
    """(version, name, sql) of every migration shipped with the package, in order."""
    out = []
    for entry in resources.files("storyline.store").joinpath("migrations").iterdir():
        name = entry.name
        if name.endswith(".sql") and name[:4].isdigit():
            out.append((int(name[:4]), name, entry.read_text(encoding="utf-8")))
    return sorted(out)


class Store:
    """The storyline database. Use as a context manager or call :meth:`close`."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        if self.path != ":memory:":
            parent = Path(self.path).expanduser().resolve().parent
            if not parent.is_dir():
                raise StoreError(f"{self.path}: folder {parent} does not exist")
        try:
            self.conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self.conn.execute("PRAGMA busy_timeout=10000")
            self.migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: cannot open database: {exc}") from exc

    # -- schema ---------------------------------------------------------------------------------
    def migrate(self) -> list[int]:
        """Apply the migrations this database has not seen yet; returns their versions."""
        self.conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
        )
        done = {r[0] for r in self.conn.execute("SELECT version FROM schema_migrations")}
        applied = []
        for version, name, sql in migrations():
            if version in done:
                continue
            logger.info("applying migration %s", name)
            with self.transaction():
                for statement in _split_sql(sql):
                    self.conn.execute(statement)
                self.conn.execute(
                    "INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, ?, ?)",
                    (version, name, _now()),
                )
            applied.append(version)
        return applied

    def schema_version(self) -> int:
        row = self.conn.execute("SELECT MAX(version) FROM schema_migrations").fetchone()
        return int(row[0] or 0)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        if self.conn.in_transaction:  # nested: the outer transaction commits
            yield self.conn
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- meta -----------------------------------------------------------------------------------
    def get_meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        self.conn.execute(
            "INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    # -- articles -------------------------------------------------------------------------------
    def has_hash(self, content_hash: str) -> int | None:
        row = self.conn.execute("SELECT id FROM articles WHERE content_hash = ?", (content_hash,)).fetchone()
        return None if row is None else int(row[0])

    def insert_article(self, row: dict[str, Any]) -> int:
        row = dict(row, ingested_at=_now())
        cols = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        cur = self.conn.execute(f"INSERT INTO articles({cols}) VALUES ({marks})", tuple(row.values()))
        return int(cur.lastrowid or 0)

    def insert_features(self, article_id: int, embedder: str, embedding: np.ndarray, features: dict) -> None:
        self.conn.execute(
            "INSERT INTO article_features(article_id, embedder, embedding, features) VALUES (?, ?, ?, ?)",
            (article_id, embedder, np.asarray(embedding, dtype=np.float32).tobytes(), json.dumps(features)),
        )

    def iter_features(self) -> Iterator[tuple[int, int | None, str, np.ndarray, dict]]:
        """(article_id, event_id, embedder, embedding, features) in article order, near-duplicates left out
        (a copy is coverage, not more evidence: it does not weigh on its event's state)."""
        cur = self.conn.execute(
            "SELECT f.article_id, a.event_id, f.embedder, f.embedding, f.features "
            "FROM article_features f JOIN articles a ON a.id = f.article_id "
            "WHERE a.duplicate_of IS NULL ORDER BY f.article_id"
        )
        for aid, eid, emb_name, blob, feats in cur:
            yield aid, eid, emb_name, np.frombuffer(blob, dtype=np.float32), json.loads(feats)

    def event_features(self, event_id: int) -> list[tuple[int, np.ndarray, dict]]:
        """(article_id, embedding, features) of an event's articles."""
        cur = self.conn.execute(
            "SELECT f.article_id, f.embedding, f.features FROM article_features f "
            "JOIN articles a ON a.id = f.article_id WHERE a.event_id = ? ORDER BY f.article_id",
            (event_id,),
        )
        return [(aid, np.frombuffer(blob, dtype=np.float32), json.loads(feats)) for aid, blob, feats in cur]

    def set_article_event(self, article_id: int, event_id: int, score: float | None, explanation: dict) -> None:
        self.conn.execute(
            "UPDATE articles SET event_id = ?, score = ?, explanation = ? WHERE id = ?",
            (event_id, score, json.dumps(explanation, ensure_ascii=False), article_id),
        )

    def article(self, article_id: int) -> dict[str, Any]:
        row = self.conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"no article with id {article_id}")
        return _article_dict(row)

    def articles(self, event_id: int | None = None, full: bool = False) -> list[dict[str, Any]]:
        cols = "*" if full else _ARTICLE_LIST_COLS
        if event_id is None:
            rows = self.conn.execute(f"SELECT {cols} FROM articles ORDER BY id").fetchall()
        else:
            rows = self.conn.execute(
                f"SELECT {cols} FROM articles WHERE event_id = ? ORDER BY published IS NULL, published, id",
                (event_id,),
            ).fetchall()
        return [_article_dict(r) for r in rows]

    def duplicates_of(self, article_id: int) -> list[int]:
        """IDs of the near-duplicates (syndicated copies) of an article."""
        return [int(r[0]) for r in self.conn.execute(
            "SELECT id FROM articles WHERE duplicate_of = ? ORDER BY id", (article_id,))]

    def event_size(self, event_id: int) -> int:
        """Number of articles in an event, near-duplicates included (they are coverage)."""
        return int(self.conn.execute("SELECT COUNT(*) FROM articles WHERE event_id = ?", (event_id,)).fetchone()[0])

    def count(self, table: str) -> int:
        if table not in ("articles", "events", "stories"):
            raise StoreError(f"unknown table {table}")
        return int(self.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])

    # -- events ---------------------------------------------------------------------------------
    def create_event(self) -> int:
        now = _now()
        cur = self.conn.execute("INSERT INTO events(created_at, updated_at) VALUES (?, ?)", (now, now))
        return int(cur.lastrowid or 0)

    def update_event(self, event_id: int, **fields: Any) -> None:
        fields["updated_at"] = _now()
        for key in ("languages", "story_explanation"):
            if key in fields and not isinstance(fields[key], str):
                fields[key] = json.dumps(fields[key], ensure_ascii=False)
        sets = ", ".join(f"{k} = ?" for k in fields)
        self.conn.execute(f"UPDATE events SET {sets} WHERE id = ?", (*fields.values(), event_id))

    def annotate_articles(self, article_ids: list[int], key: str, note: dict[str, Any]) -> None:
        """Add ``note`` under ``key`` to the grouping explanation of each article."""
        for aid in article_ids:
            row = self.conn.execute("SELECT explanation FROM articles WHERE id = ?", (aid,)).fetchone()
            if row is None:
                continue
            expl = json.loads(row[0] or "{}")
            expl[key] = note
            self.conn.execute("UPDATE articles SET explanation = ? WHERE id = ?",
                              (json.dumps(expl, ensure_ascii=False), aid))

    def merge_events(self, keep: int, drop: int) -> None:
        """Move ``drop``'s articles to ``keep``, delete ``drop`` and remember the redirect."""
        self.conn.execute("UPDATE articles SET event_id = ? WHERE event_id = ?", (keep, drop))
        self.conn.execute("DELETE FROM events WHERE id = ?", (drop,))
        self.add_redirect("event", drop, keep)

    def add_redirect(self, kind: str, old_id: int, new_id: int) -> None:
        self.conn.execute("UPDATE redirects SET new_id = ? WHERE kind = ? AND new_id = ?", (new_id, kind, old_id))
        self.conn.execute(
            "INSERT OR REPLACE INTO redirects(kind, old_id, new_id, created_at) VALUES (?, ?, ?, ?)",
            (kind, old_id, new_id, _now()),
        )

    def redirect(self, kind: str, old_id: int) -> int | None:
        row = self.conn.execute(
            "SELECT new_id FROM redirects WHERE kind = ? AND old_id = ?", (kind, old_id)
        ).fetchone()
        return None if row is None else int(row[0])

    def story_of(self, event_id: int) -> int | None:
        row = self.conn.execute("SELECT story_id FROM events WHERE id = ?", (event_id,)).fetchone()
        return None if row is None or row[0] is None else int(row[0])

    def story_event_ids(self, story_id: int) -> list[int]:
        return [int(r[0]) for r in self.conn.execute("SELECT id FROM events WHERE story_id = ?", (story_id,))]

    def event(self, event_id: int) -> dict[str, Any]:
        row = self.conn.execute("SELECT * FROM events WHERE id = ?", (event_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"no event with id {event_id}")
        return _event_dict(row, self._event_article_ids(event_id))

    def _event_article_ids(self, event_id: int) -> list[int]:
        return [r[0] for r in self.conn.execute(
            "SELECT id FROM articles WHERE event_id = ? ORDER BY published IS NULL, published, id", (event_id,))]

    def events(self, story_id: int | None = None) -> list[dict[str, Any]]:
        if story_id is None:
            rows = self.conn.execute("SELECT * FROM events ORDER BY id").fetchall()
        else:
            rows = self.conn.execute(
                "SELECT * FROM events WHERE story_id = ? ORDER BY start IS NULL, start, id", (story_id,)
            ).fetchall()
        members: dict[int, list[int]] = {}
        for aid, eid in self.conn.execute(
            "SELECT id, event_id FROM articles WHERE event_id IS NOT NULL ORDER BY published IS NULL, published, id"
        ):
            members.setdefault(eid, []).append(aid)
        return [_event_dict(r, members.get(r["id"], [])) for r in rows]

    # -- stories --------------------------------------------------------------------------------
    def create_story(self) -> int:
        now = _now()
        cur = self.conn.execute("INSERT INTO stories(created_at, updated_at) VALUES (?, ?)", (now, now))
        return int(cur.lastrowid or 0)

    def update_story(self, story_id: int, **fields: Any) -> None:
        fields["updated_at"] = _now()
        sets = ", ".join(f"{k} = ?" for k in fields)
        self.conn.execute(f"UPDATE stories SET {sets} WHERE id = ?", (*fields.values(), story_id))

    def delete_story(self, story_id: int) -> None:
        self.conn.execute("DELETE FROM stories WHERE id = ?", (story_id,))

    def story(self, story_id: int) -> dict[str, Any]:
        row = self.conn.execute("SELECT * FROM stories WHERE id = ?", (story_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"no story with id {story_id}")
        return _story_dict(row, [r[0] for r in self.conn.execute(
            "SELECT id FROM events WHERE story_id = ? ORDER BY start IS NULL, start, id", (story_id,))])

    def stories(self) -> list[dict[str, Any]]:
        rows = self.conn.execute("SELECT * FROM stories ORDER BY id").fetchall()
        members: dict[int, list[int]] = {}
        for eid, sid in self.conn.execute(
            "SELECT id, story_id FROM events WHERE story_id IS NOT NULL ORDER BY start IS NULL, start, id"
        ):
            members.setdefault(sid, []).append(eid)
        return [_story_dict(r, members.get(r["id"], [])) for r in rows]


_ARTICLE_LIST_COLS = (
    "id, content_hash, external_id, path, url, source, format, title, language, language_score, published, "
    "published_precision, published_origin, event_id, score, ingested_at, duplicate_of"
)


def _article_dict(row: sqlite3.Row) -> dict[str, Any]:
    d = dict(row)
    for key, default in (("quoted", "[]"), ("explanation", "{}")):
        if key in d:
            d[key] = json.loads(d[key] or default)
    return d


def _event_dict(row: sqlite3.Row, article_ids: list[int]) -> dict[str, Any]:
    d = dict(row)
    d["languages"] = json.loads(d["languages"] or "[]")
    d["story_explanation"] = json.loads(d.get("story_explanation") or "{}")
    d["article_ids"] = article_ids
    return d


def _story_dict(row: sqlite3.Row, event_ids: list[int]) -> dict[str, Any]:
    d = dict(row)
    d["event_ids"] = event_ids
    return d


def _split_sql(sql: str) -> list[str]:
    """The statements of a migration script (``CREATE TRIGGER ... BEGIN ...; END;`` stays one statement)."""
    statements, buf = [], ""
    for line in sql.splitlines():
        if line.strip().startswith("--"):
            continue
        buf += line + "\n"
        if sqlite3.complete_statement(buf):
            if buf.strip().rstrip(";").strip():
                statements.append(buf.strip())
            buf = ""
    if buf.strip():
        statements.append(buf.strip())
    return statements
