"""
The stored (sanitized) body, prepared for readers: headings get anchors for
the table of contents, and citation marks ``<sup>[n]</sup>`` become links to
entry n of the reference list, which links back to each mark.
"""

import html
import re
from dataclasses import dataclass, field

from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _

HEADING_RE = re.compile(r"<(h[23])>(.*?)</\1>", re.DOTALL)
MARK_GROUP_RE = re.compile(r"<sup>((?:\s*\[\d+\]\s*)+)</sup>")
MARK_RE = re.compile(r"\[(\d+)\]")

# Ids the article page itself uses (base.html, article_detail.html): a heading never takes one.
PAGE_IDS = frozenset({"main", "site-search-q", "toc-heading", "references-heading", "more-heading", "related-heading"})

# A table of contents is worth its space from this many headings on.
TOC_MIN_HEADINGS = 3


@dataclass
class PreparedBody:
    html: str
    toc: list = field(default_factory=list)  # [(level, anchor, text)]
    backlinks: dict = field(default_factory=dict)  # reference number -> [mark anchors]


def prepare(body, reference_count):
    """Anchor the headings and link the citation marks that point to one of ``reference_count`` references."""
    toc, used, backlinks = [], set(PAGE_IDS), {}

    def anchor_heading(match):
        tag, inner = match.groups()
        text = html.unescape(strip_tags(inner)).strip()
        base = slugify(text) or "section"
        if re.match(r"(ref|cite)-\d", base):  # keep clear of the citation anchors
            base = f"section-{base}"
        anchor = base
        number = 2
        while anchor in used:
            anchor, number = f"{base}-{number}", number + 1
        used.add(anchor)
        toc.append((int(tag[1]), anchor, text))
        return f'<{tag} id="{anchor}">{inner}</{tag}>'

    def link_marks(match):
        links = []
        for number in map(int, MARK_RE.findall(match.group(1))):
            if not 1 <= number <= reference_count:
                links.append(f"[{number}]")  # points nowhere: left as the writer typed it
                continue
            anchor = f"cite-{number}-{len(backlinks.get(number, [])) + 1}"
            backlinks.setdefault(number, []).append(anchor)
            label = escape(_("Reference %(number)s") % {"number": number})
            links.append(f'<a href="#ref-{number}" id="{anchor}" aria-label="{label}">[{number}]</a>')
        return f'<sup class="cite">{"".join(links)}</sup>'

    prepared = MARK_GROUP_RE.sub(link_marks, HEADING_RE.sub(anchor_heading, body))
    return PreparedBody(mark_safe(prepared), toc if len(toc) >= TOC_MIN_HEADINGS else [], backlinks)
