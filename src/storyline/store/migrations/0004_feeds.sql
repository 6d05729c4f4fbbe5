-- Feeds followed by `storyline watch`: conditional-request state per feed, and every entry seen, so that
-- a restarted watcher picks up where it left off.
CREATE TABLE feeds (
    url            TEXT PRIMARY KEY,
    etag           TEXT,
    last_modified  TEXT,
    last_polled_at TEXT,
    last_status    TEXT,
    last_error     TEXT
);

CREATE TABLE feed_entries (
    feed_url    TEXT NOT NULL REFERENCES feeds(url) ON DELETE CASCADE,
    entry_key   TEXT NOT NULL,
    first_seen  TEXT NOT NULL,
    link        TEXT,
    PRIMARY KEY (feed_url, entry_key)
);
