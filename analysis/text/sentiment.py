"""VADER's compound score of a text, equal to vaderSentiment's own, without its repeated work.

``SentimentIntensityAnalyzer.polarity_scores`` lower-cases the whole token
list again for every rule it checks around every lexicon word (negation,
idioms): quadratic in the sentence's length. :func:`compound` lower-cases the
tokens once and applies the same rules in the same order, calling
vaderSentiment's own functions (``scalar_inc_dec``, ``negated``,
``_but_check``, ``_punctuation_emphasis``, ``normalize``) wherever they cost
nothing extra, and skips a rule only where it cannot apply (no lexicon word,
no "but", no idiom's word nearby, no emoji in ASCII text), so its result is
the same float. ``tests/test_sentiment.py``
checks it against ``polarity_scores`` on the corpus and on generated sentences
built to reach every rule.
"""

from __future__ import annotations

import string
from functools import lru_cache
from itertools import compress

from vaderSentiment import vaderSentiment as vader


@lru_cache(maxsize=1)
def analyser() -> vader.SentimentIntensityAnalyzer:
    """VADER's analyser; its lexicon ships inside the vaderSentiment package."""
    return vader.SentimentIntensityAnalyzer()


@lru_cache(maxsize=1)
def _emoji_characters() -> frozenset[str]:
    return frozenset(analyser().emojis)


def _without_emoji(text: str) -> str:
    """``polarity_scores``' first step: each emoji replaced by its description."""
    emojis = analyser().emojis
    if text.isascii() or _emoji_characters().isdisjoint(text):
        return text  # the loop below would copy it character by character (no emoji is ASCII)
    out = ""
    prev_space = True
    for char in text:
        if char in emojis:
            if not prev_space:
                out += " "
            out += emojis[char]
            prev_space = False
        else:
            out += char
            prev_space = char == " "
    return out


@lru_cache(maxsize=65536)
def _token(raw: str) -> tuple[str, str, bool]:
    """A whitespace-separated token as VADER reads it: the token, lower-cased, and whether that is a lexicon word.

    The token is ``SentiText._strip_punc_if_word``'s: outer punctuation off,
    unless that leaves two characters or fewer.
    """
    stripped = raw.strip(string.punctuation)
    token = raw if len(stripped) <= 2 else stripped
    lower = token.lower()
    return token, lower, lower in analyser().lexicon


@lru_cache(maxsize=4096)
def _negated(word: str) -> bool:
    """``vaderSentiment.negated([word])``: a negation word, or a word with "n't"."""
    return vader.negated([word])


def _negation(valence: float, lower: tuple[str, ...], start_i: int, i: int) -> float:
    """``SentimentIntensityAnalyzer._negation_check`` on the lower-cased tokens."""
    if start_i == 0:
        if _negated(lower[i - 1]):
            valence = valence * vader.N_SCALAR
    if start_i == 1:
        if lower[i - 2] == "never" and (lower[i - 1] == "so" or lower[i - 1] == "this"):
            valence = valence * 1.25
        elif lower[i - 2] == "without" and lower[i - 1] == "doubt":
            pass
        elif _negated(lower[i - 2]):
            valence = valence * vader.N_SCALAR
    if start_i == 2:
        # vaderSentiment's precedence, kept: (never and (so or this)) or (so or this).
        if lower[i - 3] == "never" and (lower[i - 2] == "so" or lower[i - 2] == "this") or \
                (lower[i - 1] == "so" or lower[i - 1] == "this"):
            valence = valence * 1.25
        elif lower[i - 3] == "without" and (lower[i - 2] == "doubt" or lower[i - 1] == "doubt"):
            pass
        elif _negated(lower[i - 3]):
            valence = valence * vader.N_SCALAR
    return valence


@lru_cache(maxsize=1)
def _idiom_words() -> frozenset[str]:
    """The words of VADER's idioms and multi-word boosters ("kiss of death", "sort of")."""
    phrases = [key for key in (*vader.SPECIAL_CASES, *vader.BOOSTER_DICT) if " " in key]
    return frozenset(word for phrase in phrases for word in phrase.split())


def _idioms(valence: float, lower: tuple[str, ...], i: int) -> float:
    """``SentimentIntensityAnalyzer._special_idioms_check`` on the lower-cased tokens (``i`` >= 3)."""
    if _idiom_words().isdisjoint(lower[i - 3:i + 3]):
        # Tokens hold no spaces, so only phrases of these words can match; single-word keys never do.
        return valence
    special, booster = vader.SPECIAL_CASES, vader.BOOSTER_DICT
    onezero = f"{lower[i - 1]} {lower[i]}"
    twoonezero = f"{lower[i - 2]} {lower[i - 1]} {lower[i]}"
    twoone = f"{lower[i - 2]} {lower[i - 1]}"
    threetwoone = f"{lower[i - 3]} {lower[i - 2]} {lower[i - 1]}"
    threetwo = f"{lower[i - 3]} {lower[i - 2]}"
    for seq in (onezero, twoonezero, twoone, threetwoone, threetwo):
        if seq in special:
            valence = special[seq]
            break
    if len(lower) - 1 > i:
        zeroone = f"{lower[i]} {lower[i + 1]}"
        if zeroone in special:
            valence = special[zeroone]
    if len(lower) - 1 > i + 1:
        zeroonetwo = f"{lower[i]} {lower[i + 1]} {lower[i + 2]}"
        if zeroonetwo in special:
            valence = special[zeroonetwo]
    for n_gram in (threetwoone, threetwo, twoone):
        if n_gram in booster:
            valence = valence + booster[n_gram]
    return valence


def _least(valence: float, lower: tuple[str, ...], lexicon: dict[str, float], i: int) -> float:
    """``SentimentIntensityAnalyzer._least_check`` on the lower-cased tokens."""
    if i > 1 and lower[i - 1] not in lexicon and lower[i - 1] == "least":
        if lower[i - 2] != "at" and lower[i - 2] != "very":
            valence = valence * vader.N_SCALAR
    elif i > 0 and lower[i - 1] not in lexicon and lower[i - 1] == "least":
        valence = valence * vader.N_SCALAR
    return valence


def _valence(tokens: tuple[str, ...], lower: tuple[str, ...], lexicon: dict[str, float], is_cap_diff: bool,
             i: int) -> float:
    """``SentimentIntensityAnalyzer.sentiment_valence`` of a lexicon word ``tokens[i]``."""
    item, item_lowercase = tokens[i], lower[i]
    valence = lexicon[item_lowercase]
    if item_lowercase == "no" and i != len(tokens) - 1 and lower[i + 1] in lexicon:
        valence = 0.0  # "no" negates the next lexicon word instead
    if (i > 0 and lower[i - 1] == "no") or (i > 1 and lower[i - 2] == "no") \
            or (i > 2 and lower[i - 3] == "no" and lower[i - 1] in ["or", "nor"]):
        valence = lexicon[item_lowercase] * vader.N_SCALAR
    if item.isupper() and is_cap_diff:
        if valence > 0:
            valence += vader.C_INCR
        else:
            valence -= vader.C_INCR
    for start_i in range(0, 3):
        if i > start_i and lower[i - (start_i + 1)] not in lexicon:
            # scalar_inc_dec is 0.0 but for a booster word.
            s = (vader.scalar_inc_dec(tokens[i - (start_i + 1)], valence, is_cap_diff)
                 if lower[i - (start_i + 1)] in vader.BOOSTER_DICT else 0.0)
            if start_i == 1 and s != 0:
                s = s * 0.95
            if start_i == 2 and s != 0:
                s = s * 0.9
            valence = valence + s
            valence = _negation(valence, lower, start_i, i)
            if start_i == 2:
                valence = _idioms(valence, lower, i)
    return _least(valence, lower, lexicon, i)


def compound(text: str) -> float:
    """VADER's compound score of ``text``: -1 (most negative) to +1 (most positive), 0.0 when neutral.

    Equal to ``SentimentIntensityAnalyzer().polarity_scores(text)["compound"]``
    (vaderSentiment 3.3.2) for every string.
    """
    sia = analyser()
    lexicon = sia.lexicon
    text = _without_emoji(text).strip()
    read = list(map(_token, text.split()))
    if not read:
        return 0.0
    tokens, lower, known = zip(*read)
    if not any(known):
        # Every sentiment would be 0: boosters, "kind of" and unknown words all score 0.
        return 0.0
    # allcap_differential: some, not all, tokens in capitals.
    is_cap_diff = 0 < len(tokens) - sum(map(str.isupper, tokens)) < len(tokens)
    # A word scores 0 unless it is a lexicon word that is neither a booster nor "kind" of "kind of".
    sentiments: list[float] = [0] * len(tokens)
    last = len(tokens) - 1
    for i in compress(range(len(tokens)), known):
        word = lower[i]
        if word in vader.BOOSTER_DICT or (i < last and word == "kind" and lower[i + 1] == "of"):
            continue
        sentiments[i] = _valence(tokens, lower, lexicon, is_cap_diff, i)
    if "but" in lower:
        sentiments = sia._but_check(tokens, sentiments)
    # score_valence's compound: the sum, pushed away from 0 by "!" and "?", normalised and rounded.
    total = float(sum(sentiments))
    emphasis = sia._punctuation_emphasis(text)
    if total > 0:
        total += emphasis
    elif total < 0:
        total -= emphasis
    return round(vader.normalize(total), 4)
