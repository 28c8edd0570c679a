"""The learned decision layer: estimators fitted on gold, their model files, training data and cross-validation.

The measures compute their evidence as one feature dict per unit (a body
sentence for claims: ``analysis.measures.claims.sentence_features``); the label is
decided here, by a model fitted on gold and shipped as a small JSON file
(``analysis/models``), or by the hand-written rules kept as a baseline
behind the same fit/predict interface.
"""
