"""An article's page in the admin: its form, with the workflow panel (articles/workflow.py) beside it."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext_lazy as _

from references.admin import CitationInline

from .. import diff, history, workflow
from ..models import Article, Author, MedicalReviewer, OldAddress
from .base import RichTextAdminMixin, image_preview, sanitized_html
from .citations import CitationCheckMixin
from .export import CsvExportMixin
from .preview import PreviewMixin


class ArticleForm(forms.ModelForm):
    """The working copy's form, with an optimistic lock: a save based on an outdated copy is refused."""

    # The copy's lock_version when the form was opened.
    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        widgets = {"summary": forms.Textarea(attrs={"rows": 3, "maxlength": 300})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["loaded_version"].initial = self.instance.lock_version

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk is None:
            return cleaned_data
        # ArticleAdmin.get_object() read the instance under a row lock, held until this save
        # commits: its lock_version and status are the database's, not the form's.
        if cleaned_data.get("loaded_version") != self.instance.lock_version:
            raise ValidationError(
                _(
                    "Someone else saved this article while you were editing it, so your changes have not been "
                    "saved. They are still in this form: copy them, reload the page to see the other changes, "
                    "and apply yours again."
                ),
                code="stale",
            )
        if self.instance.status not in workflow.EDITABLE:
            raise ValidationError(
                _("This article is now “%(status)s” and cannot be edited. Your changes have not been saved."),
                params={"status": self.instance.get_status_display()},
                code="not_editable",
            )
        return cleaned_data


class ReassignForm(forms.Form):
    # Not "reviewer": on an editable page this control belongs to the article's form, which has that field.
    new_reviewer = forms.ModelChoiceField(queryset=MedicalReviewer.objects.all())


@admin.register(Article)
class ArticleAdmin(CitationCheckMixin, PreviewMixin, CsvExportMixin, RichTextAdminMixin, admin.ModelAdmin):
    form = ArticleForm
    list_display = [
        "title", "category", "author", "reviewer", "status", "is_published", "live_version_number", "last_reviewed_at",
        "updated_at",
    ]  # fmt: skip
    list_filter = ["status", "category", "author", "reviewer"]
    list_select_related = ["category", "author", "reviewer", "live_version"]
    search_fields = ["title", "summary", "body"]
    date_hierarchy = "updated_at"
    show_full_result_count = False  # one count of the filtered list, not a second of the whole table
    prepopulated_fields = {"slug": ["title"]}
    inlines = [CitationInline]
    autocomplete_fields = ["replaced_by"]
    readonly_fields = [
        "status", "body_html", "hero_image_preview", "live_version", "created_at", "updated_at",
        "submitted_at", "first_published_at", "last_reviewed_at", "featured_text",
    ]  # fmt: skip
    fieldsets = [
        (None, {"fields": ["title", "slug", "category", "summary", "body", "loaded_version"]}),
        (_("Hero image"), {"fields": ["hero_image", "hero_image_preview", "hero_image_alt", "hero_image_credit"]}),
        (_("People"), {"fields": ["author", "reviewer"]}),
        (_("Publication"), {"fields": ["featured", "go_live_at", "expire_at", "replaced_by"]}),
        (
            _("Status"),
            {
                "fields": [
                    "status",
                    "live_version",
                    "created_at",
                    "updated_at",
                    "submitted_at",
                    "first_published_at",
                    "last_reviewed_at",
                ]  # fmt: skip
            },
        ),
    ]

    def view_on_site(self, article):
        return article.get_absolute_url()  # None (no link) until a version is approved

    @admin.display(description=_("live"), boolean=True)
    def is_published(self, article):
        return article.is_published

    @admin.display(description=_("live version"), ordering="live_version__number")
    def live_version_number(self, article):
        return article.live_version.number if article.live_version_id else "—"

    @admin.display(description=_("last medically reviewed"), ordering="live_version__reviewed_at")
    def last_reviewed_at(self, article):
        return article.last_reviewed_at or "—"

    @admin.display(description=_("current image"))
    def hero_image_preview(self, article):
        return image_preview(article.hero_image, article.hero_image_alt)

    @admin.display(description=_("body"))
    def body_html(self, article):
        return sanitized_html(article.body)

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        if obj is None:
            return True
        # A form posted while the article moved into review is refused by ArticleForm.clean(),
        # which shows the writer's text again instead of a bare 403 that would lose it.
        if request.method == "POST":
            return workflow.can_edit(request.user, obj)
        return workflow.can_edit_now(request.user, obj)

    def get_object(self, request, object_id, from_field=None):
        if request.method != "POST":
            return super().get_object(request, object_id, from_field)
        # The admin saves inside a transaction: hold the row from the first read, so that a
        # workflow move cannot land between this read and the save and be overwritten by it.
        queryset = self.get_queryset(request).select_for_update(of=("self",))
        try:
            return queryset.get(pk=self.model._meta.pk.to_python(object_id))
        except (Article.DoesNotExist, ValidationError, ValueError):
            return None

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "author" and not request.user.has_perm("articles.manage_article"):
            # Writers write as themselves; editors assign articles to any writer.
            kwargs["queryset"] = Author.objects.filter(user=request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None and not self.has_change_permission(request, obj):
            # Read-only: show the body as readers will see it, not its HTML source.
            shown = {"body": "body_html", "loaded_version": None, "featured": "featured_text"}
        elif not request.user.has_perm("articles.manage_article"):
            shown = {"featured": "featured_text"}  # only editors feature articles
        else:
            shown = {}
        fieldsets = [
            (name, {**options, "fields": [shown.get(f, f) for f in options["fields"] if shown.get(f, f)]})
            for name, options in fieldsets
        ]
        if obj is None:
            return fieldsets[:-1]  # a new article has no status yet
        return fieldsets

    @admin.display(description=_("featured"))
    def featured_text(self, article):
        # Words, not the admin's red ✗, which reads as an error.
        return _("Yes, shown first on the home page") if article.featured else _("No")

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not request.user.has_perm("articles.manage_article"):
            readonly += ["featured", "go_live_at", "expire_at", "replaced_by"]
            if obj is not None and obj.submitted_at:
                readonly.append("reviewer")  # after the first submission, editors reassign
            if obj is not None and obj.first_published_at:
                readonly.append("slug")  # an editor changes a published address (the old one redirects)
        return readonly

    def get_prepopulated_fields(self, request, obj=None):
        return {} if "slug" in self.get_readonly_fields(request, obj) else super().get_prepopulated_fields(request, obj)

    def get_changeform_initial_data(self, request):
        # A writer's new article is theirs unless they choose otherwise.
        initial = super().get_changeform_initial_data(request)
        author = Author.objects.filter(user=request.user).first()
        if author is not None:
            initial.setdefault("author", author.pk)
        return initial

    def save_model(self, request, article, form, change):
        super().save_model(request, article, form, change)
        if change and "slug" in form.changed_data:
            OldAddress.objects.filter(slug=article.slug, article=article).delete()  # its own address again
            if article.first_published_at:
                # Readers' links and search engines keep the old address: it redirects (views.article_detail).
                OldAddress.objects.update_or_create(slug=form.initial["slug"], defaults={"article": article})

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if not change:
            return
        citations = ["citations"] if any(formset.has_changed() for formset in formsets) else []
        if workflow.record_edit(form.instance, [*form.changed_data, *citations], by=request.user):
            self.message_user(
                request,
                _(
                    "Your changes are saved as a new revision. Readers see the published version until a medical reviewer approves this one."
                ),
                messages.INFO,
            )

    def get_urls(self):
        return [
            path(
                "<path:object_id>/workflow/",
                self.admin_site.admin_view(self.workflow_view),
                name="articles_article_workflow",
            ),
        ] + super().get_urls()

    @transaction.atomic  # get_object() locks the row for a POST
    def workflow_view(self, request, object_id):
        """
        POST: make a workflow move (``transition``; "reassign" with ``new_reviewer``),
        then back to the article. The panel posts here when the article's page
        is read-only; on an editable page its buttons submit the article's form,
        which is saved first (``response_change``).
        """
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self.get_object(request, object_id)
        if article is None or not self.has_view_permission(request, article):
            raise Http404
        seen_version = request.POST.get("seen_version", "")
        self.make_move(request, article, seen_version=int(seen_version) if seen_version.isdigit() else None)
        return redirect("admin:articles_article_change", article.pk)

    def make_move(self, request, article, seen_version=None, saved=False):
        """The move the panel's button names, with a message saying what happened (or why not)."""
        name, comment = request.POST.get("transition"), request.POST.get("comment", "")
        try:
            if name == "reassign":
                form = ReassignForm(request.POST)
                if not form.is_valid():
                    raise workflow.TransitionNotAllowed(_("Choose a medical reviewer from the list."))
                reviewer = form.cleaned_data["new_reviewer"]
                workflow.reassign(article, by=request.user, reviewer=reviewer)
                done = _("The medical reviewer is now %(name)s.") % {"name": reviewer}
            elif (move := workflow.TRANSITIONS.get(name)) and move.button:
                move(article, by=request.user, comment=comment, seen_version=seen_version)
                done = _("%(action)s: done.") % {"action": move.label}
            else:
                raise workflow.TransitionNotAllowed(_("Unknown action."))
        except workflow.TransitionNotAllowed as refusal:
            # Keep what the user typed for the re-displayed page.
            request.session[f"workflow-comment-{article.pk}"] = comment
            refusal = str(refusal)
            if saved:
                refusal = _("Your changes are saved, but: %(refusal)s") % {"refusal": refusal}
            self.message_user(request, refusal, messages.ERROR)
        else:
            if saved:
                done = _("Your changes are saved. %(done)s") % {"done": done}
            self.message_user(request, done, messages.SUCCESS)

    def response_change(self, request, article):
        # A workflow button on an editable page submitted the whole form: the edit is saved (the
        # form was valid, or we would not be here), then the move is made on what was saved.
        if request.POST.get("transition"):
            self.make_move(request, article, saved=True)
            return redirect("admin:articles_article_change", article.pk)
        return super().response_change(request, article)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if request.method == "POST":  # shown again after a POST: the form has errors, nothing was saved
            if request.POST.get("transition"):
                self.message_user(
                    request,
                    _(
                        "Nothing was done: correct the errors below, then press the button again. Your edits are still in the form."
                    ),
                    messages.ERROR,
                )
            if request.FILES.get("hero_image"):
                # Browsers never fill in a file field again, and the upload was not stored: show what is
                # stored (not a broken preview of a file that does not exist), and say so plainly.
                article = context["adminform"].form.instance
                stored = (
                    Article.objects.filter(pk=article.pk).values_list("hero_image", flat=True).first()
                    if article.pk
                    else ""
                )
                article.hero_image = stored or ""
                self.message_user(
                    request,
                    _(
                        "The hero image you chose has not been saved, because of the errors below. Choose it again before saving."
                    ),
                    messages.WARNING,
                )
        return super().render_change_form(request, context, add, change, form_url, obj)

    @transaction.atomic  # the admin's own transaction starts inside; get_object() locks the row for a POST
    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = self.get_object(request, object_id)
        if article is not None:
            moves = workflow.available(article, request.user)
            commented = [str(move.label) for move in moves if move.needs_comment]
            extra_context = {
                **(extra_context or {}),
                "workflow_moves": moves,
                "workflow_comment_label": (
                    _("Comment (required to: %(actions)s)") % {"actions": ", ".join(commented)}
                    if commented
                    else _("Comment (optional)")
                ),
                "workflow_comment": request.POST.get("comment")
                or request.session.pop(f"workflow-comment-{article.pk}", ""),
                "can_reassign": workflow.can(request.user, workflow.A.REASSIGN, article),
                "reviewers": workflow.reviewer_choices(article),
                "requested_changes": history.changes_requested(article),
                "comparisons": comparisons(article),
                "events": article.events.select_related("actor"),
                "review_rounds": review_rounds(article),
                "publication_history": history.publication_history(article),
            }
        return super().change_view(request, object_id, form_url, extra_context)


def comparisons(article):
    """
    ``(round, parts)`` for each comparison the article's page shows: when the
    doctor asked for changes, first (the one open) the changes since the round
    they commented on (what the writer did about the comments); then, always,
    the changes since the live version (``round`` None; a new article's whole
    text).
    """
    earlier = history.earlier_round(article)
    shown = [(earlier, diff.compare(earlier, article))] if earlier else []
    return [*shown, (None, diff.compare(article.live_version, article))]


def review_rounds(article):
    """``(round, decisions)`` for each review round of ``article``, newest first: the decisions made on that text."""
    rounds = list(article.rounds.select_related("submitted_by").only("number", "submitted_at", "submitted_by"))
    decisions = {review_round.pk: [] for review_round in rounds}
    decided = article.events.filter(action__in=[workflow.A.REQUEST_CHANGES, workflow.A.APPROVE])
    for event in decided.select_related("actor"):
        made_on = next((r for r in rounds if r.submitted_at <= event.created_at), None)
        if made_on is not None:
            decisions[made_on.pk].append(event)
    return [(review_round, decisions[review_round.pk]) for review_round in rounds]
