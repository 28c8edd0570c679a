"""Claims, the decision: each sentence's label and kind from its evidence, by a fitted model or the rules.

The decider comes from the settings (``claims_label_model``,
``claims_kind_model``; ``analysis.learning.models``): a linear model fitted
on gold and shipped as JSON, or "rules", the hand-written cascade kept as the
baseline (``analysis.learning.estimators.RuleClaimClassifier``). Two hard
constraints of the codebook stay rules: in an article about another event,
a sentence tied to that event by its evidence is ``added`` (never
``contradicted``), and so is the rest of that event's paragraph when the
primary does not closely support it. Every claim says, in ``reasons``, which
features decided it, in plain words with the evidence behind them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from analysis.learning.models import ClaimDecider, claim_decider
from analysis.measures.alignment import Alignment, SentenceMatch
from analysis.measures.claims.findings import (FEATURE_SET, KIND_ORDER, AddedKind, Claim, ClaimReport, _Findings,
                                               cue_kind, evidence)
from analysis.measures.figures import FigureReport
from analysis.measures.quotes import QuoteReport
from analysis.readers.cleaning import Body
from analysis.records import EventCheck
from analysis.settings import DEFAULT, Settings


class _Evidence(NamedTuple):
    """What the phrases of ``_reasons`` quote: one sentence's features and findings."""

    features: dict
    findings: _Findings
    where: str                # "primary sentence N" or "no primary sentence"
    first: dict[str, str]     # the first conflict of each kind ("figure:", "speaker:", "scope:")
    lack: str                 # the first thing it lacks, words aside


# Each deciding feature in plain words (built once, not per sentence).
_PHRASES: dict[str, Callable[["_Evidence"], str]] = {
    "conflict": lambda e: "conflicts with the primary: " + (e.findings.conflicts[0] if e.findings.conflicts else ""),
    "conflict_figure": lambda e: "changes a figure: " + e.first["figure:"].removeprefix("figure: "),
    "conflict_speaker": lambda e: "credits a quotation to another speaker",
    "conflict_scope": lambda e: "claims more than the primary's bounded superlative",
    "score": lambda e: f"shares most of its wording with {e.where}" if e.features["score"] >= 0.5
    else f"closest to {e.where} (score {e.features['score']:.2f})",
    "over_close": lambda e: f"close to {e.where}" if e.features["over_close"] >= 0 else "not close to any primary sentence",
    "over_topic": lambda e: f"on the primary's topic ({e.where})" if e.features["over_topic"] >= 0
    else "barely on the primary's topic",
    "below_close": lambda e: "not close to any primary sentence",
    "below_topic": lambda e: "barely on the primary's topic",
    "shared_with_aligned": lambda e: f"shares {e.features['shared_with_aligned']:.0%} of its content words with {e.where}",
    "new_vs_aligned": lambda e: f"{int(e.features['new_vs_aligned'])} content words not in {e.where}",
    "lacking": lambda e: "has specifics the primary lacks" + (f" ({e.lack})" if e.lack else ""),
    "lacks_more": lambda e: "more specifics the primary lacks than it gives" + (f" ({e.lack})" if e.lack else ""),
    "supported": lambda e: "its figures agree with the primary's",
    "new_names": lambda e: "names someone the primary does not" + (f" ({e.lack})" if e.lack.startswith("name:") else ""),
    "new_words": lambda e: f"{int(e.features['new_words'])} content words the primary never uses",
    "novel": lambda e: f"{int(e.features['new_words'])} content words the primary never uses",
    "unsourced_quote": lambda e: "quotes words the primary does not hold",
    "other_event_specific": lambda e: "about another event than the primary's",
    "event_specific": lambda e: "carries figures, years or people of its own",
    "same_event": lambda e: "the article reports the primary's event",
    "history": lambda e: "a year long before the primary's events",
    "aside": lambda e: "a short judgement in the reporter's own words",
    "cue": lambda e: "a cue the primary does not share: " + (e.findings.cues[0][1] if e.findings.cues else ""),
    "figure_head_changed": lambda e: "the same number counts another thing than in the primary",
    "negation_flip": lambda e: f"a negation where {e.where} has none, or the reverse",
    "direction_flip": lambda e: f"the opposite direction of change from {e.where}",
    "superlative_added": lambda e: f"a superlative {e.where} does not use",
    "heading": lambda e: "a headline or heading",
    "question": lambda e: "a question",
    "figures": lambda e: "carries figures",
    "first_paragraph": lambda e: "in the opening paragraph",
    "words": lambda e: "its length",
    "meaning_best": lambda e: f"close in meaning to the primary (similarity {e.features.get('meaning_best', 0):.2f})"
    if e.features.get("meaning_best", 0) >= 0.6 else "far in meaning from every primary sentence",
    "meaning_aligned": lambda e: f"close in meaning to {e.where}" if e.features.get("meaning_aligned", 0) >= 0.6
    else f"far in meaning from {e.where}",
    "meaning_over_words": lambda e: "closer in meaning than in wording to the primary",
    "figure_other_thing": lambda e: "gives a figure of the primary for another thing counted",
    "hedge_dropped": lambda e: f"states as fact what {e.where} hedges",
    "act_changed": lambda e: f"another verb of the act than {e.where}",
    "rate_changed": lambda e: f"the same rate over another period than {e.where}",
}
for _kind in KIND_ORDER:
    _PHRASES[f"cue_{_kind}"] = lambda e, kind=_kind: (("an " if kind[0] in "aeiou" else "a ") + f"{kind} cue: "
                                                      + next((c for k, c in e.findings.cues if k == kind), ""))


def _reasons(deciding: tuple[str, ...], features: dict, findings: _Findings, match: SentenceMatch) -> tuple[str, ...]:
    """The deciding features in plain words, with the evidence behind them (at most three phrases)."""
    where = f"primary sentence {match.primary[0] + 1}" if match.primary else "no primary sentence"
    first = {prefix: next((c for c in findings.conflicts if c.startswith(prefix)), "")
             for prefix in ("figure:", "speaker:", "scope:")}
    lack = next((item for item in findings.lacks if not item.startswith("words:")), "")
    evidence = _Evidence(features, findings, where, first, lack)
    return tuple(dict.fromkeys(_PHRASES[name](evidence) if name in _PHRASES else name.replace("_", " ")
                               for name in deciding))


def _other_event(verdict: str, findings: _Findings, event: EventCheck) -> bool:
    """A sentence not supported, in an article on another event, tied to that event by its evidence."""
    return verdict != "supported" and not event.same_event and bool(findings.conflicts or findings.event_specific)


def label(
    article: Body,
    primary: Body,
    alignment: Alignment,
    quotes: QuoteReport,
    figures: FigureReport,
    event: EventCheck,
    settings: Settings = DEFAULT,
    *,
    primary_figures: FigureReport,
    decider: ClaimDecider | None = None,
) -> ClaimReport:
    """Label every body sentence of ``article`` supported, added or contradicted, with its evidence.

    ``quotes`` and ``figures`` are the article's quote and (checked) figure
    reports, ``primary_figures`` the primary's figures (``figures.extract``).
    The label comes from the decider the settings name (``analysis.learning``):
    a model fitted on gold, or the rules; ``decider`` overrides them
    (cross-validation).
    """
    decider = decider or claim_decider(settings, FEATURE_SET)
    claims: list[Claim] = []
    added_kinds: list[tuple[int, frozenset[str], AddedKind]] = []  # (paragraph, new names, kind)
    other_event_paragraphs: set[int] = set()
    found = evidence(article, primary, alignment, quotes, figures, event, settings, primary_figures=primary_figures)
    decisions = decider.decide_many([item.features for item in found])
    for item, (verdict, deciding) in zip(found, decisions):
        sentence, match, findings, levels, features = (item.sentence, item.match, item.findings, item.levels,
                                                       item.features)
        reasons = _reasons(deciding, features, findings, match)
        other_event = _other_event(verdict, findings, event)
        if other_event:
            verdict = "added"  # codebook: another event's sentences are added, whatever conflicts with the primary
        if (verdict == "supported" and not event.same_event and sentence.paragraph in other_event_paragraphs
                and findings.supported == 0 and match.score < levels.close):
            # Another event's paragraph goes on about it ("No deaths have been reported.").
            verdict, other_event = "added", True
        if other_event:
            other_event_paragraphs.add(sentence.paragraph)
        kind: AddedKind | None = None
        if verdict == "added":
            kind = "detail" if other_event else decider.kind(features, cue_kind(findings))
            if kind is None:
                names_here = frozenset(findings.new_names)
                inherited = [k for paragraph, names_there, k in added_kinds
                             if paragraph == sentence.paragraph or names_here & names_there]
                kind = inherited[-1] if inherited else "detail"
            added_kinds.append((sentence.paragraph, frozenset(findings.new_names), kind))
        primary_text = " ".join(primary.sentences[i].text for i in match.primary if i < len(primary.sentences))
        claims.append(Claim(
            sentence=sentence.index,
            span=(sentence.doc_start, sentence.doc_end),
            text=sentence.text,
            label=verdict,
            kind=kind,
            primary=match.primary,
            primary_text=primary_text,
            score=match.score,
            lacks=findings.lacks,
            conflicts=findings.conflicts,
            cues=tuple(f"{k}: {c}" for k, c in findings.cues),
            notes=findings.notes,
            reasons=reasons,
        ))
    note = "" if event.same_event else (
        "This article reports a different event from the primary's"
        + (f" ({event.reference.name})" if event.reference is not None else "")
        + ": its sentences about that event are added, not compared with the primary.")
    return ClaimReport(tuple(claims), event.same_event, note)
