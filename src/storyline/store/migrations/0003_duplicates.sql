-- Near-duplicates (storyline.dedup): a syndicated copy of an article is stored, shown as coverage of
-- the same event, and points at its canonical article (the first one of the copies).
ALTER TABLE articles ADD COLUMN duplicate_of INTEGER REFERENCES articles(id);
CREATE INDEX articles_duplicate_of ON articles(duplicate_of);

-- MinHash signature of each article's clean text (128 unsigned 64-bit values, little-endian).
CREATE TABLE minhash_signatures (
    article_id  INTEGER PRIMARY KEY REFERENCES articles(id),
    signature   BLOB NOT NULL
);

-- Locality-sensitive hashing: one key per band of the signature; articles sharing a key are candidates.
CREATE TABLE minhash_bands (
    band        INTEGER NOT NULL,
    key         INTEGER NOT NULL,
    article_id  INTEGER NOT NULL REFERENCES articles(id)
);
CREATE INDEX minhash_bands_key ON minhash_bands(band, key);
