-- Event analyses (entities, figures, quotes, coverage, summary) computed on demand and kept until the
-- event's member articles or the analysis version change. `lang` is the summary language variant.
CREATE TABLE event_analysis (
    event_id      INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    lang          TEXT NOT NULL,
    members_hash  TEXT NOT NULL,
    version       TEXT NOT NULL,
    json          TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    PRIMARY KEY (event_id, lang)
);
