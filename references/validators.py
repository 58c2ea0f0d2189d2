"""
Checks and clean-ups for the identifiers a citation is found by.

Writers paste identifiers in many shapes ("https://doi.org/10.1000/x",
"doi:10.1000/x", "PMID: 123"); ``normalize_*`` reduce them to the bare
identifier, and ``validate_*`` refuse whatever is still not one.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Crossref's pattern for modern DOIs: "10.", a registrant code, "/", a suffix.
DOI_RE = re.compile(r"^10\.\d{4,9}/\S+$")
DOI_PREFIX_RE = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
PMID_RE = re.compile(r"^[1-9]\d{0,8}$")
PMID_PREFIX_RE = re.compile(r"^pmid:?\s*", re.IGNORECASE)


def normalize_doi(value):
    return DOI_PREFIX_RE.sub("", value.strip())


def normalize_pmid(value):
    return PMID_PREFIX_RE.sub("", value.strip())


def validate_doi(value):
    if not DOI_RE.match(value):
        raise ValidationError(
            _("“%(value)s” is not a DOI. A DOI looks like 10.1056/NEJMoa012512."),
            code="invalid_doi",
            params={"value": value},
        )


def validate_pmid(value):
    if not PMID_RE.match(value):
        raise ValidationError(
            _("“%(value)s” is not a PubMed ID. A PubMed ID is a number, such as 11832527."),
            code="invalid_pmid",
            params={"value": value},
        )
