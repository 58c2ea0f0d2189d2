import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from references.models import Citation

from ..factories import CitationFactory

pytestmark = pytest.mark.django_db


def test_citation_needs_a_url_doi_or_pubmed_id(article):
    citation = Citation(article=article, title="A source nobody can find")
    with pytest.raises(ValidationError) as error:
        citation.full_clean()
    assert error.value.messages == ["Give a URL, a DOI or a PubMed ID so readers can find this source."]


@pytest.mark.parametrize(
    "locator", [{"url": "https://www.who.int/"}, {"doi": "10.1056/NEJMoa012512"}, {"pmid": "11832527"}]
)
def test_any_one_locator_is_enough(article, locator):
    Citation(article=article, title="Source", **locator).full_clean()


def test_database_refuses_citation_without_locator(article):
    with pytest.raises(IntegrityError), transaction.atomic():
        Citation.objects.create(article=article, title="No locator")


def test_each_locator_is_validated_in_its_own_form(article):
    citation = Citation(article=article, title="Source", url="not a url", doi="12.34/x", pmid="PMC99")
    with pytest.raises(ValidationError) as error:
        citation.full_clean()
    assert set(error.value.message_dict) == {"url", "doi", "pmid"}


def test_pasted_identifiers_are_stored_bare(article):
    citation = Citation(article=article, title="DPP", doi="https://doi.org/10.1056/NEJMoa012512", pmid="PMID: 11832527")
    citation.full_clean()
    citation.save()
    citation.refresh_from_db()
    assert (citation.doi, citation.pmid) == ("10.1056/NEJMoa012512", "11832527")
    assert citation.doi_url == "https://doi.org/10.1056/NEJMoa012512"
    assert citation.pubmed_url == "https://pubmed.ncbi.nlm.nih.gov/11832527/"


def test_year_is_taken_from_the_date(article):
    citation = Citation(
        article=article, title="Source", url="https://www.who.int/", publication_date=datetime.date(2021, 6, 1)
    )
    citation.full_clean()
    assert citation.publication_year == 2021


def test_year_must_match_the_date(article):
    citation = Citation(
        article=article,
        title="S",
        url="https://www.who.int/",
        publication_year=2020,
        publication_date=datetime.date(2021, 6, 1),
    )
    with pytest.raises(ValidationError) as error:
        citation.full_clean()
    assert "publication_year" in error.value.message_dict


def test_citations_without_a_number_go_at_the_end(article):
    first = CitationFactory(article=article)
    second = CitationFactory(article=article)
    CitationFactory(article=article, position=7)
    last = CitationFactory(article=article)
    assert (first.position, second.position, last.position) == (1, 2, 8)
    assert [c.position for c in article.citations.all()] == [1, 2, 7, 8]


def test_citations_are_deleted_with_their_article(citation):
    citation.article.delete()
    assert not Citation.objects.exists()


def test_citation_reads_as_number_and_title(citation):
    assert str(citation) == f"[1] {citation.title}"
