"""healthcms's own system checks: settings a deployment can get wrong (`check --deploy`), and their clash with content."""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register


@register(Tags.caches, deploy=True)
def page_cache_is_shared(app_configs, **kwargs):
    """A purge reaches only the process it runs in when each process has its own page cache."""
    backend = settings.CACHES["pages"]["BACKEND"]
    if settings.HEALTHCMS_PAGE_CACHE_TIMEOUT and backend.endswith("LocMemCache"):
        return [
            Warning(
                "The page cache is in each process's own memory: a change purges the old page in the process "
                "that made it only, and the other workers, or the one worker when the change comes from cron's "
                "publish_scheduled or an import, go on serving it for up to HEALTHCMS_PAGE_CACHE_TIMEOUT seconds.",
                hint="Set PAGE_CACHE_URL to a cache that every process shares (redis://..., or "
                "filecache:///var/cache/healthcms on one machine), or HEALTHCMS_PAGE_CACHE_TIMEOUT=0.",
                id="healthcms.W001",
            )
        ]
    return []


@register(Tags.database)
def categories_clear_of_the_sites_addresses(app_configs, databases=None, **kwargs):
    """A category whose slug another route takes (after ADMIN_URL moved, say) has a page nobody can reach."""
    from django.db import DatabaseError

    from articles.models import Category, reserved_slugs

    if not databases:
        return []
    try:
        taken = list(Category.objects.filter(slug__in=reserved_slugs()).values_list("slug", flat=True))
    except DatabaseError:  # not migrated yet: nothing to collide with
        return []
    return [
        Error(
            f"The category “{slug}” lives at /{slug}/, which the site uses for another page: its page cannot be reached.",
            hint="Give the category another slug, or move ADMIN_URL, STATIC_URL or MEDIA_URL.",
            id="healthcms.E001",
        )
        for slug in taken
    ]
