"""
Two pieces of sanitized HTML compared as readers see them, block by block
(paragraphs, headings, list items, table cells…). An unchanged block is shown
as it is; a changed one keeps its tag, with the words taken out in ``<del>``
and those put in in ``<ins>``; an added or removed block is marked whole; a
block that only moved is shown where it is now, marked "moved here", never as
changed text. Each mark says what it is in words (the admin's visually hidden
text), for screen readers and for anyone who cannot tell the colours apart.

Safety: the HTML is parsed after the sanitizer (``sanitize.clean_html``), and
what is emitted is built from the parsed pieces: allowed tags and attributes
only, every text and attribute value escaped.
"""

import difflib
import re
from dataclasses import dataclass, field
from functools import cached_property
from html.parser import HTMLParser

from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from . import sanitize

INLINE = {"a", "strong", "b", "em", "i", "sup", "sub"}
BLOCKS = sanitize.ALLOWED_TAGS - INLINE - {"br"}  # p, headings, lists, quotes, tables and their parts, hr
# Spaces, words (numbers with their decimals: "2.5" is one) and each mark of punctuation: "iron." → "iron or folate."
# is one insertion, not a changed word.
WORD_RE = re.compile(r"\s+|\w+(?:[.,'’-]\w+)*|[^\w\s]")
# Two blocks are alike, and the change is shown word by word, when this share of their distinct words is shared (the
# Dice coefficient); otherwise the old one is shown removed and the new one added.
SIMILAR = 0.5
BLOCK_CLASS = {"ins": "diff-added", "del": "diff-removed", "moved": "diff-moved"}


@dataclass(frozen=True)
class Token:
    """A word, a space, a line break (``br``) or a link's address (``href``), inside its inline elements."""

    text: str
    context: tuple = ()  # the inline elements around it, outermost first: ((tag, attributes), …)
    kind: str = "word"

    @cached_property
    def key(self):
        # Without attributes: a link's address is a token of its own, so a changed address is the change shown.
        return (self.text, self.kind, tuple(tag for tag, attributes in self.context))


class _Item:
    """What ``Run`` and ``Block`` share: how they are compared."""

    @cached_property
    def digest(self):
        return hash(self.key)

    @cached_property
    def vocabulary(self):
        """Its distinct words, to tell whether two items are alike."""
        return frozenset(self.words())


@dataclass(eq=False)
class Run(_Item):
    """Inline content: the words of a paragraph, a heading, a list item…"""

    tokens: list = field(default_factory=list)

    @cached_property
    def key(self):
        return ("", tuple(token.key for token in self.tokens))

    def words(self):
        return [token.text for token in self.tokens if token.kind != "space"]


@dataclass(eq=False)
class Block(_Item):
    """A block element and what is in it (runs and blocks)."""

    tag: str
    attributes: tuple = ()
    children: list = field(default_factory=list)

    @cached_property
    def key(self):
        return (self.tag, self.attributes, tuple(child.key for child in self.children))

    def words(self):
        return [word for child in self.children for word in child.words()]


class _Parser(HTMLParser):
    """Sanitized HTML as a tree of ``Block``s and ``Run``s, whitespace collapsed as a browser shows it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Block("div")
        self.blocks, self.inline = [self.root], []

    def add(self, text, kind="word"):
        children = self.blocks[-1].children
        run = children[-1] if children and isinstance(children[-1], Run) else None
        if kind == "space" and (run is None or run.tokens[-1].kind in {"space", "br"}):
            return  # whitespace at the start of a line shows as nothing
        if run is None:
            run = Run()
            children.append(run)
        run.tokens.append(Token(text, tuple(self.inline), kind))

    def handle_starttag(self, tag, attrs):
        allowed = sanitize.ALLOWED_ATTRIBUTES.get(tag, set())
        attributes = tuple((name, value or "") for name, value in attrs if name in allowed)
        if tag == "br":
            self.add("\n", "br")
        elif tag in INLINE:
            self.inline.append((tag, attributes))
        elif tag in BLOCKS:
            block = Block(tag, attributes)
            self.blocks[-1].children.append(block)
            if tag != "hr":
                self.blocks.append(block)

    def handle_endtag(self, tag):
        open_tags = [name for name, attributes in self.inline]
        if tag in open_tags:
            index = len(open_tags) - 1 - open_tags[::-1].index(tag)
            href = dict(self.inline[index][1]).get("href") if tag == "a" else None
            if href:
                self.add(href, "href")
            del self.inline[index]
        elif tag in BLOCKS and tag in [block.tag for block in self.blocks[1:]]:
            while self.blocks.pop().tag != tag:
                pass

    def handle_data(self, data):
        for piece in WORD_RE.findall(data):
            if piece.isspace():
                self.add(" ", "space")
            else:
                self.add(piece)


def _trimmed(block):
    for child in block.children:
        if isinstance(child, Run):
            while child.tokens and child.tokens[-1].kind == "space":
                child.tokens.pop()
        else:
            _trimmed(child)
    block.children = [child for child in block.children if not isinstance(child, Run) or child.tokens]
    return block


def parse(html):
    """``html``, sanitized, as a ``Block`` holding its blocks."""
    parser = _Parser()
    parser.feed(sanitize.clean_html(html or ""))
    parser.close()
    return _trimmed(parser.root)


def text(value):
    return Run([Token(" ", (), "space") if p.isspace() else Token(p) for p in WORD_RE.findall(str(value).strip())])


# Rendering. Each mark is an <ins> or <del> with its words inside, visually hidden: the way screen readers and axe
# handle best, where CSS content is read by some and not by others.


def _mark_start(mark):
    said = _("inserted:") if mark == "ins" else _("deleted:")
    return format_html('<{}><span class="visually-hidden">{} </span>', mark, said)


def _mark_end(mark):
    said = _("end inserted") if mark == "ins" else _("end deleted")
    return format_html('<span class="visually-hidden"> ({})</span></{}>', said, mark)


def _start_tag(tag, attributes, css_class=""):
    extra = [("class", css_class)] if css_class else []
    return format_html("<{}{}>", tag, mark_safe("".join(format_html(' {}="{}"', *a) for a in [*attributes, *extra])))


def _token_html(token):
    if token.kind == "br":
        return "<br>"
    if token.kind == "href":
        return format_html(' <span class="diff-href">({})</span>', _("link to %(address)s") % {"address": token.text})
    return escape(token.text)


def _inline(pieces):
    """
    ``(mark, token)`` pairs (mark: None, "ins" or "del") as HTML: each mark
    outside the formatting it covers, so that a marked stretch is one element.
    """
    out, opened = [], []
    for mark, token in pieces:
        if mark is None and token.kind == "href":
            continue  # an unchanged link's address: readers do not see it either
        wanted = [(mark, None)] if mark else []
        wanted += token.context
        kept = 0
        while kept < min(len(opened), len(wanted)) and opened[kept] == wanted[kept]:
            kept += 1
        while len(opened) > kept:
            out.append(_close(opened.pop()))
        for frame in wanted[kept:]:
            out.append(_mark_start(frame[0]) if frame[1] is None else _start_tag(*frame))
            opened.append(frame)
        out.append(_token_html(token))
    while opened:
        out.append(_close(opened.pop()))
    return "".join(out)


def _close(frame):
    return _mark_end(frame[0]) if frame[1] is None else f"</{frame[0]}>"


def _word_pieces(old, new):
    """The ``(mark, token)`` pairs of a changed run: the words kept, then those removed and added, in order."""
    matcher = difflib.SequenceMatcher(None, [t.key for t in old], [t.key for t in new], autojunk=False)
    pieces = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            pieces += [(None, token) for token in new[j1:j2]]
        else:
            pieces += [("del", token) for token in old[i1:i2]] + [("ins", token) for token in new[j1:j2]]
    return pieces


def _whole(item, mark, moved=False, outermost=True):
    """``item`` with every word marked ``mark`` (None: none); a moved one says so before its first words."""
    if isinstance(item, Run):
        note = format_html('<span class="diff-note">{}</span> ', _("moved here:")) if moved else ""
        return note + _inline([(mark, token) for token in item.tokens])
    css_class = BLOCK_CLASS.get("moved" if moved else mark, "") if outermost else ""
    start = _start_tag(item.tag, item.attributes, css_class)
    if item.tag == "hr":
        return start
    inner = [_whole(child, mark, moved and index == 0, False) for index, child in enumerate(item.children)]
    return start + "".join(inner) + f"</{item.tag}>"


def _same(old, new):
    return old.digest == new.digest and old.key == new.key


# Past this many pairs of changed items (about 200 changed paragraphs each side) the weighted alignment's
# tables would take seconds on a page: ``_aligned_by_difflib`` aligns instead.
MAX_PAIRS = 40_000


def _weight(old, new):
    """How well two items match: the same (2), alike: same tag, most words shared (1), or not at all (0)."""
    if _same(old, new):
        return 2
    if type(old) is not type(new) or getattr(old, "tag", None) != getattr(new, "tag", None):
        return 0
    shared = len(old.vocabulary & new.vocabulary)  # by set: a comparison word by word is too slow for every pair
    return 1 if 2 * shared >= SIMILAR * (len(old.vocabulary) + len(new.vocabulary)) else 0


def _aligned(old, new):
    """
    ``(mark, old item, new item)`` for two lists of items, in the new one's
    order: the most items kept in order, same ones before alike ones (the
    longest common subsequence, weighted), the rest removed or added.
    """
    head = 0
    while head < min(len(old), len(new)) and _same(old[head], new[head]):
        head += 1
    tail = 0
    while tail < min(len(old), len(new)) - head and _same(old[-1 - tail], new[-1 - tail]):
        tail += 1
    middle_old, middle_new = old[head : len(old) - tail], new[head : len(new) - tail]
    m, n = len(middle_old), len(middle_new)
    if m * n > MAX_PAIRS:
        return [
            *[(None, item, item) for item in new[:head]],
            *_aligned_by_difflib(middle_old, middle_new),
            *[(None, item, item) for item in new[len(new) - tail :]],
        ]
    weight = [[_weight(a, b) for b in middle_new] for a in middle_old]
    best = [[0] * (n + 1) for _ in range(m + 1)]
    for i in range(m - 1, -1, -1):
        for j in range(n - 1, -1, -1):
            paired = best[i + 1][j + 1] + weight[i][j] if weight[i][j] else 0
            best[i][j] = max(best[i + 1][j], best[i][j + 1], paired)
    edits, i, j = [(None, item, item) for item in new[:head]], 0, 0
    while i < m or j < n:
        if i < m and j < n and weight[i][j] and best[i][j] == best[i + 1][j + 1] + weight[i][j]:
            edits.append((None if weight[i][j] == 2 else "changed", middle_old[i], middle_new[j]))
            i, j = i + 1, j + 1
        elif i < m and (j == n or best[i + 1][j] >= best[i][j + 1]):
            edits.append(("del", middle_old[i], None))
            i += 1
        else:
            edits.append(("ins", None, middle_new[j]))
            j += 1
    return edits + [(None, item, item) for item in new[len(new) - tail :]]


def _aligned_by_difflib(old, new):
    """
    ``_aligned`` for a text too changed for its m × n tables: the same items
    kept in order by difflib (about linear); in a stretch that differs, items
    side by side and alike are changed, the others removed and added.
    """
    matcher = difflib.SequenceMatcher(None, [item.key for item in old], [item.key for item in new], autojunk=False)
    edits = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        pairs = list(zip(old[i1:i2], new[j1:j2], strict=False))
        if op == "equal":
            edits += [(None, before, after) for before, after in pairs]
            continue
        for before, after in pairs:
            alike = _weight(before, after)
            edits += [("changed", before, after)] if alike else [("del", before, None), ("ins", None, after)]
        edits += [("del", item, None) for item in old[i1 + len(pairs) : i2]]
        edits += [("ins", None, item) for item in new[j1 + len(pairs) : j2]]
    return edits


def diff_items(old, new):
    """The differences between two lists of blocks and runs (what one element holds), as HTML."""
    edits = _aligned(old, new)
    # An item removed in one place and added in another moved: it is shown where it is now, marked so, with
    # what changed in it (so that a dose changed in a moved paragraph is marked as a change, not missed).
    removed = [index for index, edit in enumerate(edits) if edit[0] == "del"]
    for index, (mark, _old, item) in enumerate(list(edits)):
        if mark != "ins":
            continue
        match = next((k for k in removed if _same(edits[k][1], item)), None)
        if match is None and (isinstance(item, Run) or item.children and isinstance(item.children[0], Run)):
            match = next((k for k in removed if _weight(edits[k][1], item)), None)
        if match is not None:
            removed.remove(match)
            edits[index], edits[match] = ("moved", edits[match][1], item), None
    return "".join(_edit(*edit) for edit in edits if edit)


def _edit(mark, old, new):
    if mark in {None, "ins", "del"}:
        return _whole(old if mark == "del" else new, mark)
    if mark == "moved" and _same(old, new):
        return _whole(new, None, moved=True)
    note = format_html('<span class="diff-note">{}</span> ', _("moved here:")) if mark == "moved" else ""
    if isinstance(new, Run):
        return note + _inline(_word_pieces(old.tokens, new.tokens))
    start = _start_tag(new.tag, new.attributes, BLOCK_CLASS.get(mark, ""))
    if new.tag == "hr":
        return start
    return start + note + diff_items(old.children, new.children) + f"</{new.tag}>"


def diff_words(old, new):
    """Plain text ``new`` with the words removed since ``old`` in <del> and the words added in <ins>, escaped."""
    return mark_safe(_inline(_word_pieces(text(old).tokens, text(new).tokens)))


def diff_blocks(old, new):
    """The HTML ``new`` (a body) as readers see it, with what changed since ``old`` marked block by block."""
    return mark_safe(diff_items(parse(old).children, parse(new).children))
