from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig


class AdminConfig(DjangoAdminConfig):
    """Django's admin, on healthcms's admin site (optional two-factor login)."""

    default_site = "healthcms.admin_site.AdminSite"

    def ready(self):
        super().ready()
        from . import checks  # noqa: F401 (registers the project's deployment checks)
