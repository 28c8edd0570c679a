"""analysis.measures.framing: names and hedges, loaded terms, tone and attribution against the primary."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.readers.cleaning import clean
from analysis.measures.framing import analyse, attributed_sentences, loaded_terms, mentions, quotation_spans, tone_of
from analysis.settings import DEFAULT

PRIMARY = (
    "Police today announced the arrest of 40 suspected drug traffickers in the city. "
    "The operation ran for two months across the region."
)


def _framing(article: str, primary: str = PRIMARY):
    return analyse(clean(article).body, clean(primary).body)


# ---------------------------------------------------------------- names and hedges


@pytest.mark.parametrize("article, phrase, hedge, status, quoted", [
    # the article's sentence is the primary's: its mention is the counterpart
    ("Police arrested 40 suspected drug traffickers in the city this week, officials said.",
     "suspected drug traffickers", "suspected", "kept", False),
    ("Police arrested 40 drug traffickers in the city this week, officials said.",
     "drug traffickers", "", "dropped", False),
    # a new noun, nothing in common: the primary's first naming stands in
    ("The criminals were caught by police in a long sweep across the whole city.",
     "criminals", "", "dropped", False),
    # a hedge after the noun
    ("The traffickers who allegedly sold drugs were arrested by police this week.",
     "traffickers", "allegedly", "kept", False),
    ("The traffickers, who allegedly sold drugs, were arrested by police this week.",
     "traffickers", "allegedly", "kept", False),
    # "may" hedges a claim, not guilt
    ("Police said the drug traffickers may face long prison terms in the city.",
     "drug traffickers", "", "dropped", False),
    # a noun that is its own hedge
    ("Police arrested 40 suspects in the city this week, officials said on Monday.",
     "suspects", "suspects", "kept", False),
    # a speaker's words, not the article's
    ("\"These traffickers poison our streets every single day,\" the police chief said.",
     "traffickers", "", "dropped", True),
])
def test_mention_hedge_and_status(article, phrase, hedge, status, quoted):
    framing = _framing(article)
    assert [(m.phrase, m.hedge, m.status, m.quoted) for m in framing.mentions] == [(phrase, hedge, status, quoted)]


@pytest.mark.parametrize("article, kept, dropped", [
    ("Police arrested 40 suspected drug traffickers in the city this week, officials said.", 1, 0),
    ("Police arrested 40 drug traffickers in the city this week, officials said.", 0, 1),
    ("The criminals and the thugs were caught by police across the whole city.", 0, 2),
    ("Police arrested suspects and alleged traffickers across the whole city this week.", 2, 0),
    # quoted mentions are listed but not counted
    ("\"These traffickers poison our streets every single day,\" the police chief said.", 0, 0),
    # no person noun: nothing to count
    ("Police arrested 40 people in the city this week, officials said on Monday.", 0, 0),
    # singular nouns used as modifiers name nobody
    ("The criminal investigation continues in the city today, officials said.", 0, 0),
])
def test_hedges_kept_and_dropped_counts(article, kept, dropped):
    framing = _framing(article)
    assert (len(framing.hedges_kept), len(framing.hedges_dropped)) == (kept, dropped)


@pytest.mark.parametrize("primary, status, by", [
    # the primary hedges nobody: a hedge in the article is added
    ("Police today announced the arrest of 40 drug traffickers in the city.", "added", "sentence"),
    # the primary names nobody: no counterpart
    ("The operation ran for two months across the region, the agency said.", "added", None),
])
def test_hedge_added_where_the_primary_has_none(primary, status, by):
    framing = _framing("Police arrested 40 alleged drug traffickers in the city, officials said.", primary)
    assert [(m.status, m.counterpart_by) for m in framing.mentions] == [(status, by)]


def test_counterpart_by_naming_when_no_sentence_was_taken():
    primary = "Officers arrested suspected dealers. The chief said the dealers would face trial soon."
    framing = _framing("Across the country, many dealers now fear the long arm of the federal law.", primary)
    [mention] = framing.mentions
    assert (mention.counterpart, mention.counterpart_by, mention.status) == ("dealers", "naming", "neither")


def test_introduced_marks_a_noun_the_primary_never_uses():
    framing = _framing("The criminals and the drug traffickers were caught in the city this week.")
    assert [(m.noun, m.introduced) for m in framing.mentions] == [("criminal", True), ("trafficker", False)]


def test_mention_spans_are_document_offsets():
    document = "Font Size:\nPolice arrested 40 drug traffickers in the city this week, officials said.\n"
    framing = _framing(document)
    [mention] = framing.mentions
    assert document[mention.start:mention.end] == "drug traffickers"
    assert mention.counterpart_span is not None
    assert PRIMARY[slice(*mention.counterpart_span)] == "suspected drug traffickers"


def test_hedge_span_points_at_the_hedge():
    document = "Police arrested 40 alleged drug traffickers in the city, officials said."
    [mention] = mentions(clean(document).body)
    assert document[slice(*mention.hedge_span)] == "alleged"


# ---------------------------------------------------------------- loaded terms


HARBOR = "The agency found 627 violations at harbor facilities this summer and made arrests."


@pytest.mark.parametrize("article, expected", [
    ("The agency found a shocking 627 violations at harbor facilities this summer.", [("shocking", "vader", "valenced")]),
    ("Heartbreakingly, the agency found 627 violations at harbor facilities.", [("Heartbreakingly", "vader", "valenced")]),
    ("The pernicious polluters were found at harbor facilities this summer.",
     [("pernicious", "emotive", "valenced"), ("polluters", "vader", "valenced")]),
    ("The agency found extremely many violations at harbor facilities this summer.",
     [("extremely", "intensifiers", "intensifier")]),
    # in the primary (by stem: "arrested" is the primary's "arrests"): not added
    ("The agency found 627 violations and arrested people at harbor facilities.", []),
    # mild words stay out: "important" is 0.8 on VADER's scale
    ("The agency found 627 important violations at harbor facilities this summer.", []),
    # a name inside a sentence is not a word of praise
    ("The Happy Valley agency found 627 violations at harbor facilities this summer.", []),
    # polysemous words and reporting verbs are not loaded
    ("The agency, like others, found 627 violations at harbor facilities, it argued.", []),
])
def test_loaded_terms_added(article, expected):
    terms = loaded_terms(clean(article).body, clean(HARBOR).body)
    assert [(t.text, t.lexicon, t.kind) for t in terms] == expected


def test_loaded_term_spans_and_valence():
    document = "Font Size:\nThe agency found a shocking 627 violations at harbor facilities this summer.\n"
    [term] = loaded_terms(clean(document).body, clean(HARBOR).body)
    assert document[term.start:term.end] == "shocking"
    assert term.valence == -1.7 and not term.quoted


def test_an_officials_word_becomes_the_articles_when_its_narrator_takes_it_up():
    primary = "Officials arrested 40 people. \"The crimes are shocking and very sad,\" the chief said."
    own = loaded_terms(clean("The shocking crimes were found by officials in the city.").body, clean(primary).body)
    quoted = loaded_terms(clean("\"The crimes are shocking and very sad,\" the chief said.").body, clean(primary).body)
    assert [(t.text, t.quoted) for t in own] == [("shocking", False)]
    assert quoted == ()


def test_quoted_terms_are_flagged():
    article = "\"It was a shocking find at the harbor,\" the inspector said."
    [term] = loaded_terms(clean(article).body, clean(HARBOR).body)
    assert (term.text, term.quoted) == ("shocking", True)


# ---------------------------------------------------------------- tone


def test_tone_identical_texts_differ_by_zero():
    framing = _framing(PRIMARY)
    assert framing.tone.difference == 0.0
    assert framing.tone.article == framing.tone.primary


def test_tone_darker_article_is_negative():
    framing = _framing("Police arrested 40 evil, vile, horrible drug traffickers in the city.")
    assert framing.tone.article < framing.tone.primary
    assert framing.tone.difference == framing.tone.article - framing.tone.primary


def test_tone_of_text_without_valenced_words_is_zero():
    assert tone_of(clean("The operation ran for two months across the region, the agency said.").body) == 0.0


# ---------------------------------------------------------------- attribution


@pytest.mark.parametrize("sentence, cue", [
    ("The agency said 40 ports were inspected across the region this year.", "said"),
    ("According to the DOJ, 40 people were arrested in the city this spring.", "according to"),
    ("Justice reported 40 arrests in the city this spring, a new record.", "reported"),
    ("The chief told reporters that 40 ports were inspected across the region.", "told"),
    ("Forty ports were inspected across the region this year by the inspectors.", ""),
    ("The 50 states all took part in the sweep across the region this year.", ""),
])
def test_attribution_cue(sentence, cue):
    found = attributed_sentences(clean(sentence).body)
    assert [a.cue for a in found] == ([cue] if cue else [])


def test_attribution_density_counts_sentences():
    article = (
        "The agency said 40 ports were inspected across the region. "
        "Forty ports were inspected across the region this year. "
        "\"We will be back next year and the year after that.\" "
        "The sweep ran through the summer months in the region."
    )
    framing = _framing(article)
    assert [a.cue for a in framing.attributed_sentences] == ["said", "quotation"]
    assert framing.attribution_density == 0.5


def test_quotation_spans_follow_the_codebook():
    body = clean("He called it \"a sweep\" and said: \"we will be back next year\" to the crowd gathered there.").body
    assert [body.text[a:b] for a, b in quotation_spans(body, DEFAULT.quote_min_words)] == ["we will be back next year"]


# ---------------------------------------------------------------- the seeds


def test_broken_heart_002_drops_hedges_and_adds_loaded_terms(broken_heart):
    primary = clean(broken_heart.primary.text).body
    document = next(d for d in broken_heart.coverage if d.file.startswith("002"))
    framing = analyse(clean(document.text).body, primary)
    dropped = [m.phrase for m in framing.hedges_dropped]
    assert {"pernicious criminals", "would-be molesters", "child abusers"} <= set(dropped)
    added = {t.text for t in framing.loaded_terms if not t.quoted}
    assert {"pernicious", "heartbreakingly", "innocent"} <= added
    quoted_hedge = next(m for m in framing.mentions if m.phrase == "suspected online child sex offenders")
    assert (quoted_hedge.quoted, quoted_hedge.status) == (True, "kept")
    for mention in framing.mentions:
        assert document.text[mention.start:mention.end] == mention.phrase
    for term in framing.loaded_terms:
        assert document.text[term.start:term.end] == term.text
    assert framing.tone.difference < 0


def test_faithful_wire_copy_adds_no_loaded_terms(dev_harbor):
    primary = clean(dev_harbor.primary.text).body
    a01 = next(d for d in dev_harbor.coverage if d.file == "a01.txt")
    assert analyse(clean(a01.text).body, primary).loaded_terms == ()


# ---------------------------------------------------------------- odd input and properties


@pytest.mark.parametrize("text", ["", "\n\n", "“”\"\"", "\x00\x07\x1b", "“ ” ‘ ’ \" '", "\"unclosed quote of many words here"])
def test_odd_input_never_raises(text):
    framing = analyse(clean(text).body, clean(text).body)
    assert framing.loaded_terms == () and framing.hedges_dropped == ()
    assert 0.0 <= framing.attribution_density <= 1.0
    framing = analyse(clean(text).body, clean(PRIMARY).body)
    assert framing.tone.article == tone_of(clean(text).body)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(list("abc XYZ.,\"“”'’\n-") + ["criminals ", "alleged ", "shocking ", "said "]),
                max_size=80).map("".join))
def test_identical_texts_add_nothing(text):
    body = clean(text).body
    framing = analyse(body, body)
    assert framing.loaded_terms == ()
    assert framing.tone.difference == 0.0
    assert framing.attribution_density == framing.primary_attribution_density


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["a", "b1", "1,700", "4.25", "2,3x", "two-month", "reporter’s", "it's", "-", "'", "’",
                                 " ", "  ", ".", ". ", ",", "\n", "“", "”", "\"", "é", "_", "Mr.", "U.S."]),
                max_size=60).map("".join))
def test_words_are_where_analysis_text_finds_them(text):
    # Framing locates each word of a sentence without a second regex pass; the spans must be text.words'.
    from analysis.measures.framing import _read
    from analysis.text.sentences import words

    body = clean(text).body
    for sentence in _read(body, DEFAULT).sentences:
        expected = words(body.text, sentence.sentence.start, sentence.sentence.end)
        assert [(w.start, w.end, w.text) for w in sentence.words] == [(w.start, w.end, w.text) for w in expected]


LIBRARY = "The City Council today approved $12 million to build a new public library on Main Street."


@pytest.mark.parametrize("article, expected", [
    ("City blows millions on library nobody asked for",
     [("blows millions", "phrase"), ("nobody asked for", "phrase")]),
    # by stem: "blowing" is "blows"; the words of a phrase are not listed again on their own
    ("The council is blowing millions on a waste of taxpayer money.",
     [("blowing millions", "phrase"), ("waste of taxpayer money", "phrase")]),
    # a phrase broken by punctuation is no phrase
    ("The fuse blows, millions of homes went dark near the library.", []),
    # a phrase opening a sentence counts too
    ("Nobody asked for the old library to close, the council said.", [("Nobody asked for", "phrase")]),
])
def test_loaded_phrases(article, expected):
    terms = loaded_terms(clean(article).body, clean(LIBRARY).body)
    assert [(t.text, t.kind) for t in terms] == expected
    assert all(t.lexicon == "phrases" and t.valence < 0 for t in terms)


def test_a_phrase_the_primary_uses_is_not_added():
    primary = "Critics called the project a waste of money; the council approved it anyway."
    terms = loaded_terms(clean("The project is a waste of money, the council said.").body, clean(primary).body)
    assert terms == ()
