import datetime

from references.formatting import vancouver
from references.models import Citation


def test_journal_article_in_vancouver_style_with_doi_and_pubmed_links():
    citation = Citation(
        authors="Knowler WC, Barrett-Connor E, et al.",
        title="Reduction in the incidence of type 2 diabetes with lifestyle intervention or metformin",
        publisher="N Engl J Med",
        publication_date=datetime.date(2002, 2, 7),
        doi="10.1056/NEJMoa012512",
        pmid="11832527",
        url="https://www.nejm.org/doi/full/10.1056/NEJMoa012512",
    )
    assert vancouver(citation) == (
        "Knowler WC, Barrett-Connor E, et al. <cite>Reduction in the incidence of type 2 diabetes with lifestyle"
        " intervention or metformin.</cite> N Engl J Med; 2002 Feb 7."
        ' doi:<a href="https://doi.org/10.1056/NEJMoa012512">10.1056/NEJMoa012512</a>.'
        ' PMID: <a href="https://pubmed.ncbi.nlm.nih.gov/11832527/">11832527</a>.'
    )


def test_web_page_with_date_accessed():
    citation = Citation(
        title="Diabetes",
        publisher="World Health Organization",
        url="https://www.who.int/x",
        accessed_on=datetime.date(2026, 10, 1),
    )
    assert vancouver(citation) == (
        '<cite>Diabetes.</cite> World Health Organization. Available from: <a href="https://www.who.int/x">'
        "https://www.who.int/x</a> (accessed 1 Oct 2026)."
    )


def test_text_is_escaped():
    assert "&lt;script&gt;" in vancouver(Citation(title="<script>", url="https://a.example/"))
