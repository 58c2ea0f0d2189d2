"""schema.org JSON-LD for the public pages, as search engines read medical pages."""

import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

# Characters that must not appear raw inside <script> (as Django's json_script escapes them).
SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def to_script(data):
    """``data`` as the body of a ``<script type="application/ld+json">`` element."""
    return mark_safe(json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(SCRIPT_ESCAPES))


def _person(request, person, credentials):
    return {
        "@type": "Person",
        "name": person.name,
        "url": request.build_absolute_uri(person.get_absolute_url()),
        "jobTitle": credentials,
    }


def breadcrumb(request, trail):
    """A BreadcrumbList from ``[(name, url), …]``, home first."""
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": index, "name": name, "item": request.build_absolute_uri(url)}
            for index, (name, url) in enumerate(trail, start=1)
        ],
    }


def article(request, article, version, citations, url, ancestors):
    """
    MedicalWebPage (and its breadcrumb) for one article's ``version``;
    ``ancestors``: the categories above its category, its section first.
    """
    category = version.category
    page = {
        "@type": "MedicalWebPage",
        "@id": url,
        "url": url,
        "headline": version.title,
        "name": version.title,
        "description": version.summary,
        "inLanguage": request.LANGUAGE_CODE,
        "author": _person(request, version.author, version.author.credentials),
        "citation": [_citation(citation) for citation in citations],
        "isPartOf": {"@type": "WebSite", "name": settings.HEALTHCMS_SITE_NAME, "url": request.build_absolute_uri("/")},
    }
    if version.reviewed_at:  # a preview of unreviewed text claims no review
        page["reviewedBy"] = _person(request, version.reviewer, version.reviewer.credentials)
        page["lastReviewed"] = version.reviewed_at.date()
        page["dateModified"] = version.reviewed_at
        page["datePublished"] = article.first_published_at or version.reviewed_at
    if version.hero_renditions:
        page["image"] = {
            "@type": "ImageObject",
            "url": request.build_absolute_uri(version.hero_renditions.largest),
            "width": version.hero_image_width,
            "height": version.hero_image_height,
            "caption": version.hero_image_alt,
            "creditText": version.hero_image_credit,
        }
    if category.condition:
        page["about"] = {"@type": "MedicalCondition", "name": category.condition}
    trail = [(_("Home"), reverse("articles:home"))]
    trail += [(above.name, above.get_absolute_url()) for above in [*ancestors, category]]
    trail.append((version.title, url))
    return to_script({"@context": "https://schema.org", "@graph": [page, breadcrumb(request, trail)]})


def _citation(citation):
    work = {"@type": "ScholarlyArticle" if citation.doi or citation.pmid else "CreativeWork", "name": citation.title}
    if citation.authors:
        work["author"] = citation.authors
    if citation.publisher:
        work["publisher"] = {"@type": "Organization", "name": citation.publisher}
    if citation.publication_date or citation.publication_year:
        work["datePublished"] = str(citation.publication_date or citation.publication_year)
    if citation.web_url or citation.doi:
        work["url"] = citation.doi_url or citation.web_url
    identifiers = []
    if citation.doi:
        identifiers.append({"@type": "PropertyValue", "propertyID": "DOI", "value": citation.doi})
    if citation.pmid:
        identifiers.append({"@type": "PropertyValue", "propertyID": "PMID", "value": citation.pmid})
    if identifiers:
        work["identifier"] = identifiers
    return work
