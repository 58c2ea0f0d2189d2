"""
Citations in Vancouver style, the style of the ICMJE and most medical journals:

    Knowler WC, Barrett-Connor E, et al. Reduction in the incidence of type 2
    diabetes with lifestyle intervention or metformin. N Engl J Med; 2002.
    doi:10.1056/NEJMoa012512. PMID: 11832527.

Web pages add "Available from: <URL> (accessed 1 Oct 2026)".
"""

from django.utils.dateformat import format as format_date
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _


def _sentence(text):
    text = text.strip()
    return text if not text or text[-1] in ".?!" else text + "."


def vancouver(citation):
    """One reference-list entry as HTML, with the URL, DOI and PubMed ID as links."""
    parts = []
    if citation.authors:
        parts.append(format_html("{}", _sentence(citation.authors)))
    parts.append(format_html("<cite>{}</cite>", _sentence(citation.title)))
    published = (
        format_date(citation.publication_date, "Y M j") if citation.publication_date else citation.publication_year
    )
    source = "; ".join(str(part) for part in [citation.publisher, published] if part)
    if source:
        parts.append(format_html("{}", _sentence(source)))
    if citation.doi:
        parts.append(format_html('doi:<a href="{}">{}</a>.', citation.doi_url, citation.doi))
    if citation.pmid:
        parts.append(format_html('PMID: <a href="{}">{}</a>.', citation.pubmed_url, citation.pmid))
    if citation.web_url and not citation.doi:  # whatever is stored, only a web address becomes a link
        accessed = (
            " " + _("(accessed %(date)s)") % {"date": format_date(citation.accessed_on, "j M Y")}
            if citation.accessed_on
            else ""
        )
        parts.append(
            format_html('{} <a href="{}">{}</a>{}.', _("Available from:"), citation.web_url, citation.web_url, accessed)
        )
    return format_html_join(mark_safe(" "), "{}", ((part,) for part in parts))


def source_links(citation):
    """
    The citation's web page, DOI and PubMed record as links that open in a new
    tab, for checking the source in one click; "" when it has none of them.
    """
    links = [
        (citation.web_url, citation.web_url),
        (citation.doi_url, f"doi:{citation.doi}"),
        (citation.pubmed_url, f"PMID: {citation.pmid}"),
    ]
    return format_html_join(
        " · ",
        '<a href="{}" target="_blank" rel="noopener noreferrer">{}</a>',
        ((url, label) for url, label in links if url),
    )
