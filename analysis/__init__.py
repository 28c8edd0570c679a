"""sourcedrift's measures: how each article of a story drifts from its primary source.

Data flows one way: ``corpus`` (texts and manifests) -> ``analysis`` (the
measures, returning frozen dataclasses that carry their evidence spans) ->
``reports`` (rendering only). Only ``analysis.cli`` prints.
"""

__version__ = "0.1.0"
