"""analysis.text.vectors: the alignment's sentence vectors equal sklearn's, built faster."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.feature_extraction.text import TfidfVectorizer

from analysis.measures.alignment import _char_preprocess, word_features
from analysis.text.vectors import CharNgramTfidf, FeaturePresence, word_ngrams
from tests._issue3_texts import PRIMARY, article

# Sentences of a primary and an article, plus the awkward cases: one-letter
# and two-letter words (shorter than the smallest n-gram once padded), runs of
# mixed whitespace, curly quotes and dashes, and an empty text.
FIT = [line for line in (PRIMARY + "\n" + article("Crews hauled 1,840 tons of waste.")).splitlines() if line.strip()]
OTHER = ["I am at a    loss\tto say.", "“Quoted,” she said — twice.", "", "Crews hauled 1,840 tons of waste.",
         "Words the story never used: zyxw qq."]


def _same(ours, theirs) -> None:
    ours, theirs = ours.tocsr(), theirs.tocsr()
    theirs.sort_indices()
    assert ours.dtype == np.float32
    assert ours.shape == theirs.shape
    assert np.array_equal(ours.indptr, theirs.indptr)
    assert np.array_equal(ours.indices, theirs.indices)
    assert np.array_equal(ours.data, theirs.data)  # bit for bit, so alignment scores cannot move


@pytest.mark.parametrize("word, expected", [
    ("a", (" a ",)),
    ("an", (" an", "an ", " an ")),
    ("cat", (" ca", "cat", "at ", " cat", "cat ", " cat ")),
])
def test_word_ngrams_pad_the_word_and_keep_a_short_one_whole(word, expected):
    assert word_ngrams(word, 3, 5) == expected


def test_char_ngram_tfidf_equals_sklearns_char_wb_vectoriser():
    theirs = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), preprocessor=_char_preprocess,
                             sublinear_tf=True, dtype=np.float32).fit(FIT)
    ours = CharNgramTfidf((3, 5), preprocess=_char_preprocess).fit(FIT)
    assert ours.vocabulary_ == theirs.vocabulary_
    assert np.array_equal(ours.idf_, theirs.idf_)
    _same(ours.transform(FIT + OTHER), theirs.transform(FIT + OTHER))


def test_feature_presence_equals_sklearns_vectoriser_read_as_present_or_not():
    theirs = TfidfVectorizer(analyzer=word_features, sublinear_tf=True).fit(FIT)
    ours = FeaturePresence(word_features).fit(FIT)
    assert ours.vocabulary_ == theirs.vocabulary_
    assert np.array_equal(ours.idf_, theirs.idf_)
    _same(ours.transform(FIT + OTHER), (theirs.transform(FIT + OTHER) > 0).astype(np.float32))


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text(alphabet="ab c\t’-1", max_size=30), min_size=1, max_size=6).filter(
    lambda texts: any(t.split() for t in texts)))
def test_char_ngram_tfidf_equals_sklearns_on_any_text(texts):
    theirs = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, dtype=np.float32).fit(texts)
    ours = CharNgramTfidf((3, 5)).fit(texts)
    assert ours.vocabulary_ == theirs.vocabulary_
    _same(ours.transform(texts[::-1]), theirs.transform(texts[::-1]))


def test_fitting_texts_without_words_is_refused():
    with pytest.raises(ValueError, match="empty vocabulary"):
        CharNgramTfidf().fit(["", "  \n "])
    with pytest.raises(ValueError, match="empty vocabulary"):
        FeaturePresence(word_features).fit(["the of and", ""])
