-- Full-text search over article titles and clean text: SQLite FTS5 with external content (the text is
-- stored once, in articles). Triggers keep the index in step with every insert, update and delete;
-- the 'rebuild' at the end fills it for the articles a database already holds.
-- unicode61 splits on spaces and punctuation and folds case and diacritics; scripts written without
-- spaces (Chinese, Japanese) are matched by substring instead (storyline.store.search).
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, clean_text, content='articles', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);

CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, clean_text) VALUES (new.id, new.title, new.clean_text);
END;

CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, clean_text)
        VALUES ('delete', old.id, old.title, old.clean_text);
END;

CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, clean_text ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, clean_text)
        VALUES ('delete', old.id, old.title, old.clean_text);
    INSERT INTO articles_fts(rowid, title, clean_text) VALUES (new.id, new.title, new.clean_text);
END;

INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');

-- The filters and orders of the list endpoints.
CREATE INDEX IF NOT EXISTS articles_source ON articles(source);
CREATE INDEX IF NOT EXISTS articles_language ON articles(language);
CREATE INDEX IF NOT EXISTS events_end ON events(end);
CREATE INDEX IF NOT EXISTS stories_end ON stories(end);
