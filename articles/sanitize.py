"""
The allow-list for stored rich text.

Whatever the editor sends is cleaned here before it is stored, so a script,
an event handler or a ``javascript:`` link can never reach a reader, whichever
editor or client produced the HTML. ``removed_parts`` tells the writer what
was taken out, so nothing disappears without a word.
"""

from html.parser import HTMLParser
from urllib.parse import urlsplit

import nh3
from django.utils.translation import gettext as _

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4",
    "strong", "b", "em", "i", "sup", "sub",
    "ul", "ol", "li", "blockquote", "a",
    "table", "caption", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip

ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
}

URL_SCHEMES = {"http", "https", "mailto"}


def clean_html(html):
    """Return ``html`` with every tag, attribute and URL scheme not allowed above removed."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    )


class _Inspector(HTMLParser):
    """Notes, in words a writer understands, what ``clean_html`` is about to remove."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.removed = []

    def note(self, what):
        if what not in self.removed:
            self.removed.append(what)

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS:
            self.note(_("<%(tag)s> elements") % {"tag": tag})
            return
        allowed = ALLOWED_ATTRIBUTES.get(tag, set()) | ({"rel"} if tag == "a" else set())
        for name, value in attrs:
            if name not in allowed:
                self.note(_("“%(name)s” attributes") % {"name": name})
            elif name == "href" and value:
                scheme = urlsplit("".join(value.split())).scheme.lower()
                if scheme and scheme not in URL_SCHEMES:
                    self.note(_("links to “%(scheme)s:” addresses") % {"scheme": scheme})

    handle_startendtag = handle_starttag


def removed_parts(html):
    """What ``clean_html(html)`` removes, described for the writer (empty when nothing is)."""
    inspector = _Inspector()
    inspector.feed(html or "")
    inspector.close()
    return inspector.removed
