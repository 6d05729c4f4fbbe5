-- When two events (or stories) turn out to be one, the younger ID is folded into the older one and
-- remembered here, so that an ID once shown to a user keeps leading somewhere.
CREATE TABLE redirects (
    kind        TEXT NOT NULL CHECK (kind IN ('event', 'story')),
    old_id      INTEGER NOT NULL,
    new_id      INTEGER NOT NULL,
    created_at  TEXT NOT NULL,
    PRIMARY KEY (kind, old_id)
);
