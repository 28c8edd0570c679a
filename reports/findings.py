"""The finding first: a story's two or three most important findings, ranked, in plain words.

Rendering only: the findings are the measures' own labels (the event
check, the figure checks, the quotation labels, the omitted hedges, the
added claims), selected and put in the order that matters to a reader:

1. an article reports another event than the primary source;
2. a changed figure;
3. a changed quotation or speaker;
4. a dropped word of caution (a hedge such as "suspected");
5. a claim the primary source does not make, added as fact.

Each finding names the line it is on (numbers of the laid-out lines the
handout prints) and carries a ``hint``: where to look without the verdict,
for the students' worksheet.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from reports.fonts import esc
from reports.layout import Line, line_of, line_range
from reports.view import DocumentView, StoryView, excerpt, to_body

# The order findings are ranked in (see the module docstring).
RANK = ("other_event", "figure", "quotation", "hedge", "added")
MAX_FINDINGS = 3
# Kinds of an added claim that present the reporter's own view or guess as fact.
OPINION_KINDS = ("editorial", "speculation", "political")


@dataclass(frozen=True)
class Finding:
    kind: str                   # one of RANK
    articles: tuple[str, ...]   # the articles' keys
    text: str                   # the finding, with its lines (teacher's key, annotated copy, index, report)
    hint: str                   # where to look, without the verdict (the students' worksheet)


def join(names: Sequence[str]) -> str:
    """"A", "A and B", "A, B and C"."""
    names = list(names)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def articles_named(keys: Sequence[str]) -> str:
    return ("Article " if len(keys) == 1 else "Articles ") + join(list(keys))


def findings(story: StoryView, lines: Mapping[str, Sequence[Line]], *, limit: int = MAX_FINDINGS) -> tuple[Finding, ...]:
    """The story's most important findings, ranked by RANK, one of a kind before a second of any."""
    found: dict[str, list[Finding]] = {kind: [] for kind in RANK}
    found["other_event"] = _other_events(story, lines)
    for article in story.articles:
        laid = lines[article.key]
        found["figure"].extend(_figures(story, article, laid))
        found["quotation"].extend(_quotations(article, laid))
        found["hedge"].extend(_hedges(story, article, laid))
        found["added"].extend(_added(article, laid))
    chosen: list[Finding] = []
    for round_ in range(limit):
        for kind in RANK:
            if len(found[kind]) > round_ and len(chosen) < limit:
                chosen.append(found[kind][round_])
    return tuple(chosen)


def _other_events(story: StoryView, lines: Mapping[str, Sequence[Line]]) -> list[Finding]:
    groups: dict[str, list[DocumentView]] = {}
    for article in story.articles:
        if article.other_event:
            groups.setdefault(article.other_event, []).append(article)
    primary_period = next((f.text for f in story.analysis.primary.figures.figures if getattr(f, "unit", "") == "period"), "")
    out = []
    for name, group in groups.items():
        keys = [a.key for a in group]
        everyone = len(group) == len(story.articles)
        subject = ("All the articles" if everyone and len(group) > 1 else articles_named(keys))
        verb = "reports" if len(group) == 1 and not everyone else "report"
        dated = []
        for article in group:
            analysed = story.analysis.articles[story.articles.index(article)]
            period = next((f for f in analysed.figures.figures if getattr(f, "unit", "") in ("period", "date") and getattr(f, "year", 0)), None)
            if period is not None:
                span = to_body(analysed.cleaning.body, *period.span)
                if span:
                    dated.append(f"Article {article.key} dates it “{period.text}”, line {line_of(lines[article.key], span[0])}")
        event = name if name != "another event" else "another event"
        text = (f"{subject} {verb} {event}, not the event of the primary source"
                + (f" ({primary_period})" if primary_period else "") + ". "
                + (f"{'; '.join(dated)}. " if dated else "")
                + (f"{'Their' if len(group) > 1 else 'Its'} figures are compared with the published figures of that "
                   "event, not with the primary source." if name != "another event" else
                   f"{'Their' if len(group) > 1 else 'Its'} figures cannot be checked against the primary source."))
        hint = (f"{subject} {verb} {event}, not the event of the primary source"
                + (f" ({primary_period})" if primary_period else "") + "."
                + (f" Compare {'them' if len(group) > 1 else 'it'} with that event's published figures (R1, R2, …), "
                   "not with the primary source." if name != "another event" else ""))
        out.append(Finding("other_event", tuple(keys), text, hint))
    return out


def _reference_ref(story: StoryView, source: str) -> str:
    for reference in story.references:
        for row in reference.rows:
            if row.text == source:
                return row.ref
    return ""


def _key_ref(story: StoryView, source: str) -> str:
    return next((k.ref for k in story.key_items if source and source in k.text), "")


def _figures(story: StoryView, article: DocumentView, laid: Sequence[Line]) -> list[Finding]:
    out = []
    for figure in article.figures:
        if figure.label != "mismatch":
            continue
        line = line_of(laid, figure.start)
        ref = _reference_ref(story, figure.source) if article.other_event else _key_ref(story, figure.source)
        where = (f"the published figures of {article.other_event}" if article.other_event else "the primary source")
        text = (f"Article {article.key} changes a figure: “{figure.text}” on line {line}, where {where} "
                f"give{'' if article.other_event else 's'} “{figure.source}”" + (f" ({ref})" if ref else "") + ".")
        out.append(Finding("figure", (article.key,), text, f"Article {article.key}, line {line}: check the figure."))
        break
    return out


def _quotations(article: DocumentView, laid: Sequence[Line]) -> list[Finding]:
    out = []
    for quote in article.quotes:
        line = line_of(laid, quote.start)
        if quote.label == "misattributed":
            text = (f"Article {article.key} credits words to the wrong person: the quotation on line {line} is given "
                    f"to {quote.speaker or 'nobody'}; {quote.difference}.")
        elif quote.label in ("altered", "spliced"):
            text = (f"Article {article.key} changes a quotation{' of ' + quote.key if quote.key else ''} without "
                    f"showing it (line {line}): {quote.difference}.")
        else:
            continue
        out.append(Finding("quotation", (article.key,), text,
                           f"Article {article.key}, line {line}: compare the quotation with the primary source."))
    return out


def _hedges(story: StoryView, article: DocumentView, laid: Sequence[Line]) -> list[Finding]:
    analysed = story.analysis.articles[story.articles.index(article)]
    body = analysed.cleaning.body
    seen: set[str] = set()
    for item in getattr(analysed.omissions, "items", ()) or ():
        if item.kind != "hedge" or not 0 <= getattr(item, "article_sentence", -1) < len(body.sentences):
            continue
        word = item.text.split(" (")[0].split()[0]
        if word in seen:
            continue
        seen.add(word)
        sentence = body.sentences[getattr(item, "article_sentence", -1)]
        where = line_range(laid, sentence.start, sentence.end)
        source = (f"the published figures of {article.other_event}" if article.other_event else "the primary source")
        published = source != "the primary source"
        text = (f"Article {article.key} drops the word of caution “{word}” ({where}: "
                f"“{excerpt(sentence.text, 10)}”), which {source} use{'' if published else 's'}: "
                + ("people not yet convicted read as offenders." if is_innocence_hedge(word)
                   else "what was uncertain reads as certain."))
        hint = (f"Article {article.key}, {where}: who is said to have been arrested?" if is_innocence_hedge(word)
                else f"Article {article.key}, {where}: how sure does the article sound?")
        return [Finding("hedge", (article.key,), text, hint)]
    return []


def is_innocence_hedge(word: str) -> bool:
    """Whether a hedge keeps the presumption of innocence ("suspected", "alleged"), by the framing word lists."""
    from analysis.settings import word_list

    word = word.lower()
    return word in {w.lower() for w in word_list("innocence_hedges")} or word.startswith("suspect")


def _added(article: DocumentView, laid: Sequence[Line]) -> list[Finding]:
    if article.other_event:
        return []
    marks = [m for m in article.marks if m.mark == "added"]
    marks.sort(key=lambda m: (m.kind not in OPINION_KINDS, m.offset))
    for mark in marks[:1]:
        where = line_range(laid, mark.offset, mark.end)
        sentence = article.text[mark.offset:mark.end]
        kind = f" ({mark.kind})" if mark.kind else ""
        text = (f"Article {article.key} adds a claim the primary source does not make{kind}, as fact ({where}): "
                f"“{excerpt(sentence, 12)}”.")
        return [Finding("added", (article.key,), text, f"Article {article.key}, {where}: does the primary source say this?")]
    return []


def findings_section(found: Sequence[Finding]) -> str:
    """The finding first, as an HTML fragment: the story's most important findings, ranked."""
    if not found:
        return "<p>No finding stands out: the articles follow their source closely.</p>"
    items = "".join(f"<li>{esc(f.text)}</li>" for f in found)
    return ('<section class="findings" aria-label="The findings first"><h2>The findings first</h2>'
            f"<ol>{items}</ol><p class=\"note\">Line numbers are those of the worksheet and the teacher's key."
            "</p></section>")
