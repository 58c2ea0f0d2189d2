"""Citations: the numbered sources an article's statements rest on."""

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Max, Q
from django.utils.translation import gettext_lazy as _

from .validators import normalize_doi, normalize_pmid, validate_doi, validate_pmid


class Citation(models.Model):
    """
    One entry of an article's reference list. ``position`` is the number
    readers see, and the number the body's citation marks (``<sup>[n]</sup>``)
    point to. A citation can always be found: it has a URL, a DOI or a PubMed ID.
    """

    article = models.ForeignKey(
        "articles.Article", verbose_name=_("article"), on_delete=models.CASCADE, related_name="citations"
    )
    position = models.PositiveSmallIntegerField(
        _("number"),
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("The number readers see, as in [1]. Left empty, the citation goes at the end."),
    )
    authors = models.CharField(
        _("authors"), max_length=500, blank=True, help_text=_("For example: Knowler WC, Barrett-Connor E, et al.")
    )
    title = models.CharField(_("title"), max_length=500)
    publisher = models.CharField(
        _("publisher or organization"),
        max_length=200,
        blank=True,
        help_text=_("A journal, or an organization such as WHO or Cleveland Clinic."),
    )
    publication_year = models.PositiveSmallIntegerField(
        _("year published"), null=True, blank=True, validators=[MinValueValidator(1500), MaxValueValidator(2999)]
    )
    publication_date = models.DateField(
        _("date published"), null=True, blank=True, help_text=_("If known; the year is then taken from it.")
    )
    url = models.URLField(_("URL"), max_length=500, blank=True)
    doi = models.CharField(
        _("DOI"),
        max_length=200,
        blank=True,
        validators=[validate_doi],
        help_text=_("For example: 10.1056/NEJMoa012512."),
    )
    pmid = models.CharField(
        _("PubMed ID"), max_length=10, blank=True, validators=[validate_pmid], help_text=_("For example: 11832527.")
    )
    accessed_on = models.DateField(_("date accessed"), null=True, blank=True)

    class Meta:
        ordering = ["article", "position", "pk"]
        verbose_name = _("citation")
        verbose_name_plural = _("citations")
        constraints = [  # validated by full_clean(), so the admin form shows the message
            models.CheckConstraint(
                condition=~Q(url="") | ~Q(doi="") | ~Q(pmid=""),
                name="citation_has_url_doi_or_pmid",
                violation_error_message=_("Give a URL, a DOI or a PubMed ID so readers can find this source."),
            ),
        ]

    def __str__(self):
        return f"[{self.position}] {self.title}" if self.position else self.title

    def save(self, *args, **kwargs):
        if self.position is None:
            last = Citation.objects.filter(article=self.article_id).aggregate(last=Max("position"))["last"]
            self.position = (last or 0) + 1
        super().save(*args, **kwargs)

    def clean_fields(self, exclude=None):
        # Reduce pasted links ("https://doi.org/…", "PMID: …") to the bare identifier first.
        self.doi = normalize_doi(self.doi)
        self.pmid = normalize_pmid(self.pmid)
        super().clean_fields(exclude)

    def clean(self):
        # "URL, DOI or PubMed ID" is checked by the constraint in Meta, on the form and in the database.
        if self.publication_date:
            if self.publication_year and self.publication_year != self.publication_date.year:
                raise ValidationError({"publication_year": _("The year does not match the date published.")})
            self.publication_year = self.publication_date.year

    def as_data(self):
        """This citation's content as JSON-ready data, for an approved version of its article."""
        return {field: getattr(self, field) for field in DATA_FIELDS}

    @classmethod
    def from_data(cls, data):
        """An unsaved citation rebuilt from ``as_data()`` output (dates come back as strings)."""
        return cls(
            **{field: cls._meta.get_field(field).to_python(data[field]) for field in DATA_FIELDS if field in data}
        )

    def as_text(self):
        """One plain line with every field, for comparing two versions of a reference list."""
        parts = [self.authors, self.title, self.publisher, str(self.publication_date or self.publication_year or "")]
        parts += [self.url, self.doi and f"doi:{self.doi}", self.pmid and f"PMID: {self.pmid}"]
        return f"[{self.position}] " + ". ".join(part for part in parts if part)

    @property
    def web_url(self):
        """``url`` if it is a web address (http or https), else "": the only links readers are given."""
        try:
            scheme = urlsplit(self.url).scheme.lower()
        except ValueError:  # not even a URL ("http://["): whatever is stored, the page still renders
            return ""
        return self.url if scheme in {"http", "https"} else ""

    @property
    def doi_url(self):
        return f"https://doi.org/{self.doi}" if self.doi else ""

    @property
    def pubmed_url(self):
        return f"https://pubmed.ncbi.nlm.nih.gov/{self.pmid}/" if self.pmid else ""


# The fields that make up a citation's content (not its article or id).
DATA_FIELDS = [
    "position", "authors", "title", "publisher", "publication_year", "publication_date",
    "url", "doi", "pmid", "accessed_on",
]  # fmt: skip
