-- storyline schema, version 1: articles, their features, events and stories.
CREATE TABLE stories (
    id          INTEGER PRIMARY KEY,
    title       TEXT NOT NULL DEFAULT '',
    start       TEXT,
    end         TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE TABLE events (
    id          INTEGER PRIMARY KEY,
    story_id    INTEGER REFERENCES stories(id),
    title       TEXT NOT NULL DEFAULT '',
    start       TEXT,
    end         TEXT,
    languages   TEXT NOT NULL DEFAULT '[]',
    n_articles  INTEGER NOT NULL DEFAULT 0,
    story_score REAL,
    story_explanation TEXT NOT NULL DEFAULT '{}',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX events_story ON events(story_id);

CREATE TABLE articles (
    id                  INTEGER PRIMARY KEY,
    content_hash        TEXT NOT NULL UNIQUE,
    external_id         TEXT,
    path                TEXT,
    url                 TEXT,
    source              TEXT,
    format              TEXT NOT NULL,
    title               TEXT NOT NULL,
    raw_text            TEXT NOT NULL,
    raw_html            TEXT,
    clean_text          TEXT NOT NULL,
    quoted              TEXT NOT NULL DEFAULT '[]',
    language            TEXT NOT NULL,
    language_score      REAL,
    published           TEXT,
    published_precision TEXT NOT NULL DEFAULT 'unknown',
    published_origin    TEXT NOT NULL DEFAULT 'none',
    event_id            INTEGER REFERENCES events(id),
    score               REAL,
    explanation         TEXT NOT NULL DEFAULT '{}',
    ingested_at         TEXT NOT NULL
);
CREATE INDEX articles_event ON articles(event_id);
CREATE INDEX articles_published ON articles(published);

-- What the clusterer needs to rebuild its state: one row per article.
CREATE TABLE article_features (
    article_id  INTEGER PRIMARY KEY REFERENCES articles(id),
    embedder    TEXT NOT NULL,
    embedding   BLOB NOT NULL,
    features    TEXT NOT NULL
);

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
