"""analysis.text.embedding: similarity in meaning from WordLlama's installed vectors, no download."""

import numpy as np
import pytest

from analysis.text.embedding import similarities, vectors


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
