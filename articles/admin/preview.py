"""The article form's Preview: what is in the form now, unsaved, as readers will see it."""

from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.forms.formsets import all_valid
from django.http import Http404, HttpResponseNotAllowed
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from references.models import Citation

from .. import richtext, sanitize, views
from ..models import CONTENT_FIELDS, ArticleVersion

# ArticleForm's errors that guard the save, not the text (by code): a preview still shows the text, and says this.
SAVE_ONLY_ERRORS = {
    "stale": gettext_lazy(
        "Someone else has saved this article since you opened the form: saving the form will be refused. "
        "Copy your changes, reload the article, and apply them again."
    ),
    "not_editable": gettext_lazy("This article can no longer be edited, so the form cannot be saved."),
}


class PreviewMixin:
    """
    The article form's Preview button. The add and change forms post, as they
    are, to ``add/preview/`` and ``<id>/preview/``, which answer with the
    reader's page made from the form's content and its citations inline:
    unsaved (no form's ``save()`` is called), not reviewed, and marked as a
    preview. Who may preview is who may save that form.
    """

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        preview = self.admin_site.admin_view(self.preview_view)  # staff only, CSRF-checked, never cached
        return [
            path("add/preview/", preview, name="{}_{}_add_preview".format(*info)),
            path("<path:object_id>/preview/", preview, name="{}_{}_preview".format(*info)),
        ] + super().get_urls()

    def preview_view(self, request, object_id=None):
        """
        POST: the article's add form (no ``object_id``) or change form, with
        its citations inline. The reader's page of what it holds; or, when the
        form has errors, a page listing them. GET: 405.
        """
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        add = object_id is None
        if add:
            if not self.has_add_permission(request):
                raise PermissionDenied
            article = None
        else:
            article = self._stored_article(request, object_id)
            if article is None:  # not there, or not one this user may open
                raise Http404
            if not self.has_change_permission(request, article):
                raise PermissionDenied
        # What is stored, before the form writes the posted values onto the same instance.
        stored_image = (
            (article.hero_image.name, article.hero_image_width, article.hero_image_height) if article else None
        )

        fieldsets = self.get_fieldsets(request, article)
        form = self.get_form(request, article, change=not add, fields=flatten_fieldsets(fieldsets))(
            request.POST, request.FILES, instance=article
        )
        formsets, _inlines = self._create_formsets(request, form.instance, change=not add)
        formsets_valid = all_valid(formsets)
        if not (form.is_valid() or _only_save_errors(form)) or not formsets_valid:
            response = TemplateResponse(
                request,
                "admin/articles/article/preview_errors.html",
                {
                    **self.admin_site.each_context(request),
                    "title": _("Preview: the form has errors"),
                    "errors": _errors(form, formsets),
                },
            )
        else:
            response = self._render_preview(request, form, formsets, stored_image)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    def _stored_article(self, request, object_id):
        # Not get_object(): for a POST, ArticleAdmin's locks the row until the save commits, and a
        # preview saves nothing.
        try:
            return self.get_queryset(request).get(pk=self.opts.pk.to_python(unquote(object_id)))
        except (self.model.DoesNotExist, ValidationError, ValueError):
            return None

    def _render_preview(self, request, form, formsets, stored_image):
        article = form.instance  # the form's values, never saved
        notes = [SAVE_ONLY_ERRORS[error.code] for error in form.errors.as_data().get(NON_FIELD_ERRORS, [])]
        if removed := sanitize.removed_parts(article.body):
            notes.append(
                _("Some formatting is not allowed in published text and is left out here: %(parts)s.")
                % {"parts": ", ".join(removed)}
            )
        image = form.cleaned_data.get("hero_image")
        if image is False:  # "Clear" ticked: the saved article will have no image
            stored_image = None
        elif isinstance(image, UploadedFile):
            notes.append(
                _("The hero image you chose is not shown: an image is stored only when you save. %(shown)s")
                % {"shown": _("This page shows the stored image.") if stored_image else _("This page shows none.")}
            )
        name, width, height = stored_image if stored_image and stored_image[0] else ("", None, None)
        citations = _citations(formsets)
        version = ArticleVersion(
            article=article,
            reviewed_at=None,  # not reviewed: the page claims no review (article_detail.html, structured_data)
            citations=[citation.as_data() for citation in citations],
            **{field: getattr(article, field) for field in CONTENT_FIELDS},
        )
        version.body = sanitize.clean_html(article.body)  # as saving will store it
        version.hero_image, version.hero_image_width, version.hero_image_height = name, width, height
        notes += richtext.citation_problems(version.body, citations)
        context = views._article_context(request, article, version)  # renders the body and reference list
        return TemplateResponse(
            request, "admin/articles/article/preview.html", {**context, "preview": True, "preview_notes": notes}
        )


def _only_save_errors(form):
    errors = form.errors.as_data()
    return set(errors) == {NON_FIELD_ERRORS} and all(
        error.code in SAVE_ONLY_ERRORS for error in errors[NON_FIELD_ERRORS]
    )


def _citations(formsets):
    """
    The citations the form's inline holds, unsaved, numbered and in order as
    saving would leave them: deleted and empty rows left out, and a citation
    without a number put at the end (``Citation.save``).
    """
    citations = []
    for formset in formsets:
        if formset.model is not Citation:
            continue
        for form in formset.forms:
            if form.cleaned_data.get("DELETE") or not (form.instance.pk or form.has_changed()):
                continue
            citations.append(form.instance)
    last = max((citation.position or 0 for citation in citations), default=0)
    for citation in citations:
        if citation.position is None:
            last += 1
            citation.position = last
    return sorted(citations, key=lambda citation: citation.position)


def _errors(form, formsets):
    """Each of the form's errors as ``(where, message)``: the field's label, or a citation's number in the form."""
    lines = [
        (form.fields[name].label if name in form.fields else None, message)
        for name, messages in form.errors.items()
        for message in messages
    ]
    for formset in formsets:
        name = formset.model._meta.verbose_name
        lines += [(str(name).capitalize(), message) for message in formset.non_form_errors()]
        for index, (row, errors) in enumerate(zip(formset.forms, formset.errors, strict=True), start=1):
            where = _("%(name)s %(index)s in the form") % {"name": str(name).capitalize(), "index": index}
            lines += [
                (f"{where}: {row.fields[field].label}" if field in row.fields else where, message)
                for field, messages in errors.items()
                for message in messages
            ]
    return lines
