"""Source matching: which primary each article is based on, when no manifest says.

Every text becomes a TF-IDF vector of its words and word pairs (figures kept
whole, English stop words dropped, sublinear term frequency), fitted on the
primaries and articles together; each article's nearest primaries by cosine
similarity are found by a sparse nearest-neighbour search
(``sklearn.neighbors.NearestNeighbors``), never by looping over pairs. An
article goes to its nearest primary when their similarity reaches
``settings.match_min_score``, else to none.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from analysis.settings import DEFAULT, MATCH_SHARED_TERMS, Settings
from analysis.text.sentences import WORD
from corpus import Document

# Scores closer than this are a tie, broken by the primary's id (floating-point
# sums need not agree in the last bits across machines).
_TIE = 1e-9


@dataclass(frozen=True)
class Candidate:
    """One primary near an article."""

    primary: str  # the primary's document id
    score: float  # cosine similarity of the TF-IDF vectors: 0 (nothing shared) .. 1 (same wording)


@dataclass(frozen=True)
class SourceMatch:
    """Which primary one article is based on, with the evidence."""

    article: str                        # the article's document id
    primary: str | None                 # the primary it is based on; None when none scores enough
    score: float                        # 0..1, similarity to the nearest primary (higher = closer)
    margin: float                       # 0..1, nearest minus second-nearest score (higher = clearer)
    candidates: tuple[Candidate, ...]   # nearest primaries, best first
    shared: tuple[str, ...]             # terms weighing most in the similarity to the nearest primary


@dataclass(frozen=True)
class SourceMatching:
    """One match per article, in the order the articles were given."""

    primaries: tuple[str, ...]
    matches: tuple[SourceMatch, ...]

    def articles_of(self, primary: str) -> tuple[str, ...]:
        """The ids of the articles assigned to ``primary``, in input order."""
        return tuple(m.article for m in self.matches if m.primary == primary)

    @property
    def unmatched(self) -> tuple[str, ...]:
        return tuple(m.article for m in self.matches if m.primary is None)


def match_sources(
    primaries: Sequence[Document],
    articles: Sequence[Document],
    settings: Settings = DEFAULT,
) -> SourceMatching:
    """Assign every article to the primary it is based on, or to none, with scores.

    Raises:
        ValueError: two primaries or two articles share an id.
    """
    for role, documents in (("primary", primaries), ("article", articles)):
        ids = [d.id for d in documents]
        if len(set(ids)) != len(ids):
            twice = sorted(i for i in set(ids) if ids.count(i) > 1)[0]
            raise ValueError(f"{role} id {twice!r} is given twice")
    primary_ids = tuple(d.id for d in primaries)
    if not primaries or not articles:
        return SourceMatching(primary_ids, tuple(_no_match(d.id) for d in articles))

    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.neighbors import NearestNeighbors

    vectoriser = TfidfVectorizer(token_pattern=WORD.pattern, ngram_range=(1, 2), stop_words="english",
                                 sublinear_tf=True, dtype=np.float64)
    try:
        vectors = vectoriser.fit_transform([d.text for d in primaries] + [d.text for d in articles])
    except ValueError:  # no text has a single word that is not a stop word
        return SourceMatching(primary_ids, tuple(_no_match(d.id) for d in articles))
    primary_vectors, article_vectors = vectors[:len(primaries)], vectors[len(primaries):]

    # One neighbour more than listed, so a tie at the last place is broken by id, not by chance.
    wanted = min(max(settings.match_candidates, 2) + 1, len(primaries))
    search = NearestNeighbors(n_neighbors=wanted, metric="cosine", algorithm="brute").fit(primary_vectors)
    distances, indices = search.kneighbors(article_vectors)
    ranked = [_ranked(row_distances, row_indices, primary_ids)
              for row_distances, row_indices in zip(distances, indices)]

    nearest = np.array([candidates[0][1] for candidates in ranked])
    shared = _shared_terms(article_vectors, primary_vectors[nearest], vectoriser.vocabulary_)
    matches = []
    for article, candidates, terms in zip(articles, ranked, shared):
        best = candidates[0][0]
        second = candidates[1][0] if len(candidates) > 1 else 0.0
        matches.append(SourceMatch(
            article=article.id,
            primary=primary_ids[candidates[0][1]] if best >= settings.match_min_score else None,
            score=best,
            margin=best - second,
            candidates=tuple(Candidate(primary_ids[i], score)
                             for score, i in candidates[:max(settings.match_candidates, 1)]),
            shared=terms if best > 0 else (),
        ))
    return SourceMatching(primary_ids, tuple(matches))


def _no_match(article: str) -> SourceMatch:
    return SourceMatch(article, None, 0.0, 0.0, (), ())


def _ranked(distances: np.ndarray, indices: np.ndarray, ids: tuple[str, ...]) -> list[tuple[float, int]]:
    """(score, primary index) best first; near-equal scores ordered by primary id."""
    scored = [(min(1.0, max(0.0, 1.0 - float(d))), int(i)) for d, i in zip(distances, indices)]
    return sorted(scored, key=lambda pair: (-round(pair[0] / _TIE), ids[pair[1]]))


def _shared_terms(articles, primaries, vocabulary: dict[str, int]) -> list[tuple[str, ...]]:
    """For each article row, the terms with the largest product of weights in its primary row."""
    products = articles.multiply(primaries).tocsr()
    products.sort_indices()
    chosen: list[list[int]] = []
    for row in range(products.shape[0]):
        start, end = products.indptr[row], products.indptr[row + 1]
        columns, weights = products.indices[start:end], products.data[start:end]
        # Heaviest first; equal weights by column (the vocabulary is sorted, so by term).
        order = np.lexsort((columns, -weights))[:MATCH_SHARED_TERMS]
        chosen.append([int(columns[i]) for i in order])
    needed = {column for row in chosen for column in row}
    names = {index: term for term, index in vocabulary.items() if index in needed}
    return [tuple(names[column] for column in row) for row in chosen]
