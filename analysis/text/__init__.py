"""Text primitives every stage shares: sentences and lines, word tokens and the
stemmer, TF-IDF vectorisers, a story's score levels, and sentiment."""
