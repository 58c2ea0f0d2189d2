"""
Background work (articles/tasks.py): an event records when its email went out, so a task
run twice sends it once; editors may read the record of background work (what failed, why).
"""

from django.db import migrations, models


def let_editors_see_background_work(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _ = ContentType.objects.get_or_create(app_label="django_tasks_database", model="dbtaskresult")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename="view_dbtaskresult", defaults={"name": "Can view Task Result"}
    )
    for group in Group.objects.filter(name="Editor"):
        group.permissions.add(permission)


def forget(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name="Editor"):
        group.permissions.remove(*Permission.objects.filter(codename="view_dbtaskresult"))


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0013_body_help"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]

    operations = [
        migrations.AddField(
            model_name="reviewevent",
            name="notified_at",
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name="email sent"),
        ),
        migrations.RunPython(let_editors_see_background_work, forget),
    ]
