"""Speakers: who a text credits for a quotation, named as the primary names them.

No downloaded model. Names are runs of capitalised words ("Attorney General
Jeff Sessions", "Office of Coastal Protection director Anselm Whitcombe"),
references back to a body ("the agency"), or pronouns. A speaker is found by
rules over the words around a quotation: a verb of speaking before or after it
("she said", "said Jane Roe", "Smith, the director, said that", "fumed Jane
Roe"), "according to", a colon or comma lead-in ("Whitcombe had this to
say:"), a dash attribution ("— Dr. Ruiz"). A common noun as the verb's subject
("..., prosecutors say") names nobody; a person "of" a body or place ("Nadia
Petrakis of the State Bureau") is the person; a possessor is not the speaker
("the agency’s director, Jane Roe"); a name, a description and a person's
name are about the person ("Springfield resident Jane Roe", "Fire Service boss
Jane Roe"). Pronouns take the last person named as a speaker or as a
sentence's subject (of the pronoun's gender where an honorific, a gendered
title or a common given name shows it); a common noun before the verb
("officials said the agency ...") makes the name after it no speaker. Names
are normalised against the fuller names the primary (then the article itself)
gives: "Sessions" -> "Jeff Sessions", "the DOJ" -> "Department of Justice",
"the agency" -> "Federal Waterways Agency".

All offsets here are offsets into the text given (a body's text); callers map
them to the document.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal, NamedTuple

from analysis.settings import TITLE_CASE_LINE_MIN_WORDS, TITLE_CASE_LINE_SHARE, word_list
from analysis.text.tokens import title_case

MentionKind = Literal["person", "organisation", "reference", "pronoun"]

# Stands for every character inside quotation marks in a "masked" text, so
# that names and verbs inside a quotation are never taken for its attribution.
MASK = "\ue000"

# Lower-case words that may stand inside a name ("Department of Justice").
_CONNECTORS = frozenset({"of", "the", "for", "and", "on", "de", "la", "le", "du", "van", "von", "der", "den", "al", "bin", "da", "dos", "del"})
# Third-person subject pronouns and what they can stand for ("I" and "we" in
# an article are its writer or its outlet, never a quoted speaker).
_PRONOUNS = {"he": "person", "she": "person", "it": "organisation", "they": "any"}
_PRONOUN = re.compile(r"\b(?:[Hh]e|[Ss]he|[Tt]hey|[Ii]t)\b")
_ACRONYM = re.compile(r"(?:[A-Z]\.){2,}|[A-Z]{2,6}s?")
_ACCORDING = re.compile(r"\baccording to\b", re.IGNORECASE)
_DASH_LEAD = re.compile(r"^[\s,]*(?:—|–|--|-)\s*")
_SENTENCE_PUNCT = re.compile(r"[.!?]+")
_CLOSING = "\"'”’)]" + MASK


@dataclass(frozen=True)
class Mention:
    """A name, a reference ("the agency") or a pronoun, as written in a text."""

    start: int
    end: int
    text: str             # as written: "Attorney General Jeff Sessions"
    name: str             # titles and possessive dropped: "Jeff Sessions"
    kind: MentionKind
    # A body named in a person's title or affiliation ("Agency" in "Agency
    # Administrator Roe", "Roe of the Agency"): never a speaker of its own there.
    in_title: bool = False


@dataclass(frozen=True)
class Attribution:
    """The mention a quotation (or a reported statement) is credited to, and the cue that says so."""

    mention: Mention | None
    cue: str              # "verb", "according to", "colon lead-in", "dash", "follow-on"
    evidence: str         # the words of the text that carry the attribution


# ----------------------------------------------------------------- word lists

@lru_cache(maxsize=1)
def _said_verbs() -> frozenset[str]:
    return frozenset(word_list("said_verbs"))


@lru_cache(maxsize=1)
def _said_verb_pattern() -> re.Pattern:
    verbs = sorted(_said_verbs(), key=lambda v: (-len(v), v))
    return re.compile(r"\b(?:" + "|".join(map(re.escape, verbs)) + r")\b")


@lru_cache(maxsize=1)
def _titles() -> tuple[tuple[str, ...], ...]:
    """Titles as word tuples, longest first."""
    titles = {tuple(t.casefold().split()) for t in word_list("speaker_titles")}
    return tuple(sorted(titles, key=lambda t: (-len(t), t)))


@lru_cache(maxsize=1)
def _titles_by_first_word() -> dict[str, tuple[tuple[str, ...], ...]]:
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for title in _titles():
        by_first.setdefault(title[0], []).append(title)
    return {word: tuple(titles) for word, titles in by_first.items()}


@lru_cache(maxsize=1)
def _title_words() -> frozenset[str]:
    return frozenset(word for title in _titles() for word in title)


@lru_cache(maxsize=1)
def _organisation_words() -> frozenset[str]:
    return frozenset(word_list("organisation_words"))


@lru_cache(maxsize=1)
def _reference_pattern() -> re.Pattern:
    """ "the agency", "the department"; "the director", "the attorney general" (a role); "the statement"."""
    heads = set(_organisation_words()) | set(_statement_words())
    heads |= {" ".join(title) for title in _titles() if not any(w.endswith(".") for w in title)}
    alternatives = "|".join(re.escape(h).replace(r"\ ", r"\s+") for h in sorted(heads, key=lambda v: (-len(v), v)))
    return re.compile(r"\b(?:[Tt]he|[Ii]ts|[Tt]his|[Tt]hat)\s+(" + alternatives + r")\b")


@lru_cache(maxsize=1)
def _statement_words() -> frozenset[str]:
    return frozenset(word_list("statement_words"))


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    return frozenset(word_list("name_stopwords"))


@lru_cache(maxsize=1)
def _gap_words() -> frozenset[str]:
    return frozenset(word_list("attribution_gap_words"))


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    return frozenset(word_list("abbreviations"))


@lru_cache(maxsize=1)
def _descriptors() -> frozenset[str]:
    """Lower-case nouns that say who a named person is ("resident", "boss"), titles included."""
    return frozenset(word_list("person_descriptors")) | _title_words()


def said_verbs_in(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Spans of the verbs of speaking in ``text[start:end]``."""
    end = len(text) if end is None else end
    return [m.span() for m in _said_verb_pattern().finditer(text, start, end)]


# ------------------------------------------------------------------ sentences

def sentence_ends(text: str, start: int, end: int) -> list[int]:
    """Offsets just after each sentence-ending mark in ``text[start:end]``.

    A period after an abbreviation ("Rep.", "Sept.") or an initial ("P.")
    does not end a sentence, nor one after initials ("J.D.") before a name.
    """
    ends = []
    for match in _SENTENCE_PUNCT.finditer(text, start, end):
        after = match.end()
        while after < end and text[after] in _CLOSING:
            after += 1
        if after < end and not text[after].isspace() and text[after] not in "“‘\"'":
            continue
        if match.group() == ".":
            word = re.search(r"([\w.]+)$", text[max(start, match.start() - 20):match.start()])
            if word:
                bare = word.group(1).rstrip(".")
                if len(bare) == 1 and bare.isupper() or bare.casefold() in _abbreviations():
                    continue
                if re.fullmatch(r"(?:[A-Z]\.)+[A-Z]", bare):
                    # Initials: "J.D. Vance" goes on; "in the U.S. The agency" ends.
                    following = re.match(r"\s+([A-Z][\w'’\-]*)", text[after:end])
                    if following and following.group(1).casefold() not in _stopwords():
                        continue
        ends.append(after)
    return ends


# ------------------------------------------------------------------- mentions

class _Token(NamedTuple):
    start: int
    end: int
    word: str
    possessive: bool
    capital: bool


def _tokens(text: str, start: int, end: int) -> list[_Token]:
    if start == 0 and end == len(text):
        return list(_all_tokens(text))
    return _tokenize(text, start, end)


@lru_cache(maxsize=32)
def _all_tokens(text: str) -> tuple[_Token, ...]:
    """The name tokens of a whole text (a pure function, cached: a body is read several times)."""
    return tuple(_tokenize(text, 0, len(text)))


@lru_cache(maxsize=1)
def _token_pattern() -> re.Pattern:
    """Words that may be part of a name: capitalised words and initials ("P.", "U.S."),
    and the lower-case connectors and titles that join them; other words are skipped."""
    lower = sorted(_CONNECTORS | {w.rstrip(".") for w in _title_words()}, key=lambda w: (-len(w), w))
    return re.compile(r"(?:[A-Z]\.){2,}|(?<![\w'’\-])(?:(?![a-z])[^\W\d_][\w'’\-]*\.?|(?:"
                      + "|".join(map(re.escape, lower)) + r")\b)")


def _tokenize(text: str, start: int, end: int) -> list[_Token]:
    tokens = []
    for match in _token_pattern().finditer(text, start, end):
        word, a, b = match.group(), match.start(), match.end()
        if not word[0].isupper():
            # Lower-case words only ever join a name as connectors or titles;
            # any other stands between two names and keeps them apart.
            if word in _CONNECTORS or word in _title_words():
                tokens.append(_Token(a, b, word, False, False))
            continue
        if word.endswith(".") and not re.fullmatch(r"(?:[A-Z]\.){2,}", word):
            bare = word[:-1]
            if not (len(bare) == 1 and bare.isupper()) and bare.casefold() not in _abbreviations() \
                    and (bare.casefold() + ".",) not in _titles():
                word, b = bare, b - 1
        possessive = False
        for suffix in ("’s", "'s"):
            if word.endswith(suffix) and len(word) > 2:
                word, possessive = word[:-2], True
        if not possessive and len(word) > 2 and word[-1] in "’'" and word[-2] == "s":
            word, possessive = word[:-1], True
        word = word.strip("'’-")
        if word:
            tokens.append(_Token(a, b, word, possessive, word[:1].isupper()))
    return tokens


def _sentence_initial(text: str, position: int, floor: int) -> bool:
    """Whether ``position`` opens a sentence (so its capital says nothing)."""
    i = position - 1
    # A line break is a paragraph's start (a headline has no closing period).
    while i >= floor and text[i] != "\n" and (text[i].isspace() or text[i] in "\"'“‘”’•(*" + MASK):
        i -= 1
    return i < floor or text[i] in ".!?:—–-\n"


def _is_acronym(word: str) -> bool:
    return bool(_ACRONYM.fullmatch(word)) and word.rstrip("s") not in ("I",)


def _title_end(words: list[str]) -> int:
    """Index just after the last title in ``words`` (0 if none)."""
    folded = [w.casefold() for w in words]
    found = 0
    i = 0
    while i < len(folded):
        for title in _titles_by_first_word().get(folded[i], ()):
            if tuple(folded[i:i + len(title)]) == title:
                found = i + len(title)
                i += len(title) - 1
                break
        i += 1
    return found


def _is_organisation(words: Sequence[str]) -> bool:
    if len(words) == 1 and _is_acronym(words[0]):
        return True
    return any(w.casefold().rstrip(".") in _organisation_words() for w in words)


def _joins_a_body(text: str, run: Sequence[_Token], tokens: Sequence[_Token], k: int) -> bool:
    """Whether "and" before ``tokens[k]`` is inside one body's name: "Forestry and Fire Service",
    "Fish and Wildlife Service". The words after it, capitalised and spaced
    without a break, name a body; the run before it is one word and no given
    name ("Jane Roe and Fire Service officials", "Jane and Fire Service" stay apart)."""
    if len(run) != 1 or run[0].word.casefold() in _first_names():
        return False
    after = []
    while k < len(tokens) and tokens[k].capital and text[tokens[k - 1].end:tokens[k].start] == " " \
            and not tokens[k - 1].possessive:
        after.append(tokens[k].word)
        k += 1
    return bool(after) and after[-1].casefold().rstrip(".") in _organisation_words()


def _runs(text: str, start: int, end: int) -> list[list[_Token]]:
    """Runs of capitalised words, joined by connectors ("of", "and") and lower-case titles."""
    tokens = _tokens(text, start, end)
    runs: list[list[_Token]] = []
    i = 0
    while i < len(tokens):
        if not tokens[i].capital:
            i += 1
            continue
        run = [tokens[i]]
        j = i + 1
        while j < len(tokens):
            gap = text[run[-1].end:tokens[j].start]
            if run[-1].possessive:
                # "District Attorney’s Office", "Children’s Hospital": a possessive inside a
                # body's name (the possessor no body itself: "the Agency’s Office" is two).
                possessor = run[-1]
                if gap != " " or not tokens[j].capital or _is_organisation([possessor.word]) \
                        or not _is_organisation([tokens[j].word]):
                    break
                run[-1] = _Token(possessor.start, possessor.end, text[possessor.start:possessor.end], False, True)
            if gap.strip() or "\n" in gap:
                break
            if tokens[j].capital:
                run.append(tokens[j])
                j += 1
                continue
            # Lower-case words join only when a capitalised word follows them.
            k = j
            while k < len(tokens) and k - j < 3 and not tokens[k].capital and not text[tokens[k - 1].end:tokens[k].start].strip():
                word = tokens[k].word.casefold()
                if word not in _CONNECTORS and word not in _title_words():
                    break
                if word == "and" and not _is_organisation([t.word for t in run]) \
                        and not _joins_a_body(text, run, tokens, k + 1):
                    break
                k += 1
            if k < len(tokens) and k > j and tokens[k].capital and not text[tokens[k - 1].end:tokens[k].start].strip():
                run.extend(tokens[j:k + 1])
                j = k + 1
                continue
            break
        runs.append(run)
        i = j
    return runs


def _affiliation(run: Sequence[_Token]) -> int:
    """Index of the "of" that joins a person's name to where they work or live, else 0.

    "Nadia Petrakis of the State Bureau of Investigation", "Jane Roe of
    Springfield", "Director Ann Ruiz of the Office": the words before it are a
    person's name (after any title: one to four words, no organisation word),
    shown to be one by a title, a common given name, or an organisation after
    the "of". "Department of Justice", "Bank of America", "Director of the
    Office" are never split.
    """
    k = next((k for k, t in enumerate(run) if t.word == "of"), 0)
    if k == 0 or k == len(run) - 1:
        return 0
    before = [t.word for t in run[:k]]
    cut = _title_end(before)
    name = before[cut:]
    if not 1 <= len(name) <= 4 or _is_organisation(name) or any(_is_acronym(w) for w in name) \
            or any(not t.capital for t in run[cut:k]) or run[k - 1].possessive:
        return 0
    after = [t.word for t in run[k + 1:] if t.word.casefold() not in _CONNECTORS]
    if cut or _is_organisation(after) or len(name) >= 2 and name[0].casefold() in _first_names():
        return k
    return 0


def mentions(text: str, start: int = 0, end: int | None = None, known: frozenset[str] = frozenset()) -> list[Mention]:
    """Every name, reference and pronoun in ``text[start:end]``, in order.

    ``known`` holds words seen capitalised in mid-sentence somewhere in the
    story: a lone capitalised word opening a sentence is a name only then
    ("Harrowgate said" yes, "Inspectors said" no).
    """
    end = len(text) if end is None else end
    found: list[Mention] = []
    for run in _runs(text, start, end):
        # Leading words that are never names: "The", "For", "According".
        while run and (run[0].word.casefold() in _stopwords() or run[0].word.casefold() in _CONNECTORS):
            if run[0].possessive:
                run = []
                break
            run = run[1:]
        while run and run[-1].word.casefold() in _CONNECTORS:
            run = run[:-1]
        if not run:
            continue
        words = [t.word for t in run]
        if len(run) == 1 and _sentence_initial(text, run[0].start, start) and not _is_acronym(words[0]) \
                and words[0] not in known:
            continue
        if len(run) == 1 and words[0].isupper() and len(words[0]) > 6:
            continue  # a dateline ("WASHINGTON") or a shouted word
        split = _affiliation(run)
        if split:
            # "Nadia Petrakis of the State Bureau of Investigation": the person,
            # and the body they speak for (never a speaker of its own here).
            body = run[split + 1:]
            while body and body[0].word.casefold() in _CONNECTORS:
                body = body[1:]
            if body and _is_organisation([t.word for t in body]):
                found.append(Mention(body[0].start, body[-1].end, text[body[0].start:body[-1].end],
                                     " ".join(t.word for t in body), "organisation", in_title=True))
            run = run[:split]
            words = words[:split]
        as_written = text[run[0].start:run[-1].end]
        cut = _title_end(words)
        if 0 < cut < len(words):
            rest = run[cut:]
            role = False
            while rest and rest[0].word.casefold() in _CONNECTORS:
                rest, role = rest[1:], True
            if not rest:
                continue
            if role:
                # "Commissioner of Police Chester Williams": the body, then maybe the person.
                last_body = max((k for k, t in enumerate(rest) if _is_organisation([t.word])), default=-1)
                person = rest[last_body + 1:]
                if 0 <= last_body and person and person[0].word.casefold() not in _CONNECTORS:
                    rest = person
                else:
                    # "Director of the Office of Coastal Protection": a role; the body is named.
                    found.append(Mention(rest[0].start, rest[-1].end, text[rest[0].start:rest[-1].end],
                                         " ".join(t.word for t in rest), "organisation"))
                    continue
            elif _is_organisation([t.word for t in rest]):
                found.append(Mention(rest[0].start, rest[-1].end, text[rest[0].start:rest[-1].end],
                                     " ".join(t.word for t in rest), "organisation"))
                continue
            title_start = cut
            while title_start > 0 and words[title_start - 1].casefold() in _title_words():
                title_start -= 1
            body = run[:title_start]
            if body and _is_organisation([t.word for t in body]):
                found.append(Mention(body[0].start, body[-1].end, text[body[0].start:body[-1].end],
                                     " ".join(t.word for t in body), "organisation", in_title=True))
            found.append(Mention(run[0].start, run[-1].end, as_written, " ".join(t.word for t in rest), "person"))
            continue
        if cut == len(words):
            continue  # only a title ("the Director")
        kind: MentionKind = "organisation" if _is_organisation(words) else "person"
        if kind == "person" and len(words) >= 3 and all(w.isupper() for w in words):
            continue  # a shouted headline ("MONEY MAN BLEW SAVINGS"), not a person's name
        found.append(Mention(run[0].start, run[-1].end, as_written, " ".join(words), kind))
    for match in _reference_pattern().finditer(text, start, end):
        name = "the " + " ".join(match.group(1).split()).casefold()
        found.append(Mention(match.start(), match.end(), match.group(), name, "reference"))
    for match in _PRONOUN.finditer(text, start, end):
        found.append(Mention(match.start(), match.end(), match.group(), match.group(), "pronoun"))
    found.sort(key=lambda m: (m.start, -m.end))
    # A pronoun or reference inside a name ("It" in a title run) is not separate.
    result: list[Mention] = []
    for mention in found:
        if result and mention.start < result[-1].end and mention.kind in ("pronoun", "reference"):
            continue
        result.append(mention)
    return result


def capitalised_words(text: str, spans: Sequence[tuple[int, int]] | None = None) -> set[str]:
    """Words written with a capital in mid-sentence (of ``spans`` only, if given): evidence that they are names."""
    spans = sorted(spans) if spans is not None else [(0, len(text))]
    starts = [a for a, _ in spans]
    seen = set()
    for token in _all_tokens(text):
        if not token.capital or token.word in seen:
            continue
        k = bisect.bisect_right(starts, token.start) - 1
        if k < 0 or token.start >= spans[k][1]:
            continue
        if not _sentence_initial(text, token.start, spans[k][0]):
            seen.add(token.word)
    return seen


@dataclass(frozen=True)
class Lexicon:
    """Every mention of one text, found once; windows take theirs by offset."""

    mentions: tuple[Mention, ...]
    starts: tuple[int, ...]

    def within(self, start: int, end: int) -> list[Mention]:
        i = bisect.bisect_left(self.starts, start)
        found = []
        while i < len(self.mentions) and self.mentions[i].start < end:
            if self.mentions[i].end <= end:
                found.append(self.mentions[i])
            i += 1
        return found


    def outside(self, masked: str) -> "Lexicon":
        """The mentions not inside quotations (``masked``: the text with them masked)."""
        kept = tuple(m for m in self.mentions if MASK not in masked[m.start:m.end])
        return Lexicon(kept, tuple(m.start for m in kept))


def lexicon(text: str, known: frozenset[str] = frozenset()) -> Lexicon:
    """Every mention of ``text``, in order."""
    found = mentions(text, 0, len(text), known)
    return Lexicon(tuple(found), tuple(m.start for m in found))


# --------------------------------------------------------------- attribution

_SPOKESPERSON = re.compile(r"\s*(?:an?|the|one)\s+(?:\w+\s+){1,2}(?:for|of|at|with|from)\s+(?:the\s+)?", re.IGNORECASE)
_CLAUSE_OPENING = re.compile(r"\s*(?:[^,]*,\s*)?(?:(?:the|a|an)\s+)?", re.IGNORECASE)


_NOUN_SUBJECT = re.compile(r"[,;:(—–]\s*((?:[a-z][\w'’\-]*\s+){1,4})$")
_ARTICLES = frozenset({"a", "an", "the"})


def _common_noun_subject(before_verb: str) -> bool:
    """Whether a verb of speaking has a common noun for its subject, after a clause break.

    "Halvorsen took the money, prosecutors say", "..., the indictment says":
    the subject is named by no name, so the sentence's earlier name is not it.
    The noun phrase is one to four lower-case words: its first may be an
    article or quantifier, the others are no function words ("had this to say"
    is not one), and the last, auxiliaries and adverbs aside, is the noun.
    """
    match = _NOUN_SUBJECT.search(before_verb)
    if not match:
        return False
    words = [w.casefold() for w in match.group(1).split()]
    while words and words[-1] in _gap_words():
        words.pop()
    return bool(words) and not any(w in _stopwords() for w in words[1:]) and words[-1] not in _stopwords()


def _opens_clause(prefix: str) -> bool:
    """Whether a mention after ``prefix`` is its clause's subject: nothing before it
    but an introductory phrase set off by a comma and an article ("On Tuesday, the")."""
    return bool(_CLAUSE_OPENING.fullmatch(prefix))


def _subject(text: str, window: tuple[int, int], verb: tuple[int, int], found: list[Mention]) -> Mention | None:
    """The mention a verb of speaking belongs to, inside ``window``."""
    lo, hi = window
    candidates = [m for m in found if not m.in_title]
    before = [m for m in candidates if m.end <= verb[0]]
    after = [m for m in candidates if m.start >= verb[1]]
    if before:
        last = before[-1]
        gap = text[last.end:verb[0]]
        if not re.search(r"[^\w\s]", gap) and all(w.casefold() in _gap_words() for w in gap.split()):
            return last
        pre = text[lo:verb[0]].rstrip()
        if pre.endswith(","):
            # "Anselm Whitcombe, director of the Office, said": skip the apposition.
            followed = [m for m in before if text[m.end:verb[0]].lstrip().startswith(",")]
            for mention in reversed(followed):
                apposition = text[text.index(",", mention.end) + 1:verb[0]].strip().rstrip(",").strip()
                if not apposition:
                    continue
                first = apposition.split()[0]
                if first[:1].islower() or first[:1].isdigit() or first.casefold() in _title_words() \
                        or first.casefold() in ("who", "the", "a", "an"):
                    return mention
            if followed:
                return followed[0]
        if _common_noun_subject(text[lo:verb[0]]):
            return None
        # The subject opening the clause: "Whitcombe, who directs the Office, had this to say".
        if _opens_clause(text[lo:before[0].start]):
            return before[0]
        return None
    if re.search(r"[^\W\d_]", text[lo:verb[0]]) and not _opens_clause(text[lo:verb[0]]):
        # "Officials said the agency spent ...": words no name stands for are the verb's
        # subject; a name after the verb is in what was said, not who said it.
        return None
    named = [m for m in after if m.kind != "pronoun"]
    if named and named[0] is after[0]:
        # "said Attorney General Jeff Sessions", "said a spokesperson for the agency"
        gap = text[verb[1]:named[0].start]
        # Lower-case words between: a role or an article ("said former commissioner"), but
        # never a preposition ("said prosecutors in Wexmouth": a place, not the speaker).
        gap_words = [w.casefold() for w in gap.split()]
        plain = not any(w in _stopwords() for k, w in enumerate(gap_words) if not (k == 0 and w in _ARTICLES))
        if not re.search(r"[^\w\s]", gap) and (len(gap_words) <= 3 and plain or _SPOKESPERSON.fullmatch(gap)):
            # "fumed Forestry Service boss Jane Roe": the person the body's name describes.
            person = described(text, named[0], named[1:], any_noun=True)
            if person is not None:
                return _speaker_behind(text, person, named[2:], hi)
            return _speaker_behind(text, named[0], named[1:], hi)
    return None


# One to three lower-case words between two names, on one line.
_DESCRIPTION = re.compile(r"[^\S\n]+((?:[a-z][\w\-]*[^\S\n]+){1,3})")


def _possessive(text: str, mention: Mention) -> bool:
    return bool(re.search(r"['’]s?$", text[mention.start:mention.end]))


def described(text: str, mention: Mention, following: Sequence[Mention], *, any_noun: bool = False) -> Mention | None:
    """The person a name is said of, when a description joins them: "Springfield resident Jane Roe".

    A name, one to three lower-case words, then a person's name, all on one
    line: the first name modifies the description of the second ("Marrow Gap
    resident", "Fire Service boss"), so the phrase is about the second. The
    last lower-case word must be a descriptor or a title (data lists) unless
    ``any_noun``: after a verb of speaking, where the words cannot be the
    sentence's own verb ("fumed Forestry Service boss Jane Roe"). A
    possessor ("Roe’s lawyer John Smith") is left to :func:`_speaker_behind`.
    Returns None when the mention is not followed so.
    """
    if not following or following[0].kind != "person" or mention.kind == "pronoun" or _possessive(text, mention):
        return None
    gap = _DESCRIPTION.fullmatch(text, mention.end, following[0].start)
    if gap is None:
        return None
    words = gap.group(1).split()
    if any(w in _stopwords() or w in _said_verbs() for w in words):
        return None
    if not any_noun and words[-1] not in _descriptors():
        return None
    return following[0]


class Subject(NamedTuple):
    """A person named as the subject of a sentence, and that sentence."""

    mention: Mention
    sentence: tuple[int, int]     # offsets of the sentence, its closing mark included
    speaks: bool                  # the sentence holds a verb of speaking
    gender: str = ""              # "female" / "male" where the sentence's own pronouns say so ("... her street")


_GENDERED_PRONOUNS = {"he": "male", "him": "male", "his": "male", "himself": "male",
                      "she": "female", "her": "female", "hers": "female", "herself": "female"}
_GENDERED = re.compile(r"\b(?:" + "|".join(_GENDERED_PRONOUNS) + r")\b", re.IGNORECASE)
# Capitalised words and a lower-case description before a person's name, opening a sentence.
_DESCRIPTION_PREFIX = re.compile(
    r"\s*(?:(?:[Tt]he|[Aa]n?)\s+)?(?:[A-Z][\w'’\-]*\s+){1,3}(?:[a-z][\w\-]*\s+)?([a-z][\w\-]*)\s+")


def sentence_subjects(text: str, paragraphs: Sequence[tuple[int, int]], words: Lexicon) -> list[Subject]:
    """The persons named as the subject of a sentence, in order ("Chief Jane Roe, who led the
    firefight, credited residents": Jane Roe).

    A subject opens its sentence, after at most an introductory phrase set off
    by a comma and an article (see :func:`_opens_clause`); a description
    ("Springfield resident Jane Roe") is about its last name; a possessor
    ("Roe’s lawyer") is not the subject. They are what a later "he" or "she"
    most likely stands for. ``text`` is masked (quotations are no sentence's
    subject); ``words`` its mentions outside quotations.
    """
    subjects = []
    for lo, hi in paragraphs:
        bounds = [lo] + [e for e in sentence_ends(text, lo, hi) if e < hi] + [hi]
        for start, stop in zip(bounds, bounds[1:]):
            found = [m for m in words.within(start, stop) if not m.in_title and m.kind != "pronoun"]
            if not found:
                continue
            prefix = text[start:found[0].start]
            # A capital opening a sentence may be no mention ("Keswin resident Jane Roe").
            described_by = _DESCRIPTION_PREFIX.fullmatch(prefix)
            if not _opens_clause(prefix) and not (described_by and described_by.group(1) in _descriptors()):
                continue
            head = described(text, found[0], found[1:]) or found[0]
            if head.kind == "person" and not _possessive(text, head):
                # Pronouns after the subject and before any other person stand for it.
                upto = next((m.start for m in found if m.start > head.start and m.kind == "person"), stop)
                said = {_GENDERED_PRONOUNS[w.casefold()] for w in _GENDERED.findall(text, head.end, upto)}
                gender = said.pop() if len(said) == 1 else ""
                subjects.append(Subject(head, (start, stop), bool(said_verbs_in(text, start, stop)), gender))
    return subjects


_POSSESSIVE_ROLE = re.compile(r"(?:['’]s?)\s+((?:[a-z][\w\-]*\s+){0,2}[a-z][\w\-]*)(,\s*)?")
_STATEMENT_SOURCE = re.compile(r"\s+(?:from|by|of|issued\s+by)\s+(?:the\s+)?")


def _speaker_behind(text: str, mention: Mention, following: Sequence[Mention], hi: int) -> Mention | None:
    """The speaker a mention after a verb of speaking stands for.

    Usually the mention itself. A possessor is not ("said the agency’s
    director, Jane Roe": the person in apposition; "said the agency’s
    spokesman": the body a spokesperson speaks for; "said Roe’s lawyer":
    nobody named). "The statement from the agency" is the agency's.
    """
    apostrophe = next((mention.end - k for k in (2, 1, 0) if text[mention.end - k:mention.end - k + 1] in ("’", "'")
                       and (k != 2 or text[mention.end - 1] == "s")), None)
    if apostrophe is not None and apostrophe >= mention.start:
        role = _POSSESSIVE_ROLE.match(text, apostrophe, hi)
        if role is None:
            return None
        if role.group(2) and following and following[0].start == role.end() and following[0].kind == "person":
            return following[0]
        if re.fullmatch(r"spokes\w+|representatives?", role.group(1).split()[-1]):
            return mention
        return None
    if mention.kind == "reference" and mention.name[4:] in _statement_words() and following:
        source = _STATEMENT_SOURCE.match(text, mention.end, hi)
        if source and following[0].start == source.end() and following[0].kind != "pronoun":
            return following[0]
    return mention


def attribution_in(text: str, window: tuple[int, int], *, after_quote: bool, lead_in: tuple[str, ...] = (":",),
                   known: frozenset[str] = frozenset(), words: Lexicon | None = None) -> Attribution | None:
    """The attribution in ``text[window]``: words before or after a quotation, or a lead-in.

    ``after_quote`` windows start right after a closing mark (", she said.");
    the others end at an opening mark or are a lead-in paragraph. Without a
    verb of speaking, a window ending in one of ``lead_in`` credits its
    subject ("Whitcombe had a warning:"). A verb with nobody named gives an
    Attribution whose mention is None ("officials said"). ``words``: the
    text's mentions found beforehand (else they are found in the window).
    """
    lo, hi = window
    if hi <= lo or not text[lo:hi].strip():
        return None
    found = words.within(lo, hi) if words is not None else mentions(text, lo, hi, known)
    evidence = " ".join(text[lo:hi].split())
    according = _ACCORDING.search(text, lo, hi)
    if according:
        following = [m for m in found if m.start >= according.end() and not m.in_title]
        if following and text[according.end():following[0].start].split() in ([], ["the"], ["The"]):
            return Attribution(following[0], "according to", evidence)
    if after_quote:
        dash = _DASH_LEAD.match(text[lo:hi])
        if dash and found:
            first = next((m for m in found if not m.in_title), None)
            if first is not None and not re.search(r"[^\w\s]", text[lo + dash.end():first.start]):
                return Attribution(first, "dash", evidence)
    verbs = said_verbs_in(text, lo, hi)
    if verbs:
        verb = verbs[0] if after_quote else verbs[-1]
        subject = _subject(text, window, verb, found)
        if subject is not None:
            return Attribution(subject, "verb", evidence)
    if not after_quote and text[lo:hi].rstrip().endswith(lead_in):
        first = next((m for m in found if not m.in_title and m.kind != "pronoun"), None)
        if first is not None and _opens_clause(text[lo:first.start]):
            return Attribution(first, "colon lead-in", evidence)
    if verbs:
        # A verb of speaking with nobody named ("officials said"): credited, but to no one we can name.
        return Attribution(None, "unnamed", evidence)
    return None


def speech_events(masked: str, paragraphs: Sequence[tuple[int, int]], words: Lexicon) -> list[Attribution]:
    """Every reported statement outside quotations ("Harrowgate said inspectors had found ...").

    They make a speaker "named" for the pronouns and follow-on quotations after them.
    """
    events = []
    for lo, hi in paragraphs:
        verbs = said_verbs_in(masked, lo, hi)
        if not verbs:
            continue
        bounds = [lo] + sentence_ends(masked, lo, hi) + [hi]
        for verb in verbs:
            start = max(b for b in bounds if b <= verb[0])
            stop = min(b for b in bounds if b >= verb[1])
            # A quotation inside the sentence bounds the clause too.
            left = masked.rfind(MASK, start, verb[0])
            right = masked.find(MASK, verb[1], stop)
            window = (left + 1 if left >= 0 else start, right if right >= 0 else stop)
            found = words.within(window[0], window[1])
            subject = _subject(masked, window, verb, found)
            if subject is not None:
                events.append(Attribution(subject, "verb", " ".join(masked[window[0]:window[1]].split())))
    return events


# ------------------------------------------------------------- normalisation

def _head(name: str) -> str:
    """The noun an organisation's name is built on: "Department of Justice" -> "department"."""
    words = name.split()
    if "of" in words[1:]:
        words = words[:words.index("of", 1)]
    return words[-1].casefold().rstrip(".") if words else ""


def _content_key(name: str) -> frozenset[str]:
    return frozenset(w.casefold().replace("’", "'") for w in name.split() if w.casefold() not in _CONNECTORS)


def _initials(name: str) -> set[str]:
    words = [w for w in re.split(r"[\s\-]+", name) if w]
    full = "".join(w[0] for w in words).upper()
    capital = "".join(w[0] for w in words if w[:1].isupper())
    return {full, capital}


_DEFINITION = re.compile(r"\(\s*((?:[A-Z]\.){2,}|[A-Z]{2,8})\s*\)")


def _definitions(text: str, words: Lexicon) -> dict[str, str]:
    """Acronyms a text spells out: "Internet Crimes Against Children (ICAC)" -> {"ICAC": ...}.

    The longest spelling wins: it is the fullest name the text gives.
    """
    found: dict[str, str] = {}
    for match in _DEFINITION.finditer(text):
        acronym = match.group(1).replace(".", "")
        runs = words.within(max(0, match.start() - 160), match.start())
        names = [m for m in runs if m.kind in ("organisation", "person") and not text[m.end:match.start()].strip()]
        if not names:
            continue
        name = names[-1].name
        if "".join(w[0] for w in name.split() if w[:1].isupper()).upper().startswith(acronym) or \
                any(i.startswith(acronym) for i in _initials(name)):
            if len(name) > len(found.get(acronym, "")):
                found[acronym] = name
    return found


@dataclass(frozen=True)
class Names:
    """The names one text gives in full, in order of appearance."""

    persons: tuple[tuple[int, str, tuple[str, ...]], ...]  # (offset, "Jeff Sessions", ("attorney", "general"))
    organisations: tuple[tuple[int, str], ...]  # (offset, "Department of Justice")
    definitions: tuple[tuple[str, str], ...]    # ("ICAC", "Internet Crimes Against Children Task Force Program")
    issuer: str                                  # the first organisation the text names: who issued it


def names_in(text: str, paragraphs: Sequence[tuple[int, int, str]], every: Lexicon, outside: Lexicon) -> Names:
    """The full names of ``text`` (a body), and its issuer.

    ``every`` holds all mentions of the text, ``outside`` those outside
    quotations; ``paragraphs`` are (start, end, kind) of the body: the issuer
    is looked for outside headlines and quotations.
    """
    persons, organisations = [], []
    for mention in every.mentions:
        if mention.kind == "person":
            persons.append((mention.start, mention.name, _roles(text, mention)))
        elif mention.kind == "organisation":
            organisations.append((mention.start, mention.name))
    issuer = ""
    for start, end, kind in paragraphs:
        if kind == "headline" or _title_case(text[start:end]):
            continue
        for mention in outside.within(start, end):
            if mention.kind == "organisation" and not _is_acronym(mention.name) \
                    and any(w.casefold() in _organisation_words() for w in mention.name.split()):
                issuer = mention.name
                break
        if issuer:
            break
    definitions = tuple(sorted(_definitions(text, every).items()))
    return Names(tuple(persons), tuple(organisations), definitions, issuer)


def _title_case(line: str, *, share: float = TITLE_CASE_LINE_SHARE, min_words: int = TITLE_CASE_LINE_MIN_WORDS
                ) -> bool:
    """Whether a line is written in title case (a headline or a deck, not prose):
    enough words of four letters or more, nearly all capitalised."""
    long_words = [w for w in re.findall(r"[^\W\d_]+", line) if len(w) >= 4]
    return title_case(long_words, share=share, min_words=min_words)


def _roles(text: str, mention: Mention) -> tuple[str, ...]:
    """The title words said of a person: before the name, or in an apposition before
    ("the agency’s chief, Jane Roe") or after it ("Jane Roe, the agency’s chief")."""
    before = mention.text[:len(mention.text) - len(mention.name)] if mention.text.endswith(mention.name) else ""
    leading = re.search(r"([\w.]+),\s*$", text[max(0, mention.start - 40):mention.start])
    if leading:
        before += " " + leading.group(1)
    after = ""
    apposition = re.match(r",\s*([^,.;:()]{1,80})", text[mention.end:mention.end + 82])
    if apposition:
        after = apposition.group(1)
    words = re.findall(r"[\w.]+", (before + " " + after).casefold())
    return tuple(sorted({w for w in words if w in _title_words()}))


def _lookup_acronym(acronym: str, sources: Sequence[Names]) -> str:
    bare = acronym.replace(".", "")
    for names in sources:
        for key, value in names.definitions:
            if key == bare:
                return value
    for names in sources:
        for _, name in names.organisations:
            if not _is_acronym(name) and bare in _initials(name):
                return name
    return ""


def canonical(mention: Mention, primary: Names, article: Names, at: int | None = None) -> str:
    """The name to report for ``mention``: the primary's form where it has one.

    Persons: a surname or a shorter form takes the full name the primary, else
    the article, gives ("Sessions" -> "Jeff Sessions"). Organisations:
    acronyms are spelled out ("DOJ" -> "Department of Justice"), "the
    agency" / "the department" become the organisation of that kind the
    primary names (its issuer first), and a reordered name ("Justice
    Department") takes the primary's form. A role ("the director") is the
    person last given that title in the article (before ``at``), else in the
    primary. Pronouns are not resolved here.
    """
    sources = (primary, article)
    if mention.kind == "person":
        words = mention.name.split()
        last = words[-1].casefold()
        for names in sources:
            for _, full, _ in names.persons:
                full_words = full.split()
                if len(full_words) < 2:
                    continue
                if full_words[-1].casefold() != last:
                    continue
                first = words[0].rstrip(".")
                if len(words) == 1 or first.casefold() == full_words[0].casefold() or \
                        len(first) == 1 and first.casefold() == full_words[0][0].casefold():
                    return full
        return mention.name
    if mention.kind == "organisation":
        name = mention.name
        if _is_acronym(name):
            name = _lookup_acronym(name, sources) or name
        key = _content_key(name)
        for names in sources:
            for _, full in names.organisations:
                if _content_key(full) == key:
                    return full
        return name
    if mention.kind == "reference" and mention.name[4:] in _statement_words():
        return primary.issuer or mention.name
    if mention.kind == "reference" and mention.name.split()[-1] not in _organisation_words():
        role = set(mention.name.split()[1:])
        for names, limit in ((article, at), (primary, None)):
            holders = [p for p in names.persons if role <= set(p[2]) and (limit is None or p[0] < limit)]
            if holders:
                person = Mention(0, 0, holders[-1][1], holders[-1][1], "person")
                return canonical(person, primary, article)
        return ""
    if mention.kind == "reference":
        head = mention.name.split()[-1].casefold()
        if primary.issuer and _head(primary.issuer) == head:
            return primary.issuer
        for names in sources:
            for _, full in names.organisations:
                if not _is_acronym(full) and _head(full) == head:
                    return full
            for _, full in names.organisations:
                if not _is_acronym(full) and head in (w.casefold() for w in full.split()):
                    return full
        return mention.name
    return mention.name


def pronoun_wants(mention: Mention) -> str:
    """What a pronoun can stand for: "person", "organisation" or "any"."""
    return _PRONOUNS.get(mention.name.casefold(), "any")


@lru_cache(maxsize=1)
def _first_names() -> dict[str, str]:
    names = {name: "female" for name in word_list("female_first_names")}
    names.update({name: "male" for name in word_list("male_first_names")})
    return names


_ROLES_MAN = r"(?:chair|spokes|congress|council|alder|committee|business|police|anchor)"
_FEMALE_WORDS = re.compile(r"\b(?:Mrs|Ms|Miss|Madam|Dame|Lady|" + _ROLES_MAN + r"woman)\b", re.IGNORECASE)
_MALE_WORDS = re.compile(r"\b(?:Mr|Sir|Lord|" + _ROLES_MAN + r"man)\b", re.IGNORECASE)


def pronoun_gender(mention: Mention) -> str:
    """ "female" for she, "male" for he, else ""."""
    return {"she": "female", "he": "male"}.get(mention.name.casefold(), "")


def gender(name: str, written: str = "") -> str:
    """A person's gender as far as plain evidence shows: "female", "male" or "" (unknown).

    Evidence: an honorific or a gendered title in the words as written
    ("Ms.", "spokeswoman"), else a common given name (the data lists).
    """
    if _FEMALE_WORDS.search(written) and not _MALE_WORDS.search(written):
        return "female"
    if _MALE_WORDS.search(written) and not _FEMALE_WORDS.search(written):
        return "male"
    words = name.split()
    return _first_names().get(words[0].casefold(), "") if len(words) > 1 else ""


def same_speaker(a: str, b: str) -> bool:
    """Whether two reported names are one speaker: equal, or persons with one surname."""
    a, b = a.casefold().strip(), b.casefold().strip()
    if not a or not b:
        return True
    if a == b:
        return True
    return a.split()[-1] == b.split()[-1]


def is_organisation_name(name: str) -> bool:
    """Whether a reported name is an organisation ("Department of Justice", "DOJ")."""
    words = name.split()
    return bool(words) and (_is_organisation(words) or (words[0].casefold() in ("the", "its") and len(words) == 2))
