"""The people readers see on an article: its writer and the doctor who medically reviewed it."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..images import CleanImageField, GeneratedName, validate_image


class Author(models.Model):
    """A writer as readers see them on the byline and the author page."""

    name = models.CharField(_("display name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=150, unique=True, help_text=_("Used in the web address."))
    credentials = models.CharField(
        _("credentials or job title"),
        max_length=200,
        blank=True,
        help_text=_("For example: Health writer, MSc Public Health."),
    )
    bio = models.TextField(_("short bio"), blank=True)
    photo = CleanImageField(_("photo"), upload_to=GeneratedName("authors"), blank=True, validators=[validate_image])
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="author_profile",
        help_text=_("The account this writer logs in with, if any."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("author")
        verbose_name_plural = _("authors")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:author", args=[self.slug])


class MedicalReviewer(models.Model):
    """A doctor who medically reviews articles; readers see the name and credentials."""

    name = models.CharField(
        _("display name"), max_length=150, help_text=_("As readers see it, for example: dr Hanifa Rahma.")
    )
    slug = models.SlugField(_("slug"), max_length=150, unique=True, help_text=_("Used in the web address."))
    credentials = models.CharField(
        _("credentials"), max_length=200, help_text=_("Degree and specialty, for example: MD, Internal medicine.")
    )
    registration_number = models.CharField(
        _("professional registration number"),
        max_length=100,
        help_text=_("The doctor's licence or registration number."),
    )
    bio = models.TextField(_("bio"), blank=True)
    photo = CleanImageField(_("photo"), upload_to=GeneratedName("reviewers"), blank=True, validators=[validate_image])
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        on_delete=models.PROTECT,
        related_name="reviewer_profile",
        help_text=_("The account the doctor logs in with to review articles."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("medical reviewer")
        verbose_name_plural = _("medical reviewers")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:reviewer", args=[self.slug])
