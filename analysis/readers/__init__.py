"""Readers: what one text says, no primary compared.

Cleaning (body and boilerplate, paywall), the words inside quotation marks,
names and the primary's facts, speakers and attribution cues, and the figures
a text states (read into values, intervals and units).
"""
