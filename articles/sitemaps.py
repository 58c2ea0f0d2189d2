"""
The sitemap: published articles with their last change, categories, and the
people behind them. ``/sitemap.xml`` is an index of the sections'
``/sitemap-<section>.xml?p=<n>`` files, each of at most ``limit`` addresses,
so it holds every article however many there are (a single sitemap file may
list 50,000).
"""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from .models import Article, Author, Category, MedicalReviewer, Page


class ArticleSitemap(Sitemap):
    limit = 10_000  # addresses per file: each file is one bounded query

    def get_latest_lastmod(self):
        # For the index: one aggregate, not Django's default of reading every article.
        return Article.objects.published().aggregate(latest=Max("live_version__reviewed_at"))["latest"]

    def items(self):
        return (
            Article.objects.published()
            .select_related("live_version__category")
            .only("slug", "live_version__reviewed_at", "live_version__category__slug")
            .order_by("pk")
        )

    def lastmod(self, article):
        return article.live_version.reviewed_at


class CategorySitemap(Sitemap):
    def items(self):
        return Category.objects.order_by("pk")


class PeopleSitemap(Sitemap):
    """Writers and reviewers of at least one published article, as readers see it (its live version)."""

    def items(self):
        published = Article.objects.published()
        authors = Author.objects.filter(pk__in=published.values("live_author")).order_by("pk")
        reviewers = MedicalReviewer.objects.filter(pk__in=published.values("live_reviewer")).order_by("pk")
        return [*authors, *reviewers]


class PageSitemap(Sitemap):
    def items(self):
        return [*Page.objects.only("slug").order_by("pk"), "home"]

    def location(self, item):
        return reverse("articles:home") if item == "home" else item.get_absolute_url()


SITEMAPS = {"articles": ArticleSitemap, "categories": CategorySitemap, "people": PeopleSitemap, "pages": PageSitemap}
