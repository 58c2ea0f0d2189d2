"""
The stored (sanitized) body, prepared for readers: headings get anchors for
the table of contents, and citation marks become links to their entry of the
reference list, which links back to each mark. A citation mark is ``[n]``,
typed as superscript (``<sup>[n]</sup>``) or not; inside a link it is not one.
``citation_problems`` tells the writer and the reviewer where marks and
citations disagree.
"""

import html
import re
from dataclasses import dataclass, field

from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import get_text_list, slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

HEADING_RE = re.compile(r"<(h[23])>(.*?)</\1>", re.DOTALL)
MARK_RE = re.compile(r"\[(\d+)\]")
# What a <sup> of citation marks holds: marks only (the text of "<sup>[2][1]</sup>").
MARKS_ONLY_RE = re.compile(r"(?:\s*\[\d+\]\s*)+")
# Marks typed in the text, side by side: "[1]", "[2][1]", "[2] [1]".
MARK_RUN_RE = re.compile(r"\[\d+\](?:\s*\[\d+\])*")
# A tag (an attribute's value may hold ">"), a comment, or a run of text.
TOKEN_RE = re.compile(r"""<(/?)([a-zA-Z][a-zA-Z0-9]*)(?:[^>"']|"[^"]*"|'[^']*')*>|<!--.*?-->|[^<]+|<""", re.DOTALL)
# Inside these, "[1]" is text: a link cannot hold another, and code is quoted as typed.
NOT_MARKS_IN = frozenset({"a", "code", "pre"})

# One source cited twice has one of these in common: (its name for the writer, the field, what is compared).
SAME_SOURCE = [
    (gettext_lazy("DOI"), "doi", str.lower),  # DOIs are case-insensitive
    (gettext_lazy("PubMed ID"), "pmid", str),
    (gettext_lazy("URL"), "url", lambda url: url.rstrip("/")),
]

# Ids the article page itself uses (base.html, article_detail.html): a heading never takes one.
PAGE_IDS = frozenset({"main", "site-search-q", "toc-heading", "references-heading", "more-heading", "related-heading"})

# A table of contents is worth its space from this many headings on.
TOC_MIN_HEADINGS = 3


@dataclass
class PreparedBody:
    html: str
    toc: list = field(default_factory=list)  # [(level, anchor, text)]
    backlinks: dict = field(default_factory=dict)  # reference number -> [mark anchors]


def prepare(body, reference_count, *, numbers=None):
    """
    Anchor the headings and link the citation marks that point to one of the
    references: numbers 1 to ``reference_count``, or ``numbers`` when given
    (the citations' own numbers, which need not run without a gap).
    """
    toc, used, backlinks = [], set(PAGE_IDS), {}
    linked = set(numbers) if numbers is not None else range(1, reference_count + 1)

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

    def link(number):
        if number not in linked:
            return f"[{number}]"  # points nowhere: left as the writer typed it
        anchor = f"cite-{number}-{len(backlinks.get(number, [])) + 1}"
        backlinks.setdefault(number, []).append(anchor)
        label = escape(_("Reference %(number)s") % {"number": number})
        return f'<a href="#ref-{number}" id="{anchor}" aria-label="{label}">[{number}]</a>'

    def link_marks(numbers, typed, where):
        if where == "text" and not any(number in linked for number in numbers):
            return typed  # not a superscript of plain text that links nowhere
        links = "".join(link(number) for number in numbers)
        return links if where == "in_sup" else f'<sup class="cite">{links}</sup>'

    prepared = _replace_marks(HEADING_RE.sub(anchor_heading, body), link_marks)
    return PreparedBody(mark_safe(prepared), toc if len(toc) >= TOC_MIN_HEADINGS else [], backlinks)


def _replace_marks(body, replace):
    """
    ``body`` with each group of citation marks replaced by ``replace(numbers,
    typed, where)``: ``where`` is "sup" for a ``<sup>`` holding only marks
    (``typed``: the whole element), "text" for marks typed in the text, and
    "in_sup" for marks inside a superscript that holds other text too. Marks in
    a link, in code or in a tag's attributes are left alone.
    """
    tokens = list(TOKEN_RE.finditer(body))
    out, quoted, sup, index = [], 0, 0, 0
    while index < len(tokens):
        token = tokens[index].group()
        closing, tag = tokens[index].group(1, 2)
        tag = (tag or "").lower()
        if tag in NOT_MARKS_IN:
            quoted = max(quoted - 1, 0) if closing else quoted + 1
        elif tag == "sup" and not quoted:
            group = [t.group() for t in tokens[index : index + 3]]
            if (
                token.lower() == "<sup>"
                and len(group) == 3
                and MARKS_ONLY_RE.fullmatch(group[1])
                and group[2].lower() == "</sup>"
            ):
                out.append(replace([int(n) for n in MARK_RE.findall(group[1])], "".join(group), "sup"))
                index += 3
                continue
            sup = max(sup - 1, 0) if closing else sup + 1
        elif not tag and not quoted and not token.startswith("<"):
            token = _replace_runs(token, replace, "in_sup" if sup else "text")
        out.append(token)
        index += 1
    return "".join(out)


def _replace_runs(text, replace, where):
    return MARK_RUN_RE.sub(
        lambda run: replace([int(n) for n in MARK_RE.findall(run.group())], run.group(), where), text
    )


def citation_marks(body):
    """The numbers of the citation marks in ``body``, in the order they appear (as ``prepare`` finds them)."""
    found = []

    def note(numbers, typed, where):
        found.extend(numbers)
        return typed

    _replace_marks(body, note)
    return found


def citation_problems(body, citations):
    """
    Where ``body``'s citation marks and ``citations`` (saved or not, each with
    its number in ``position``) disagree, in words for the writer and the
    medical reviewer: marks that point to no citation, citations never cited,
    and one source listed twice (the same DOI, PubMed ID or URL). Empty when
    all is well. Advice, never a refusal: a draft may be half-cited.
    """
    citations = sorted((c for c in citations if c.position is not None), key=lambda c: c.position)
    marks = set(citation_marks(body))
    problems = []
    missing = sorted(marks - {c.position for c in citations})
    if missing:
        problems.append(
            _("The body has marks with no matching citation: %(marks)s. Add the citation, or correct the number.")
            % {"marks": get_text_list([f"[{number}]" for number in missing], _("and"))}
        )
    uncited = [c for c in citations if c.position not in marks]
    if uncited:
        problems.append(
            _("Citations never cited in the body: %(citations)s. Mark where each one supports the text, or remove it.")
            % {"citations": get_text_list([f"[{c.position}] “{c.title}”" for c in uncited], _("and"))}
        )
    reported = set()
    for what, name, compared in SAME_SOURCE:
        groups = {}
        for citation in citations:
            if value := getattr(citation, name).strip():
                groups.setdefault(compared(value), []).append(citation)
        for same in groups.values():
            numbers = frozenset(c.position for c in same)
            if len(same) < 2 or numbers in reported:  # (two citations with the same DOI and PMID: said once)
                continue
            reported.add(numbers)
            problems.append(
                _("Citations %(numbers)s are the same source (the same %(what)s: %(value)s). Keep one, and cite it.")
                % {
                    "numbers": get_text_list([f"[{c.position}]" for c in same], _("and")),
                    "what": what,
                    "value": getattr(same[0], name).strip(),
                }
            )
    return problems
