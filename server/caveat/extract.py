"""Step 1: html -> Page. The text a reader reads as the page's content, in blocks.

readability-lxml decides where the article is, but its output is one HTML string that has
already lost what we need: where blocks end, the headline, the reader comments and forum
posts (it removes them on purpose), and lists or FAQs it judged too short. So we parse the
page once, number its elements, let readability pick from that tree (it works on its own
copy), read back which numbered elements it kept, add the regions it leaves out, and walk
our untouched tree to cut the kept text into blocks the way a browser lays it out.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import lxml.html
import webencodings
from bs4.dammit import EncodingDetector, UnicodeDammit
from lxml import etree
from readability import Document
from readability.readability import Unparseable

from caveat.records import BLOCK_SEPARATOR, Block, BlockKind, Page

# Element numbers survive readability's copy and cleaning as an attribute in its output.
_ID = "data-caveat-id"
_KEPT_ID = re.compile(_ID + r'="(\d+)"')

# Never rendered as text, so never content, whatever readability says.
_INVISIBLE_TAGS = (
    "script", "style", "template", "noscript", "title", "meta", "link", "base",
    "iframe", "frame", "frameset", "object", "embed", "svg", "math", "canvas", "video", "audio",
    "map", "button", "select", "option", "optgroup", "datalist", "input", "textarea", "label",
    "dialog",
)  # fmt: skip
_HIDDEN_STYLE = re.compile(r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\b", re.I)
# Hidden by the page's stylesheet through a handful of near-universal utility classes.
_HIDDEN_CLASS = re.compile(
    r"(?:^|\s)(?:hidden|d-none|is-hidden|sr-only|visually-?hidden|screen-reader-text|skip-link)(?:$|\s)",
    re.I,
)
# Page furniture: a reader skips it, and it is never the article.
_FURNITURE_TAGS = frozenset({"nav", "aside", "header", "footer"})
_FURNITURE_ROLES = frozenset(
    {"navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alertdialog",
     "menu", "menubar", "toolbar", "tablist", "tab", "status", "alert"}
)  # fmt: skip
_FURNITURE_CLASS = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|navigation|menu|breadcrumbs?|sidebar|widget|share|sharing|social-share"
    r"|related|newsletter|subscribe|subscription|signup|cookies?|consent|gdpr|cmplz|banner|popup"
    r"|modal|meter|promo|advert\w*|ads?|sponsored|masthead|colophon|site-header"
    r"|site-footer|byline|tags|tagged|pagination|pager|respond|trending|most-?read|most-?popular"
    r"|popular|recommended|recirc\w*|outbrain|taboola|teasers?|rail|more-stories|read-?more|toc)(?:$|[\s_-])",
    re.I,
)
# The standfirst under a headline, by the names newspapers and blog themes give it.
_DEK_CLASS = re.compile(
    r"(?:^|[\s_-])(?:dek|standfirst|subtitle|sub-?title|subhead|subheadline|summary|lede|lead|excerpt|intro)"
    r"(?:$|[\s_-])",
    re.I,
)
_CAPTION_CLASS = re.compile(r"(?:^|[\s_-])(?:caption|credits?|wp-caption-text)(?:$|[\s_-])", re.I)
# Inside a comment or post: who wrote it and when, not what they wrote. The word ends the
# class name: "comment-author" is a byline, "comment-author-renee" a whole comment.
_COMMENT_META_CLASS = re.compile(
    r"(?:^|[\s_-])(?:user|author|avatar|meta|metadata|vcard|date|time|signature|reactions?|actions?"
    r"|actionbar|permalink|votes?|rating|says|notes?|privacy|respond|nocomments|closed|login"
    r"|guidelines|count)(?=$|\s)",
    re.I,
)
# Comment sections and forum posts, by the markup comment plugins and forum software use.
_COMMENT_CLASS = re.compile(r"comment", re.I)
# Words that also name the main article ("post" in WordPress); they count only when repeated.
_POST_CLASS = re.compile(
    r"(?:^|\s)(?:posts?|message|messages|reply|replies|answer|answers|reviews?|forum-?post"
    r"|topic-post|post-?body|postbody|post-?message|discussion)(?:$|\s)",
    re.I,
)
_COMMENT_ITEMPROPS = frozenset({"comment", "comments", "review", "suggestedanswer", "acceptedanswer"})
_COMMENT_ITEMTYPE = re.compile(r"schema\.org/(?:Comment|UserComments|DiscussionForumPosting|Answer|Review)\b")

# Lists, tables and FAQs that readability drops from inside the article it chose.
_LIST_TAGS = frozenset({"ul", "ol", "dl", "table", "details", "blockquote"})
# CSS display: block and its kin in a browser's default style sheet; the rest flows inline.
_BLOCK_TAGS = frozenset(
    {"address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dir",
     "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
     "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "main", "menu", "nav", "ol", "p",
     "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul"}
)  # fmt: skip
_KINDS: dict[str, BlockKind] = {
    **dict.fromkeys(("h1", "h2", "h3", "h4", "h5", "h6", "summary"), "heading"),
    "li": "list-item",
    "td": "table-cell",
    "th": "table-cell",
    "blockquote": "quote",
    **dict.fromkeys(("dt", "dd", "figcaption", "caption", "legend"), "other"),
}
_SENTENCE_END = re.compile("[.!?\u2026\u3002\uff01\uff1f]['\"\u2019\u201d)\u300d]*$")
_COMMENT_KEEPS: frozenset[BlockKind] = frozenset({"heading", "quote"})
# How a browser collapses white space; NBSP becomes a plain space.
_SPACES = re.compile(r"[ \t\n\r\f\xa0]+")
_TITLE_SEPARATORS = re.compile(r"\s+(?:\||-|\u2013|\u2014|::|\xb7|\u2022|\xbb)\s+")

# Readability found too little when the page shows this many times more text than it kept.
_FALLBACK_RATIO = 6.0
_FALLBACK_MIN_CHARS = 200
_MAX_LINK_SHARE = 0.5  # a block mostly of link text is a menu item, a share bar, "Read more"...
_LINK_BLOCK_CHARS = 150  # ... unless it is long or ends like a sentence
_MAX_LIST_LINK_SHARE = 0.3  # a list of links is a menu or a table of contents
_MIN_REGION_CHARS = 20
_MIN_COMMENT_CHARS = 16  # shorter, and not a sentence: a count or a widget's label


def extract(html: str | bytes, url: str = "") -> Page:
    """Extract the main content of ``html``: article, comments, lists, tables, FAQs."""
    root = _parse(_decode(html) if isinstance(html, bytes) else html)
    if root is None:
        return _page(url, "", "", [])
    language = _language(root)
    titles = _page_titles(root)
    _drop_invisible(root)
    elements = _number(root)
    chosen = _readability_ids(root)
    furniture = _furniture_ids(root, elements, chosen)
    regions = _comment_regions(elements, chosen, furniture)
    headline = _headline(root, titles)
    selected = chosen | set(_dropped_lists(elements, chosen, furniture))
    if _RESCUE:
        selected |= set(_stray_paragraphs(elements, chosen, furniture))
    for region in regions:
        selected.update(_ids(region.iter()))
    forced = {_id(e) for part in _headline_parts(headline) for e in part.iter()}
    pieces = list(_Walker(selected | forced, forced, furniture, set(_ids(regions))).walk(root))
    blocks = [(p.chosen, p.kind) for p in pieces if _reads(p.chosen, p.kind, p.chosen_links)]
    visible = [(p.visible, p.kind) for p in pieces if _reads(p.visible, p.kind, p.visible_links)]
    if _found_too_little(blocks, visible):
        blocks = visible
    return _page(url, _title(headline, titles), language, blocks)


def page_from_text(text: str, url: str = "", title: str = "") -> Page:
    """A Page from plain text (the API's {"text"} input): one block per non-empty line."""
    lines = (_SPACES.sub(" ", line).strip() for line in text.splitlines())
    return _page(url, title, "", [(line, "paragraph") for line in lines])


def _page(url: str, title: str, language: str, texts: Iterable[tuple[str, BlockKind]]) -> Page:
    blocks: list[Block] = []
    start = 0
    for text, kind in texts:
        if text:
            blocks.append(Block(text, kind, start))
            start += len(text) + len(BLOCK_SEPARATOR)
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


def _parse(text: str) -> lxml.html.HtmlElement | None:
    """One lxml tree for everything; None when there is no document at all.

    libxml2 caps nesting at 256 levels, which keeps pathological markup cheap.
    """
    data = text.encode("utf-8", errors="replace")  # lone surrogates would stop the parser
    if not data.strip():
        return None
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)
    try:
        root = lxml.html.document_fromstring(data, parser=parser)
    except (etree.ParserError, ValueError):
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
    return _SPACES.sub(" ", element.text_content()).strip()


def _page_titles(root: lxml.html.HtmlElement) -> list[str]:
    """og:title and twitter:title (usually without the site name), then <title>."""
    metas = root.xpath("//meta[@property='og:title' or @name='twitter:title']/@content")
    return [_SPACES.sub(" ", t).strip() for t in metas] + [_text(t) for t in root.iter("title")]


def _headline(root: lxml.html.HtmlElement, titles: list[str]) -> lxml.html.HtmlElement | None:
    """The page's own <h1>: the one its titles repeat, else the first in the main content."""
    headings = [h for h in root.iter("h1") if _text(h)]
    for heading in headings:
        if any(_text(heading) in title for title in titles):
            return heading
    for heading in headings:
        if any(a.tag in ("main", "article") for a in heading.iterancestors()):
            return heading
    return headings[0] if headings else None


def _headline_parts(headline: lxml.html.HtmlElement | None) -> list[lxml.html.HtmlElement]:
    """The headline and the standfirst under it, which readability leaves in the page header."""
    if headline is None:
        return []
    following = list(itertools.islice(headline.itersiblings(), 2))
    return [headline, *[e for e in following if _DEK_CLASS.search(_classes(e))][:1]]


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
        or bool(_HIDDEN_CLASS.search(element.get("class") or ""))
    )


def _drop_invisible(root: lxml.html.HtmlElement) -> None:
    """Remove what a browser does not render, before readability or we count any text."""
    etree.strip_elements(root, *_INVISIBLE_TAGS, with_tail=False)
    for element in root.xpath("//*[@hidden or @aria-hidden or @style or @class]"):
        if _is_hidden(element) and element.getparent() is not None:
            element.drop_tree()


def _number(root: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    elements = list(root.iter())
    for number, element in enumerate(elements):
        element.set(_ID, str(number))
    return elements


def _id(element: lxml.html.HtmlElement | None) -> int:
    return -1 if element is None else int(element.get(_ID, "-1"))


def _ids(elements: Iterable[lxml.html.HtmlElement]) -> Iterator[int]:
    return map(_id, elements)


def _readability_ids(root: lxml.html.HtmlElement) -> set[int]:
    """The numbers of the elements readability keeps as the article (it copies the tree)."""
    try:
        summary = Document(root).summary(html_partial=True)
    except Unparseable:
        return set()
    return {int(n) for n in _KEPT_ID.findall(summary)}


def _classes(element: lxml.html.HtmlElement) -> str:
    return f"{element.get('class') or ''} {element.get('id') or ''}".strip()


def _link_share(element: lxml.html.HtmlElement) -> float:
    total = len(_text(element))
    links = sum(len(_text(a)) for a in element.iter("a"))
    return links / total if total else 1.0


def _tops(elements: list[lxml.html.HtmlElement], chosen: set[int]) -> list[lxml.html.HtmlElement]:
    """The outermost elements readability kept: the article's top-level parts."""
    return [e for e in elements if _id(e) in chosen and _id(e.getparent()) not in chosen]


def _furniture_ids(
    root: lxml.html.HtmlElement, elements: list[lxml.html.HtmlElement], chosen: set[int]
) -> set[int]:
    """Navigation, headers, footers, sidebars, captions, cookie and newsletter boxes.

    A class such as "right-sidebar" on <body> describes the layout, not the element, so
    nothing that holds readability's article, or half the page's text, counts.
    """
    tops = _tops(elements, chosen)
    holders = {_id(a) for top in tops for a in top.iterancestors()} | set(_ids(tops))
    page_chars = len(_text(root))
    furniture: set[int] = set()
    for element in elements:
        number = _id(element)
        if number in holders:
            continue
        classes = _classes(element)
        by_name = (element.get("role") or "").lower() in _FURNITURE_ROLES or _FURNITURE_CLASS.search(classes)
        if (
            element.tag in _FURNITURE_TAGS
            or (element.tag == "figcaption" and _is_image_caption(element))
            or _CAPTION_CLASS.search(classes)
            or (by_name and len(_text(element)) * 2 < page_chars)
        ):
            furniture.add(number)
    return furniture


def _is_image_caption(caption: lxml.html.HtmlElement) -> bool:
    """A photo's caption and credit, not the caption of a table or a quote in a <figure>."""
    figure = caption.getparent()
    return figure is None or next(figure.iter("table", "blockquote", "pre"), None) is None


def _comment_regions(
    elements: list[lxml.html.HtmlElement], chosen: set[int], furniture: set[int]
) -> list[lxml.html.HtmlElement]:
    """Reader comments and forum posts, outermost first, in document order.

    Weak markers such as class="post" also name the main article on many sites, so they
    count only for elements repeated with the same tag and class, as posts in a thread are;
    for the same reason a region that holds readability's article must be such a repeat.
    """
    marked = [e for e in elements if _is_comment(e) or _POST_CLASS.search(_classes(e))]
    repeats = Counter((e.tag, e.get("class") or "") for e in marked)
    regions: list[lxml.html.HtmlElement] = []
    for element in marked:
        repeated = repeats[(element.tag, element.get("class") or "")] > 1
        if not (repeated or _is_comment(element)) or _id(element) in furniture:
            continue
        ancestors = list(element.iterancestors())
        if (regions and regions[-1] in ancestors) or any(_id(a) in furniture for a in ancestors):
            continue
        if len(_text(element)) < _MIN_REGION_CHARS or _link_share(element) > _MAX_LINK_SHARE:
            continue
        if not any(e.tag == "time" or _COMMENT_META_CLASS.search(_classes(e)) for e in element.iter()):
            continue  # comments have an author or a date; notices and forms do not
        if not repeated and any(_id(e) in chosen for e in element.iter()):
            continue
        regions.append(element)
    return regions


def _is_comment(element: lxml.html.HtmlElement) -> bool:
    return bool(
        _COMMENT_CLASS.search(_classes(element))
        or (element.get("itemprop") or "").lower() in _COMMENT_ITEMPROPS
        or _COMMENT_ITEMTYPE.search(element.get("itemtype") or "")
    )


def _dropped_lists(
    elements: list[lxml.html.HtmlElement], chosen: set[int], furniture: set[int]
) -> Iterator[int]:
    """Lists, tables and <details> inside the chosen article that readability's clean-up removed."""
    for element in elements:
        if element.tag not in _LIST_TAGS or _id(element) in chosen or _id(element) in furniture:
            continue
        inside = next((_id(a) for a in element.iterancestors() if _id(a) in chosen | furniture), None)
        if inside in chosen and _link_share(element) < _MAX_LIST_LINK_SHARE:
            yield from _ids(element.iter())


_RESCUE = True
_RESCUE_CHARS = 50


def _stray_paragraphs(
    elements: list[lxml.html.HtmlElement], chosen: set[int], furniture: set[int]
) -> Iterator[int]:
    """Paragraphs in the same <main> or <article> as readability's choice that it passed over."""
    frames = {
        _id(a)
        for e in _tops(elements, chosen)
        for a in e.iterancestors()
        if a.tag in ("main", "article") or a.get("role") == "main"
    }
    if not frames:
        return
    for element in elements:
        if element.tag != "p" or _id(element) in chosen:
            continue
        ancestors = {_id(a) for a in element.iterancestors()}
        if not frames & ancestors or (furniture | chosen) & ancestors or _id(element) in furniture:
            continue
        if len(_text(element)) >= _RESCUE_CHARS and _link_share(element) < _MAX_LIST_LINK_SHARE:
            yield from _ids(element.iter())


def _reads(text: str, kind: BlockKind, links: bool) -> bool:
    """Whether a block is something to read rather than a link, a label or a counter."""
    if not text or _SENTENCE_END.search(text):
        return bool(text)
    if links and len(text) < _LINK_BLOCK_CHARS:
        return False
    return kind != "comment" or len(text) >= _MIN_COMMENT_CHARS


def _found_too_little(chosen: list[tuple[str, BlockKind]], visible: list[tuple[str, BlockKind]]) -> bool:
    kept = sum(len(text) for text, _ in chosen)
    shown = sum(len(text) for text, _ in visible)
    return (kept < _FALLBACK_MIN_CHARS and shown > kept) or kept * _FALLBACK_RATIO < shown


@dataclass(frozen=True, slots=True)
class _Piece:
    """A block before we know which blocks the page keeps: its text in each reading."""

    kind: BlockKind
    chosen: str  # the text readability chose, and the regions we add to it
    visible: str  # all the text a reader sees here, less page furniture
    chosen_links: bool  # mostly link text
    visible_links: bool


@dataclass(frozen=True, slots=True)
class _Context:
    """What an element passes down to its content."""

    kind: BlockKind | None
    selected: bool
    furniture: bool
    comment: bool


class _Walker:
    """Cuts the tree into blocks in document order, the way a browser breaks lines."""

    def __init__(self, selected: set[int], forced: set[int], furniture: set[int], comments: set[int]) -> None:
        self.selected = selected
        self.forced = forced
        self.furniture = furniture
        self.comments = comments
        self.stack: list[_Context] = []
        self._reset()

    def _reset(self) -> None:
        self.chosen: list[str] = []
        self.visible: list[str] = []
        self.chosen_links = 0
        self.visible_links = 0
        self.owner: _Context | None = None
        self.breaks = 0  # <br>s since the last text: two end a paragraph

    def walk(self, root: lxml.html.HtmlElement) -> Iterator[_Piece]:
        self.stack = [_Context(None, False, False, False)]
        self.links_open = 0
        for event, element in etree.iterwalk(root, events=("start", "end")):
            tag = element.tag if isinstance(element.tag, str) else ""
            if event == "start":
                yield from self._start(element, tag)
            else:
                yield from self._end(element, tag)
        yield from self._flush()

    def _start(self, element: lxml.html.HtmlElement, tag: str) -> Iterator[_Piece]:
        parent = self.stack[-1]
        number = _id(element)
        comment = parent.comment or number in self.comments
        if (
            comment
            and number not in self.comments
            and (_COMMENT_META_CLASS.search(_classes(element)))
        ):
            furniture = True
        else:
            furniture = parent.furniture or number in self.furniture
        forced = number in self.forced
        selected = number in self.selected and (forced or not furniture)
        if tag in _BLOCK_TAGS:
            yield from self._flush()
        elif tag == "br":
            self.breaks += 1
            if self.breaks == 2:
                yield from self._flush()
            self._add(" ", parent)
        if tag == "a":
            self.links_open += 1
        context = _Context(_KINDS.get(tag, parent.kind), selected, furniture and not forced, comment)
        self.stack.append(context)
        self._add(element.text, context)

    def _end(self, element: lxml.html.HtmlElement, tag: str) -> Iterator[_Piece]:
        self.stack.pop()
        if tag in _BLOCK_TAGS:
            yield from self._flush()
        if tag == "a":
            self.links_open -= 1
        self._add(element.tail, self.stack[-1])

    def _add(self, text: str | None, context: _Context) -> None:
        if not text:
            return
        if not text.isspace():
            self.breaks = 0
            if self.owner is None:
                self.owner = context
        length = len(text) if self.links_open else 0
        if context.selected:
            self.chosen.append(text)
            self.chosen_links += length
        if not context.furniture:
            self.visible.append(text)
            self.visible_links += length

    def _flush(self) -> Iterator[_Piece]:
        owner = self.owner
        chosen = _SPACES.sub(" ", "".join(self.chosen)).strip()
        visible = _SPACES.sub(" ", "".join(self.visible)).strip()
        chosen_links = self.chosen_links > len(chosen) * _MAX_LINK_SHARE
        visible_links = self.visible_links > len(visible) * _MAX_LINK_SHARE
        self._reset()
        if owner is None or not (chosen or visible):
            return
        kind: BlockKind = owner.kind or "paragraph"
        if owner.comment and kind not in _COMMENT_KEEPS:
            kind = "comment"
        yield _Piece(kind, chosen, visible, chosen_links, visible_links)
