"""
The admin site with optional two-factor login (django-otp, TOTP). Staff who
set up an authenticator app on the "Two-factor login" page must give its
one-time code at every login; staff who have not log in with their password.
Its home page is each person's desk (articles/desk.py), above the usual list
of everything in the admin. Also the base for the admin's read-only records
(history, versions, citations).
"""

import base64
import io
from functools import wraps

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views import main
from django.db import transaction
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.forms import OTPAuthenticationFormMixin
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.qr import write_qrcode_image

from articles import desk


class LoginForm(OTPAuthenticationFormMixin, AdminAuthenticationForm):
    """The admin login: a password, and a one-time code from those who set up two-factor login."""

    otp_token = forms.CharField(
        label=_("One-time code"),
        required=False,
        help_text=_("Only if you set up two-factor login: the 6 digits your authenticator app shows."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def _chosen_device(self, user):
        # Each person has at most one device, their authenticator app; only a confirmed one counts.
        return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()

    def clean(self):
        cleaned_data = super().clean()
        user = self.get_user()
        if user is not None and user_has_device(user):
            self.clean_otp(user)  # refuses a missing or wrong code
        return cleaned_data


class AdminSite(admin.AdminSite):
    site_header = _("healthcms")
    site_title = _("healthcms admin")
    index_title = _("Editorial workspace")
    login_form = LoginForm
    login_template = "admin/login_two_factor.html"
    index_template = "admin/dashboard/index.html"

    def register(self, model_or_iterable, admin_class=None, **options):
        # Every list (the apps' and third parties' alike) answers a date no calendar has as a bad filter.
        admin_class = admin_class or admin.ModelAdmin
        if admin_class.get_changelist is admin.ModelAdmin.get_changelist:
            admin_class = type(
                admin_class.__name__, (admin_class,), {"get_changelist": lambda self, request, **kw: ChangeList}
            )
        super().register(model_or_iterable, admin_class, **options)

    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)

        @wraps(inner)
        def refuse_nul(request, *args, **kwargs):
            # PostgreSQL cannot compare text holding NUL: a filter such as ?status__exact=%00 would be a 500.
            if any("\x00" in text for key, values in request.GET.lists() for text in [key, *values]):
                return HttpResponseBadRequest(_("This address holds a NUL character, which no admin page takes."))
            return inner(request, *args, **kwargs)

        return refuse_nul

    def has_permission(self, request):
        # Staff with a two-factor device count as logged in only once it was used.
        if not super().has_permission(request):
            return False
        if request.user.is_verified():
            return True
        if not hasattr(request, "_has_two_factor_device"):  # asked for the view and again for its menu: one query
            request._has_two_factor_device = user_has_device(request.user)
        return not request._has_two_factor_device

    def index(self, request, extra_context=None):
        """The home page: the person's desk (what waits for them, per role), then Django's list of models."""
        return super().index(request, {"desk": desk.desk_for(request.user), **(extra_context or {})})

    def get_urls(self):
        return [path("two-factor/", self.admin_view(self.two_factor_view), name="two_factor")] + super().get_urls()

    def two_factor_view(self, request):
        return two_factor(request, self)


class ChangeList(main.ChangeList):
    """
    Django's list page, where a date in the address that no calendar has
    (``?updated_at__year=99999999999``, or the year after 9999, which Django
    computes for its date drill-down) is a bad filter, answered like any other
    (the list again, flagged ``?e=1``) instead of a 500.
    """

    def get_filters(self, request):
        try:
            return super().get_filters(request)
        except (OverflowError, ValueError) as error:
            raise IncorrectLookupParameters(error) from error


class CodeForm(forms.Form):
    token = forms.CharField(
        label=_("Code from the app"),
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


PENDING = "two-factor-pending-device"


@require_http_methods(["GET", "POST"])
def two_factor(request, site):
    """
    Set up (scan, then confirm with a code) or turn off two-factor login for
    one's own account. The secret being set up belongs to this session only:
    nobody else who knows the password can plant one for the owner to confirm.
    """
    user = request.user
    confirmed = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    pending = TOTPDevice.objects.filter(user=user, confirmed=False, pk=request.session.get(PENDING)).first()
    form = CodeForm(request.POST or None)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "start" and not confirmed:
            with transaction.atomic():
                TOTPDevice.objects.filter(user=user, confirmed=False).delete()
                pending = TOTPDevice.objects.create(user=user, name=str(_("Authenticator app")), confirmed=False)
            request.session[PENDING] = pending.pk
            return redirect("admin:two_factor")
        device = pending if action == "confirm" else confirmed if action == "turn_off" else None
        if device is not None and form.is_valid():
            if device.verify_token(form.cleaned_data["token"].strip()):
                if action == "confirm":
                    device.confirmed = True
                    device.save()
                    del request.session[PENDING]
                    request.session.cycle_key()
                    otp_login(request, device)
                    messages.success(
                        request, _("Two-factor login is on: from now on, log in with a code from your app.")
                    )
                else:
                    TOTPDevice.objects.filter(user=user).delete()
                    messages.success(request, _("Two-factor login is off."))
                return redirect("admin:two_factor")
            form.add_error("token", _("That code is not right (or has expired). Try the code your app shows now."))
    context = {
        **site.each_context(request),
        "title": _("Two-factor login"),
        "confirmed": confirmed,
        "pending": pending,
        "form": form,
        "qr_code": _qr_data_uri(pending.config_url) if pending and not confirmed else None,
        "secret": base64.b32encode(pending.bin_key).decode() if pending and not confirmed else None,
    }
    return TemplateResponse(request, "admin/two_factor.html", context)


def _qr_data_uri(data):
    buffer = io.BytesIO()
    write_qrcode_image(data, buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()
