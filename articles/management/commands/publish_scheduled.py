from datetime import timedelta

from django.core.cache import caches
from django.core.management.base import BaseCommand
from django.db.models import Q
from django.utils import timezone

from articles import publishing, purges
from articles.models import Article

LAST_RUN = "publish_scheduled:last_run"


class Command(BaseCommand):
    help = (
        "Purge the cached and static pages of the articles whose go-live or expiry time has passed since the "
        "last run. Run it every minute (cron or a systemd timer): an article goes live within a minute of its "
        "time. (An expiring article is never kept past its expiry time, whether this runs or not.)"
    )

    def handle(self, *args, **options):
        cache, now = caches["pages"], timezone.now()
        since = cache.get(LAST_RUN) or now - timedelta(days=1)  # a cache that lost it: look back a day
        due = Article.objects.filter(live_version__isnull=False).filter(
            Q(go_live_at__gt=since, go_live_at__lte=now) | Q(expire_at__gt=since, expire_at__lte=now)
        )
        states = [purges.public_state(article) for article in due]
        publishing.purge(purges.article_pages(states))
        cache.set(LAST_RUN, now, timeout=None)
        self.stdout.write(
            f"{len(states)} article(s) went live or expired since {since:%Y-%m-%d %H:%M:%S}; their pages were purged."
        )
