"""Extraction: the blocks a reader reads, and nothing a reader skips.

The matcher only sees what extract() returns, so a sentence we drop is a claim nobody is
warned about, and a menu or cookie notice we keep is noise it may flag.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import re
import statistics
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from caveat.blocks import collapse
from caveat.extract import extract, page_from_text
from caveat.records import BLOCK_SEPARATOR, Page

FIXTURES = Path(__file__).parent / "fixtures" / "extract"
FILLER = (
    "This paragraph is here so that the page reads like an article, with enough words, "
    "commas, and full sentences for a content extractor to take it seriously."
)


def load_module(path: Path) -> ModuleType:
    """A standalone script from the shared material, imported by path."""
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def article(body: str, head: str = "", outside: str = "") -> str:
    """A page with one article: ``body`` between paragraphs of filler, ``outside`` after it."""
    return (
        f"<html><head>{head}</head><body><main><article>"
        f"<p>{FILLER}</p>{body}<p>{FILLER}</p><p>{FILLER}</p>"
        f"</article></main>{outside}</body></html>"
    )


def texts(page: Page) -> list[str]:
    return [b.text for b in page.blocks]


def assert_offsets(page: Page) -> None:
    assert page.text == BLOCK_SEPARATOR.join(texts(page))
    for block in page.blocks:
        assert block.text
        assert block.text == block.text.strip()
        assert page.text[block.start : block.end] == block.text


# --- blocks ---------------------------------------------------------------------------------


def test_br_br_splits_paragraphs_and_a_single_br_does_not() -> None:
    page = extract(
        article("<div>First line<br>same paragraph.<br><br>Second paragraph.<br/> <br/>Third.</div>")
    )
    assert "First line same paragraph." in texts(page)
    assert "Second paragraph." in texts(page)
    assert "Third." in texts(page)


def test_block_elements_split_and_carry_their_kind() -> None:
    page = extract(
        article(
            "<h2>Benefits</h2><ul><li>Eases pain.</li><li>Lifts mood.</li></ul>"
            "<table><tr><th>Strain</th><td>Red vein</td></tr></table>"
            "<blockquote><p>It saved my life.</p></blockquote>"
            "<div>Direct text in a div<p>and a paragraph inside it.</p>tail text after it</div>"
        )
    )
    kinds = {b.text: b.kind for b in page.blocks}
    assert kinds["Benefits"] == "heading"
    assert kinds["Eases pain."] == kinds["Lifts mood."] == "list-item"
    assert kinds["Strain"] == kinds["Red vein"] == "table-cell"
    assert kinds["It saved my life."] == "quote"
    assert kinds[FILLER] == "paragraph"
    assert {"Direct text in a div", "and a paragraph inside it.", "tail text after it"} <= set(kinds)


def test_a_table_cell_carries_the_headers_that_label_it() -> None:
    page = extract(
        article(
            "<table><thead><tr><th></th><th>Kratom</th><th colspan='2'>CBD</th></tr></thead><tbody>"
            "<tr><th>Overdose risk</th><td><p>Low.</p></td><td>None known.</td><td>Rare.</td></tr>"
            "<tr><td>Cost</td><td>Cheap. <table><tr><td>Inner cell.</td></tr></table></td></tr>"
            "<tr><td>What users in forums report.</td><td>Often.</td></tr>"
            "<tr><td>Red vein (Bali, Red Maeng Da)</td><td>Heavy.</td></tr>"
            "</tbody></table>"
            "<table><tr><td>Plain cell.</td><td>Beside it.</td></tr></table>"
        )
    )
    headers = {b.text: b.header for b in page.blocks}
    assert headers["Low."] == "Kratom / Overdose risk"  # a paragraph inside the cell too
    assert headers["None known."] == headers["Rare."] == "CBD / Overdose risk"  # a spanning column header
    assert headers["Overdose risk"] == ""  # a header cell is not labelled by itself
    # under a header row, a short first cell names its row, as a <th> would
    assert headers["Cost"] == "" and headers["Cheap."] == "Kratom / Cost"
    assert headers["Often."] == "Kratom"  # a sentence in the first cell is not a name
    assert headers["Heavy."] == "Kratom / Red vein (Bali, Red Maeng Da)"  # words in parentheses qualify it
    assert headers["Inner cell."] == headers["Plain cell."] == headers[FILLER] == ""  # nested; no headers
    assert headers["Beside it."] == ""  # no header row: a first cell is data like the others


def test_details_faq_keeps_question_and_answer_apart() -> None:
    page = extract(
        article(
            "<details><summary>Is kratom legal?</summary><p>It is banned in six states.</p></details>"
            "<details><summary>Can it darken skin?</summary>"
            "<p>Long-term users report grey patches.</p></details>"
        )
    )
    kinds = {b.text: b.kind for b in page.blocks}
    assert kinds["Is kratom legal?"] == "heading"
    assert kinds["It is banned in six states."] == "paragraph"
    assert kinds["Can it darken skin?"] == "heading"
    assert "Long-term users report grey patches." in kinds


def test_accordion_faq_reads_the_questions_on_its_buttons() -> None:
    page = extract(
        article(
            "<h3><button aria-expanded='false'>Is kratom habit-forming?</button></h3>"
            "<div><p>Dependence is well documented.</p></div>"
            "<button aria-controls='panel-2'>Can I take too much?</button><p>Yes.</p>"
            "<p>Add it to your cart. <button>Add to cart</button></p>"
        )
    )
    kinds = {b.text: b.kind for b in page.blocks}
    assert kinds["Is kratom habit-forming?"] == "heading"
    assert "Can I take too much?" in texts(page)
    assert "Add to cart" not in page.text  # a button that only acts is not read


def test_inline_tags_do_not_split_text() -> None:
    page = extract(
        article(
            "<p>Kra<b>tom</b> is <a href='/x'>sold</a> as <em>powder</em>, "
            "<span>capsules</span><sup>1</sup>.</p>"
        )
    )
    assert "Kratom is sold as powder, capsules1." in texts(page)


def test_entities_decoded_and_whitespace_collapsed_as_rendered() -> None:
    page = extract(
        article("<p>\n  Caf&eacute;&nbsp;&amp; tea\t\t&#8212;  &#x201C;strong&#x201D;\n\n brew.  </p>")
    )
    assert "Café & tea — “strong” brew." in texts(page)


@given(st.text(alphabet=" \t\n\r\f\xa0\u2003ab", max_size=30))
def test_white_space_collapses_to_single_spaces_but_other_spaces_stay(text: str) -> None:
    # Every run of HTML white space or NBSP becomes one space, however the pattern skips lone spaces;
    # an em space is not HTML white space and stays as written.
    expected = re.sub(r"[ \t\n\r\f\xa0]+", " ", text).strip()
    assert collapse(text) == expected


# --- what a reader does not see --------------------------------------------------------------


@pytest.mark.parametrize(
    "hidden",
    [
        "<p hidden>Hidden attribute text.</p>",
        "<p aria-hidden='true'>Aria hidden text.</p>",
        "<p style='color: red; display:none'>Display none text.</p>",
        "<div style='visibility: hidden'><p>Visibility hidden text.</p></div>",
        "<script>document.write('Script text.')</script>",
        "<style>p::after { content: 'Style text.' }</style>",
        "<template><p>Template text.</p></template>",
        "<noscript><p>Noscript text.</p></noscript>",
        "<form><select><option>Option text.</option></select><button>Button text.</button></form>",
        "<span class='sr-only'>Screen reader text.</span>",
        "<div class='menu d-none'><p>Utility class text.</p></div>",
    ],
)
def test_invisible_content_is_dropped(hidden: str) -> None:
    page = extract(article(f"<p>Visible before.</p>{hidden}<p>Visible after.</p>"))
    assert "Visible before." in texts(page)
    assert "Visible after." in texts(page)
    assert " text." not in page.text


def test_a_class_that_shows_content_at_some_width_keeps_it() -> None:
    shown = "Shown on wide screens, where there is room for a longer paragraph like this one."
    page = extract(article(f"<div class='hidden md:block'><p>{shown}</p></div>"))
    assert shown in texts(page)


def test_page_furniture_is_dropped() -> None:
    page = extract(
        article(
            "<aside class='pullquote'><p>Pull quote repeating the article.</p></aside>",
            outside=(
                "<nav><ul><li><a href='/'>Home page link</a></li></ul></nav>"
                "<aside class='sidebar'><h3>Sidebar heading</h3><p>Sidebar blurb about us.</p></aside>"
                "<div class='newsletter-signup'><p>Join our newsletter for weekly tips.</p></div>"
                "<div id='cookie-notice'><p>We use cookies to improve your experience.</p></div>"
                "<footer><p>Copyright notice in the footer.</p></footer>"
            ),
        ).replace("<body>", "<body><header><p>Site tagline in the header.</p></header>")
    )
    assert FILLER in texts(page)
    for text in ("Home page", "Sidebar", "newsletter", "cookies", "footer", "header", "Pull quote"):
        assert text not in page.text


def test_blog_post_with_comments() -> None:
    page = extract((FIXTURES / "blog-with-comments.html").read_bytes(), "https://blog.example/kratom/")
    assert page.url == "https://blog.example/kratom/"
    assert page.title == "Why I Stopped Taking Kratom for My Back"
    assert page.language == "en-GB"
    assert page.blocks[0].text == page.title and page.blocks[0].kind == "heading"
    kinds = {b.text: b.kind for b in page.blocks}
    assert kinds["Two years of powder, one long taper, and what my doctor said about it."] == "paragraph"
    assert kinds["What the taper was like"] == "heading"
    comment = "Kratom is completely safe and you can never overdose on it, so I think you quit for nothing."
    assert kinds[comment] == "comment"
    assert (
        kinds["Thanks for reading, Priya. My doctor disagreed, and the withdrawal I went through was real."]
        == "comment"
    )
    for absent in (
        "Priya says",  # comment author
        "February 2, 2024",  # comment date
        "Reply",  # reply links and the reply form
        "email address",
        "The path I walked",  # photo caption
        "Share on",
        "Tagged",
        "Sam Ortiz",  # byline
        "cookies",
        "Archive",
        "Recent posts",
        "Sunday letter",
        "medical advice",
        "Tracking script",
    ):
        assert absent not in page.text, absent
    assert_offsets(page)


def test_forum_posts_outside_readabilitys_article_are_kept() -> None:
    posts = "".join(
        f"<article class='message message--post'><div class='message-user'><h4>user{n}</h4>"
        f"<dl><dt>Joined</dt><dd>2021</dd></dl></div>"
        f"<header class='message-attribution'><time>Jun {n}</time></header>"
        f"<div class='message-content'>Post number {n} says kratom {word} my pain.<br><br>"
        f"Second paragraph of post {n}.</div><div class='likes'>{n + 2} likes</div>"
        f"<aside class='message-signature'>Signature of user{n}</aside>"
        "</article>"
        for n, word in enumerate(["fixed", "helped", "did nothing for", "worsened"], start=1)
    )
    page = extract(
        f"<html><body><h1>Kratom for pain?</h1><div class='block-body'>{posts}</div></body></html>"
    )
    kinds = {b.text: b.kind for b in page.blocks}
    assert kinds["Kratom for pain?"] == "heading"
    for n, word in enumerate(["fixed", "helped", "did nothing for", "worsened"], start=1):
        assert kinds[f"Post number {n} says kratom {word} my pain."] == "comment"
        assert kinds[f"Second paragraph of post {n}."] == "comment"
    for absent in ("user1", "Joined", "Jun 2", "likes", "Signature"):
        assert absent not in page.text


@pytest.mark.parametrize(
    ("section", "item", "byline"),
    [
        # a comment plugin's markup with the author and date as plain text
        ("section class='comments'", "article class='comment'", "<p class='who'>Bea L. · Nov {n}, 2026</p>"),
        # a publishing platform's "responses", dated the way it shows them
        (
            "section class='dl-responses'",
            "div class='dl-response'",
            "<div class='r-head'><a href='/@reader{n}'>Reader {n}</a> · May {n}</div>",
        ),
        ("div class='thread'", "div class='forum-reply'", "<div class='head'>reader{n}, {n} days ago</div>"),
    ],
)
def test_comments_dated_in_plain_text_are_kept(section: str, item: str, byline: str) -> None:
    tag = item.split()[0]
    replies = "".join(
        f"<{item}>{byline.format(n=n)}<p>Reply {n}: kratom got me through the worst of it.</p></{tag}>"
        for n in (1, 2, 3)
    )
    page = extract(article(f"<{section}><h2>3 responses</h2>{replies}</{section.split()[0]}>"))
    kinds = {b.text: b.kind for b in page.blocks}
    for n in (1, 2, 3):
        assert kinds[f"Reply {n}: kratom got me through the worst of it."] == "comment"


def test_an_aside_inside_the_article_is_read_unless_named_as_furniture() -> None:
    picks = "Dani (bar lead): Night Heron, half pour. It takes the edge off my back after a double."
    page = extract(
        article(
            f"<aside class='staff-picks'><h2>Staff picks</h2><ul><li>{picks}</li></ul></aside>"
            "<aside class='related-posts'><p>Five more stories from our archive you might like.</p></aside>"
        )
    )
    assert picks in texts(page)
    assert "archive" not in page.text


def test_short_lists_and_tables_readability_drops_are_kept() -> None:
    page = extract(
        article(
            "<p>Pick a vein colour:</p><ul><li>Red vein</li><li>Green</li></ul>"
            "<table><tr><td>1.4%</td><td>Pass</td></tr></table>"
        )
    )
    assert texts(page)[1:6] == ["Pick a vein colour:", "Red vein", "Green", "1.4%", "Pass"]


@pytest.mark.parametrize("framed", [True, False], ids=["in <main><article>", "in plain <div>s"])
def test_an_articles_footnotes_are_read_and_its_footer_is_not(framed: bool) -> None:
    # readability drops both, as "foot" names an unlikely candidate; the notes cite the studies
    note = "J Exp Med, 2019: kratom extract eased neuropathic pain behaviours in a mouse model."
    body = (
        f"<div class='footnotes'><div class='footnote'><a href='#r1'>1</a>"
        f"<div class='footnote-content'><p>{note}</p></div></div></div>"
        "<div class='post-footer'><p>Share this post with a friend who would enjoy reading it.</p></div>"
    )
    html = article(body) if framed else article(body).replace("main>", "div>").replace("article>", "div>")
    page = extract(html)
    assert note in texts(page)
    assert "Share this post" not in page.text


def test_a_product_pages_pros_and_cons_beside_its_description_are_kept() -> None:
    # readability picks the reviews, the longest run of text, and leaves the lists out
    review = f"<article class='review'><p class='meta'>A buyer</p><p>{FILLER} {FILLER}</p></article>"
    reviews = review * 4
    page = extract(
        "<html><body><nav><a href='/'>Shop</a> <a href='/caps'>Capsules</a></nav><main class='product'>"
        "<section class='description'><p>Capsules of finely milled leaf, 500 mg each.</p></section>"
        "<section class='pros-cons'><div class='pros'><h3>Pros</h3><ul><li>Plant-based relief</li>"
        "<li>Lab-tested, 60 per bottle</li></ul></div></section>"
        f"<section class='reviews'>{reviews}</section>"
        "</main><footer><ul><li><a href='/about'>About us</a></li></ul></footer></body></html>"
    )
    assert {"Plant-based relief", "Lab-tested, 60 per bottle"} <= set(texts(page))
    assert "About us" not in page.text


def test_a_page_that_is_mostly_a_list_falls_back_to_its_visible_text() -> None:
    """Readability keeps the one paragraph; the list a reader sees is seven times longer."""
    items = "".join(
        f"<li>Remedy {n} eases chronic pain in some people, or so its fans say.</li>" for n in range(20)
    )
    page = extract(
        "<html><body><nav><a href='/'>Home</a></nav><div><div><div>"
        f"<p>{FILLER}</p></div></div><div><ul>{items}</ul></div></div>"
        "<footer>Footer text</footer></body></html>"
    )
    assert texts(page) == [FILLER] + [
        f"Remedy {n} eases chronic pain in some people, or so its fans say." for n in range(20)
    ]


def test_text_that_looks_like_element_markers_is_just_text() -> None:
    forged = "data-caveat-id=&quot;99999&quot; <b title='x data-caveat-0=\"3\"'>bold</b>"
    page = extract(article(f"<p>Forged: {forged}.</p>"))
    assert 'Forged: data-caveat-id="99999" bold.' in texts(page)


def test_a_very_short_page_is_still_read() -> None:
    page = extract("<p>Kratom cures anxiety.</p>")
    assert texts(page) == ["Kratom cures anxiety."]


# --- title and language ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "body", "title"),
    [
        ("<title>Kratom and Sleep | Leaf Daily</title>", "<h1>Kratom and Sleep</h1>", "Kratom and Sleep"),
        ("<title>Leaf Daily - Kratom and Sleep: What We Know</title>", "", "Kratom and Sleep: What We Know"),
        (
            "<title>Switched from pills to kratom, honest thoughts? : r/Recovery</title>",
            "",
            "Switched from pills to kratom, honest thoughts?",
        ),
        ("<meta property='og:title' content='Og Headline Here'><title>Site</title>", "", "Og Headline Here"),
        ("", "<h1>Only a heading</h1>", "Only a heading"),
        (
            "<title>Kratom and Sleep | Leaf Daily</title>",
            "<h1>Leaf Daily</h1><h1>Kratom and Sleep</h1>",
            "Kratom and Sleep",
        ),
        ("<title>Real title</title>", "<svg><title>Icon</title></svg>", "Real title"),
        ("", "", ""),
    ],
)
def test_title(head: str, body: str, title: str) -> None:
    assert extract(article(body, head=head)).title == title


def test_language() -> None:
    assert extract("<html lang='pt-BR'><p>Olá mundo, tudo bem?</p></html>").language == "pt-BR"
    meta = "<meta http-equiv='Content-Language' content='de, en'>"
    assert extract(f"<html><head>{meta}</head><p>Hallo Welt.</p></html>").language == "de"
    assert extract("<p>No language here.</p>").language == ""


# --- bytes and bad input ---------------------------------------------------------------------


def test_windows_1252_bytes_with_meta_charset() -> None:
    html = article("<p>“Café” – naïve résumé.</p>", head="<meta charset='windows-1252'>")
    assert "“Café” – naïve résumé." in texts(extract(html.encode("cp1252")))


def test_shift_jis_bytes_with_meta_charset() -> None:
    sentence = "クラトムは痛みを和らげると言われていますが、依存のおそれがあります。"
    html = f"<html><head><meta charset='Shift_JIS'></head><body><p>{sentence}</p></body></html>"
    assert texts(extract(html.encode("shift_jis"))) == [sentence]


def test_iso_8859_1_means_windows_1252_as_in_browsers() -> None:
    head = b"<meta http-equiv='Content-Type' content='text/html; charset=iso-8859-1'>"
    html = b"<html><head>" + head + b"</head><body><p>\x93Quoted\x94 \x96 caf\xe9.</p></body></html>"
    assert texts(extract(html)) == ["“Quoted” – café."]


def test_undeclared_bytes_are_utf8_or_detected() -> None:
    assert texts(extract("<p>Déjà vu — naïve.</p>".encode())) == ["Déjà vu — naïve."]
    latin = "<p>Un café crème coûte deux euros à la gare du Nord.</p>".encode("cp1252")
    assert texts(extract(latin)) == ["Un café crème coûte deux euros à la gare du Nord."]
    assert texts(extract("<p>Sixteen bits wide.</p>".encode("utf-16"))) == ["Sixteen bits wide."]


def test_invalid_bytes_are_replaced_not_fatal() -> None:
    page = extract(b"<html><head><meta charset='utf-8'></head><body><p>Before \xff after.</p></body></html>")
    assert texts(page) == ["Before \ufffd after."]


@pytest.mark.parametrize(
    "html",
    ["", b"", "   \n", "<html></html>", "<!-- only a comment -->", bytes(range(256)) * 20,
     "<div>" * 5000 + "deep" + "</div>" * 5000, "\ud800 lone surrogate", "<p>\x00</p>",
     "<svg><text>x</text></svg>"],
)  # fmt: skip
def test_odd_input_gives_a_page(html: str | bytes) -> None:
    page = extract(html)
    assert isinstance(page, Page)
    assert_offsets(page)


@settings(max_examples=150, deadline=None)
@given(
    st.one_of(
        st.binary(max_size=2000), st.text(max_size=2000), st.text("<>/ap iulbr=\"'&;#x\n", max_size=400)
    )
)
def test_any_input_gives_a_consistent_page(html: str | bytes) -> None:
    assert_offsets(extract(html))


# --- page_from_text --------------------------------------------------------------------------


def test_page_from_text_makes_one_block_per_non_empty_line() -> None:
    page = page_from_text("Kratom is safe.\n\n   \r\n  It   cures\tpain.  \nLast line", url="u", title="t")
    assert (page.url, page.title, page.language) == ("u", "t", "")
    assert texts(page) == ["Kratom is safe.", "It cures pain.", "Last line"]
    assert {b.kind for b in page.blocks} == {"paragraph"}
    assert_offsets(page)
    assert page_from_text("").blocks == ()


# --- the dev set and the benchmark -----------------------------------------------------------

# Labelled sentences a reader can see but that are not the page's content: extracting them
# would mean keeping the sidebar, which the same test forbids.
NOT_CONTENT = {"Red vs. White Vein Kratom: Which Is Best for Pain?"}  # a "Related posts" link

# Per dev page, text from its navigation, sidebars, footers and cookie or newsletter boxes.
FURNITURE = {
    "seed-000.html": ["Kratom Guides", "Join the Botanical Balance newsletter",
                      "We use cookies to personalise",
                      "Powered by WordPress", "Green Malay vs. Red Bali", "Marisol T.", "Leave a Reply"],
    "forum-pain-withdrawal.html": ["Similar threads", "Forum rules", "This site uses cookies", "XenForo",
                                   "Not medical advice, just 15 years", "Joined", "What's new"],
    "vendor-red-bali.html": ["Shop All", "Free U.S. shipping", "Get 10% off your first order",
                             "You may also like",
                             "This website uses cookies", "Choose an option", "Add to cart", "Earl W."],
    "news-kratom-claims.html": ["Most read", "Get the Morning Ledger", "free articles remaining",
                                "We and our partners use cookies", "Council weighs new limits",
                                "Share on Facebook",
                                "Ethics policy", "Ledger photo"],
    "listicle-chronic-pain-remedies.html": ["Feel-better Fridays", "Magnesium for Muscle Cramps",
                                            "We use cookies to optimise", "Affiliate Disclosure"],
    "skincare-hyperpigmentation.html": ["Join the Glow List", "Hi, I’m Nina", "We use cookies to remember",
                                        "Leave a Comment", "Product Reviews"],
}  # fmt: skip


@pytest.fixture(scope="module")
def dev_set(shared: Path) -> list[tuple[dict, Page]]:
    folder = shared / "eval" / "dev"
    labels = json.loads((folder / "labels.json").read_text(encoding="utf-8"))
    return [
        (entry, extract((folder / entry["file"]).read_bytes(), entry["url"])) for entry in labels["pages"]
    ]


def test_dev_set_labelled_sentences_are_all_extracted(shared: Path, dev_set: list[tuple[dict, Page]]) -> None:
    norm = load_module(shared / "eval" / "score.py").norm
    missing = [
        (entry["file"], sentence["text"])
        for entry, page in dev_set
        for sentence in entry["sentences"]
        if sentence["text"] not in NOT_CONTENT and norm(sentence["text"]) not in norm(page.text)
    ]
    assert missing == []


def test_dev_set_page_furniture_is_not_extracted(shared: Path, dev_set: list[tuple[dict, Page]]) -> None:
    norm = load_module(shared / "eval" / "score.py").norm
    pages = {Path(entry["file"]).name: page for entry, page in dev_set}
    assert set(FURNITURE) <= set(pages)
    found = [
        (name, text)
        for name, texts in FURNITURE.items()
        for text in texts
        if norm(text) in norm(pages[name].text)
    ]
    assert found == []
    assert all(page.title and page.language in ("en-US", "en") for page in pages.values())
    for page in pages.values():
        assert_offsets(page)


def test_zyte_benchmark_f1(shared: Path) -> None:
    """Word 4-gram F1 on the article-extraction benchmark, computed as its scorer does.

    Comments and headlines are not in its ground truth, so they cost us some precision;
    readability-lxml alone scores 0.955 on it and trafilatura 0.960; we score 0.964, and
    more if the headline (which the matcher needs) were not counted against us.
    """
    bench = shared / "extraction-bench"
    scorer = load_module(bench / "score_extraction.py")
    truth = json.loads((bench / "zyte" / "ground-truth.json").read_text(encoding="utf-8"))
    counts = []
    for key, item in sorted(truth.items()):
        raw = gzip.decompress((bench / "zyte" / "html" / f"{key}.html.gz").read_bytes())
        page = extract(raw.decode("utf-8", "replace"), item.get("url", ""))
        counts.append(scorer.page_counts(item.get("articleBody", ""), page.text))
    precision = statistics.mean(scorer.precision(*c) for c in counts if c[0] + c[1] > 0)
    recall = statistics.mean(scorer.recall(*c) for c in counts if c[0] + c[2] > 0)
    f1 = 2 * precision * recall / (precision + recall)
    assert len(counts) == 181
    assert f1 >= 0.962, f"precision={precision:.3f} recall={recall:.3f} f1={f1:.3f}"
