"""
The public site: home, category, article, author, reviewer, search and site
pages. Readers only ever see approved versions (``Article.objects.published()``);
staff preview a working copy at a separate address that is never cached. An
article's address outlives its publication: a changed slug redirects, and an
article readers saw that is no longer published answers 410 Gone.
"""

import datetime
import re
from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_safe

from . import history, publishing, search, structured_data
from .models import Article, ArticleVersion, Author, Category, MedicalReviewer, Page

PER_PAGE = 12


def public_page(view):
    """
    A page readers and crawlers see alike: GET and HEAD only, cacheable by
    browsers for ``HEALTHCMS_CACHE_MAX_AGE`` seconds and by shared caches (a
    CDN) for ``HEALTHCMS_CACHE_S_MAXAGE``, and kept in the page cache (and as a
    file) until something on it changes (``publishing.serve``). A view notes the
    articles it shows with ``publishing.shown``, so that a page is kept no longer
    than they are published. (ConditionalGetMiddleware adds the ETag and answers
    a matching conditional GET with 304.)
    """
    cached = cache_control(
        public=True, max_age=settings.HEALTHCMS_CACHE_MAX_AGE, s_maxage=settings.HEALTHCMS_CACHE_S_MAXAGE
    )(view)

    @wraps(view)
    def kept(request, *args, **kwargs):
        return publishing.serve(request, cached, *args, **kwargs)

    return require_safe(kept)


def _listing():
    return Article.objects.published().for_listing()


# Listings page by keyset: a page names the article it continues from, by that article's place in the
# listing order (first published, then id), so page 896 costs what page 1 costs (no COUNT, no OFFSET),
# and an article published meanwhile shifts nothing. The cursor reads "20261120T101530.123456Z-12345".
CURSOR = re.compile(r"([0-9]{8}T[0-9]{6}\.[0-9]{6})Z-([1-9][0-9]{0,17})")
CURSOR_TIME = "%Y%m%dT%H%M%S.%f"


def cursor(article):
    """The cursor of ``article``'s place in a listing."""
    return f"{article.first_published_at.astimezone(datetime.UTC):{CURSOR_TIME}}Z-{article.pk}"


def parse_cursor(value):
    """``(first_published_at, pk)`` from a cursor; 404 for anything that is not one."""
    match = CURSOR.fullmatch(value)
    try:
        return datetime.datetime.strptime(match[1], CURSOR_TIME).replace(tzinfo=datetime.UTC), int(match[2])
    except (TypeError, ValueError):  # no match, or no such date (a 31 February)
        raise Http404("Not a page of this listing.") from None


@dataclass
class ListingPage:
    """One page of a listing, and the cursors of the pages either side of it (None at an end)."""

    object_list: list
    newer: str | None  # the page before this one: ?after=<newer>
    older: str | None  # the page after this one: ?before=<older>
    query: str  # the query string that addresses this page; "" on the first


def listing_page(request, articles):
    """
    The page of ``articles`` (``for_listing``'s order) that ``?before=<cursor>``
    (older than that article) or ``?after=<cursor>`` (newer) asks for; the
    first page without either. One query, of at most ``PER_PAGE + 1`` rows
    (the one more tells whether a page follows). None when a cursor leads to
    an empty page (its articles were unpublished since the link was made).
    """
    before, after = request.GET.get("before"), request.GET.get("after")
    if before is not None and after is not None:
        raise Http404("Not a page of this listing.")
    if after is not None:
        # Read from the cursor upwards (the index backwards), then put the page newest first.
        rows = list(articles.newer_than(*parse_cursor(after)).reverse()[: PER_PAGE + 1])
        shown = rows[:PER_PAGE][::-1]
        has_newer, has_older = len(rows) > PER_PAGE, True  # (the cursor's article is older)
        query = f"after={after}"
    else:
        if before is not None:
            articles = articles.older_than(*parse_cursor(before))
        rows = list(articles[: PER_PAGE + 1])
        shown = rows[:PER_PAGE]
        has_newer, has_older = before is not None, len(rows) > PER_PAGE
        query = f"before={before}" if before is not None else ""
    if query and not shown:
        return None
    newer, older = cursor(shown[0]) if has_newer else None, cursor(shown[-1]) if has_older else None
    return ListingPage(shown, newer, older, query)


def _render_listing(request, template, context, articles, first_page):
    """``template`` with ``context`` and ``page``, the page of ``articles`` asked for (``listing_page``)."""
    if "page" in request.GET:  # an address of the numbered pages before keyset paging: the first page now, for good
        return redirect(first_page, permanent=True)
    page = listing_page(request, articles)
    if page is None:
        return redirect(first_page)
    publishing.shown(request, page.object_list)
    return render(request, template, {**context, "page": page})


@public_page
def home(request):
    """Featured articles, the latest ones, and the categories."""
    featured = list(_listing().filter(featured=True)[:3])
    latest = list(_listing().exclude(pk__in=[a.pk for a in featured])[:9])
    publishing.shown(request, [*featured, *latest])
    categories = Category.objects.filter(parent=None)
    return render(request, "articles/home.html", {"featured": featured, "latest": latest, "categories": categories})


@public_page
def category_detail(request, slug):
    """One category: its subcategories and its articles and theirs, newest first, by pages (?before=, ?after=)."""
    category = get_object_or_404(Category.objects.select_related("parent"), slug=slug)
    children = list(category.children.all())
    articles = _listing().in_category(category, children)
    context = {"category": category, "children": children, "ancestors": category.ancestors()}
    return _render_listing(request, "articles/category_detail.html", context, articles, category.get_absolute_url())


@public_page
def article_detail(request, category_slug, slug):
    """
    A published article as its live version; a stale category in the address redirects to the right one.
    Where no published article has ``slug``, see ``_not_published``.
    """
    try:
        article = Article.objects.published().for_detail().get(slug=slug)
    except Article.DoesNotExist:
        return _not_published(request, slug)
    category = article.live_version.category
    if category.slug != category_slug:
        return redirect(article, permanent=True)
    others = _listing().exclude(pk=article.pk)
    context = _article_context(request, article, article.live_version)
    # Run here, not when the template happens to read them.
    context["more"] = list(others.filter(live_category=category)[:3])
    context["related"] = list(others.filter(live_section=article.live_section_id).exclude(live_category=category)[:3])
    publishing.shown(request, [article, *context["more"], *context["related"]])
    return render(request, "articles/article_detail.html", context)


def _not_published(request, slug):
    """
    The answer at an article's address (in any category) when no published article has ``slug``: 410 Gone,
    naming the article and what replaced it, for an article readers saw there; a permanent redirect to
    its current address for an article that had ``slug`` before an editor changed it (``OldAddress``),
    or 410 if that one is gone too; 404 for anything readers never saw (a draft, an article scheduled to
    go live), whose title must not leak.
    """
    article = Article.objects.only("go_live_at", "expire_at", "replaced_by").filter(slug=slug).first()
    seen = history.last_seen_version(article) if article is not None else None
    if seen is None:  # a draft holding the slug does not hide the redirect from it
        article = Article.objects.filter(old_addresses__slug=slug).select_related("live_version__category").first()
        if article is not None and article.is_published:
            return redirect(article, permanent=True)
        seen = history.last_seen_version(article) if article is not None else None
    if seen is None:
        raise Http404("No article readers have seen has this address.")
    # Only a published replacement, as its live version (the working copy's title may not be approved).
    replacements = list(_listing().filter(pk=article.replaced_by_id)) if article.replaced_by_id else []
    publishing.shown(request, replacements)
    context = {"version": seen, "replacements": replacements}
    return render(request, "articles/gone.html", context, status=410)


@never_cache
def article_preview(request, pk):
    """The working copy as readers would see it once approved; staff who may open the article only."""
    if not admin.site.has_permission(request):  # staff, logged in, with their second factor if they have one
        return redirect_to_login(request.get_full_path(), reverse("admin:login"))
    article = get_object_or_404(
        Article.objects.visible_to(request.user).select_related("category__parent", "author", "reviewer"), pk=pk
    )
    if article.reviewer is None:
        raise Http404("Assign a medical reviewer to preview the article.")
    # Not reviewed yet: the page says whose review is pending, and no date.
    version = ArticleVersion.from_working_copy(article, reviewed_at=None)
    context = _article_context(request, article, version)
    response = render(request, "articles/article_detail.html", {**context, "preview": True})
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _article_context(request, article, version):
    if version.pk is None:
        version.prerender()  # a preview; an approved version was rendered when approved
    url = request.build_absolute_uri(reverse("articles:article", args=[version.category.slug, article.slug]))
    above = version.category.ancestors()
    return {
        "article": article,
        "version": version,
        "canonical_url": url,
        "ancestors": above,
        "json_ld": structured_data.article(request, article, version, version.citation_list(), url, above),
    }


@public_page
def author_detail(request, slug):
    """A writer's profile and the articles they wrote, as readers see them (?before=, ?after=)."""
    author = get_object_or_404(Author, slug=slug)
    return _profile(request, author, "author", _listing().filter(live_author=author))


@public_page
def reviewer_detail(request, slug):
    """A medical reviewer's profile and the articles they reviewed (?before=, ?after=)."""
    reviewer = get_object_or_404(MedicalReviewer, slug=slug)
    return _profile(request, reviewer, "reviewer", _listing().filter(live_reviewer=reviewer))


def _profile(request, person, role, articles):
    context = {"person": person, "role": role}
    return _render_listing(request, "articles/person_detail.html", context, articles, person.get_absolute_url())


@public_page
def search_view(request):
    """Full-text search of published articles (?q=, ?page=); empty and unmatched queries are answered politely."""
    query = search.clean_query(request.GET.get("q", ""))
    page = None
    if query:
        page = Paginator(search.search(query), PER_PAGE).get_page(request.GET.get("page"))
        publishing.shown(request, page.object_list)
    return render(request, "articles/search.html", {"query": query, "page": page})


@public_page
def page_detail(request, slug):
    return render(request, "articles/page_detail.html", {"page": get_object_or_404(Page, slug=slug)})


@public_page
def robots_txt(request):
    lines = [
        "User-agent: *",
        f"Disallow: {reverse('admin:index')}",
        "Disallow: /preview/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
