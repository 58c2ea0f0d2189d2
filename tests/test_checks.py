"""healthcms's system checks (healthcms/checks.py) and the category slugs the site's addresses take."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from articles.models import Category

from .factories import CategoryFactory
from .test_security import manage

pytestmark = pytest.mark.django_db


def test_the_slugs_a_category_may_not_take_come_from_the_sites_addresses():
    result = manage(
        "shell", "-c", "import json; from articles.models import reserved_slugs; print(json.dumps(sorted(reserved_slugs())))",
        DEBUG="on", ADMIN_URL="staff-7f3a/", STATIC_URL="/assets/",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    reserved = json.loads(result.stdout.strip().splitlines()[-1])
    assert {"staff-7f3a", "assets", "media", "search", "authors", "reviewers", "about", "feeds", "preview"} <= set(
        reserved
    )
    assert "admin" not in reserved and "static" not in reserved  # moved: free for a category


@pytest.mark.parametrize("slug", ["admin", "search", "feeds", "about", "static", "media"])
def test_a_category_cannot_take_an_address_the_site_uses(slug):
    with pytest.raises(ValidationError, match="used by another page of the site"):
        CategoryFactory.build(slug=slug).full_clean()


def test_a_category_that_an_address_of_the_site_shadows_fails_the_check():
    Category.objects.create(name="Feeds", slug="feeds")  # as if made before a route took its address
    CategoryFactory(slug="diseases")
    with pytest.raises(SystemCheckError, match="healthcms.E001") as error:
        call_command("check", "--database", "default")
    assert "“feeds”" in str(error.value) and "diseases" not in str(error.value)


def test_the_check_passes_when_no_category_is_shadowed():
    CategoryFactory(slug="diseases")
    call_command("check", "--database", "default")
