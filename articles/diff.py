"""
What changed between the live version and the working copy under review,
as a reviewer reads it: title, summary, body and citations, word by word.
"""

import difflib
import re
from html.parser import HTMLParser

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

BLOCKS = {"p", "h2", "h3", "h4", "li", "blockquote", "tr", "caption", "br", "hr"}
WORD_RE = re.compile(r"\s+|[^\s]+")


class _TextOfHTML(HTMLParser):
    """Body HTML as plain text: one line per block, headings marked with '#', list items with '•'."""

    MARKS = {"h2": "## ", "h3": "### ", "h4": "#### ", "li": "• "}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []

    def handle_starttag(self, tag, attrs):
        if tag in BLOCKS:
            self.parts.append("\n" + self.MARKS.get(tag, ""))

    def handle_data(self, data):
        self.parts.append(re.sub(r"\s+", " ", data))

    def text(self):
        lines = "".join(self.parts).split("\n")
        return "\n".join(line.strip() for line in lines if line.strip())


def html_to_text(html):
    parser = _TextOfHTML()
    parser.feed(html or "")
    parser.close()
    return parser.text()


def diff_words(old, new):
    """``new`` with the words removed since ``old`` in <del> and the words added in <ins>."""
    old_words, new_words = WORD_RE.findall(old), WORD_RE.findall(new)
    out = []
    matcher = difflib.SequenceMatcher(None, old_words, new_words, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.append(escape("".join(new_words[j1:j2])))
            continue
        if i2 > i1:
            out.append(f"<del>{escape(''.join(old_words[i1:i2]))}</del>")
        if j2 > j1:
            out.append(f"<ins>{escape(''.join(new_words[j1:j2]))}</ins>")
    return mark_safe("".join(out))


def compare(article):
    """
    One entry per part of the article: ``(label, changed, html)``. Against no
    live version (a new article) every word is new.
    """
    live = article.live_version
    citations_now = "\n".join(c.as_text() for c in article.citations.all())
    parts = [
        (_("Title"), live.title if live else "", article.title),
        (_("Summary"), live.summary if live else "", article.summary),
        (_("Body"), html_to_text(live.body) if live else "", html_to_text(article.body)),
        (_("Citations"), "\n".join(c.as_text() for c in live.citation_list()) if live else "", citations_now),
    ]
    return [(label, old != new, diff_words(old, new)) for label, old, new in parts]
