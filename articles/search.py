"""
The one place that knows how search runs: PostgreSQL full-text search with
ranking (title before summary before body) when on PostgreSQL, and a plain
"every word appears somewhere" match on SQLite.
"""

import re
from functools import reduce
from operator import and_

from django.conf import settings
from django.db import connection
from django.db.models import Q

from .models import Article

MAX_QUERY_LENGTH = 200
MAX_WORDS = 12
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")


def clean_query(raw):
    """The query as searched: control characters out, spaces collapsed, length bounded."""
    words = CONTROL_CHARACTERS.sub(" ", raw).split()
    return " ".join(words[:MAX_WORDS])[:MAX_QUERY_LENGTH].strip()


def search(query):
    """Published articles matching ``query`` (already cleaned), best first."""
    articles = Article.objects.published().for_listing()
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        config = settings.HEALTHCMS_SEARCH_CONFIG
        vector = (
            SearchVector("live_version__title", weight="A", config=config)
            + SearchVector("live_version__summary", weight="B", config=config)
            + SearchVector("live_version__body", weight="C", config=config)
        )
        search_query = SearchQuery(query, search_type="websearch", config=config)
        return (
            articles.annotate(document=vector, rank=SearchRank(vector, search_query))
            .filter(document=search_query)
            .order_by("-rank", "-first_published_at")
        )
    words = query.split()
    each_word = [
        Q(live_version__title__icontains=w) | Q(live_version__summary__icontains=w) | Q(live_version__body__icontains=w)
        for w in words
    ]
    return articles.filter(reduce(and_, each_word))  # newest first
