"""Related records: for each record, up to five of the collection that share the most with it,
computed from summaries with bounded candidate lists, never all pairs.

Each record is a set of weighted features: its topics (MeSH major topics weigh double), its
authors, and the ten words of its title and abstract start that are rarest in the collection
(TF-IDF's IDF over the search index's tokens). A feature shared by more than ``MAX_POSTINGS``
records says little and is skipped, so each record meets at most
``features × MAX_POSTINGS`` candidates: O(N) overall. Two records are related when they share
at least two features (one coincidence is not similarity); the score is the sum, over shared
features, of both weights times the feature's IDF.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict

from ..pages.indexes import term_key
from .summary import Summary

__all__ = ["related_records", "RELATED", "MAX_POSTINGS", "WORDS"]

RELATED = 5
MAX_POSTINGS = 50
WORDS = 10
MAJOR, TOPIC, AUTHOR, WORD = 2.0, 1.0, 1.0, 0.5


def _features(summaries: list[Summary]) -> list[dict[tuple[str, str], float]]:
    df = Counter(word for s in summaries for word in set(s.words))
    total = len(summaries)
    features = []
    for summary in summaries:
        found: dict[tuple[str, str], float] = {}
        for term in summary.search.topics:
            found[("t", term_key(term))] = TOPIC
        for term in summary.major:
            found[("t", term_key(term))] = MAJOR
        for name in summary.search.authors:
            found[("a", term_key(name))] = AUTHOR
        rare = heapq.nsmallest(WORDS, set(summary.words), key=lambda w: (df[w], w))
        for word in rare:
            if df[word] > 1 and df[word] < total:
                found[("w", word)] = WORD
        features.append(found)
    return features


def related_records(summaries: list[Summary]) -> list[list[int]]:
    """For each summary, the numbers of up to ``RELATED`` related ones, most related first
    (ties: input order)."""
    features = _features(summaries)
    postings: dict[tuple[str, str], list[int]] = defaultdict(list)
    for number, found in enumerate(features):
        for feature in found:
            postings[feature].append(number)
    total = len(summaries)
    idf = {f: math.log(1 + total / len(p)) for f, p in postings.items()}
    related = []
    for number, found in enumerate(features):
        scores: dict[int, float] = defaultdict(float)
        shared: Counter = Counter()
        for feature, weight in found.items():
            posting = postings[feature]
            if len(posting) > MAX_POSTINGS:
                continue
            for other in posting:
                if other != number:
                    scores[other] += weight * features[other][feature] * idf[feature]
                    shared[other] += 1
        ranked = heapq.nsmallest(
            RELATED, (o for o in scores if shared[o] >= 2), key=lambda o: (-scores[o], o)
        )
        related.append(ranked)
    return related
