"""analysis.text.sentiment: the compound score equals vaderSentiment's own polarity_scores, for every text."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.readers.cleaning import clean
from analysis.text.sentiment import analyser, compound
from corpus import EMBEDDED, load_story


def _vader(text: str) -> float:
    return analyser().polarity_scores(text)["compound"]


# Each reaches one of VADER's rules (the examples of vaderSentiment's own __main__ among them).
RULES = [
    "VADER is smart, handsome, and funny.",
    "VADER is smart, handsome, and funny!",
    "VADER is very smart, handsome, and funny.",
    "VADER is VERY SMART, handsome, and FUNNY.",
    "VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!",
    "VADER is not smart, handsome, nor funny.",
    "At least it isn't a horrible book.",
    "The book was only kind of good.",
    "The plot was good, but the characters are uncompelling and the dialog is not great.",
    "Today SUX!",
    "Today only kinda sux! But I'll get by, lol",
    "Make sure you :) or :D today!",
    "Catch utf-8 emoji such as 💘 and 💋 and 😁",
    "Not bad at all",
    "No problem, no love, no fun or joy.",
    "There is no good or bad here.",
    "It was never so good, never this bad.",
    "Without doubt a great day; without a doubt good.",
    "The least bad option; at least good; very least good; least.",
    "That party was the bomb, a real kiss of death, yeah right.",
    "He is a bad ass and the shit, to die for.",
    "Is it good?? Really good??? Very good????",
    "",
    "   ",
    "!!!",
    "good",
    "GOOD good GOOD",
]


@pytest.mark.parametrize("text", RULES)
def test_equals_vader_on_its_rules(text):
    assert compound(text) == _vader(text)


def test_equals_vader_on_every_corpus_sentence():
    checked = 0
    for folder in sorted(p for p in EMBEDDED.iterdir() if (p / "story.toml").exists()):
        for document in load_story(folder).documents:
            for sentence in clean(document.text).body.sentences:
                assert compound(sentence.text) == _vader(sentence.text), sentence.text
                checked += 1
    assert checked > 100


def test_no_emoji_is_ascii():
    # compound skips the emoji step for ASCII text.
    assert not any(emoji.isascii() for emoji in analyser().emojis)


def test_neutral_text_scores_zero():
    assert compound("The operation ran for two months across the region.") == 0.0


# Words that trigger VADER's rules, in several cases and with punctuation around them.
_VOCABULARY = [
    "good", "bad", "great", "horrible", "no", "not", "never", "so", "this", "without", "doubt", "least",
    "at", "very", "kind", "of", "but", "or", "nor", "the", "bomb", "kiss", "death", "isn't", "don't",
    "extremely", "barely", "sort", "yeah", "right", "bad", "ass", "to", "die", "for", "love", "hate",
    ":)", ":(", "lol", "😁", "💔", "!", "?", "criminals", "alleged", "shocking", "said", "a", "it",
]


@st.composite
def _sentences(draw):
    words = draw(st.lists(st.sampled_from(_VOCABULARY), max_size=14))
    cased = [draw(st.sampled_from((w, w.upper(), w.capitalize()))) for w in words]
    punctuated = [w + draw(st.sampled_from(("", "", ",", ".", "!", "\"", "'s"))) for w in cased]
    return " ".join(punctuated)


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(_sentences())
def test_equals_vader_on_generated_sentences(text):
    assert compound(text) == _vader(text)


@settings(max_examples=200)
@given(st.text(max_size=60))
def test_equals_vader_on_any_text(text):
    assert compound(text) == _vader(text)
