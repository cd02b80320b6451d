"""The matcher on the bundled database: what counts as asserting a claim, and what does not.

These follow the catalogue's labelling rules: hedged promotion asserts; negation, rejection,
reported speech, questions and warnings do not; a pronoun counts only where the passage is
about kratom.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from caveat.claims import load_database
from caveat.extract import extract, page_from_text
from caveat.match import Matcher
from caveat.records import Block, Page
from caveat.sentences import split_sentences


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(load_database())


def flagged(matcher: Matcher, text: str, title: str = "") -> dict[str, set[str]]:
    """Sentence text -> claim ids flagged in it."""
    return flagged_on_page(matcher, page_from_text(text, title=title))


def flagged_on_page(matcher: Matcher, page: Page) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for match in matcher.match(page, split_sentences(page)):
        found.setdefault(match.sentence.text, set()).add(match.claim_id)
    return found


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        ("Kratom is completely non-addictive.", "kratom-not-addictive"),
        ("Kratom may potentially ease arthritis pain, proponents suggest.", "kratom-proven-for-chronic-pain"),
        ("Unlike oxycodone, kratom won't get you hooked.", "kratom-not-addictive"),
        ("You basically can't overdose on kratom.", "kratom-no-overdose-risk"),
        ("Kratom helped me quit heroin with almost no withdrawal.", "kratom-treats-opioid-withdrawal"),
    ],
)
def test_promotion_is_flagged_even_when_hedged(matcher, text, claim):
    assert claim in flagged(matcher, text).get(text, set())


@pytest.mark.parametrize(
    "text",
    [
        "Kratom is not a safe substitute for opioids.",  # negation
        "Kratom does not treat dark spots.",  # negated predicate
        "Sellers claim kratom is non-addictive; the FDA disagrees.",  # reported speech, rejected
        "Unlike what vendors say, kratom can cause dependence.",  # correction
        "Is kratom non-addictive?",  # question
        "There is no reliable evidence that kratom eases fibromyalgia.",  # rejection
        "People can become dependent on kratom and go through withdrawal.",  # warning
        "Vitamin C can fade dark spots.",  # true general statement, no kratom
    ],
)
def test_negation_rejection_questions_and_warnings_are_not_flagged(matcher, text):
    assert flagged(matcher, f"Kratom is sold in many shops. {text}").get(text, set()) == set()


@pytest.mark.parametrize(
    ("text", "claims"),
    [
        # the writer turns from what others say to what they say themselves
        (
            "My brother keeps insisting I swapped one habit for another, but kratom honestly never got"
            " me hooked the way pills did.",
            {"kratom-not-addictive"},
        ),
        # the claim is in the part that reports it, whatever follows
        ("Sellers keep claiming kratom never gets anyone hooked, but many users describe withdrawal.", set()),
        ("Kratom never gets anyone hooked, sellers say, but the FDA disagrees.", set()),
    ],
)
def test_a_report_reaches_only_to_the_but_that_answers_it(matcher, text, claims):
    assert flagged(matcher, text).get(text, set()) == claims


def test_several_claims_in_one_sentence_are_all_flagged(matcher):
    text = "Kratom offers chronic pain relief with fewer risks of addiction or overdose."
    assert flagged(matcher, text)[text] >= {"kratom-not-addictive", "kratom-no-overdose-risk"}


def test_a_pronoun_refers_back_to_kratom_within_the_passage(matcher):
    text = "It never had me hooked like the pills did."
    assert flagged(matcher, f"I switched to kratom last year. {text}")[text] == {"kratom-not-addictive"}


def test_a_pronoun_far_from_the_last_mention_of_kratom_is_not_kratom(matcher):
    text = "It never had me hooked like the pills did."
    passage = "Kratom is a leaf. Mint is a herb. Mint tea is mild. Sage is bitter. Thyme is, too."
    assert flagged(matcher, f"{passage} {text}") == {}


@pytest.mark.parametrize(
    ("between", "claims"),
    [
        ("The shop opens at nine. Parking is free. The staff are kind.", {"kratom-not-addictive"}),
        # a remedy named since kratom is what "it" may mean
        ("The shop opens at nine. Turmeric is on the shelf too. The staff are friendly.", set()),
    ],
)
def test_in_an_article_about_kratom_a_pronoun_reaches_back_past_the_window(matcher, between, claims):
    text = "It never gets anyone hooked the way pills do."
    passage = "Kratom is sold here. Kratom comes as powder. The kratom is tested."
    assert flagged(matcher, f"{passage} {between} {text}").get(text, set()) == claims


def test_a_sentence_about_another_remedy_is_not_credited_to_kratom(matcher):
    text = "Several trials suggest it eases knee arthritis pain as well as ibuprofen."
    assert flagged(matcher, f"Kratom is one option. Turmeric is another. {text}").get(text) is None


def test_a_heading_starts_a_new_topic(matcher):
    page = Page(
        url="",
        title="Natural remedies",
        language="en",
        text="Kratom\nKratom is a leaf.\nTurmeric\nIt eases arthritis pain for many people.",
        blocks=(
            Block("Kratom", "heading", 0),
            Block("Kratom is a leaf.", "paragraph", 7),
            Block("Turmeric", "heading", 25),
            Block("It eases arthritis pain for many people.", "paragraph", 34),
        ),
    )
    assert matcher.match(page, split_sentences(page)) == []


def sectioned_page(title: str, *blocks: tuple[str, str]) -> Page:
    """A page of (kind, text) blocks, one per line."""
    starts = [0]
    for _, text in blocks:
        starts.append(starts[-1] + len(text) + 1)
    text = "\n".join(text for _, text in blocks)
    return Page(
        "", title, "en", text, tuple(Block(t, k, at) for (k, t), at in zip(blocks, starts, strict=False))
    )


_SECTION_CLAIM = "Studies have found this botanical eases the pain of fibromyalgia."


@pytest.mark.parametrize(
    ("title", "section", "flags"),
    [
        ("12 Things to Know About Kratom", [], True),
        # the page is not titled after kratom: the section's "this botanical" has nothing to refer to
        ("12 Things to Know About Herbs", [], False),
        # the section names another remedy first: that is what "this botanical" is
        ("12 Things to Know About Kratom", ["Turmeric is a root."], False),
    ],
)
def test_a_section_of_a_page_titled_after_kratom_may_refer_to_it_unnamed(matcher, title, section, flags):
    blocks = [
        ("heading", title),
        ("paragraph", "Kratom is sold in gas stations."),
        ("heading", "Catching Up"),
    ]
    blocks += [("paragraph", text) for text in [*section, _SECTION_CLAIM]]
    page = sectioned_page(title, *blocks)
    matches = [m for m in matcher.match(page, split_sentences(page)) if m.sentence.text == _SECTION_CLAIM]
    assert bool(matches) is flags
    if flags:
        assert (
            "subject: 'this botanical', in a section of a page whose title names kratom" in matches[0].reasons
        )


@pytest.mark.parametrize(
    ("claim", "subject"),
    [
        ("Best part is there's no addiction to worry about with this stuff.", "this stuff"),
        # a bare "it" in a new section of a page not titled after kratom may be anything
        ("Best part is it never gets anyone hooked.", None),
    ],
)
def test_a_section_of_an_article_about_kratom_may_describe_it_unnamed(matcher, claim, subject):
    blocks = [
        ("heading", "Harmony Leaf Wellness Blend"),
        ("paragraph", "Kratom is sold in gas stations. Kratom comes as powder. The kratom is tested."),
        ("heading", "Why customers stay"),
        ("paragraph", claim),
    ]
    page = sectioned_page("Harmony Leaf Wellness Blend", *blocks)
    matches = [m for m in matcher.match(page, split_sentences(page)) if m.sentence.text == claim]
    assert [m.claim_id for m in matches] == (["kratom-not-addictive"] if subject else [])
    if subject:
        assert f"subject: '{subject}', in a section of an article about kratom" in matches[0].reasons


def test_pages_that_never_mention_the_topic_are_not_checked(matcher):
    assert flagged(matcher, "This herb is non-addictive and eases arthritis pain.") == {}


def test_reasons_name_the_subject_concepts_and_hedge(matcher):
    page = page_from_text("Kratom may offer pain relief without the addictive risks of opioids.")
    (match,) = [m for m in matcher.match(page, split_sentences(page)) if m.claim_id == "kratom-not-addictive"]
    assert match.reasons[0] == "subject: 'Kratom'"
    assert "absence: 'without'" in match.reasons
    assert any(r.startswith("hedged promotion") for r in match.reasons)
    assert 0 < match.score <= 1


def test_unnamed_subject_in_a_testimonial_on_a_kratom_page(matcher):
    text = "I keep the red for nights and the white for daytime focus."
    assert flagged(matcher, text, title="Red Bali Kratom")[text] == {"kratom-strain-effects-predictable"}
    # a product page titled by its strain alone is about kratom too
    assert flagged(matcher, text, title="Red Bali Leaf Powder")[text] == {"kratom-strain-effects-predictable"}
    assert flagged(matcher, text, title="Tea blends") == {}


def test_a_highlight_covers_the_sentence_or_in_run_on_text_the_claim_words(matcher):
    sentence = "Kratom is not habit-forming, my aunt says, and she has used it for years."
    page = page_from_text(sentence)
    (match,) = matcher.match(page, split_sentences(page))
    assert page.text[match.start : match.end] == sentence
    # a forum post without full stops holds several claims; each highlight shows the words of its own
    post = (
        "ive used kratom for two years now and honestly it changed everything for me the first week was "
        "rough but after that my back pain was gone most days and my energy came back too my friends think "
        "im crazy but the leaf just doesnt have that addictive pull and i never had to take more than my "
        "usual dose anyway thats my story"
    )
    page = page_from_text(post)
    (match,) = [m for m in matcher.match(page, split_sentences(page)) if m.claim_id == "kratom-not-addictive"]
    assert match.sentence.text == post
    assert page.text[match.start : match.end] == "the leaf just doesnt have that addictive"


_COMPARISON = """<html><head><title>Kratom, CBD and kava compared</title></head><body><article>
<h1>Kratom, CBD and kava compared</h1><p>We tried kratom, CBD and kava for a month each.</p>
<table><thead><tr><th></th><th>Kratom</th><th>CBD</th></tr></thead>
<tr><th>Overdose risk</th><td>There is no fatal dose, so you can take as much as you like.</td>
<td>There is no fatal dose, so you can take as much as you like.</td></tr></table>
<h2>Myths and facts</h2>
<table><tr><th>Myth</th><th>Fact</th></tr>
<tr><td>You cannot overdose on it.</td><td>Kratom has been involved in overdose deaths.</td></tr></table>
</article></body></html>"""


def test_a_table_cell_is_about_what_its_headers_name(matcher):
    page = extract(_COMPARISON)
    # the kratom column asserts it; the CBD column and the cell under "Myth" do not
    (match,) = matcher.match(page, split_sentences(page))
    assert (match.claim_id, page.blocks[match.sentence.block].header) == (
        "kratom-no-overdose-risk",
        "Kratom / Overdose risk",
    )
    assert match.reasons[0] == "subject: the table header 'Kratom / Overdose risk'"


def test_a_veto_in_a_cell_whose_headers_make_a_whole_rule(matcher):
    # "Safe in any amount" makes a rule alone; the cell's "seen deaths" vetoes that rule, as no word of
    # the cell denies it, but its "not" denies it for the rule it makes with its own words
    page = extract(
        "<html><head><title>Kratom compared</title></head><body><article><h1>Kratom compared</h1>"
        "<p>We tried kratom for a month.</p><table><thead><tr><th></th><th>Kratom</th></tr></thead>"
        "<tr><th>Safe in any amount</th><td>Yes, and we have not seen deaths from it.</td></tr></table>"
        "</article></body></html>"
    )
    flagged = [(m.sentence.text, m.reasons[-1]) for m in matcher.match(page, split_sentences(page))]
    assert flagged == [
        ("Safe in any amount", "safe_in_excess: 'Safe in any amount'"),
        ("Yes, and we have not seen deaths from it.", "absence: 'not'"),
    ]


_STRAIN_TABLE = """<html><head><title>Our kratom plans</title></head><body><article>
<h1>Our kratom plans</h1><p>Every member gets a pairing of kratom strains for the day.</p>
<table><thead><tr><th>Cultivar</th><th>What members use it for</th></tr></thead>
<tr><td>White Borneo</td><td>Clear-headed energy and focus.</td></tr>
<tr><td>Shipping</td><td>Clear-headed energy and focus.</td></tr></table>
</article></body></html>"""


def test_a_cell_claims_with_the_concepts_of_its_row_label(matcher):
    page = extract(_STRAIN_TABLE)
    # "White Borneo" names the vein colour the effect is promised of; "Shipping" names none
    (match,) = matcher.match(page, split_sentences(page))
    assert (match.claim_id, page.blocks[match.sentence.block].header) == (
        "kratom-strain-effects-predictable",
        "What members use it for / White Borneo",
    )
    assert "colour: 'White' in the table header" in match.reasons


def test_a_cell_of_uses_claims_with_its_column_and_row(matcher):
    # "Best for" is in the column's header and "Red" in the row's first cell; the cell names only uses
    page = extract(
        "<title>Kratom strains</title><article><p>Kratom comes in three vein colours.</p>"
        "<table><tr><th>Vein colour</th><th>Best for</th></tr>"
        "<tr><td>Red</td><td>Chronic pain, sleep</td></tr><tr><td>Yellow</td><td>Beginners</td></tr>"
        "</table></article>"
    )
    assert flagged_on_page(matcher, page) == {"Chronic pain, sleep": {"kratom-strain-effects-predictable"}}


_STRAIN_LIST = """<html><head><title>Our kratom strains</title></head><body><article>
<h1>Our kratom strains</h1><p>Every customer asks which kratom to buy.</p>
<ul><li>Red Bali, for back pain at night</li><li>Green Malay, steady daytime relief</li></ul>
<p>Our kratom ships in two days.</p><p>We also stock tea.</p>
<ul><li>Green Malay, steady daytime relief</li></ul>
</article></body></html>"""


def test_a_list_item_takes_the_contrast_from_the_items_before_it(matcher):
    page = extract(_STRAIN_LIST)
    matches = matcher.match(page, split_sentences(page))
    flagged = [m for m in matches if m.claim_id == "kratom-strain-effects-predictable"]
    # the first item gives a strain its use; the second makes the claim with the red of the first; the
    # lone item of the second list, a green with no other colour beside it, does not
    expected = [("Red Bali, for back pain at night", 2), ("Green Malay, steady daytime relief", 3)]
    assert [(m.sentence.text, m.sentence.block) for m in flagged] == expected
    assert "red: in an earlier item of this list" in flagged[1].reasons


@pytest.mark.parametrize(
    ("question", "answer", "claim"),
    [
        ("Is kratom addictive?", "Not in the way opioids are.", "kratom-not-addictive"),
        ("Can you overdose on kratom?", "No, not like you can on opioids.", "kratom-no-overdose-risk"),
        (
            "Do I have to stop kratom to get rid of the grey skin?",
            "Nope, just get on a kojic acid routine and it'll lighten up.",
            "topicals-reverse-kratom-pigmentation",
        ),
    ],
)
def test_a_reply_takes_the_concepts_of_the_question_it_answers(matcher, question, answer, claim):
    page = page_from_text(f"Kratom FAQ. {question} {answer}", title="FAQ")
    (match,) = matcher.match(page, split_sentences(page))
    assert (match.sentence.text, match.claim_id) == (answer, claim)
    assert any(reason.endswith("in the question this answers") for reason in match.reasons)


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("Is kratom addictive?", "No studies have settled that."),  # "No" here opens no reply
        ("Is kratom addictive?", "It can be, though less so than opioids."),  # no reply at all
        ("Does kratom fade dark spots?", "No."),  # a "no" denies what the question asked
        ("Is kratom addictive? Kratom is a tree.", "No, not in the way opioids are."),  # not just after it
    ],
)
def test_an_answer_that_is_no_reply_takes_nothing_from_the_question(matcher, question, answer):
    assert flagged(matcher, f"Kratom FAQ. {question} {answer}", title="FAQ") == {}


def test_a_table_in_an_article_about_kratom_is_about_kratom(matcher):
    # the title names no topic, but the article names kratom three times; a purpose ("To ...") is no claim
    page = extract(
        _STRAIN_TABLE.replace("Our kratom plans", "FAQ").replace(
            "</table>",
            "<tr><td>Red</td><td>Heavy, sedating relief.</td></tr>"
            "<tr><td>Green</td><td>To ease the evening, and sleep.</td></tr></table>"
            "<p>Kratom is sold by the gram; kratom capsules cost more.</p>",
        )
    )
    flagged = {(m.sentence.text, m.claim_id) for m in matcher.match(page, split_sentences(page))}
    assert ("Heavy, sedating relief.", "kratom-strain-effects-predictable") in flagged
    assert not any(text.startswith("To ease") for text, _ in flagged)


def test_first_person_copy_in_an_article_about_kratom_is_about_kratom(matcher):
    # the title names no topic; the text names kratom three times, then a heading opens a new section
    page = extract(
        "<title>Help centre</title><article><p>We sell kratom powder. Our kratom is lab tested. Kratom ships"
        " in two days.</p><h2>Dosing</h2><p>Serving sizes differ.</p><p>We recommend your pain doctor picks"
        " the right gram amount for you.</p><p>A pain doctor picks the right gram amount for each patient."
        "</p></article>"
    )
    found = flagged_on_page(matcher, page)
    assert found["We recommend your pain doctor picks the right gram amount for you."] == {
        "kratom-clinician-dosing"
    }
    assert "A pain doctor picks the right gram amount for each patient." not in found


def test_names_and_times_between_sentences_do_not_part_them(matcher):
    # a chat transcript: the answer's "that reaction" is the grey patches of four lines before
    chat = (
        "Customer\nMy friend got these weird grey patches on her arms from kratom.\nis that a thing?\n"
        "10:16 AM\nLeafBot\nThat reaction is super rare and nothing to panic about."
    )
    assert flagged(matcher, chat, title="Support chat") == {
        "That reaction is super rare and nothing to panic about.": {"kratom-pigmentation-harmless"}
    }


def test_a_label_line_refers_back_to_the_sentence_before_it(matcher):
    # a label line shares the count of the sentence before it, which is still one sentence back
    page = page_from_text("Our kratom ships fast.\nTotally non-addictive", title="Shop")
    (match,) = matcher.match(page, split_sentences(page))
    assert match.reasons[0] == "subject: kratom, named 1 sentence back in this section"


def test_a_sentence_leaves_kratom_unnamed_after_naming_it_until_another_remedy_is_named(matcher):
    # in an article about kratom the reach is the section; otherwise it is the window of sentences
    about_kratom = (
        "We sell kratom powder. Our kratom is lab tested. Kratom ships in two days.\n"
        "Serving sizes differ. Orders over $50 ship free. Returns are easy.\n"
        "A pain doctor picks the right gram amount for each patient.\n"
        "We also stock CBD oil.\nA pain doctor picks the right dose for each patient."
    )
    found = flagged(matcher, about_kratom, title="Help centre")
    assert found["A pain doctor picks the right gram amount for each patient."] == {"kratom-clinician-dosing"}
    assert "A pain doctor picks the right dose for each patient." not in found
    named_once = (
        "We sell kratom powder. Serving sizes differ. Orders over $50 ship free. Returns are easy.\n"
        "A pain doctor picks the right gram amount for each patient."
    )
    assert flagged(matcher, named_once, title="Help centre") == {}


def _sentences_file() -> list[tuple[str, str]]:
    lines = (
        (Path(__file__).parent / "data" / "matching-sentences.txt").read_text(encoding="utf-8").splitlines()
    )
    return [tuple(line.split(" | ", 1)) for line in lines if line and not line.startswith("#")]


@pytest.mark.parametrize(("claim", "text"), _sentences_file())
def test_sentences_in_new_wording(matcher, claim, text):
    found = flagged(matcher, f"Kratom is a tree from Southeast Asia. {text}", title="Kratom guide").get(
        text, set()
    )
    if claim == "!*":
        assert found == set()
    elif claim.startswith("!"):
        assert claim[1:] not in found
    else:
        assert claim in found


_SELLERS_LIST = """<html><head><title>Kratom: what shops told us</title></head><body><article>
<h1>Kratom: what shops told us</h1>
{lead}
<ul><li>"You physically can't overdose on kratom."</li>
<li>"Your body doesn't get dependent on it."</li></ul>
<p>Kratom is not risk free, toxicologists say.</p>
<ul><li>Kratom won't get you hooked.</li></ul>
</article></body></html>"""


@pytest.mark.parametrize(
    "lead",
    ["<p>What sellers told our reporter:</p>", "<p>Common myths:</p>", "<h2>Common misconceptions</h2>"],
)
def test_a_list_introduced_as_what_others_say_is_not_asserted(matcher, lead):
    page = extract(_SELLERS_LIST.format(lead=lead))
    flagged = {m.sentence.text for m in matcher.match(page, split_sentences(page))}
    # the list after the lead-in quotes sellers; the list after an ordinary paragraph is the page's own
    assert flagged == {"Kratom won't get you hooked."}


@pytest.mark.parametrize("lead", ["<p>What our customers say:</p>", "<h2>What our customers say</h2>"])
def test_a_list_introduced_by_its_own_readers_still_asserts(matcher, lead):
    page = extract(_SELLERS_LIST.format(lead=lead))
    flagged = {m.sentence.text for m in matcher.match(page, split_sentences(page))}
    assert '"You physically can\'t overdose on kratom."' in flagged
