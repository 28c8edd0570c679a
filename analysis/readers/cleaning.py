"""Boilerplate, paywall and the body: what of a page is the article's own text.

Every line of a document is classified ``body`` or ``boilerplate`` (with a
category), the paywall is detected with its evidence, repeated teaser copy is
dropped, inline "(RELATED: ...)" links are cut, and what remains is the
:class:`Body` every other measure reads, with a map back to the document's
offsets so highlights land on the original words.

The method is rules over three zones of a page (the header above the first
paragraph of prose, the article, and the footer after its last paragraph)
plus the patterns in ``analysis/data/boilerplate_patterns.txt``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from typing import Literal

from analysis.learning.lines import BinaryDecider, CleaningDeciders, cleaning_deciders
from analysis.settings import (
    DEFAULT,
    FIGURE_TABLE_MIN_LINES,
    HEADLINE_VARIANT_MIN_JACCARD,
    SHORT_PATTERN_WORDS,
    Settings,
)
from analysis.text.literals import lowered, may_match, needed
from analysis.text.sentences import Line, Paragraph, ParagraphKind, Sentence, bullet_marker, lines, sentence_spans, word_count

Category = Literal[
    "headline", "heading", "text", "bullet",  # body
    "crumb", "image_credit", "logo", "byline", "widget", "related_link",
    "bio", "licence", "comments", "subscription", "paywall",
]
BODY_CATEGORIES = ("headline", "heading", "text", "bullet")

# An inline link to another story, cut from the body wherever it stands.
INLINE_LINK = re.compile(r"[ \t]*\((?:RELATED|READ MORE|SEE ALSO|ALSO READ|WATCH)\s*:[^()\n]*\)", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?…:][\"'”’)\]]*$|[\"”’][.!?]?$")
# The features cleaning computes for the line and paywall models; a model
# file fitted on other features is refused (refit it with `sourcedrift train`).
LINE_FEATURE_SET = "lines-1"
PAYWALL_FEATURE_SET = "paywall-1"


@dataclass(frozen=True)
class LineLabel:
    """One non-blank line of a document and what cleaning made of it."""

    index: int
    start: int
    end: int
    text: str
    label: Literal["body", "boilerplate"]
    category: Category
    reason: str
    repeated: bool = False  # body text repeated verbatim earlier (a paywall teaser): dropped


@dataclass(frozen=True)
class Paywall:
    """Whether the page is cut or interrupted by a paywall, and why we think so."""

    detected: bool
    evidence: tuple[str, ...]
    marker_lines: tuple[int, ...]
    repeated_lines: tuple[int, ...]
    truncated: bool


@dataclass(frozen=True)
class Body:
    """The article's own text, with a map back to the document.

    ``text`` joins the kept paragraphs with newlines. ``pieces`` are
    ``(body_start, doc_start, length)`` runs copied unchanged from the
    document, in order; :meth:`to_document` maps body offsets through them.
    """

    text: str
    pieces: tuple[tuple[int, int, int], ...]
    paragraphs: tuple[Paragraph, ...]
    sentences: tuple[Sentence, ...]

    def to_document(self, start: int, end: int) -> tuple[int, int]:
        """Map a body span ``[start, end)`` to the document span covering it."""
        if not self.pieces:
            return (0, 0)
        return (self._map(start, left=True), self._map(max(start, end), left=False))

    def document_offset(self, offset: int) -> int:
        """Map a body offset where a span starts to the document (``to_document(offset, ...)[0]``)."""
        return self._map(offset, left=True) if self.pieces else 0

    @cached_property
    def _starts(self) -> tuple[int, ...]:
        """Body offsets where the pieces start (computed once; measures map many spans)."""
        return tuple(piece[0] for piece in self.pieces)

    def _map(self, offset: int, *, left: bool) -> int:
        # For a span's end, an offset on a piece boundary belongs to the piece before.
        index = bisect.bisect_right(self._starts, offset if left else offset - 1) - 1
        index = max(index, 0)
        body_start, doc_start, length = self.pieces[index]
        return doc_start + min(max(offset - body_start, 0), length)


@dataclass(frozen=True)
class Cleaning:
    """The result of cleaning one document."""

    lines: tuple[LineLabel, ...]
    paywall: Paywall
    body: Body
    cuts: tuple[tuple[int, int], ...]  # document spans removed inside body lines
    headline: str


def deciders_of(settings: Settings) -> CleaningDeciders:
    """The line and paywall deciders ``settings`` name (``boilerplate_model``, ``paywall_model``).

    Raises ``ModelError`` (one line naming the file) for a model file that is
    missing, corrupt or fitted on other features.
    """
    return cleaning_deciders(settings, LINE_FEATURE_SET, PAYWALL_FEATURE_SET)


@lru_cache(maxsize=1)
def _patterns() -> tuple[tuple[str, str, re.Pattern], ...]:
    text = resources.files("analysis").joinpath("data/boilerplate_patterns.txt").read_text(encoding="utf-8")
    patterns = []
    for row in text.splitlines():
        if not row.strip() or row.lstrip().startswith("#"):
            continue
        category, scope, regex = row.split("\t", 2)
        patterns.append((category, scope, re.compile(regex, re.IGNORECASE)))
    return tuple(patterns)


@lru_cache(maxsize=1)
def _pattern_needs() -> tuple[frozenset[str] | None, ...]:
    """What each of ``_patterns()`` needs a line to hold to match it (``analysis.text.literals``)."""
    return tuple(needed(pattern) for _, _, pattern in _patterns())


def chrome_category(text: str) -> str:
    """The boilerplate category a line's wording shows on its own, or ''."""
    # Specific wordings ("any") are tried before keyword-only ones ("short"); a pattern is
    # searched only where the line holds what it needs (most lines match none, and the
    # case-insensitive searches are what costs).
    lower = lowered(text)
    patterns = tuple(zip(_patterns(), _pattern_needs()))
    for (category, scope, pattern), needs in patterns:
        if scope == "any" and may_match(needs, lower) and pattern.search(text):
            return category
    if word_count(text) <= SHORT_PATTERN_WORDS and len(text) <= 20 * SHORT_PATTERN_WORDS:
        for (category, scope, pattern), needs in patterns:
            if scope == "short" and may_match(needs, lower) and pattern.search(text):
                return category
    if INLINE_LINK.fullmatch(text):
        return "related_link"
    return ""


def _is_prose(line: Line, settings: Settings) -> bool:
    return word_count(line.text) >= settings.prose_min_words and bool(_SENTENCE_END.search(line.text))


def _words_of(text: str) -> set[str]:
    return set(re.findall(r"[a-z]+", text.lower()))


def _like_headline(text: str, headline: str, *, min_jaccard: float = HEADLINE_VARIANT_MIN_JACCARD) -> bool:
    """A variant of the headline (the same title repeated, a figure changed)."""
    return _similar_title(_words_of(text), _words_of(headline), min_jaccard=min_jaccard)


def _similar_title(a: set[str], b: set[str], *, min_jaccard: float = HEADLINE_VARIANT_MIN_JACCARD) -> bool:
    return bool(a and b) and len(a & b) / len(a | b) >= min_jaccard


def _normal(text: str) -> str:
    return " ".join(text.split()).casefold()


@dataclass(frozen=True)
class PageContext:
    """What is known of a page besides its text (features of the line model).

    ``shared``: the lines (:func:`normal_line`) two or more documents of the
    story hold (:func:`shared_lines`); ``headline``: the headline the story's
    manifest gives the page.
    """

    shared: frozenset[str] = frozenset()
    headline: str = ""


NO_CONTEXT = PageContext()


def clean(text: str, settings: Settings = DEFAULT, *, declared_paywall: str = "",
          context: PageContext = NO_CONTEXT, deciders: CleaningDeciders | None = None) -> Cleaning:
    """Classify every line of ``text``, detect a paywall and build the body.

    ``declared_paywall`` is paywall evidence found outside the text (the saved
    page's markup, recorded in the manifest); ``context`` what else is
    known of the page (:class:`PageContext`). ``deciders`` decide lines and the paywall
    (default: the model files the settings name; ``RULES_ONLY`` the rules).
    Never raises on any string; a text with no body gives an empty Body.
    """
    if deciders is None:
        deciders = deciders_of(settings)
    page = page_layout(text, settings)
    if deciders.lines is None:
        labels = _rule_labels(page, text, settings)
        headline = page.headline
    else:
        labels, headline = _model_labels(page, line_features(page, context), deciders.lines, settings)
    all_lines = page.lines
    # A table of the text's own figures, however short its lines, is text: page chrome never
    # lists labelled figures line after line ("North West: £354,027,146" under a release).
    table = _figure_table(all_lines)
    labels = [("body", "table", "a list of labelled figures") if i in table else label
              for i, label in enumerate(labels)]

    # Repeated copy: a long body paragraph seen before is dropped (keep the first).
    seen: set[str] = set()
    repeated: set[int] = set()
    for i, line in enumerate(all_lines):
        if labels[i][0] != "body" or word_count(line.text) < settings.repeat_min_words:
            continue
        key = _normal(line.text)
        if key in seen:
            repeated.add(i)
        seen.add(key)

    line_labels = tuple(
        LineLabel(line.index, line.start, line.end, line.text, label, category, reason, i in repeated)
        for i, (line, (label, category, reason)) in enumerate(zip(all_lines, labels))
    )
    body, cuts = _build_body(text, line_labels)
    paywall = _paywall(line_labels, body, settings, declared_paywall, deciders.paywall)
    return Cleaning(
        lines=line_labels,
        paywall=paywall,
        body=body,
        cuts=cuts,
        headline=all_lines[headline].text if headline is not None else "",
    )


@dataclass(frozen=True)
class PageLayout:
    """The zones of a page the rules find: chrome wording, prose, the headline, the footer."""

    lines: tuple[Line, ...]
    chrome: tuple[str, ...]       # the category a line's wording shows, or ''
    prose: tuple[bool, ...]
    first_prose: int
    headline: int | None
    body_start: int
    footer: int
    blank_before: tuple[bool, ...]  # a blank line (or the start) above the line
    under_links: tuple[bool, ...]   # listed under a related-links heading


_LABELLED_FIGURE = re.compile(r"[^:]{1,60}:\s*(?:[A-Z]{0,3}[$€£])?\d[\d,.]*(?:\s?(?:%|per\s?cent|percent|million|"
                              r"billion|m|bn|k))?\.?")


def _figure_table(lines: tuple[Line, ...], *, min_lines: int = FIGURE_TABLE_MIN_LINES) -> frozenset[int]:
    """Positions in ``lines`` of the runs of at least ``min_lines`` lines that are each a label and a figure."""
    found: set[int] = set()
    run: list[int] = []
    for i, line in enumerate((*lines, None)):
        if line is not None and _LABELLED_FIGURE.fullmatch(line.text.strip()):
            run.append(i)
            continue
        if len(run) >= min_lines:
            found.update(run)
        run = []
    return frozenset(found)


def page_layout(text: str, settings: Settings) -> PageLayout:
    all_lines = lines(text)
    chrome = [chrome_category(line.text) for line in all_lines]
    prose = [not chrome[i] and _is_prose(line, settings) for i, line in enumerate(all_lines)]
    first_prose = next((i for i, p in enumerate(prose) if p), len(all_lines))

    # The headline: the first line above the first paragraph of prose that
    # looks like a title (five words or more, no page-chrome wording).
    headline = next(
        (i for i in range(first_prose)
         if not chrome[i] and word_count(all_lines[i].text) >= 5 and not prose[i]),
        None,
    )
    body_start = headline if headline is not None else first_prose

    # The footer: the run of lines at the end that are page chrome or short,
    # anchored by at least one line of chrome wording after the short ones.
    footer = len(all_lines)
    anchored = False
    for i in range(len(all_lines) - 1, body_start, -1):
        if chrome[i]:
            anchored = True
            footer = i
        elif anchored and _footer_scrap(all_lines[i].text, settings) and not prose[i]:
            footer = i
        else:
            break

    blank_before = tuple(i == 0 or "\n\n" in text[all_lines[i - 1].end:line.start] for i, line in enumerate(all_lines))
    under_links: list[bool] = []
    listing = False  # inside a list of story links under a "More from ..." heading
    for i, line in enumerate(all_lines):
        if blank_before[i]:
            listing = False  # a blank line ends the list
        under_links.append(listing and not chrome[i] and not _SENTENCE_END.search(line.text)
                           and word_count(line.text) <= settings.link_max_words)
        if not under_links[-1]:
            listing = chrome[i] == "related_link" and word_count(line.text) < settings.short_line_words \
                and not _SENTENCE_END.search(line.text.rstrip(":"))
    return PageLayout(all_lines, tuple(chrome), tuple(prose), first_prose, headline, body_start, footer,
                   blank_before, tuple(under_links))


def _rule_labels(page: PageLayout, text: str, settings: Settings) -> list[tuple[str, str, str]]:
    """(label, category, reason) of every line by the hand-written rules (the baseline)."""
    labels: list[tuple[str, str, str]] = []
    chrome, headline = page.chrome, page.headline
    for i, line in enumerate(page.lines):
        words = word_count(line.text)
        if page.under_links[i]:
            labels.append(("boilerplate", "related_link", "listed under a related-links heading"))
        elif chrome[i]:
            labels.append(("boilerplate", chrome[i], "wording"))
        elif i < page.body_start:
            labels.append(("boilerplate", "crumb", "above the headline"))
        elif i >= page.footer:
            labels.append(("boilerplate", _guess_chrome(line.text), "in the footer after the article"))
        else:
            labels.append(_body_label(page, i, headline, settings))
    return labels


def _body_label(page: PageLayout, i: int, headline: int | None, settings: Settings) -> tuple[str, str, str]:
    """The label of a line kept in the article: headline, subheading, bullet, heading or prose (or rules' chrome)."""
    line = page.lines[i]
    words = word_count(line.text)
    if i == headline:
        return ("body", "headline", "headline")
    if headline is not None and headline < i < page.first_prose:
        if _like_headline(line.text, page.lines[headline].text):
            return ("body", "headline", "repeats the headline")
        if words < settings.short_line_words + 3 and not page.prose[i]:
            return ("boilerplate", _guess_chrome(line.text), "short line between headline and article")
        return ("body", "text", "subheading")
    if bullet_marker(line.text):
        return ("body", "bullet", "bullet")
    if words < settings.short_line_words and not _SENTENCE_END.search(line.text):
        return ("body", "heading", "short heading inside the article")
    return ("body", "text", "prose")


def _model_labels(page: PageLayout, features: list[dict[str, float]], decider: BinaryDecider,
                  settings: Settings) -> tuple[list[tuple[str, str, str]], int | None]:
    """(label, category, reason) of every line by the line model, and the headline's index."""
    boilerplate = [decider.score(f) > 0 for f in features]
    # The headline: the first line the model keeps above the first paragraph
    # of prose. A hard constraint (the codebook never calls a headline
    # boilerplate): when the model keeps none, the rules' headline stays.
    top = min(page.first_prose, len(page.lines))
    headline = next((i for i in range(top) if not boilerplate[i]), None)
    if headline is None and page.headline is not None:
        headline = page.headline
        boilerplate[headline] = False
    labels = []
    for i, line in enumerate(page.lines):
        why = ", ".join(decider.reasons(features[i], boilerplate[i])) or "score"
        if boilerplate[i]:
            category = page.chrome[i] or ("related_link" if page.under_links[i] else
                                          "crumb" if i < page.body_start else _guess_chrome(line.text))
            labels.append(("boilerplate", category, f"model: {why}"))
            continue
        label, category, reason = _body_label(page, i, headline, settings)
        if label == "boilerplate":  # the rules would drop it; the model keeps it
            category, reason = "text", "subheading"
        labels.append(("body", category, f"{reason} (model: {why})"))
    return labels, headline


# The features of a line (LINE_FEATURE_SET names them, so that a model file
# fitted on other features is refused). Word forms a page's furniture uses:
_END_MARKER = re.compile(r"^(?:#\s*#\s*#|-\s*30\s*-|ends?|-?\s*end\s*-?)$", re.IGNORECASE)
_ABOUT = re.compile(r"^about\s+(?:the\s+)?[A-Z0-9]", re.IGNORECASE)
_QUOTE_MARK = re.compile(r"[\"“”]")
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?|\b\d{1,2}\s*[ap]\.m\.", re.IGNORECASE)
_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|"
                   r"nov|dec)[a-z]*\.?\s+\d{1,2}\b|\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b",
                   re.IGNORECASE)
_URL = re.compile(r"https?://|\bwww\.|\b[\w-]+\.(?:com|org|net|gov|ca|uk|io|co|info|news)\b", re.IGNORECASE)
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.]+\b")
_PHONE = re.compile(r"\(?\b\d{3}\)?[ .-]\d{3}[ .-]\d{4}\b|\+\d{1,3}[ \d-]{7,}")
_SEPARATOR = re.compile(r"\s[|›»·•/]\s|[→←]")
_LABEL_COLON = re.compile(r"^[A-Z][\w()/&’' -]{0,30}:(?:\s|$)")
_DATELINE = re.compile(r"^[A-Z][A-Z.’' -]{2,}(?:,\s*[A-Z][\w.’' -]{1,20})?\s*(?:\(\w[^)]{0,20}\)\s*)?[—–-]")
_COUNTED_FIGURE = re.compile(r"\b\d[\d,.]*\s+(?:[a-z]+\s+)?[a-z]{4,}")
_TRAILING_CREDIT = re.compile(r"[.!?]\s*\([^()]{1,60}\)$")
# Words that mark a line, each group a feature: a verb of saying; the
# reader addressed; a picture; a call to subscribe or give; how a
# republisher describes itself and the copy it carries.
_WORD_CUES = re.compile(
    r"\b(?:(?P<says>said|says|told|according to|announced|stated|added)"
    r"|(?P<second_person>you|your|you’re|you're|you’ve|you've)"
    r"|(?P<photo_word>photos?|photograph|image|picture|gallery|credit|caption)"
    r"|(?P<subscribe_word>subscri\w*|unsubscri\w*|newsletter|donat\w*|membership)"
    r"|(?P<provenance_word>republish\w*|reprint\w*|reproduc\w*|archiv\w*|affiliat\w*|syndicat\w*))\b",
    re.IGNORECASE)
_DIGIT = re.compile(r"\d")
# Neighbours' features copied with a prefix ("prev:", "next:").
_NEIGHBOUR_FEATURES = ("chrome", "prose", "short", "end_marker", "sentence_end", "quote_mark")


def normal_line(text: str) -> str:
    """A line as compared across documents: spaces collapsed, case folded."""
    return _normal(text)


def shared_lines(texts) -> frozenset[str]:
    """The lines (``normal_line``) found in two or more of ``texts`` (a story's documents)."""
    seen: dict[str, int] = {}
    for number, text in enumerate(texts):
        for line in {_normal(raw) for raw in text.split("\n") if raw.strip()}:
            seen[line] = seen.get(line, 0) + 1
    return frozenset(line for line, count in seen.items() if count >= 2)


def _own_features(text: str, chrome: str, prose: bool, words: int) -> dict[str, float]:
    """What a line shows on its own, wherever it stands."""
    found: dict[str, float] = {}
    if chrome:
        found["chrome"] = 1.0
        found[f"chrome={chrome}"] = 1.0
    if prose:
        found["prose"] = 1.0
    ends = bool(_SENTENCE_END.search(text))
    if text.endswith(":"):
        found["colon_end"] = 1.0
    elif ends:
        found["sentence_end"] = 1.0
    bucket = "1-2" if words <= 2 else "3-5" if words <= 5 else "6-9" if words <= 9 else "10-19" if words <= 19 else "20+"
    found[f"words={bucket}"] = 1.0
    if words < 6 and not ends:
        found["short"] = 1.0
    alphabetic = [w for w in text.split() if w[:1].isalpha()]
    if alphabetic:
        found["capitalised_share"] = round(sum(1 for w in alphabetic if w[:1].isupper()) / len(alphabetic), 3)
        if text.isupper():
            found["all_caps"] = 1.0
    for cue in _WORD_CUES.finditer(text):
        found[cue.lastgroup] = 1.0
    # The patterns below need a character most lines lack: tested only when it is there.
    if _DIGIT.search(text):
        found["digit"] = 1.0
        for name, pattern in (("year", _YEAR), ("time", _TIME), ("date", _DATE), ("phone", _PHONE),
                              ("counted_figure", _COUNTED_FIGURE)):
            if pattern.search(text):
                found[name] = 1.0
    if "." in text and _URL.search(text):
        found["url"] = 1.0
    if "@" in text and _EMAIL.search(text):
        found["email"] = 1.0
    if ":" in text and _LABEL_COLON.match(text):
        found["label_colon"] = 1.0
    if text.endswith(")") and _TRAILING_CREDIT.search(text):
        found["trailing_credit"] = 1.0
    if _SEPARATOR.search(text):
        found["separator"] = 1.0
    if '"' in text or "“" in text or "”" in text:
        found["quote_mark"] = 1.0
    if _DATELINE.match(text):
        found["dateline"] = 1.0
    if "©" in text:
        found["copyright"] = 1.0
    if words <= 3 and _END_MARKER.match(text):
        found["end_marker"] = 1.0
    if text.startswith("(") and text.endswith(")") or text.startswith("[") and text.endswith("]"):
        found["bracketed"] = 1.0
    if words <= 8 and not ends and _ABOUT.match(text):
        found["about_heading"] = 1.0
    if bullet_marker(text):
        found["bullet"] = 1.0
    return found


def line_features(page: PageLayout, context: PageContext = NO_CONTEXT) -> list[dict[str, float]]:
    """One feature dict per line of ``page``: its wording, size, position, zone, context and neighbours."""
    shared = context.shared
    all_lines = page.lines
    count = len(all_lines)
    words = [word_count(line.text) for line in all_lines]
    own = [_own_features(line.text, page.chrome[i], page.prose[i], words[i]) for i, line in enumerate(all_lines)]
    last_prose = max((i for i, p in enumerate(page.prose) if p), default=-1)
    end_marker = next((i for i, f in enumerate(own) if "end_marker" in f), count)
    about = next((i for i, f in enumerate(own) if "about_heading" in f and i > count // 2), count)
    keys = [_normal(line.text) for line in all_lines]
    within: dict[str, int] = {}
    for key in keys:
        within[key] = within.get(key, 0) + 1
    # Headline variants are looked for above the article's first paragraph of prose only.
    top = min(page.first_prose + 1, count)
    top_words = [_words_of(all_lines[i].text) for i in range(top)]
    page_title = top_words[page.headline] if page.headline is not None and page.headline < top else set()
    manifest_title = _words_of(context.headline)
    titled = [_similar_title(w, manifest_title) for w in top_words] + [False] * (count - top)
    title_at = next((i for i, t in enumerate(titled) if t), -1)
    # A page none of whose lines shows page-chrome wording: an article pasted alone, most likely.
    plain_page = not any(page.chrome)
    found = []
    for i, line in enumerate(all_lines):
        features = dict(own[i])
        if plain_page:
            features["page_without_chrome"] = 1.0
        if i < page.body_start:
            features["zone=above_headline"] = 1.0
        elif i == page.headline:
            features["zone=headline"] = 1.0
        elif i < page.first_prose:
            features["zone=under_headline"] = 1.0
        elif i >= page.footer:
            features["zone=footer"] = 1.0
        if page.under_links[i]:
            features["under_links"] = 1.0
        if "zone=under_headline" in features and "sentence_end" in features:
            features["under_headline_sentence"] = 1.0
        if titled[i]:
            features["manifest_headline"] = 1.0
        elif i < title_at:
            features["above_manifest_headline"] = 1.0
        if i < 3:
            features["first_3"] = 1.0
        if i >= count - 3:
            features["last_3"] = 1.0
        features["position"] = round(i / max(count - 1, 1), 3)
        if i > last_prose:
            features["after_last_prose"] = 1.0
        if i > end_marker:
            features["after_end_marker"] = 1.0
        if i > about:
            features["after_about"] = 1.0
        if page.blank_before[i]:
            features["blank_before"] = 1.0
        if i + 1 == count or page.blank_before[i + 1]:
            features["blank_after"] = 1.0
        if keys[i] in shared:
            features["shared_long" if words[i] >= 8 else "shared_short"] = 1.0
        if within[keys[i]] > 1:
            features["repeated_in_page"] = 1.0
        if i < top and i != page.headline and _similar_title(top_words[i], page_title):
            features["like_headline"] = 1.0
        for prefix, j in (("prev", i - 1), ("next", i + 1)):
            if 0 <= j < count:
                for name in _NEIGHBOUR_FEATURES:
                    if name in own[j]:
                        features[f"{prefix}:{name}"] = 1.0
            else:
                features[f"{prefix}:none"] = 1.0
        found.append(features)
    return found


def _footer_scrap(text: str, settings: Settings) -> bool:
    """A short line that can be swept into the footer: not a sentence of four words or more."""
    words = word_count(text)
    return words < settings.short_line_words + 2 and (words < 4 or not _SENTENCE_END.search(text))


def _guess_chrome(text: str) -> str:
    """A category for a short chrome line whose wording names none."""
    words = text.split()
    if words and all(w[:1].isupper() for w in words if w.isalpha()) and 2 <= len(words) <= 4:
        return "byline" if len(words) >= 3 else "logo"
    return "widget" if text.endswith(":") else "logo"


def _build_body(text: str, line_labels: tuple[LineLabel, ...]) -> tuple[Body, tuple[tuple[int, int], ...]]:
    body_parts: list[str] = []
    pieces: list[tuple[int, int, int]] = []
    paragraphs: list[Paragraph] = []
    sentences: list[Sentence] = []
    cuts: list[tuple[int, int]] = []
    cursor = 0
    for line in line_labels:
        if line.label != "body" or line.repeated:
            continue
        start = line.start + (bullet_marker(text[line.start:line.end]) if line.category == "bullet" else 0)
        runs = []
        position = start
        for match in INLINE_LINK.finditer(text, start, line.end):
            cuts.append((match.start(), match.end()))
            runs.append((position, match.start()))
            position = match.end()
        runs.append((position, line.end))
        runs = [(a, b) for a, b in runs if b > a]
        if not runs:
            continue
        if body_parts:
            body_parts.append("\n")
            cursor += 1
        paragraph_start = cursor
        for a, b in runs:
            pieces.append((cursor, a, b - a))
            body_parts.append(text[a:b])
            cursor += b - a
        paragraph_text = "".join(text[a:b] for a, b in runs)
        kind: ParagraphKind = line.category if line.category in ("headline", "heading", "bullet") else "text"
        paragraphs.append(Paragraph(len(paragraphs), paragraph_start, cursor, paragraph_text, kind))
    body_text = "".join(body_parts)
    body = Body(body_text, tuple(pieces), tuple(paragraphs), ())
    for paragraph in paragraphs:
        if paragraph.kind in ("headline", "heading"):
            spans = [(paragraph.start, paragraph.end)]
        else:
            spans = sentence_spans(body_text, paragraph.start, paragraph.end)
        for a, b in spans:
            doc_start, doc_end = body.to_document(a, b)
            sentences.append(Sentence(len(sentences), paragraph.index, a, b, doc_start, doc_end, body_text[a:b], paragraph.kind))
    return Body(body_text, tuple(pieces), tuple(paragraphs), tuple(sentences)), tuple(cuts)


def _paywall(line_labels: tuple[LineLabel, ...], body: Body, settings: Settings, declared: str,
             decider: BinaryDecider | None = None) -> Paywall:
    evidence, features, truncated = _paywall_evidence(line_labels, body, settings, declared)
    markers = tuple(line.index for line in line_labels if line.category == "paywall")
    repeats = tuple(line.index for line in line_labels if line.repeated)
    if decider is None:
        detected = bool(evidence)
    else:
        # Markup declaring the page paid-for is a hard constraint: the gold
        # has no saved pages to learn its weight from, and it is never wrong.
        detected = bool(declared) or decider.score(features) > 0
        if detected and not evidence:
            evidence = [f"model: {', '.join(decider.reasons(features, True)) or 'score'}"]
    return Paywall(
        detected=detected,
        evidence=tuple(evidence) if detected else (),
        marker_lines=markers,
        repeated_lines=repeats,
        truncated=truncated,
    )


def paywall_features(line_labels: tuple[LineLabel, ...], body: Body, settings: Settings = DEFAULT,
                     declared: str = "") -> dict[str, float]:
    """The paywall evidence of a cleaned page as a feature dict (PAYWALL_FEATURE_SET)."""
    return _paywall_evidence(line_labels, body, settings, declared)[1]


def _paywall_evidence(line_labels: tuple[LineLabel, ...], body: Body, settings: Settings,
                      declared: str) -> tuple[list[str], dict[str, float], bool]:
    """(evidence sentences, features, cut mid-sentence) of a cleaned page."""
    features: dict[str, float] = {}
    evidence = [f"page markup: {declared}"] if declared else []
    if declared:
        features["page_markup"] = 1.0
    markers = tuple(line.index for line in line_labels if line.category == "paywall")
    if markers:
        shown = "; ".join(repr(line_labels[i].text[:60]) for i in markers[:2])
        evidence.append(f"paywall prompt: {shown}")
        features["paywall_prompt"] = 1.0
        features["paywall_prompts"] = float(min(len(markers), 3))
    repeats = tuple(line.index for line in line_labels if line.repeated)
    if repeats:
        features["repeated_paragraph"] = 1.0
    prompts = [line.index for line in line_labels if line.category in ("paywall", "subscription")]
    if prompts:
        features["subscription_prompt"] = 1.0
        first = min(prompts)
        after = sum(1 for line in line_labels[first + 1:] if line.label == "body" and not line.repeated)
        features["body_after_prompt=none" if after == 0 else "body_after_prompt"] = 1.0
        features["prompt_position"] = round(first / max(len(line_labels) - 1, 1), 3)
    if repeats and prompts and min(prompts) < max(repeats):
        evidence.append(f"{len(repeats)} teaser paragraph(s) repeated around a subscription prompt")
        features["teaser_around_prompt"] = 1.0
    truncated = False
    if body.paragraphs:
        last = body.paragraphs[-1]
        ending = last.text.rstrip()
        if last.kind == "text" and word_count(ending) >= settings.prose_min_words and (
            not _SENTENCE_END.search(ending) or ending.endswith(("...", "…"))
        ):
            truncated = True
            evidence.append(f"text cut off mid-sentence: ...{ending[-50:]!r}")
            features["cut_mid_sentence"] = 1.0
            if ending.endswith(("...", "…")):
                features["ends_in_ellipsis"] = 1.0
            if _QUOTE_MARK.search(ending[-3:]) or ending.endswith(")"):
                features["ends_in_quote_or_bracket"] = 1.0
    return evidence, features, truncated
