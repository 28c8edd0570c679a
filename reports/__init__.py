"""Rendering of analyses: results.json, handouts, charts and the replication bundle.

Reports only render what ``analysis`` computed; they never recompute a measure.
"""
