"""Discussion questions drawn from a story's findings, with the answers for the teacher.

Each question is asked only when a finding prompts it (a contradicted
sentence, an altered quotation, a mismatched figure, an article on another
event...); answers point to the handout's line numbers and C/Q/F refs. One
general question on the headlines is always asked, so a story with no
findings still has something to discuss.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from reports.layout import Line, line_of, line_range
from reports.style import FIGURE, QUOTE, SENTENCE
from reports.view import DocumentView, StoryView

MAX_QUESTIONS = 14
MAX_ANSWER_POINTS = 8
# Topics, most telling first: the order in which each gets its turn.
TOPICS = ("headlines", "event", "contradicted", "misattributed", "quote", "figures", "added", "left_out",
          "paywall", "grid", "copying", "readability")
EXCERPT_WORDS = 14


@dataclass(frozen=True)
class Question:
    topic: str                  # what finding prompted it: "event", "contradicted", "quote", ...
    article: str                # the article's key ("" when about the whole story)
    text: str
    answer: tuple[str, ...]     # the teacher's answer, one point a line


def excerpt(text: str, words: int = EXCERPT_WORDS) -> str:
    """The first ``words`` words of ``text``, with an ellipsis when cut."""
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def _name(view: DocumentView) -> str:
    return view.title


def questions(story: StoryView, lines: Mapping[str, Sequence[Line]]) -> tuple[Question, ...]:
    """The discussion questions for ``story``, most telling first (at most MAX_QUESTIONS)."""
    asked: list[Question] = []
    for article in story.articles:
        laid = lines[article.key]
        asked.extend(_event(article))
        asked.extend(_contradicted(article, laid))
        asked.extend(_quotes(article, laid))
        asked.extend(_figures(article, laid))
    for article in story.articles:
        laid = lines[article.key]
        asked.extend(_added(article, laid))
        asked.extend(_left_out(article))
    asked.extend(_grid(story))
    asked.extend(_measures(story))
    asked.append(_headlines(story, lines))
    # Every kind of finding gets a turn before any gets a second question, and
    # within a kind the article with the fewest questions so far goes first.
    by_topic: dict[str, list[Question]] = {}
    for question in asked:
        by_topic.setdefault(question.topic, []).append(question)
    chosen: list[Question] = []
    per_article: dict[str, int] = {}
    while len(chosen) < MAX_QUESTIONS and any(by_topic.values()):
        for topic in TOPICS:
            waiting = by_topic.get(topic)
            if not waiting or len(chosen) >= MAX_QUESTIONS:
                continue
            pick = min(waiting, key=lambda q: per_article.get(q.article, 0))
            waiting.remove(pick)
            chosen.append(pick)
            per_article[pick.article] = per_article.get(pick.article, 0) + 1
    # Shown article by article, then the questions about the whole story.
    chosen.sort(key=lambda q: (q.article == "", len(q.article), q.article, TOPICS.index(q.topic)))
    asked = chosen
    return tuple(asked)


def _event(article: DocumentView) -> list[Question]:
    if not article.event_note:
        return []
    return [Question(
        "event", article.key,
        f"Read the header and the figures of {_name(article)}. Does it report the same event as the "
        "primary source? What tells you?",
        ("No: " + article.event_note[0],) + article.event_note[1:],
    )]


def _sentences(article: DocumentView, mark: str) -> list:
    return [m for m in article.marks if m.mark == mark]


def _sentence_text(article: DocumentView, start: int, end: int) -> str:
    return excerpt(article.text[start:end])


def quoted(text: str) -> str:
    """``text`` in quotation marks, unless it already starts with one."""
    return text if text[:1] in "\"“‘'" else f"“{text}”"


def _contradicted(article: DocumentView, laid: Sequence[Line]) -> list[Question]:
    found = _sentences(article, "contradicted")
    if not found:
        return []
    answer = []
    for m in found:
        point = f"{line_range(laid, m.offset, m.end).capitalize()}: {quoted(_sentence_text(article, m.offset, m.end))}"
        figures = [f for f in article.figures if m.offset <= f.start < m.end]
        quotes = [q for q in article.quotes if m.offset <= q.start < m.end and q.label == "misattributed"]
        # The claim's own account of the conflict first; else the flagged figures it holds.
        details = [m.detail] if m.detail else [
            f"{f.ref} “{f.text}”: {FIGURE[f.label].words}" + (f" ({f.note})" if f.note else "")
            for f in figures if f.label in FIGURE]
        details += [f"{q.ref} credits the words to {q.speaker or 'nobody'}" for q in quotes]
        if details:
            point += " — " + "; ".join(details)
        answer.append(point)
    count = "one sentence" if len(found) == 1 else f"{len(found)} sentences"
    return [Question(
        "contradicted", article.key,
        f"{_name(article)} has {count} marked ✗ (contradicts the primary). What exactly does the primary "
        "say instead?",
        _capped(answer),
    )]


def _quotes(article: DocumentView, laid: Sequence[Line]) -> list[Question]:
    asked = []
    for quote in article.quotes:
        if quote.label in (None, "exact", "trivial"):
            continue
        where = line_of(laid, quote.start)
        source = f" with the primary ({quote.key})" if quote.key else " with the primary"
        words = QUOTE.get(quote.label, QUOTE[None]).words
        answer = [f"{quote.ref} is {words}" + (f": {quote.difference}" if quote.difference else ".")]
        if quote.label == "misattributed":
            asked.append(Question(
                "misattributed", article.key,
                f"In {_name(article)}, line {where}, who is said to have spoken quotation {quote.ref}? "
                "Who said those words in the primary?",
                (f"{_name(article)} credits it to {quote.speaker or 'nobody'}.",) + tuple(answer),
            ))
        elif quote.label == "unsourced":
            asked.append(Question(
                "quote", article.key,
                f"Quotation {quote.ref} in {_name(article)} (line {where}) is not in the primary. "
                "Where could it come from, and how could a reader check it?",
                tuple(answer) + (f"Credited to: {quote.speaker or 'nobody'}.",),
            ))
        else:
            asked.append(Question(
                "quote", article.key,
                f"Compare quotation {quote.ref} in {_name(article)} (line {where}){source}. "
                "What was changed, and is the change shown to the reader (… or [ ])?",
                tuple(answer),
            ))
    return asked


def _figures(article: DocumentView, laid: Sequence[Line]) -> list[Question]:
    flagged = [f for f in article.figures if f.label in ("mismatch", "unsourced")]
    if not flagged:
        return []
    answer = _capped([
        f"{f.ref}, line {line_of(laid, f.start)}: “{f.text}” — {FIGURE[f.label].words}"
        + (f" ({f.note})" if f.note else "")
        for f in flagged
    ])
    source = "the primary" if not article.event_note else "the reference figures of the event it reports"
    return [Question(
        "figures", article.key,
        f"Check the figures of {_name(article)} against {source}. Which do not match, "
        "and which cannot be found there at all?",
        answer,
    )]


def _capped(points: list[str]) -> tuple[str, ...]:
    if len(points) > MAX_ANSWER_POINTS:
        points = points[:MAX_ANSWER_POINTS - 1] + [f"… and {len(points) - MAX_ANSWER_POINTS + 1} more."]
    return tuple(points)


def _added(article: DocumentView, laid: Sequence[Line]) -> list[Question]:
    found = _sentences(article, "added")
    # An article on another event adds nearly everything: the event question covers it.
    if not found or article.event_note:
        return []
    answer = _capped([
        f"{line_range(laid, m.offset, m.end).capitalize()}" + (f" ({m.kind})" if m.kind else "")
        + f": {quoted(_sentence_text(article, m.offset, m.end))}"
        + (f" — not in the primary: {m.detail}" if m.detail else "")
        for m in found
    ])
    return [Question(
        "added", article.key,
        f"Which sentences of {_name(article)} say something the primary does not (marked +)? "
        "Is each one history, politics, speculation, detail, opinion or promotion?",
        answer,
    )]


def _left_out(article: DocumentView) -> list[Question]:
    asked = []
    if article.left_out:
        answer = tuple(article.left_out)
        if article.left_out_partial:
            answer += ("A paywall hid part of the article, so some of these may be in the hidden part.",)
        asked.append(Question(
            "left_out", article.key,
            f"What did {_name(article)} leave out of the primary? Would a reader miss it?",
            answer,
        ))
    if article.paywall_note:
        asked.append(Question(
            "paywall", article.key,
            f"Part of {_name(article)} is behind a paywall. How does that limit what we can say about it?",
            article.paywall_note,
        ))
    return asked


def _grid(story: StoryView) -> list[Question]:
    if not story.grid:
        return []
    carried = []
    for row in story.grid:
        n = sum(1 for cell in row.cells if cell != "left_out")
        carried.append((n, row.item.ref))
    most = max(n for n, _ in carried)
    top = [ref for n, ref in carried if n == most]
    none = [ref for n, ref in carried if n == 0]
    answer = [f"Carried by the most articles ({most} of {len(story.articles)}): {', '.join(top)}."]
    answer.append(f"Carried by none: {', '.join(none)}." if none else "Every key item was carried by at least one article.")
    contradicted = [row.item.ref for row in story.grid if "contradicted" in row.cells]
    if contradicted:
        answer.append(f"Contradicted somewhere: {', '.join(contradicted)}.")
    return [Question(
        "grid", "",
        "Use the comparison grid. Which of the primary's key facts did most articles carry, and which "
        "did none? Why might that be?",
        tuple(answer),
    )]


def _measures(story: StoryView) -> list[Question]:
    asked = []
    articles = story.analysis.articles
    if "copying" in story.ready and articles:
        shares = [(float(getattr(a.copying, "article_share", 0.0) or 0.0), v) for a, v in zip(articles, story.articles)]
        share, view = max(shares, key=lambda s: s[0])
        asked.append(Question(
            "copying", view.key,
            "Which article copies the largest share of its words from the primary, word for word? "
            "Is that a problem when it is not marked as a quotation?",
            (f"{_name(view)}: {share:.0%} of its words come from the primary.",)
            + tuple(f"{_name(v)}: {s:.0%}" for s, v in shares if v is not view),
        ))
    if "readability" in story.ready and articles:
        scores = [(float(getattr(a.readability, "flesch_reading_ease", 0.0) or 0.0), v)
                  for a, v in zip(articles, story.articles)]
        primary = float(getattr(story.analysis.primary.readability, "flesch_reading_ease", 0.0) or 0.0)
        score, view = max(scores, key=lambda s: s[0])
        asked.append(Question(
            "readability", view.key,
            "Which article is the easiest to read, and is it easier than the primary? What makes it so?",
            (f"{_name(view)} (Flesch reading ease {score:.0f}; higher is easier); the primary scores {primary:.0f}.",)
            + tuple(f"{_name(v)}: {s:.0f}" for s, v in scores if v is not view),
        ))
    return asked


def headline_mark(article: DocumentView) -> str | None:
    """The margin mark of an article's headline (None when it has none or no marks)."""
    paragraphs = article.body.paragraphs
    if not paragraphs or paragraphs[0].kind != "headline":
        return None
    first = paragraphs[0]
    return next((m.mark for m in article.marks if first.start <= m.offset < first.end), None)


def _headlines(story: StoryView, lines: Mapping[str, Sequence[Line]]) -> Question:
    answer = []
    for article in story.articles:
        mark = headline_mark(article)
        if mark is not None:
            answer.append(f"{_name(article)}: {SENTENCE[mark].symbol} {SENTENCE[mark].words}.")
    if not answer:
        answer.append("Open question: compare which figure, person or word each headline puts first.")
    return Question(
        "headlines", "",
        "Compare the headlines side by side. What does each put first, and which is closest to what the "
        "primary says?",
        tuple(answer),
    )
