"""Sparse sentence vectors for alignment, built faster than sklearn's vectorisers build them.

Two vectorisers, each giving the same matrices as its sklearn counterpart (a
test compares them):

- :class:`CharNgramTfidf` is ``TfidfVectorizer(analyzer="char_wb",
  sublinear_tf=True, dtype=np.float32)``. sklearn cuts and looks up every
  n-gram of every sentence in Python; a story's sentences repeat their words,
  so here the n-grams of each distinct word are cut and looked up once, and a
  sentence's counts are the C-level count of its words' feature indices.
- :class:`FeaturePresence` is ``TfidfVectorizer(analyzer=..., sublinear_tf=True)``
  reduced to what alignment reads from it: which features a text has (0/1)
  and the IDF learned at fit.

The IDF is sklearn's own (``TfidfTransformer``, smoothed); the per-call work
is done here directly, without sklearn's argument checks, which cost more
than the arithmetic on a sentence-sized matrix.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfTransformer
from sklearn.utils.sparsefuncs_fast import inplace_csr_row_normalize_l2


@lru_cache(maxsize=131072)
def word_ngrams(word: str, min_n: int, max_n: int) -> tuple[str, ...]:
    """The ``min_n``..``max_n`` character n-grams of ``word`` padded with a space each side.

    A padded word shorter than ``min_n`` is one n-gram, itself (sklearn's
    ``char_wb`` rule, so the vocabularies agree).
    """
    padded = f" {word} "
    grams: list[str] = []
    for n in range(min_n, max_n + 1):
        if len(padded) <= n:
            grams.append(padded)
            break
        grams.extend(padded[i:i + n] for i in range(len(padded) - n + 1))
    return tuple(grams)


def _csr(rows: Sequence[Iterable[int]], n_columns: int, *, counted: bool) -> sparse.csr_matrix:
    """A float32 matrix with a row per list of column indices: counts of each, or 1 for present; indices sorted."""
    columns: list[int] = []
    values: list[int] = []
    indptr = [0]
    for row in rows:
        if counted:
            tally = Counter(row)
            columns.extend(tally.keys())
            values.extend(tally.values())
        else:
            columns.extend(set(row))
        indptr.append(len(columns))
    data = np.asarray(values, dtype=np.float32) if counted else np.ones(len(columns), dtype=np.float32)
    matrix = sparse.csr_matrix((data, np.asarray(columns, dtype=np.int32), np.asarray(indptr, dtype=np.int32)),
                               shape=(len(rows), n_columns), dtype=np.float32)
    matrix.sort_indices()
    return matrix


def _smoothed_idf(matrix: sparse.csr_matrix) -> np.ndarray:
    return TfidfTransformer(sublinear_tf=True).fit(matrix).idf_


class CharNgramTfidf:
    """Fit on a story's sentences, then turn texts into l2-normalised char n-gram TF-IDF rows.

    ``preprocess`` maps a text before it is split into words at whitespace.
    """

    def __init__(self, ngram_range: tuple[int, int] = (3, 5),
                 preprocess: Callable[[str], str] = str.lower) -> None:
        self.ngram_range = ngram_range
        self.preprocess = preprocess
        self.vocabulary_: dict[str, int] = {}
        self.idf_ = np.zeros(0, dtype=np.float32)
        # Each word's in-vocabulary feature indices, filled as words are met.
        self._features: dict[str, tuple[int, ...]] = {}

    def fit(self, texts: Sequence[str]) -> CharNgramTfidf:
        """Learn the vocabulary (sorted, as sklearn numbers it) and the IDF of ``texts``.

        Raises:
            ValueError: the texts have no words.
        """
        documents = [self.preprocess(t).split() for t in texts]
        grams = {g for w in {w for d in documents for w in d} for g in word_ngrams(w, *self.ngram_range)}
        if not grams:
            raise ValueError("empty vocabulary: the texts have no words")
        self.vocabulary_ = {g: i for i, g in enumerate(sorted(grams))}
        self._features = {}
        self.idf_ = _smoothed_idf(self._counts(documents))
        return self

    def transform(self, texts: Iterable[str]) -> sparse.csr_matrix:
        """TF-IDF rows of ``texts``: texts x vocabulary, float32, each of unit length (or all zero)."""
        matrix = self._counts([self.preprocess(t).split() for t in texts])
        np.log(matrix.data, matrix.data)
        matrix.data += 1.0
        matrix.data *= self.idf_[matrix.indices]
        inplace_csr_row_normalize_l2(matrix)
        return matrix

    def _counts(self, documents: Sequence[Sequence[str]]) -> sparse.csr_matrix:
        """Raw n-gram counts of documents given as word lists."""
        features = self._features
        rows = []
        for words in documents:
            indices: list[int] = []
            for word in words:
                found = features.get(word)
                if found is None:
                    found = self._word_features(word)
                indices.extend(found)
            rows.append(indices)
        return _csr(rows, len(self.vocabulary_), counted=True)

    def _word_features(self, word: str) -> tuple[int, ...]:
        vocabulary = self.vocabulary_
        found = tuple(vocabulary[g] for g in word_ngrams(word, *self.ngram_range) if g in vocabulary)
        self._features[word] = found
        return found


class FeaturePresence:
    """Which of a story's features (as ``analyzer`` lists them) each text has, and their IDF."""

    def __init__(self, analyzer: Callable[[str], Sequence[str]]) -> None:
        self.analyzer = analyzer
        self.vocabulary_: dict[str, int] = {}
        self.idf_ = np.zeros(0, dtype=np.float64)

    def fit(self, texts: Sequence[str]) -> FeaturePresence:
        """Learn the vocabulary (sorted, as sklearn numbers it) and the IDF of ``texts``.

        Raises:
            ValueError: no text has a feature.
        """
        documents = [self.analyzer(t) for t in texts]
        features = {f for d in documents for f in d}
        if not features:
            raise ValueError("empty vocabulary: no text has a feature")
        self.vocabulary_ = {f: i for i, f in enumerate(sorted(features))}
        # In float64, as sklearn's default vectoriser computes it.
        self.idf_ = _smoothed_idf(self._presence(documents).astype(np.float64))
        return self

    def transform(self, texts: Iterable[str]) -> sparse.csr_matrix:
        """1 where a text has a feature of the vocabulary, else 0: texts x vocabulary, float32."""
        return self._presence([self.analyzer(t) for t in texts])

    def _presence(self, documents: Sequence[Sequence[str]]) -> sparse.csr_matrix:
        vocabulary = self.vocabulary_
        rows = [[vocabulary[f] for f in d if f in vocabulary] for d in documents]
        return _csr(rows, len(vocabulary), counted=False)
