"""Quote fidelity: every quotation, its speaker, and how faithful it is to the primary.

Three steps, each a plain function:

1. **Extraction** (:func:`extract`): quotation marks straight, curly or
   single; a paragraph that opens a quotation and leaves it open while the
   next paragraph reopens it (the news convention) gives one quotation; a
   closing mark with no opening mark closes a block quotation that began with
   its paragraph; ``"A," she said, "B."`` is one quotation of two segments;
   apostrophes (it's, reporter’s, '90s) are never quotation marks; quoted text
   under ``settings.quote_min_words`` words is a *term*, kept apart.
2. **Speakers** (:mod:`analysis.readers.speakers`): the person or body the text
   credits, named as the primary names them.
3. **Fidelity** (:func:`analyse_story`): each article quotation is aligned
   word by word with the primary (candidate spans found by shared word
   n-grams, then ``difflib.SequenceMatcher``) and labelled with the
   codebook's labels, with its edits and the primary span it comes from. A
   quotation the primary lacks is checked against the other articles of the
   story (its *provenance*). A quotation's closing period or comma belongs to
   the article's sentence, and written forms of one word ("%" / "percent",
   "nine" / "9", "Oct." / "October") are spelling variants.
4. **Event** (:func:`for_event`): once the event check has run, an article
   about another event than the primary's keeps only the wording both
   releases share as exact/trivial; its other quotations are unsourced, with
   a note saying why.

Every span in a record is a DOCUMENT offset.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from difflib import SequenceMatcher
from typing import Literal

from analysis.readers import speakers
from analysis.readers.cleaning import Body
from analysis.records import EventCheck
from analysis.settings import DASH_ATTRIBUTION_MAX_WORDS, DEFAULT, Settings, word_list
from analysis.text.sentences import WORD, word_count

QuoteLabel = Literal["exact", "trivial", "marked", "spliced", "altered", "unsourced", "misattributed"]
EditKind = Literal["case", "punctuation", "spelling", "insert", "delete", "substitute", "cut", "reorder"]

_DOUBLE = {'"': "either", "“": "open", "”": "close", "„": "open", "«": "open", "»": "close"}
_SINGLE = {"'": "either", "‘": "open", "’": "close", "‹": "open", "›": "close"}
_MARKS = re.compile("[" + re.escape("".join(_DOUBLE) + "".join(_SINGLE)) + "]")
# Characters after which a mark opens, and before which a mark closes.
_OPEN_AFTER = "([{—–-/:" + "".join(_DOUBLE) + "".join(_SINGLE)
_CLOSE_BEFORE = ".,;:!?)]}—–-…/" + "".join(_DOUBLE) + "".join(_SINGLE) + speakers.MASK
# Words an apostrophe opens ('em, 'tis, '90s): never a quotation.
_ELISION = re.compile(r"(?:\d\ds|em|tis|twas|n|cause|til)\b", re.IGNORECASE)

# Tokens of a quotation for alignment: an ellipsis, a word, or a punctuation mark.
_ALIGN_TOKEN = re.compile(r"(?:\.\s?){2}\.|…|" + WORD.pattern + r"|[%&]|[.,;:!?—–]|--|(?<=\s)-(?=\s)")
_SPELLING = (  # British -> American endings; enough for "spelling variants"
    (re.compile(r"our(s?)$"), r"or\1"), (re.compile(r"is(e|ed|es|ing|ation|ations)$"), r"iz\1"),
    (re.compile(r"ys(e|ed|es|ing)$"), r"yz\1"), (re.compile(r"tre(s?)$"), r"ter\1"),
    (re.compile(r"ll(ed|ing|er)$"), r"l\1"), (re.compile(r"ence$"), "ense"), (re.compile(r"ogue$"), "og"),
)


@dataclass(frozen=True)
class Edit:
    """One difference between a quotation and the primary's words."""

    kind: EditKind
    article: str          # the quotation's words ("" for a deletion or cut)
    primary: str          # the primary's words ("" for an insertion)
    marked: bool          # marked by an ellipsis or square brackets


@dataclass(frozen=True)
class Provenance:
    """Where a quotation the primary lacks comes from, as far as the story shows.

    ``articles`` are indices into the story's coverage (the order
    ``analyse_story`` got them in) of the OTHER articles quoting the same words.
    """

    articles: tuple[int, ...]
    speakers: tuple[str, ...]         # whom those articles credit
    longest_article: int              # the article with the longest version (may be this one)
    longest_span: tuple[int, int]     # document offsets of that version in its article
    longest_text: str
    summary: str                      # "not in the primary; 2 other articles quote the same words from Jeff Sessions"


@dataclass(frozen=True)
class Quote:
    span: tuple[int, int]                   # document offsets of the whole quotation
    segments: tuple[tuple[int, int], ...]   # document offsets of each quoted segment
    text: str
    speaker: str                            # as the primary names them; "" when uncredited
    label: QuoteLabel | None                # None for the primary's own quotations
    is_term: bool = False                   # under quote_min_words words: a term, not a quotation
    attribution: str = ""                   # how the speaker was found: cue and the words that say so
    primary_span: tuple[int, int] | None = None   # document offsets of the primary's matching words
    primary_segments: tuple[tuple[int, int], ...] = ()  # each contiguous run of them
    primary_text: str = ""
    primary_speaker: str = ""               # who says those words in the primary (its issuer outside quotations)
    match: float = 0.0                      # share of the quotation's words found in the primary, 0..1
    diff: tuple[Edit, ...] = ()
    provenance: Provenance | None = None    # only for unsourced quotations
    note: str = ""                          # why the label is not the word-by-word one (see for_event)


@dataclass(frozen=True)
class QuoteReport:
    quotes: tuple[Quote, ...]
    diagnostics: tuple[str, ...]
    terms: tuple[Quote, ...] = ()


# ----------------------------------------------------------------- extraction

@dataclass(frozen=True)
class _Piece:
    """Quoted text inside one paragraph, between an opening and a closing mark."""

    paragraph: int
    kind: str                   # "double" | "single"
    start: int                  # body offsets of the text inside the marks
    end: int
    open_mark: int | None       # None: a closing mark with no opening mark
    close_mark: int | None      # None: still open at the paragraph's end


@dataclass(frozen=True)
class _Found:
    """A quotation (or term) as extracted, in body offsets."""

    pieces: tuple[_Piece, ...]
    segments: tuple[tuple[int, int], ...]
    interruptions: tuple[tuple[int, int], ...]
    text: str
    is_term: bool


def _role(text: str, i: int, lo: int, hi: int) -> tuple[str, str]:
    """(kind, role) of the mark at ``i``: role is open, close, either or apostrophe."""
    mark = text[i]
    kind = "double" if mark in _DOUBLE else "single"
    glyph = _DOUBLE.get(mark) or _SINGLE[mark]
    before = text[i - 1] if i > lo else " "
    after = text[i + 1] if i + 1 < hi else " "
    open_context = (before.isspace() or before in _OPEN_AFTER) and not after.isspace()
    close_context = not before.isspace() and before not in "([{" and (after.isspace() or after in _CLOSE_BEFORE)
    if kind == "single":
        if before.isalnum() and after.isalnum():
            return kind, "apostrophe"
        if not before.isalnum() and _ELISION.match(text, i + 1, hi):
            return kind, "apostrophe"
    if kind == "double" and mark == '"' and before.isdigit() and not open_context:
        return kind, "apostrophe"  # inches: 5'10"
    if open_context and not close_context:
        return kind, "open"
    if close_context and not open_context:
        return kind, "close"
    return kind, glyph


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _scan(text: str, index: int, lo: int, hi: int, opens_next: set[str],
          notes: list[tuple[int, str]]) -> list[_Piece]:
    """The quoted pieces of paragraph number ``index``, ``text[lo:hi]``.

    ``opens_next``: the kinds of mark the next paragraph opens with (a quotation
    left open here continues there). Unbalanced marks add (offset, note) to ``notes``.
    """
    ignored: set[int] = set()
    for _ in range(8):  # each round may drop one single mark that was an apostrophe
        pieces: list[_Piece] = []
        current: tuple[str, int] | None = None
        marks = [m.start() for m in _MARKS.finditer(text, lo, hi) if m.start() not in ignored]
        for n, i in enumerate(marks):
            kind, role = _role(text, i, lo, hi)
            if role == "apostrophe":
                continue
            if current is None:
                if role in ("open", "either"):
                    current = (kind, i)
                elif kind == "double" and not pieces:
                    start, end = _strip(text, lo, i)
                    if end > start:
                        pieces.append(_Piece(index, kind, start, end, None, i))
                        notes.append((i, "closing mark with no opening mark: quotation taken from the paragraph's start"))
                continue
            open_kind, open_at = current
            if kind != open_kind:
                continue  # a mark of the other kind is nested inside the quotation
            if role == "open":
                if kind == "single":
                    ignored.add(open_at)
                    current = (kind, i)
                    continue
                start, end = _strip(text, open_at + 1, i)
                pieces.append(_Piece(index, kind, start, end, open_at, None))
                notes.append((open_at, "quotation reopened before it closes: taken to the new opening mark"))
                current = (kind, i)
                continue
            if kind == "single" and text[i - 1] == "s" and i + 2 < hi and text[i + 1] == " " and text[i + 2].islower() \
                    and any(_role(text, j, lo, hi) == ("single", "close") for j in marks[n + 1:]):
                continue  # "the agencies’ inspectors": a plural possessive
            start, end = _strip(text, open_at + 1, i)
            pieces.append(_Piece(index, kind, start, end, open_at, i))
            current = None
        if current is not None:
            kind, open_at = current
            if kind == "single" and "single" not in opens_next:
                ignored.add(open_at)  # never closed: an apostrophe after all
                continue
            start, end = _strip(text, open_at + 1, hi)
            pieces.append(_Piece(index, kind, start, end, open_at, None))
        return pieces
    return []


def _opening_kinds(text: str, lo: int, hi: int) -> set[str]:
    """The kind of mark a paragraph opens with, if it opens with one."""
    start, _ = _strip(text, lo, hi)
    if start < hi and _MARKS.match(text, start):
        kind, role = _role(text, start, lo, hi)
        if role in ("open", "either"):
            return {kind}
    return set()


# A verb of speaking joined to the one before it, so sharing its subject ("... and vowed").
_SHARED_SUBJECT = re.compile(r"\W*(?:and|but|then)\s+[a-z]+", re.IGNORECASE)
# Words between two quoted pieces that make them two quotations, not one interrupted.
_NEW_CLAUSE = re.compile(r"^[\W]*(?:and|but|or|then|while|before|after)\b|\bthat\b", re.IGNORECASE)


def _interruption_joins(text: str, start: int, end: int, settings: Settings) -> bool:
    """Whether the words between two quoted pieces are an attribution inside one sentence.

    A new clause ("... and vowed that investigators "will follow ...") opens a
    second quotation, however short: an attribution neither starts with a
    conjunction nor reports speech with "that".
    """
    between = text[start:end]
    if not between.strip() or word_count(between) > settings.quote_interruption_max_words:
        return False
    if _NEW_CLAUSE.search(between):
        return False
    if speakers.sentence_ends(text, start, end):
        return False
    return bool(speakers.said_verbs_in(text, start, end)) or bool(re.search(r"according to", between, re.I))


def extract(body: Body, settings: Settings = DEFAULT) -> tuple[list[_Found], list[str]]:
    """Every quotation and term of ``body`` (body offsets), and diagnostics (document offsets)."""
    text = body.text
    notes: list[tuple[int, str]] = []
    paragraphs = body.paragraphs
    scanned = []
    for k, paragraph in enumerate(paragraphs):
        following = paragraphs[k + 1] if k + 1 < len(paragraphs) else None
        opens_next = _opening_kinds(text, following.start, following.end) if following else set()
        scanned.append(_scan(text, k, paragraph.start, paragraph.end, opens_next, notes))

    # Chain pieces into quotations: across paragraphs (left open, reopened) and
    # across an attribution inside one sentence ("A," she said, "B.").
    groups: list[list[_Piece]] = []
    for k, pieces in enumerate(scanned):
        for n, piece in enumerate(pieces):
            previous = groups[-1][-1] if groups else None
            continues = False
            if previous is not None and previous.close_mark is None and previous.paragraph == k - 1 and n == 0:
                first = _strip(text, paragraphs[k].start, paragraphs[k].end)[0]
                continues = piece.kind == previous.kind and (piece.open_mark == first or piece.open_mark is None)
            elif previous is not None and previous.paragraph == k and n > 0 and previous.close_mark is not None \
                    and piece.open_mark is not None and piece.kind == previous.kind:
                continues = _interruption_joins(text, previous.close_mark + 1, piece.open_mark, settings)
            if continues:
                groups[-1].append(piece)
            else:
                groups.append([piece])

    found = []
    for group in groups:
        first, last = group[0], group[-1]
        where = first.open_mark if first.open_mark is not None else first.start
        if last.close_mark is None and last.end == _strip(text, paragraphs[last.paragraph].start,
                                                           paragraphs[last.paragraph].end)[1]:
            notes.append((where, "quotation not closed: taken to the end of its paragraph"))
        segments = tuple((p.start, p.end) for p in group if p.end > p.start)
        if not segments:
            notes.append((where, "empty quotation marks"))
            continue
        interruptions = tuple(
            (a.close_mark + 1, b.open_mark) for a, b in zip(group, group[1:])
            if a.paragraph == b.paragraph and a.close_mark is not None and b.open_mark is not None
        )
        quoted = " ".join(text[a:b] for a, b in segments)
        found.append(_Found(tuple(group), segments, interruptions, quoted,
                            word_count(quoted) < settings.quote_min_words))
    diagnostics = [f"offset {body.to_document(offset, offset)[0]}: {note}" for offset, note in sorted(notes)]
    return found, diagnostics


def _masked(text: str, found: Sequence[_Found]) -> str:
    """``text`` with every quoted piece, marks included, replaced by MASK."""
    chars = list(text)
    for quotation in found:
        for piece in quotation.pieces:
            a = piece.open_mark if piece.open_mark is not None else piece.start
            b = piece.close_mark + 1 if piece.close_mark is not None else piece.end
            chars[a:b] = speakers.MASK * (b - a)
    return "".join(chars)


# ------------------------------------------------------------------- speakers

@dataclass(frozen=True)
class _Credit:
    """A quotation's attribution before names are resolved: a mention, or a follow-on."""

    at: int                          # where in the body it takes effect (for "last named")
    attribution: speakers.Attribution | None
    opens_sentence: bool             # no words of its sentence before it: a follow-on when uncredited


_Window = tuple[tuple[int, int], bool, tuple[str, ...]]  # (span, after_quote, lead-in endings)


def _windows(body: Body, masked: str, quotation: _Found, bounds: str) -> tuple[list[_Window], bool]:
    """Where a quotation's attribution may stand, most telling first; and whether it opens its sentence.

    ``bounds`` is the text with only the quotations masked: another quotation
    ends a window, a term does not (Roe said his crews were “outgunned”: “...”).
    """
    paragraphs = body.paragraphs
    first, last = quotation.pieces[0], quotation.pieces[-1]
    windows: list[_Window] = [(span, True, ()) for span in quotation.interruptions]
    par_first, par_last = paragraphs[first.paragraph], paragraphs[last.paragraph]
    # After: from the closing mark to the end of the sentence (or the next quotation).
    if last.close_mark is not None:
        lo = last.close_mark + 1
        ends = speakers.sentence_ends(masked, lo, par_last.end)
        hi = ends[0] if ends else par_last.end
        next_mask = bounds.find(speakers.MASK, lo, hi)
        windows.append(((lo, next_mask if next_mask >= 0 else hi), True, ()))
    # A dash attribution on the next line: "— Dr. Ruiz".
    if last.paragraph + 1 < len(paragraphs):
        following = paragraphs[last.paragraph + 1]
        if re.match(r"\s*(?:—|–|--)", following.text) and word_count(following.text) <= DASH_ATTRIBUTION_MAX_WORDS:
            windows.append(((following.start, following.end), True, ()))
    # Before: from the start of the sentence (or the last quotation) to the opening mark.
    if first.open_mark is not None:
        hi = first.open_mark
        ends = [e for e in speakers.sentence_ends(masked, par_first.start, hi) if e <= hi]
        lo = max([par_first.start] + ends)
        previous_mask = bounds.rfind(speakers.MASK, lo, hi)
        if previous_mask >= 0:
            lo = previous_mask + 1
        if masked[lo:hi].strip():
            # A headline's "Harbor sweep:" is a label, not a speaker.
            windows.append(((lo, hi), False, () if par_first.kind == "headline" else (":",)))
            return windows, False
    # A lead-in paragraph ending in ":" or "," before a quotation that opens its paragraph.
    if first.paragraph > 0 and paragraphs[first.paragraph - 1].kind in ("text", "bullet"):
        lead = paragraphs[first.paragraph - 1]
        stripped = masked[lead.start:lead.end].rstrip()
        if stripped.endswith((":", ",")):
            ends = [e for e in speakers.sentence_ends(masked, lead.start, lead.end) if e < lead.start + len(stripped)]
            lo = max([lead.start] + ends)
            windows.append(((lo, lead.end), False, (":", ",")))
    return windows, True


def _credits(body: Body, masked: str, found: Sequence[_Found], words: speakers.Lexicon) -> list[_Credit]:
    credits = []
    bounds = _masked(body.text, [quotation for quotation in found if not quotation.is_term])
    for quotation in found:
        if quotation.is_term:
            credits.append(_Credit(quotation.segments[0][0], None, False))
            continue
        windows, opens_sentence = _windows(body, masked, quotation, bounds)
        attribution = None
        for window, after_quote, lead_in in windows:
            candidate = speakers.attribution_in(masked, window, after_quote=after_quote, lead_in=lead_in, words=words)
            if candidate is not None and (attribution is None or attribution.mention is None):
                attribution = candidate  # a named speaker beats "officials said"
            if attribution is not None and attribution.mention is not None:
                break
        at = attribution.mention.start if attribution and attribution.mention else quotation.segments[0][0]
        credits.append(_Credit(at, attribution, opens_sentence))
    return credits


def _resolve(
    body: Body,
    masked: str,
    found: Sequence[_Found],
    credits: Sequence[_Credit],
    primary_names: speakers.Names,
    own_names: speakers.Names,
    words: speakers.Lexicon,
) -> list[tuple[str, str]]:
    """(speaker, how) for each quotation: pronouns and follow-ons take the last named speaker.

    A person named as a sentence's subject counts too: a "he" or "she" may
    stand for them ("Chief Roe credited residents. “...,” she said."), and an
    uncredited quotation right after their sentence is theirs ("Roe was
    blunt. “...”"), unless a verb of speaking in that sentence says the words
    before it are someone else's ("Jones took the money, prosecutors say.").
    """
    events = speakers.speech_events(masked, [(p.start, p.end) for p in body.paragraphs], words)
    persons_named = [(m.start, m) for m in words.mentions if m.kind == "person"]
    prose = [(p.start, p.end) for p in body.paragraphs if p.kind not in ("headline", "heading")]
    subjects = speakers.sentence_subjects(masked, prose, words)

    # Genders the text shows by its pronouns: "Roe ... her street", "Roe ... “...,” she said".
    learned: dict[str, str] = {}
    for subject in subjects:
        if subject.gender:
            full = speakers.canonical(subject.mention, primary_names, own_names)
            learned[full] = subject.gender if learned.get(full, subject.gender) == subject.gender else ""

    def gender_of(name: str, written: str = "") -> str:
        return speakers.gender(name, written) or learned.get(name, "")

    def as_speaker(subject: speakers.Subject) -> tuple[int, str, str, str]:
        full = speakers.canonical(subject.mention, primary_names, own_names)
        return subject.mention.start, "person", full, gender_of(full, subject.mention.text)

    def subject_before(quotation: _Found) -> speakers.Subject | None:
        """The subject of the sentence just before a quotation (same paragraph or the one before)."""
        opening = quotation.pieces[0].open_mark
        opening = quotation.segments[0][0] if opening is None else opening
        before = [s for s in subjects if s.sentence[1] <= opening]
        if before and not masked[before[-1].sentence[1]:opening].strip() \
                and masked.count("\n", before[-1].sentence[1], opening) <= 1:
            return before[-1]
        return None
    starts = [sentence.start for sentence in body.sentences]

    def sentence_of(offset: int) -> int:
        return bisect.bisect_right(starts, offset) - 1

    # Reported statements and quotations, in body order; quotations after events at one offset.
    timeline = [(e.mention.start, 0, n, e) for n, e in enumerate(events) if e.mention is not None]
    timeline += [(c.at, 1, n, c) for n, c in enumerate(credits)]
    timeline.sort(key=lambda item: item[:3])
    history: list[tuple[int, str, str, str]] = []  # (offset, kind, name, gender) of speakers resolved so far
    result: dict[int, tuple[str, str]] = {}
    for at, is_quote, n, item in timeline:
        attribution = item.attribution if is_quote else item
        if is_quote and found[n].is_term:
            result[n] = ("", "")
            continue
        gender = ""
        same_sentence = is_quote and bool(history) and \
            sentence_of(history[-1][0]) == sentence_of(found[n].segments[0][0])
        if attribution is not None and attribution.mention is None:
            if same_sentence and _SHARED_SUBJECT.match(attribution.evidence):
                # "She said ... and vowed that investigators "will ..."": the verb is hers.
                kind, name, gender = history[-1][1:]
                how = f"the subject of {attribution.evidence!r}, credited earlier in the same sentence"
            else:
                name, kind, how = "", "", f"unnamed: {attribution.evidence!r}"
        elif attribution is None:
            follows = is_quote and item.opens_sentence
            subject = subject_before(found[n]) if follows else None
            if subject is not None and not subject.speaks and (not history or history[-1][0] < subject.mention.start):
                kind, name, gender = as_speaker(subject)[1:]
                how = f"follow-on: the subject of the sentence before ({subject.mention.text})"
            elif follows:
                kind, name, gender = history[-1][1:] if history else ("", "", "")
                how = "follow-on: the last named speaker" if name else "no attribution"
            elif same_sentence:
                # "She said it was "a program ..." and vowed that investigators "will follow ...""
                kind, name, gender = history[-1][1:]
                how = "the speaker credited earlier in the same sentence"
            else:
                kind, name, gender, how = "", "", "", "no attribution"
        else:
            mention = attribution.mention
            how = f"{attribution.cue}: {attribution.evidence!r}"
            if mention.kind == "pronoun":
                wants, sex = speakers.pronoun_wants(mention), speakers.pronoun_gender(mention)

                def fits(kind: str, gender: str) -> bool:
                    return (wants == "any" or kind == wants) and not (sex and gender and gender != sex)

                # The last speaker that fits, or a person who is a later sentence's subject.
                candidates = [(a, k, who, g or learned.get(who, "")) for a, k, who, g in history]
                if wants == "person":
                    candidates += [as_speaker(s) for s in subjects if s.mention.start < mention.start]
                latest = max((c for c in candidates if fits(c[1], c[3])), key=lambda c: c[0], default=None)
                match = latest[1:] if latest else None
                if match is None and wants == "person":
                    for _, earlier in reversed([p for p in persons_named if p[0] < mention.start]):
                        full = speakers.canonical(earlier, primary_names, own_names)
                        if fits("person", gender_of(full, earlier.text)):
                            match = ("person", full, gender_of(full, earlier.text))
                            break
                if match is None and wants == "organisation" and primary_names.issuer:
                    match = ("organisation", primary_names.issuer, "")
                kind, name, gender = match if match else ("", "", "")
                if kind == "person" and sex and not gender and name not in learned:
                    learned[name] = gender = sex  # "she said" shows who she is for later pronouns
                how += f" ({mention.text} -> the last named speaker or subject)"
            else:
                name = speakers.canonical(mention, primary_names, own_names, mention.start)
                organisation = mention.kind == "organisation" or speakers.is_organisation_name(name)
                kind = "organisation" if organisation else "person"
                gender = "" if organisation else gender_of(name, mention.text)
        if name:
            history.append((at, kind, name, gender))
        if is_quote:
            result[n] = (name, how)
    return [result.get(n, ("", "")) for n in range(len(found))]


@dataclass(frozen=True)
class _Text:
    """One body's quotations with their speakers (before fidelity)."""

    body: Body
    found: tuple[_Found, ...]
    speakers: tuple[tuple[str, str], ...]
    names: speakers.Names
    notes: tuple[str, ...]


def _known_words(bodies: Sequence[Body]) -> frozenset[str]:
    known: set[str] = set()
    for body in bodies:
        prose = [(p.start, p.end) for p in body.paragraphs if p.kind not in ("headline", "heading")]
        known |= speakers.capitalised_words(body.text, prose)
    return frozenset(known)


def _read(body: Body, settings: Settings, known: frozenset[str], primary_names: speakers.Names | None) -> _Text:
    found, notes = extract(body, settings)
    masked = _masked(body.text, found)
    paragraphs = [(p.start, p.end, p.kind) for p in body.paragraphs]
    every = speakers.lexicon(body.text, known)
    outside = every.outside(masked)
    names = speakers.names_in(body.text, paragraphs, every, outside)
    credits = _credits(body, masked, found, outside)
    resolved = _resolve(body, masked, found, credits, primary_names or names, names, outside)
    return _Text(body, tuple(found), tuple(resolved), names, tuple(notes))


# ------------------------------------------------------------------- fidelity

@dataclass(frozen=True)
class _Token:
    kind: str          # "word" | "punct" | "ellipsis"
    text: str
    start: int         # body offsets
    end: int
    bracketed: bool    # inside square brackets: an editor's insertion
    inserted: bool = False  # the whole word inside square brackets: the editor's, not the speaker's


def _tokens(text: str, start: int, end: int) -> list[_Token]:
    """Alignment tokens of ``text[start:end]``; square brackets are dropped but remembered."""
    if "[" not in text[start:end]:
        return [_Token(_token_kind(m.group()), m.group(), m.start(), m.end(), False)
                for m in _ALIGN_TOKEN.finditer(text, start, end)]
    chars, offsets, inside = [], [], []
    depth = 0
    for k in range(start, end):
        if text[k] == "[":
            depth += 1
        elif text[k] == "]":
            depth = max(0, depth - 1)
        else:
            chars.append(text[k])
            offsets.append(k)
            inside.append(depth > 0)
    plain = "".join(chars)
    return [_Token(_token_kind(m.group()), m.group(), offsets[m.start()], offsets[m.end() - 1] + 1,
                   any(inside[m.start():m.end()]), all(inside[m.start():m.end()]))
            for m in _ALIGN_TOKEN.finditer(plain)]


def _token_kind(token: str) -> str:
    if token == "…" or token.startswith(".") and len(token) > 1:
        return "ellipsis"
    if token[0].isalnum() or token[0] in "_%&":  # "%" and "&" stand for words
        return "word"
    return "punct"


@lru_cache(maxsize=1)
def _variants() -> dict[str, str]:
    """Written forms of one word ("%" / "percent", "nine" / "9", "Oct." / "October"), by form."""
    return dict(line.split("\t", 1) for line in word_list("quote_variants"))


def _key(word: str) -> str:
    """What a word is compared as: case, apostrophe glyph, thousands commas and written form aside."""
    word = word.casefold().replace("’", "'")
    word = word.replace(",", "") if word[:1].isdigit() else word
    return _variants().get(word, word)


def _spelling(word: str) -> str:
    word = re.sub(r"['’\-.,]", "", word.casefold())
    for pattern, repl in _SPELLING:
        word = pattern.sub(repl, word)
    return word


def _punct(token: str) -> str:
    """Dash variants are one mark (codebook: "exact" once dash variants are normalised)."""
    return "-" if token in ("—", "–", "-", "--") else token


def _same_text(a: str, b: str) -> bool:
    """Identical but for the apostrophe's glyph (it's / it’s)."""
    return a == b or a.replace("’", "'") == b.replace("’", "'")


@dataclass(frozen=True)
class _Words:
    """The words of a quotation or of the primary, each with the punctuation after it."""

    keys: tuple[str, ...]
    texts: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]        # body offsets
    punct_after: tuple[str, ...]
    ellipsis_before: tuple[bool, ...]
    bracketed: tuple[bool, ...]


def _words(tokens: Sequence[_Token]) -> _Words:
    keys, texts, spans, punct, ellipsis, bracketed = [], [], [], [], [], []
    pending_ellipsis = False
    for token in tokens:
        if token.kind == "word" and token.text.casefold() == "cent" and keys and keys[-1] == "per" \
                and not punct[-1] and not pending_ellipsis:
            # "per cent" is one word, "percent"
            keys[-1], texts[-1], spans[-1] = "percent", f"{texts[-1]} {token.text}", (spans[-1][0], token.end)
            continue
        if token.kind == "word":
            # An editor's word in brackets is never where the quotation is anchored in the
            # primary ("the $68.5 million [the Authority] budgeted" against "... budgeted. The
            # Inspector General"): its key matches no primary word, so it is an insertion or
            # a substitution, marked.
            keys.append(f"[{_key(token.text)}]" if token.inserted else _key(token.text))
            texts.append(token.text)
            spans.append((token.start, token.end))
            punct.append("")
            ellipsis.append(pending_ellipsis)
            bracketed.append(token.bracketed)
            pending_ellipsis = False
        elif token.kind == "ellipsis":
            pending_ellipsis = True
        elif punct:
            punct[-1] += _punct(token.text)
    return _Words(tuple(keys), tuple(texts), tuple(spans), tuple(punct), tuple(ellipsis), tuple(bracketed))


@dataclass(frozen=True)
class _Primary:
    """The primary's words (without the attributions that interrupt its quotations)."""

    body: Body
    words: _Words
    index: dict                                   # word n-gram -> positions
    quote_spans: tuple[tuple[int, int, int], ...]  # (body start, body end, quotation number), sorted
    quote_speakers: tuple[str, ...]
    issuer: str


def _primary(text: _Text, settings: Settings) -> _Primary:
    body = text.body
    skipped = sorted(span for quotation in text.found for span in quotation.interruptions)
    tokens: list[_Token] = []
    for paragraph in body.paragraphs:
        position = paragraph.start
        for a, b in skipped:
            if paragraph.start <= a < paragraph.end:
                tokens += _tokens(body.text, position, a)
                position = b
        tokens += _tokens(body.text, position, paragraph.end)
    words = _words(tokens)
    n = settings.quote_seed_words
    index: dict[tuple[str, ...], list[int]] = {}
    for j in range(len(words.keys) - n + 1):
        index.setdefault(words.keys[j:j + n], []).append(j)
    quote_spans = tuple(sorted(
        (a, b, k) for k, quotation in enumerate(text.found) if not quotation.is_term for a, b in quotation.segments
    ))
    return _Primary(body, words, index, quote_spans, tuple(name for name, _ in text.speakers), text.names.issuer)


@dataclass(frozen=True)
class _Fidelity:
    label: QuoteLabel
    match: float
    edits: tuple[Edit, ...]
    primary_words: tuple[int, ...]      # positions of the primary's matched words


_Block = tuple[int, int, int]  # (length, quotation word, primary word)


def _region(quote: _Words, primary: _Primary, settings: Settings) -> tuple[int, int, list[_Block]] | None:
    """The primary words a quotation may come from, found by shared word n-grams.

    Returns (start, end, blocks): the primary words to align with, and the
    runs of shared words found, in the quotation's order.
    """
    n = settings.quote_seed_words
    keys = quote.keys
    if len(keys) < n:
        n = len(keys)
        if n == 0:
            return None
        seeds = [j for j in range(len(primary.words.keys) - n + 1) if primary.words.keys[j:j + n] == keys]
        return (seeds[0], seeds[0] + n, [(n, 0, seeds[0])]) if seeds else None
    diagonals: dict[int, list[int]] = {}
    for i in range(len(keys) - n + 1):
        for j in primary.index.get(keys[i:i + n], ()):
            diagonals.setdefault(j - i, []).append(i)
    blocks = []  # (length, i, j)
    for offset, starts in diagonals.items():
        run_start = previous = starts[0]
        for i in starts[1:] + [None]:
            if i is not None and i == previous + 1:
                previous = i
                continue
            blocks.append((previous - run_start + n, run_start, run_start + offset))
            if i is not None:
                run_start = previous = i
    if not blocks:
        return None
    blocks.sort(key=lambda b: (-b[0], b[1], b[2]))
    kept = [blocks[0]]
    for length, i, j in blocks[1:]:
        if any(i < ki + kl and ki < i + length for kl, ki, _ in kept):
            continue
        if abs(j - kept[0][2]) > settings.quote_splice_window:
            continue
        kept.append((length, i, j))
    kept.sort(key=lambda b: b[1])
    head = kept[0][1]                               # unmatched quotation words before the first block
    tail = len(keys) - (kept[-1][1] + kept[-1][0])  # ... and after the last
    # Room for the unmatched words at either end to find their counterparts
    # (a word may have become two: "it's" / "it is").
    lo = max(0, min(j for _, _, j in kept) - (min(head + 3, 12) if head else 0))
    hi = min(len(primary.words.keys), max(j + length for length, _, j in kept) + (min(tail + 3, 12) if tail else 0))
    return lo, hi, kept


def _ends_sentence(punct: str) -> bool:
    return any(c in punct for c in ".!?")


def _is_cut(primary: _Primary, j1: int, j2: int, settings: Settings) -> bool:
    """Whether primary words j1..j2 left out are a whole span (a splice), not a word or two."""
    if j2 - j1 >= settings.quote_splice_min_words:
        return True
    punct = primary.words.punct_after
    starts_clean = j1 == 0 or any(c in punct[j1 - 1] for c in ".;:!?")
    return starts_clean and any(c in punct[j2 - 1] for c in ".;:!?")


_Op = tuple[str, int, int, int, int]  # difflib opcode: (tag, i1, i2, j1, j2)


def _trim(ops: Sequence[_Op], pwords: _Words, lo: int) -> list[_Op]:
    """The opcodes of one quotation, its ends made to be its own.

    Primary words before its first word and after its last are not cuts: a
    quotation starts and ends where it likes. Quotation words at either end
    set against primary words across a sentence end ("..., without fail"
    against the next sentence) are the quotation's own additions, not
    substitutions.
    """
    ops = list(ops)
    while ops and ops[0][0] == "insert":
        ops = ops[1:]
    while ops and ops[-1][0] == "insert":
        ops = ops[:-1]
    if ops and ops[-1][0] == "replace":
        _, i1, i2, j1, _ = ops[-1]
        if lo + j1 == 0 or _ends_sentence(pwords.punct_after[lo + j1 - 1]):
            ops[-1] = ("delete", i1, i2, j1, j1)
    if ops and ops[0][0] == "replace":
        _, i1, i2, j1, j2 = ops[0]
        if _ends_sentence(pwords.punct_after[lo + j2 - 1]):
            ops[0] = ("delete", i1, i2, j2, j2)
        else:
            # Primary words of an earlier sentence are not what the quotation changed:
            # "It is a problem" against "... at once. It's a problem" substitutes "It's" only.
            ends = [j for j in range(j1, j2 - 1) if _ends_sentence(pwords.punct_after[lo + j])]
            if ends:
                ops[0] = ("replace", i1, i2, ends[-1] + 1, j2)
    if ops and ops[-1][0] == "replace":
        tag, i1, i2, j1, j2 = ops[-1]
        ends = [j for j in range(j1, j2 - 1) if _ends_sentence(pwords.punct_after[lo + j])]
        if ends:
            ops[-1] = (tag, i1, i2, j1, ends[0] + 1)
    return ops


def _carrier(punct: str) -> bool:
    """Punctuation a quoted segment may close with in the carrying sentence's place."""
    return all(c in ".,;:" for c in punct)


def _fidelity(quote: _Words, primary: _Primary, settings: Settings,
              segment_ends: frozenset[int] = frozenset()) -> _Fidelity:
    """Align a quotation's words with the primary's and label the differences.

    ``segment_ends``: positions of the words that close a quoted segment. The
    period, comma, semicolon or colon (or none) after such a word belongs to
    the article's sentence (a release's "... to lose it." is quoted "... to
    lose it," she said), so it is no edit; a question or exclamation mark is.
    """
    counted = [k for k, b in enumerate(quote.bracketed) if not b] or list(range(len(quote.keys)))
    region = _region(quote, primary, settings)
    if region is None:
        return _Fidelity("unsourced", 0.0, (), ())
    lo, hi, blocks = region
    if any(b[2] < a[2] + a[0] for a, b in zip(blocks, blocks[1:])):
        return _reordered(quote, blocks, counted, settings)
    pwords = primary.words
    matcher = SequenceMatcher(None, quote.keys, pwords.keys[lo:hi], autojunk=False)
    ops = _trim(matcher.get_opcodes(), pwords, lo)
    edits: list[Edit] = []
    matched: list[int] = []
    found_words = 0

    def quoted(i1: int, i2: int) -> str:
        return " ".join(quote.texts[i1:i2])

    def source(j1: int, j2: int) -> str:
        return " ".join(pwords.texts[lo + j1:lo + j2])

    for tag, i1, i2, j1, j2 in ops:
        if tag == "equal":
            for k in range(i2 - i1):
                i, j = i1 + k, lo + j1 + k
                matched.append(j)
                found_words += not quote.bracketed[i]
                if not _same_text(quote.texts[i], pwords.texts[j]):
                    same_case = quote.texts[i].casefold() == pwords.texts[j].casefold()
                    edits.append(Edit("case" if same_case else "spelling", quote.texts[i], pwords.texts[j],
                                      quote.bracketed[i]))
                # Punctuation inside the quotation (after its last word only if it has any).
                if (k < i2 - i1 - 1 or i == len(quote.keys) - 1) and quote.punct_after[i] != pwords.punct_after[j]:
                    if i in segment_ends and _carrier(quote.punct_after[i]) and _carrier(pwords.punct_after[j]):
                        continue
                    if k < i2 - i1 - 1 or quote.punct_after[i]:
                        edits.append(Edit("punctuation", quote.texts[i] + quote.punct_after[i],
                                          pwords.texts[j] + pwords.punct_after[j], False))
        elif tag == "replace":
            a, p = quote.keys[i1:i2], pwords.keys[lo + j1:lo + j2]
            if _spelling("".join(a)) == _spelling("".join(p)):
                matched.extend(range(lo + j1, lo + j2))
                found_words += sum(not quote.bracketed[i] for i in range(i1, i2))
                edits.append(Edit("spelling", quoted(i1, i2), source(j1, j2), False))
            else:
                marked = all(quote.bracketed[i1:i2])
                edits.append(Edit("substitute", quoted(i1, i2), source(j1, j2), marked))
        elif tag == "insert":  # primary words the quotation leaves out
            marked = i1 < len(quote.keys) and quote.ellipsis_before[i1]
            kind = "cut" if _is_cut(primary, lo + j1, lo + j2, settings) else "delete"
            edits.append(Edit(kind, "", source(j1, j2), marked))
        else:  # "delete": quotation words the primary does not have
            edits.append(Edit("insert", quoted(i1, i2), "", all(quote.bracketed[i1:i2])))
    share = found_words / len(counted) if counted else 0.0
    if share < settings.quote_min_match:
        return _Fidelity("unsourced", round(share, 4), tuple(edits), tuple(matched))
    return _Fidelity(_label_of(edits), round(share, 4), tuple(edits), tuple(matched))


def _label_of(edits: Sequence[Edit]) -> QuoteLabel:
    """The codebook label of a quotation found in the primary with these edits (speaker aside)."""
    unmarked = [e for e in edits if not e.marked]
    if any(e.kind in ("insert", "delete", "substitute") for e in unmarked):
        return "altered"
    if any(e.kind in ("cut", "reorder") for e in unmarked):
        return "spliced"
    if any(e.marked for e in edits):
        return "marked"
    return "trivial" if edits else "exact"


def _reordered(quote: _Words, blocks: Sequence[_Block], counted: Sequence[int], settings: Settings) -> _Fidelity:
    """A quotation whose pieces come from the primary in another order: spliced, at least."""
    covered: set[int] = set()
    matched: list[int] = []
    for length, i, j in blocks:
        covered.update(range(i, i + length))
        matched.extend(range(j, j + length))
    edits = [Edit("reorder", "", "", False)]
    for a, b in _runs_of([i for i in range(len(quote.keys)) if i not in covered]):
        edits.append(Edit("insert", " ".join(quote.texts[a:b + 1]), "", all(quote.bracketed[a:b + 1])))
    share = sum(1 for i in counted if i in covered) / len(counted) if counted else 0.0
    if share < settings.quote_min_match:
        return _Fidelity("unsourced", round(share, 4), tuple(edits), tuple(sorted(matched)))
    return _Fidelity(_label_of(edits), round(share, 4), tuple(edits), tuple(sorted(matched)))


def _primary_speaker(primary: _Primary, positions: Sequence[int]) -> str:
    """Who says the primary's words at ``positions``: a quotation's speaker, else the issuer."""
    votes: Counter = Counter()
    starts = [span[0] for span in primary.quote_spans]
    for j in positions:
        offset = primary.words.spans[j][0]
        k = bisect.bisect_right(starts, offset) - 1
        if k >= 0 and primary.quote_spans[k][0] <= offset < primary.quote_spans[k][1]:
            votes[primary.quote_speakers[primary.quote_spans[k][2]]] += 1
        else:
            votes[primary.issuer] += 1
    if not votes:
        return ""
    return max(sorted(votes), key=lambda name: votes[name])


def _runs_of(positions: Sequence[int]) -> list[tuple[int, int]]:
    runs: list[list[int]] = []
    for j in sorted(set(positions)):
        if runs and j == runs[-1][1] + 1:
            runs[-1][1] = j
        else:
            runs.append([j, j])
    return [(a, b) for a, b in runs]


def _compatible(article_speaker: str, primary_speaker: str, primary: _Primary) -> bool:
    """Whether crediting ``article_speaker`` with words ``primary_speaker`` says is no changed name.

    The primary is its issuer's voice: the issuer credited with the words of
    a person its release quotes, or a person the release quotes credited with
    the release's own text, is not a changed name.
    """
    if speakers.same_speaker(article_speaker, primary_speaker):
        return True
    if speakers.is_organisation_name(article_speaker):
        return not speakers.is_organisation_name(primary_speaker) or primary_speaker == primary.issuer \
            or speakers.same_speaker(article_speaker, primary.issuer)
    if primary_speaker == primary.issuer:
        return any(speakers.same_speaker(article_speaker, name) for name in primary.quote_speakers if name)
    return False


def _quote_record(body: Body, quotation: _Found, speaker: tuple[str, str]) -> Quote:
    segments = tuple(body.to_document(a, b) for a, b in quotation.segments)
    return Quote(
        span=(segments[0][0], segments[-1][1]),
        segments=segments,
        text=quotation.text,
        speaker=speaker[0] if not quotation.is_term else "",
        label=None,
        is_term=quotation.is_term,
        attribution=speaker[1] if not quotation.is_term else "",
    )


def _check(record: Quote, quotation: _Found, body: Body, primary: _Primary, settings: Settings) -> Quote:
    tokens: list[_Token] = []
    segment_ends: set[int] = set()
    for a, b in quotation.segments:
        tokens += _tokens(body.text, a, b)
        words_so_far = sum(t.kind == "word" for t in tokens)
        if words_so_far:
            segment_ends.add(words_so_far - 1)
    quote_words = _words(tokens)
    fidelity = _fidelity(quote_words, primary, settings, frozenset(segment_ends))
    if fidelity.label == "unsourced" or not fidelity.primary_words:
        return replace(record, label="unsourced", match=fidelity.match)
    runs = _runs_of(fidelity.primary_words)
    pspans = primary.words.spans
    primary_segments = tuple(primary.body.to_document(pspans[a][0], pspans[b][1]) for a, b in runs)
    first, last = pspans[runs[0][0]][0], pspans[runs[-1][1]][1]
    said_by = _primary_speaker(primary, fidelity.primary_words)
    label = fidelity.label
    if record.speaker and said_by and not _compatible(record.speaker, said_by, primary):
        label = "misattributed"
    return replace(
        record,
        label=label,
        primary_span=primary.body.to_document(first, last),
        primary_segments=primary_segments,
        primary_text=primary.body.text[first:last],
        primary_speaker=said_by,
        match=fidelity.match,
        diff=fidelity.edits,
    )


# ------------------------------------------------------------------ provenance

def _grams(text: str, n: int) -> set[tuple[str, ...]]:
    keys = [_key(m.group()) for m in WORD.finditer(text)]
    return {tuple(keys[i:i + n]) for i in range(len(keys) - n + 1)} or ({tuple(keys)} if keys else set())


def _fullest(name: str, versions: Sequence[tuple[int, Quote]]) -> str:
    """The fullest form of a speaker's name among the versions ("Pendleford" -> "Gary Pendleford")."""
    same = [q.speaker for _, q in versions if q.speaker and q.speaker.split()[-1] == name.split()[-1]]
    return max(same, key=lambda n: (len(n.split()), n))


def _provenance(reports: list[list[Quote]], settings: Settings) -> list[list[Quote]]:
    """Give each unsourced quotation the other articles that quote the same words."""
    n = settings.quote_seed_words
    grams = [[_grams(q.text, n) for q in quotes] for quotes in reports]
    out = []
    for a, quotes in enumerate(reports):
        updated = []
        for qi, quote in enumerate(quotes):
            if quote.label != "unsourced":
                updated.append(quote)
                continue
            mine = grams[a][qi]
            versions = [(a, quote)]
            for b, others in enumerate(reports):
                if b == a:
                    continue
                for oi, other in enumerate(others):
                    theirs = grams[b][oi]
                    shared = len(mine & theirs)
                    if shared and shared >= settings.quote_provenance_min_share * min(len(mine), len(theirs)):
                        versions.append((b, other))
            articles = tuple(sorted({b for b, _ in versions if b != a}))
            names = tuple(sorted({_fullest(q.speaker, versions) for b, q in versions if b != a and q.speaker}))
            # Ties go to this article's own version, then to the earliest article.
            longest_article, longest = max(versions, key=lambda v: (word_count(v[1].text), v[0] == a, -v[0]))
            if articles:
                count = f"{len(articles)} other articles quote" if len(articles) > 1 else "1 other article quotes"
                summary = f"not in the primary; {count} the same words"
                summary += f" from {' / '.join(names)}" if names else ""
                if longest_article != a:
                    # Counted from 1 in the story's coverage order, as a reader counts.
                    summary += (f"; the longest version ({word_count(longest.text)} words) is in "
                                f"coverage article {longest_article + 1}")
            else:
                summary = "not in the primary; no other article quotes the same words"
            updated.append(replace(quote, provenance=Provenance(
                articles, names, longest_article, longest.span, longest.text, summary)))
        out.append(updated)
    return out


# ------------------------------------------------------------------ entry point

def analyse_story(primary: Body, articles: Sequence[Body], settings: Settings = DEFAULT) -> tuple[QuoteReport, tuple[QuoteReport, ...]]:
    """Extract the primary's and every article's quotations and label the articles' ones.

    Returns the primary's report (labels None) and one report per article, in
    order. Each report's ``quotes`` hold quotations of ``quote_min_words``
    words or more, its ``terms`` the shorter quoted text.
    """
    known = _known_words([primary, *articles])
    primary_text = _read(primary, settings, known, None)
    source = _primary(primary_text, settings)
    primary_records = [_quote_record(primary, f, s) for f, s in zip(primary_text.found, primary_text.speakers)]
    primary_report = QuoteReport(
        tuple(q for q in primary_records if not q.is_term),
        primary_text.notes,
        tuple(q for q in primary_records if q.is_term),
    )

    per_article: list[list[Quote]] = []
    terms: list[tuple[Quote, ...]] = []
    notes: list[tuple[str, ...]] = []
    for body in articles:
        text = _read(body, settings, known, primary_text.names)
        records = []
        for quotation, speaker in zip(text.found, text.speakers):
            record = _quote_record(body, quotation, speaker)
            if not quotation.is_term:
                record = _check(record, quotation, body, source, settings)
            records.append(record)
        per_article.append([q for q in records if not q.is_term])
        terms.append(tuple(q for q in records if q.is_term))
        notes.append(text.notes)
    per_article = _provenance(per_article, settings)
    reports = tuple(QuoteReport(tuple(q), n, t) for q, n, t in zip(per_article, notes, terms))
    return primary_report, reports


_OTHER_EVENT = "the article reports a different event than the primary; its quotations come from that event's release"


def for_event(report: QuoteReport, event_check: EventCheck) -> QuoteReport:
    """An article's quote report with labels that hold for the event the article reports.

    An article about another event than the primary's (``event_check.same_event``
    false: last year's operation under the same name) took its quotations from
    that event's sources, so the words that differ from the primary's are the
    two releases' differences, not edits, and that event had its own speakers.
    There a quotation the primary holds word for word, or but for case,
    punctuation and spelling (wording both releases share), keeps ``exact`` or
    ``trivial`` (also when credited to someone else: the speaker is not compared
    with the primary's); any other is ``unsourced``. Each quotation whose label
    changes, or whose speaker goes unchecked, says why in ``note``; the primary
    words it was compared with stay as evidence. A same-event report is
    returned unchanged.
    """
    if event_check.same_event:
        return report
    updated = []
    for quote in report.quotes:
        if quote.label is None or quote.label == "unsourced" or not quote.primary_text:
            updated.append(quote)
            continue
        words = _label_of(quote.diff)
        if words in ("exact", "trivial"):
            note = "" if quote.label == words else f"{_OTHER_EVENT}; the speaker is not compared with the primary's"
            updated.append(replace(quote, label=words, note=note))
        else:
            updated.append(replace(quote, label="unsourced",
                                   note=f"{_OTHER_EVENT}; word by word against the primary it would be {words}"))
    return replace(report, quotes=tuple(updated))
