"""
Which public pages each change alters, and the signals that purge exactly those
(``publishing.purge``) once the change commits: an article approved, unpublished
or rescheduled; a category, writer, reviewer or site page saved or deleted.
``manage.py publish_scheduled`` uses ``article_pages`` for go-live and expiry times.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from django.urls import reverse

from .models import Article, Author, Category, MedicalReviewer, Page
from .publishing import EVERYTHING, Pages, purge, purge_on_commit
from .sitemaps import SITEMAPS


def _feeds(category=None):
    """The RSS and Atom feeds of ``category`` (None: of the whole site)."""
    if category is None:
        return [reverse("articles:feed"), reverse("articles:feed_atom")]
    return [
        reverse("articles:category_feed", args=[category.slug]),
        reverse("articles:category_feed_atom", args=[category.slug]),
    ]


def _sitemap():
    """The sitemap's index and its sections' files (every ?p= with each)."""
    return [reverse("sitemap"), *(reverse("sitemap_section", args=[section]) for section in SITEMAPS)]


def _listing_everything():
    """Home, search (every query: results list any article, with its category and writer) and the sitemap."""
    return {reverse("articles:home"), reverse("articles:search"), *_sitemap()}


def section_pages(section_ids):
    """
    The directories of the sections (top-level categories) ``section_ids``:
    those of every category in them, at any depth, each with its articles.
    """
    return Pages(dirs=set(Category.objects.subtree(*section_ids).values_list("slug", flat=True)))


def article_pages(states):
    """
    The pages that show an article in any of ``states`` (``public_state()``
    before and after a change): its own, its section's directories, home, the site's
    feeds and those of its category and every category above it (a category's
    feed lists the articles of all the categories under it), its writer's and
    reviewer's pages, the sitemap.
    """
    states = [state for state in states if state and state["live_version_id"]]
    if not states:
        return Pages()
    categories = Category.objects.filter(pk__in=[s["live_category_id"] for s in states])
    lineages = [[*category.ancestors(), category] for category in categories.select_related("parent__parent")]
    pages = section_pages({lineage[0].pk for lineage in lineages})
    pages.paths |= {*_listing_everything(), *_feeds()}
    pages.paths |= {path for lineage in lineages for category in lineage for path in _feeds(category)}
    pages.paths |= {a.get_absolute_url() for a in Author.objects.filter(pk__in=[s["live_author_id"] for s in states])}
    pages.paths |= {
        r.get_absolute_url() for r in MedicalReviewer.objects.filter(pk__in=[s["live_reviewer_id"] for s in states])
    }
    # The article's own page (its directory covers it already), by name: made again ahead of readers.
    slugs = {category.pk: category.slug for lineage in lineages for category in lineage}
    pages.paths |= {
        reverse("articles:article", args=[slugs[s["live_category_id"]], s["slug"]])
        for s in states
        if s["live_category_id"] in slugs  # (its category gone: its directory is the section's, purged above)
    }
    return pages


# An article's fields that decide where and how it is shown to readers.
PUBLIC_FIELDS = [
    "slug", "live_version_id", "live_category_id", "live_author_id", "live_reviewer_id",
    "featured", "go_live_at", "expire_at", "first_published_at",
]  # fmt: skip


def public_state(article):
    """What readers can see of ``article`` (None for fields not loaded)."""
    return {name: article.__dict__.get(name) for name in PUBLIC_FIELDS}


@receiver(pre_save, sender=Article)
def _remember_public_state(sender, instance, **kwargs):
    """What readers could see of the article before this save, as stored (the instance may be an older copy)."""
    if instance.pk is not None:
        instance._public_state = Article.objects.filter(pk=instance.pk).values(*PUBLIC_FIELDS).first()


@receiver(post_save, sender=Article)
def _article_saved(sender, instance, created, update_fields=None, **kwargs):
    before, after = getattr(instance, "_public_state", None), public_state(instance)
    if update_fields is not None and before is not None:  # the other fields are stored as they were
        after = {
            name: after[name] if name.removesuffix("_id") in update_fields or name in update_fields else value
            for name, value in before.items()
        }
    instance._public_state = after
    if before != after:
        transaction.on_commit(lambda: purge(article_pages([before, after])), robust=True)


@receiver(post_delete, sender=Article)
def _article_deleted(sender, instance, **kwargs):
    state = public_state(instance)
    transaction.on_commit(lambda: purge(article_pages([state])), robust=True)


def _people_pages(articles):
    """The pages of the writers and reviewers of ``articles`` (published ones)."""
    authors = Author.objects.filter(pk__in=articles.values("live_author"))
    reviewers = MedicalReviewer.objects.filter(pk__in=articles.values("live_reviewer"))
    return {person.get_absolute_url() for person in [*authors, *reviewers]}


@receiver(pre_save, sender=Category)
@receiver(pre_save, sender=Author)
@receiver(pre_save, sender=MedicalReviewer)
@receiver(pre_save, sender=Page)
def _remember_address(sender, instance, **kwargs):
    """The address before this save, as stored (the instance may be an older copy)."""
    fields = ["slug", "parent_id"] if sender is Category else ["slug"]
    instance._stored = sender.objects.filter(pk=instance.pk).values(*fields).first() if instance.pk else None


def _loaded(instance, **kwargs):
    """The address ``instance`` had before this save (or delete); its own when it is new."""
    return getattr(instance, "_stored", None) or {
        "slug": instance.slug,
        "parent_id": getattr(instance, "parent_id", None),
    }


def _section_id(category_id):
    """The section of the category ``category_id``, as stored now."""
    return Category.objects.select_related("parent__parent").get(pk=category_id).section_id


@receiver(post_save, sender=Category)
@receiver(post_delete, sender=Category)
def _category_changed(sender, instance, **kwargs):
    """
    A top-level category is in every page's navigation (and one loaded as a record, by import_content or
    loaddata, may name a parent not loaded yet): everything. Another is on its page and those under it, with
    their articles' (breadcrumbs); in its section and in the one it left (cards, and the listings of the
    categories above it); on home, in the feeds and on the pages of the people whose articles it holds.
    """
    before = _loaded(instance, **kwargs)
    if kwargs.get("raw") or before["parent_id"] is None or instance.parent_id is None:
        purge_on_commit(Pages(dirs={EVERYTHING}))
        return
    subtree = Category.objects.subtree(instance)  # (empty once deleted: a category with children cannot be)
    published = Article.objects.filter(live_version__isnull=False, live_category__in=subtree)
    pages = section_pages({_section_id(parent_id) for parent_id in {before["parent_id"], instance.parent_id}})
    pages.dirs |= {before["slug"], "feeds", *subtree.values_list("slug", flat=True)}
    pages.paths |= {*_listing_everything(), *_people_pages(published)}
    purge_on_commit(pages)


@receiver(post_save, sender=Author)
@receiver(post_delete, sender=Author)
def _author_changed(sender, instance, **kwargs):
    """A writer is on their page, their articles' bylines and every card of theirs: sections, home, feeds, reviewers' pages."""
    published = Article.objects.filter(live_version__isnull=False, live_author=instance.pk)
    pages = section_pages(set(published.values_list("live_section", flat=True)))
    pages.dirs.add("feeds")
    pages.paths |= {*_listing_everything(), *_people_pages(published), *_address(instance, "articles:author", **kwargs)}
    purge_on_commit(pages)


@receiver(post_save, sender=MedicalReviewer)
@receiver(post_delete, sender=MedicalReviewer)
def _reviewer_changed(sender, instance, **kwargs):
    """A reviewer is on their page and on the pages of the articles they reviewed (not on cards)."""
    published = Article.objects.filter(live_version__isnull=False, live_reviewer=instance.pk).select_related(
        "live_category"
    )
    paths = {
        reverse("articles:article", args=[article.live_category.slug, article.slug])
        for article in published.only("slug", "live_category__slug")
    }
    purge_on_commit(Pages(paths={*paths, *_sitemap(), *_address(instance, "articles:reviewer", **kwargs)}))


@receiver(post_save, sender=Page)
@receiver(post_delete, sender=Page)
def _page_changed(sender, instance, **kwargs):
    purge_on_commit(Pages(paths={*_sitemap(), *_address(instance, "articles:page", **kwargs)}))


def _address(instance, name, **kwargs):
    """A profile or site page's address; also its old one, when the slug changed."""
    old = _loaded(instance, **kwargs)["slug"]
    return {reverse(name, args=[slug]) for slug in {old, instance.slug} - {None, ""}}
