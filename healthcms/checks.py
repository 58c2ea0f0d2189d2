"""Deployment checks of healthcms's own settings (``manage.py check --deploy``)."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


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
