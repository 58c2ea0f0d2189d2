"""
The editorial content of a health publisher: categories, the people who write
and medically review, and the articles themselves.

Rules about one article live here. Rules about moving an article through
review live in ``articles/workflow.py``.
"""

from .article import (
    CONTENT_FIELDS,
    LISTING_FIELDS,
    LIVE_FIELDS,
    WORKING_COPY_TEXT,
    WRITTEN_FIELDS,
    Article,
    ArticleQuerySet,
    OldAddress,
    ReviewQueueItem,
)
from .categories import Category, reserved_slugs
from .events import ReviewEvent
from .pages import Page
from .people import Author, MedicalReviewer
from .versions import ArticleVersion, ReviewRound, Snapshot, prerendered

__all__ = [
    "CONTENT_FIELDS", "LISTING_FIELDS", "LIVE_FIELDS", "WORKING_COPY_TEXT", "WRITTEN_FIELDS",
    "Article", "ArticleQuerySet", "ArticleVersion", "Author", "Category", "MedicalReviewer",
    "OldAddress", "Page", "ReviewEvent", "ReviewQueueItem", "ReviewRound", "Snapshot", "prerendered", "reserved_slugs",
]  # fmt: skip
