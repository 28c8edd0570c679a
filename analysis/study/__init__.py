"""Study tools: gold annotations, scoring against them, coders' agreement, study configurations.

They read analyses (``analysis.pipeline``) and return records; none prints.
"""
