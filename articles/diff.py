"""
What changed between the live version and the working copy under review,
as a reviewer reads it: what the writer writes (``WRITTEN_FIELDS``) and the citations, word by word.
"""

import difflib
import re
from html.parser import HTMLParser

from django.db.models.fields.files import FieldFile
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from .models import WRITTEN_FIELDS, Article

BLOCKS = {"p", "h2", "h3", "h4", "li", "blockquote", "tr", "caption", "br", "hr"}
WORD_RE = re.compile(r"\s+|[^\s]+")


class _TextOfHTML(HTMLParser):
    """
    Body HTML as plain text: one line per block, headings marked with '#',
    list items with '•', and each link's target after its text, so that a
    changed link shows as a change.
    """

    MARKS = {"h2": "## ", "h3": "### ", "h4": "#### ", "li": "• "}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.links = [], []

    def handle_starttag(self, tag, attrs):
        if tag in BLOCKS:
            self.parts.append("\n" + self.MARKS.get(tag, ""))
        if tag == "a":
            self.links.append(dict(attrs).get("href") or "")

    def handle_endtag(self, tag):
        if tag == "a" and self.links:
            self.parts.append(f" <{self.links.pop()}>")

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


def _readable(copy, citations):
    """The parts of a working copy or an approved version that a reviewer compares (``WRITTEN_FIELDS``), as text."""
    parts = {}
    for name in WRITTEN_FIELDS:
        value = getattr(copy, name)
        if name == "body":
            value = html_to_text(value)
        elif isinstance(value, FieldFile):
            value = value.name or ""
        parts[name] = str(value)
    return {**parts, "citations": "\n".join(citation.as_text() for citation in citations)}


def compare(article):
    """
    One entry per part of the article: ``(label, changed, html)``. Against no
    live version (a new article) every word is new.
    """
    new = _readable(article, article.citations.all())
    live = article.live_version
    old = _readable(live, live.citation_list()) if live else dict.fromkeys(new, "")
    # The body is "changed" when its HTML differs, even where the readable text does not.
    body_changed = live is None or live.body != article.body
    return [
        (LABELS[name], old[name] != new[name] or (name == "body" and body_changed), diff_words(old[name], new[name]))
        for name in new
    ]


# Each part's name as the article's form shows it: "Title", …, "Image credit", "Citations".
LABELS = {name: capfirst(Article._meta.get_field(name).verbose_name) for name in WRITTEN_FIELDS} | {
    "citations": _("Citations")
}
