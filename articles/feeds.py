"""RSS and Atom feeds of published articles: the whole site, and per category."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.html import escape
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from .models import Article, Category

FEED_SIZE = 20


def _latest():
    return Article.objects.published().for_listing()


class LatestArticlesFeed(Feed):
    description = _("Medically reviewed health articles, newest first.")

    def title(self):
        return settings.HEALTHCMS_SITE_NAME

    def link(self):
        return reverse("articles:home")

    def items(self):
        return _latest()[:FEED_SIZE]

    def item_title(self, article):
        return article.live_version.title

    def item_description(self, article):
        # Feed readers take the description as HTML; the summary is plain text.
        return escape(article.live_version.summary)

    def item_pubdate(self, article):
        return article.first_published_at

    def item_updateddate(self, article):
        return article.live_version.reviewed_at

    def item_author_name(self, article):
        return article.live_version.author.name

    def item_categories(self, article):
        return [article.live_version.category.name]


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = Atom1Feed
    subtitle = LatestArticlesFeed.description


class CategoryFeed(LatestArticlesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Category, slug=slug)

    def title(self, category):
        return f"{category.name} · {settings.HEALTHCMS_SITE_NAME}"

    def link(self, category):
        return category.get_absolute_url()

    def items(self, category):
        return _latest().filter(live_version__category__in=[category, *category.children.all()])[:FEED_SIZE]


class CategoryAtomFeed(CategoryFeed):
    feed_type = Atom1Feed
    subtitle = LatestArticlesFeed.description
