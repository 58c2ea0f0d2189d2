"""The site's sections: categories, nested to any depth, each at /<slug>/."""

import re

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.expressions import RawSQL
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


def reserved_slugs():
    """
    The top-level addresses that a category slug may not take (categories live at /<slug>/):
    the first segment of every other route of the site's URLconf (the admin's wherever
    ADMIN_URL puts it), of STATIC_URL and of MEDIA_URL.
    """
    from django.urls import get_resolver

    found = set()

    def walk(patterns):
        for entry in patterns:
            route = str(entry.pattern).removeprefix("^")
            if not route and hasattr(entry, "url_patterns"):  # an include() at the top
                walk(entry.url_patterns)
            elif (first := route.split("/")[0]) and not re.search(r"[<(\[\\$?*+]", first):  # a literal segment
                found.add(first)

    walk(get_resolver().url_patterns)
    return found | {
        url.strip("/").split("/")[0] for url in [settings.STATIC_URL, settings.MEDIA_URL] if url.startswith("/")
    }


class CategoryQuerySet(models.QuerySet):
    """
    The tree, read with one recursive query however deep it goes (SQLite and
    PostgreSQL both run them). Lazy: either can be a subquery of another query.
    """

    def subtree(self, *categories):
        """``categories`` (categories or their ids) and every category under them, at any depth."""
        return self._walk(categories, "c.parent_id = tree.id")

    def lineage(self, category):
        """``category`` (a category or its id) and every category above it, up to its section."""
        return self._walk([category], "c.id = tree.parent_id")

    def _walk(self, start, step):
        ids = [getattr(category, "pk", category) for category in start]
        if not ids:
            return self.none()
        table = Category._meta.db_table
        walk = (
            f"WITH RECURSIVE tree(id, parent_id) AS (SELECT id, parent_id FROM {table} WHERE id IN "
            f"({', '.join(['%s'] * len(ids))}) UNION SELECT c.id, c.parent_id FROM {table} c JOIN tree ON {step}) "
            "SELECT id FROM tree"
        )
        return self.filter(pk__in=RawSQL(walk, ids))


class Category(models.Model):
    """A section of the site, such as "Diseases" or "Mental health"; may sit under a parent."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True, help_text=_("Used in the web address."))
    description = models.TextField(_("description"), blank=True, help_text=_("Shown at the top of the category page."))
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent category"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    position = models.PositiveSmallIntegerField(
        _("display order"), default=0, help_text=_("Lower numbers are listed first.")
    )
    condition = models.CharField(
        _("medical condition"),
        max_length=150,
        blank=True,
        help_text=_(
            "If this category is about one condition (for example: Diabetes mellitus), its name. Tells search engines what the articles are about."
        ),
    )

    objects = CategoryQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # A category moved under another section takes the live articles of its whole subtree along
        # (Article.live_section). (Article is looked up, not imported: its module imports this one.)
        section_id = self.section_id
        apps.get_model("articles", "Article").objects.filter(
            live_version__isnull=False, live_category__in=Category.objects.subtree(self)
        ).exclude(live_section_id=section_id).update(live_section_id=section_id)

    def get_absolute_url(self):
        return reverse("articles:category", args=[self.slug])

    def ancestors(self):
        """
        The categories above this one, its section first (a breadcrumb's). Those
        loaded with it (``select_related("parent__parent")``) cost no query; the
        rest one query, however many there are.
        """
        found, above = [], self
        while above.parent_id is not None and Category.parent.is_cached(above):
            above = above.parent
            found.append(above)
        if above.parent_id is not None:
            rest = {category.pk: category for category in Category.objects.lineage(above.parent_id)}
            while (above := rest.get(above.parent_id)) is not None:
                found.append(above)
        return found[::-1]

    @property
    def section_id(self):
        """The top-level category this one sits under, at any depth; itself when it has no parent."""
        return self.ancestors()[0].pk if self.parent_id is not None else self.pk

    def clean(self):
        if self.slug in reserved_slugs():
            raise ValidationError(
                {
                    "slug": _("“%(slug)s” is used by another page of the site; choose another slug.")
                    % {"slug": self.slug}
                }
            )
        ancestor, seen = self.parent, {self.pk}
        while ancestor is not None:
            if ancestor.pk in seen and ancestor.pk is not None:  # (seen also stops a loop further up)
                raise ValidationError(
                    {"parent": _("A category cannot be placed under itself or one of its subcategories.")}
                )
            seen.add(ancestor.pk)
            ancestor = ancestor.parent
