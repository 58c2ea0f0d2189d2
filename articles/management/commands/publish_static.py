from django.core.management.base import BaseCommand
from django.urls import reverse

from articles import publishing, static_pages
from articles.models import Article, Category, Page
from articles.sitemaps import SITEMAPS, PeopleSitemap


class Command(BaseCommand):
    help = (
        "Purge every cached public page; when publishing to static is on (HEALTHCMS_STATIC_PAGES_ROOT), "
        "write every public page as a file again, as readers at SITE_URL get it. Run it after a deploy "
        "(templates may have changed) and after a bulk import."
    )

    def handle(self, *args, **options):
        # Made again below, from the primary: no second purge for read replicas to catch up (it would remove them).
        publishing.purge(publishing.Pages(dirs={publishing.EVERYTHING}), again=False)
        if static_pages.static_storage() is None:
            self.stdout.write("Purged the page cache (publishing to static is off).")
            return
        made = failed = 0
        for path, status in static_pages.make(public_paths()):
            if status == 200:
                made += 1
                if options["verbosity"] > 1 and made % 1000 == 0:
                    self.stdout.write(f"{made} pages made")
            else:
                failed += 1
                self.stderr.write(f"{path}: {status}")
        # (A page showing an article that expires is made but not written: see articles/publishing.py.)
        self.stdout.write(
            f"Purged the page cache and made {made} pages, each written as a file where it may be ({failed} failed)."
        )
        if failed:
            raise SystemExit(1)


def public_paths():
    """Every public page without a query string: those that may be written as files."""
    yield from [reverse("articles:home"), reverse("articles:robots_txt"), reverse("sitemap")]
    yield from [reverse("sitemap_section", args=[section]) for section in SITEMAPS]
    yield from [reverse("articles:feed"), reverse("articles:feed_atom")]
    for category in Category.objects.order_by("pk"):
        yield from [category.get_absolute_url(), reverse("articles:category_feed", args=[category.slug])]
        yield reverse("articles:category_feed_atom", args=[category.slug])
    yield from [person.get_absolute_url() for person in PeopleSitemap().items()]
    yield from [page.get_absolute_url() for page in Page.objects.order_by("pk")]
    articles = Article.objects.published().select_related("live_category").only("slug", "live_category__slug")
    for article in articles.order_by("pk").iterator(chunk_size=2000):
        yield reverse("articles:article", args=[article.live_category.slug, article.slug])
