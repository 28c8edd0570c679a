"""analysis.measures.alignment: each article sentence matched to its best support in the primary."""

from __future__ import annotations

import pytest

from analysis.measures import alignment
from analysis.measures.alignment import shared_wording
from analysis.readers.cleaning import clean
from tests._issue3_texts import PRIMARY, article, bodies


def _match(sentence: str):
    primary, body, aligned = bodies(PRIMARY, article(sentence))
    index = next(s.index for s in body.sentences if sentence[:25] in s.text)
    return primary, aligned.matches[index]


@pytest.mark.parametrize("sentence, expected", [
    ("Cleanup crews removed 1,840 tons of industrial waste from harbor waters and shorelines.", (3,)),
    ("Crews hauled 1,840 tons of waste out of the harbor waters, the agency said.", (3,)),
    ("The agency referred 37 cases to federal prosecutors and assessed big civil penalties.", (2,)),
    ("The sweep has been held every year since the program was founded in 2012.", (6,)),
    ("In all, inspectors found 627 violations at 1,186 port facilities, and the agency assessed $4,250,000 "
     "in civil penalties and referred 37 cases to federal prosecutors for possible criminal prosecution.", (1, 2)),
])
def test_best_support(sentence, expected):
    _, match = _match(sentence)
    assert match.primary == expected


def test_a_copied_sentence_scores_one_and_an_unrelated_one_near_zero():
    _, copied = _match("Cleanup crews removed 1,840 tons of industrial waste from harbor waters and shorelines.")
    _, unrelated = _match("Longtime readers know we have followed these matters closely for years.")
    assert copied.score == pytest.approx(1.0, abs=0.01)
    assert unrelated.score < 0.15
    assert copied.shared == ("cleanup crews removed 1,840 tons of industrial waste from harbor waters and shorelines",)


def test_quotations_are_aligned_apart_from_the_reporters_words():
    sentence = ("“Most of the operators we inspected are doing the right thing,” Administrator Mara Quill "
                "said in a statement.")
    primary, match = _match(sentence)
    parts = {p.role: p for p in match.parts}
    assert set(parts) == {"quoted", "own"}
    assert parts["quoted"].primary == (5,) and parts["quoted"].score > 0.7   # Fenn's quotation
    assert parts["own"].primary == (4,)                                      # Quill's attribution
    text = article(sentence)
    start, end = parts["quoted"].spans[0]
    assert text[start:end].startswith("Most of the operators")


def test_a_sentence_without_a_quotation_has_no_parts():
    _, match = _match("Cleanup crews removed 1,840 tons of industrial waste from harbor waters.")
    assert match.parts == ()


def test_one_match_per_sentence_in_order_and_coverage_per_primary_sentence():
    primary, body, aligned = bodies(PRIMARY, article("More citations could follow soon, officials said."))
    assert [m.sentence for m in aligned.matches] == [s.index for s in body.sentences]
    assert len(aligned.primary_coverage) == len(primary.sentences)
    # the lead carries much of primary sentence 1, nothing of Fenn's quotation (5)
    assert aligned.primary_coverage[1] > 0.3 > 0.1 > aligned.primary_coverage[5]


def test_shared_wording_runs():
    assert shared_wording("the red fox jumped high", "a red fox jumped over") == ("red fox jumped",)
    assert shared_wording("penalties rose", "the penalties fell") == ("penalties",)


@pytest.mark.parametrize("text", ["", "“”", "\x00\x01\x02", "“ ” “", "word"])
def test_odd_input_never_raises(text):
    primary = clean(PRIMARY).body
    body = clean(text).body
    aligned = alignment.align(body, alignment.fit(primary, [body]))
    assert len(aligned.matches) == len(body.sentences)
    empty = clean(text).body
    assert alignment.align(body, alignment.fit(empty, [body])).matches == tuple(
        alignment.SentenceMatch(s.index, (), 0.0, ()) for s in body.sentences)


def test_deterministic():
    a = bodies(PRIMARY, article("Crews hauled 1,840 tons out of the harbor, the agency said."))[2]
    b = bodies(PRIMARY, article("Crews hauled 1,840 tons out of the harbor, the agency said."))[2]
    assert a == b


def test_the_baseline_scores_each_primary_sentence_against_the_rest_of_the_primary():
    primary = clean(PRIMARY).body
    model = alignment.fit(primary, [])
    assert len(model.baseline) == len(primary.sentences)
    assert list(model.baseline) == sorted(model.baseline)
    assert max(model.baseline) < 0.9          # never a sentence against itself
    # A sentence the primary says twice (in other words) scores high against its twin.
    repeated = clean(PRIMARY + "\nCleanup crews removed 1,840 tons of industrial waste from the harbor waters "
                               "and the shorelines.\n").body
    assert max(alignment.fit(repeated, []).baseline) > 0.9
    assert alignment.align(primary, model).baseline == model.baseline
