"""Checks for uploaded images: what the file is, not what it is called."""

import os
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from PIL import Image

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
    try:
        value.seek(0)
        with Image.open(value) as image:
            image_format, (width, height) = image.format, image.size
            image.verify()
    except Image.DecompressionBombError:
        raise ValidationError(_("This image has too many pixels to be processed safely."), code="too_many_pixels")
    except Exception:
        raise ValidationError(
            _("This file is not an image we can read. Upload a JPEG, PNG, WebP or GIF image."),
            code="invalid_image",
        )
    finally:
        value.seek(0)
    if image_format not in ALLOWED_FORMATS:
        raise ValidationError(
            _("%(format)s images are not accepted. Upload a JPEG, PNG, WebP or GIF image."),
            code="invalid_format",
            params={"format": image_format},
        )
    max_pixels = settings.HEALTHCMS_MAX_IMAGE_PIXELS
    if width * height > max_pixels:
        raise ValidationError(
            _("This image is %(width)s×%(height)s pixels; images may have at most %(limit)s million pixels."),
            code="too_many_pixels",
            params={"width": width, "height": height, "limit": max_pixels // 1_000_000},
        )


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
