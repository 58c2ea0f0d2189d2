"""
What changed between two states of an article, as the medical reviewer reads
it: the working copy, an approved version or a review round, against another,
part by part (``WRITTEN_FIELDS``, then the citations). The text is compared as
readers see it by ``htmldiff``; the hero image is shown old and new side by side.
"""

from typing import NamedTuple

from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .htmldiff import Block, diff_items, diff_words, parse, text
from .models import WRITTEN_FIELDS, Article


class Part(NamedTuple):
    """One part of an article in a comparison: its label, whether it changed, and the HTML showing how."""

    label: str
    changed: bool
    html: str


def _citations(copy):
    if copy is None:
        return Block("div")
    citations = copy.citations.all() if isinstance(copy, Article) else copy.citation_list()
    return Block("div", (), [Block("p", (), [text(citation.as_text())]) for citation in citations])


def _figure(copy, caption, css_class):
    """``copy``'s hero image as the admin shows it (``admin.base.image_preview``), captioned in words."""
    image = copy.hero_image if copy is not None else None
    shown = (
        format_html('<img src="{}" alt="{}" width="320">', image.url, copy.hero_image_alt) if image else _("No image")
    )
    return format_html('<figure class="{}"><figcaption>{}</figcaption>{}</figure>', css_class, caption, shown)


def _images(old, new):
    """The hero image; when it changed, the old one and the new one side by side."""
    if ((old.hero_image.name if old is not None else "") or "") == (new.hero_image.name or ""):
        return Part(LABELS["hero_image"], False, _figure(new, _("Unchanged"), "diff-image") if new.hero_image else "—")
    both = _figure(old, _("Before (removed)"), "diff-removed") + _figure(new, _("After (inserted)"), "diff-added")
    return Part(LABELS["hero_image"], True, format_html('<div class="diff-images">{}</div>', both))


def compare(old, new):
    """
    What changed from ``old`` to ``new``, part by part (``WRITTEN_FIELDS``,
    then the citations), as ``Part``s. Each is an article's working copy, an
    approved version or a review round; ``old`` None (nothing approved yet):
    everything in ``new`` is new.
    """
    parts = []
    for name in WRITTEN_FIELDS:
        if name == "hero_image":
            parts.append(_images(old, new))
            continue
        before, after = (getattr(old, name) if old is not None else ""), getattr(new, name)
        if name == "body":
            before, after = parse(before), parse(after)
            html = mark_safe(diff_items(before.children, after.children))
            parts.append(Part(LABELS[name], before.key != after.key, html))
        else:
            before, after = str(before), str(after)
            parts.append(Part(LABELS[name], before != after, diff_words(before, after)))
    before, after = _citations(old), _citations(new)
    parts.append(
        Part(LABELS["citations"], before.key != after.key, mark_safe(diff_items(before.children, after.children)))
    )
    return parts


# Each part's name as the article's form shows it: "Title", …, "Image credit", "Citations".
LABELS = {name: capfirst(Article._meta.get_field(name).verbose_name) for name in WRITTEN_FIELDS} | {
    "citations": gettext_lazy("Citations")
}
