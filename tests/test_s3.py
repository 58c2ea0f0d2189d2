"""
Media on S3-compatible object storage (MEDIA_STORAGE=s3, django-storages): uploads, renditions and
exports go to the bucket, never to MEDIA_ROOT. The bucket is on a moto server these tests start on a
loopback port, with made-up credentials: nothing here reaches the internet.
"""

import io
import json
import os
import re
import runpy
import signal
import subprocess
import sys
import zipfile
from io import StringIO

import boto3
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from PIL import Image

from articles import workflow
from articles.management.commands.export_content import image_names
from articles.models import Article

from .conftest import create_roles
from .factories import AuthorFactory, CategoryFactory, MedicalReviewerFactory, image_file
from .servers import BASE_DIR, free_port, get, wait_until_up

BUCKET = "healthcms-media"
CREDENTIALS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}
# What boto3 would otherwise read besides what it is given: the machine's AWS files, and the
# instance-metadata service (an address off this machine) when it finds no credentials.
HERMETIC = {
    "AWS_CONFIG_FILE": os.devnull,
    "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
    "AWS_EC2_METADATA_DISABLED": "true",
}
# Readers fetch the images from the bucket's address (or a CDN in front of it): anyone may read, not list.
PUBLIC_READ = {
    "Version": "2012-10-17",
    "Statement": [
        {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": f"arn:aws:s3:::{BUCKET}/*"}
    ],
}


@pytest.fixture(scope="module", autouse=True)
def hermetic_aws():
    """boto3, here and in the site's storage, knows only what these tests tell it."""
    with pytest.MonkeyPatch.context() as patch:
        for name, value in HERMETIC.items():
            patch.setenv(name, value)
        yield


@pytest.fixture(scope="module")
def s3_endpoint(tmp_path_factory):
    """A moto server (S3 and the rest, in memory) on a free loopback port: its URL."""
    port = free_port()
    log = tmp_path_factory.mktemp("moto") / "server.log"
    env = {**os.environ, **CREDENTIALS, "AWS_DEFAULT_REGION": "us-east-1"}
    with open(log, "wb") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "moto.server", "--host", "127.0.0.1", "--port", str(port)],
            env=env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    try:
        wait_until_up(f"http://127.0.0.1:{port}/moto-api/", server, f"moto_server (its output: {log})")
        yield f"http://127.0.0.1:{port}"
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def media_storage(**environ):
    """STORAGES["default"] as healthcms/settings.py makes it from ``environ`` (MEDIA_STORAGE=s3 and the rest)."""
    with pytest.MonkeyPatch.context() as patch:
        for name, value in {"MEDIA_STORAGE": "s3", "AWS_S3_REGION_NAME": "us-east-1", **CREDENTIALS, **environ}.items():
            patch.setenv(name, value)
        return runpy.run_path(str(BASE_DIR / "healthcms" / "settings.py"))["STORAGES"]["default"]


def use_media_storage(settings, endpoint, bucket=BUCKET, **environ):
    """The site's media storage is now ``bucket`` at ``endpoint``, configured as settings.py configures it."""
    environ.update(AWS_S3_ENDPOINT_URL=endpoint, AWS_STORAGE_BUCKET_NAME=bucket)
    settings.STORAGES = {**settings.STORAGES, "default": media_storage(**environ)}


@pytest.fixture
def bucket(s3_endpoint, settings):
    """An empty bucket on the moto server, which the site's media storage now is (as settings.py makes it)."""
    assert get(f"{s3_endpoint}/moto-api/reset", data=b"")[0] == 200  # no bucket or object from another test
    s3 = boto3.resource(
        "s3",
        endpoint_url=s3_endpoint,
        region_name="us-east-1",
        aws_access_key_id=CREDENTIALS["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
    )
    bucket = s3.create_bucket(Bucket=BUCKET)
    bucket.Policy().put(Policy=json.dumps(PUBLIC_READ))  # settings.py leaves who may read to the bucket's policy
    use_media_storage(settings, s3_endpoint)
    return bucket


def keys(bucket):
    return sorted(item.key for item in bucket.objects.all())


def read(bucket, key):
    return bucket.Object(key).get()["Body"].read()


def renditions_of(name, widths):
    stem = name.removesuffix(".jpg")
    return [f"renditions/{stem}-{width}.{extension}" for width in widths for extension in ("jpg", "webp")]


def files_under(folder):
    return [path for path in folder.rglob("*") if path.is_file()] if folder.exists() else []


def photo_with_gps(size=(1000, 500)):
    """A JPEG as a phone takes it: with the place it was taken in its EXIF data."""
    exif = Image.Exif()
    exif[0x8825] = {2: (52.0, 22.0, 0.0)}  # GPS latitude
    buffer = io.BytesIO()
    Image.new("RGB", size, (10, 120, 90)).save(buffer, "JPEG", exif=exif)
    return SimpleUploadedFile("ward-7-patient.jpg", buffer.getvalue(), content_type="image/jpeg")


@pytest.fixture
def newsroom(roles):
    """A writer and the medical reviewer assigned to the writer's articles."""
    return {"writer": AuthorFactory(name="Wendy Writer"), "reviewer": MedicalReviewerFactory(name="dr Rita Reviewer")}


def add_article_in_the_admin(client, newsroom, hero_image):
    """The writer adds an article with ``hero_image`` through the admin's form: the response."""
    writer = newsroom["writer"]
    client.force_login(writer.user)
    data = {
        "title": "Understanding anaemia", "slug": "understanding-anaemia", "category": CategoryFactory().pk,
        "summary": "Why iron matters.", "body": "<p>Low iron is common.</p>", "author": writer.pk,
        "reviewer": newsroom["reviewer"].pk, "hero_image": hero_image, "hero_image_alt": "Lentils and spinach",
        "citations-TOTAL_FORMS": 0, "citations-INITIAL_FORMS": 0, "citations-MIN_NUM_FORMS": 0, "citations-MAX_NUM_FORMS": 1000,
    }  # fmt: skip
    return client.post(reverse("admin:articles_article_add"), data)


def publish(article, newsroom, django_capture_on_commit_callbacks):
    """Submit and approve ``article``, running what its approval asks for (the renditions) as a commit would."""
    workflow.submit(article, by=newsroom["writer"].user)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.approve(article, by=newsroom["reviewer"].user)
    article.refresh_from_db()


@pytest.mark.django_db
def test_upload_in_the_admin_is_stored_re_encoded_in_the_bucket(client, newsroom, bucket, media_root):
    response = add_article_in_the_admin(client, newsroom, photo_with_gps())

    assert response.status_code == 302
    article = Article.objects.get(slug="understanding-anaemia")
    name = article.hero_image.name
    assert re.fullmatch(r"articles/[0-9a-f]{32}\.jpg", name)  # a generated name, none of the uploader's
    assert keys(bucket) == [name]
    stored = bucket.Object(name)
    assert stored.content_type == "image/jpeg"
    assert stored.cache_control == "public, max-age=31536000, immutable"
    with Image.open(io.BytesIO(read(bucket, name))) as image:
        assert not image.getexif()  # re-encoded: no GPS position
        assert image.size == (article.hero_image_width, article.hero_image_height) == (1000, 500)
    assert files_under(media_root) == []


# What is uploaded, the most bytes an image may have, and what the writer is told.
REFUSED = {
    "polyglot": (lambda: image_file().read() + b"<?php system($_GET['c']); ?>", 10_000, "contains code"),
    "too large": (lambda: image_file(size=(800, 600), image_format="PNG").read(), 2000, "may be at most 2.0\xa0KB"),
}


@pytest.mark.django_db
@pytest.mark.parametrize("problem", REFUSED)
def test_refused_upload_writes_nothing_to_the_bucket(client, newsroom, bucket, media_root, settings, problem):
    make, settings.HEALTHCMS_MAX_IMAGE_BYTES, message = REFUSED[problem]

    response = add_article_in_the_admin(client, newsroom, SimpleUploadedFile("photo.jpg", make()))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Article.objects.exists()
    assert keys(bucket) == []
    assert files_under(media_root) == []


@pytest.mark.django_db
def test_approval_makes_renditions_in_the_bucket_and_the_page_serves_them_from_it(
    client, newsroom, bucket, s3_endpoint, media_root, django_capture_on_commit_callbacks
):
    add_article_in_the_admin(client, newsroom, photo_with_gps(size=(1000, 500)))
    article = Article.objects.get()
    client.logout()

    publish(article, newsroom, django_capture_on_commit_callbacks)

    renditions = renditions_of(article.hero_image.name, [480, 800, 1000])
    assert keys(bucket) == sorted([article.hero_image.name, *renditions])  # never wider than the upload
    for key in renditions:
        with Image.open(io.BytesIO(read(bucket, key))) as image:
            assert image.height == image.width // 2
            assert not image.getexif()
    assert files_under(media_root) == []

    page = client.get(article.get_absolute_url()).content.decode()
    srcset_urls = [entry.split()[0] for srcset in re.findall(r'srcset="([^"]+)"', page) for entry in srcset.split(",")]
    assert sorted(srcset_urls) == sorted(f"{s3_endpoint}/{BUCKET}/{key}" for key in renditions)
    status, headers, body = get(srcset_urls[0])  # a plain address, public: no signature in it
    assert (status, headers["Content-Type"]) == (200, "image/webp")
    assert body == read(bucket, srcset_urls[0].removeprefix(f"{s3_endpoint}/{BUCKET}/"))


def published_page(client, newsroom, django_capture_on_commit_callbacks):
    """An article added in the admin with a 600×300 image and published: its public page, and its image's stem."""
    add_article_in_the_admin(client, newsroom, image_file(size=(600, 300)))
    article = Article.objects.get()
    client.logout()
    publish(article, newsroom, django_capture_on_commit_callbacks)
    return client.get(article.get_absolute_url()).content.decode(), article.hero_image.name.removesuffix(".jpg")


@pytest.mark.django_db
def test_renditions_are_addressed_at_the_custom_domain(
    client, newsroom, bucket, s3_endpoint, settings, django_capture_on_commit_callbacks
):
    use_media_storage(settings, s3_endpoint, AWS_S3_CUSTOM_DOMAIN="media.example.net")
    page, stem = published_page(client, newsroom, django_capture_on_commit_callbacks)
    assert f'srcset="https://media.example.net/renditions/{stem}-480.webp 480w, ' in page
    assert f'src="https://media.example.net/renditions/{stem}-600.jpg"' in page


@pytest.mark.django_db
def test_link_previews_name_the_image_at_its_storage_address(
    client, newsroom, bucket, s3_endpoint, django_capture_on_commit_callbacks
):
    page, stem = published_page(client, newsroom, django_capture_on_commit_callbacks)
    assert f'<meta property="og:image" content="{s3_endpoint}/{BUCKET}/renditions/{stem}-600.jpg">' in page


@pytest.mark.django_db
def test_readyz_reports_the_storage_ok_while_the_bucket_answers(client, bucket):
    response = client.get("/readyz")
    assert (response.status_code, response.json()["storage"]) == (200, "ok")


@pytest.mark.django_db
def test_readyz_reports_the_storage_unavailable_when_its_endpoint_is_gone(client, settings, monkeypatch):
    monkeypatch.setenv("AWS_MAX_ATTEMPTS", "1")  # one refused connection says it; botocore would retry, with pauses
    use_media_storage(settings, f"http://127.0.0.1:{free_port()}")  # nothing listens there

    response = client.get("/readyz")

    checks = response.json()
    assert (response.status_code, checks) == (503, dict.fromkeys(checks, "ok") | {"storage": "unavailable"})


@pytest.mark.django_db
def test_readyz_reports_the_storage_unavailable_when_its_bucket_is_gone(client, bucket, settings, s3_endpoint):
    use_media_storage(settings, s3_endpoint, bucket="no-such-bucket")

    response = client.get("/readyz")

    assert (response.status_code, response.json()["storage"]) == (503, "unavailable")


@pytest.mark.django_db(transaction=True)  # flush, as on a new site, outside any transaction
def test_export_and_import_bring_the_image_back_into_the_bucket(
    client, newsroom, bucket, media_root, tmp_path, django_capture_on_commit_callbacks
):
    add_article_in_the_admin(client, newsroom, image_file(size=(600, 300)))
    article = Article.objects.get()
    publish(article, newsroom, django_capture_on_commit_callbacks)
    name = article.hero_image.name
    image = read(bucket, name)
    export = tmp_path / "site.zip"

    call_command("export_content", str(export), stdout=StringIO())
    with zipfile.ZipFile(export) as archive:
        assert archive.read(f"media/{name}") == image
    call_command("flush", "--no-input", verbosity=0)
    bucket.objects.all().delete()  # a new site: an empty database and an empty bucket
    create_roles()
    out = StringIO()
    call_command("import_content", str(export), stdout=out)

    assert "Imported 1 articles" in out.getvalue()
    assert image_names() == [name]
    assert read(bucket, name) == image
    assert keys(bucket) == sorted([name, *renditions_of(name, [480, 600])])
    assert files_under(media_root) == []
