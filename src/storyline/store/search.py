"""Paginated, filtered listing and full-text search of articles, events and stories.

Text queries use the FTS5 index of migration 0006 (article title and clean text): every word of the
query must occur, the last one as a prefix. Words written in a script without spaces (Chinese,
Japanese, Thai ...) cannot be found by word in that index, so they are matched as substrings instead.
Events and stories match a query when one of their articles does. Every value reaches SQLite as a
bound parameter; user text never becomes FTS syntax (each word is quoted).
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass
from typing import Any

_WORD = re.compile(r"\w+", re.UNICODE)
# Scripts written without spaces between words: CJK ideographs, kana, hangul syllables, Thai, Lao, Khmer.
_UNSPACED = re.compile(r"[\u0e00-\u0eff\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
HIT_START, HIT_END = "\x02", "\x03"  # snippet markers; the web layer turns them into <mark> safely

ARTICLE_COLS = (
    "a.id, a.title, a.language, a.published, a.published_precision, a.source, a.url, a.event_id, "
    "substr(a.clean_text, 1, 300) AS lead"
)


@dataclass
class Filters:
    """What a list can be narrowed by; ``None`` means no constraint. Dates are ISO ``YYYY-MM-DD``."""

    q: str | None = None
    language: str | None = None
    source: str | None = None
    date_from: str | None = None
    date_to: str | None = None

    def active(self) -> bool:
        return any(v not in (None, "") for v in (self.q, self.language, self.source, self.date_from, self.date_to))


@dataclass
class Page:
    items: list[dict[str, Any]]
    total: int
    limit: int
    offset: int

    def to_json(self) -> dict[str, Any]:
        return {"items": self.items, "total": self.total, "limit": self.limit, "offset": self.offset}


def fts_query(q: str) -> str | None:
    """An FTS5 query for the words of ``q`` (all required, the last as a prefix), or None if it has none."""
    words = [w for w in _WORD.findall(q) if not _UNSPACED.search(w)]
    if not words:
        return None
    quoted = [f'"{w}"' for w in words]
    quoted[-1] += "*"
    return " ".join(quoted)


def _unspaced_terms(q: str) -> list[str]:
    return [w for w in q.split() if _UNSPACED.search(w)]


def matching_articles(q: str) -> tuple[str, list[Any]]:
    """SQL selecting the ids of articles that match ``q`` (for ``... IN (<sql>)``) and its parameters."""
    parts: list[str] = []
    params: list[Any] = []
    fts = fts_query(q)
    if fts is not None:
        parts.append("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?")
        params.append(fts)
    for term in _unspaced_terms(q):
        parts.append("SELECT id FROM articles WHERE instr(title, ?) > 0 OR instr(clean_text, ?) > 0")
        params += [term, term]
    if not parts:
        return "SELECT id FROM articles WHERE 0", []
    return " INTERSECT ".join(parts), params


def _article_where(f: Filters) -> tuple[list[str], list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    if f.language:
        where.append("a.language = ?")
        params.append(f.language.lower())
    if f.source:
        where.append("a.source = ?")
        params.append(f.source)
    if f.date_from:
        where.append("a.published >= ?")
        params.append(f.date_from)
    if f.date_to:
        where.append("a.published <= ?")
        params.append(f.date_to + "~")  # the whole day, whatever follows the date
    return where, params


def search_articles(conn: sqlite3.Connection, f: Filters, limit: int, offset: int,
                    event_id: int | None = None) -> Page:
    """Articles, newest first, or best match first for a text query."""
    where, params = _article_where(f)
    if event_id is not None:
        where.append("a.event_id = ?")
        params.append(event_id)
    fts = fts_query(f.q) if f.q else None
    unspaced = _unspaced_terms(f.q) if f.q else []
    if f.q and fts is None and not unspaced:
        return Page([], 0, limit, offset)
    for term in unspaced:
        where.append("(instr(a.title, ?) > 0 OR instr(a.clean_text, ?) > 0)")
        params += [term, term]
    if fts is not None:
        frm = "articles_fts JOIN articles a ON a.id = articles_fts.rowid"
        where.insert(0, "articles_fts MATCH ?")
        params.insert(0, fts)
        cols = ARTICLE_COLS + f", snippet(articles_fts, -1, '{HIT_START}', '{HIT_END}', '…', 24) AS snippet"
        order = "articles_fts.rank, a.id DESC"
    else:
        frm, cols = "articles a", ARTICLE_COLS
        order = "a.published IS NULL, a.published DESC, a.id DESC"
    sql_where = (" WHERE " + " AND ".join(where)) if where else ""
    total = int(conn.execute(f"SELECT COUNT(*) FROM {frm}{sql_where}", params).fetchone()[0])
    rows = conn.execute(
        f"SELECT {cols} FROM {frm}{sql_where} ORDER BY {order} LIMIT ? OFFSET ?", [*params, limit, offset]
    ).fetchall()
    return Page([dict(r) for r in rows], total, limit, offset)


def _group_where(f: Filters, *, story: bool) -> tuple[list[str], list[Any]]:
    """Conditions on an event (alias e) or a story (alias s) from its articles and events."""
    where: list[str] = []
    params: list[Any] = []
    alias = "s" if story else "e"
    # the events of this group: for an event itself, for a story the events linked to it
    events_of = "SELECT id FROM events WHERE story_id = s.id" if story else "SELECT e.id"
    if f.language:
        where.append(
            f"EXISTS (SELECT 1 FROM events ev, json_each(ev.languages) j WHERE ev.id IN ({events_of}) "
            "AND j.value = ?)"
        )
        params.append(f.language.lower())
    if f.source:
        where.append(f"EXISTS (SELECT 1 FROM articles a WHERE a.event_id IN ({events_of}) AND a.source = ?)")
        params.append(f.source)
    if f.date_from:
        where.append(f"COALESCE({alias}.end, {alias}.start) >= ?")
        params.append(f.date_from)
    if f.date_to:
        where.append(f"COALESCE({alias}.start, {alias}.end) <= ?")
        params.append(f.date_to + "~")
    if f.q:
        match_sql, match_params = matching_articles(f.q)
        where.append(f"EXISTS (SELECT 1 FROM articles a WHERE a.event_id IN ({events_of}) "
                     f"AND a.id IN ({match_sql}))")
        params += match_params
    return where, params


def search_events(conn: sqlite3.Connection, f: Filters, limit: int, offset: int,
                  story_id: int | None = None) -> Page:
    """Events, latest activity first."""
    where, params = _group_where(f, story=False)
    if story_id is not None:
        where.append("e.story_id = ?")
        params.append(story_id)
    sql_where = (" WHERE " + " AND ".join(where)) if where else ""
    total = int(conn.execute(f"SELECT COUNT(*) FROM events e{sql_where}", params).fetchone()[0])
    rows = conn.execute(
        "SELECT e.id, e.story_id, e.title, e.start, e.end, e.languages, e.n_articles FROM events e"
        f"{sql_where} ORDER BY e.end IS NULL, e.end DESC, e.id DESC LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ).fetchall()
    items = []
    for r in rows:
        d = dict(r)
        d["languages"] = json.loads(d["languages"] or "[]")
        items.append(d)
    return Page(items, total, limit, offset)


def search_stories(conn: sqlite3.Connection, f: Filters, limit: int, offset: int) -> Page:
    """Stories, newest activity first, each with its event count, article count and languages."""
    where, params = _group_where(f, story=True)
    sql_where = (" WHERE " + " AND ".join(where)) if where else ""
    total = int(conn.execute(f"SELECT COUNT(*) FROM stories s{sql_where}", params).fetchone()[0])
    rows = conn.execute(
        f"SELECT s.id, s.title, s.start, s.end FROM stories s{sql_where} "
        "ORDER BY s.end IS NULL, s.end DESC, s.id DESC LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ).fetchall()
    items = [dict(r) for r in rows]
    by_id = {s["id"]: s for s in items}
    for s in items:
        s.update(n_events=0, n_articles=0, languages=set())
    if by_id:
        marks = ", ".join("?" for _ in by_id)
        for sid, languages, n in conn.execute(
            f"SELECT story_id, languages, n_articles FROM events WHERE story_id IN ({marks})", list(by_id)
        ):
            s = by_id[sid]
            s["n_events"] += 1
            s["n_articles"] += n
            s["languages"].update(json.loads(languages or "[]"))
    for s in items:
        s["languages"] = sorted(s["languages"])
    return Page(items, total, limit, offset)


def articles_per_day(conn: sqlite3.Connection, story_id: int) -> tuple[list[tuple[str, str, int]], int]:
    """(day, language, count) of a story's dated articles in day order, and how many are undated."""
    rows = conn.execute(
        "SELECT substr(a.published, 1, 10) AS day, a.language, COUNT(*) FROM articles a "
        "JOIN events e ON e.id = a.event_id WHERE e.story_id = ? GROUP BY day, a.language ORDER BY day",
        (story_id,),
    ).fetchall()
    dated = [(str(d), str(lang), int(n)) for d, lang, n in rows if d]
    undated = sum(int(n) for d, _, n in rows if not d)
    return dated, undated


def facets(conn: sqlite3.Connection, max_sources: int = 300) -> dict[str, list[tuple[str, int]]]:
    """Languages and sources present, most articles first (for search forms)."""
    languages = conn.execute(
        "SELECT language, COUNT(*) n FROM articles GROUP BY language ORDER BY n DESC, language"
    ).fetchall()
    sources = conn.execute(
        "SELECT source, COUNT(*) n FROM articles WHERE source IS NOT NULL AND source != '' "
        "GROUP BY source ORDER BY n DESC, source LIMIT ?", (max_sources,)
    ).fetchall()
    return {"languages": [(r[0], r[1]) for r in languages], "sources": [(r[0], r[1]) for r in sources]}
