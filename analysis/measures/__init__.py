"""The measures: one module per codebook measure, comparing an article with its primary.

Each returns a frozen record carrying its evidence. Measures never call one
another: ``analysis.pipeline`` calls them in order and hands each the records
it needs; a measure may import another's record types, never its functions.
"""
