"""analysis.text.embedding: similarity in meaning from WordLlama's installed vectors, no download."""

import numpy as np
import pytest

from analysis.text import embedding
from analysis.text.embedding import _model, similarities, vectors


def test_identical_sentences_are_as_close_as_can_be():
    found = similarities(["Inspectors found 627 violations."], ["Inspectors found 627 violations."])
    assert found[0, 0] == pytest.approx(1.0, abs=1e-5)


def test_a_paraphrase_is_closer_than_another_topic():
    found = similarities(["Police freed 52 workers from the farm."],
                         ["Officers rescued 52 labourers at the farm.", "Lawmakers argued over the state budget."])
    assert found[0, 0] > found[0, 1] + 0.2


def test_vectors_are_unit_length_and_deterministic():
    texts = ["The agency fined the company.", "Nothing at all", ""]
    one, two = vectors(texts), vectors(texts)
    assert np.array_equal(one, two)
    assert np.allclose(np.linalg.norm(one[:2], axis=1), 1.0, atol=1e-5)


def test_no_sentences_give_an_empty_matrix():
    assert similarities([], ["A primary sentence."]).shape == (0, 1)


_TEXTS = ["Inspectors found 627 violations at the plant.", "The mayor said the budget was balanced.",
          "Police freed 52 workers from the farm.", "", "!!!", "Inspectors found 627 violations at the plant.",
          "The agency fined the company $1.2 million on Tuesday."]


def test_a_text_has_the_same_vector_alone_in_a_batch_and_met_again():
    model = _model()
    afresh = np.stack(model.compute(_TEXTS))  # no cache read
    for order in (_TEXTS, _TEXTS[::-1]):
        found = vectors(order)
        expected = afresh if order is _TEXTS else afresh[::-1]
        assert found.dtype == np.float32 and found.tobytes() == expected.tobytes()
    for i, text in enumerate(_TEXTS):
        assert vectors([text]).tobytes() == afresh[i:i + 1].tobytes()


def test_the_kept_vectors_are_dropped_when_full_and_never_changed_by_a_caller(monkeypatch):
    monkeypatch.setattr(embedding, "_KNOWN_TEXTS", 3)
    afresh = np.stack(_model().compute(_TEXTS))
    vectors(["One text.", "Another text.", "A third text."])
    first = vectors(_TEXTS)
    first[:] = 0.0
    assert set(_model().known) == set(_TEXTS)  # the three before were dropped to make room
    assert vectors(_TEXTS).tobytes() == afresh.tobytes()
    assert vectors(_TEXTS[:2]).tobytes() == afresh[:2].tobytes()

