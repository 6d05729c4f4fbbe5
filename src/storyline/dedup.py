"""Near-duplicate detection: syndicated copies of one wire story in several outlets.

Each article's clean text (the headline is left out: outlets rewrite headlines) is cut into word
5-gram shingles and summarised by a 128-permutation MinHash (``datasketch``). The signature is cut into
:data:`BANDS` bands of :data:`ROWS` rows; articles sharing a band key are candidates (locality-sensitive
hashing). Band keys and signatures live in the database (``minhash_bands``, ``minhash_signatures``,
migration 0003), so detection works across ingests and after a restart without holding anything in
memory: a lookup is one indexed query per band.

A candidate is a near-duplicate when the *exact* Jaccard similarity of the two shingle sets is at least
:data:`THRESHOLD` (the MinHash estimate only pre-filters; the exact value is computed from the stored
clean texts of the few candidates). 0.7 was chosen on the GVA dev split (``python bench/dedup_check.py``:
every pair at 0.7 or above shares its incident, while at 0.6 some do not). A 200-word wire story
republished with a byline, a sentence added and a newsletter line scores 0.85 against the original (0.84
for a 150-word story), while a different report of the same fire, with the same places and people,
scores 0.003 (tests/test_dedup.py). 32 bands of 4 rows catch a pair at Jaccard 0.7 with
probability 1 - (1 - 0.7^4)^32 > 0.9998, and one at 0.5 with probability 0.87.

Texts shorter than :data:`MIN_SHINGLES` shingles are not compared (a few shared sentences of a short
brief would make two different briefs "duplicates"). Two articles dated to the day more than
:data:`MAX_DAY_GAP` days apart are never copies of each other: syndication happens within days, while
near-identical texts months apart are scraped paywall notices or site boilerplate around two different
stories (seen on GVA: a "premium content" page for two shootings nine months apart).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
import sqlite3
from dataclasses import dataclass
from typing import Any

import numpy as np
from datasketch import MinHash

logger = logging.getLogger(__name__)

NUM_PERM = 128
BANDS = 32
ROWS = NUM_PERM // BANDS
SHINGLE = 5
THRESHOLD = 0.7
PREFILTER = 0.5  # minimum MinHash estimate before the exact Jaccard is computed
MIN_SHINGLES = 20
MAX_DAY_GAP = 7
SEED = 1

# One token per CJK ideograph or kana (those scripts do not separate words), otherwise word characters.
_TOKEN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|\w+")


def shingles(text: str, k: int = SHINGLE) -> set[bytes]:
    """Word ``k``-grams of the case-folded text (punctuation and spacing ignored)."""
    tokens = _TOKEN.findall(text.casefold())
    if len(tokens) < k:
        return set()
    return {" ".join(tokens[i:i + k]).encode("utf-8") for i in range(len(tokens) - k + 1)}


def jaccard(a: set[bytes], b: set[bytes]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def signature(sh: set[bytes]) -> np.ndarray:
    """The MinHash signature (``NUM_PERM`` unsigned 64-bit values) of a shingle set."""
    m = MinHash(num_perm=NUM_PERM, seed=SEED)
    m.update_batch(sorted(sh))
    return np.asarray(m.hashvalues, dtype=np.uint64)


def band_keys(sig: np.ndarray) -> list[int]:
    """One signed 64-bit key per band (SQLite integers are signed)."""
    out = []
    for b in range(BANDS):
        digest = hashlib.blake2b(sig[b * ROWS:(b + 1) * ROWS].tobytes(), digest_size=8).digest()
        out.append(int.from_bytes(digest, "little", signed=True))
    return out


def estimate(a: np.ndarray, b: np.ndarray) -> float:
    """MinHash estimate of the Jaccard similarity of two signatures."""
    return float(np.mean(a == b))


@dataclass
class Match:
    """An article this one copies: the canonical article (the earliest one of the copies) and the
    Jaccard similarity with the closest stored copy."""

    canonical: int
    closest: int
    jaccard: float
    estimate: float

    def to_json(self) -> dict[str, Any]:
        return {
            "decision": "duplicate",
            "reason": f"near-duplicate of article {self.canonical}, Jaccard ~{self.jaccard:.2f}",
            "duplicate_of": self.canonical,
            "closest": self.closest,
            "jaccard": round(self.jaccard, 4),
            "minhash_estimate": round(self.estimate, 4),
        }


@dataclass
class Fingerprint:
    """What is stored about an article for near-duplicate detection."""

    shingles: set[bytes]
    signature: np.ndarray | None  # None: text too short to compare

    @classmethod
    def of(cls, text: str) -> Fingerprint:
        sh = shingles(text)
        return cls(sh, signature(sh) if len(sh) >= MIN_SHINGLES else None)


class DuplicateFinder:
    """Finds stored near-duplicates of an article through the band table of a storyline database."""

    def __init__(self, conn: sqlite3.Connection, threshold: float = THRESHOLD) -> None:
        self.conn = conn
        self.threshold = threshold

    def find(self, fp: Fingerprint, day: dt.date | None = None) -> Match | None:
        """The best stored near-duplicate of an article (``day``: its publication day, when known)."""
        if fp.signature is None:
            return None
        keys = band_keys(fp.signature)
        rows = self.conn.execute(
            "SELECT DISTINCT article_id FROM minhash_bands WHERE "
            + " OR ".join("(band = ? AND key = ?)" for _ in keys),
            [v for b, key in enumerate(keys) for v in (b, key)],
        ).fetchall()
        best: Match | None = None
        for (aid,) in rows:
            row = self.conn.execute(
                "SELECT s.signature, a.clean_text, COALESCE(a.duplicate_of, a.id), a.published, "
                "a.published_precision FROM minhash_signatures s "
                "JOIN articles a ON a.id = s.article_id WHERE s.article_id = ?",
                (aid,),
            ).fetchone()
            if row is None or _too_far(day, row[3], row[4]):
                continue
            est = estimate(fp.signature, np.frombuffer(row[0], dtype=np.uint64))
            if est < PREFILTER:
                continue
            j = jaccard(fp.shingles, shingles(row[1]))
            if j < self.threshold:
                continue
            cand = Match(int(row[2]), int(aid), j, est)
            if best is None or (cand.jaccard, -cand.canonical) > (best.jaccard, -best.canonical):
                best = cand
        return best

    def remember(self, article_id: int, fp: Fingerprint) -> None:
        """Store the signature and band keys of an article (inside the caller's transaction)."""
        if fp.signature is None:
            return
        self.conn.execute(
            "INSERT OR REPLACE INTO minhash_signatures(article_id, signature) VALUES (?, ?)",
            (article_id, fp.signature.tobytes()),
        )
        self.conn.executemany(
            "INSERT INTO minhash_bands(band, key, article_id) VALUES (?, ?, ?)",
            [(b, key, article_id) for b, key in enumerate(band_keys(fp.signature))],
        )


def _too_far(day: dt.date | None, published: str | None, precision: str | None) -> bool:
    if day is None or not published or precision != "day":
        return False
    try:
        other = dt.date.fromisoformat(published[:10])
    except ValueError:
        return False
    return abs((day - other).days) > MAX_DAY_GAP
