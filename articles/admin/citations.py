"""The article's citation checks in the admin: said to the writer on saving, listed on the article's page for everyone."""

from django.contrib import messages

from references.models import Citation

from ..richtext import citation_problems


class CitationCheckMixin:
    """
    For the article's admin: after a save, a warning (never a refusal) for
    each problem ``richtext.citation_problems`` finds between the body's marks
    and the citations; on the article's page, the same list as
    ``citation_problems`` in the template's context (None when not checked).
    """

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        article = form.instance  # saved: its body sanitized, its citations numbered
        for problem in citation_problems(article.body, article.citations.all()):
            self.message_user(request, problem, messages.WARNING)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # Checked as saved: a form shown again after a refused save holds unsaved text.
        if obj is not None and request.method != "POST":
            context["citation_problems"] = citation_problems(obj.body, _saved_citations(context, obj))
        return super().render_change_form(request, context, add, change, form_url, obj)


def _saved_citations(context, article):
    for inline_admin_formset in context.get("inline_admin_formsets", []):
        formset = inline_admin_formset.formset
        if formset.model is Citation:
            return formset.get_queryset()  # read already, for the inline's forms: no second query
    return article.citations.all()
