"""Framing: how an article words what it reports, against the primary.

Four measures, each with its evidence spans (DOCUMENT offsets):

- **names and hedges**: every mention of the people concerned (a noun phrase
  headed by a word of ``data/person_nouns.txt``: "suspected online child sex
  offenders", "criminals"), whether it carries a presumption-of-innocence
  hedge (``data/innocence_hedges.txt`` before the noun or just after it, or
  a noun of ``data/hedging_nouns.txt`` such as "suspects"), and, compared
  with the primary's mention naming the same people, whether the hedge was
  kept or dropped;
- **loaded terms**: words the article adds (no word of the same stem in the
  primary) that VADER's lexicon (``vaderSentiment``), or ``data/emotive.txt``
  for strong words VADER lacks, rates at ``settings.loaded_min_valence`` or
  more from neutral, intensifiers (``data/intensifiers.txt``), and loaded
  phrases of two words or more (``data/loaded_phrases.txt``: "blows
  millions", "nobody asked for"), compared word by word by stem; a word
  inside a phrase found is not listed again on its own;
- **tone**: mean VADER compound score of the article's and the primary's sentences
  (``analysis.text.sentiment``: vaderSentiment's own score, computed without its repeated work);
- **attribution density**: the share of sentences that credit a source (a cue
  of ``data/attribution_cues.txt``, or the sentence stands in a quotation).

Words inside quotation marks (four words or more, as the codebook defines a
quotation) are the speaker's, not the article's: their mentions and terms are
listed with ``quoted=True`` and left out of ``hedges_kept``/``hedges_dropped``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from itertools import compress
from typing import Literal, NamedTuple

from analysis.text import sentiment
from analysis.readers.cleaning import Body
from analysis.settings import DEFAULT, TITLE_CASE_HEADLINE_MIN_WORDS, TITLE_CASE_SHARE, Settings, word_list
from analysis.text.sentences import WORD, Sentence
from analysis.text.tokens import porter_stem, title_case

HedgeStatus = Literal["kept", "dropped", "added", "neither"]
TermKind = Literal["valenced", "intensifier", "phrase"]
Lexicon = Literal["vader", "emotive", "intensifiers", "phrases"]
# How an article mention's primary counterpart was found (see _counterpart).
CounterpartBy = Literal["sentence", "naming", "lead"]

# Quotation marks that open, close, or do either (straight quotes).
_OPENERS, _CLOSERS, _EITHER = "“„«", "”»", '"'
_QUOTE_MARK = re.compile('[“„«”»"]')
# Characters between two words that break a noun phrase or a hedge's reach.
_PHRASE_BREAKS = set(",;:.!?()[]{}\"“”„«»—–/")


@dataclass(frozen=True)
class Mention:
    """One naming of the people concerned, with its hedge and how it compares with the primary.

    ``start``/``end``: document span of the phrase (modifiers + noun).
    ``hedge``: the hedge word, or the hedging noun itself ("suspects"); ""
    when unhedged; ``hedge_span`` its document span. ``introduced``: the
    article's noun is one the primary never uses for them. ``status`` (None
    for the primary's own mentions): ``kept`` both hedged, ``dropped`` the
    primary's counterpart is hedged and this is not, ``added`` only this is
    hedged, ``neither``. ``counterpart``: the primary's phrase compared with,
    ``counterpart_span`` its span in the primary document, ``counterpart_by``
    how it was chosen: ``sentence`` (the article's sentence was taken from
    the counterpart's), ``naming`` (the primary uses the same naming) or
    ``lead`` (the primary's first mention stands in).
    """

    start: int
    end: int
    phrase: str
    noun: str
    hedged: bool
    hedge: str
    hedge_span: tuple[int, int] | None
    quoted: bool
    introduced: bool = False
    status: HedgeStatus | None = None
    counterpart: str = ""
    counterpart_span: tuple[int, int] | None = None
    counterpart_by: CounterpartBy | None = None


@dataclass(frozen=True)
class LoadedTerm:
    """A strongly valenced word or an intensifier the article uses and the primary does not.

    ``valence``: the lexicon's rating, -4 (most negative) to +4 (most
    positive); 0.0 for intensifiers. ``entry``: the lexicon entry matched.
    """

    start: int
    end: int
    text: str
    entry: str
    valence: float
    kind: TermKind
    lexicon: Lexicon
    quoted: bool


@dataclass(frozen=True)
class Tone:
    """Mean VADER compound score per sentence: -1 (most negative) to +1 (most positive), 0.0 when empty.

    ``difference`` is article minus primary: negative means darker than the primary.
    """

    article: float
    primary: float
    difference: float


@dataclass(frozen=True)
class AttributedSentence:
    """A sentence that credits a source; ``cue`` is the cue's words, or "quotation"."""

    start: int
    end: int
    cue: str


@dataclass(frozen=True)
class Framing:
    """The framing of one article against the primary (see the module docstring).

    ``attribution_density`` and ``primary_attribution_density``: 0.0-1.0,
    the share of sentences that credit a source (0.0 with no sentences).
    """

    mentions: tuple[Mention, ...]
    primary_mentions: tuple[Mention, ...]
    hedges_kept: tuple[Mention, ...]
    hedges_dropped: tuple[Mention, ...]
    loaded_terms: tuple[LoadedTerm, ...]
    tone: Tone
    attribution_density: float
    primary_attribution_density: float
    attributed_sentences: tuple[AttributedSentence, ...]


# ---------------------------------------------------------------- lexicons


@dataclass(frozen=True)
class _Lexicons:
    person_nouns: dict[str, str]  # a form as written (lower case) -> its singular
    hedging_nouns: frozenset[str]
    hedges: frozenset[str]
    boundaries: frozenset[str]
    valence: dict[str, tuple[float, Lexicon]]
    intensifiers: frozenset[str]
    not_loaded: frozenset[str]
    cues: dict[str, tuple[tuple[str, ...], ...]]  # first word -> the cues it begins
    phrases: dict[str, tuple[tuple[tuple[str, ...], str, float], ...]]  # first stem -> (stems, entry, valence)


def _pairs(name: str) -> list[tuple[str, str]]:
    """``data/NAME.txt`` entries split into their first word and the rest."""
    pairs = []
    for entry in word_list(name):
        first, _, rest = entry.partition(" ")
        pairs.append((first.strip().lower(), rest.strip()))
    return pairs


@lru_cache(maxsize=1)
def _lexicons() -> _Lexicons:
    person_nouns = {}
    for singular, plural in _pairs("person_nouns"):
        person_nouns[singular] = singular
        person_nouns[plural or singular + "s"] = singular
    valence: dict[str, tuple[float, Lexicon]] = {
        word: (float(score), "vader") for word, score in sentiment.analyser().lexicon.items()
    }
    for word, score in _pairs("emotive"):
        valence.setdefault(word, (float(score), "emotive"))
    phrases: dict[str, list[tuple[tuple[str, ...], str, float]]] = {}
    for entry in word_list("loaded_phrases"):
        words, score = entry.rsplit(None, 1)
        stems = tuple(porter_stem(_key(w)) for w in words.split())
        phrases.setdefault(stems[0], []).append((stems, " ".join(words.split()), float(score)))
    cues: dict[str, list[tuple[str, ...]]] = {}
    for cue in word_list("attribution_cues"):
        cues.setdefault(cue.split()[0], []).append(tuple(cue.split()))
    return _Lexicons(
        person_nouns=person_nouns,
        hedging_nouns=frozenset(word_list("hedging_nouns")),
        hedges=frozenset(word_list("innocence_hedges")),
        boundaries=frozenset(word_list("phrase_boundaries")),
        valence=valence,
        intensifiers=frozenset(word_list("intensifiers")),
        not_loaded=frozenset(word_list("not_loaded")),
        cues={first: tuple(found) for first, found in cues.items()},
        # longest first, so "waste of taxpayer money" wins over "waste of money"
        phrases={first: tuple(sorted(found, key=lambda p: -len(p[0]))) for first, found in phrases.items()},
    )


# ---------------------------------------------------------------- the text, read once


@lru_cache(maxsize=65536)
def _key(word: str) -> str:
    """A word as the lexicons list it: lower case, straight apostrophe, no possessive."""
    key = word.lower().replace("’", "'")
    if key.endswith("'s"):
        key = key[:-2]
    return key.rstrip("'")


def quotation_spans(body: Body, min_words: int) -> tuple[tuple[int, int], ...]:
    """Body spans inside quotation marks, of at least ``min_words`` words.

    Read paragraph by paragraph: a quotation left open runs to the end of its
    paragraph; a closing mark with no opening one closes a quotation begun at
    the paragraph's start (a block quote whose opening mark was lost).
    """
    spans = []
    for paragraph in body.paragraphs:
        opened: int | None = None
        for mark in _QUOTE_MARK.finditer(body.text, paragraph.start, paragraph.end):
            char, offset = mark.group(), mark.start()
            if opened is None and char in _CLOSERS:
                spans.append((paragraph.start, offset))
            elif opened is None:
                opened = offset + 1
            elif char in _CLOSERS or char in _EITHER:
                spans.append((opened, offset))
                opened = None
        if opened is not None:
            spans.append((opened, paragraph.end))
    return tuple((a, b) for a, b in spans if len(WORD.findall(body.text, a, b)) >= min_words)


def _inside(offset: int, spans: tuple[tuple[int, int], ...]) -> bool:
    return any(a <= offset < b for a, b in spans)


class _Word(NamedTuple):
    """A word of a sentence and its body span (``analysis.text.sentences.Word``'s fields, lighter to make)."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class _Sentence:
    sentence: Sentence
    text: str  # the body's text, which the word spans point into
    texts: tuple[str, ...]  # each word as written: analysis.text.sentences's WORD matches in the sentence
    keys: tuple[str, ...]  # _key of each word

    @cached_property
    def words(self) -> tuple[_Word, ...]:
        """The words with their spans, found only for the sentences a measure looks into.

        Each word is the first occurrence of its text after the previous word:
        WORD matches at every word character, so nothing between two matches
        can begin a word, and the text found there is the match itself.
        """
        found = []
        position, find = self.sentence.start, self.text.find
        for word in self.texts:
            start = find(word, position)
            position = start + len(word)
            found.append(_Word(start, position, word))
        return tuple(found)


@dataclass(frozen=True)
class _Read:
    """A body split once into what every measure here reads."""

    body: Body
    quotes: tuple[tuple[int, int], ...]
    sentences: tuple[_Sentence, ...]


def _read(body: Body, settings: Settings) -> _Read:
    sentences = []
    text = body.text
    for sentence in body.sentences:
        texts = tuple(WORD.findall(text, sentence.start, sentence.end))
        sentences.append(_Sentence(sentence, text, texts, tuple(map(_key, texts))))
    return _Read(body, quotation_spans(body, settings.quote_min_words), tuple(sentences))


def _joined(text: str, left: _Word, right: _Word) -> bool:
    """True when only spaces stand between two words (no punctuation, no line break)."""
    return not any(char in _PHRASE_BREAKS or char == "\n" for char in text[left.end:right.start])


def _title_case(texts: tuple[str, ...], *, share: float = TITLE_CASE_SHARE,
                min_words: int = TITLE_CASE_HEADLINE_MIN_WORDS) -> bool:
    """A headline in title case: most of its (three or more) words capitalised."""
    return title_case([w for w in texts if w[:1].isalpha()], share=share, min_words=min_words)


def _context(keys: tuple[str, ...]) -> frozenset[str]:
    """A sentence's content-word stems (no function words, no figures), to find it again in the primary."""
    boundaries = _lexicons().boundaries
    return frozenset(porter_stem(k) for k in keys if k[:1].isalpha() and k not in boundaries)


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


# ---------------------------------------------------------------- mentions


@dataclass(frozen=True)
class _Found:
    """A mention with the content words of its sentence (what its counterpart is looked up by)."""

    mention: Mention
    context: frozenset[str]


def _is_modifier(text: str, ws: tuple[_Word, ...], keys: tuple[str, ...], index: int, noun: str) -> bool:
    """A singular person noun used as a modifier: "criminal justice", "sex offender registry"."""
    if keys[index] != noun or index + 1 >= len(ws):
        return False
    following = ws[index + 1].text
    return (_joined(text, ws[index], ws[index + 1]) and following.isalpha() and following.islower()
            and keys[index + 1] not in _lexicons().boundaries)


def _first_modifier(text: str, read: _Sentence, noun: int, settings: Settings) -> int:
    """Index of the leftmost word of the noun phrase ending at word ``noun``."""
    lex = _lexicons()
    first = noun
    while first > 0 and noun - first < settings.mention_max_modifiers:
        key = read.keys[first - 1]
        if not _joined(text, read.words[first - 1], read.words[first]) or not key.replace("-", "").isalpha():
            break  # punctuation, a line break or a figure ends the phrase
        if key not in lex.hedges and (key in lex.boundaries or key.endswith(("ed", "ing"))):
            break  # a function word, or a verb or participle ("arrested", "enticing")
        first -= 1
    return first


def _hedge_index(text: str, read: _Sentence, first: int, noun: int, settings: Settings) -> int | None:
    """Index of the hedge word among the modifiers or just after the noun; None if none."""
    hedges = _lexicons().hedges
    for index in range(first, noun):
        if read.keys[index] in hedges:
            return index
    for index in range(noun + 1, min(noun + 1 + settings.hedge_window_after, len(read.words))):
        if text[read.words[index - 1].end:read.words[index].start].strip(" ,"):
            break  # only spaces and commas: "offenders, who allegedly ..."
        if read.keys[index] in hedges:
            return index
    return None


def _found_in(read: _Read, settings: Settings) -> tuple[_Found, ...]:
    lex = _lexicons()
    body = read.body
    found = []
    for sentence in read.sentences:
        context: frozenset[str] | None = None
        nouns = tuple(map(lex.person_nouns.get, sentence.keys))
        for i in compress(range(len(nouns)), nouns):
            noun = nouns[i]
            word = sentence.words[i]
            if _is_modifier(body.text, sentence.words, sentence.keys, i, noun):
                continue
            first = _first_modifier(body.text, sentence, i, settings)
            hedge_at = _hedge_index(body.text, sentence, first, i, settings)
            if hedge_at is not None:
                hedge_word: _Word | None = sentence.words[hedge_at]
            else:
                hedge_word = word if noun in lex.hedging_nouns else None
            start, end = body.to_document(sentence.words[first].start, word.end)
            context = _context(sentence.keys) if context is None else context
            found.append(_Found(Mention(
                start=start,
                end=end,
                phrase=body.text[sentence.words[first].start:word.end],
                noun=noun,
                hedged=hedge_word is not None,
                hedge=hedge_word.text if hedge_word else "",
                hedge_span=body.to_document(hedge_word.start, hedge_word.end) if hedge_word else None,
                quoted=_inside(word.start, read.quotes),
            ), context))
    return tuple(found)


def mentions(body: Body, settings: Settings = DEFAULT) -> tuple[Mention, ...]:
    """Every mention of the people concerned in ``body``, in text order (not compared with a primary)."""
    return tuple(f.mention for f in _found_in(_read(body, settings), settings))


def _modifiers(mention: Mention) -> frozenset[str]:
    return _phrase_modifiers(mention.phrase, mention.noun)


@lru_cache(maxsize=4096)
def _phrase_modifiers(phrase: str, noun: str) -> frozenset[str]:
    lex = _lexicons()
    keys = {_key(w) for w in WORD.findall(phrase)}
    return frozenset(k for k in keys if k not in lex.hedges and lex.person_nouns.get(k) != noun)


def _counterpart(found: _Found, primary: tuple[_Found, ...], settings: Settings) -> tuple[Mention, CounterpartBy] | None:
    """The primary mention that names the same people as ``found``, and how it was chosen.

    1. ``sentence``: the article's sentence was taken from a primary sentence
       with mentions (stemmed content words shared, Jaccard, at least
       ``settings.counterpart_min_overlap``): that sentence's mention closest
       in wording;
    2. ``naming``: the primary uses the same naming (the same noun, no
       modifier the primary's lacks): the closest such mention;
    3. ``lead``: else the primary's first mention, how the release first
       names the people concerned.

    Between equally close mentions, the one hedged as ``found`` is, then the
    earliest. None when the primary names nobody.
    """
    if not primary:
        return None
    modifiers = _modifiers(found.mention)

    def distance(candidate: _Found) -> tuple[int, bool]:
        # Closest wording first; between equals, the one hedged as this one is
        # (a naming the primary itself uses both ways drops nothing).
        words_apart = len(_modifiers(candidate.mention) ^ modifiers) + 2 * (candidate.mention.noun != found.mention.noun)
        return words_apart, candidate.mention.hedged != found.mention.hedged

    overlaps = [_jaccard(found.context, candidate.context) for candidate in primary]
    best_overlap = max(overlaps)
    if best_overlap >= settings.counterpart_min_overlap:
        taken_from = [c for c, overlap in zip(primary, overlaps) if overlap == best_overlap]
        return min(taken_from, key=distance).mention, "sentence"
    same_naming = [c for c in primary if c.mention.noun == found.mention.noun and modifiers <= _modifiers(c.mention)]
    if same_naming:
        return min(same_naming, key=distance).mention, "naming"
    return primary[0].mention, "lead"


def _status(hedged: bool, counterpart: Mention | None) -> HedgeStatus:
    other = counterpart is not None and counterpart.hedged
    if hedged:
        return "kept" if other else "added"
    return "dropped" if other else "neither"


def _compared(article: tuple[_Found, ...], primary: tuple[_Found, ...], settings: Settings) -> tuple[Mention, ...]:
    """Each article mention with its primary counterpart and hedge status."""
    primary_nouns = {f.mention.noun for f in primary}
    compared = []
    for found in article:
        chosen = _counterpart(found, primary, settings)
        counterpart, by = chosen if chosen else (None, None)
        compared.append(replace(
            found.mention,
            introduced=found.mention.noun not in primary_nouns,
            status=_status(found.mention.hedged, counterpart),
            counterpart=counterpart.phrase if counterpart else "",
            counterpart_span=(counterpart.start, counterpart.end) if counterpart else None,
            counterpart_by=by,
        ))
    return tuple(compared)


# ---------------------------------------------------------------- loaded terms


@lru_cache(maxsize=65536)
def _lookup(key: str) -> tuple[str, float, TermKind, Lexicon] | None:
    """The lexicon entry for a word: a valence rating, else an intensifier, else None.

    None too for what is never a loaded term: a word not beginning with a
    letter, a function word.
    """
    lex = _lexicons()
    if not key[:1].isalpha() or key in lex.boundaries:
        return None
    if key in lex.not_loaded or (key,) in lex.cues.get(key, ()):
        return None  # a polysemous word, or a reporting verb ("argued", "declared"): attribution, not tone
    for entry in (key, key.replace("-", "")) if "-" in key else (key,):
        if entry in lex.valence:
            score, lexicon = lex.valence[entry]
            return entry, score, "valenced", lexicon
    if key in lex.intensifiers:
        return key, 0.0, "intensifier", "intensifiers"
    return None


@dataclass(frozen=True)
class _Vocabulary:
    """The primary's word stems: in its own voice, and in all (its quotations included)."""

    own: frozenset[str]
    all: frozenset[str]


def _vocabulary(read: _Read) -> _Vocabulary:
    own, quoted = set(), set()
    for sentence in read.sentences:
        for word, key in zip(sentence.words, sentence.keys):
            (quoted if _inside(word.start, read.quotes) else own).add(porter_stem(key))
    return _Vocabulary(frozenset(own), frozenset(own | quoted))


def _phrases_in(read: _Read, sentence: _Sentence, primary: _Vocabulary) -> list[tuple[int, int, LoadedTerm]]:
    """The loaded phrases of a sentence: (first word index, last word index + 1, term)."""
    phrases = _lexicons().phrases
    stems = tuple(map(porter_stem, sentence.keys))
    found = []
    index = 0
    while index < len(stems):
        match = None
        for wanted, entry, score in phrases.get(stems[index], ()):
            end = index + len(wanted)
            if stems[index:end] == wanted and all(
                    _joined(read.body.text, a, b) for a, b in zip(sentence.words[index:end - 1], sentence.words[index + 1:end])):
                match = (end, entry, score)
                break
        if match is None or all(s in primary.own for s in stems[index:match[0]]):
            index += 1
            continue
        end, entry, score = match
        first, last = sentence.words[index], sentence.words[end - 1]
        start, stop = read.body.to_document(first.start, last.end)
        quoted = _inside(first.start, read.quotes)
        found.append((index, end, LoadedTerm(start, stop, read.body.text[first.start:last.end], entry, score,
                                             "phrase", "phrases", quoted)))
        index = end
    return found


def _loaded_in(read: _Read, primary: _Vocabulary, settings: Settings) -> tuple[LoadedTerm, ...]:
    lex = _lexicons()
    found = []
    for sentence in read.sentences:
        title: bool | None = None
        entries = tuple(map(_lookup, sentence.keys))
        in_phrases: set[int] = set()
        if any(k in lex.phrases for k in map(porter_stem, sentence.keys)):
            for first, end, term in _phrases_in(read, sentence, primary):
                found.append(term)
                in_phrases.update(range(first, end))
        for index in compress(range(len(entries)), entries):
            if index in in_phrases:
                continue
            key = sentence.keys[index]
            matched, score, kind, lexicon = entries[index]
            if kind == "valenced" and abs(score) < settings.loaded_min_valence:
                continue
            stem = porter_stem(key)
            if stem in primary.own:
                continue  # the primary's own word (so in all of the primary, quoted or not)
            noun = lex.person_nouns.get(key)
            if noun is not None and _is_modifier(read.body.text, sentence.words, sentence.keys, index, noun):
                continue  # "criminal charges" describes; "criminals" names people
            if index > 0 and sentence.texts[index][0].isupper():
                title = _title_case(sentence.texts) if title is None else title
                if not title:
                    continue  # a name inside a sentence ("Justice Department")
            word = sentence.words[index]
            quoted = _inside(word.start, read.quotes)
            if quoted and stem in primary.all:
                continue
            start, end = read.body.to_document(word.start, word.end)
            found.append(LoadedTerm(start, end, word.text, matched, score, kind, lexicon, quoted))
    return tuple(sorted(found, key=lambda term: (term.start, term.end)))


def loaded_terms(article: Body, primary: Body, settings: Settings = DEFAULT) -> tuple[LoadedTerm, ...]:
    """Strongly valenced words and intensifiers of ``article`` that ``primary`` does not use.

    Words are compared by stem ("arrests" is the primary's "arrest"). The
    article's own words are compared with the primary's own words, so a word
    an official says in the release becomes the article's when its narrator
    takes it up; quoted words are compared with the whole primary.
    Capitalised words inside a sentence are names and skipped, except in a
    title-case headline.
    """
    return _loaded_in(_read(article, settings), _vocabulary(_read(primary, settings)), settings)


# ---------------------------------------------------------------- tone and attribution


def _tone(read: _Read) -> float:
    if not read.sentences:
        return 0.0
    return sum(sentiment.compound(s.sentence.text) for s in read.sentences) / len(read.sentences)


def tone_of(body: Body) -> float:
    """Mean VADER compound score of the body's sentences: -1..+1, 0.0 for no sentences."""
    return _tone(_read(body, DEFAULT))


def _cue(keys: tuple[str, ...]) -> str:
    cues = _lexicons().cues
    if cues.keys().isdisjoint(keys):
        return ""  # no word begins a cue
    for index, key in enumerate(keys):
        for cue in cues.get(key, ()):
            if keys[index:index + len(cue)] == cue:
                return " ".join(cue)
    return ""


def _attributed_in(read: _Read) -> tuple[AttributedSentence, ...]:
    found = []
    for item in read.sentences:
        sentence = item.sentence
        cue = _cue(item.keys)
        if not cue:
            quoted = sum(max(0, min(b, sentence.end) - max(a, sentence.start)) for a, b in read.quotes)
            cue = "quotation" if 2 * quoted > sentence.end - sentence.start else ""
        if cue:
            found.append(AttributedSentence(sentence.doc_start, sentence.doc_end, cue))
    return tuple(found)


def attributed_sentences(body: Body, settings: Settings = DEFAULT) -> tuple[AttributedSentence, ...]:
    """Sentences that credit a source: an attribution cue, or mostly inside a quotation."""
    return _attributed_in(_read(body, settings))


def _density(attributed: int, body: Body) -> float:
    return attributed / len(body.sentences) if body.sentences else 0.0


# ---------------------------------------------------------------- the primary, once per story


@dataclass(frozen=True)
class _PrimaryProfile:
    mentions: tuple[_Found, ...]
    vocabulary: _Vocabulary
    tone: float
    attribution_density: float


@lru_cache(maxsize=8)
def _primary_profile(primary: Body, settings: Settings) -> _PrimaryProfile:
    """What every article of a story is compared with, computed once per primary (pure, so cached)."""
    read = _read(primary, settings)
    return _PrimaryProfile(
        mentions=_found_in(read, settings),
        vocabulary=_vocabulary(read),
        tone=_tone(read),
        attribution_density=_density(len(_attributed_in(read)), primary),
    )


def analyse(article: Body, primary: Body, settings: Settings = DEFAULT) -> Framing:
    """Names and hedges, loaded terms, tone and attribution of ``article`` against ``primary``.

    Never raises: empty bodies give no mentions or terms and 0.0 tone and density.
    """
    reference = _primary_profile(primary, settings)
    read = _read(article, settings)
    compared = _compared(_found_in(read, settings), reference.mentions, settings)
    own = [m for m in compared if not m.quoted]
    attributed = _attributed_in(read)
    article_tone = _tone(read)
    return Framing(
        mentions=compared,
        primary_mentions=tuple(f.mention for f in reference.mentions),
        hedges_kept=tuple(m for m in own if m.status == "kept"),
        hedges_dropped=tuple(m for m in own if m.status == "dropped"),
        loaded_terms=_loaded_in(read, reference.vocabulary, settings),
        tone=Tone(article_tone, reference.tone, article_tone - reference.tone),
        attribution_density=_density(len(attributed), article),
        primary_attribution_density=reference.attribution_density,
        attributed_sentences=attributed,
    )
