"""Step 1: html -> Page. The text a reader reads as the page's content, in blocks.

readability-lxml decides where the article is, but its output is one HTML string that has
already lost what we need: where blocks end, the headline, the reader comments and forum
posts (it removes them on purpose), and lists or FAQs it judged too short. So we parse the
page once, number its elements, let readability pick from that tree (it works on its own
copy), read back which numbered elements it kept, add the regions it leaves out, and cut
our untouched tree into blocks the way a browser lays it out (blocks.py).
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import re
import secrets
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import NamedTuple

import lxml.html
import webencodings
from bs4.dammit import EncodingDetector, UnicodeDammit
from lxml import etree
from readability import Document
from readability.readability import Unparseable

from caveat import readability_clean
from caveat.blocks import Marks, Piece, collapse, cut
from caveat.records import BLOCK_SEPARATOR, Block, Page

# Readability's own white space cleaning is most of its time; ours gives the same text (readability_clean.py).
readability_clean.install()

# Element numbers survive readability's copy and cleaning as an attribute in its output. Its
# name is new on every call, so that no page can forge it in its text or attribute values.
_ID_PREFIX = "data-caveat-"

# Never rendered as text, so never content, whatever readability says.
_INVISIBLE_TAGS = (
    "script", "style", "template", "noscript", "title", "meta", "link", "base",
    "iframe", "frame", "frameset", "object", "embed", "svg", "math", "canvas", "video", "audio",
    "map", "button", "select", "option", "optgroup", "datalist", "input", "textarea", "label",
    "dialog",
)  # fmt: skip
# Buttons that open and close a panel (aria-expanded, aria-controls) or stand in a heading.
_DISCLOSURE_BUTTONS = (
    "//button[@aria-expanded or @aria-controls or parent::h1 or parent::h2 or parent::h3 or parent::h4"
    " or parent::h5 or parent::h6 or parent::dt]"
)
_HIDDEN_STYLE = re.compile(r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\b", re.I)
# Class names are read as words split at white space, "-" and "_", lower-cased: a set lookup
# per word is many times cheaper than a regular expression per name, on every element.
_SEPARATORS = re.compile(r"[\s_-]+")
# Hidden by the page's stylesheet through a handful of near-universal utility classes, unless
# another class shows it again at some screen width ("hidden md:block", "d-none d-lg-flex").
_HIDDEN_CLASSES = frozenset(
    {"hidden", "d-none", "is-hidden", "sr-only", "visually-hidden", "visuallyhidden",
     "screen-reader-text", "skip-link"}
)  # fmt: skip
# A print-only variant ("d-none d-print-block", "hidden print:block") stays hidden on screen.
_SHOWN_CLASS = re.compile(
    r"(?:^|\s)(?!print:|d-print-)(?:\w+:|d-\w+-)(?:block|flex|grid|inline|table|contents)"
)
# Page furniture: a reader skips it, and it is never the article.
_FURNITURE_TAGS = frozenset({"nav", "aside", "header", "footer"})
_FURNITURE_ROLES = frozenset(
    {"navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alertdialog",
     "menu", "menubar", "toolbar", "tablist", "tab", "status", "alert"}
)  # fmt: skip
_FURNITURE_WORDS = frozenset(
    {"nav", "navbar", "navigation", "menu", "breadcrumb", "breadcrumbs", "sidebar", "widget",
     "share", "sharing", "related", "newsletter", "subscribe", "subscription", "signup", "cookie",
     "cookies", "consent", "gdpr", "cmplz", "banner", "popup", "modal", "meter", "promo", "ad",
     "ads", "sponsored", "masthead", "colophon", "byline", "tags", "tagged", "pagination", "pager",
     "respond", "trending", "popular", "mostread", "mostpopular", "recommended", "outbrain",
     "taboola", "teaser", "teasers", "rail", "readmore", "toc", "bio", "notification", "cta",
     "noscript", "readtime", "meta", "postmeta", "postinfo", "date", "dateline", "timestamp", "pullquote"}
)  # fmt: skip
_FURNITURE_PAIRS = frozenset(
    {("social", "share"), ("site", "header"), ("site", "footer"), ("most", "read"), ("read", "more"),
     ("more", "stories"), ("read", "time"), ("reading", "time"), ("pull", "quote")}
)  # fmt: skip
_FURNITURE_PREFIXES = ("advert", "recirc")  # advertisement, recirculation...
# Class names glue a qualifier before the word: "emailSignup", "footerNewsletter".
_FURNITURE_SUFFIXES = ("signup", "newsletter", "subscribe", "sidebar", "breadcrumb", "breadcrumbs")
# Photo captions and credits are furniture too: a reader glances at them, and they are rarely
# the article's text. Also glued to a qualifier: "newsCaption", "imageEmbedCredit".
_CAPTION_SUFFIXES = ("caption", "credit", "credits")
_NAME_WORDS = _FURNITURE_WORDS | {word for pair in _FURNITURE_PAIRS for word in pair}
# The standfirst under a headline, by the names newspapers and blog themes give it.
_DEK_CLASS = re.compile(
    r"(?:^|[\s_-])(?:dek|standfirst|subtitle|sub-?title|subhead|subheadline|summary|lede|lead|excerpt|intro)"
    r"(?:$|[\s_-])",
    re.I,
)
# Comment sections and forum posts, by the markup comment plugins and forum software use:
# any class or id with "comment" in it, or a class that is or ends with one of these words
# ("reply", "dl-response"), which also name the main article on many sites ("post" in
# WordPress) and so count only when repeated.
_POST_CLASSES = frozenset(
    {"post", "posts", "message", "messages", "reply", "replies", "answer", "answers", "review",
     "reviews", "forumpost", "postbody", "post-body", "postmessage", "post-message", "discussion",
     "response", "responses"}
)  # fmt: skip
# A byline that gives the date as text ("Bea L. · Nov 1, 2026", "Marisol Vega · May 12",
# "3 days ago") rather than in a <time> element or a class: short, so not a comment's own words.
_DATE_TEXT = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? \d{1,2}\b"
    r"|\b\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b"
    r"|\b\d+ (?:minute|hour|day|week|month|year)s? ago\b",
    re.I,
)
_MAX_BYLINE_CHARS = 80
_COMMENT_ITEMPROPS = frozenset({"comment", "comments", "review", "suggestedanswer", "acceptedanswer"})
_COMMENT_ITEMTYPE = re.compile(r"schema\.org/(?:Comment|UserComments|DiscussionForumPosting|Answer|Review)\b")
# Inside a comment or post: who wrote it and when, not what they wrote. The word ends the
# class name: "comment-author" is a byline, "comment-author-renee" a whole comment.
_COMMENT_META_WORDS = frozenset(
    {"user", "author", "avatar", "meta", "metadata", "vcard", "date", "time", "signature",
     "reaction", "reactions", "action", "actions", "actionbar", "permalink", "vote", "votes",
     "rating", "says", "note", "notes", "notice", "privacy", "respond", "nocomments", "closed", "login",
     "guidelines", "count"}
)  # fmt: skip
# Lists, tables, quotes and FAQs that readability drops from inside the article it chose.
_LIST_TAGS = frozenset({"ul", "ol", "dl", "table", "details", "blockquote"})
_SENTENCE_END = re.compile("[.!?\u2026\u3002\uff01\uff1f]['\"\u2019\u201d)\u300d]*$")
_TITLE_SEPARATORS = re.compile(r"\s+(?:\||-|\u2013|\u2014|::?|\xb7|\u2022|\xbb)\s+")

# Readability found too little when the page shows this many times more text than it kept.
_FALLBACK_RATIO = 6.0
_FALLBACK_MIN_CHARS = 200
_MAX_LINK_SHARE = 0.5  # a block mostly of link text is a menu item, a share bar, "Read more"...
_LINK_BLOCK_CHARS = 250  # ... unless it is long or ends like a sentence
_MAX_LIST_LINK_SHARE = 0.3  # a list of links is a menu or a table of contents
# An article's notes, by the names blog platforms and journals give them.
_NOTE_WORDS = frozenset({"footnote", "footnotes", "endnote", "endnotes", "references", "bibliography"})
_MIN_PARAGRAPH_CHARS = 50  # a paragraph readability passed over, long enough to be prose
_MAX_DEK_CHARS = 400  # a standfirst is a sentence or two, not a whole summary box
_MIN_REGION_CHARS = 20
_MIN_COMMENT_CHARS = 16  # shorter, and not a sentence: a count or a widget's label


def extract(html: str | bytes, url: str = "") -> Page:
    """Extract the main content of ``html``: article, comments, lists, tables, FAQs.

    Bytes are decoded by their byte order mark or declared charset, else detected. Any input
    gives a Page, with no blocks when there is nothing to read.
    """
    root = _parse(_decode(html) if isinstance(html, bytes) else html)
    if root is None:
        return _page(url, "", "", [])
    language = _language(root)
    titles = _page_titles(root)
    _drop_invisible(root)
    tree = _Tree(root)
    headline = _headline(root, titles)
    chosen = _readability_ids(tree)
    chosen = _headline_article(tree, chosen, headline) or chosen
    article = _Article.of(tree, chosen)
    furniture = _furniture(tree, article)
    regions = _comment_regions(tree, chosen, furniture)
    forced = {n for part in _headline_parts(tree, headline) for n in tree.subtree(part)}
    selected = chosen | forced | set(_passed_over(tree, article, furniture))
    for region in regions:
        selected.update(tree.subtree(region))
        furniture.update(_comment_meta(tree, region))
    marks = Marks(tree.number, tree.end, selected, furniture, forced, set(regions))
    blocks = _readable(cut(root, marks))
    kept = _chars(blocks)
    if _too_little(kept, _shown_at_most(tree, furniture)):  # then measure what it shows
        visible = _readable(cut(root, dataclasses.replace(marks, selected=None)))
        if _too_little(kept, _chars(visible)):
            blocks = visible
    return _page(url, _title(headline, titles), language, blocks)


def page_from_text(text: str, url: str = "", title: str = "") -> Page:
    """A Page from plain text (the API's {"text"} input): one block per non-empty line."""
    return _page(url, title, "", [Piece("paragraph", collapse(line), 0.0) for line in text.splitlines()])


def _page(url: str, title: str, language: str, pieces: Iterable[Piece]) -> Page:
    blocks: list[Block] = []
    start = 0
    for piece in pieces:
        if piece.text:
            blocks.append(Block(piece.text, piece.kind, start, piece.header))
            start += len(piece.text) + len(BLOCK_SEPARATOR)
    return Page(url, title, language, BLOCK_SEPARATOR.join(b.text for b in blocks), tuple(blocks))


def _decode(data: bytes) -> str:
    """Bytes to text as a browser would: byte order mark, then the declared charset, then a guess.

    WHATWG labels differ from Python's codec names where it matters ("iso-8859-1" means
    windows-1252 on the web), and a page that declares a charset keeps it even when a few
    bytes are broken: they become U+FFFD instead of sending us to another encoding.
    """
    declared = EncodingDetector.find_declared_encoding(data, is_html=True)
    encoding = webencodings.lookup(declared) if declared else None
    if encoding is not None and encoding.name.startswith("utf-16"):
        encoding = webencodings.UTF8  # an ASCII <meta> cannot be UTF-16; browsers read UTF-8
    if encoding is not None or data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return webencodings.decode(data, encoding or webencodings.UTF8, errors="replace")[0]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        guessed = UnicodeDammit(data, is_html=True).unicode_markup
        return guessed if guessed is not None else data.decode("utf-8", errors="replace")


# lxml.html picks each element's class in Python (for <form>, <input>...) every time it hands
# out an element, which readability and we do a few times per element; one class for all
# is picked in C.
_PLAIN_HTML_ELEMENTS = etree.ElementDefaultClassLookup(
    element=lxml.html.HtmlElement, comment=lxml.html.HtmlComment
)


def _parse(text: str) -> lxml.html.HtmlElement | None:
    """One lxml tree for everything; None when there is no document at all.

    libxml2 caps nesting at 256 levels, which keeps pathological markup cheap.
    """
    data = text.encode("utf-8", errors="replace")  # lone surrogates would stop the parser
    if not data.strip():
        return None
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)
    parser.set_element_class_lookup(_PLAIN_HTML_ELEMENTS)
    try:
        root = lxml.html.document_fromstring(data, parser=parser)
    except (etree.LxmlError, ValueError):  # "Document is empty", and the like
        return None
    return root if isinstance(root, lxml.html.HtmlElement) else None


def _language(root: lxml.html.HtmlElement) -> str:
    lang = root.get("lang") or root.get("xml:lang")
    if not lang:
        meta = root.xpath(
            "//meta[translate(@http-equiv, 'CONTENT-LANGUAGE', 'content-language')"
            " = 'content-language']/@content"
        )
        lang = meta[0].split(",")[0] if meta else ""
    return lang.strip().replace("_", "-")


def _text(element: lxml.html.HtmlElement) -> str:
    return collapse(element.text_content())


def _page_titles(root: lxml.html.HtmlElement) -> list[str]:
    """og:title and twitter:title (usually without the site name), then <title>."""
    metas = root.xpath("//meta[@property='og:title' or @name='twitter:title']/@content")
    return [collapse(t) for t in metas] + [_text(t) for t in root.xpath("/html/head/title")]


def _headline(root: lxml.html.HtmlElement, titles: list[str]) -> lxml.html.HtmlElement | None:
    """The page's own <h1>: the longest its titles repeat (a logo's <h1> holds the site's name,
    which titles repeat too), else the first in the main content."""
    headings = [h for h in root.iter("h1") if _text(h)]
    repeated = [h for h in headings if any(_text(h) in title for title in titles)]
    if repeated:
        return max(repeated, key=lambda h: len(_text(h)))
    for heading in headings:
        if any(a.tag in ("main", "article") for a in heading.iterancestors()):
            return heading
    return headings[0] if headings else None


def _title(headline: lxml.html.HtmlElement | None, titles: list[str]) -> str:
    """The headline as the page shows it, else its title less the site's name."""
    if headline is not None:
        return _text(headline)
    return next((_strip_site_name(t) for t in titles if t), "")


def _strip_site_name(title: str) -> str:
    """ "Headline | Site", "Section - Headline - Site": keep the longest part."""
    parts = _TITLE_SEPARATORS.split(title)
    return max(parts, key=lambda p: len(p.split()))


def _is_hidden(element: lxml.html.HtmlElement) -> bool:
    return (
        element.get("hidden") is not None
        or (element.get("aria-hidden") or "").strip().lower() == "true"
        or bool(_HIDDEN_STYLE.search(element.get("style") or ""))
    )


class _Name(NamedTuple):
    """What a class-and-id string says about its element."""

    furniture: str | None  # "caption", "furniture" or None
    hidden: bool  # by a utility class
    post: bool  # a weak comment or forum-post marker
    meta: bool  # a comment's author, date or controls
    notes: bool  # an article's footnotes or references


@functools.lru_cache(maxsize=8192)
def _read_name(name: str) -> _Name:
    """Cached: pages repeat the same few class names on element after element."""
    classes = name.split()
    words = _SEPARATORS.split(name)
    found = _NAME_WORDS.intersection(words)
    if any(word.endswith(_CAPTION_SUFFIXES) for word in words):
        furniture: str | None = "caption"
    elif (
        not found.isdisjoint(_FURNITURE_WORDS)
        or not _FURNITURE_PAIRS.isdisjoint(itertools.pairwise(words))
        or any(word.startswith(_FURNITURE_PREFIXES) or word.endswith(_FURNITURE_SUFFIXES) for word in words)
    ):
        furniture = "furniture"
    else:
        furniture = None
    last_words = {_SEPARATORS.split(c)[-1] for c in classes}  # "comment-author" ends with "author"
    return _Name(
        furniture,
        not _HIDDEN_CLASSES.isdisjoint(classes) and not _SHOWN_CLASS.search(name),
        not _POST_CLASSES.isdisjoint(classes) or not _POST_CLASSES.isdisjoint(last_words),
        not _COMMENT_META_WORDS.isdisjoint(last_words),
        not _NOTE_WORDS.isdisjoint(words),
    )


def _drop_invisible(root: lxml.html.HtmlElement) -> None:
    """Remove what a browser does not render, before readability or we count any text.

    Elements hidden by a class stay in the tree (the class is only a guess about the page's
    style sheet) and count as furniture instead.
    """
    # A disclosure button's label is read, not clicked past: FAQ accordions put each question in one.
    for button in root.xpath(_DISCLOSURE_BUTTONS):
        button.drop_tag()
    etree.strip_elements(root, *_INVISIBLE_TAGS, with_tail=False)
    for element in root.xpath("//*[@hidden or @aria-hidden or @style]"):
        if _is_hidden(element) and element.getparent() is not None:
            element.drop_tree()


@dataclass(init=False)
class _Tree:
    """The page's elements numbered in document order, so that a subtree is a range."""

    root: lxml.html.HtmlElement
    elements: list[lxml.html.HtmlElement]
    number: dict[lxml.html.HtmlElement, int]
    parent: list[int]  # -1 for the root
    end: list[int]  # element n holds the elements numbered n to end[n] - 1
    names: list[str]  # class and id, lower-cased, which the class-name heuristics read
    marker: str  # the attribute that carries each element's number

    def __init__(self, root: lxml.html.HtmlElement) -> None:
        self.root = root
        self.marker = _ID_PREFIX + secrets.token_hex(8)
        self.elements = list(root.iter())
        self.number = {e: n for n, e in enumerate(self.elements)}
        self.parent = [self.number.get(e.getparent(), -1) for e in self.elements]
        self.end = list(range(1, len(self.elements) + 1))
        for n in reversed(range(len(self.elements))):
            up = self.parent[n]
            if up >= 0 and self.end[n] > self.end[up]:
                self.end[up] = self.end[n]
        self.names = [f"{e.get('class') or ''} {e.get('id') or ''}".strip().lower() for e in self.elements]
        for n, element in enumerate(self.elements):
            element.attrib[self.marker] = str(n)

    @functools.cached_property
    def chars(self) -> int:
        """The length of all the page's text, white space included."""
        return len(self.root.text_content())

    def subtree(self, n: int) -> range:
        return range(n, self.end[n])

    def ancestors(self, n: int) -> Iterator[int]:
        while (n := self.parent[n]) >= 0:
            yield n

    def covered(self, tops: Iterable[int]) -> bytearray:
        """A flag per element: inside (or one of) ``tops``."""
        flags = bytearray(len(self.elements))
        for top in tops:
            flags[top : self.end[top]] = b"\x01" * (self.end[top] - top)
        return flags


def _readability_ids(tree: _Tree) -> set[int]:
    """The numbers of the elements readability keeps as the article (it copies the tree)."""
    try:
        summary = Document(tree.root).summary(html_partial=True)
    except Unparseable:
        return set()
    return {int(n) for n in re.findall(f' {tree.marker}="([0-9]+)"', summary)}


def _headline_article(tree: _Tree, chosen: set[int], headline: lxml.html.HtmlElement | None) -> set[int]:
    """The <article> that holds the headline, when readability chose a list of cards instead.

    A page's story is one <article>; two or more of them in readability's choice are the
    cards of a list (related posts, more from the site), which can outweigh a short story in
    readability's scores. The <article> with the page's own headline is then the story.
    Empty when readability's choice stands.
    """
    if headline is None or sum(tree.elements[n].tag == "article" for n in chosen) < 2:
        return set()
    number = tree.number[headline]
    story = next((a for a in tree.ancestors(number) if tree.elements[a].tag == "article"), -1)
    if story < 0 or not chosen.isdisjoint(tree.subtree(story)):
        return set()
    return set(tree.subtree(story))


@dataclass(frozen=True)
class _Article:
    """What readability kept, read once for the steps that judge the rest of the page by it."""

    chosen: set[int]
    tops: list[int]  # the outermost elements it kept: the article's top-level parts
    covered: bytearray  # by element number: inside one of those

    @classmethod
    def of(cls, tree: _Tree, chosen: set[int]) -> _Article:
        tops = sorted(n for n in chosen if tree.parent[n] not in chosen)
        return cls(chosen, tops, tree.covered(tops))


def _link_share(element: lxml.html.HtmlElement) -> float:
    total = len(_text(element))
    links = sum(len(_text(a)) for a in element.iter("a"))
    return links / total if total else 1.0


def _furniture(tree: _Tree, article: _Article) -> set[int]:
    """Navigation, headers, footers, sidebars, captions, cookie and newsletter boxes, and what
    a utility class hides.

    A class such as "right-sidebar" on <body> describes the layout, not the element, so
    nothing that holds readability's article, or half the page's text, counts.
    """
    tops = article.tops
    # Readability appends the best block's siblings that look like text, a byline or an author
    # box among them: those are judged by their names like any other element, the body is not.
    body = max(tops, key=lambda n: len(tree.elements[n].text_content()), default=-1)
    holders = {a for top in tops for a in tree.ancestors(top)}
    holders.add(body)

    def small(element: lxml.html.HtmlElement) -> bool:
        return len(element.text_content()) * 2 < tree.chars

    furniture = {
        tree.number[e] for e in tree.root.iter(*_FURNITURE_TAGS) if not _is_inset(tree, e, article.covered)
    }
    furniture.update(tree.number[e] for e in tree.root.iter("figcaption") if _is_image_caption(e))
    named = {
        tree.number[e] for e in tree.root.xpath("//*[@role]") if e.get("role").lower() in _FURNITURE_ROLES
    }
    for n, name in enumerate(tree.names):
        if name:
            said = _read_name(name)
            if said.furniture == "caption" or said.hidden:
                furniture.add(n)
            elif said.furniture:
                named.add(n)
    furniture.update(n for n in named if small(tree.elements[n]))
    return furniture - holders


def _is_inset(tree: _Tree, element: lxml.html.HtmlElement, in_article: bytearray) -> bool:
    """An <aside> that readability kept inside the article, such as a box of staff picks or key
    facts: part of what the page says, unless its name says it is furniture (a pull quote, which
    repeats the article, or a related-posts box)."""
    n = tree.number[element]
    name = tree.names[n]
    return element.tag == "aside" and bool(in_article[n]) and not (name and _read_name(name).furniture)


def _is_image_caption(caption: lxml.html.HtmlElement) -> bool:
    """A photo's caption and credit, not the caption of a table or a quote in a <figure>."""
    figure = caption.getparent()
    return figure is None or next(figure.iter("table", "blockquote", "pre"), None) is None


def _headline_parts(tree: _Tree, headline: lxml.html.HtmlElement | None) -> list[int]:
    """The headline and the standfirst under it, which readability leaves in the page header."""
    if headline is None:
        return []
    following = [tree.number.get(e, -1) for e in itertools.islice(headline.itersiblings(), 2)]
    deks = [
        n
        for n in following
        if n >= 0 and _DEK_CLASS.search(tree.names[n]) and len(_text(tree.elements[n])) <= _MAX_DEK_CHARS
    ]
    return [tree.number[headline], *deks[:1]]


def _comment_regions(tree: _Tree, chosen: set[int], furniture: set[int]) -> list[int]:
    """Reader comments and forum posts, outermost first, in document order.

    Weak markers such as class="post" also name the main article on many sites, so they
    count only for elements repeated with the same tag and class, as posts in a thread are;
    for the same reason a region that holds readability's article must be such a repeat.
    Every comment has an author or a date, which notices and comment forms do not: marked up
    (<time>, class="comment-author"), or as the short line of text a byline is.
    """
    schema = {tree.number[e] for e in tree.root.xpath("//*[@itemprop or @itemtype]") if _is_schema_comment(e)}
    strong = {n for n, name in enumerate(tree.names) if "comment" in name} | schema
    weak = {n for n, name in enumerate(tree.names) if name and _read_name(name).post}
    signature = {n: (tree.elements[n].tag, tree.elements[n].get("class") or "") for n in strong | weak}
    repeats = Counter(signature.values())
    in_furniture = tree.covered(furniture)
    regions: list[int] = []
    for n in sorted(strong | weak):
        repeated = repeats[signature[n]] > 1
        if not (repeated or n in strong) or in_furniture[n] or (regions and n < tree.end[regions[-1]]):
            continue
        element = tree.elements[n]
        if len(_text(element)) < _MIN_REGION_CHARS or _link_share(element) > _MAX_LINK_SHARE:
            continue
        if not _has_byline(tree, n):
            continue
        if not repeated and not chosen.isdisjoint(tree.subtree(n)):
            continue
        regions.append(n)
    return regions


def _has_byline(tree: _Tree, region: int) -> bool:
    """Whether a region holds a comment's author or date."""
    if any(tree.elements[m].tag == "time" or _is_meta(tree.names[m]) for m in tree.subtree(region)):
        return True
    texts = tree.elements[region].itertext()
    return any(len(text) <= _MAX_BYLINE_CHARS and _DATE_TEXT.search(text) for text in texts)


def _is_schema_comment(element: lxml.html.HtmlElement) -> bool:
    return (element.get("itemprop") or "").lower() in _COMMENT_ITEMPROPS or bool(
        _COMMENT_ITEMTYPE.search(element.get("itemtype") or "")
    )


def _is_meta(name: str) -> bool:
    return bool(name) and _read_name(name).meta


def _comment_meta(tree: _Tree, region: int) -> Iterator[int]:
    """Authors, dates, reply links and forms inside a comment region."""
    return (n for n in tree.subtree(region) if n != region and _is_meta(tree.names[n]))


def _passed_over(tree: _Tree, article: _Article, furniture: set[int]) -> Iterator[int]:
    """What readability left out of the article it chose, or of the <main> or <article> around it,
    that a reader reads there: lists, tables, quotes and <details> (a product page's pros and cons
    sit beside its description), and paragraphs it passed over."""
    frames = _frames(tree, article.tops)
    in_frame, in_article, in_furniture = tree.covered(frames), article.covered, tree.covered(furniture)
    for n, element in enumerate(tree.elements):
        if element.tag not in _LIST_TAGS or n in article.chosen or in_furniture[n]:
            continue
        if (in_article[n] or in_frame[n]) and _link_share(element) < _MAX_LIST_LINK_SHARE:
            yield from tree.subtree(n)
    # Readability drops an article's footnotes with its footer ("foot" marks an unlikely candidate),
    # yet the studies a page cites are in them: the claims Caveat checks citations for.
    notes = [n for n, name in enumerate(tree.names) if name and in_article[n] and _read_name(name).notes]
    if not frames and not notes:
        return
    in_notes = tree.covered(notes)
    for element in tree.root.iter("p"):
        n = tree.number[element]
        beside_article = in_frame[n] and not in_article[n]
        if not (beside_article or in_notes[n]) or in_furniture[n]:
            continue
        if len(_text(element)) >= _MIN_PARAGRAPH_CHARS and _link_share(element) < _MAX_LIST_LINK_SHARE:
            yield from tree.subtree(n)


def _frames(tree: _Tree, tops: list[int]) -> set[int]:
    """The <main> and <article> elements around readability's choice."""
    return {
        a
        for top in tops
        for a in tree.ancestors(top)
        if tree.elements[a].tag in ("main", "article") or tree.elements[a].get("role") == "main"
    }


def _readable(pieces: Iterable[Piece]) -> list[Piece]:
    """The blocks to read, each once: a page that repeats a block right after itself (a
    standfirst laid out twice, for narrow and wide screens) shows a reader one of them.
    Table cells and list items repeat by nature ("0", "Yes"), so only paragraphs count."""
    blocks: list[Piece] = []
    for piece in pieces:
        repeated = blocks and (blocks[-1].text, blocks[-1].kind) == (piece.text, piece.kind)
        if _reads(piece) and not (piece.kind == "paragraph" and repeated):
            blocks.append(piece)
    return blocks


def _reads(piece: Piece) -> bool:
    """Whether a block is something to read rather than a link, a label or a counter."""
    if not piece.text or _SENTENCE_END.search(piece.text):
        return bool(piece.text)
    if piece.links > _MAX_LINK_SHARE and len(piece.text) < _LINK_BLOCK_CHARS:
        return False
    return piece.kind != "comment" or len(piece.text) >= _MIN_COMMENT_CHARS


def _chars(blocks: list[Piece]) -> int:
    return sum(len(piece.text) for piece in blocks)


def _shown_at_most(tree: _Tree, furniture: set[int]) -> int:
    """A quick upper bound of the text a reader sees: all of it but the outermost furniture,
    white space included."""
    outermost = [n for n in furniture if furniture.isdisjoint(tree.ancestors(n))]
    return tree.chars - sum(len(tree.elements[n].text_content()) for n in outermost)


def _too_little(kept: int, shown: int) -> bool:
    return (kept < _FALLBACK_MIN_CHARS and shown > kept) or kept * _FALLBACK_RATIO < shown
