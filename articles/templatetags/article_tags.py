"""Template filters for the public pages."""

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def machine_time(value):
    """
    A datetime for ``<time datetime>`` and ``article:*_time`` meta tags: ISO 8601
    in the site's time zone, to the second. (Django's ``date:"c"`` keeps the
    microseconds, and HTML allows at most three digits of a second.)
    """
    if not value:
        return ""
    return timezone.localtime(value).replace(microsecond=0).isoformat()


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    """``url`` as a full address: one on the site gets the site's scheme and host, one elsewhere (media on S3) stays."""
    return context["request"].build_absolute_uri(url)
