"""analysis.readers.attribution_lines and the attribution cues beyond "X said" (issue #15)."""

import pytest

from analysis.readers import attribution_lines, speakers
from analysis.text.sentences import Paragraph
from tests.readers.test_speakers import speakers_of


@pytest.mark.parametrize("article, expected", [
    # a signature under a block quotation, with a dash
    ("The agency published its figures.\n“We will be back next year, and the year after.”\n"
     "— Anselm Whitcombe, Director of the Office of Coastal Protection\nThe sweep ended in May.",
     ["Anselm Whitcombe"]),
    # a bare name-and-title line under it, no dash, prose after
    ("“We will be back next year, and the year after.”\nJeff Sessions, Attorney General\nThe sweep ended in May.",
     ["Jeff Sessions"]),
    # a name heading each block: the line between two blocks heads the second
    ("Jeff Sessions, Attorney General\n“No harbor should be a dump for industrial waste.”\n"
     "Anselm Whitcombe, Director\n“We will be back next year, and the year after.”",
     ["Jeff Sessions", "Anselm Whitcombe"]),
    # a heading ending in a colon
    ("Anselm Whitcombe:\n“We will be back next year, and the year after.”", ["Anselm Whitcombe"]),
    # a dashed line between two blocks signs the one above
    ("“No harbor should be a dump for industrial waste.”\n— Jeff Sessions\n"
     "“We will be back next year, and the year after.”\n— Anselm Whitcombe", ["Jeff Sessions", "Anselm Whitcombe"]),
    # a prose line is no attribution line
    ("“No harbor should be a dump for industrial waste.”\nJeff Sessions visited the port on Monday.",
     [""]),
])
def test_attribution_lines(article, expected):
    assert speakers_of(article) == expected


@pytest.mark.parametrize("article, expected", [
    # colon lead-in by a pronoun, after the person is named
    ("Jeff Sessions visited the port. He put it plainly: “No harbor should be a dump for waste.”",
     ["Jeff Sessions"]),
    # colon lead-in whose subject is a possessor with the person in apposition
    ("The office’s director, Anselm Whitcombe, put it well: “We will be back next year, and after.”",
     ["Anselm Whitcombe"]),
    # a colon a few words before the quotation
    ("Director Anselm Whitcombe put it bluntly: the dumpers “will see us back next year.”",
     ["Anselm Whitcombe"]),
    # a verb of saying with a named subject beats "according to the statement"
    ("“We will be back next year,” Anselm Whitcombe said, according to the statement.", ["Anselm Whitcombe"]),
    # "in X's words"
    ("In the Justice Department’s words: “no harbor should be a dump for waste.”", ["Department of Justice"]),
    # the person a sentence is about, with no verb of saying
    ("Sessions leaned on the law, calling the dumping “a crime against every harbor town.”", ["Jeff Sessions"]),
])
def test_cues_beyond_said(article, expected):
    assert speakers_of(article) == expected


def _paragraph(text: str, kind: str = "text") -> Paragraph:
    return Paragraph(0, 0, len(text), text, kind)


@pytest.mark.parametrize("line, kind, expected", [
    ("— Jane Roe, regional director", "text", ("Jane Roe", True, False)),
    ("Jane Roe, regional director", "bullet", ("Jane Roe", True, False)),
    ("Jane Roe, regional director", "text", ("Jane Roe", False, False)),
    ("Jane Roe:", "text", ("Jane Roe", False, True)),
    ("Jane Roe said the work was done.", "text", None),
    ("The work was done by Jane Roe", "text", None),
    ("Jane Roe and the crews worked through the night on the pier", "text", None),
])
def test_name_line(line, kind, expected):
    words = speakers.lexicon(line, frozenset({"Roe"}))
    found = attribution_lines.name_line(line, _paragraph(line, kind), words, 14)
    assert (None if found is None else (found[0].name, found[1], found[2])) == expected
