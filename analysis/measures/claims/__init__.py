"""Claims: each article sentence supported, added or contradicted, with its evidence.

``findings`` computes the evidence on every body sentence (what the primary
lacks, what conflicts, cues, alignment and meaning scores) and turns it into
a feature dict; ``decide`` labels the sentence from those features with the
decider the settings name: a model fitted on gold (``sourcedrift train``)
or the hand-written rules kept as the baseline.
"""

from analysis.measures.claims.decide import label
from analysis.measures.claims.findings import (FEATURE_SET, KIND_ORDER, AddedKind, Claim, ClaimLabel, ClaimReport,
                                               SentenceEvidence, cues_in, evidence, sentence_features)

__all__ = ["FEATURE_SET", "KIND_ORDER", "AddedKind", "Claim", "ClaimLabel", "ClaimReport", "SentenceEvidence",
           "cues_in", "evidence", "label", "sentence_features"]
