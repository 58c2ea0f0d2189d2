"""sitemap.xml: published articles with their last change, categories, and the people behind them."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Article, Author, Category, MedicalReviewer, Page


class ArticleSitemap(Sitemap):
    def items(self):
        return Article.objects.published().select_related("live_version__category").only(
            "slug", "live_version__reviewed_at", "live_version__category__slug"
        ).order_by("pk")

    def lastmod(self, article):
        return article.live_version.reviewed_at


class CategorySitemap(Sitemap):
    def items(self):
        return Category.objects.order_by("pk")


class PeopleSitemap(Sitemap):
    """Writers and reviewers of at least one published article, as readers see it (its live version)."""

    def items(self):
        published = Article.objects.published()
        authors = Author.objects.filter(pk__in=published.values("live_version__author")).order_by("pk")
        reviewers = MedicalReviewer.objects.filter(pk__in=published.values("live_version__reviewer")).order_by("pk")
        return [*authors, *reviewers]


class PageSitemap(Sitemap):
    def items(self):
        return [*Page.objects.only("slug").order_by("pk"), "home"]

    def location(self, item):
        return reverse("articles:home") if item == "home" else item.get_absolute_url()


SITEMAPS = {"articles": ArticleSitemap, "categories": CategorySitemap, "people": PeopleSitemap, "pages": PageSitemap}
