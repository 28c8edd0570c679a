"""Score an analysis against gold annotations (codebook, "Scoring").

``score(analysis, gold)`` returns ``{measure: {metric: value | None}}`` with
exactly the codebook's names; ``None`` means the measure is not implemented
yet, the gold file does not annotate it, or there was nothing to score.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from analysis.pipeline import MEASURES, StoryAnalysis, measure
from analysis.study.gold import Gold, GoldItem

# The measures' own metrics come from the pipeline's registry; the cleaning
# (boilerplate lines, paywalls) and the event check are scored per document.
METRICS = {
    "boilerplate": ("precision", "recall", "f1"),
    **{entry.name: entry.metrics for entry in MEASURES if entry.metrics},
    "documents": ("same_event_accuracy", "paywall_accuracy"),
    "agreement": tuple(f"{entry.name}_alpha" for entry in MEASURES if entry.coded),
}
Scores = dict[str, dict[str, float | None]]


def _empty(group: str) -> dict[str, float | None]:
    return {metric: None for metric in METRICS[group]}


def _ratio(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


def prf(tp: int, fp: int, fn: int) -> tuple[float | None, float | None, float | None]:
    """Precision, recall and F1; None where undefined (nothing predicted or nothing to find)."""
    precision = _ratio(tp, tp + fp)
    recall = _ratio(tp, tp + fn)
    if precision is None and recall is None:
        return None, None, None
    p, r = precision or 0.0, recall or 0.0
    return precision, recall, (2 * p * r / (p + r) if p + r else 0.0)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def alpha(pairs: Sequence[tuple[str, str]]) -> float | None:
    """Krippendorff's alpha (nominal) for two coders, from (coder A, coder B) label pairs.

    None with no pairs; 1.0 when both coders used one and the same label
    throughout (alpha's expected disagreement is zero there).
    """
    return coded_alpha([(coder, str(i), label) for i, pair in enumerate(pairs) for coder, label in zip("AB", pair)])


def coded_alpha(codes: Iterable[tuple[str, str, str]]) -> float | None:
    """Krippendorff's alpha (nominal) from (coder, unit, label) triples, any number of coders.

    A unit coded by one coder only cannot be compared and is left out. None
    when no unit is coded twice; 1.0 when every compared label is the same
    (alpha's expected disagreement is zero there).
    """
    coded = sorted(set(codes))
    counts: dict[str, int] = {}
    for _, unit, _ in coded:
        counts[unit] = counts.get(unit, 0) + 1
    data = [(coder, unit, label) for coder, unit, label in coded if counts[unit] > 1]
    if not data:
        return None
    if len({label for _, _, label in data}) == 1:
        return 1.0
    from nltk.metrics.agreement import AnnotationTask

    return float(AnnotationTask(data=data).alpha())


def _macro_f1(pairs: Sequence[tuple[str, str]]) -> float | None:
    labels = sorted({gold for gold, _ in pairs})
    if not labels:
        return None
    scores = []
    for label in labels:
        tp = sum(1 for g, p in pairs if g == label and p == label)
        fp = sum(1 for g, p in pairs if g != label and p == label)
        fn = sum(1 for g, p in pairs if g == label and p != label)
        scores.append(prf(tp, fp, fn)[2] or 0.0)
    return sum(scores) / len(scores)


def _same_speaker(gold: str, found: str) -> bool:
    """Case-insensitive; the last name is enough (codebook)."""
    gold, found = gold.casefold().strip(), found.casefold().strip()
    if gold == found:
        return True
    return bool(gold and found) and gold.split()[-1] == found.split()[-1]


def score(analysis: StoryAnalysis, gold: Gold) -> Scores:
    """Every codebook score of ``analysis`` against ``gold``."""
    files = [d.file for d in gold.documents]
    articles = {a.document.file: a for a in analysis.articles}
    missing = [f for f in files if f not in articles]
    if missing:
        raise ValueError(f"gold names {missing[0]!r}, which is not a coverage document of the story")
    scores: Scores = {group: _empty(group) for group in METRICS}
    pairs: dict[str, list[tuple[str, str]]] = {"quotes": [], "claims": [], "numbers": []}

    if "documents" in gold.annotated:
        docs = scores["documents"]
        if measure("event").implemented:
            docs["same_event_accuracy"] = _ratio(
                sum(articles[d.file].event.same_event == d.same_event for d in gold.documents), len(files))
        docs["paywall_accuracy"] = _ratio(
            sum(articles[d.file].cleaning.paywall.detected == d.paywall for d in gold.documents), len(files))

    if "boilerplate" in gold.annotated:
        tp = fp = fn = 0
        for file in files:
            for line in articles[file].cleaning.lines:
                truth = (file, line.text) in gold.boilerplate
                found = line.label == "boilerplate"
                tp += truth and found
                fp += found and not truth
                fn += truth and not found
        precision, recall, f1 = prf(tp, fp, fn)
        scores["boilerplate"] = {"precision": precision, "recall": recall, "f1": f1}

    if "quotes" in gold.annotated and measure("quotes").implemented:
        scores["quotes"] = _score_quotes(gold.quotes, files, articles, pairs["quotes"])
    if "claims" in gold.annotated and measure("claims").implemented:
        scores["claims"] = _score_claims(gold.claims, files, articles, pairs["claims"])
    if "numbers" in gold.annotated and measure("numbers").implemented:
        scores["numbers"] = _score_numbers(gold.numbers, files, articles, pairs["numbers"])

    for name in pairs:
        if scores[name] != _empty(name):
            scores["agreement"][f"{name}_alpha"] = alpha(pairs[name])
    return scores


def _by_file(items: Iterable[GoldItem], file: str) -> list[GoldItem]:
    return [item for item in items if item.file == file]


def _score_quotes(gold_quotes, files, articles, label_pairs) -> dict[str, float | None]:
    tp_found = found_total = tp_gold = gold_total = 0
    speakers: list[bool] = []
    for file in files:
        found = articles[file].quotes.quotes
        wanted = _by_file(gold_quotes, file)
        found_total += len(found)
        gold_total += len(wanted)
        tp_found += sum(1 for q in found if any(_overlap(q.span, g.span) for g in wanted))
        for g in wanted:
            best = max(found, key=lambda q: _overlap(q.span, g.span), default=None)
            if best is None or not _overlap(best.span, g.span):
                continue
            tp_gold += 1
            speakers.append(_same_speaker(g.speaker, best.speaker))
            if g.label is not None:
                label_pairs.append((g.label, best.label or ""))
    precision = _ratio(tp_found, found_total)
    recall = _ratio(tp_gold, gold_total)
    f1 = None if precision is None or recall is None else (
        2 * precision * recall / (precision + recall) if precision + recall else 0.0)
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "label_accuracy": _ratio(sum(g == p for g, p in label_pairs), len(label_pairs)),
        "label_macro_f1": _macro_f1(label_pairs),
        "speaker_accuracy": _ratio(sum(speakers), len(speakers)),
    }


def _score_claims(gold_claims, files, articles, label_pairs) -> dict[str, float | None]:
    for file in files:
        wanted = _by_file(gold_claims, file)
        for claim in articles[file].claims.claims:
            truth = max(wanted, key=lambda g: _overlap(claim.span, g.span), default=None)
            gold_label = truth.label if truth is not None and _overlap(claim.span, truth.span) else "supported"
            label_pairs.append((gold_label, claim.label))
    result: dict[str, float | None] = {}
    for name, positive in (("added", {"added"}), ("contradicted", {"contradicted"}),
                           ("not_supported", {"added", "contradicted"})):
        tp = sum(1 for g, p in label_pairs if g in positive and p in positive)
        fp = sum(1 for g, p in label_pairs if g not in positive and p in positive)
        fn = sum(1 for g, p in label_pairs if g in positive and p not in positive)
        precision, recall, f1 = prf(tp, fp, fn)
        if name != "not_supported":
            result[f"{name}_precision"], result[f"{name}_recall"] = precision, recall
        result[f"{name}_f1"] = f1
    return {metric: result[metric] for metric in METRICS["claims"]}


def _score_numbers(gold_numbers, files, articles, label_pairs) -> dict[str, float | None]:
    tp = fp = fn = 0
    for file in files:
        found = sorted(articles[file].figures.figures, key=lambda f: f.span)
        wanted = _by_file(gold_numbers, file)
        claimed: set[int] = set()
        for g in wanted:
            hits = [i for i, f in enumerate(found) if _overlap(f.span, g.span)]
            claimed.update(hits)
            if not hits:
                fn += 1  # every gold entry is a figure that is not a match
                continue
            label = found[hits[0]].label or "match"
            label_pairs.append((g.label, label))
            if label != "match":
                tp += 1
            else:
                fn += 1
        for i, figure in enumerate(found):
            if i in claimed:
                continue
            label = figure.label or "match"
            label_pairs.append(("match", label))
            fp += label != "match"
    precision, recall, f1 = prf(tp, fp, fn)
    return {
        "not_match_precision": precision,
        "not_match_recall": recall,
        "not_match_f1": f1,
        "label_accuracy": _ratio(sum(g == p for g, p in label_pairs), len(label_pairs)),
    }


def format_scores(scores: Scores) -> list[str]:
    """Lines for the terminal: one per measure, 'not measured' where all are None."""
    lines = []
    for group, metrics in scores.items():
        if all(value is None for value in metrics.values()):
            lines.append(f"{group:12} not measured")
            continue
        shown = ", ".join(f"{name} {'n/a' if value is None else f'{value:.3f}'}" for name, value in metrics.items())
        lines.append(f"{group:12} {shown}")
    return lines
