from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig
from multidb.pinning import pin_this_thread


class AdminConfig(DjangoAdminConfig):
    """Django's admin, on healthcms's admin site (optional two-factor login)."""

    default_site = "healthcms.admin_site.AdminSite"

    def ready(self):
        super().ready()
        from . import checks  # noqa: F401 (registers the project's deployment checks)

        # With read replicas, only the middleware lets a public request read from one: outside a request
        # (commands, the task worker) this thread reads from the primary, never behind its own writes.
        pin_this_thread()
