from django.conf import settings

from .models import Category


def site(request):
    """The site's name and its top-level categories, for the header and footer of every page."""
    return {
        "site_name": settings.HEALTHCMS_SITE_NAME,
        # A queryset: evaluated (one query) only by templates that show the navigation.
        "nav_categories": Category.objects.filter(parent=None),
    }
