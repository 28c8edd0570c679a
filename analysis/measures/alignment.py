"""Alignment: each article sentence matched to the primary sentence(s) that best support it.

The story's model is fitted once (:func:`fit`): two TF-IDF vectorisers
(:mod:`analysis.text.vectors`) over the sentences of the primary and of all its
coverage, one over stemmed content words and their bigrams, one over
character 3-5-grams. The primary's *units* are its sentences and every pair
of adjacent sentences. :func:`align` then scores each article sentence
against every unit with sparse matrix products and keeps the best:

    score = (word containment + character cosine) / 2, in 0..1

where *word containment* is the IDF-weighted share of the article sentence's
words and bigrams that the unit also has (how much of what the sentence says
the unit carries) and *character cosine* is the cosine of the character
n-gram vectors (robust to inflection and spelling). 1 is a verbatim copy, 0
shares nothing; higher means closer. A pair of sentences is chosen only when
it beats the best single sentence by ``align_pair_gain``.

A sentence that carries a quotation is also aligned in two *parts*, the quoted
words and the reporter's own words, so that a faithful quotation wrapped in a
changed attribution (or the reverse) stays visible to the measures built on
this one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

import numpy as np
from scipy import sparse

from analysis.readers.cleaning import Body
from analysis.readers.quoted import quoted_spans
from analysis.settings import DEFAULT, Settings
from analysis.text.sentences import Sentence
from analysis.text.tokens import content_stems, fold, is_content, tokens
from analysis.text.vectors import CharNgramTfidf, FeaturePresence

PartRole = Literal["quoted", "own"]



@dataclass(frozen=True)
class PartMatch:
    """The best support for one part of a sentence: its quoted words, or the reporter's own."""

    role: PartRole
    spans: tuple[tuple[int, int], ...]   # document offsets of the part's characters
    text: str                            # the part's words, joined
    primary: tuple[int, ...]             # primary body sentence indices; () if none
    score: float                         # 0..1, higher = closer (same formula as the sentence score)


@dataclass(frozen=True)
class SentenceMatch:
    """The best support in the primary for one article sentence."""

    sentence: int              # index into the article body's sentences
    primary: tuple[int, ...]   # indices of the primary body's sentences (one, or two adjacent); () if none
    score: float               # 0..1, higher = closer
    shared: tuple[str, ...]    # wording the two share: runs of 2+ words, else shared content words
    parts: tuple[PartMatch, ...] = ()  # quoted and own words aligned apart, when the sentence quotes 4+ words


@dataclass(frozen=True)
class Alignment:
    matches: tuple[SentenceMatch, ...]  # one per article body sentence, in order
    # For each primary body sentence, the IDF-weighted share (0..1, higher =
    # more carried) of its words and word pairs found anywhere in the article.
    primary_coverage: tuple[float, ...] = ()
    # The story's baseline (AlignmentModel.baseline), so that measures built on
    # this one can judge a score against the story's own distribution.
    baseline: tuple[float, ...] = ()

    def match(self, sentence: int) -> SentenceMatch | None:
        """The match of article sentence ``sentence`` (None if out of range)."""
        return self.matches[sentence] if 0 <= sentence < len(self.matches) else None

    def coverage_of_primary(self, n_primary: int) -> tuple[float, ...]:
        """For each primary sentence, the best score of any article sentence aligned to it (0..1)."""
        best = [0.0] * n_primary
        for match in self.matches:
            for index in match.primary:
                if 0 <= index < n_primary:
                    best[index] = max(best[index], match.score)
            for part in match.parts:
                for index in part.primary:
                    if 0 <= index < n_primary:
                        best[index] = max(best[index], part.score)
        return tuple(best)


@dataclass(frozen=True)
class AlignmentModel:
    """What is fitted once per story: the vectorisers and the primary's unit matrices."""

    primary: Body
    units: tuple[tuple[int, ...], ...]       # primary sentence indices of each unit (singles first)
    word_vectoriser: FeaturePresence | None
    char_vectoriser: CharNgramTfidf | None
    unit_words: sparse.csr_matrix | None     # binary word presence, units x vocabulary
    unit_chars: sparse.csr_matrix | None     # l2-normalised char tf-idf, units x char vocabulary
    idf: np.ndarray | None                   # the word vectoriser's idf, for containment weights
    # Each primary sentence's best score against the units of the primary
    # that do not hold it, sorted: what a sentence on the story's topic that
    # says something else scores (0..1). Empty for a one-sentence primary.
    baseline: tuple[float, ...] = ()


def word_features(text: str) -> list[str]:
    """The word vectoriser's analyzer: content stems and bigrams of adjacent content stems."""
    stems = content_stems(text)
    return [*stems, *(f"{a} {b}" for a, b in zip(stems, stems[1:]))]


def _char_preprocess(text: str) -> str:
    return fold(text).lower()


def _own_spans(sentence: Sentence, quoted: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    spans, cursor = [], sentence.start
    for a, b in quoted:
        if a > cursor:
            spans.append((cursor, a))
        cursor = max(cursor, b)
    if cursor < sentence.end:
        spans.append((cursor, sentence.end))
    return spans


# --------------------------------------------------------------- fitting

def _units(primary: Body) -> tuple[tuple[int, ...], ...]:
    n = len(primary.sentences)
    return tuple((i,) for i in range(n)) + tuple((i, i + 1) for i in range(n - 1))


def _unit_text(primary: Body, unit: tuple[int, ...]) -> str:
    return " ".join(primary.sentences[i].text for i in unit)


def fit(primary: Body, articles: Sequence[Body], settings: Settings = DEFAULT) -> AlignmentModel:
    """Fit the story's model on the primary and its coverage.

    IDF comes from every sentence of the story, so words that all the coverage
    repeats weigh less than the distinctive ones.
    """
    units = _units(primary)
    story_sentences = [s.text for s in primary.sentences] + [s.text for a in articles for s in a.sentences]
    if not units or not any(word_features(t) for t in story_sentences):
        return AlignmentModel(primary, units, None, None, None, None, None)
    words = FeaturePresence(word_features)
    chars = CharNgramTfidf((3, 5), preprocess=_char_preprocess)
    words.fit(story_sentences)
    chars.fit(story_sentences)
    texts = [_unit_text(primary, u) for u in units]
    unit_words = words.transform(texts)
    unit_chars = chars.transform(texts)
    model = AlignmentModel(primary, units, words, chars, unit_words, unit_chars, words.idf_.astype(np.float32))
    return replace(model, baseline=_baseline(model))


def _baseline(model: AlignmentModel) -> tuple[float, ...]:
    """Each primary sentence's best score against the units that do not hold it, sorted."""
    n = len(model.primary.sentences)
    if n < 2:
        return ()
    scores = score_matrix([s.text for s in model.primary.sentences], model)
    for unit_index, unit in enumerate(model.units):
        scores[list(unit), unit_index] = -1.0  # a sentence against itself, or a pair holding it
    return tuple(sorted(round(float(v), 4) for v in scores.max(axis=1)))


# -------------------------------------------------------------- aligning

def score_matrix(texts: Sequence[str], model: AlignmentModel) -> np.ndarray:
    """Scores (0..1) of each text against each unit of the primary: texts x units."""
    return _scores(texts, model)[0]


def _scores(texts: Sequence[str], model: AlignmentModel) -> tuple[np.ndarray, sparse.csr_matrix | None]:
    """The score matrix, and the binary word matrix of ``texts`` it was built from."""
    if model.word_vectoriser is None or not texts:
        return np.zeros((len(texts), len(model.units)), dtype=np.float32), None
    present = model.word_vectoriser.transform(texts)
    weights = present.multiply(model.idf.reshape(1, -1)).tocsr()
    totals = np.asarray(weights.sum(axis=1)).ravel()
    shared = (weights @ model.unit_words.T).toarray()
    containment = np.divide(shared, totals[:, None], out=np.zeros_like(shared), where=totals[:, None] > 0)
    cosine = (model.char_vectoriser.transform(texts) @ model.unit_chars.T).toarray()
    return np.clip((containment + cosine) / 2.0, 0.0, 1.0), present


def _best_unit(row: np.ndarray, model: AlignmentModel, gain: float) -> tuple[tuple[int, ...], float]:
    n_single = len(model.primary.sentences)
    if row.size == 0:
        return (), 0.0
    single = int(np.argmax(row[:n_single]))
    best, score = single, float(row[single])
    if row.size > n_single:
        pair = n_single + int(np.argmax(row[n_single:]))
        if float(row[pair]) >= score + gain:
            best, score = pair, float(row[pair])
    if score <= 0.0:
        return (), 0.0
    return model.units[best], round(score, 4)


def shared_wording(a: str, b: str, *, min_run: int = 2) -> tuple[str, ...]:
    """Runs of ``min_run``+ consecutive words of ``a`` whose every word pair ``b`` also has; else shared content words.

    Linear in the two lengths (word-pair sets, not an edit alignment).
    """
    ta, tb = tokens(a), tokens(b)
    pairs = set(zip(tb, tb[1:]))
    runs: list[str] = []
    i = 0
    while i < len(ta) - 1:
        j = i
        while j < len(ta) - 1 and (ta[j], ta[j + 1]) in pairs:
            j += 1
        if j - i + 1 >= min_run and j > i and any(is_content(w) for w in ta[i:j + 1]):
            run = " ".join(ta[i:j + 1])
            if run not in runs:
                runs.append(run)
        i = max(j, i + 1)
    if runs:
        return tuple(runs)
    in_b = set(tb)
    return tuple(dict.fromkeys(w for w in ta if is_content(w) and w in in_b))


def align(article: Body, model: AlignmentModel, settings: Settings = DEFAULT) -> Alignment:
    """Align every sentence of ``article`` to the primary, and its quoted and own words apart."""
    sentences = article.sentences
    if not sentences:
        return Alignment((), (), model.baseline)
    quoted = quoted_spans(article)
    part_texts: list[str] = []
    part_owner: list[tuple[int, PartRole, list[tuple[int, int]]]] = []
    for sentence, pieces in zip(sentences, quoted):
        quoted_words = sum(len(tokens(article.text[a:b])) for a, b in pieces)
        if quoted_words < settings.quote_min_words:
            continue
        own = _own_spans(sentence, pieces)
        for role, spans in (("quoted", list(pieces)), ("own", own)):
            text = " ".join(article.text[a:b].strip() for a, b in spans)
            if tokens(text):
                part_texts.append(text)
                part_owner.append((sentence.index, role, spans))
    scores, coverage = _scores_and_coverage([s.text for s in sentences] + part_texts, len(sentences), model)
    parts: dict[int, list[PartMatch]] = {}
    for row, (index, role, spans), text in zip(scores[len(sentences):], part_owner, part_texts):
        unit, score = _best_unit(row, model, settings.align_pair_gain)
        doc_spans = tuple(article.to_document(a, b) for a, b in spans)
        parts.setdefault(index, []).append(PartMatch(role, doc_spans, text, unit, score))
    matches = []
    for sentence, row in zip(sentences, scores[:len(sentences)]):
        unit, score = _best_unit(row, model, settings.align_pair_gain)
        shared = shared_wording(sentence.text, _unit_text(model.primary, unit)) if unit else ()
        matches.append(SentenceMatch(sentence.index, unit, score, shared, tuple(parts.get(sentence.index, ()))))
    return Alignment(tuple(matches), coverage, model.baseline)


def _scores_and_coverage(texts: list[str], n_sentences: int,
                         model: AlignmentModel) -> tuple[np.ndarray, tuple[float, ...]]:
    """The score matrix of ``texts`` and the coverage of each primary sentence by the first ``n_sentences``."""
    scores, rows = _scores(texts, model)
    n_primary = len(model.primary.sentences)
    if rows is None or not n_sentences:
        return scores, tuple(0.0 for _ in range(n_primary))
    present = (rows[:n_sentences].max(axis=0) > 0).astype(np.float32)
    singles = model.unit_words[:n_primary]
    weights = singles.multiply(model.idf.reshape(1, -1)).tocsr()
    totals = np.asarray(weights.sum(axis=1)).ravel()
    shared = np.asarray((weights @ present.T).todense()).ravel()
    coverage = np.divide(shared, totals, out=np.zeros_like(shared), where=totals > 0)
    return scores, tuple(round(float(c), 4) for c in coverage)
