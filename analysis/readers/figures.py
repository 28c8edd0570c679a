"""Reading figures out of text: numbers, amounts, shares, dates, periods and durations.

``read(text, start, end)`` finds every figure of ``text[start:end]`` (one
sentence) and returns a :class:`Reading` for each: the value, the qualifier
read as an interval, the unit, the thing counted and the words around it. No
model is downloaded: the grammar is a few precompiled patterns over the word
lists ``analysis/data/figure_*.txt``.

A number after a label ("Route 62", "Section 230") is an *identifier*: a
figure that is only ever the same name or another one. A number joined to a
unit ("15-ounce") counts that unit; "second" and "third" are ranks when they
modify a noun ("the third such case"), "first" never is.

What is not a figure of the story: phone numbers, clock times, list numbering
("(1)"), numbers in product names and addresses ("Windows 10", "12 Main
Street"), page chrome ("Comments 48"), numbers inside words ("COVID-19"),
prices in subscription offers, seasons and relative time words ("spring",
"next year"), and "one" on its own (a determiner, mostly).
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from collections.abc import Callable, Iterable, Iterator
from typing import Literal, NamedTuple

from analysis.settings import DEFAULT, TITLE_CASE_SHARE, Settings, word_list
from analysis.text.tokens import porter_stem, title_case

Unit = Literal["count", "money", "percent", "year", "decade", "date", "period", "duration", "ordinal", "identifier"]
QualifierKind = Literal["", "above", "at_least", "just_above", "below", "at_most", "near_below", "approx", "exact"]

INFINITY = math.inf
# What a year after "fiscal year" or "fiscal" counts: a budget year, not the calendar year.
FISCAL_YEAR = "fiscal year"


@dataclass(frozen=True)
class Reading:
    """One figure as read from a sentence; offsets into the text read.

    ``value`` is the number stated: a count, an amount in currency units, a
    percentage (a share "a third" is 33.33), a year, an ordinal, a duration in
    ``counted`` units ("month"); for a date, the day of the month; for a
    period, its number of months. ``low``/``high`` is the interval the wording
    allows (qualifier and rounding); ``year``/``months``/``day`` carry the
    calendar of years, decades, dates and periods (0 / () where not stated).
    """

    start: int
    end: int
    value: float
    low: float
    high: float
    qualifier: str              # the qualifier's words as written, lower case ("more than")
    qualifier_kind: QualifierKind
    unit: Unit
    counted: str                # the noun counted ("violations"), the currency ("$"), the time unit ("month")
    head: str                   # canonical stem of the counted noun ("" when none was found)
    context: frozenset[str]     # canonical stems of the content words around the figure
    partitive: bool             # "two of the cited facilities": a part of a larger set
    cumulative: bool            # a running total ("since 2012", "to date")
    year: int = 0
    months: tuple[int, ...] = ()
    day: int = 0


# --- word lists -----------------------------------------------------------------------

@dataclass(frozen=True)
class _Lexicon:
    numbers: dict[str, tuple[float, str]]   # cardinal or ordinal word -> (value, kind)
    fraction_words: dict[str, float]        # denominator word -> denominator ("thirds" -> 3)
    qualifiers: dict[str, str]              # phrase -> kind
    months: dict[str, int]
    time_units: dict[str, tuple[str, float]]  # singular or plural -> (singular, days)
    stopwords: frozenset[str]
    plurals: frozenset[str]
    synonyms: dict[str, str]                # stem -> the stem naming its group
    cumulative: tuple[str, ...]
    identifiers: frozenset[str]
    page_labels: frozenset[str]
    streets: frozenset[str]
    chrome: frozenset[str]
    qualifier_starts: frozenset[str]        # first words of the qualifiers ("more", "about", "nearly")
    ordinal_terms: frozenset[str]           # "party" of "third party": a set phrase, not a rank
    # Cue sets: a sentence holding none of a reader's cue words is not scanned by it.
    month_names: frozenset[str]
    cardinals: frozenset[str]
    ordinals: frozenset[str]
    fractions: frozenset[str]
    time_words: frozenset[str]


def _pairs(name: str) -> list[list[str]]:
    return [entry.split("\t") for entry in word_list(name)]


@lru_cache(maxsize=1)
def lexicon() -> _Lexicon:
    """The word lists of ``analysis/data/figure_*.txt``, parsed once."""
    rows = _pairs("figure_number_words")
    numbers = {word.lower(): (float(value), kind) for word, value, kind in rows if kind != "fraction"}
    fractions = {word.lower(): float(value) for word, value, kind in rows if kind == "fraction"}
    time_units: dict[str, tuple[str, float]] = {}
    for unit, days in _pairs("figure_time_units"):
        plural = unit[:-1] + "ies" if unit.endswith("y") and unit != "day" else unit + "s"
        time_units[unit] = time_units[plural] = (unit, float(days))
    synonyms: dict[str, str] = {}
    for group in word_list("figure_synonyms"):
        members = group.split()
        leader = porter_stem(members[0])
        for member in members:
            synonyms.setdefault(porter_stem(member), leader)
    months = {name: int(number) for name, number in _pairs("figure_months")}
    return _Lexicon(
        numbers=numbers,
        fraction_words=fractions,
        qualifiers={phrase.lower(): kind for phrase, kind in _pairs("figure_qualifiers")},
        months=months,
        time_units=time_units,
        stopwords=frozenset(w.lower() for w in word_list("figure_stopwords")),
        plurals=frozenset(w.lower() for w in word_list("figure_plurals")),
        synonyms=synonyms,
        cumulative=tuple(w.lower() for w in word_list("figure_cumulative")),
        identifiers=frozenset(w.lower() for w in word_list("figure_identifiers")),
        page_labels=frozenset(w.lower() for w in word_list("figure_page_labels")),
        streets=frozenset(w.lower() for w in word_list("figure_streets")),
        chrome=frozenset(w.lower() for w in word_list("figure_chrome")),
        ordinal_terms=frozenset(w.lower() for w in word_list("figure_ordinal_terms")),
        qualifier_starts=frozenset(phrase.split()[0].lower() for phrase, _ in _pairs("figure_qualifiers")),
        month_names=frozenset(months),
        cardinals=frozenset(w for w, (_, kind) in numbers.items() if kind in ("unit", "ten", "scale")),
        ordinals=frozenset(w for w, (_, kind) in numbers.items() if kind == "ordinal"),
        fractions=frozenset(fractions),
        time_words=frozenset(time_units),
    )


@lru_cache(maxsize=8192)
def canonical(word: str) -> str:
    """The stem of ``word`` mapped onto its synonym group ("fines" -> "fine", "penalties" -> "fine")."""
    stem = porter_stem(re.sub(r"['’]s?$", "", word))
    return lexicon().synonyms.get(stem, stem)


# --- patterns -------------------------------------------------------------------------

_DIGITS = r"\d{1,3}(?:\.\d{3}){2,}|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# "lakh" (100,000) and "crore" (10 million): South Asian English counts in them.
_SCALE_WORDS = r"hundred|thousand|lakh|crore|million|billion|trillion"
# A number is not glued to letters, other digits or a hyphen ("COVID-19", "H1N1", "10-K").
_BEFORE = r"(?<![\w\-/.,])"
_AFTER = r"(?![\w/]|[.,]\d|-\w)"


@dataclass(frozen=True)
class _Patterns:
    skip: re.Pattern          # things that look numeric but are not figures
    date: re.Pattern
    date_day_first: re.Pattern
    iso_date: re.Pattern
    months: re.Pattern        # one month name, capitalised
    decade: re.Pattern
    money: re.Pattern
    percent: re.Pattern
    shared_percent: re.Pattern  # the first number of "92 and 85 percent", ending where the second starts
    fraction: re.Pattern
    ratio: re.Pattern
    ordinal: re.Pattern
    hyphen_duration: re.Pattern
    hyphen_measure: re.Pattern  # "15-ounce", "40-foot": a number joined to what it measures
    year_span: re.Pattern     # "2025-2029", "2025–26": two years
    vague: re.Pattern         # "tens of thousands", "hundreds of millions": a magnitude, not a number
    number: re.Pattern
    words: re.Pattern         # a run of number words
    qualifier: re.Pattern     # a qualifier ending where the figure starts
    token: re.Pattern
    digit: re.Pattern
    word: re.Pattern
    currency: re.Pattern
    decade_cue: re.Pattern
    ordinal_cue: re.Pattern


@lru_cache(maxsize=1)
def patterns() -> _Patterns:
    """The grammar, compiled once from the word lists."""
    lex = lexicon()
    month = "|".join(sorted(lex.months, key=len, reverse=True))
    cardinal = [w for w, (_, kind) in lex.numbers.items() if kind in ("unit", "ten", "scale")]
    cardinal_re = "|".join(sorted(cardinal, key=len, reverse=True))
    ordinal_re = "|".join(sorted((w for w, (_, k) in lex.numbers.items() if k == "ordinal"), key=len, reverse=True))
    tens_re = "|".join(w for w, (_, k) in lex.numbers.items() if k == "ten")
    fraction_re = "|".join(sorted(lex.fraction_words, key=len, reverse=True))
    small = "|".join(w for w, (_, k) in lex.numbers.items() if k == "unit")
    time_unit = "|".join(sorted(lex.time_units, key=len, reverse=True))
    qualifier = "|".join(re.escape(q).replace(r"\ ", r"\s+") for q in sorted(lex.qualifiers, key=len, reverse=True))
    word_number = rf"(?:{cardinal_re})(?:(?:\s+and\s+|[\s\-]+)(?:{cardinal_re}))*"
    return _Patterns(
        skip=re.compile(
            r"\(?\b\d{3}\)?[\s.\-]\d{3}[\s.\-]\d{4}\b"                 # phone numbers
            r"|\b0\d{2,4}[\s.\-]\d{3,4}[\s.\-]\d{3,4}\b"             # with a trunk prefix ("0303 444 1209")
            r"|\b\d{1,2}(?::\d{2})?\s*(?:a\.m\.|p\.m\.|am\b|pm\b)"      # clock times
            r"|\b\d{1,2}:\d{2}\b"
            r"|\(\d{1,2}\)"                                             # list numbering inside a paragraph
            r"|\S+@\S+|\b(?:https?://|www\.)\S+"                        # addresses
        ),
        # "May 22–26, 2023": a range of days in one month (the last day is a date too).
        date=re.compile(rf"\b({month})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:\s*[–—-]\s*(\d{{1,2}})(?!\d))?"
                        rf"(?:,?\s+(\d{{4}})\b)?"),
        date_day_first=re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({month})\b\.?(?:,?\s+(\d{{4}})\b)?"),
        iso_date=re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"),
        months=re.compile(rf"\b(?:{month})\b\.?"),
        decade=re.compile(rf"(?:\b(early|mid|late)[\s\-]+|{_BEFORE})(?:(\d{{3}}0)|['’](\d0))['’]?s\b"),
        money=re.compile(
            rf"(?:\bUS\s?|\bC|\bA)?([$€£])\s?({_DIGITS})(?:\s?({_SCALE_WORDS}|mn|bn|m|b|k)\b)?",
            re.IGNORECASE),
        percent=re.compile(
            rf"{_BEFORE}(?:({_DIGITS})|\b({word_number}))\s?(%|percent\b|per\s+cent\b|percentage\s+points?\b)",
            re.IGNORECASE),
        shared_percent=re.compile(rf"{_BEFORE}({_DIGITS})\s*(,\s*(?:and|or)?|and|or|to|through|-|–)\s*$",
                                  re.IGNORECASE),
        fraction=re.compile(
            rf"\b(?:(a|one|{small})[\s\-]+({fraction_re})|(half))(?=\s+(?:of|the)\b)", re.IGNORECASE),
        ratio=re.compile(
            rf"(?:\b({small})|{_BEFORE}(\d{{1,2}}))\s+(?:in|out\s+of)\s+(?:every\s+)?(?:\b({small}|{tens_re})\b|(\d{{1,3}}){_AFTER})",
            re.IGNORECASE),
        ordinal=re.compile(
            rf"{_BEFORE}\d+(?:st|nd|rd|th)\b|\b(?:(?:{tens_re})-)?(?:{ordinal_re})\b", re.IGNORECASE),
        vague=re.compile(r"\b(tens|hundreds)\s+of\s+(thousands|millions|billions)\b(?:\s+of\s+(\w+))?",
                         re.IGNORECASE),
        year_span=re.compile(r"(?<![\d.,\-–—])\b(1[5-9]\d\d|20\d\d)\s?[–—-]\s?(\d{4}|\d{2})\b(?![\d.,]\d|[\-–—]\d)"),
        hyphen_measure=re.compile(rf"{_BEFORE}(\d+(?:\.\d+)?)-([a-z]{{3,}})\b(?![\-'’]?\d)"),
        hyphen_duration=re.compile(
            rf"(?:{_BEFORE}(\d+)|\b({word_number}))-({time_unit})(?:-(?:long|old))?\b", re.IGNORECASE),
        number=re.compile(rf"{_BEFORE}({_DIGITS}){_AFTER}(?:\s({_SCALE_WORDS})\b)?", re.IGNORECASE),
        words=re.compile(rf"\b(?:a\s+(?=(?:hundred|thousand|million|billion|dozen)\b))?{word_number}\b",
                         re.IGNORECASE),
        qualifier=re.compile(rf"\b({qualifier})\s+(?:\$\s?)?$", re.IGNORECASE),
        token=re.compile(r"[$€£%]|\d+(?:[.,]\d+)*\w*|\w+(?:['’\-]\w+)*|[^\w\s]"),
        digit=re.compile(r"\d"),
        word=re.compile(r"[^\W\d_]+"),
        currency=re.compile(r"[$€£]"),
        decade_cue=re.compile(r"\d0['’]?s\b"),
        ordinal_cue=re.compile(r"\d(?:st|nd|rd|th)\b", re.IGNORECASE),
    )


# --- parsing numbers ------------------------------------------------------------------

def _number(text: str) -> float:
    return float(text.replace(",", ""))


def word_value(text: str) -> float | None:
    """The value of a run of number words ("thirty-seven", "a hundred and five"); None if not one."""
    numbers = lexicon().numbers
    total = current = 0.0
    seen = False
    for word in re.split(r"[\s\-]+", text.lower()):
        if word in ("and", "a", ""):
            continue
        value, kind = numbers.get(word, (None, ""))
        if value is None or kind not in ("unit", "ten", "scale"):
            return None
        seen = True
        if kind == "scale" and value == 100:
            current = max(current, 1.0) * 100
        elif kind == "scale" and value == 12:  # "a dozen", "two dozen"
            current = max(current, 1.0) * 12
        elif kind == "scale":
            total += max(current, 1.0) * value
            current = 0.0
        else:
            current += value
    return total + current if seen else None


def _small(text: str) -> float | None:
    text = text.lower()
    if text.isdigit():
        return float(text)
    if text in ("a", "one"):
        return 1.0
    return word_value(text)


def _scale(word: str | None) -> float:
    if not word:
        return 1.0
    return {"hundred": 1e2, "thousand": 1e3, "k": 1e3, "lakh": 1e5, "crore": 1e7, "million": 1e6, "mn": 1e6, "m": 1e6,
            "billion": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12}[word.lower()]


def plain_digits(digits: str, scale: float = 1.0) -> str:
    """``digits`` with a dot used as the thousands separator written without it ("12.500" -> "12500").

    Two or more dot groups ("1.000.000") always are; one group of exactly
    three digits after a leading 1-9 ("12.500", "US$4.295") is too, unless a
    scale word follows ("3.125 billion"): news gives counts and sums to three
    decimals almost never, while European outlets write thousands that way.
    Before a scale word, three digits ending in "00" are thousands too
    ("€1.200 million", "1.000 billion"): a decimal drops its trailing zeros
    ("1.2 million").
    """
    if re.fullmatch(r"\d{1,3}(?:\.\d{3}){2,}", digits) or (
            scale == 1 and re.fullmatch(r"[1-9]\d{0,2}\.\d{3}", digits)) or (
            scale != 1 and re.fullmatch(r"[1-9]\d{0,2}\.\d00", digits)):
        return digits.replace(".", "")
    return digits


def _precision(digits: str, scale: float, unit: str, settings: Settings) -> float:
    """Half the step of the last digit written: the rounding an unqualified figure allows.

    Counts and amounts of ``figure_round_min`` or more are read as rounded to
    their last non-zero digit ("1,800" is 1,750-1,850; "$4 million" is 3.5-4.5
    million); a percentage to its last decimal; anything else is exact.
    """
    digits = digits.replace(",", "")
    if "." in digits:
        decimals = len(digits.split(".", 1)[1])
        return 0.5 * 10 ** -decimals * scale
    if unit == "percent":
        return 0.5
    if unit not in ("count", "money") or _number(digits) * scale < settings.figure_round_min:
        return 0.0
    zeros = len(digits) - len(digits.rstrip("0")) if digits.strip("0") else 0
    return 0.5 * 10 ** zeros * scale


def step(digits: str, scale: float = 1.0) -> float:
    """The unit of the last non-zero digit written: "9,800" 100, "1,840" 10, "6.2" 0.1, "60" 10."""
    digits = digits.replace(",", "")
    if "." in digits:
        return 10.0 ** -len(digits.split(".", 1)[1]) * scale
    zeros = len(digits) - len(digits.rstrip("0")) if digits.strip("0") else 0
    return 10.0 ** zeros * scale


def interval(value: float, kind: str, precision: float, settings: Settings = DEFAULT,
             *, unit_step: float = 0.0) -> tuple[float, float]:
    """The values a figure allows, from its qualifier kind and implicit rounding.

    A hedge ("about", "nearly", "just over") allows ``figure_approx_tolerance``
    of the value, but no more than one ``unit_step`` (the unit of the last digit
    written, when known): "about 9,800" is 9,700-9,900, not 8,820-10,780; the
    writer who rounds to the hundred would have written "about 9,000".
    """
    width = value * settings.figure_approx_tolerance
    if unit_step > 0:
        width = min(width, unit_step)
    if kind == "above" or kind == "at_least":
        return (value, INFINITY)
    if kind == "just_above":
        return (value, value + width)
    if kind in ("below", "at_most"):
        return (0.0, value)
    if kind == "near_below":
        return (value - width, value)
    if kind == "approx":
        return (value - max(precision, width), value + max(precision, width))
    if kind == "exact":
        return (value, value)
    return (value - precision, value + precision)


# --- reading one sentence -------------------------------------------------------------

class _Token(NamedTuple):
    start: int
    end: int
    text: str


def _tokens(text: str, start: int, end: int) -> list[_Token]:
    return [_Token(m.start(), m.end(), m.group()) for m in patterns().token.finditer(text, start, end)]


def _is_plural(word: str) -> bool:
    lex = lexicon()
    lower = word.lower()
    if lower in lex.plurals:
        return True
    if lower in lex.stopwords or not lower.isalpha() or len(lower) < 4:
        return False
    return lower.endswith("s") and not lower.endswith(("ss", "us", "is", "ous"))


# A content word: letters (inner apostrophes and hyphens allowed), two or more.
_CONTENT = re.compile(r"[^\W\d_][^\W\d_'’\-]*(?:['’\-][^\W\d_]+)*")


class _Sentence:
    """One sentence being read: its text, tokens and which characters are taken."""

    def __init__(self, text: str, start: int, end: int, settings: Settings):
        lex = lexicon()
        self.text, self.start, self.end, self.settings = text, start, end, settings
        self.tokens = _tokens(text, start, end)
        self.starts = [t.start for t in self.tokens]
        self.taken: list[tuple[int, int]] = []
        lowered = [t.text.lower() for t in self.tokens]
        padded = f" {' '.join(lowered)} "
        self.cumulative = any(f" {marker} " in padded for marker in lex.cumulative)
        self.chrome = not lex.chrome.isdisjoint(lowered)
        # Each token's canonical stem when it is a content word, else "".
        self.content = [
            canonical(lower) if (_CONTENT.fullmatch(lower) and lower not in lex.stopwords
                                 and lower not in lex.numbers and lower not in lex.fraction_words) else ""
            for lower in lowered
        ]

    def free(self, a: int, b: int) -> bool:
        return all(b <= x or a >= y for x, y in self.taken)

    def take(self, a: int, b: int) -> None:
        self.taken.append((a, b))

    def token_after(self, offset: int) -> int:
        return bisect.bisect_left(self.starts, offset)

    def token_before(self, offset: int) -> int:
        return bisect.bisect_left(self.starts, offset) - 1


def _qualifier(s: _Sentence, start: int) -> tuple[str, str, int]:
    """The qualifier ending at ``start``: (words, kind, where it starts); ("", "", start) if none."""
    match = patterns().qualifier.search(s.text, max(s.start, start - 30), start)
    if not match:
        return "", "", start
    words = " ".join(match.group(1).lower().split())
    return words, lexicon().qualifiers[words], match.start()


def _counted(s: _Sentence, end: int, unit: str) -> tuple[str, bool, list[str]]:
    """The noun a figure counts, read after it: (noun as written, partitive, phrase words).

    Money skips "in"/"of"/"worth of" ("$4 million in fines"); a percentage and a
    partitive count ("two of the facilities") skip "of" and a determiner. The
    noun is the first plural within a few words, before any preposition,
    verb-like function word, figure or clause punctuation.
    """
    lex = lexicon()
    i = s.token_after(end)
    tokens = s.tokens
    partitive = False

    def word(k: int) -> str:
        return tokens[k].text.lower() if k < len(tokens) else ""

    if unit == "money" and word(i) in ("in", "of"):
        i += 1
    elif unit == "money" and word(i) == "worth" and word(i + 1) == "of":
        i += 2
    elif word(i) == "of" and unit in ("percent", "count"):
        partitive = unit == "count"
        i += 1
        while word(i) in ("the", "those", "these", "them", "its", "their", "all", "our"):
            i += 1
    phrase: list[str] = []
    crossed = False
    for k in range(i, len(tokens)):
        text = tokens[k].text
        lower = text.lower()
        if lower in ("and", "or") or text == ",":
            if not phrase:
                break  # "hits 32, kills one": the figure's own phrase ended with it
            crossed = True
            continue
        if len(phrase) >= 6:
            break
        if text[0].isdigit() and phrase and phrase[-1][:1].isupper() and phrase[-1].lower() in lex.identifiers:
            continue  # "19 missed Route 62 trips": a name's number inside the phrase
        if not (text[0].isalpha()) or lower in lex.stopwords:
            break
        if _is_plural(text):
            if crossed and _starts_figure(word(k + 1)):
                break  # "87.3 percent of the time and buses about 77 percent": the next figure's noun
            return text, partitive, phrase + [text]
        phrase.append(text)
    return "", partitive, phrase


def _starts_figure(word: str) -> bool:
    """A lower-case token that opens a figure: a number, a number word or a qualifier's first word."""
    lex = lexicon()
    return bool(word) and (word[0].isdigit() or word in lex.numbers or word in lex.qualifier_starts)


def _context(s: _Sentence, start: int, end: int, extra: list[str]) -> frozenset[str]:
    """Canonical stems of the content words within a window around ``start``-``end``."""
    window = s.settings.figure_context_words
    inside_first, inside_last = s.token_after(start), s.token_after(end)
    first = max(0, inside_first - window)
    last = min(len(s.tokens), inside_last + window)
    found = {canonical(w) for w in extra}
    found.update(s.content[first:inside_first])
    found.update(s.content[inside_last:last])
    found.discard("")
    return frozenset(found)


def _label(s: _Sentence, start: int) -> _Token | None:
    """The capitalised label before a number that names something ("Section 230", "No. 5",
    "Route 9") or is page chrome ("Comments 48"); None when there is none."""
    k = s.token_before(start)
    if k >= 0 and s.tokens[k].text == "." and k > 0:
        k -= 1
    if k < 0:
        return None
    word = s.tokens[k].text
    lex = lexicon()
    named = word[:1].isupper() and (word.lower() in lex.identifiers or word.lower() in lex.page_labels)
    return s.tokens[k] if named else None


def _excluded(s: _Sentence, start: int) -> bool:
    """A number that names something or labels page chrome: not a count, amount or rank."""
    return _label(s, start) is not None


def _name_number(s: _Sentence, start: int, end: int, digits: str) -> bool:
    """A bare number in a name or an address: "Windows 10", "Boeing 737", "12 Main Street".

    Read so when a short plain number follows a capitalised word inside the
    sentence (not at its start, and not in a headline set in Title Case), or
    comes before a capitalised word and a street word.
    """
    if not digits.isdigit() or len(digits) > 4:
        return False
    k = s.token_before(start)
    after = s.token_after(end)
    tokens = s.tokens
    if after + 1 < len(tokens) and tokens[after].text[:1].isupper() and \
            tokens[after + 1].text.lower().rstrip(".") in lexicon().streets:
        return True
    if k <= 0 or not tokens[k].text[:1].isupper() or not tokens[k].text.isalpha():
        return False
    if _qualifier(s, start)[0]:
        return False
    words = [t.text for t in tokens if len(t.text) > 3 and t.text.isalpha()]
    return not title_case(words, share=TITLE_CASE_SHARE, min_words=0)


def read(text: str, start: int = 0, end: int | None = None, settings: Settings = DEFAULT) -> list[Reading]:
    """Every figure of ``text[start:end]`` (one sentence), in order; offsets into ``text``."""
    end = len(text) if end is None else end
    if end <= start:
        return []
    lex = lexicon()
    p = patterns()
    has_digit = p.digit.search(text, start, end) is not None
    words = p.word.findall(text, start, end)
    has_month = not lex.month_names.isdisjoint(words)
    lowered = {w.lower() for w in words}
    has_word = not lex.cardinals.isdisjoint(lowered)
    has_ordinal = not lex.ordinals.isdisjoint(lowered)
    has_fraction = not lex.fractions.isdisjoint(lowered)
    has_vague = "of" in lowered and not lowered.isdisjoint(("thousands", "millions", "billions"))
    if not (has_digit or has_word or has_month or has_ordinal or has_fraction or has_vague):
        return []  # most sentences: nothing to read, and no pattern is run
    s = _Sentence(text, start, end, settings)
    if has_digit:
        for match in p.skip.finditer(text, start, end):
            s.take(match.start(), match.end())
    chunk = text[start:end]
    numeric = has_digit or has_word
    # Each reader runs only where its cue words are; in order of precedence
    # (a later reader skips what an earlier one took).
    readers = (
        ((p.date, _date), has_month and has_digit), ((p.date_day_first, _date), has_month and has_digit),
        ((p.iso_date, _iso_date), has_digit and "-" in chunk),
        ((p.year_span, _year_span), has_digit and any(dash in chunk for dash in "-–—")), (_periods, has_month),
        ((p.vague, _vague), has_vague),
        ((p.decade, _decade), has_digit and p.decade_cue.search(chunk) is not None),
        ((p.money, _amount), has_digit and p.currency.search(chunk) is not None),
        ((p.percent, _percent), numeric and ("%" in chunk or not lowered.isdisjoint(("percent", "per", "percentage")))),
        ((p.fraction, _fraction), has_fraction and (has_word or "a" in lowered or "half" in lowered)),
        ((p.ratio, _ratio), numeric and not lowered.isdisjoint(("in", "out"))),
        ((p.hyphen_duration, _hyphen_duration), numeric and "-" in chunk and not lex.time_words.isdisjoint(lowered)),
        ((p.hyphen_measure, _hyphen_measure), has_digit and "-" in chunk),
        ((p.ordinal, _ordinal), has_ordinal or (has_digit and p.ordinal_cue.search(chunk) is not None)),
        (_digit_numbers, has_digit), ((p.words, _word_number), has_word),
    )
    found: list[Reading] = []
    for reader, wanted in readers:
        if wanted:
            found.extend(_scan(s, *reader) if isinstance(reader, tuple) else reader(s))
    return sorted(found, key=lambda r: (r.start, r.end))


def _scan(s: _Sentence, pattern: re.Pattern, reading: Callable[[_Sentence, re.Match], Iterable[Reading]]
          ) -> list[Reading]:
    """Every figure ``reading`` makes of a match of ``pattern`` over words no earlier reader took.

    The one scanning loop of the readers: the matches are read in order, so a
    figure a match makes (``_make`` takes its words) keeps a later overlapping
    match from being read twice.
    """
    out: list[Reading] = []
    for match in pattern.finditer(s.text, s.start, s.end):
        if s.free(match.start(), match.end()):
            out.extend(reading(s, match))
    return out


def _make(s: _Sentence, a: int, b: int, value: float, unit: str, *, precision: float = 0.0,
          unit_step: float = 0.0, approximate: bool = False,
          counted: str = "", head: str | None = None, partitive: bool = False, qualifier: bool = True,
          phrase: list[str] | None = None, **calendar) -> Reading:
    """A Reading of ``s.text[a:b]``; ``approximate``: the wording is a hedge without a qualifier (a fraction)."""
    words, kind, q_start = _qualifier(s, a) if qualifier else ("", "", a)
    if unit in ("duration",) and words in ("over",):
        words, kind, q_start = "", "", a  # "over three months" is "during", not "more than"
    if approximate and not kind:
        kind = "approx"
    low, high = interval(value, kind, precision, s.settings, unit_step=unit_step)
    s.take(q_start, b)
    if head is None:
        head = canonical(counted) if counted else ""
    context = _context(s, q_start, b, phrase or [])
    return Reading(
        start=q_start, end=b, value=value, low=low, high=high, qualifier=words, qualifier_kind=kind,
        unit=unit, counted=counted, head=head, context=context, partitive=partitive,
        cumulative=s.cumulative, **calendar)


def _month(name: str) -> int:
    return lexicon().months.get(name.rstrip("."), 0)


def _date(s: _Sentence, match: re.Match) -> Iterator[Reading]:
    """ "Sept. 16, 2025" (month first), "May 22–26, 2023" (two dates) or "16 September" (day first);
    the year is optional."""
    day_first = match.re is patterns().date_day_first
    name, day = (match.group(2), int(match.group(1))) if day_first else (match.group(1), int(match.group(2)))
    last = None if day_first or not match.group(3) else int(match.group(3))
    year_text = match.group(3 if day_first else 4)
    if not (name[0].isupper() and 1 <= day <= 31):
        return
    year = int(year_text) if year_text else 0
    if last is None or not day < last <= 31:
        end = match.end() if last is None else match.end(2)
        yield _make(s, match.start(), end, float(day), "date", counted="date", head="date",
                    qualifier=False, year=year, months=(_month(name),), day=day)
        return
    yield _make(s, match.start(), match.end(2), float(day), "date", counted="date", head="date",
                qualifier=False, year=year, months=(_month(name),), day=day)
    yield _make(s, match.start(3), match.end(), float(last), "date", counted="date", head="date",
                qualifier=False, year=year, months=(_month(name),), day=last)


def _iso_date(s: _Sentence, match: re.Match) -> Iterator[Reading]:
    year, month, day = (int(g) for g in match.groups())
    if 1 <= month <= 12 and 1 <= day <= 31:
        yield _make(s, match.start(), match.end(), float(day), "date", counted="date", head="date",
                    qualifier=False, year=year, months=(month,), day=day)


def _year_span(s: _Sentence, match: re.Match) -> Iterator[Reading]:
    """ "2025-2029", "the 2025–26 school year": the first and the last year (a later one; two digits
    name a year of the first one's century at most a decade on)."""
    first, last_text = int(match.group(1)), match.group(2)
    last = int(last_text) if len(last_text) == 4 else first // 100 * 100 + int(last_text)
    if not first < last <= first + (10 if len(last_text) == 2 else 100):
        return
    fiscal = s.text[max(s.start, match.start() - 14):match.start()].lower().split()[-2:]
    counted = FISCAL_YEAR if "fiscal" in fiscal or fiscal[-1:] == ["fy"] else "year"
    yield _make(s, match.start(1), match.end(1), float(first), "year", counted=counted, head="year",
                qualifier=False, year=first)
    yield _make(s, match.start(2), match.end(2), float(last), "year", counted=counted, head="year",
                qualifier=False, year=last)


_MAGNITUDES = {"tens": 10.0, "hundreds": 100.0, "thousands": 1e3, "millions": 1e6, "billions": 1e9}


def _vague(s: _Sentence, match: re.Match) -> Iterator[Reading]:
    """ "tens of thousands of pounds", "hundreds of millions": a magnitude (its least value), approximate."""
    value = _MAGNITUDES[match.group(1).lower()] * _MAGNITUDES[match.group(2).lower()]
    noun = (match.group(3) or "").lower()
    if noun in _CURRENCY_WORDS:
        yield _make(s, match.start(), match.end(), value, "money", approximate=True, counted=_CURRENCY_WORDS[noun],
                    head="")
        return
    end = match.end(2)
    counted, partitive, phrase = _counted(s, end, "count")
    yield _make(s, match.start(), end, value, "count", approximate=True, counted=counted, partitive=partitive,
                phrase=phrase)


_RANGE_JOINS = ("to", "through", "thru", "until", "till", "-", "–", "—")
_LIST_JOINS = (",", "and", "or", "&")
# A capitalised "May" or "March" is a month only beside a year, another month or a word of time.
_MONTH_CUES = ("in", "of", "to", "through", "since", "until", "from", "between", "during", "early", "late",
               "mid", "last", "this", "next", "by", "before", "after", "and", "or", "till", "each", "every")


def _periods(s: _Sentence) -> list[Reading]:
    """Months, alone or in lists and ranges, with an optional year ("March to May 2018")."""
    tokens = s.tokens
    out = []
    k = 0
    while k < len(tokens):
        token = tokens[k]
        month = _month(token.text) if token.text[:1].isupper() else 0
        if not month or not s.free(token.start, token.end):
            k += 1
            continue
        # Gather month, (join, month)*, optional year.
        months = [month]
        joins: list[str] = []
        last = k
        j = k + 1
        if j < len(tokens) and tokens[j].text == "." and tokens[k].text in lexicon().months and len(tokens[k].text) <= 4:
            j += 1
        while j + 1 < len(tokens):
            join = tokens[j].text.lower()
            nxt = j + 1
            if join == "," and tokens[nxt].text.lower() in ("and", "or"):
                join, nxt = tokens[nxt].text.lower(), nxt + 1
            if join not in _RANGE_JOINS + _LIST_JOINS or nxt >= len(tokens):
                break
            candidate = _month(tokens[nxt].text) if tokens[nxt].text[:1].isupper() else 0
            if not candidate or not s.free(tokens[nxt].start, tokens[nxt].end):
                break
            months.append(candidate)
            joins.append(join)
            last = nxt
            j = nxt + 1
        year = 0
        end_token = last
        y = last + 1
        if y < len(tokens) and tokens[y].text == ",":
            y += 1
        if y < len(tokens) and re.fullmatch(r"\d{4}", tokens[y].text) and 1500 <= int(tokens[y].text) <= 2100:
            year = int(tokens[y].text)
            end_token = y
        previous = tokens[k - 1].text.lower() if k > 0 else ""
        ambiguous = tokens[k].text in ("May", "March", "Mar") and len(months) == 1 and not year
        if ambiguous and previous not in _MONTH_CUES:
            k = last + 1
            continue
        ranged = any(join in _RANGE_JOINS for join in joins) or (previous == "between" and joins == ["and"])
        if ranged and len(months) == 2:
            first, final = months
            span = (final - first) % 12
            months = [(first - 1 + i) % 12 + 1 for i in range(span + 1)]
        ordered = tuple(dict.fromkeys(months))
        a, b = tokens[k].start, tokens[end_token].end
        if previous in ("between", "from") and k > 0:
            a = tokens[k - 1].start
        out.append(_make(s, a, b, float(len(ordered)), "period", counted="months", head="period",
                         qualifier=False, year=year, months=ordered))
        k = end_token + 1
    return out


def _decade(s: _Sentence, match: re.Match) -> Iterator[Reading]:
    if match.group(2):
        decade = int(match.group(2))
    else:
        short = int(match.group(3))
        decade = (1900 if short >= 30 else 2000) + short
    part = (match.group(1) or "").lower()
    low, high = {"early": (0, 3), "mid": (3, 6), "late": (6, 9)}.get(part, (0, 9))
    reading = _make(s, match.start(), match.end(), float(decade), "decade", counted="years", head="year",
                    qualifier=False, year=decade)
    yield replace(reading, low=float(decade + low), high=float(decade + high))


def _amount(s: _Sentence, match: re.Match) -> Iterator[Reading]:
    a, b = match.start(), match.end()
    after = s.text[b:b + 12].lower()
    if s.chrome and re.match(r"\s*(?:/|a\s|per\s|each\s)\s*(?:week|month|year|day|wk|mo)", after):
        s.take(a, b)  # a subscription price on the page, not a figure of the story
        return
    scale = _scale(match.group(3))
    digits = plain_digits(match.group(2), scale)
    value = _number(digits) * scale
    precision = _precision(digits, scale, "money", s.settings)
    noun, _, phrase = _counted(s, b, "money")
    yield _make(s, a, b, value, "money", precision=precision, unit_step=step(digits, scale),
                counted=noun or match.group(1),
                head=canonical(noun) if noun else "", phrase=phrase)


def _percent(s: _Sentence, match: re.Match) -> Iterator[Reading]:
    a, b = match.start(), match.end()
    if match.group(1):
        value = _number(match.group(1))
        precision = _precision(match.group(1), 1.0, "percent", s.settings)
        unit_step = step(match.group(1))
    else:
        value = word_value(match.group(2))
        if value is None:
            return
        precision = 0.5
        unit_step = step(f"{value:g}")
    noun, _, phrase = _counted(s, b, "percent")
    # "targets of 92 and 85 percent", "3, 4 or 5 percent": the sign serves the numbers before too.
    first = match.start()
    while match.group(1):
        shared = patterns().shared_percent.search(s.text, s.start, first)
        if shared and first == match.start() and shared.group(2).strip() == ",":
            break  # "on day 5, 40 percent": a list ends with "and" or "or" before its last item
        if (not shared or not s.free(shared.start(1), shared.end(1))
                or re.fullmatch(r"\d{4}", shared.group(1))):  # "in 2019 and 85 percent": a year
            break
        digits, first = shared.group(1), shared.start(1)
        yield _make(s, shared.start(1), shared.end(1), _number(digits), "percent",
                    precision=_precision(digits, 1.0, "percent", s.settings), unit_step=step(digits),
                    counted=noun, phrase=phrase)
    yield _make(s, a, b, value, "percent", precision=precision, unit_step=unit_step, counted=noun,
                phrase=phrase)


def _fraction(s: _Sentence, match: re.Match) -> Iterator[Reading]:
    """ "a third", "two-thirds", "half": a share in words."""
    if match.group(3):
        top, bottom = 1.0, 2.0
    else:
        top = _small(match.group(1))
        bottom = lexicon().fraction_words[match.group(2).lower()]
    yield from _share(s, match, top, bottom)


def _ratio(s: _Sentence, match: re.Match) -> Iterator[Reading]:
    """ "one in five", "3 out of 4": a share as a ratio."""
    yield from _share(s, match, _small(match.group(1) or match.group(2)), _small(match.group(3) or match.group(4)))


def _share(s: _Sentence, match: re.Match, top: float | None, bottom: float | None) -> Iterator[Reading]:
    """The percentage ``top`` of ``bottom`` (a proper fraction), read as the hedge a share in words is
    ("three-quarters" for 76.8 percent)."""
    if top is None or not bottom or top >= bottom:
        return
    noun, _, phrase = _counted(s, match.end(), "percent")
    yield _make(s, match.start(), match.end(), round(top / bottom * 100, 4), "percent", precision=0.5,
                approximate=True, unit_step=100 / bottom, counted=noun, phrase=phrase)


def _hyphen_duration(s: _Sentence, match: re.Match) -> Iterator[Reading]:
    """ "a 30-day recall", "a 15-year-old": the number counts the unit of time joined to it."""
    a, b = match.start(), match.end()
    value = _number(match.group(1)) if match.group(1) else word_value(match.group(2))
    if value is None:
        return
    unit, _ = lexicon().time_units[match.group(3).lower()]
    if match.group(0).lower().endswith("-old"):
        noun, _, phrase = _counted(s, b, "count")
        yield _make(s, a, b, value, "count", counted=f"{unit}-old", head=f"{unit}-old", qualifier=True,
                    phrase=phrase)
    else:
        yield _make(s, a, b, value, "duration", counted=unit, head=unit)


def _hyphen_measure(s: _Sentence, match: re.Match) -> Iterator[Reading]:
    """ "8-ounce tubs", "a 40-foot barge": the number counts the unit joined to it."""
    unit = match.group(2)
    yield _make(s, match.start(), match.end(), _number(match.group(1)), "count", unit_step=step(match.group(1)),
                counted=unit, head=canonical(unit), qualifier=True, phrase=[unit])


def _ordinal(s: _Sentence, match: re.Match) -> Iterator[Reading]:
    a, b = match.start(), match.end()
    if _excluded(s, a):
        return
    text = match.group(0).lower()
    if text[0].isdigit():
        value = float(re.match(r"\d+", text).group())
    else:
        numbers = lexicon().numbers
        parts = text.split("-")
        if len(parts) == 1 and numbers[parts[0]][0] <= 3 and not _small_ordinal(s, match):
            return
        value = sum(numbers[p][0] for p in parts)
    noun, _, phrase = _counted(s, b, "ordinal")
    head = canonical(noun) if noun else (canonical(phrase[-1]) if phrase else "")
    yield _make(s, a, b, value, "ordinal", counted=noun or (phrase[-1] if phrase else ""),
                head=head, qualifier=False, phrase=phrase)


def _small_ordinal(s: _Sentence, match: re.Match) -> bool:
    """ "the third such case", "a second night": a rank or a count of occasions.

    "First" is a word of order far more often than a figure, and so are
    "second"/"third" opening a clause of a list ("Second, ..."), as a name
    ("Third Street"), as a unit of time ("a second later" is read as the
    second beside punctuation) or in a set phrase ("third party").
    """
    word = match.group(0)
    if word.lower() == "first" or not word[0].islower():
        return False
    rest = s.text[match.end():s.end]
    following = re.match(r"[\s\-]*([^\W\d_]+)", rest)
    if not following or not re.match(r"[\s\-]", rest):
        return False
    k = s.token_before(match.start())
    previous = s.tokens[k].text.lower() if k >= 0 else ""
    return following.group(1).lower() not in lexicon().ordinal_terms and previous not in ("per", "every", "each")


def _after_word(s: _Sentence, end: int) -> str:
    k = s.token_after(end)
    return s.tokens[k].text if k < len(s.tokens) else ""


_TIME_WORDS = frozenset({"in", "since", "of", "by", "from", "until", "to", "before", "after", "during", "for", "and",
                         "the", "its", "between", "through", "early", "late", "mid", "fiscal", "year", "spring",
                         "summer", "autumn", "fall", "winter"})
# A sum written with its currency after it ("1.2 billion euros") is money in that currency.
_CURRENCY_WORDS = {"dollars": "$", "euros": "€", "euro": "€", "pounds": "£"}


def _classify(s: _Sentence, a: int, b: int, value: float, digits: str, scale: float,
              precision: float) -> Reading | None:
    """A plain number: a year, a duration, an amount in dollars or a count."""
    units = lexicon().time_units
    following = _after_word(s, b)
    lower = following.lower()
    unit_step = step(digits, scale)
    if lower in units:
        unit, _ = units[lower]
        return _make(s, a, s.text.find(following, b) + len(following), value, "duration",
                     unit_step=unit_step, counted=unit, head=unit)
    # "41,600 pounds of cheese" weighs; only "pounds" not followed by "of" is a sum of money.
    weight = lower == "pounds" and s.text[s.text.find(following, b) + len(following):].lstrip().lower().startswith("of ")
    if lower in _CURRENCY_WORDS and not weight:
        stop = s.text.find(following, b) + len(following)
        noun, _, phrase = _counted(s, stop, "money")
        return _make(s, a, stop, value, "money", precision=precision, unit_step=unit_step,
                     counted=noun or _CURRENCY_WORDS[lower],
                     head=canonical(noun) if noun else "", phrase=phrase)
    # A year is four bare digits: "1.500" or "1,500" (a thousands separator) is a number, never a year.
    is_year_shape = (re.fullmatch(r"\d{4}", s.text[a:b]) is not None and 1500 <= value <= 2100 and scale == 1)
    before = [t.text.lower() for t in s.tokens[max(0, s.token_before(a) - 1):s.token_before(a) + 1]]
    # "1450 arrests" counts; so does a headline's "1894 Homes Damaged", unless a preposition makes it a time.
    counts = _is_plural(following) and (following[:1].islower() or (
        following[:1].isupper() and _is_plural(lower) and before[-1:] != [] and before[-1] not in _TIME_WORDS))
    if is_year_shape and not counts:
        fiscal = before[-1:] == ["fiscal"] or before == ["fiscal", "year"]
        return _make(s, a, b, value, "year", counted=FISCAL_YEAR if fiscal else "year", head="year",
                     qualifier=False, year=int(value))
    noun, partitive, phrase = _counted(s, b, "count")
    return _make(s, a, b, value, "count", precision=precision, unit_step=unit_step, counted=noun,
                 partitive=partitive, phrase=phrase)


def _digit_numbers(s: _Sentence) -> list[Reading]:
    out = []
    for match in patterns().number.finditer(s.text, s.start, s.end):
        a, b = match.start(), match.end()
        label = _label(s, a) if s.free(a, b) else None
        if label is not None and match.group(1).isdigit() and label.text.lower() in lexicon().identifiers:
            # "Route 62": a name, the same only as the same label with the same number.
            out.append(_make(s, label.start, b, float(match.group(1)), "identifier", counted=label.text.lower(),
                             head=label.text.lower(), qualifier=False))
            continue
        if not s.free(a, b) or label is not None or (not match.group(2) and _name_number(s, a, b, match.group(1))):
            s.take(a, b)
            continue
        scale = _scale(match.group(2))
        digits = plain_digits(match.group(1), scale)
        value = _number(digits) * scale
        precision = _precision(digits, scale, "count", s.settings)
        reading = _classify(s, a, b, value, digits, scale, precision)
        if reading is not None:
            out.append(reading)
    return out


def _word_number(s: _Sentence, match: re.Match) -> Iterator[Reading]:
    text = match.group(0)
    if text.lower() == "one":
        return
    value = word_value(text)
    if value is None or text.lower() in ("hundred", "thousand", "million", "billion", "trillion", "dozen"):
        return
    digits = str(int(value)) if value == int(value) else str(value)
    precision = _precision(digits, 1.0, "count", s.settings)
    reading = _classify(s, match.start(), match.end(), value, digits, 1.0, precision)
    if reading is not None and reading.unit != "year":  # "nineteen ninety-eight" is too rare to read as a year
        yield reading


