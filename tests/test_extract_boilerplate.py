"""Boilerplate inside or beside the article that a reader skips, and look-alikes that are the article.

Each rule has a case that drops the boilerplate and a near miss that keeps article text whose
markup looks similar: a rule that drops too much hides claims from the matcher.
"""

from __future__ import annotations

import pytest
from test_extract import FILLER, article, texts

from caveat.extract import extract

BIO = (
    "Jane Doe is a health writer based in Ohio who has covered nutrition and medicine for "
    "ten years, and she lives with her two dogs."
)
BIO_ARTICLE = (
    "Jane Doe was born in Ohio, trained as a nurse and wrote about medicine for ten years, "
    "and her reporting on supplements changed how the state regulates them."
)


@pytest.mark.parametrize(
    "boilerplate",
    [
        # Qualifiers glued before the word: a caption, a credit, a sign-up box.
        "<div class='newsCaption'><p>Protesters gathered outside the hall on Monday.</p></div>",
        "<div class='InlineImage-imageEmbedCredit'>"
        "<p>Photo taken by Jane Roe for Agency Photos, outside the hall on Monday.</p></div>",
        "<div id='emailSignup'><p>Let our news meet your inbox every single morning.</p></div>",
        # An author's bio box, a call to action, a notification bar, a reading-time note.
        f"<div class='author-bio-box'><p>{BIO}</p></div>",
        "<div class='nrplus-cta'><p>If you enjoyed this article, join our members today.</p></div>",
        "<div id='wpfront-notification-bar'><p>Get the magazine delivered every month.</p></div>",
        "<p class='estimated-read-time'>Reading time: 2 minutes</p>",
        # When and by whom, which readability keeps when it sits among the paragraphs.
        "<p><span class='timestamp'>Updated 5:27 am CST, Wednesday, November 20, 2019</span></p>",
        "<div class='article_date'><p>November 20, 2019 - 11:28 AMT</p></div>",
        "<p class='article__meta'>By Louis Jacobson on Monday, November 18th, 2019 at 11:04 a.m.</p>",
        "<p class='postinfo'>Filed under: Health, Supplements and what they claim to do.</p>",
        # Shown only when scripts are off, or only on paper.
        "<p class='jetpack-slideshow-noscript'>This slideshow requires JavaScript.</p>",
        "<div class='d-none d-print-block'><p>Citation: this story, retrieved from our site.</p></div>",
        "<div class='hidden print:block'><p>Printed from our site on a sunny day.</p></div>",
    ],
)
def test_boilerplate_inside_the_article_is_dropped(boilerplate: str) -> None:
    page = extract(article(f"<p>Visible before.</p>{boilerplate}<p>Visible after.</p>"))
    assert texts(page)[:4] == [FILLER, "Visible before.", "Visible after.", FILLER]


@pytest.mark.parametrize(
    "lookalike",
    [
        # Words that only start like a furniture word, or hold it in the middle.
        "<div class='creditcard-guide'><p>{}</p></div>",
        "<div class='captioned-story'><p>{}</p></div>",
        "<div class='signups-chart'><p>{}</p></div>",
        "<div class='biography'><p>{}</p></div>",
        "<div class='timeline'><p>{}</p></div>",
        "<div class='candidate-profile'><p>{}</p></div>",
        # Shown from some screen width on, which a print-only class is not.
        "<div class='d-none d-md-block'><p>{}</p></div>",
    ],
)
def test_article_text_with_lookalike_names_is_kept(lookalike: str) -> None:
    text = "Kratom is sold as a supplement, and regulators have warned about it twice."
    page = extract(article(lookalike.format(text)))
    assert text in texts(page)


def test_a_bio_page_whose_article_is_named_bio_is_kept() -> None:
    """The name of the element that holds the article describes the page, not boilerplate."""
    html = (
        "<html><body><nav><a href='/'>Home</a></nav>"
        f"<div class='bio'><p>{BIO_ARTICLE}</p><p>{FILLER}</p><p>{FILLER}</p></div>"
        "</body></html>"
    )
    assert BIO_ARTICLE in texts(extract(html))


def test_a_byline_readability_appends_to_the_article_is_dropped() -> None:
    """Readability adds the article's siblings that look like text; one named as a byline is
    judged like any other element, while the article itself is never judged by its name."""
    body = "".join(f"<p>{FILLER} Paragraph {n}.</p>" for n in range(6))
    html = (
        "<html><body><div class='singular'>"
        "<div class='entry-byline'><p>November 20, 2019. Written by Emiliano Bellini, with a long "
        "enough line of text that readability counts it as part of the story.</p></div>"
        f"<div class='content share-tools'>{body}</div>"
        "</div></body></html>"
    )
    page = extract(html)
    assert f"{FILLER} Paragraph 0." in texts(page)
    assert "Emiliano" not in page.text


def test_a_paragraph_repeated_right_after_itself_is_read_once() -> None:
    """A standfirst laid out twice, once for narrow and once for wide screens."""
    dek = "Kratom sellers say it is safe, and regulators disagree with them."
    page = extract(article(f"<p>{dek}</p><div><p>{dek}</p></div><p>Visible after.</p>"))
    assert texts(page).count(dek) == 1


def test_repeats_that_are_content_are_kept() -> None:
    """Table cells repeat by nature, and a paragraph may come back after another one."""
    cells = "<table><tr><td>Yes</td><td>Yes</td><td>No</td></tr></table>"
    line = "Ask your doctor before you take any supplement, kratom included."
    page = extract(article(f"{cells}<p>{line}</p><p>Visible between.</p><p>{line}</p>"))
    assert texts(page).count("Yes") == 2
    assert texts(page).count(line) == 2


def cards(count: int) -> str:
    """Related-post cards, each an <article> with more text than a short story."""
    return "".join(
        f"<article class='postbox'><h2>Related post {n}</h2><p>{FILLER} {FILLER} Card {n}.</p></article>"
        for n in range(count)
    )


STORY = "Kratom is sold in gas stations, and this short story says why that worries doctors. " + FILLER


def test_a_short_story_beats_the_cards_of_related_posts_readability_prefers() -> None:
    html = (
        "<html><head><title>Short story | Site</title></head><body><div class='columns'>"
        f"<article class='articlebox'><h1>Short story</h1><p>{STORY}</p></article>"
        f"<article class='postbox'><h3>You may like</h3>{cards(3)}</article>"
        "</div></body></html>"
    )
    page = extract(html)
    assert texts(page) == ["Short story", STORY]


def test_cards_are_kept_when_no_article_holds_the_headline() -> None:
    """A list page, or a story whose headline is outside any <article>: readability's choice stands."""
    html = (
        "<html><head><title>Short story | Site</title></head><body><h1>Short story</h1>"
        f"<div><p>{STORY}</p></div>{cards(6)}</body></html>"
    )
    assert f"{FILLER} {FILLER} Card 3." in texts(extract(html))
