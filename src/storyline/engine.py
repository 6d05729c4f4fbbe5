"""The Python API: ``Engine(path).ingest(...)``, ``.stories()``, ``.event(id)`` ...

The CLI, the REST API and the benchmarks are thin layers over this class.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from storyline.analyse import cache as analysis_cache
from storyline.analyse.event import ANALYSIS_VERSION, analyse_event
from storyline.analyse.timeline import order as timeline_order
from storyline.analyse.timeline import timeline_entry
from storyline.cluster.events import EventIndex
from storyline.cluster.features import ArticleFeatures, GroupState, optional_features, pair_features
from storyline.cluster.merge import EventMerger, Fold, default_merge_scorer
from storyline.cluster.scorer import LogisticScorer, PairScorer, default_scorers
from storyline.cluster.stories import StoryLinker
from storyline.dedup import DuplicateFinder, Fingerprint, Match
from storyline.errors import IngestError, StoreError
from storyline.ingest import IngestOptions, count_inputs, iter_documents
from storyline.model import RawDocument
from storyline.pipeline import Pipeline, Prepared, arrival_key, content_hash
from storyline.store import Store

logger = logging.getLogger(__name__)

DEFAULT_DB = "storyline.db"
BATCH = 32  # articles embedded together
WINDOW = 5000  # articles put in chronological order before they are grouped

Progress = Callable[[int], None]


def default_db_path() -> str:
    return os.environ.get("STORYLINE_DB") or DEFAULT_DB


@dataclass
class IngestReport:
    """What one ingest did."""

    added: list[int] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    near_duplicates: list[int] = field(default_factory=list)  # added, as copies of an earlier article
    errors: list[IngestError] = field(default_factory=list)
    events_created: int = 0
    events_merged: int = 0
    events_touched: set[int] = field(default_factory=set)
    stories_created: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors

    def to_json(self) -> dict[str, Any]:
        return {
            "added": len(self.added),
            "duplicates": len(self.duplicates),
            "near_duplicates": len(self.near_duplicates),
            "failed": len(self.errors),
            "errors": [{"path": e.path, "reason": e.reason} for e in self.errors],
            "events_created": self.events_created,
            "events_merged": self.events_merged,
            "events_touched": len(self.events_touched),
            "stories_created": self.stories_created,
        }


class Engine:
    """A storyline database and the pipeline that fills it."""

    def __init__(
        self,
        path: str | Path | None = None,
        *,
        pipeline: Pipeline | None = None,
        scorers: tuple[PairScorer, LogisticScorer] | None = None,
        merge_scorer: PairScorer | None = None,
        consolidate: bool = True,
    ) -> None:
        """``scorers``: the article->event and event->story scorers (default: the shipped weights).
        ``merge_scorer``: the event-consolidation scorer (default: the shipped one); ``consolidate=False``
        skips that stage (events stay as the online pass left them)."""
        self.path = str(path) if path is not None else default_db_path()
        self.store = Store(self.path)
        self._pipeline = pipeline
        self._scorers = scorers
        self._merge_scorer = merge_scorer
        self._consolidate_on = consolidate
        self._index: EventIndex | None = None
        self._linker: StoryLinker | None = None
        self._titles: dict[int, str] = {}

    # -- lifecycle ------------------------------------------------------------------------------
    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def pipeline(self) -> Pipeline:
        if self._pipeline is None:
            self._pipeline = Pipeline()
        return self._pipeline

    def _load_state(self) -> tuple[EventIndex, StoryLinker]:
        if self._index is not None and self._linker is not None:
            return self._index, self._linker
        event_scorer, story_scorer = self._scorers or default_scorers()
        index = EventIndex(event_scorer, dim=self.pipeline.embedder.dim)
        name = self.pipeline.embedder.name
        for aid, eid, emb_name, vec, feats in self.store.iter_features():
            if eid is None:
                continue
            if emb_name != name:
                raise StoreError(
                    f"{self.path}: articles were embedded with {emb_name!r}, this engine uses {name!r}"
                )
            index.add(eid, aid, ArticleFeatures.from_json(vec, feats))
        self._titles = {int(r[0]): r[1] for r in self.store.conn.execute("SELECT id, title FROM articles")}
        linker = StoryLinker(story_scorer)
        by_story: dict[int, list[GroupState]] = {}
        for eid, sid in self.store.conn.execute("SELECT id, story_id FROM events WHERE story_id IS NOT NULL"):
            if eid in index.events:
                by_story.setdefault(sid, []).append(index.events[eid])
        for sid, groups in by_story.items():
            linker.rebuild(sid, groups)
        self._index, self._linker = index, linker
        self._backfill_fingerprints()
        return index, linker

    @cached_property
    def _dedup(self) -> DuplicateFinder:
        return DuplicateFinder(self.store.conn)

    def _backfill_fingerprints(self) -> None:
        """Articles stored before near-duplicate detection existed get their MinHash signatures once."""
        if self.store.get_meta("minhash_backfilled") is not None:
            return
        rows = self.store.conn.execute(
            "SELECT id, clean_text FROM articles WHERE id NOT IN (SELECT article_id FROM minhash_signatures)"
        ).fetchall()
        with self.store.transaction():
            for aid, text in rows:
                self._dedup.remember(int(aid), Fingerprint.of(text))
            self.store.set_meta("minhash_backfilled", "1")

    # -- ingest ---------------------------------------------------------------------------------
    def ingest(
        self,
        paths: Iterable[str | os.PathLike[str]],
        progress: Progress | None = None,
        options: IngestOptions | None = None,
    ) -> IngestReport:
        """Read files, folders, archives and URLs, add every new article, group it, link stories. Bad
        inputs are reported in :attr:`IngestReport.errors`; everything else goes on."""
        return self.ingest_documents(iter_documents(paths, options=options), progress=progress)

    def count_inputs(self, paths: Iterable[str | os.PathLike[str]]) -> int:
        return count_inputs(paths)

    def ingest_documents(
        self, docs: Iterable[RawDocument | IngestError], progress: Progress | None = None
    ) -> IngestReport:
        report = IngestReport()
        index, _ = self._load_state()
        pending: list[Prepared] = []
        seen: set[str] = set()
        # The embedding of one batch runs in a worker thread (numpy releases the GIL) while the next
        # batch goes through the other stages.
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="storyline-embed") as pool:
            in_flight: tuple[Future[None], list[Prepared]] | None = None
            for batch in _batches(docs, BATCH):
                prepared = self._prepare_batch(batch, seen, report)
                if in_flight is not None:
                    in_flight[0].result()
                    pending.extend(in_flight[1])
                in_flight = (pool.submit(self.pipeline.embed, prepared), prepared)
                if len(pending) >= WINDOW:
                    self._add_window(pending, index, report)
                    pending = []
                if progress:
                    progress(len(batch))
            if in_flight is not None:
                in_flight[0].result()
                pending.extend(in_flight[1])
        self._add_window(pending, index, report)
        self._consolidate(index, report)
        self._link_stories(report)
        return report

    @property
    def event_index(self) -> EventIndex:
        """The in-memory state of every event (loaded from the store on first use)."""
        return self._load_state()[0]

    def _consolidate(self, index: EventIndex, report: IngestReport) -> None:
        """Fold together events of this ingest (and their neighbours) that turn out to be one."""
        if not self._consolidate_on or not report.events_touched:
            return
        scorer = self._merge_scorer or default_merge_scorer()
        if scorer is None:
            return

        def fold(step: Fold) -> None:
            moved = list(index.events[step.drop].members)
            with self.store.transaction():
                group = self._merge_events(step.keep, step.drop, index)
                self.store.annotate_articles(moved, "folded", {
                    "from_event": step.drop, "into_event": step.keep, "score": round(step.score, 4),
                    "top_features": step.explanation,
                })
                self._refresh_event(step.keep, group)
            report.events_merged += 1
            report.events_touched.discard(step.drop)
            report.events_touched.add(step.keep)

        EventMerger(scorer).plan(index, sorted(report.events_touched), fold)

    def _prepare_batch(
        self, batch: list[RawDocument | IngestError], seen: set[str], report: IngestReport
    ) -> list[Prepared]:
        prepared: list[Prepared] = []
        for item in batch:
            if isinstance(item, IngestError):
                logger.warning("%s", item)
                report.errors.append(item)
                continue
            chash = content_hash(item)
            if chash in seen or self.store.has_hash(chash) is not None:
                report.duplicates.append(item.path or chash)
                continue
            try:
                p = self.pipeline.prepare(item)
            except Exception as exc:  # a stage failing on one article must not stop the others
                logger.exception("preparing %s failed", item.path)
                report.errors.append(IngestError(item.path or "<input>", f"processing failed: {exc}"))
                continue
            seen.add(chash)
            prepared.append(p)
        return prepared

    def _add_window(self, items: list[Prepared], index: EventIndex, report: IngestReport) -> None:
        """Group a window of articles in chronological order (undated last), whatever the input order."""
        items.sort(key=arrival_key)
        for p in items:
            self._add(p, index, report)

    @staticmethod
    def _article_row(p: Prepared) -> dict[str, Any]:
        doc = p.doc
        return {
            "content_hash": p.hash,
            "external_id": doc.external_id,
            "path": doc.path,
            "url": doc.url,
            "source": doc.source,
            "format": doc.format,
            "title": p.title,
            "raw_text": doc.text,
            "raw_html": doc.html,
            "clean_text": p.cleaned.body,
            "quoted": json.dumps(p.cleaned.quoted, ensure_ascii=False),
            "language": p.language,
            "language_score": p.language_score,
            "published": p.date.iso(),
            "published_precision": p.date.precision,
            "published_origin": p.date.origin,
        }

    def _add(self, p: Prepared, index: EventIndex, report: IngestReport) -> None:
        fp = Fingerprint.of(p.cleaned.body)
        match = self._dedup.find(fp, p.features.day)
        if match is not None:
            eid = self.store.article(match.canonical)["event_id"]
            if eid in index.events:
                self._add_duplicate(p, fp, match, eid, index, report)
                return
        decision = index.decide(p.features)
        with self.store.transaction():
            aid = self.store.insert_article(self._article_row(p))
            self.store.insert_features(aid, self.pipeline.embedder.name, p.features.embedding,
                                       p.features.to_json())
            self._dedup.remember(aid, fp)
            if decision.event_id is None:
                eid = self.store.create_event()
                report.events_created += 1
            else:
                eid = decision.event_id
            self.store.set_article_event(aid, eid, decision.score, decision.to_json())
            group = index.add(eid, aid, p.features)
            self._titles[aid] = p.title
            if decision.event_id is not None:
                for other, s in decision.runners_up:
                    if s >= index.scorer.threshold and index.should_merge(eid, other):
                        keep, drop = min(eid, other), max(eid, other)
                        group = self._merge_events(keep, drop, index)
                        report.events_merged += 1
                        report.events_touched.discard(drop)
                        eid = keep
            self._refresh_event(eid, group)
        report.added.append(aid)
        report.events_touched.add(eid)

    def _add_duplicate(
        self, p: Prepared, fp: Fingerprint, match: Match, eid: int, index: EventIndex, report: IngestReport
    ) -> None:
        """A near-duplicate is stored (another outlet published it: coverage) in its canonical article's
        event, without a clustering decision and without weighing on the event's state."""
        with self.store.transaction():
            aid = self.store.insert_article(dict(self._article_row(p), duplicate_of=match.canonical))
            self.store.insert_features(aid, self.pipeline.embedder.name, p.features.embedding,
                                       p.features.to_json())
            self._dedup.remember(aid, fp)
            self.store.set_article_event(aid, eid, match.jaccard, match.to_json())
            self._titles[aid] = p.title
            self._refresh_event(eid, index.events[eid])
        logger.info("article %s is a near-duplicate of %s (Jaccard %.2f)", aid, match.canonical, match.jaccard)
        report.added.append(aid)
        report.near_duplicates.append(aid)

    def _merge_events(self, keep: int, drop: int, index: EventIndex) -> GroupState:
        """Two events turned out to be one: the younger ID is folded into the older one."""
        _, linker = self._load_state()
        story_keep, story_drop = self.store.story_of(keep), self.store.story_of(drop)
        group = index.merge(keep, drop)
        self.store.merge_events(keep, drop)
        logger.info("merged event %s into %s", drop, keep)
        if story_keep is None and story_drop is not None:
            self.store.update_event(keep, story_id=story_drop)
            story_keep = story_drop
        for sid in {story_keep, story_drop} - {None}:
            assert sid is not None
            members = [index.events[e] for e in self.store.story_event_ids(sid) if e in index.events]
            if members:
                linker.rebuild(sid, members)
                self._refresh_story(sid, members)
            else:
                self.store.delete_story(sid)
                linker.drop(sid)
                if story_keep is not None and sid != story_keep:
                    self.store.add_redirect("story", sid, story_keep)
        return group

    def _refresh_event(self, eid: int, g: GroupState) -> None:
        start, end = g.start(), g.end()
        self.store.update_event(
            eid,
            title=self._titles.get(g.central_member(), ""),
            start=start.isoformat() if start else None,
            end=end.isoformat() if end else None,
            languages=sorted(g.languages),
            n_articles=self.store.event_size(eid),
        )

    def _link_stories(self, report: IngestReport) -> None:
        """Give every event that is new, or alone in its story, its best story."""
        index, linker = self._load_state()
        rows = self.store.conn.execute(
            "SELECT id, story_id FROM events ORDER BY start IS NULL, start, id"
        ).fetchall()
        for eid, first_sid in rows:
            if eid not in index.events or (first_sid is not None and eid not in report.events_touched):
                continue
            sid = self.store.story_of(eid)  # read now: earlier links in this loop may have changed it
            if sid is not None and (eid not in report.events_touched or len(self.store.story_event_ids(sid)) > 1):
                continue
            group = index.events[eid]
            target, score, expl = linker.decide(group, exclude=sid)
            with self.store.transaction():
                if target is None and sid is not None:
                    linker.rebuild(sid, [group])  # the event changed: refresh its story's state
                    self._refresh_story(sid, [group])
                    continue
                if target is None:
                    target = self.store.create_story()
                    report.stories_created += 1
                    expl = dict(expl, decision="opened")
                else:
                    expl = dict(expl, decision="joined")
                self.store.update_event(eid, story_id=target, story_score=score, story_explanation=expl)
                if sid is not None and sid != target:
                    self.store.delete_story(sid)
                    self.store.add_redirect("story", sid, target)
                    linker.drop(sid)
                linker.add_event(target, group)
                members = [index.events[e] for e in self.store.story_event_ids(target) if e in index.events]
                self._refresh_story(target, members)

    def _refresh_story(self, sid: int, members: list[GroupState]) -> None:
        starts = [d for d in (g.start() for g in members) if d is not None]
        ends = [d for d in (g.end() for g in members) if d is not None]
        biggest = max(members, key=lambda g: (g.size, -g.id))
        self.store.update_story(
            sid,
            title=self._titles.get(biggest.central_member(), ""),
            start=min(starts).isoformat() if starts else None,
            end=max(ends).isoformat() if ends else None,
        )

    # -- reading --------------------------------------------------------------------------------
    def stories(self) -> list[dict[str, Any]]:
        """Stories, newest activity first, each with its events."""
        events = {e["id"]: e for e in self.store.events()}
        out = []
        for s in self.store.stories():
            s["events"] = [_event_summary(events[eid]) for eid in s["event_ids"] if eid in events]
            s["n_articles"] = sum(e["n_articles"] for e in s["events"])
            s["languages"] = sorted({lang for e in s["events"] for lang in e["languages"]})
            out.append(s)
        out.sort(key=lambda s: (s["end"] or "", s["id"]), reverse=True)
        return out

    def story(self, story_id: int) -> dict[str, Any]:
        """A story with its events (an ID folded into another story leads to that story)."""
        s = self.store.story(self.store.redirect("story", story_id) or story_id)
        s["events"] = [_event_summary(self.store.event(eid)) for eid in s["event_ids"]]
        s["n_articles"] = sum(e["n_articles"] for e in s["events"])
        s["languages"] = sorted({lang for e in s["events"] for lang in e["languages"]})
        return s

    def events(self) -> list[dict[str, Any]]:
        return self.store.events()

    def event(self, event_id: int) -> dict[str, Any]:
        """An event with its articles and, for each, why it is grouped here: ``fit`` is its score against
        the rest of the event as it is now (leave one out) with the features that contributed most;
        ``explanation`` is the decision taken when it arrived."""
        e = self.store.event(self.store.redirect("event", event_id) or event_id)
        fit = self._fit(e["id"])
        e["articles"] = [
            {**{k: a[k] for k in ("id", "title", "language", "published", "published_precision", "source",
                                  "path", "score", "explanation", "duplicate_of")}, "fit": fit.get(a["id"])}
            for a in self.store.articles(e["id"], full=True)
        ]
        return e

    def _fit(self, event_id: int, max_members: int = 200) -> dict[int, dict[str, Any]]:
        rows = self.store.event_features(event_id)
        if len(rows) < 2 or len(rows) > max_members:
            return {}
        scorer = (self._scorers or default_scorers())[0]
        feats = [(aid, ArticleFeatures.from_json(vec, f)) for aid, vec, f in rows]
        copies = {a["id"] for a in self.store.articles(event_id) if a["duplicate_of"] is not None}
        # only the features the scorer reads; key rarity comes from the event index (counting this event)
        support, rarity = optional_features(scorer.feature_names)
        idf = self.event_index.key_idf if rarity else None
        out = {}
        for aid, f in feats:
            rest = GroupState(0, len(f.embedding))
            for other, g in feats:
                if other != aid and other not in copies:  # a copy is not more evidence
                    rest.add(other, g)
            if not rest.size:
                continue
            x = pair_features(f, rest, support, idf)
            out[aid] = {"score": round(scorer.score(x), 4), "top_features": scorer.explain(x)}
        return out

    def article(self, article_id: int) -> dict[str, Any]:
        """An article; ``duplicate_of`` names the article it copies, ``duplicates`` its copies."""
        a = self.store.article(article_id)
        a["duplicates"] = self.store.duplicates_of(article_id)
        return a

    def articles(self) -> list[dict[str, Any]]:
        return self.store.articles()

    def event_analysis(self, event_id: int, lang: str | None = None, *, skip_duplicates: bool = True
                       ) -> dict[str, Any]:
        """Entities, figures (conflicts flagged), quotes, coverage and summary of an event (see
        :mod:`storyline.analyse`); cached in the database until the event's members change."""
        eid = self.store.redirect("event", event_id) or event_id
        self.store.event(eid)  # NotFoundError for an unknown id
        variant = (lang or "*") + ("" if skip_duplicates else "+duplicates")
        version = f"{ANALYSIS_VERSION}:{self.pipeline.embedder.name}"
        mhash = analysis_cache.members_hash(self.store, eid)
        cached = analysis_cache.get(self.store, eid, variant, mhash, version)
        if cached is not None:
            return cached
        data = analyse_event(eid, self.store.articles(eid, full=True), self.pipeline.embedder, lang,
                             skip_duplicates=skip_duplicates)
        analysis_cache.put(self.store, eid, variant, mhash, version, data)
        return data

    def story_timeline(self, story_id: int, lang: str | None = None) -> list[dict[str, Any]]:
        """A story's events in date order, each with its date precision and a one-line summary."""
        s = self.story(story_id)
        entries = []
        for e in s["events"]:
            event = self.store.event(e["id"])
            rows = self.store.articles(e["id"])
            entries.append(timeline_entry(event, rows, self.event_analysis(e["id"], lang)))
        return timeline_order(entries)

    def export(self, *, analysis: bool = True, lang: str | None = None) -> dict[str, Any]:
        """The whole database in the documented JSON export schema; with ``analysis`` each event also has
        its ``analysis`` and each story its ``timeline`` (summaries in ``lang`` where possible)."""
        articles = [
            {
                "id": a["id"],
                "title": a["title"],
                "language": a["language"],
                "published": a["published"],
                "published_precision": a["published_precision"],
                "published_origin": a["published_origin"],
                "source": a["source"],
                "url": a["url"],
                "path": a["path"],
                "external_id": a["external_id"],
                "event_id": a["event_id"],
                "duplicate_of": a["duplicate_of"],
            }
            for a in self.store.articles()
        ]
        events = [
            {k: e[k] for k in ("id", "title", "start", "end", "story_id", "article_ids", "languages")}
            for e in self.store.events()
        ]
        stories = [{k: s[k] for k in ("id", "title", "start", "end", "event_ids")} for s in self.store.stories()]
        if analysis:
            for e in events:
                e["analysis"] = self.event_analysis(e["id"], lang)
            for st in stories:
                st["timeline"] = self.story_timeline(st["id"], lang)
        return {"articles": articles, "events": events, "stories": stories}


def _event_summary(e: dict[str, Any]) -> dict[str, Any]:
    return {k: e[k] for k in ("id", "title", "start", "end", "languages", "n_articles", "article_ids")}


def _batches(items: Iterable[RawDocument | IngestError], n: int) -> Iterator[list[RawDocument | IngestError]]:
    batch: list[RawDocument | IngestError] = []
    for item in items:
        batch.append(item)
        if len(batch) >= n:
            yield batch
            batch = []
    if batch:
        yield batch
