"""Synthetic hard cases made from a primary's own sentences (the FactCC / MiniCheck recipe, no neural model).

Each body sentence of a primary gives labelled variants by deterministic
edits: a figure changed, the thing a number counts swapped for another the
primary counts, the speaker of a quotation swapped for another the primary
quotes, a negation inserted, the verb of the act changed, a date shifted
(all ``contradicted``); a sentence of opinion, speculation or history built
on the primary's topic words (``added``); and faithful copies and
paraphrases (``supported``). The variants are set into synthetic articles,
a few edits among faithful sentences as in real coverage, analysed against
the primary by the same pipeline, and their body sentences become training
examples with the variant's label and a weight below a gold sentence's.
An article the event check takes for another event is dropped (its
sentences would teach the other-event convention, not the edit).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from analysis.text.tokens import content_stems
from analysis.study.training import Example, rules_settings
from analysis.settings import Settings

# Sentences per synthetic article, and how many of them are edited.
ARTICLE_SENTENCES = 8
EDITS_PER_ARTICLE = 2

_NUMBER = re.compile(r"(?<![\w.,$])(\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\w,]*\d)")
_COUNTED = re.compile(r"\b(\d{1,3}(?:,\d{3})+|\d+) ([a-z]{4,}s)\b")
_AUX = re.compile(r"\b(is|was|are|were|will|has|have|had|can|could|would|should|must)\b(?! not\b)")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")
_MONTH = re.compile(r"\b(" + "|".join(_MONTHS) + r")\b")
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
# Verbs of an act and a verb of another act in their place (a changed claim with the same figures).
_ACTS = {
    "arrested": "released", "charged": "cleared", "identified": "rescued", "rescued": "identified",
    "freed": "identified", "seized": "returned", "recovered": "lost", "convicted": "acquitted",
    "indicted": "investigated", "sentenced": "fined", "approved": "rejected", "rejected": "approved",
    "awarded": "denied", "recalled": "shipped", "closed": "reopened", "opened": "closed", "fined": "warned",
    "hired": "laid off", "launched": "cancelled", "increased": "reduced", "reduced": "increased",
    "raised": "cut", "expanded": "scaled back", "announced": "denied", "found": "ruled out",
    "confirmed": "denied", "completed": "abandoned", "received": "requested", "signed": "rejected",
    "agreed": "refused", "requires": "allows", "required": "allowed", "banned": "allowed",
    "suspended": "renewed", "ordered": "asked", "killed": "injured", "injured": "killed",
}
_ACT = re.compile(r"\b(" + "|".join(sorted(_ACTS, key=len, reverse=True)) + r")\b")
_SAID = re.compile(r"\b(said|says)\b")
_SPEAKER = re.compile(r"(?:\bsaid|\bsays)\s+((?:[A-Z][\w.'-]*\s+){0,4}?[A-Z][a-z][\w'-]+)|"
                      r"((?:[A-Z][\w.'-]*\s+)?[A-Z][a-z][\w'-]+)\s+(?:said|says)\b")
# Sentences the primary does not hold, on its topic ({topic}: its commonest content noun phrase).
_ADDED = (
    ("political", "Critics in the legislature say the {topic} shows the agency has been far too slow to act."),
    ("speculation", "It remains unclear whether the {topic} will change anything in the long run."),
    ("historical", "A similar {topic} in 1998 ended in a court fight that lasted years."),
    ("editorial", "For the families affected, the {topic} is welcome news, if long overdue."),
    ("speculation", "Observers expect the {topic} could face legal challenges in the coming months."),
    ("political", "The governor's opponents seized on the {topic} as proof of a failed administration."),
    ("historical", "The {topic} echoes a decades-old dispute that first surfaced in the 1980s."),
    ("detail", "A spokesperson for the company did not respond to a request for comment on the {topic}."),
)


def _change_number(text: str, index: int) -> str | None:
    for found in _NUMBER.finditer(text):
        digits = found.group(1)
        value = int(digits.replace(",", ""))
        if 1900 <= value <= 2099 and "," not in digits or value == 0:
            continue
        changed = value + max(1, round(value * (0.1 + 0.05 * (index % 4))))
        written = f"{changed:,}" if "," in digits or changed >= 10000 else str(changed)
        return text[:found.start(1)] + written + text[found.end(1):]
    return None


def _swap_counted(text: str, nouns: list[str]) -> str | None:
    found = _COUNTED.search(text)
    if found is None:
        return None
    other = next((n for n in nouns if n != found.group(2)), None)
    if other is None:
        return None
    return text[:found.start(2)] + other + text[found.end(2):]


def _swap_speaker(text: str, speakers: list[str]) -> str | None:
    if "\"" not in text and "“" not in text:
        return None
    found = _SPEAKER.search(text)
    if found is None:
        return None
    group = 1 if found.group(1) else 2
    name = found.group(group)
    other = next((s for s in speakers if s.split()[-1] != name.split()[-1]), None)
    if other is None:
        return None
    return text[:found.start(group)] + other + text[found.end(group):]


def _negate(text: str) -> str | None:
    found = _AUX.search(text)
    if found is None or "\"" in text or "“" in text:
        return None
    return text[:found.end()] + " not" + text[found.end():]


def _change_act(text: str) -> str | None:
    found = _ACT.search(text)
    if found is None:
        return None
    return text[:found.start()] + _ACTS[found.group()] + text[found.end():]


def _shift_date(text: str) -> str | None:
    month = _MONTH.search(text)
    if month is not None:
        following = _MONTHS[(_MONTHS.index(month.group()) + 2) % 12]
        return text[:month.start()] + following + text[month.end():]
    year = _YEAR.search(text)
    if year is not None:
        return text[:year.start()] + str(int(year.group()) - 1) + text[year.end():]
    return None


def _paraphrase(text: str, index: int) -> str:
    """A faithful rewording: verbatim, "said" as "says", or a trailing attribution moved to the front."""
    if index % 3 == 1 and _SAID.search(text):
        return _SAID.sub("says", text, count=1)
    trailing = re.match(r"^(.{30,}?),\s*((?:[A-Z][\w.'-]*\s+){1,4}said)\.$", text)
    if index % 3 == 2 and trailing and "\"" not in text and "“" not in text:
        return f"{trailing.group(2)} that {trailing.group(1)[0].lower()}{trailing.group(1)[1:]}."
    return text


def _edits(text: str, index: int, nouns: list[str], speakers: list[str]) -> list[tuple[str, str]]:
    """Every applicable edit of one primary sentence: (new text, label), in a fixed order rotated by ``index``."""
    makers = (
        lambda: _change_number(text, index),
        lambda: _swap_counted(text, nouns[index % max(len(nouns), 1):] + nouns),
        lambda: _swap_speaker(text, speakers[index % max(len(speakers), 1):] + speakers),
        lambda: _negate(text),
        lambda: _change_act(text),
        lambda: _shift_date(text),
    )
    start = index % len(makers)
    found = []
    for maker in makers[start:] + makers[:start]:
        edited = maker()
        if edited and edited != text:
            found.append((edited, "contradicted"))
    return found


def _topic(sentences: list[str]) -> str:
    """The primary's commonest content word of five letters or more (a crude topic word for the added sentences)."""
    counts = Counter(w.lower() for s in sentences for w in re.findall(r"\b[a-z]{5,}\b", s) if content_stems(w))
    common = [w for w, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])) if w not in _COMMON]
    return common[0] if common else "decision"


_COMMON = frozenset("their there which would about after other these those under could where while being said "
                    "years state first three people department".split())


def synthetic_articles(primary_sentences: list[str]) -> list[list[tuple[str, str, str]]]:
    """Articles as lists of (sentence, label, kind): mostly faithful sentences, a few edited or added ones."""
    usable = [s for s in primary_sentences if len(s.split()) >= 6]
    nouns = sorted({m.group(2) for s in usable for m in _COUNTED.finditer(s)})
    speakers = sorted({(m.group(1) or m.group(2)).strip() for s in usable for m in _SPEAKER.finditer(s)
                       if '"' in s or "“" in s})
    topic = _topic(usable)
    items: list[tuple[str, str, str]] = []
    added = 0
    for index, text in enumerate(usable):
        edits = _edits(text, index, nouns, speakers)
        if index % 3 == 2 and edits:
            items.append((*edits[0], ""))
        elif index % 4 == 3:
            kind, template = _ADDED[added % len(_ADDED)]
            added += 1
            items.append((template.format(topic=topic), "added", kind))
        else:
            items.append((_paraphrase(text, index), "supported", ""))
    # Second pass: the remaining edits of each sentence, a few per article among faithful copies.
    for index, text in enumerate(usable):
        for edited, label in _edits(text, index, nouns, speakers)[1:3]:
            items.append((_paraphrase(usable[(index + 1) % len(usable)], index + 1), "supported", ""))
            items.append((edited, label, ""))
    return [items[i:i + ARTICLE_SENTENCES] for i in range(0, len(items), ARTICLE_SENTENCES)]


def synthetic_examples(story, settings: Settings, *, weight: float) -> list[Example]:
    """Labelled examples from synthetic articles made from ``story``'s primary, analysed against it."""
    from analysis.measures import claims
    from analysis.pipeline import analyse_story, clean_document
    from corpus import Document

    plain = rules_settings(settings)
    primary_body = clean_document(story.primary, plain).body
    sentences = [s.text for s in primary_body.sentences if s.kind not in ("headline", "heading")]
    documents, layouts = [], []
    for number, article in enumerate(synthetic_articles(sentences)):
        text, layout = "", []
        for sentence, label, kind in article:
            layout.append((len(text), len(text) + len(sentence), label, kind))
            text += sentence + "\n\n"
        file = f"synthetic_{number:03d}.txt"
        documents.append(Document(id=f"synthetic-{number}", file=file, role="coverage", outlet="synthetic",
                                  headline="", published="", url="", text=text))
        layouts.append(layout)
    if not documents:
        return []
    synthetic_story = replace(story, documents=(story.primary, *documents), references=())
    analysis = analyse_story(synthetic_story, plain)
    primary = analysis.primary.cleaning.body
    examples = []
    for article, layout in zip(analysis.articles, layouts):
        if not article.event.same_event:
            continue
        for item in claims.evidence(article.cleaning.body, primary, article.alignment, article.quotes,
                                    article.figures, article.event, plain, primary_figures=analysis.primary.figures):
            start, end = item.sentence.doc_start, item.sentence.doc_end
            owner = next(((label, kind) for a, b, label, kind in layout if min(b, end) > max(a, start)), None)
            if owner is None or (owner[0] == "contradicted" and not _registered(item.features)):
                continue
            examples.append(Example(story=story.name, file=article.document.file, sentence=item.sentence.index,
                                    features=item.features, label=owner[0], kind=owner[1], weight=weight,
                                    origin="synthetic"))
    return examples


# Features by which the evidence can register an edit; an edited sentence
# showing none of them looks exactly like a faithful one to the features, and
# would only teach the model to doubt faithful sentences.
_EDIT_FEATURES = ("conflict", "negation_flip", "direction_flip", "figure_head_changed", "superlative_added",
                  "polarity_flip", "unsourced_quote")


def _registered(features: dict) -> bool:
    return any(features.get(name) for name in _EDIT_FEATURES)


def synthetic_by_story(stories, settings: Settings, *, weight: float) -> dict[str, list[Example]]:
    """Synthetic examples per story name (empty lists when ``weight`` is 0)."""
    if weight <= 0:
        return {story.name: [] for story in stories}
    return {story.name: synthetic_examples(story, settings, weight=weight) for story in stories}
