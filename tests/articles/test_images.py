import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from articles.images import GeneratedName, validate_image

from ..factories import image_file


def error_code(upload):
    with pytest.raises(ValidationError) as error:
        validate_image(upload)
    return error.value.code


def test_real_images_are_accepted():
    for image_format in ["JPEG", "PNG", "WEBP", "GIF"]:
        validate_image(image_file(f"x.{image_format.lower()}", image_format=image_format))


def test_text_named_jpg_is_refused():
    assert error_code(SimpleUploadedFile("x.jpg", b"just some text, not an image")) == "invalid_image"


def test_truncated_image_is_refused():
    data = image_file(size=(400, 300)).read()
    assert error_code(SimpleUploadedFile("x.jpg", data[:200])) == "incomplete_image"


def test_svg_is_refused():
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><rect width="10" height="10"/></svg>'
    assert error_code(SimpleUploadedFile("x.svg", svg)) == "invalid_image"


def test_other_image_formats_are_refused():
    buffer = io.BytesIO()
    Image.new("RGB", (10, 10)).save(buffer, "BMP")
    assert error_code(SimpleUploadedFile("x.bmp", buffer.getvalue())) == "invalid_format"


def test_file_over_the_size_limit_is_refused(settings):
    settings.HEALTHCMS_MAX_IMAGE_BYTES = 100
    with pytest.raises(ValidationError) as error:
        validate_image(image_file(size=(200, 200)))
    assert error.value.code == "file_too_large"
    assert "images may be at most 100\xa0bytes" in error.value.messages[0]


def test_image_over_the_pixel_limit_is_refused(settings):
    settings.HEALTHCMS_MAX_IMAGE_PIXELS = 1_000_000
    assert error_code(image_file(size=(1001, 1000), image_format="PNG")) == "too_many_pixels"


def test_decompression_bomb_is_refused(monkeypatch):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)
    assert error_code(image_file(size=(100, 100), image_format="PNG")) == "too_many_pixels"


def test_stored_name_is_generated_and_keeps_no_part_of_the_upload_name():
    name = GeneratedName("articles")(None, "../../etc/My Secret Patient.JPG")
    assert name.startswith("articles/")
    assert name.endswith(".jpg")
    assert "Secret" not in name and ".." not in name


@pytest.mark.django_db
def test_approval_makes_screen_sized_renditions_without_exif(make_article, people, django_capture_on_commit_callbacks):
    from django.core.files.storage import default_storage

    from articles import workflow

    buffer = io.BytesIO()
    exif = Image.Exif()
    exif[0x8825] = {2: (52.0, 22.0, 0.0)}  # GPS latitude
    Image.new("RGB", (1000, 500), (10, 120, 90)).save(buffer, "JPEG", exif=exif)
    upload = SimpleUploadedFile("gps.jpg", buffer.getvalue())
    article = make_article(hero_image=upload, hero_image_alt="A field")
    workflow.submit(article, by=people["writer"])
    with django_capture_on_commit_callbacks(execute=True):
        workflow.approve(article, by=people["reviewer"])

    renditions = article.live_version.hero_renditions
    assert "-480.webp 480w" in renditions.webp_srcset and "-1000.jpg 1000w" in renditions.jpg_srcset
    assert "-1200" not in renditions.jpg_srcset  # never wider than the upload
    name = article.hero_image.name.rsplit(".", 1)[0]
    for width in (480, 800, 1000):
        for extension in ("webp", "jpg"):
            with default_storage.open(f"renditions/{name}-{width}.{extension}") as file, Image.open(file) as image:
                assert image.width == width and image.height == width // 2
                assert not image.getexif()


@pytest.mark.django_db
def test_a_failing_image_processor_loses_no_decision(
    make_article, people, django_capture_on_commit_callbacks, monkeypatch, caplog
):
    from articles import images, workflow

    def broken(*args):
        raise OSError("disk full")

    monkeypatch.setattr(images, "make_renditions", broken)
    article = make_article(hero_image=image_file(), hero_image_alt="x")
    workflow.submit(article, by=people["writer"])
    with django_capture_on_commit_callbacks(execute=True):
        workflow.approve(article, by=people["reviewer"])
    article.refresh_from_db()
    assert article.is_published
    assert "make_renditions failed" in caplog.text


@pytest.mark.django_db
def test_make_renditions_command_remakes_them(make_article, people):
    from io import StringIO

    from django.core.management import call_command

    from articles import workflow

    article = make_article(hero_image=image_file(size=(600, 300)), hero_image_alt="x")
    workflow.submit(article, by=people["writer"])
    workflow.approve(article, by=people["reviewer"])
    out = StringIO()
    call_command("make_renditions", stdout=out)
    assert "Renditions made for 1 images; 0 failed." in out.getvalue()
