"""Cut a parsed HTML page into blocks of text the way a browser lays it out.

Block-level elements and a blank line made of two <br>s end a block; inline elements (a,
em, span, sup...) flow into the block around them; white space collapses as it renders.
The caller says which elements to read; everything else is skipped, though it still ends
the block it interrupts.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import lxml.html
from lxml import etree

from caveat.records import BlockKind

# CSS display: block and its kin in a browser's default style sheet; the rest flows inline.
BLOCK_TAGS = frozenset(
    {"address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dir",
     "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
     "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "main", "menu", "nav", "ol", "p",
     "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul"}
)  # fmt: skip
# A block takes the kind of the innermost of these around it, else it is a paragraph.
KINDS: dict[str, BlockKind] = {
    **dict.fromkeys(("h1", "h2", "h3", "h4", "h5", "h6", "summary"), "heading"),
    "li": "list-item",
    "td": "table-cell",
    "th": "table-cell",
    "blockquote": "quote",
    **dict.fromkeys(("dt", "dd", "figcaption", "caption", "legend"), "other"),
}
_CELL_TAGS = frozenset({"td", "th"})
_MAX_COLSPAN = 1000  # as browsers cap it
# A first cell this short names its row ("Red Bali"); words in parentheses only qualify the name
# ("Kratom (capsules)", "Red Vein (Bali, Red Maeng Da)").
_ROW_LABEL_WORDS = 4
_PARENTHESES = re.compile(r"\([^()]*\)")
_SENTENCE_END = re.compile(r"[.!?;:]")
# Inside a comment, everything but these is a "comment".
_COMMENT_KEEPS: frozenset[BlockKind] = frozenset({"heading", "quote"})
# How a browser collapses white space; NBSP becomes a plain space. A lone space is left unmatched,
# since replacing it changes nothing and most of a page's spaces are lone ones.
_SPACES = re.compile(r"[\t\n\r\f\xa0][ \t\n\r\f\xa0]*| [ \t\n\r\f\xa0]+")


def collapse(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


@dataclass(frozen=True, slots=True)
class Marks:
    """What the caller decided about the page's elements, by their number in document order.

    Element n holds the elements numbered n to end[n] - 1, so a subtree with nothing to read
    is skipped without visiting it.
    """

    number: dict[lxml.html.HtmlElement, int]
    end: list[int]
    selected: set[int] | None  # the elements whose own text is read; None: all of them
    furniture: set[int]  # never read, with everything inside: navigation, headers, sidebars...
    forced: set[int] = field(default_factory=set)  # read even inside furniture
    comments: set[int] = field(default_factory=set)  # comment and forum-post regions


@dataclass(frozen=True, slots=True)
class Piece:
    kind: BlockKind
    text: str
    links: float  # the share of the text that is link text
    header: str = ""  # for a table cell, the header cells that label it (records.Block.header)


def cut(root: lxml.html.HtmlElement, marks: Marks) -> Iterator[Piece]:
    """The blocks of ``root`` in document order."""
    return _Walker(marks).walk(root)


@dataclass(frozen=True, slots=True)
class _Context:
    """What an element passes down to its content."""

    kind: BlockKind | None
    read: bool
    furniture: bool
    comment: bool
    header: str = ""


class _Walker:
    def __init__(self, marks: Marks) -> None:
        self.marks = marks
        self.selected = None if marks.selected is None else sorted(marks.selected)
        self.forced = sorted(marks.forced)
        self.stack = [_Context(None, False, False, False)]
        self.links_open = 0  # <a> elements we are inside
        self.headers: dict[lxml.html.HtmlElement, dict[lxml.html.HtmlElement, str]] = {}  # by table, by cell
        self._reset()

    def _reset(self) -> None:
        self.parts: list[str] = []
        self.links = 0
        self.owner: _Context | None = None  # where the block's first words are
        self.breaks = 0  # <br>s since the last text: two end a paragraph

    def walk(self, root: lxml.html.HtmlElement) -> Iterator[Piece]:
        walker = etree.iterwalk(root, events=("start", "end"))
        for event, element in walker:
            tag = element.tag if isinstance(element.tag, str) else ""
            if event == "start":
                yield from self._start(element, tag)
                if self._skippable(self.stack[-1], self.marks.number.get(element, -1)):
                    walker.skip_subtree()
            else:
                yield from self._end(element, tag)
        yield from self._flush()

    def _skippable(self, context: _Context, number: int) -> bool:
        """Nothing inside is read: furniture, or (reading a selection) nothing selected."""
        if number < 0 or context.read:
            return False
        return not self._any_within(self.forced if context.furniture else self.selected, number)

    def _any_within(self, numbers: list[int] | None, n: int) -> bool:
        """Whether element n or one inside it is among ``numbers`` (sorted; None: all)."""
        if numbers is None:
            return True
        i = bisect.bisect_left(numbers, n)
        return i < len(numbers) and numbers[i] < self.marks.end[n]

    def _start(self, element: lxml.html.HtmlElement, tag: str) -> Iterator[Piece]:
        parent = self.stack[-1]
        number = self.marks.number.get(element, -1)
        forced = number in self.marks.forced
        furniture = (parent.furniture or number in self.marks.furniture) and not forced
        selected = self.marks.selected is None or number in self.marks.selected
        context = _Context(
            KINDS.get(tag, parent.kind),
            selected and not furniture,
            furniture,
            parent.comment or number in self.marks.comments,
            self._header(element) if tag in _CELL_TAGS else parent.header,
        )
        if tag in BLOCK_TAGS:
            yield from self._flush()
        elif tag == "br":
            self.breaks += 1
            if self.breaks == 2:
                yield from self._flush()
            self._add(" ", parent)
        if tag == "a":
            self.links_open += 1
        self.stack.append(context)
        self._add(element.text, context)

    def _end(self, element: lxml.html.HtmlElement, tag: str) -> Iterator[Piece]:
        self.stack.pop()
        if tag in BLOCK_TAGS:
            yield from self._flush()
        if tag == "a":
            self.links_open -= 1
        self._add(element.tail, self.stack[-1])

    def _add(self, text: str | None, context: _Context) -> None:
        if not text or not context.read:
            return
        if not text.isspace():
            self.breaks = 0
            if self.owner is None:
                self.owner = context
        self.parts.append(text)
        if self.links_open:
            self.links += len(text)

    def _flush(self) -> Iterator[Piece]:
        owner, parts, links = self.owner, self.parts, self.links
        self._reset()
        if owner is None:
            return  # white space only
        text = collapse("".join(parts))
        kind: BlockKind = owner.kind or "paragraph"
        if owner.comment and kind not in _COMMENT_KEEPS:
            kind = "comment"
        yield Piece(kind, text, links / len(text) if text else 0.0, owner.header)

    def _header(self, cell: lxml.html.HtmlElement) -> str:
        table = next(cell.iterancestors("table"), None)
        if table is None:
            return ""
        if table not in self.headers:
            self.headers[table] = table_headers(table)
        return self.headers[table].get(cell, "")


def table_headers(table: lxml.html.HtmlElement) -> dict[lxml.html.HtmlElement, str]:
    """What labels each data cell of ``table``: its column's header, then its row's, joined by " / ".

    A header row is one inside <thead>, or a first row made only of <th>; a row header is a <th>
    that starts its row or, in a table with a header row, a short first cell: comparison and strain
    tables name each row's product in a plain <td> ("White Borneo | Clear-headed energy"). Spans
    across columns count; spans across rows do not, nor do nested tables.
    """
    columns: dict[int, str] = {}
    labels: dict[lxml.html.HtmlElement, str] = {}
    rows = (row for row in table.iter("tr") if next(row.iterancestors("table"), None) is table)
    for position, row in enumerate(rows):
        cells = [cell for cell in row if cell.tag in _CELL_TAGS]
        if row.getparent().tag == "thead" or (position == 0 and all(cell.tag == "th" for cell in cells)):
            for first, cell in _columns(cells):
                label = collapse(cell.text_content())
                columns.update(dict.fromkeys(range(first, first + _span(cell)), label))
            continue
        row_header = _row_header(cells, has_header_row=bool(columns))
        for first, cell in _columns(cells):
            if cell.tag == "td":  # the row's own label is not labelled by itself
                row_label = row_header if first else ""
                labels[cell] = " / ".join(label for label in (columns.get(first, ""), row_label) if label)
    return labels


def _row_header(cells: list[lxml.html.HtmlElement], has_header_row: bool) -> str:
    """The label of a row: its first cell, if a <th>, or a name-like <td> under a header row."""
    if len(cells) < 2:
        return ""
    label = collapse(cells[0].text_content())
    if cells[0].tag == "th":
        return label
    is_name = len(_PARENTHESES.sub("", label).split()) <= _ROW_LABEL_WORDS and not _SENTENCE_END.search(label)
    return label if has_header_row and is_name else ""


def _columns(cells: list[lxml.html.HtmlElement]) -> Iterator[tuple[int, lxml.html.HtmlElement]]:
    """Each cell with the first column it covers."""
    column = 0
    for cell in cells:
        yield column, cell
        column += _span(cell)


def _span(cell: lxml.html.HtmlElement) -> int:
    """How many columns a cell covers: its colspan, if a positive number, capped as browsers cap it."""
    span = cell.get("colspan", "1").strip()
    return min(int(span), _MAX_COLSPAN) if span.isdigit() and int(span) > 0 else 1
