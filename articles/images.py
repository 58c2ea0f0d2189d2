"""Uploaded images: checked for what they are, not what they are called, and served in sizes that fit the screen."""

import io
import os
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

# Pillow format name -> file extension for the stored copy.
ALLOWED_FORMATS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp", "GIF": ".gif"}


def validate_image(value):
    """
    Refuse anything that is not a readable JPEG, PNG, WebP or GIF within the
    size and pixel limits. Files already stored are not opened again.
    """
    if getattr(value, "_committed", False):
        return
    max_bytes = settings.HEALTHCMS_MAX_IMAGE_BYTES
    if value.size > max_bytes:
        raise ValidationError(
            _("This file is %(size)s; images may be at most %(limit)s. Please upload a smaller copy."),
            code="file_too_large",
            params={"size": filesizeformat(value.size), "limit": filesizeformat(max_bytes)},
        )
    value.seek(0)
    data = value.read()
    _refuse_hidden_content(data)
    try:
        with Image.open(io.BytesIO(data)) as image:  # reads the header only
            image_format, (width, height), frames = image.format, image.size, getattr(image, "n_frames", 1)
            image.verify()
    except Image.DecompressionBombError:
        raise ValidationError(
            _("This image has too many pixels to be processed safely."), code="too_many_pixels"
        ) from None
    except Exception:
        raise ValidationError(
            _("This file is not an image we can read. Upload a JPEG, PNG, WebP or GIF image."),
            code="invalid_image",
        ) from None
    finally:
        value.seek(0)
    if image_format not in ALLOWED_FORMATS:
        raise ValidationError(
            _("%(format)s images are not accepted. Upload a JPEG, PNG, WebP or GIF image."),
            code="invalid_format",
            params={"format": image_format},
        )
    max_pixels = settings.HEALTHCMS_MAX_IMAGE_PIXELS
    if width * height * frames > max_pixels:  # an animation costs every frame
        raise ValidationError(
            _(
                "This image is %(width)s×%(height)s pixels in %(frames)s frame(s); images may have at most %(limit)s million pixels."
            ),
            code="too_many_pixels",
            params={"width": width, "height": height, "frames": frames, "limit": max_pixels // 1_000_000},
        )
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()  # decode it all now, so that storing it later cannot fail
    except Exception:
        raise ValidationError(
            _("This image is incomplete or damaged (perhaps it did not finish uploading). Please upload it again."),
            code="incomplete_image",
        ) from None


# Byte strings that have no business in a photo: a file carrying them is a script in disguise.
# Long enough not to turn up by chance in compressed image data (the re-encoding in
# CleanImageField is what guarantees no payload is stored; this refuses the obvious).
CODE_MARKERS = (b"<?php", b"<script", b"<html", b"<!doctype", b"<iframe")


def _refuse_hidden_content(data):
    """Refuse images that carry code, or data after the end of the image (polyglots, appended archives)."""
    lowered = data.lower()
    if any(marker in lowered for marker in CODE_MARKERS):
        raise ValidationError(
            _("This file contains code (such as PHP, HTML or a script) and was refused. Upload a plain image."),
            code="embedded_code",
        )
    problem = _ending(data)
    if problem == "incomplete":
        raise ValidationError(
            _("This image is incomplete or damaged (perhaps it did not finish uploading). Please upload it again."),
            code="incomplete_image",
        )
    if problem == "trailing":
        raise ValidationError(
            _(
                "This file has extra data hidden after the image and was refused. Save the image again from an image editor and upload that copy."
            ),
            code="trailing_data",
        )


# Each format's end marker; after it, only zero padding (which some cameras add) may follow.
END_MARKERS = {b"\xff\xd8": b"\xff\xd9", b"\x89PNG": b"IEND\xaeB`\x82", b"GIF8": b";"}


def _ending(data):
    """ "incomplete" if the image stops before its end, "trailing" if data follows its end, else None."""
    if data.startswith(b"RIFF"):  # WebP: the RIFF header states the length
        declared = int.from_bytes(data[4:8], "little") + 8
        return None if declared == len(data) else "incomplete" if declared > len(data) else "trailing"
    for magic, marker in END_MARKERS.items():
        if data.startswith(magic):
            position = data.rfind(marker)
            if position == -1:
                return "incomplete"
            return "trailing" if data[position + len(marker) :].strip(b"\x00") else None
    return None


def reencode(file):
    """
    ``(data, extension)``: the image in ``file`` saved afresh in its own format,
    upright, with no metadata carried over (EXIF with GPS and camera serial,
    XMP, comments, colour profiles), so nothing but pixels is ever stored.
    """
    file.seek(0)
    with Image.open(file) as image:
        image_format = image.format
        options = {"comment": b""}
        if image_format == "GIF":
            options["save_all"] = True  # keep an animation's frames
        else:
            image = ImageOps.exif_transpose(image)
        if image_format == "JPEG":
            image = image.convert("RGB") if image.mode not in ("RGB", "L") else image
            options.update(quality=90, optimize=True)
        elif image_format == "WEBP":
            options.update(quality=90)
        image.info = {}
        buffer = io.BytesIO()
        image.save(buffer, image_format, **options)
    return buffer.getvalue(), ALLOWED_FORMATS[image_format]


class CleanImageField(models.ImageField):
    """An ImageField that stores a re-encoded copy of every new upload (see ``reencode``), never the file as sent."""

    def pre_save(self, model_instance, add):
        file = getattr(model_instance, self.attname)
        if file and not file._committed:
            data, extension = reencode(file.file)
            file.name = os.path.splitext(file.name)[0] + extension  # named after what it is
            file.file = ContentFile(data, name=file.name)
            super().pre_save(model_instance, add)
            self.update_dimension_fields(model_instance, force=True)  # turning a photo upright swaps them
            return file
        return super().pre_save(model_instance, add)


@deconstructible
class GeneratedName:
    """An ``upload_to`` that stores files under a generated name, never the uploader's."""

    def __init__(self, folder):
        self.folder = folder

    def __call__(self, instance, filename):
        extension = os.path.splitext(filename)[1].lower()
        return f"{self.folder}/{uuid.uuid4().hex}{extension}"

    def __eq__(self, other):
        return isinstance(other, GeneratedName) and other.folder == self.folder


# Hero images are served at these widths (never wider than the upload), as WebP and JPEG.
RENDITION_WIDTHS = (480, 800, 1200, 1600)
RENDITION_FORMATS = {"webp": "WEBP", "jpg": "JPEG"}


def rendition_widths(width):
    if not width:
        return []
    return [w for w in RENDITION_WIDTHS if w < width] + [min(width, RENDITION_WIDTHS[-1])]


def rendition_name(name, width, extension):
    return f"renditions/{os.path.splitext(name)[0]}-{width}.{extension}"


@dataclass(frozen=True)
class Renditions:
    """What an ``<img>``/``<picture>`` needs to serve an image at the size that fits the screen."""

    webp_srcset: str
    jpg_srcset: str
    src: str  # a middle-sized JPEG for browsers without srcset
    largest: str  # the widest JPEG, for link previews (og:image) and search engines
    thumbnail: str  # the smallest JPEG, for listings
    thumbnail_width: int
    thumbnail_height: int


def renditions(name, width, height):
    """The renditions of the image stored as ``name`` (computed names: no storage access)."""
    widths = rendition_widths(width)
    url = {(w, ext): default_storage.url(rendition_name(name, w, ext)) for w in widths for ext in RENDITION_FORMATS}
    srcset = {ext: ", ".join(f"{url[w, ext]} {w}w" for w in widths) for ext in RENDITION_FORMATS}
    smallest = widths[0]
    return Renditions(
        webp_srcset=srcset["webp"],
        jpg_srcset=srcset["jpg"],
        src=url[widths[min(1, len(widths) - 1)], "jpg"],
        largest=url[widths[-1], "jpg"],
        thumbnail=url[smallest, "jpg"],
        thumbnail_width=smallest,
        thumbnail_height=max(1, round(height * smallest / width)),
    )


def make_renditions(name, width):
    """Write the renditions of the stored image ``name`` (``width`` pixels wide). EXIF data is not copied."""
    with default_storage.open(name) as file, Image.open(file) as image:
        image = ImageOps.exif_transpose(image).convert("RGB")
        for target_width in rendition_widths(width):
            height = max(1, round(image.height * target_width / image.width))
            resized = image.resize((target_width, height), Image.Resampling.LANCZOS)
            for extension, image_format in RENDITION_FORMATS.items():
                buffer = io.BytesIO()
                resized.save(buffer, image_format, quality=80)
                target = rendition_name(name, target_width, extension)
                default_storage.delete(target)  # save() would otherwise pick another name
                default_storage.save(target, ContentFile(buffer.getvalue()))
