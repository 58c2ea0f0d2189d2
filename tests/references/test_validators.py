import pytest
from django.core.exceptions import ValidationError

from references.validators import normalize_doi, normalize_pmid, validate_doi, validate_pmid


@pytest.mark.parametrize(
    "doi", ["10.1056/NEJMoa012512", "10.1016/S0140-6736(20)30183-5", "10.1371/journal.pmed.1000097"]
)
def test_valid_dois(doi):
    validate_doi(doi)


@pytest.mark.parametrize(
    "doi", ["", "NEJMoa012512", "10.12/short", "11.1056/NEJMoa012512", "10.1056/ with space", "10.1056/"]
)
def test_invalid_dois(doi):
    with pytest.raises(ValidationError) as error:
        validate_doi(doi)
    assert "A DOI looks like 10.1056/NEJMoa012512" in error.value.messages[0]


@pytest.mark.parametrize(
    "pasted",
    [
        "https://doi.org/10.1056/NEJMoa012512",
        "http://dx.doi.org/10.1056/NEJMoa012512",
        "doi: 10.1056/NEJMoa012512",
        " 10.1056/NEJMoa012512 ",
    ],
)
def test_pasted_doi_links_are_reduced_to_the_doi(pasted):
    assert normalize_doi(pasted) == "10.1056/NEJMoa012512"


@pytest.mark.parametrize("pmid", ["11832527", "1", "123456789"])
def test_valid_pubmed_ids(pmid):
    validate_pmid(pmid)


@pytest.mark.parametrize("pmid", ["", "0123", "PMC1234567", "12a45", "1234567890", "-5"])
def test_invalid_pubmed_ids(pmid):
    with pytest.raises(ValidationError) as error:
        validate_pmid(pmid)
    assert "A PubMed ID is a number" in error.value.messages[0]


@pytest.mark.parametrize("pasted", ["PMID: 11832527", "pmid11832527", "11832527 "])
def test_pasted_pubmed_ids_are_reduced_to_the_number(pasted):
    assert normalize_pmid(pasted) == "11832527"
