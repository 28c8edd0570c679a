"""analysis.readers.speakers: names, attribution cues, pronouns and follow-ons, normalisation to the primary."""

import pytest

from analysis.measures import quotes
from analysis.readers import speakers
from tests.measures.test_quotes import body_of

PRIMARY = (
    "The Department of Justice today announced the results of Operation Clean Harbor.\n"
    "Attorney General Jeff Sessions said the operation was a success. “No harbor should be a dump for "
    "industrial waste,” he said.\n"
    "Anselm Whitcombe, Director of the Office of Coastal Protection, said: “We will be back next year.”\n"
    "The Internet Crimes Against Children Task Force Program (ICAC) helps state and local agencies."
)


def speakers_of(article: str, primary: str = PRIMARY) -> list[str]:
    _, (report,) = quotes.analyse_story(body_of(primary), [body_of(article)])
    return [q.speaker for q in report.quotes]


@pytest.mark.parametrize("article, expected", [
    # verb after the quotation, name first or verb first, titles dropped
    ("“Nobody wants sludge in the water,” said Attorney General Jeff Sessions.", ["Jeff Sessions"]),
    ("“Nobody wants sludge in the water,” Attorney General Jeff Sessions said in a statement.", ["Jeff Sessions"]),
    ("“Nobody wants sludge in the water,” Office of Coastal Protection director Anselm Whitcombe said.",
     ["Anselm Whitcombe"]),
    # a surname takes the primary's full name; so does a surname the article gave in full earlier
    ("“Nobody wants sludge in the water,” Sessions told reporters.", ["Jeff Sessions"]),
    ("Rep. Garrick Pendleford filed a bill.\n“Fines are not environmental policy,” Pendleford said.",
     ["Garrick Pendleford"]),
    # verb before the quotation, with an apposition between name and verb
    ("Anselm Whitcombe, who directs the Office of Coastal Protection, said that “we will be back next year.”",
     ["Anselm Whitcombe"]),
    # colon lead-in without a verb of speaking
    ("Whitcombe had a blunt warning for the dumpers: “We will be back next year.”", ["Anselm Whitcombe"]),
    # according to; acronyms spelled out as the primary spells them
    ("“Nobody wants sludge in the water,” according to the DOJ.", ["Department of Justice"]),
    ("According to the Justice Department, “no harbor should be a dump for waste.”", ["Department of Justice"]),
    # "the department" is the primary's organisation of that kind
    ("“No harbor should be a dump for waste,” the department said.", ["Department of Justice"]),
    # pronouns take the last person named as a speaker
    ("Jeff Sessions spoke about the arrests on Tuesday.\n“No harbor should be a dump for waste,” he said.",
     ["Jeff Sessions"]),
    # ... of the pronoun's gender, when a given name or a title shows it
    ("Jeff Sessions spoke on Tuesday. Mary Ortiz also spoke.\n“No harbor should be a dump for waste,” he said.",
     ["Jeff Sessions"]),
    ("Mary Ortiz spoke on Tuesday. Jeff Sessions also spoke.\n“Fines are not environmental policy,” she said.",
     ["Mary Ortiz"]),
    ("Mary Ortiz spoke on Tuesday. Chairman Lu also spoke.\n“Fines are not environmental policy,” she said.",
     ["Mary Ortiz"]),
    # an attribution that ends its sentence: the next quotation follows on
    ("“No harbor should be a dump,” said Jeff Sessions. “We will be back next year for more.”",
     ["Jeff Sessions", "Jeff Sessions"]),
    # a block quotation after a lead-in paragraph ending in a comma
    ("As a result of the operation, the DOJ said that,\nThe task forces identified many offenders in all states.”",
     ["Department of Justice"]),
    # a dash attribution
    ("“We will be back next year, and the year after.” — Dr. Ann Ruiz", ["Ann Ruiz"]),
    # a role named instead of the person
    ("“No harbor should be a dump for waste,” the attorney general said.", ["Jeff Sessions"]),
    # the possessor of a lead-in ("The ICAC's mission reads as follows:")
    ("The ICAC’s mission reads as follows:\nIt helps state and local law enforcement agencies respond.”",
     ["Internet Crimes Against Children Task Force Program"]),
    # a spokesperson speaks for the body; "the statement" is the primary's issuer
    ("“No harbor should be a dump for waste,” said a spokesperson for the Department of Justice.",
     ["Department of Justice"]),
    ("“No harbor should be a dump for waste,” the statement said.", ["Department of Justice"]),
    # an introductory clause before the name
    ("Asked whether the office would return, Whitcombe said: “We will be back next year.”", ["Anselm Whitcombe"]),
    # the expressive verbs of tabloid style
    ("“Nobody wants sludge in the water,” fumed Attorney General Jeff Sessions.", ["Jeff Sessions"]),
    # a person "of" where they work or live is the person; "of" inside a body's name is not
    ("“Nobody wants sludge in the water,” said Nadia Petrakis of the State Bureau of Investigation.",
     ["Nadia Petrakis"]),
    ("“Nobody wants sludge in the water,” said Jane Roe of Springfield.", ["Jane Roe"]),
    ("“Nobody wants sludge in the water,” said a spokesperson for the Office of Coastal Protection.",
     ["Office of Coastal Protection"]),
    # initials inside a name do not end the sentence
    ("“Nobody wants sludge in the water,” said J.D. Vance, a harbor pilot.", ["J.D. Vance"]),
    # a possessive inside a body's name; a possessor is not the speaker
    ("“Nobody wants sludge in the water,” said the Corrigan County District Attorney’s Office.",
     ["Corrigan County District Attorney’s Office"]),
    ("“Nobody wants sludge in the water,” said the Justice Department’s spokesman, John Smith.", ["John Smith"]),
    ("“Nobody wants sludge in the water,” said Jeff Sessions’ spokesman.", ["Jeff Sessions"]),
    ("“Nobody wants sludge in the water,” said Jeff Sessions’s lawyer.", [""]),
    ("“Nobody wants sludge in the water,” said Jeff Sessions’ lawyer.", [""]),
    # the statement of a named body is that body's
    ("“Nobody wants sludge in the water,” reads the statement from the Office of Coastal Protection.",
     ["Office of Coastal Protection"]),
    # a common noun for subject ("prosecutors say") is nobody named, not the sentence's earlier name
    ("Bob Jones dumped waste for years, prosecutors say.\n“No harbor should be a dump for waste.”", [""]),
    ("Bob Jones, federal prosecutors said, dumped waste.\n“No harbor should be a dump for waste.”", [""]),
    ("“No harbor should be a dump for waste,” said federal prosecutors in Springfield.", [""]),
    # ... but a name's own clause still credits it
    ("Whitcombe, in a statement, said the sweep worked.\n“No harbor should be a dump for waste.”",
     ["Anselm Whitcombe"]),
    # a shouted headline is not a person for a pronoun to stand for
    ("MONEY MAN BLEW SAVINGS\n“No harbor should be a dump for waste,” he said.", [""]),
    # a pronoun stands for the last person named as a sentence's subject, speaker or not
    # (no given name shows a gender here)
    ("“No harbor should be a dump for waste,” Sessions said.\nHarbor pilot Teodor Tasker, who found the drums, "
     "credited the crews. “The drums were rusting on the pier,” he said.", ["Jeff Sessions", "Teodor Tasker"]),
    ("“We will be back next year,” Whitcombe said.\nKeswin resident Ilse Marren watched the harbor from "
     "her porch. “The smoke came over the hill at dawn,” she said.", ["Anselm Whitcombe", "Ilse Marren"]),
    # ... of the pronoun's gender, when plain evidence shows it
    ("“No harbor should be a dump for waste,” said Jeff Sessions.\nMary Ortiz watched from the pier. "
     "“We will be back next year for more,” he said.", ["Jeff Sessions", "Jeff Sessions"]),
    # ... and of the gender the text's own pronouns show ("his truck"; an earlier "he said")
    ("Pia Sorrel watched from the pier.\nTeodor Tasker walked back to his truck. “The smoke came over the hill "
     "at dawn,” she said.", ["Pia Sorrel"]),
    ("Teodor Tasker watched from the pier. “The drums were rusting,” he said.\nPia Sorrel spoke next. “The smoke "
     "came over the hill at dawn,” she said. Tasker nodded. “Nobody checks the drums until they leak,” she added.",
     ["Teodor Tasker", "Pia Sorrel", "Pia Sorrel"]),
    # an uncredited quotation right after a person's sentence is theirs
    ("Teodor Tasker, a harbor pilot, was blunt.\n“Nobody checks the drums until they leak.”", ["Teodor Tasker"]),
    ("“No harbor should be a dump,” said Jeff Sessions. Teodor Tasker was blunt. “Nobody checks the drums "
     "until they leak.”", ["Jeff Sessions", "Teodor Tasker"]),
    # ... not when another sentence stands between them
    ("Teodor Tasker was blunt. The harbor was quiet.\n“Nobody checks the drums until they leak.”", [""]),
    # a name, a description, a person's name: the person ("Keswin resident", "Service boss")
    ("“Nobody wants sludge in the water,” said Keswin resident Ilse Marren.", ["Ilse Marren"]),
    ("“Nobody wants sludge in the water,” fumed Harbor Patrol Service boss Teodor Tasker.", ["Teodor Tasker"]),
    # a term before a colon lead-in does not cut the lead-in off
    ("Whitcombe said the dumpers were “beyond shame”: “We will be back next year.”", ["Anselm Whitcombe"]),
    # a common noun for the verb's subject: the name after the verb is what was said, not who said it
    ("Officials said the Department of Justice had found “industrial waste in every single harbor.”", [""]),
    # a role given in an apposition before the name
    ("The office’s director, Pia Sorrel, spoke first.\n“We will be back next year,” the director said.",
     ["Pia Sorrel"]),
    # a second quotation in the sentence: a verb joined to the first one's shares its subject
    ("Whitcombe said it was “a dump for industrial waste,” and vowed that inspectors “will be back next year.”",
     ["Anselm Whitcombe", "Anselm Whitcombe"]),
    # a multi-word title with a lower-case word in it
    ("“We will be back next year,” said Special Agent in Charge Mara Quill of the Coastal Region.", ["Mara Quill"]),
    # nobody named: a verb with no name, or no attribution at all
    ("“No harbor should be a dump for waste,” officials said.", [""]),
    ("The sweep was, in short, “a success for every single harbor.”", [""]),
    ("“No harbor should be a dump for waste.”", [""]),
])
def test_speaker(article, expected):
    assert speakers_of(article) == expected


def test_interrupting_attribution_credits_both_segments():
    article = "“No harbor should be a dump,” Sessions said, “for industrial waste of any kind.”"
    _, (report,) = quotes.analyse_story(body_of(PRIMARY), [body_of(article)])
    (quote,) = report.quotes
    assert quote.speaker == "Jeff Sessions" and len(quote.segments) == 2


def test_primary_speakers_are_found_the_same_way():
    primary, _ = quotes.analyse_story(body_of(PRIMARY), [])
    assert [q.speaker for q in primary.quotes] == ["Jeff Sessions", "Anselm Whitcombe"]


@pytest.mark.parametrize("text, expected", [
    ("Federal Waterways Agency Administrator Delphine Okonjo-Marsh said",
     [("Delphine Okonjo-Marsh", "person"), ("Federal Waterways Agency", "organisation")]),
    ("Attorney General William P. Barr said", [("William P. Barr", "person")]),
    ("the agency’s Office of Coastal Protection", [("the agency", "reference"), ("Office of Coastal Protection", "organisation")]),
    ("The ICAC’s mission", [("ICAC", "organisation")]),
    ("Office of Juvenile Justice and Delinquency Prevention", [("Office of Juvenile Justice and Delinquency Prevention", "organisation")]),
    ("For the longer view, she said", [("she", "pronoun")]),
    ("WASHINGTON, Sept. 16 — Smith and Jones met", [("Smith", "person"), ("Jones", "person")]),
    ("says Commissioner of Police Chester Williams.", [("Chester Williams", "person")]),
    ("Arkansas State Police Captain Philip Hydron declared",
     [("Philip Hydron", "person"), ("Arkansas State Police", "organisation")]),
    # "and" inside a body's name, not between a person and a body
    ("the Fish and Wildlife Service director Pia Sorrel said",
     [("Pia Sorrel", "person"), ("Fish and Wildlife Service", "organisation")]),
    ("Jane Roe and Fire Service officials met", [("Jane Roe", "person"), ("Fire Service", "organisation")]),
    # a council member's title
    ("Council Member Pia Sorrel said", [("Pia Sorrel", "person"), ("Council", "organisation")]),
])
def test_mentions(text, expected):
    found = speakers.mentions(text, known=frozenset({"Smith", "Jones"}))
    assert [(m.name, m.kind) for m in found] == expected


def test_a_paragraph_start_is_a_sentence_start_after_a_headline_without_a_period():
    text = "Boatyard Owner Charged\nSmooth-talking owner Bob Jones dumped waste."
    assert [m.name for m in speakers.mentions(text)] == ["Boatyard Owner Charged", "Bob Jones"]
    assert "Smooth-talking" not in speakers.capitalised_words(text)


@pytest.mark.parametrize("text, expected", [
    ("Federal Reserve Bank of New York", [("Federal Reserve Bank of New York", "organisation")]),
    ("Department of Justice", [("Department of Justice", "organisation")]),
    ("Director Ann Ruiz of the Office of Coastal Protection",
     [("Ann Ruiz", "person"), ("Office of Coastal Protection", "organisation")]),
])
def test_affiliations(text, expected):
    assert [(m.name, m.kind) for m in speakers.mentions(text)] == expected


def test_a_title_case_deck_is_not_the_issuer():
    primary = ("Harbor Agency Fines Boatyard Owner; Bank Agrees to Settle Claims\n"
               "The Office of Coastal Protection today fined a boatyard.")
    assert speakers_of("“No harbor should be a dump for waste,” the statement said.", primary) == [
        "Office of Coastal Protection"]


def test_a_lone_capital_opening_a_sentence_is_a_name_only_when_seen_mid_sentence():
    assert speakers.mentions("Inspectors said so.") == []
    assert [m.name for m in speakers.mentions("Harrowgate said so.", known=frozenset({"Harrowgate"}))] == ["Harrowgate"]


@pytest.mark.parametrize("name, written, expected", [
    ("Jane Roe", "Jane Roe", "female"),
    ("John Smith", "Director John Smith", "male"),
    ("Ann Lee", "Agency spokeswoman Ann Lee", "female"),
    ("Lu", "Mr. Lu", "male"),
    ("Delphine Okonjo-Marsh", "Administrator Delphine Okonjo-Marsh", ""),
    ("Morgan Freeman", "Morgan Freeman", ""),
])
def test_gender_from_plain_evidence_only(name, written, expected):
    assert speakers.gender(name, written) == expected


@pytest.mark.parametrize("a, b, same", [
    ("Jeff Sessions", "jeff sessions", True),
    ("Sessions", "Jeff Sessions", True),
    ("Jeff Sessions", "William P. Barr", False),
    ("", "William P. Barr", True),
])
def test_same_speaker(a, b, same):
    assert speakers.same_speaker(a, b) is same
