"""
The public site: home, category, article, author, reviewer, search and site
pages. Readers only ever see approved versions (``Article.objects.published()``);
staff preview a working copy at a separate address that is never cached.
"""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_safe

from . import search, structured_data
from .models import Article, ArticleVersion, Author, Category, MedicalReviewer, Page

PER_PAGE = 12


def public_page(view):
    """
    A page readers and crawlers see alike: GET and HEAD only, cacheable by
    browsers for ``HEALTHCMS_CACHE_MAX_AGE`` seconds and by shared caches (a
    CDN) for ``HEALTHCMS_CACHE_S_MAXAGE``. (ConditionalGetMiddleware adds the
    ETag and answers a matching conditional GET with 304.)
    """
    cached = cache_control(public=True, max_age=settings.HEALTHCMS_CACHE_MAX_AGE, s_maxage=settings.HEALTHCMS_CACHE_S_MAXAGE)
    return require_safe(cached(view))


def _listing():
    return Article.objects.published().for_listing()


@public_page
def home(request):
    """Featured articles, the latest ones, and the categories."""
    featured = list(_listing().filter(featured=True)[:3])
    latest = _listing().exclude(pk__in=[a.pk for a in featured])[:9]
    categories = Category.objects.filter(parent=None)
    return render(request, "articles/home.html", {"featured": featured, "latest": latest, "categories": categories})


@public_page
def category_detail(request, slug):
    """One category: its subcategories and its articles and theirs, newest first, paginated (?page=)."""
    category = get_object_or_404(Category.objects.select_related("parent"), slug=slug)
    children = list(category.children.all())
    articles = _listing().filter(live_version__category__in=[category, *children])
    page = Paginator(articles, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request, "articles/category_detail.html", {"category": category, "children": children, "page": page}
    )


@public_page
def article_detail(request, category_slug, slug):
    """A published article as its live version; a stale category in the address redirects to the right one."""
    article = get_object_or_404(Article.objects.published().for_detail(), slug=slug)
    category = article.live_version.category
    if category.slug != category_slug:
        return redirect(article, permanent=True)
    others = _listing().exclude(pk=article.pk)
    section = category.parent_id or category.pk  # the top-level category this one belongs to
    context = _article_context(request, article, article.live_version)
    # Run here, not when the template happens to read them.
    context["more"] = list(others.filter(live_version__category=category)[:3])
    context["related"] = list(
        others.filter(Q(live_version__category=section) | Q(live_version__category__parent=section))
        .exclude(live_version__category=category)[:3]
    )
    return render(request, "articles/article_detail.html", context)


@never_cache
def article_preview(request, pk):
    """The working copy as readers would see it once approved; staff who may open the article only."""
    if not admin.site.has_permission(request):  # staff, logged in, with their second factor if they have one
        return redirect_to_login(request.get_full_path(), reverse("admin:login"))
    article = get_object_or_404(Article.objects.visible_to(request.user).select_related("category", "author", "reviewer"), pk=pk)
    if article.reviewer is None:
        raise Http404("Assign a medical reviewer to preview the article.")
    version = ArticleVersion(
        article=article,
        citations=[citation.as_data() for citation in article.citations.all()],
        reviewed_at=None,  # not reviewed yet: the page says whose review is pending, and no date
        **{field: getattr(article, field) for field in ["title", "summary", "body", "category", "author", "reviewer"]},
        hero_image=article.hero_image,
        hero_image_width=article.hero_image_width,
        hero_image_height=article.hero_image_height,
        hero_image_alt=article.hero_image_alt,
        hero_image_credit=article.hero_image_credit,
    )
    context = _article_context(request, article, version)
    response = render(request, "articles/article_detail.html", {**context, "preview": True})
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _article_context(request, article, version):
    if version.pk is None:
        version.prerender()  # a preview; an approved version was rendered when approved
    url = request.build_absolute_uri(reverse("articles:article", args=[version.category.slug, article.slug]))
    return {
        "article": article,
        "version": version,
        "canonical_url": url,
        "json_ld": structured_data.article(request, article, version, version.citation_list(), url),
    }


@public_page
def author_detail(request, slug):
    """A writer's profile and the articles they wrote (?page=)."""
    author = get_object_or_404(Author, slug=slug)
    return _profile(request, author, "author", _listing().filter(live_version__author=author))


@public_page
def reviewer_detail(request, slug):
    """A medical reviewer's profile and the articles they reviewed (?page=)."""
    reviewer = get_object_or_404(MedicalReviewer, slug=slug)
    return _profile(request, reviewer, "reviewer", _listing().filter(live_version__reviewer=reviewer))


def _profile(request, person, role, articles):
    page = Paginator(articles, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "articles/person_detail.html", {"person": person, "role": role, "page": page})


@public_page
def search_view(request):
    """Full-text search of published articles (?q=, ?page=); empty and unmatched queries are answered politely."""
    query = search.clean_query(request.GET.get("q", ""))
    page = None
    if query:
        page = Paginator(search.search(query), PER_PAGE).get_page(request.GET.get("page"))
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
