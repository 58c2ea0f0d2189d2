"""A corpus of hostile uploads: each is refused with a message a writer understands, and nothing is saved."""

import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from articles.images import validate_image
from articles.models import Article

from ..factories import AuthorFactory, CategoryFactory, image_file


def jpeg_bytes(size=(120, 80)):
    return image_file(size=size).read()


def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def decompression_bomb():
    """A tiny PNG that claims to be 100,000 × 100,000 pixels."""
    header = struct.pack(">IIBBBBB", 100_000, 100_000, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + png_chunk(b"IEND", b"")
    )


def png_with_cut_off_pixels():
    """A PNG whose chunks and checksums are all in order, but whose compressed pixels stop halfway."""
    header = struct.pack(">IIBBBBB", 100, 100, 8, 2, 0, 0, 0)
    pixels = zlib.compress(bytes(range(256)) * 120)[:200]
    return b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", header) + png_chunk(b"IDAT", pixels) + png_chunk(b"IEND", b"")


def animation(frames, size):
    buffer = io.BytesIO()
    images = [Image.new("P", size, n) for n in range(frames)]
    images[0].save(buffer, "GIF", save_all=True, append_images=images[1:])
    return buffer.getvalue()


HOSTILE = {
    "cut-off.png": (png_with_cut_off_pixels, "incomplete_image", "incomplete or damaged"),
    "frames.gif": (lambda: animation(30, (2000, 2000)), "too_many_pixels", "frame(s)"),
    "truncated.jpg": (lambda: jpeg_bytes((400, 300))[:300], "incomplete_image", "incomplete or damaged"),
    "bomb.png": (decompression_bomb, "too_many_pixels", "too many pixels"),
    "polyglot.jpg": (lambda: jpeg_bytes() + b"<?php system($_GET['c']); ?>", "embedded_code", "contains code"),
    "with-zip.jpg": (lambda: jpeg_bytes() + b"PK\x03\x04" + b"\x14" * 200, "trailing_data", "extra data hidden"),
    "script.svg": (
        lambda: b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)</script></svg>',
        "embedded_code",
        "contains code",
    ),
    "shell.php.jpg": (lambda: b"<?php echo shell_exec($_GET['cmd']); ?>", "embedded_code", "contains code"),
    "page.png": (
        lambda: b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>",
        "embedded_code",
        "contains code",
    ),
    "program.jpg": (lambda: b"MZ\x90\x00" + b"\x00" * 500, "invalid_image", "not an image we can read"),
    "gifar.gif": (lambda: b"GIF89a/*\x00\x00*/=alert(document.domain)//;", "invalid_image", "not an image we can read"),
}


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_file_is_refused_with_a_clear_message(name):
    make, code, words = HOSTILE[name]
    with pytest.raises(ValidationError) as error:
        validate_image(SimpleUploadedFile(name, make()))
    assert error.value.code == code
    assert words in error.value.messages[0]


# In the admin, Django's own image field opens the file first: what Pillow cannot read at all
# gets Django's message; what it can (polyglots, appended data) gets ours.
ADMIN_MESSAGES = {
    "polyglot.jpg": "contains code",
    "with-zip.jpg": "extra data hidden",
    "cut-off.png": "incomplete or damaged",
    "bomb.png": "Upload a valid image",
    "shell.php.jpg": "Upload a valid image",
}


@pytest.mark.django_db
@pytest.mark.parametrize("name", ADMIN_MESSAGES)
def test_hostile_upload_in_the_admin_saves_nothing(admin_client, name):
    make = HOSTILE[name][0]
    category = CategoryFactory()
    data = {
        "title": "Upload test", "slug": "upload-test", "category": category.pk, "summary": "S", "body": "<p>B</p>",
        "hero_image": SimpleUploadedFile(name, make()), "hero_image_alt": "x", "author": AuthorFactory().pk,
        "citations-TOTAL_FORMS": 0, "citations-INITIAL_FORMS": 0, "citations-MIN_NUM_FORMS": 0, "citations-MAX_NUM_FORMS": 1000,
    }  # fmt: skip
    response = admin_client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 200
    assert ADMIN_MESSAGES[name] in response.content.decode()
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_stored_images_are_re_encoded_without_metadata(make_article):
    exif = Image.Exif()
    exif[0x8825] = {2: (52.0, 22.0, 0.0)}  # GPS
    exif[0x0112] = 6  # orientation: rotate 90°
    buffer = io.BytesIO()
    Image.new("RGB", (300, 200), (0, 90, 120)).save(buffer, "JPEG", exif=exif)
    article = make_article(hero_image=SimpleUploadedFile("phone.jpg", buffer.getvalue()), hero_image_alt="x")
    with article.hero_image.open("rb") as file, Image.open(file) as stored:
        assert not stored.getexif()
        assert stored.size == (200, 300)  # turned upright
    assert (article.hero_image_width, article.hero_image_height) == (200, 300)


@pytest.mark.django_db
def test_stored_images_are_named_after_what_they_are_and_keep_no_comments(make_article):
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48)).save(buffer, "JPEG", comment=b"taken at 12 Hospital Road")
    article = make_article(hero_image=SimpleUploadedFile("scan.pdf", buffer.getvalue()), hero_image_alt="x")
    assert article.hero_image.name.endswith(".jpg")
    with article.hero_image.open("rb") as file:
        stored = file.read()
    assert b"Hospital Road" not in stored
