"""How findings look: symbols, underline styles and a colour-blind-safe palette.

Meaning is carried first by a symbol or a word (the margin marks, the label
printed after every quotation and figure) and by the underline style of a
quotation; colour is an extra. The palette is Okabe and Ito's ("Color
Universal Design", 2008), safe for the common colour-vision deficiencies;
highlight colours are light tints of it so that dark text on them keeps a
contrast ratio of at least 4.5:1 (WCAG 2.1, success criterion 1.4.3).
"""

from __future__ import annotations

from dataclasses import dataclass

# Okabe-Ito palette.
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}

INK = "#1A1A1A"          # body text
MUTED = "#595959"        # line numbers, captions (7:1 on white)
PAPER = "#FFFFFF"
RULE = "#767676"         # box borders
LINK = "#0B4F8A"         # links (8:1 on white)


@dataclass(frozen=True)
class Mark:
    """How one finding is shown: its symbol, its words, and its colours."""

    symbol: str
    words: str
    ink: str = INK        # text colour
    fill: str = ""        # background tint ("" = none)
    line: str = ""        # underline style: solid, double, dashed, dotted, wavy ("" = none)
    line_colour: str = ""


# Margin marks of a sentence (and cells of the comparison grid).
SENTENCE = {
    "quoted": Mark("=", "quoted from the primary"),
    "paraphrased": Mark("≈", "says what the primary says"),
    "added": Mark("+", "added: the primary does not say it", fill="#FBF6C4"),
    "contradicted": Mark("✗", "contradicts the primary", fill="#F8D9C6"),
    "left_out": Mark("–", "left out"),
}

# Cells of the comparison grid: how an article carried a key fact or quotation of the primary.
# The symbols mean what they mean in the margin; "+" is never a cell (an added sentence carries nothing).
GRID = {
    "quoted": Mark("=", "quoted word for word"),
    "paraphrased": Mark("≈", "carried in other words"),
    "contradicted": Mark("✗", "contradicted (a changed figure, name or speaker)", fill="#F8D9C6"),
    "left_out": Mark("–", "left out"),
    "other_event": Mark("○", "not compared: the article reports another event"),
}

# Quotation fidelity (codebook labels): the underline style says it in greyscale too.
QUOTE = {
    None: Mark("", "quotation", line="solid", line_colour=OKABE_ITO["blue"], fill="#E3F0F9"),
    "exact": Mark("", "exact", line="solid", line_colour=OKABE_ITO["blue"], fill="#E3F0F9"),
    "trivial": Mark("", "trivial change", line="solid", line_colour=OKABE_ITO["blue"], fill="#E3F0F9"),
    "marked": Mark("", "marked edit", line="dashed", line_colour=OKABE_ITO["bluish_green"], fill="#D9F0E8"),
    "spliced": Mark("", "spliced", line="double", line_colour=OKABE_ITO["orange"], fill="#FBEBCB"),
    "altered": Mark("", "altered", line="double", line_colour=OKABE_ITO["vermillion"], fill="#F8D9C6"),
    "unsourced": Mark("", "not in the primary", line="dotted", line_colour=OKABE_ITO["reddish_purple"], fill="#F4E1EB"),
    "misattributed": Mark("", "misattributed", line="wavy", line_colour=OKABE_ITO["vermillion"], fill="#F8D9C6"),
    # an article on another event quotes that event's words: not a fault of the article
    "other_event": Mark("", "from the other event", line="dotted", line_colour=RULE, fill="#EDEDED"),
}

# Figure checks (codebook labels).
FIGURE = {
    None: Mark("#", "figure", fill="#E3F0F9"),
    "match": Mark("✓", "matches", fill="#D9F0E8"),
    "rounded": Mark("~", "rounded", fill="#E3F0F9"),
    "mismatch": Mark("✗", "mismatch", fill="#F8D9C6"),
    "unsourced": Mark("?", "not in the source", fill="#F4E1EB"),
    "left_out": Mark("–", "not given"),
}

# A key fact or quotation of the primary (C1...Cn).
KEY = Mark("C", "key fact or quotation", fill="#E3F0F9")

# Boxes and notes.
BOX_FILL = "#F2F2F2"
WARNING = Mark("!", "warning", fill="#FBEBCB")

# Chart series: a colour, a hatch and a marker each, so greyscale prints still separate them.
SERIES = {
    "supported": (OKABE_ITO["sky_blue"], ""),
    "added": (OKABE_ITO["yellow"], "///"),
    "contradicted": (OKABE_ITO["vermillion"], "xxx"),
    "exact": (OKABE_ITO["blue"], ""),
    "trivial": (OKABE_ITO["sky_blue"], ".."),
    "marked": (OKABE_ITO["bluish_green"], "\\\\\\"),
    "spliced": (OKABE_ITO["orange"], "///"),
    "altered": (OKABE_ITO["vermillion"], "xxx"),
    "unsourced": (OKABE_ITO["reddish_purple"], "ooo"),
    "misattributed": (OKABE_ITO["yellow"], "---"),
    "other_event": ("#BFBFBF", "++"),
    "match": (OKABE_ITO["bluish_green"], ""),
    "rounded": (OKABE_ITO["sky_blue"], ".."),
    "mismatch": (OKABE_ITO["vermillion"], "xxx"),
}


def luminance(colour: str) -> float:
    """Relative luminance of a ``#RRGGBB`` colour (WCAG 2.1)."""
    channels = []
    for i in (1, 3, 5):
        c = int(colour[i:i + 2], 16) / 255
        channels.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
    r, g, b = channels
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(foreground: str, background: str) -> float:
    """WCAG contrast ratio of two colours, 1 (none) to 21 (black on white)."""
    a, b = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def text_pairs() -> list[tuple[str, str, str]]:
    """Every (name, text colour, background) combination the handout draws."""
    pairs = [("ink on paper", INK, PAPER), ("muted on paper", MUTED, PAPER), ("ink on box", INK, BOX_FILL),
             ("muted on box", MUTED, BOX_FILL), ("link on paper", LINK, PAPER)]
    for group, marks in (("sentence", SENTENCE), ("grid", GRID), ("quote", QUOTE), ("figure", FIGURE)):
        for name, mark in marks.items():
            pairs.append((f"{group} {name}", mark.ink, mark.fill or PAPER))
    pairs.append(("key", KEY.ink, KEY.fill))
    pairs.append(("warning", WARNING.ink, WARNING.fill))
    return pairs
