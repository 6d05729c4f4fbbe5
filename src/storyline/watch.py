"""Polling feeds: ``storyline watch FEED...`` and :class:`FeedWatcher` for the Python API.

Each poll is a conditional GET (``If-None-Match`` / ``If-Modified-Since`` from the last answer; a 304
means nothing new). Entries not seen before in that feed go through the normal ingest (the linked page is
fetched for summary-only entries). What was seen, and the validators, live in the storyline database
(:mod:`storyline.store.feeds`), so a restarted watcher picks up where it left off. Entries that failed are
not marked as seen: they are tried again the next time the feed changes.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from storyline.engine import Engine, IngestReport
from storyline.errors import IngestError
from storyline.ingest import IngestOptions
from storyline.ingest.feeds import entry_document, parse_feed
from storyline.ingest.fetch import Fetcher
from storyline.model import RawDocument
from storyline.store.feeds import FeedStore

log = logging.getLogger(__name__)


@dataclass
class PollResult:
    """One poll of one feed. ``status``: ``ok``, ``not-modified`` or ``failed``."""

    url: str
    status: str
    entries: int = 0
    new: int = 0
    report: IngestReport | None = None
    error: IngestError | None = None
    problem: str | None = None

    @property
    def failed(self) -> bool:
        return self.status == "failed" or bool(self.report and self.report.errors)

    def line(self) -> str:
        """One line for a log: time, feed, outcome."""
        now = dt.datetime.now().astimezone().isoformat(timespec="seconds")
        if self.status == "failed":
            return f"{now} {self.url}: failed: {self.error.reason if self.error else 'unknown error'}"
        if self.status == "not-modified":
            return f"{now} {self.url}: not modified"
        r = self.report or IngestReport()
        text = (f"{now} {self.url}: {self.entries} entries, {self.new} new: {len(r.added)} added, "
                f"{len(r.duplicates)} already present, {len(r.errors)} failed")
        return text + (f" (malformed XML: {self.problem})" if self.problem else "")


class FeedWatcher:
    """Polls feeds into an :class:`Engine`'s database."""

    def __init__(self, engine: Engine, options: IngestOptions | None = None) -> None:
        self.engine = engine
        self.options = options or IngestOptions()
        self.fetcher = Fetcher(self.options.fetch)
        self.feeds = FeedStore(engine.store)

    def poll(self, url: str) -> PollResult:
        """Fetch ``url`` once (conditionally) and ingest its new entries; never raises for a bad feed."""
        state = self.feeds.state(url)
        try:
            result = self.fetcher.fetch(url, etag=state.etag, last_modified=state.last_modified)
            if result.not_modified:
                self.feeds.save_poll(url, status="not-modified", keep_validators=True)
                return PollResult(url, "not-modified")
            feed = parse_feed(result.body, url, result.content_type)
        except IngestError as err:
            self.feeds.save_poll(url, status="failed", error=err.reason, keep_validators=True)
            return PollResult(url, "failed", error=err)
        seen = self.feeds.seen(url, (e.key for e in feed.entries))
        new = []
        for entry in feed.entries:
            if entry.key not in seen:
                seen.add(entry.key)
                new.append(entry)
        items: list[RawDocument | IngestError] = []
        for entry in new:
            try:
                items.append(entry_document(entry, url, feed, self.fetcher))
            except IngestError as err:
                items.append(err)
        report = self.engine.ingest_documents(items)
        failed = {err.path for err in report.errors}
        self.feeds.mark_seen(url, [(e.key, e.link) for e in new if f"{url}!{e.index}" not in failed])
        self.feeds.save_poll(url, status="ok", etag=result.etag, last_modified=result.last_modified,
                             error=feed.problem)
        return PollResult(url, "ok", len(feed.entries), len(new), report, problem=feed.problem)

    def run(
        self,
        urls: Sequence[str],
        *,
        interval: float,
        max_polls: int | None = None,
        stop: threading.Event | None = None,
        on_poll: Callable[[PollResult], None] | None = None,
    ) -> list[PollResult]:
        """Poll every feed, wait ``interval`` seconds, again, until ``max_polls`` rounds are done or
        ``stop`` is set (checked between feeds and while waiting: the current poll always finishes)."""
        stop = stop or threading.Event()
        results: list[PollResult] = []
        rounds = 0
        while not stop.is_set():
            for url in urls:
                if stop.is_set():
                    break
                result = self.poll(url)
                log.info("%s", result.line())
                results.append(result)
                if on_poll is not None:
                    on_poll(result)
            rounds += 1
            if max_polls is not None and rounds >= max_polls:
                break
            stop.wait(interval)
        return results
