"""
The allow-list for stored rich text.

Whatever the editor sends is cleaned here before it is stored, so a script,
an event handler or a ``javascript:`` link can never reach a reader, whichever
editor or client produced the HTML.
"""

import nh3

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
