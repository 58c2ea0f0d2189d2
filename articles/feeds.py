"""RSS and Atom feeds of published articles: the whole site, and per category."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from . import publishing
from .models import Article, Category

FEED_SIZE = 20


def _latest():
    return Article.objects.published().for_listing()


@dataclass
class Listed:
    """What a feed lists: a category's articles and its subcategories' (the whole site's: None), newest first."""

    category: Category | None
    articles: list


class LatestArticlesFeed(Feed):
    description = _("Medically reviewed health articles, newest first.")

    def get_object(self, request):
        return self.listed(request, None)

    def listed(self, request, category):
        """The articles fetched here, where the request is known: the feed is kept no longer than they are published."""
        articles = _latest() if category is None else _latest().in_category(category, category.children.all())
        articles = list(articles[:FEED_SIZE])
        publishing.shown(request, articles)
        return Listed(category, articles)

    def title(self, listed):
        return settings.HEALTHCMS_SITE_NAME

    def link(self, listed):
        return reverse("articles:home")

    def items(self, listed):
        return listed.articles

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
        return self.listed(request, get_object_or_404(Category, slug=slug))

    def title(self, listed):
        return f"{listed.category.name} · {settings.HEALTHCMS_SITE_NAME}"

    def link(self, listed):
        return listed.category.get_absolute_url()


class CategoryAtomFeed(CategoryFeed):
    feed_type = Atom1Feed
    subtitle = LatestArticlesFeed.description
