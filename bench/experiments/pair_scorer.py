"""Experiment (not kept): an article-article pair scorer instead of the article-event scorer.

Each article is compared with the members of candidate events (cross-lingual embedding cosine,
same-language TF-IDF cosine, rarity-weighted shared names, place / country conflicts, shared numbers,
day gap); a logistic model learned on the dev corpora turns a pair into a probability, and an event's
score is the mean (or mean + max) of its members' probabilities. Modes:

    python bench/experiments/pair_scorer.py online            # one model on the 3 dev corpora, online
    python bench/experiments/pair_scorer.py ceiling ecbplus   # trained and scored on ECB+ dev alone
    python bench/experiments/pair_scorer.py batch ecbplus     # same, all pairs + agglomerative linkage

"ceiling" and "batch" are in-sample (trained and scored on the same articles): upper bounds of these
features, not results.
"""

from __future__ import annotations

import collections
import math
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from common import cached_pipeline, load_corpus, prepare_all  # noqa: E402
from storyline.enrich.terms import cosine  # noqa: E402
from storyline.eval.metrics import score_clustering  # noqa: E402

FEATS = ["emb", "lex", "lex_missing", "names_w", "names_rare_shared", "names_conflict", "names_missing",
         "places_j", "places_conflict", "countries_conflict", "numbers", "gap", "gap_missing"]


def pf(a, b, idf) -> dict[str, float]:
    x: dict[str, float] = {"emb": float(a.embedding @ b.embedding)}
    if a.language == b.language:
        x["lex"], x["lex_missing"] = cosine(a.terms, b.terms, 1.0, 1.0), 0.0
    else:
        x["lex"], x["lex_missing"] = math.nan, 1.0
    if a.names and b.names:
        wa = {k: idf(k) for k in a.names}
        wb = {k: idf(k) for k in b.names}
        sh = sum(wa[k] for k in wa if k in wb)
        x["names_w"] = sh / max(1e-9, min(sum(wa.values()), sum(wb.values())))
        x["names_rare_shared"], x["names_conflict"], x["names_missing"] = math.log1p(sh), float(sh == 0), 0.0
    else:
        x["names_w"] = x["names_rare_shared"] = x["names_conflict"] = math.nan
        x["names_missing"] = 1.0
    if a.places and b.places:
        inter = sum(1 for k in a.places if k in b.places)
        x["places_j"] = inter / len(set(a.places) | set(b.places))
        x["places_conflict"] = float(inter == 0)
    else:
        x["places_j"] = x["places_conflict"] = math.nan
    x["countries_conflict"] = (float(not (set(a.countries) & set(b.countries)))
                               if a.countries and b.countries else math.nan)
    x["numbers"] = math.log1p(len(set(a.numbers) & set(b.numbers)))
    gap = abs((a.day - b.day).days) if a.day and b.day else None
    x["gap"] = math.log1p(gap) if gap is not None else math.nan
    x["gap_missing"] = float(gap is None)
    return x


class Seen:
    """Articles seen so far: embeddings, name document frequencies, name postings."""

    def __init__(self, feats) -> None:
        self.F = feats
        self.E = np.stack([f.embedding for f in feats])
        self.df: collections.Counter[str] = collections.Counter()
        self.n = 0
        self.postings: dict[str, list[int]] = collections.defaultdict(list)

    def idf(self, k: str) -> float:
        return math.log1p(self.n / (1.0 + self.df[k]))

    def cands(self, i: int, k: int = 20) -> list[int]:
        if i == 0:
            return []
        sims = self.E[:i] @ self.E[i]
        top = set(np.argsort(-sims)[:k].tolist())
        for n in sorted(self.F[i].names, key=lambda n: self.df[n])[:5]:
            p = self.postings.get(n, [])
            if len(p) <= 50:
                top.update(p)
        return sorted(top)

    def add(self, i: int) -> None:
        self.n += 1
        for k in self.F[i].names:
            self.df[k] += 1
            self.postings[k].append(i)


def load(name: str):
    split = None if name == "multinews" else "dev"
    items = load_corpus(name, split)
    prep = prepare_all(cached_pipeline(name, split), items)
    order = sorted(range(len(prep)), key=lambda i: (prep[i].date.date is None, prep[i].date.date or 0, prep[i].hash))
    return [items[i] for i in order], [prep[i].features for i in order]


def rows(items, F):
    s = Seen(F)
    X, Y = [], []
    for i in range(len(F)):
        for j in s.cands(i):
            X.append(pf(F[i], F[j], s.idf))
            Y.append(int(items[i].event == items[j].event))
        s.add(i)
    return X, Y


def to_mat(X, means=None):
    M = np.array([[x[k] for k in FEATS] for x in X], dtype=float)
    if means is None:
        means = np.nanmean(M, axis=0)
    return np.where(np.isnan(M), means[None, :], M), means


class Model:
    def __init__(self, row_sets) -> None:
        from sklearn.linear_model import LogisticRegression

        X, Y, W = [], [], []
        for xs, ys in row_sets:
            X += xs
            Y += ys
            W += [1.0 / len(ys)] * len(ys)
        M, self.means = to_mat(X)
        self.mu, self.sd = M.mean(0), M.std(0)
        self.sd[self.sd == 0] = 1
        w = np.array(W) * len(W) / sum(W)
        self.lr = LogisticRegression(C=1.0, max_iter=3000).fit((M - self.mu) / self.sd, Y, sample_weight=w)
        print("weights", {k: round(float(v), 2) for k, v in zip(FEATS, self.lr.coef_[0], strict=True)})

    def proba(self, xs) -> np.ndarray:
        M, _ = to_mat(xs, self.means)
        return self.lr.predict_proba((M - self.mu) / self.sd)[:, 1]


def cluster_online(items, F, model: Model, thr: float, agg: str):
    s = Seen(F)
    ev: dict[int, int] = {}
    members: dict[int, list[int]] = collections.defaultdict(list)
    for i in range(len(F)):
        best = (None, 0.0)
        for e in {ev[j] for j in s.cands(i)}:
            p = model.proba([pf(F[i], F[j], s.idf) for j in members[e][-32:]])
            sc = p.mean() if agg == "mean" else 0.5 * (p.mean() + p.max())
            if sc > best[1]:
                best = (e, sc)
        e = best[0] if best[1] >= thr and best[0] is not None else 1_000_000 + i
        ev[i] = e
        members[e].append(i)
        s.add(i)
    return score_clustering({it.id: it.event for it in items}, {it.id: ev[i] for i, it in enumerate(items)}).bcubed


def batch(items, F, model: Model) -> None:
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    s = Seen(F)
    for i in range(len(F)):
        s.add(i)
    n = len(F)
    P = np.zeros((n, n))
    for i in range(n - 1):
        P[i, i + 1:] = model.proba([pf(F[i], F[j], s.idf) for j in range(i + 1, n)])
    D = 1 - (P + P.T)
    np.fill_diagonal(D, 0)
    gold = {it.id: it.event for it in items}
    for method in ("average", "complete"):
        Z = linkage(squareform(D, checks=False), method=method)
        for thr in (0.3, 0.5, 0.7, 0.9):
            lab = fcluster(Z, t=thr, criterion="distance")
            b = score_clustering(gold, {it.id: int(lab[i]) for i, it in enumerate(items)}).bcubed
            print(f"{method} {thr}: F1 {b.f1:.3f} P {b.precision:.3f} R {b.recall:.3f}", flush=True)


def main() -> None:
    mode = sys.argv[1] if len(sys.argv) > 1 else "online"
    if mode == "online":
        data = {n: load(n) for n in ("ecbplus", "gva", "multinews")}
        model = Model([rows(*d) for d in data.values()])
        for agg in ("mean", "mix"):
            for thr in (0.3, 0.4, 0.5, 0.6):
                res = {n: cluster_online(*d, model, thr, agg) for n, d in data.items()}
                print(f"{agg} {thr}: " + "  ".join(f"{n} {b.f1:.3f} (P {b.precision:.2f} R {b.recall:.2f})"
                                                  for n, b in res.items()), flush=True)
        return
    name = sys.argv[2]
    items, F = load(name)
    t0 = time.perf_counter()
    model = Model([rows(items, F)])
    if mode == "ceiling":
        for agg in ("mean", "mix"):
            for thr in (0.3, 0.5, 0.7):
                b = cluster_online(items, F, model, thr, agg)
                print(f"{agg} {thr}: F1 {b.f1:.3f} P {b.precision:.3f} R {b.recall:.3f}", flush=True)
    else:
        batch(items, F, model)
    print(f"{time.perf_counter() - t0:.0f}s")


if __name__ == "__main__":
    main()
