"""The worksheet's tasks, generated from a story's findings, with the key's answers and rubrics.

Rendering only: every task is prompted by a finding of the measures (a
changed figure, a dropped word of caution, a quotation the primary source
does not hold, loaded words, an added or contradicted sentence...) and
points to the places to compare ("Compare line 2 of Article B with R1").
Per article, the one or two most remarkable findings become tasks; then one
task compares the outlets and one the headlines. No two answers are the
same. Each task has a rubric with three levels (mastery, emerging,
beginning), each with a sample answer drawn from the story's own evidence,
in the manner of the Digital Inquiry Group's Civic Online Reasoning lessons.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from reports.findings import articles_named, is_innocence_hedge, join
from reports.layout import Line, line_of, line_range
from reports.view import DocumentView, StoryView, excerpt, to_body

MAX_PER_ARTICLE = 2
LEVELS = ("mastery", "emerging", "beginning")
# What each level means for any task: the answer points to places and compares them.
LEVEL_MEANING = {
    "mastery": "points to both places (the article's line and the source's C or R), says exactly what changed "
               "and why it matters to a reader",
    "emerging": "notices the change but does not compare it with the source, or does not say why it matters",
    "beginning": "repeats what the article says without comparing it with the source",
}


@dataclass(frozen=True)
class Level:
    level: str          # "mastery", "emerging" or "beginning"
    meaning: str
    sample: str         # a sample student answer at this level, from this story's evidence


@dataclass(frozen=True)
class Question:
    topic: str                  # what finding prompted it: "figure", "hedge", "quote", "compare", "headlines", ...
    article: str                # the article's key ("" when about the whole story)
    text: str                   # the task as the students read it
    answer: tuple[str, ...]     # the teacher's answer, one point a line
    rubric: tuple[Level, ...] = ()


def quoted(text: str) -> str:
    """``text`` in quotation marks, unless it already starts with one."""
    return text if text[:1] in "\"“‘'" else f"“{text}”"


def _rubric(mastery: str, emerging: str, beginning: str) -> tuple[Level, ...]:
    return tuple(Level(level, LEVEL_MEANING[level], sample)
                 for level, sample in zip(LEVELS, (mastery, emerging, beginning)))


def cap(text: str) -> str:
    """``text`` with its first letter upper case (the rest untouched, unlike str.capitalize)."""
    return text[:1].upper() + text[1:]


def _source(article: DocumentView) -> str:
    """What the article is compared with: the published figures of the other event it reports, if any."""
    if article.other_event and article.other_event != "another event":
        return f"the published figures of {article.other_event}"
    return "the primary source"


def _published(article: DocumentView) -> bool:
    return _source(article) != "the primary source"


def _line_text(article: DocumentView, laid: Sequence[Line], number: int) -> str:
    line = next((x for x in laid if x.number == number), None)
    return article.text[line.start:line.end] if line else ""


@dataclass(frozen=True)
class _Candidate:
    weight: int
    question: Question

    @property
    def lines(self) -> frozenset[int]:
        """The article's lines the task points to ("line 2", "lines 8–10"): one task a place."""
        found: set[int] = set()
        for first, last in re.findall(r"\blines? (\d+)(?:–(\d+))?", self.question.text, flags=re.I):
            found.update(range(int(first), int(last or first) + 1))
        return frozenset(found)


def questions(story: StoryView, lines: Mapping[str, Sequence[Line]]) -> tuple[Question, ...]:
    """The tasks for ``story``: per article its most remarkable findings, then a comparison and the headlines."""
    asked: list[Question] = []
    answers: set[str] = set()
    spoken = _other_speaker(story, lines)  # asked once, of the first article quoting the other event's official
    for article in story.articles:
        laid = lines[article.key]
        found = _candidates(story, article, laid) + ([spoken[1]] if spoken and spoken[0] == article.key else [])
        candidates = sorted(found, key=lambda c: -c.weight)
        topics: set[str] = set()
        places: set[int] = set()
        for candidate in candidates:
            q = candidate.question
            if q.topic in topics or any(a in answers for a in q.answer) or candidate.lines & places:
                continue
            places |= candidate.lines
            asked.append(q)
            topics.add(q.topic)
            answers.update(q.answer)
            if len(topics) >= MAX_PER_ARTICLE:
                break
    comparison = _comparison(story, lines)
    if comparison is not None:
        asked.append(comparison)
    asked.append(_headlines(story, lines))
    return tuple(asked)


def _other_speaker(story: StoryView, lines: Mapping[str, Sequence[Line]]) -> tuple[str, _Candidate] | None:
    """A task on who speaks: the other event's official quoted by an article, against the primary's speaker."""
    primary_speakers = list(dict.fromkeys(q.speaker for q in story.analysis.primary.quotes.quotes if q.speaker))
    if not primary_speakers:
        return None
    for article in story.articles:
        reference = next((r for r in story.references if r.name == article.other_event), None)
        if reference is None:
            continue
        quote = next((q for q in article.quotes if q.speaker in reference.officials
                      and q.speaker not in primary_speakers), None)
        if quote is None:
            continue
        line = line_of(lines[article.key], quote.start)
        c_ref = next((k.ref for k in story.key_items if k.kind == "quotation"), "")
        them = primary_speakers[0]
        return article.key, _Candidate(7, Question(
            "speaker", article.key,
            f"Line {line} of Article {article.key} quotes {quote.speaker}. Who speaks in the primary source"
            f"{' (' + c_ref + ')' if c_ref else ''}? What does the difference tell you about the event the "
            "article reports?",
            (f"Line {line}: {quote.speaker}, who spoke for {reference.name}; the primary source quotes {them}. "
             "A different official is a clue that the article reports another event.",),
            _rubric(f"The article quotes {quote.speaker} but the primary source quotes {them}, so the article is "
                    f"about a different announcement: {reference.name}.",
                    "The article and the primary source quote different people.",
                    f"{quote.speaker} said {quoted(excerpt(quote.text, 8))}")))
    return None


def _candidates(story: StoryView, article: DocumentView, laid: Sequence[Line]) -> list[_Candidate]:
    out: list[_Candidate] = []
    out.extend(_contradicted(story, article, laid))
    out.extend(_figures(story, article, laid))
    out.extend(_hedges(story, article, laid))
    out.extend(_quotes(story, article, laid))
    out.extend(_loaded(story, article, laid))
    out.extend(_added(article, laid))
    out.extend(_left_out(article))
    return out


def _ref_of(story: StoryView, article: DocumentView, source: str) -> str:
    if article.other_event:
        for reference in story.references:
            for row in reference.rows:
                if row.text == source:
                    return row.ref
        return ""
    return next((k.ref for k in story.key_items if source and source in k.text), "")


def _contradicted(story: StoryView, article: DocumentView, laid: Sequence[Line]) -> list[_Candidate]:
    out = []
    for mark in (m for m in article.marks if m.mark == "contradicted"):
        where = line_range(laid, mark.offset, mark.end)
        # the key item holding the value the sentence conflicts with, else the one it is aligned to
        said = re.search(r"says “([^”]+)”", mark.detail)
        ref = next((k.ref for k in story.key_items if said and said.group(1) in k.text), "") or mark.ref
        sentence = article.text[mark.offset:mark.end]
        detail = mark.detail or "it conflicts with what the primary source says"
        out.append(_Candidate(10, Question(
            "contradicted", article.key,
            (f"Compare {where} of Article {article.key} with {ref} of the primary source. What changed?"
             if ref else
             f"Read {where} of Article {article.key} and find the same fact in the primary source. What changed?"),
            (f"Article {article.key}, {where}: {quoted(excerpt(sentence))} — it {detail}.",),
            _rubric(f"{cap(where)} {detail}; a reader of Article {article.key} gets the fact wrong.",
                    f"{cap(where)} is different from the primary source.",
                    f"The article says {quoted(excerpt(sentence, 10))}"))))
        break
    return out


def _figures(story: StoryView, article: DocumentView, laid: Sequence[Line]) -> list[_Candidate]:
    out = []
    source = _source(article)
    for figure in article.figures:
        line = line_of(laid, figure.start)
        ref = _ref_of(story, article, figure.source)
        place = ref or source
        if figure.label == "mismatch":
            others = [i for i in article.figure_inconsistencies if figure.text in i]
            answer = (f"Line {line} gives “{figure.text}”; {place} ({source}) gives “{figure.source}”: "
                      "the figure was changed.",)
            if others:
                answer += (f"The article also disagrees with itself: {others[0]}.",)
            out.append(_Candidate(9, Question(
                "figure", article.key,
                f"Compare line {line} of Article {article.key} with {place}. What changed?",
                answer,
                _rubric(f"Line {line} says {figure.text} but {place} says {figure.source}, so the article changed "
                        "the number; readers would get the size of the operation wrong.",
                        f"The number {figure.text} on line {line} looks different from the other numbers.",
                        f"The article says {figure.text} people were arrested."))))
            break
    for figure in article.figures:
        line = line_of(laid, figure.start)
        ref = _ref_of(story, article, figure.source)
        if figure.label == "rounded" and ref:
            out.append(_Candidate(3, Question(
                "rounded", article.key,
                f"Line {line} of Article {article.key} gives “{figure.text}”. What does {ref} say? "
                "Is the rounding fair to the reader?",
                (f"{ref} says “{figure.source}”; “{figure.text}” on line {line} is a rounding of it, true but "
                 "less precise.",),
                _rubric(f"{ref} says {figure.source}; {figure.text} is true but rounds it off, so the article sounds "
                        "less exact than its source.",
                        f"{figure.text} is not the exact number.",
                        f"The article says {figure.text}."))))
            break
    unsourced = [f for f in article.figures if f.label == "unsourced"]
    if unsourced:
        first = unsourced[0]
        where = line_range(laid, first.start, unsourced[-1].end)
        shown = join([f"“{f.text}”" for f in unsourced[:3]])
        out.append(_Candidate(4, Question(
            "unsourced figure", article.key,
            f"Article {article.key} gives {shown} ({where}). Can you find "
            f"{'these figures' if len(unsourced) > 1 else 'this figure'} in {source}? "
            f"Why might the reporter have added {'them' if len(unsourced) > 1 else 'it'}?",
            (f"{shown} ({where}): {source} give{'' if _published(article) else 's'} no figure for "
             f"{'them' if len(unsourced) > 1 else 'it'}; the reporter brought "
             f"{'them' if len(unsourced) > 1 else 'it'} in from elsewhere, without saying where.",),
            _rubric(f"{shown} {'are' if len(unsourced) > 1 else 'is'} not in {source}; the article adds "
                    f"{'them' if len(unsourced) > 1 else 'it'} from somewhere else without saying where.",
                    f"{shown} {'are extra details' if len(unsourced) > 1 else 'is an extra detail'}.",
                    f"The article gives {shown}."))))
    return out


def _hedges(story: StoryView, article: DocumentView, laid: Sequence[Line]) -> list[_Candidate]:
    analysed = story.analysis.articles[story.articles.index(article)]
    body = analysed.cleaning.body
    source = _source(article)
    for item in getattr(analysed.omissions, "items", ()) or ():
        if item.kind != "hedge" or not 0 <= getattr(item, "article_sentence", -1) < len(body.sentences):
            continue
        word = item.text.split(" (")[0].split()[0]
        sentence = body.sentences[getattr(item, "article_sentence", -1)]
        where = line_range(laid, sentence.start, sentence.end)
        said = excerpt(sentence.text, 12)
        if is_innocence_hedge(word):
            ask = "Who is said to have been arrested?"
            why = "without it, people who have not been convicted read as offenders"
            mastery = (f"The source says {word} offenders but {where} drops “{word}”, so people who are only accused "
                       "sound guilty.")
            emerging = f"{cap(where)} calls them offenders."
        else:
            ask = "How sure does the article sound?"
            why = "without it, what the source gives as uncertain reads as certain"
            mastery = f"The source says “{word}” but {where} drops it, so a guess or an estimate sounds like a fact."
            emerging = f"{cap(where)} sounds very sure."
        return [_Candidate(8, Question(
            "hedge", article.key,
            f"Read {where} of Article {article.key}. {ask} Compare the words with {source}. Which word is missing, "
            "and why does it matter?",
            (f"{cap(where)}: {quoted(said)}. {cap(source)} say{'' if _published(article) else 's'} "
             f"“{word}”; {why}.",),
            _rubric(mastery, emerging, f"The article says {quoted(excerpt(sentence.text, 8))}")))]
    return []


def _quotes(story: StoryView, article: DocumentView, laid: Sequence[Line]) -> list[_Candidate]:
    out = []
    primary_speakers = {q.speaker for q in story.analysis.primary.quotes.quotes if q.speaker}
    officials = {o for r in story.references for o in r.officials}
    for quote in article.quotes:
        line = line_of(laid, quote.start)
        if quote.label == "misattributed":
            out.append(_Candidate(9, Question(
                "quote", article.key,
                f"Line {line} of Article {article.key} credits a quotation to {quote.speaker or 'nobody'}. "
                f"Find the same words in the primary source{' (' + quote.key + ')' if quote.key else ''}. "
                "Who said them there?",
                (f"Line {line}: credited to {quote.speaker or 'nobody'}; {quote.difference}.",),
                _rubric(f"The article gives the words to {quote.speaker}, but {quote.difference}; "
                        "a reader trusts the wrong person.",
                        "The quotation is the same as in the release.",
                        f"{quote.speaker} said it."))))
        elif quote.label in ("altered", "spliced", "marked"):
            shown = "and the article shows it (… or [ ])" if quote.label == "marked" else "without showing it"
            out.append(_Candidate(7 if quote.label != "marked" else 3, Question(
                "quote", article.key,
                f"Compare the quotation on line {line} of Article {article.key} with "
                f"{quote.key or 'the primary source'}. What was changed, and does the article show the change?",
                (f"Line {line}: {quote.difference}; changed {shown}.",),
                _rubric(f"Compared with {quote.key or 'the release'}: {quote.difference}; it was changed {shown}.",
                        "Some words of the quotation are different.",
                        f"{quote.speaker or 'Someone'} said {quoted(excerpt(quote.text, 8))}"))))
        elif quote.label == "unsourced" and quote.speaker and quote.speaker not in primary_speakers | officials \
                and not quote.speaker.startswith(("Department", "Internet")):
            source = _source(article)
            out.append(_Candidate(5, Question(
                "new voice", article.key,
                f"Article {article.key} quotes {quote.speaker} (line {line}). Is {quote.speaker} named in the "
                f"primary source{' or in ' + source if _published(article) else ''}? Why might the article bring "
                "this voice in?",
                ((f"Neither the primary source nor {source} names {quote.speaker}" if _published(article) else
                  f"The primary source does not name {quote.speaker}") + f"; the quotation on line {line} comes from another occasion and widens "
                 "the story.",),
                _rubric(f"{quote.speaker} is not in {source}; the quotation on line {line} brings in another occasion "
                        "and a point of view the release does not give.",
                        f"{quote.speaker} is an extra person in the article.",
                        f"{quote.speaker} said {quoted(excerpt(quote.text, 8))}"))))
    return out


def _loaded(story: StoryView, article: DocumentView, laid: Sequence[Line]) -> list[_Candidate]:
    analysed = story.analysis.articles[story.articles.index(article)]
    if "framing" not in story.ready:
        return []
    body = analysed.cleaning.body
    terms = []
    strong = False  # a loaded phrase or a word of the emotive list makes a better task than a mild lexicon word
    for term in getattr(analysed.framing, "loaded_terms", ()) or ():
        if getattr(term, "quoted", False) or getattr(term, "kind", "") == "intensifier":
            continue
        span = to_body(body, term.start, term.end)
        if span and term.text.lower() not in (t[0].lower() for t in terms):
            terms.append((term.text, line_of(laid, span[0]), abs(float(getattr(term, "valence", 0.0) or 0.0))))
            strong = strong or getattr(term, "kind", "") == "phrase" or getattr(term, "lexicon", "") == "emotive"
    if len(terms) < 2:
        return []
    # The most strongly valenced first (the lexicon's own ratings), in reading order.
    strongest = sorted(terms, key=lambda t: -t[2])[:3]
    terms = [t for t in terms if t in strongest]
    shown = join([f"“{t}” (line {n})" for t, n, _ in terms])
    words = join([f"“{t}”" for t, _, _ in terms])
    return [_Candidate(6 if strong else 2, Question(
        "loaded words", article.key,
        f"Find the words {words} in Article {article.key}. Would the primary source use them? "
        "What do they make the reader feel?",
        (f"{shown}: the primary source does not use these words; they are the reporter's judgement and "
         "set the tone.",),
        _rubric(f"{words} are the reporter's words, not the release's; they push the reader to feel "
                "something instead of just giving the facts.",
                f"{words} are strong words.",
                f"The article says {words}.")))]


def _added(article: DocumentView, laid: Sequence[Line]) -> list[_Candidate]:
    if article.other_event:
        return []
    out = []
    for mark in (m for m in article.marks if m.mark == "added"):
        where = line_range(laid, mark.offset, mark.end)
        sentence = article.text[mark.offset:mark.end]
        kind = mark.kind or "detail"
        weight = 6 if kind in ("editorial", "speculation", "political") else 2
        detail = f" It {mark.detail}." if mark.detail else ""
        out.append(_Candidate(weight, Question(
            "added", article.key,
            f"Read {where} of Article {article.key}. Does the primary source say this? If not, is it history, "
            "politics, a guess, a detail or the reporter's opinion?",
            (f"{cap(where)}: {quoted(excerpt(sentence))} is not in the primary source ({kind}).{detail}",),
            _rubric(f"{cap(where)} is not in the release; it is {kind}, added by the reporter as if it were "
                    "part of the news.",
                    f"{cap(where)} is extra information.",
                    f"The article says {quoted(excerpt(sentence, 8))}"))))
        if len(out) >= 1:
            break
    return out


def _left_out(article: DocumentView) -> list[_Candidate]:
    if not article.left_out or article.other_event:
        return []
    first = article.left_out[0]
    return [_Candidate(3, Question(
        "left out", article.key,
        f"Which important fact of the primary source does Article {article.key} not report? "
        "Would a reader miss it?",
        (f"For example {first}" + (" (a paywall hid part of the article, so it may be in the hidden part)"
                                   if article.left_out_partial else "") + ".",),
        _rubric(f"It leaves out {first}; a reader would not know it.",
                "Some facts are missing.",
                "The article is shorter than the release.")))]


def _comparison(story: StoryView, lines: Mapping[str, Sequence[Line]]) -> Question | None:
    """One task across the outlets: the event they report, else the key fact carried most unevenly."""
    others = [a for a in story.articles if a.other_event]
    primary_period = next((f.text for f in story.analysis.primary.figures.figures if getattr(f, "unit", "") == "period"), "")
    if others:
        name = others[0].other_event
        answer = []
        for article in others:
            analysed = story.analysis.articles[story.articles.index(article)]
            laid = lines[article.key]
            dated = next((f for f in analysed.figures.figures if getattr(f, "unit", "") in ("period", "date") and getattr(f, "year", 0)), None)
            counted = [f for f in analysed.figures.figures if getattr(f, "source_span", None) is None and f.label in ("match", "rounded")
                       and getattr(f, "unit", "") not in ("year", "decade", "period", "date")]
            bits = []
            if dated is not None:
                span = to_body(analysed.cleaning.body, *dated.span)
                if span:
                    bits.append(f"dates it “{dated.text}” (line {line_of(laid, span[0])})")
            if counted:
                span = to_body(analysed.cleaning.body, *counted[0].span)
                if span:
                    bits.append(f"its “{counted[0].text}” (line {line_of(laid, span[0])}) is the published figure "
                                f"“{counted[0].source_text}”")
            if dated is None:
                bits.insert(0, "gives no date")
            answer.append(f"Article {article.key} " + "; ".join(bits) + ".")
        answer.append(f"So {'they report' if len(others) > 1 else 'it reports'} {name}; the primary source is about "
                      f"{primary_period or 'another operation'}. Comparing them with it would count accurate "
                      "reporting as errors.")
        keys = [a.key for a in others]
        c_period = next((k.ref for k in story.key_items if primary_period and primary_period in k.text), "")
        return Question(
            "compare", "",
            f"Compare the dates and figures of {articles_named(keys)} with the primary source"
            f"{' (' + c_period + ')' if c_period else ''}"
            + (" and with the published figures (R1, R2, …). " if story.references else ". ")
            + ("Which event does each article report? " if len(keys) > 1 else "Which event does it report? ")
            + "What should a reader conclude?",
            tuple(answer),
            _rubric(f"{answer[0]} The figures match the published figures of {name}, not the primary source "
                    f"({primary_period or 'its own operation'}), so the articles report {name}.",
                    "The dates and numbers in the articles are different from the primary source.",
                    "The articles are about the same operation as the primary source."))
    if not story.grid:
        return None
    best = None
    for row in story.grid:
        kinds = set(row.cells)
        if len(kinds) > 1 and (best is None or len(kinds) > len(set(best.cells))):
            best = row
    if best is None:
        return None
    answer = []
    for article, cell in zip(story.articles, best.cells):
        from reports.style import GRID

        answer.append(f"Article {article.key}: {GRID[cell].words}.")
    return Question(
        "compare", "",
        f"Use the comparison grid: how did each article carry {best.item.ref} of the primary source? "
        "Which article is the most faithful, and why might the others differ?",
        tuple(answer),
        _rubric(f"{best.item.ref}: " + " ".join(answer) + " The ones that left it out or changed it give readers "
                "less or wrong information.",
                "Some articles carry it and some do not.",
                f"{best.item.ref} is in the primary source."))


def _headline_figures(story: StoryView, article: DocumentView) -> str:
    paragraphs = article.body.paragraphs
    if not paragraphs or paragraphs[0].kind != "headline":
        return ""
    first = paragraphs[0]
    analysed = story.analysis.articles[story.articles.index(article)]
    said = []
    for figure in analysed.figures.figures:
        span = to_body(analysed.cleaning.body, *figure.span)
        if not span or not first.start <= span[0] < first.end:
            continue
        source = getattr(figure, "source_text", "")
        ref = _ref_of(story, article, source)
        if figure.label == "match":
            said.append(f"“{figure.text}”, as {ref or _source(article)} gives it")
        elif figure.label == "rounded":
            said.append(f"“{figure.text}”, a rounding of “{source}” ({ref or _source(article)})")
        elif figure.label == "mismatch":
            said.append(f"“{figure.text}”, changed from “{source}” ({ref or _source(article)})")
        elif figure.label == "unsourced":
            said.append(f"“{figure.text}”, found in no source here")
    return "; ".join(said)


def headline_of(story: StoryView) -> str:
    """The primary source's headline, or its first sentence when it has none."""
    if story.primary.headline:
        return story.primary.headline
    first = next((s for s in story.primary.body.sentences if s.kind not in ("heading",)), None)
    return f"(no headline; it opens: {quoted(excerpt(first.text, 16))})" if first else "(no headline)"


def _headlines(story: StoryView, lines: Mapping[str, Sequence[Line]]) -> Question:
    answer = []
    from analysis.settings import word_list

    hedges = {w.lower() for w in word_list("hedges")}
    # "no word of caution" is worth saying only where the source uses one
    source_words = {w.strip(",.;:").lower() for w in story.primary.text.split()}
    source_words |= {w.lower() for r in story.references for row in r.rows for w in row.quantity.split()}
    cautious = bool(hedges & source_words)
    for article in story.articles:
        if not article.headline:
            continue
        figures = _headline_figures(story, article)
        caution = [w for w in article.headline.split() if w.lower().strip(",.:;") in hedges]
        point = f"Article {article.key}, “{article.headline}”: " + (f"puts first {figures}" if figures else
                                                                     "gives no figure")
        if caution:
            point += f"; keeps the word of caution “{caution[0]}”"
        elif cautious:
            point += "; no word of caution"
        point += "."
        answer.append(point)
    if not answer:
        answer.append("Open question: compare which figure, person or word each headline puts first.")
    primary = headline_of(story)
    return Question(
        "headlines", "",
        "Read the headlines side by side. What does each put first? Which is closest to the primary source "
        f"{primary if primary.startswith('(') else '(' + quoted(primary) + ')'}, and which words make a headline "
        "stronger than its source?",
        tuple(answer),
        _headline_rubric(story, answer))


def _headline_rubric(story: StoryView, answer: Sequence[str]) -> tuple[Level, ...]:
    """Sample answers from the headlines themselves: one that drops a word of caution or rounds, one that keeps it."""
    loose = next((a for a in answer if "no word of caution" in a or "rounding" in a or "changed" in a), "")
    careful = next((a for a in answer if "keeps the word of caution" in a and a != loose), "")
    mastery = " ".join(x for x in (loose, careful) if x) or (answer[0] if answer else "")
    dramatic = next((a.headline for a in story.articles if a.headline and a.key in loose[:12]), "")
    return _rubric(mastery + (" So the careful headline is closest to the source." if careful else ""),
                   f"“{dramatic or 'One headline'}” sounds the most dramatic." if dramatic else
                   "One headline sounds more dramatic than the others.",
                   "The headlines all say how many people were arrested.")


def headline_mark(article: DocumentView) -> str | None:
    """The margin mark of an article's headline (None when it has none or no marks)."""
    paragraphs = article.body.paragraphs
    if not paragraphs or paragraphs[0].kind != "headline":
        return None
    first = paragraphs[0]
    return next((m.mark for m in article.marks if first.start <= m.offset < first.end), None)


def timing(story: StoryView, asked: Sequence[Question]) -> tuple[tuple[str, int], ...]:
    """A suggested timing for one lesson: (step, minutes)."""
    per_article = 6 if len(story.articles) <= 4 else 4
    steps = [("Read page 1 together: the primary source and what to look for", 8),
             (f"Students read the {len(story.articles)} article{'s' if len(story.articles) != 1 else ''} and do "
              "the article tasks (pairs)", per_article * max(1, len(story.articles))),
             ("Comparison and headline tasks", 8),
             ("Whole-class discussion with the key", 8)]
    return tuple(steps)


def objective(story: StoryView) -> str:
    """The lesson's learning objective, from what this story's findings ask of students."""
    text = ("Students compare news articles with the source they are based on, point to the exact line where an "
            "article changes, adds or drops something, and explain with evidence whether a reader would be misled")
    if any(a.other_event for a in story.articles):
        text += ("; and they recognise when an article reports a different event than the source at hand, and "
                 "compare it with the right one")
    return text + "."
