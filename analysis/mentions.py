"""Facts a sentence states: figures, years, months of a period, and names.

A light reader shared by the event check, claims and omissions. It does not
label figures (that is ``analysis.numbers``); it reads what the other
measures need to stand on their own: a figure's value, kind, qualifier and
counted noun, whether it is consistent with a value of the primary, the
period an article reports, and the capitalised names it uses.

Word lists: ``data/number_words.txt``, ``data/months.txt``; qualifiers come
from ``corpus.reference.QUALIFIERS``.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from analysis.alignment import content_stems, fold, quoted_spans, stem
from analysis.cleaning import Body
from analysis.settings import word_list
from analysis.text import Sentence
from corpus.reference import QUALIFIERS

FigureKind = Literal["money", "percent", "count", "ordinal", "year", "decade"]

_TOKEN = re.compile(r"\$|%|\d[\d,]*(?:\.\d+)?(?:st|nd|rd|th|s)?\b|[A-Za-z]+(?:[-'’][A-Za-z]+)*\.?|[^\sA-Za-z\d]")
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "bn": 1e9}
_PERCENT = {"percent", "%", "pct"}
_RANGE_WORDS = {"to", "through", "thru", "and", "until", "till", "-", "–", "—"}
_UNIT_STOP = {"of", "in", "at", "for", "from", "to", "and", "or", "on", "with", "by", "the", "a", "an", "that",
              "who", "which", "as", "than", "over", "since", "during", "this", "these", "were", "was", "is",
              "are", "have", "has", "had", "be", "been", "per", "each"}
_PARTITIVE_SKIP = {"the", "these", "those", "its", "their", "his", "her", "our", "all"}


@dataclass(frozen=True)
class FigureMention:
    """A figure as written: body offsets, value, kind, qualifier and the noun it counts."""

    sentence: int
    start: int                 # body offsets
    end: int
    text: str
    value: float
    kind: FigureKind
    qualifier: str             # one of corpus.reference.QUALIFIERS ("" when none)
    unit: tuple[str, ...]      # stems of the counted noun phrase ("$" for money)
    partitive: bool            # "two of the facilities": a part, not the whole


@dataclass(frozen=True)
class Period:
    """Months and years a text gives for when something happened (dates excluded)."""

    months: frozenset[int]
    years: tuple[int, ...]     # every year named, in order of appearance


@dataclass(frozen=True)
class PrimaryFacts:
    """What the primary states, read once per story."""

    figures: tuple[FigureMention, ...]
    derived: tuple[float, ...]            # shares (percent) worked out from two of its figures
    period: Period
    event_year: int | None
    stems: frozenset[str]                 # content stems of the whole primary
    words: frozenset[str]                 # lower-case tokens of the whole primary
    speakers: tuple[tuple[int, frozenset[str]], ...]  # (quote paragraph, name tokens of its attribution)
    quoted_sentences: frozenset[int]      # primary sentences holding quoted words

    def speaker(self, paragraph: int) -> frozenset[str] | None:
        """Name tokens crediting the quotation in primary paragraph ``paragraph`` (None: no quotation)."""
        return next((names for index, names in self.speakers if index == paragraph), None)


@lru_cache(maxsize=1)
def _number_words() -> dict[str, tuple[float, bool]]:
    table = {}
    for entry in word_list("number_words"):
        parts = entry.split()
        table[parts[0]] = (float(parts[1]), len(parts) > 2 and parts[2] == "ordinal")
    return table


@lru_cache(maxsize=1)
def month_names() -> dict[str, int]:
    """Month names and abbreviations (lower case, no dot) -> month number."""
    return {name: int(number) for name, number in (e.split() for e in word_list("months"))}


def _month(token: str, first: bool, following: str, previous: str = "") -> int | None:
    word = token.rstrip(".")
    number = month_names().get(word.lower())
    if number is None or not word[:1].isupper():
        return None
    if word.lower() == "may" and (first or previous[:1].isupper()) and not following[:1].isdigit():
        # A capitalised "May" opening a sentence or inside a title-case run is the verb.
        return None
    return number


def _parse_number(token: str) -> float | None:
    digits = re.match(r"\d[\d,]*(?:\.\d+)?", token)
    if not digits:
        return None
    try:
        return float(digits.group().replace(",", ""))
    except ValueError:
        return None


def _number_word(token: str) -> tuple[float, bool, str] | None:
    """Value, ordinal?, and the rest of a hyphenated compound ("two-month" -> 2, False, "month")."""
    table = _number_words()
    parts = token.lower().rstrip(".").replace("’", "'").split("-")
    if parts[0] not in table:
        return None
    value, ordinal = table[parts[0]]
    rest = parts[1:]
    if rest and rest[0] in table and value >= 20 and table[rest[0]][0] < 10:
        value += table[rest[0]][0]
        ordinal = table[rest[0]][1]
        rest = rest[1:]
    return value, ordinal, "-".join(rest)


def _qualifier(words: list[str]) -> str:
    """The qualifier ending the lower-case words just before a figure."""
    tail2 = " ".join(words[-2:])
    if tail2 in QUALIFIERS:
        return tail2
    if words and words[-1] in QUALIFIERS:
        return words[-1]
    return ""


@lru_cache(maxsize=1)
def _maybe_figure() -> re.Pattern:
    words = "|".join(sorted(_number_words(), key=len, reverse=True))
    return re.compile(rf"\d|\b(?:{words})", re.IGNORECASE)


def sentence_figures(text: str, offset: int = 0, sentence: int = 0) -> list[FigureMention]:
    """The figures of one sentence ``text`` (offsets shifted by ``offset``)."""
    if not _maybe_figure().search(text):
        return []
    toks = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
    found: list[FigureMention] = []
    i = 0
    while i < len(toks):
        start, end, tok = toks[i]
        prev = toks[i - 1][2] if i else ""
        money = False
        if tok == "$" and i + 1 < len(toks) and toks[i + 1][2][:1].isdigit():
            money = True
            i += 1
            _, end, tok = toks[i]
        value = _parse_number(tok)
        kind: FigureKind = "count"
        ordinal = False
        rest = ""
        if value is None:
            word = _number_word(tok)
            if word is None:
                i += 1
                continue
            value, ordinal, rest = word
        else:
            suffix = re.sub(r"^\d[\d,]*(?:\.\d+)?", "", tok)
            if suffix in ("st", "nd", "rd", "th"):
                ordinal = True
            elif suffix == "s" and 1000 <= value <= 2099 and value % 10 == 0 and "," not in tok:
                kind = "decade"
            elif (not money and "," not in tok and "." not in tok and 1900 <= value <= 2099
                  and suffix == ""):
                kind = "year"
            if not money and _month(prev, i - 1 == 0, tok, toks[i - 2][2] if i > 1 else "") is not None \
                    and kind != "year":
                i += 1  # the day of a date ("Sept. 16")
                continue
            if prev == "(" and i + 1 < len(toks) and toks[i + 1][2] == ")" and value < 20:
                i += 1  # a list marker "(1)"
                continue
        j = i + 1
        if kind in ("count",) and j < len(toks) and toks[j][2].lower() in _SCALES:
            value *= _SCALES[toks[j][2].lower()]
            end = toks[j][1]
            j += 1
        if ordinal:
            kind = "ordinal"
        if money:
            kind = "money"
        elif j < len(toks) and toks[j][2].lower() in _PERCENT and kind == "count":
            kind = "percent"
            end = toks[j][1]
            j += 1
        elif j + 1 < len(toks) and toks[j][2].lower() == "per" and toks[j + 1][2].lower() == "cent":
            kind = "percent"
            end = toks[j + 1][1]
            j += 2
        before = [t[2].lower() for t in toks[max(0, i - 3 - money):i - money]]
        qualifier = _qualifier(before)
        unit: list[str] = []
        partitive = False
        if rest:
            unit.append(stem(rest.split("-")[0]))
        if kind == "money":
            unit = ["$"]
        elif kind == "percent":
            unit = ["percent"]
        elif kind in ("count", "ordinal"):
            k = j
            if k < len(toks) and toks[k][2].lower() == "of" and kind == "count":
                partitive = True
                k += 1
                while k < len(toks) and toks[k][2].lower() in _PARTITIVE_SKIP:
                    k += 1
            while k < len(toks) and len(unit) < 3:
                word = toks[k][2].lower().rstrip(".")
                if not word[:1].isalpha() or word in _UNIT_STOP:
                    break
                unit.append(stem(word.replace("’", "'").replace("'", "")))
                k += 1
        found.append(FigureMention(sentence, offset + start, offset + end, text[start:end], float(value),
                                   kind, qualifier, tuple(unit), partitive))
        i = j
    return found


@lru_cache(maxsize=64)
def figures(body: Body) -> tuple[FigureMention, ...]:
    """Every figure of a body, in order (cached: several measures read the same article)."""
    return tuple(f for s in body.sentences for f in sentence_figures(s.text, s.start, s.index))


def significant_digits(value: float) -> int:
    digits = f"{abs(value):.6g}".replace(".", "").replace("-", "")
    digits = digits.split("e")[0].lstrip("0").rstrip("0")
    return max(len(digits), 1)


def consistent(value: float, qualifier: str, reference: float, *, tolerance: float) -> str | None:
    """'match' if equal, 'rounded' if ``value`` (with its qualifier) approximates ``reference``, else None.

    A rounding is the reference rounded up or down to the value's own
    precision ("more than 2,000" or "nearly 2,400" for 2,350, not "2,200"),
    in the direction its qualifier allows, and within ``tolerance`` of it.
    """
    if reference == 0:
        return "match" if value == 0 else None
    if abs(value - reference) <= 1e-9 * abs(reference):
        return "match"
    if qualifier in ("more than", "over", "at least") and value > reference:
        return None
    if qualifier in ("nearly", "almost", "just under", "under", "fewer than", "less than") and value < reference:
        return None
    if abs(value - reference) / abs(reference) > tolerance:
        return None
    step = 10.0 ** (math.floor(math.log10(abs(reference))) - significant_digits(value) + 1)
    if step <= 0 or not (significant_digits(value) < significant_digits(reference) or qualifier):
        return None
    candidates = (math.floor(reference / step) * step, math.ceil(reference / step) * step)
    if any(abs(value - c) <= 1e-9 * max(abs(c), 1.0) for c in candidates):
        return "rounded"
    return None


@lru_cache(maxsize=1)
def _maybe_month() -> re.Pattern:
    return re.compile(r"\b(?:" + "|".join(sorted(month_names(), key=len, reverse=True)) + r")\b")


@lru_cache(maxsize=64)
def period(body: Body, sentences: tuple[Sentence, ...] | None = None) -> Period:
    """The months (not dates) and years that ``sentences`` (default: all of the body) name."""
    months: set[int] = set()
    years: list[int] = []
    for sentence in body.sentences if sentences is None else sentences:
        if any(ch.isdigit() for ch in sentence.text):
            years.extend(int(f.value) for f in sentence_figures(sentence.text) if f.kind == "year")
        if not _maybe_month().search(sentence.text.lower()):
            continue
        toks = [m.group() for m in _TOKEN.finditer(sentence.text)]
        named: list[tuple[int, int]] = []  # (token position, month)
        for i, tok in enumerate(toks):
            following = toks[i + 1] if i + 1 < len(toks) else ""
            number = _month(tok, i == 0, following, toks[i - 1] if i else "")
            if number is None:
                continue
            if following[:1].isdigit() and len(re.sub(r"\D", "", following)) <= 2:
                continue  # a date, not a period
            named.append((i, number))
        for (i, a), (k, b) in zip(named, named[1:]):
            between = {t.lower() for t in toks[i + 1:k]}
            if k - i <= 3 and between & _RANGE_WORDS and not between & {","} and b > a:
                months.update(range(a, b + 1))
        months.update(m for _, m in named)
    return Period(frozenset(months), tuple(years))


# "WASHINGTON (AP) — ", "WASHINGTON, Sept. 16, 2025 — ", "Washington, DC - "
_DATELINE = re.compile(r"^(?:[A-Z][A-Z.'’]+|[A-Z][a-z]+(?=,\s+[A-Z]{2}\b))(?:,?\s+(?:[A-Z][A-Za-z.'’]*|\d{1,4}))*(?:\s*\([^()]{1,40}\))?\s+[—–-]{1,2}\s+")


def dateline_end(text: str) -> int:
    """Length of an opening dateline ("WASHINGTON (AP) — ") of a sentence, 0 if none."""
    match = _DATELINE.match(text)
    return match.end() if match else 0


def names(text: str) -> list[str]:
    """Capitalised word tokens of ``text`` past its first word (names, titles), months excluded."""
    found = []
    for position, match in enumerate(re.finditer(r"[A-Za-z][A-Za-z]*(?:[-'’.][A-Za-z]+)*", text)):
        word = match.group()
        if position == 0 or not word[:1].isupper() or len(word) < 2 or word == "I":
            continue
        if word.rstrip(".").lower() in month_names():
            continue
        found.append(re.sub(r"['’]s$", "", word))
    return found


def title_case(sentence: Sentence) -> bool:
    """A headline or heading written in title case, where capitals say nothing about names."""
    words = [w for w in re.findall(r"[A-Za-z]+", sentence.text) if len(w) > 3]
    return sentence.kind in ("headline", "heading") and bool(words) and \
        sum(w[:1].isupper() for w in words) >= 0.6 * len(words)


def _speakers(primary: Body, quoted: tuple[tuple[tuple[int, int], ...], ...],
              min_words: int) -> tuple[tuple[int, frozenset[str]], ...]:
    """Name tokens of the attribution of each paragraph that quotes ``min_words``+ words.

    A paragraph quoting without naming anyone ("she said") inherits the names
    of the closest paragraph before it that names someone.
    """
    result: list[tuple[int, frozenset[str]]] = []
    last: frozenset[str] = frozenset()
    for paragraph in primary.paragraphs:
        members = [s for s in primary.sentences if s.paragraph == paragraph.index]
        quoted_words = 0
        own = []
        for s in members:
            cursor = s.start
            for a, b in quoted[s.index]:
                quoted_words += len(primary.text[a:b].split())
                own.append(primary.text[cursor:a])
                cursor = b
            own.append(primary.text[cursor:s.end])
        tokens = frozenset(w.lower() for piece in own for w in names(" " + piece))
        if quoted_words >= min_words:
            result.append((paragraph.index, tokens or last))
        if tokens:
            last = tokens
    return tuple(result)


@lru_cache(maxsize=16)
def primary_facts(primary: Body, quote_min_words: int = 4) -> PrimaryFacts:
    """Everything the other measures need to know about the primary (cached per body)."""
    found = figures(primary)
    amounts = [f.value for f in found if f.kind in ("money", "count") and f.value > 0]
    derived = sorted({round(100.0 * a / b, 4) for a in amounts for b in amounts if a < b})
    per = period(primary)
    with_months = [
        y for s in primary.sentences
        for y in (int(f.value) for f in sentence_figures(s.text) if f.kind == "year")
        if period(primary, (s,)).months
    ]
    counts = Counter(with_months or per.years)
    event_year = max(counts, key=lambda y: (counts[y], y)) if counts else None
    quoted = quoted_spans(primary)
    return PrimaryFacts(
        figures=found,
        derived=tuple(derived),
        period=per,
        event_year=event_year,
        stems=frozenset(content_stems(primary.text)),
        words=frozenset(w.lower() for w in re.findall(r"[A-Za-z]+(?:[-'’][A-Za-z]+)*", fold(primary.text))),
        speakers=_speakers(primary, quoted, quote_min_words),
        quoted_sentences=frozenset(i for i, q in enumerate(quoted) if q),
    )
