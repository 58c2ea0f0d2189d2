"""The site's own pages, such as the editorial policy."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .. import sanitize


class Page(models.Model):
    """A page of the site's own, such as the editorial policy, edited by editors."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True, help_text=_("The page lives at /about/<slug>/."))
    body = models.TextField(_("body"))
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("page")
        verbose_name_plural = _("pages")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body = sanitize.clean_html(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:page", args=[self.slug])
