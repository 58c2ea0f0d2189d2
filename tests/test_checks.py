"""healthcms's system checks (healthcms/checks.py) and the category slugs the site's addresses take."""

import copy
import json

import pytest
from csp.constants import SELF
from django.core.checks import run_checks
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from articles.models import Category
from healthcms import checks

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


# --- The uploads' host (healthcms.W002, W003, W004) ---------------------------------------------


def allow_images_from(settings, *sources):
    policy = copy.deepcopy(settings.CONTENT_SECURITY_POLICY)
    policy["DIRECTIVES"]["img-src"] = [SELF, "data:", *sources]
    settings.CONTENT_SECURITY_POLICY = policy


def ids(messages):
    return {message.id for message in messages}


@pytest.fixture
def production(settings):
    """A site at health.example.org with its uploads at media.example.net, as README.md deploys it."""
    settings.DEBUG = False
    settings.SITE_URL = "https://health.example.org"
    settings.ALLOWED_HOSTS = ["health.example.org"]
    settings.MEDIA_URL = "https://media.example.net/"
    settings.HEALTHCMS_SERVE_MEDIA = False
    allow_images_from(settings, "https://media.example.net")
    return settings


def test_uploads_on_a_domain_of_their_own_pass_every_media_check(production):
    assert checks.media_has_a_host_of_its_own(None) == []
    assert checks.django_does_not_serve_media(None) == []
    assert checks.pages_may_show_the_uploads(None) == []


def test_uploads_served_at_a_path_of_the_site_fail_the_deploy_check(production):
    production.MEDIA_URL = "/media/"
    [warning] = checks.media_has_a_host_of_its_own(None)
    assert warning.id == "healthcms.W002"
    assert "MEDIA_URL is “/media/”, a path on the site's own host" in warning.msg
    assert "MEDIA_URL=https://media.example.net/" in warning.hint and "CSP_IMG_SRC" in warning.hint


@pytest.mark.parametrize(
    ("media_url", "allowed_hosts", "setting"),
    [
        ("https://health.example.org/media/", ["health.example.org"], "SITE_URL"),
        ("//HEALTH.example.org/media/", ["health.example.org"], "SITE_URL"),
        ("https://health.example.org:8443/", ["health.example.org"], "SITE_URL"),  # cookies ignore the port
        ("https://www.example.org/media/", ["health.example.org", "www.example.org"], "ALLOWED_HOSTS"),
        ("https://media.example.org/", [".example.org"], "ALLOWED_HOSTS"),  # the site answers there too
    ],
)
def test_uploads_at_a_host_the_site_answers_on_fail_the_deploy_check(production, media_url, allowed_hosts, setting):
    production.MEDIA_URL = media_url
    production.ALLOWED_HOSTS = allowed_hosts
    [warning] = checks.media_has_a_host_of_its_own(None)
    assert warning.id == "healthcms.W002"
    assert warning.msg.startswith("The uploads' host, ") and f"is the site's own ({setting})" in warning.msg


def test_uploads_on_object_storage_are_checked_where_the_storage_serves_them(production):
    production.MEDIA_URL = "/media/"  # unused with S3: the storage has addresses of its own
    s3 = {"bucket_name": "media", "custom_domain": "images.example.com", "querystring_auth": False}
    production.STORAGES = {
        **production.STORAGES,
        "default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": s3},
    }
    assert checks.media_has_a_host_of_its_own(None) == []
    [warning] = checks.pages_may_show_the_uploads(None)  # the policy lists media.example.net, not the bucket's host
    assert "the uploads' host, images.example.com" in warning.msg
    allow_images_from(production, "https://images.example.com")
    assert checks.pages_may_show_the_uploads(None) == []
    s3["custom_domain"] = "health.example.org"  # the site's own host
    production.STORAGES = {
        **production.STORAGES,
        "default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": s3},
    }
    [warning] = checks.media_has_a_host_of_its_own(None)
    assert warning.msg.startswith("The uploads' host, health.example.org, is the site's own (SITE_URL)")


def test_a_site_that_answers_any_host_does_not_make_every_host_its_own(production):
    production.ALLOWED_HOSTS = ["*"]
    assert checks.media_has_a_host_of_its_own(None) == []


def test_django_serving_the_uploads_in_production_fails_the_deploy_check(production):
    production.HEALTHCMS_SERVE_MEDIA = True
    [warning] = checks.django_does_not_serve_media(None)
    assert warning.id == "healthcms.W003"
    assert "HEALTHCMS_SERVE_MEDIA is on with DEBUG off" in warning.msg
    assert "Leave HEALTHCMS_SERVE_MEDIA unset" in warning.hint


def test_django_may_serve_the_uploads_on_a_laptop(production):
    production.DEBUG = True
    production.HEALTHCMS_SERVE_MEDIA = True
    assert checks.django_does_not_serve_media(None) == []


@pytest.mark.parametrize(
    "img_src",
    [[], ["https://media.example.org"], ["*.media.example.net"], ["https://cdn.example.net"]],  # and 'self' data:
)
def test_a_policy_that_blocks_the_uploads_host_fails_the_check(production, img_src):
    allow_images_from(production, *img_src)
    [warning] = checks.pages_may_show_the_uploads(None)
    assert warning.id == "healthcms.W004"
    assert "the uploads' host, media.example.net" in warning.msg
    assert "CSP_IMG_SRC=https://media.example.net" in warning.hint


@pytest.mark.parametrize(
    "source",
    ["https://media.example.net", "media.example.net", "https://MEDIA.example.net/", "http://media.example.net",
     "*.example.net", "https:", "http:", "*"],
)  # fmt: skip
def test_a_policy_that_allows_the_uploads_host_passes(production, source):
    allow_images_from(production, source)
    assert checks.pages_may_show_the_uploads(None) == []


def test_the_policy_check_leaves_uploads_on_the_sites_own_host_to_the_deploy_check(production):
    allow_images_from(production)  # 'self' only
    for media_url in ["/media/", "https://health.example.org/media/"]:
        production.MEDIA_URL = media_url
        assert checks.pages_may_show_the_uploads(None) == []


def test_the_host_checks_run_with_check_deploy_and_the_policy_check_always(production):
    production.MEDIA_URL = "/media/"
    production.HEALTHCMS_SERVE_MEDIA = True
    assert {"healthcms.W002", "healthcms.W003"} <= ids(run_checks(include_deployment_checks=True))
    assert not {"healthcms.W002", "healthcms.W003"} & ids(run_checks())
    production.MEDIA_URL = "https://media.example.net/"
    allow_images_from(production)
    assert "healthcms.W004" in ids(run_checks())


@pytest.mark.parametrize(
    ("site_url", "allowed", "warned"),
    [
        ("https://health.example.org", ["health.example.org"], False),
        ("https://health.example.org:8443/", [".example.org"], False),
        ("http://127.0.0.1:8000", ["localhost", "127.0.0.1", "[::1]"], False),  # make run
        ("https://health.example.org", ["www.example.org"], True),
        ("health.example.org", ["health.example.org"], True),  # no scheme: no host at all
    ],
)
def test_the_site_must_accept_its_own_address(production, site_url, allowed, warned):
    production.SITE_URL, production.ALLOWED_HOSTS = site_url, allowed
    assert [w.id for w in checks.site_url_is_an_allowed_host(None)] == (["healthcms.W005"] if warned else [])
    assert ("healthcms.W005" in ids(run_checks(include_deployment_checks=True))) == warned
