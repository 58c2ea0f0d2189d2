"""
The three editorial roles as groups with model permissions. The permissions
say what each role may open and edit in the admin; articles/workflow.py
combines them with the article's people (its writer, its assigned reviewer)
to decide who may make each workflow move.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = {
    "Writer": [
        "add_article", "change_article", "view_article", "submit_article", "view_citation",
        "view_category", "view_author", "view_medicalreviewer",
    ],
    "Medical reviewer": [
        "view_article", "review_article", "view_articleversion", "view_citation", "view_category", "view_author", "view_medicalreviewer",
    ],
    "Editor": [
        "add_article", "change_article", "view_article", "submit_article", "manage_article",
        "view_articleversion", "view_reviewevent", "view_citation",
        "add_category", "change_category", "delete_category", "view_category",
        "add_author", "change_author", "delete_author", "view_author",
        "add_medicalreviewer", "change_medicalreviewer", "delete_medicalreviewer", "view_medicalreviewer",
        "add_page", "change_page", "delete_page", "view_page",
    ],
}  # fmt: skip


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations ran; make sure they exist now.
    for app_config in apps.get_app_configs():
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = models_module or True  # create_permissions skips apps without
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = models_module

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        permissions = Permission.objects.filter(
            content_type__app_label__in=["articles", "references"], codename__in=codenames
        )
        assert permissions.count() == len(codenames), f"missing permissions for {name}"
        group.permissions.set(permissions)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
        ("references", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
