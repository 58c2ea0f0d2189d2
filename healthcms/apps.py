from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig


class AdminConfig(DjangoAdminConfig):
    """Django's admin, on healthcms's admin site (optional two-factor login)."""

    default_site = "healthcms.admin_site.AdminSite"
