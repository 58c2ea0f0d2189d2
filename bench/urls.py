"""
The site's URLs plus the benchmark's constant view (bench/settings.py selects this).

``/bench/constant/`` answers a fixed few bytes through the site's whole middleware
stack: the fastest any Django page of this project can be, the "framework floor"
that bench/load.py compares each page with.
"""

from django.http import HttpResponse
from django.urls import path

from healthcms.urls import *  # noqa: F403  (urlpatterns, and any handler404/500)
from healthcms.urls import urlpatterns as site_urlpatterns


def constant(request):
    return HttpResponse(b"constant", content_type="text/plain")


# First: the site's "<category>/<article>/" pattern would otherwise take this address.
urlpatterns = [path("bench/constant/", constant), *site_urlpatterns]
