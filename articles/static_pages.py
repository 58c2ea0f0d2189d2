"""
Publish to static: public pages written as files, for the web server to send
without asking Django (``deploy/nginx.conf``), when the ``static_pages``
storage is configured (``HEALTHCMS_STATIC_PAGES_ROOT``). Which pages are
written, and when their files are removed, is decided in
``articles/publishing.py``.
"""

import os
import re
import tempfile
from urllib.parse import urlsplit

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, storages
from django.test import Client

# Addresses that may be written as files: directories of slugs, and the *.xml and robots.txt at the top.
STATIC_PATH = re.compile(r"/(?:[A-Za-z0-9_-]+/)*(?:[A-Za-z0-9_-]+\.xml|robots\.txt)?", re.ASCII)


class StaticPagesStorage(FileSystemStorage):
    """
    The folder of pages the web server sends: a page is written aside and
    renamed into place, so a reader never gets one half written.
    """

    def get_available_name(self, name, max_length=None):
        return name  # a page replaces its older copy

    def _save(self, name, content):
        path = self.path(name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        descriptor, written = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".", suffix=".part")
        try:
            with os.fdopen(descriptor, "wb") as file:
                for chunk in content.chunks():
                    file.write(chunk)
            os.chmod(written, self.file_permissions_mode or 0o644)
            os.replace(written, path)
        except BaseException:
            os.unlink(written)
            raise
        return name


def static_storage():
    """The storage that static pages are written to, or None when publishing to static is off."""
    return storages["static_pages"] if "static_pages" in settings.STORAGES else None


def make(paths):
    """
    Ask for each page at ``paths`` as a reader at SITE_URL does, so that it is kept (the page cache)
    and written as a file where it may be: ``(path, status)`` for each.
    """
    site = urlsplit(settings.SITE_URL)
    client = Client(HTTP_HOST=site.netloc)
    for path in paths:
        yield path, client.get(path, secure=site.scheme == "https").status_code


def _file_names(path):
    """Where the page at ``path`` is written: a directory's page as index.html (or index.xml, a feed)."""
    name = path.lstrip("/")
    return [name] if name and not name.endswith("/") else [name + "index.html", name + "index.xml"]


def write(storage, request, response):
    """
    Write ``response`` to ``storage`` as the file of the page ``request`` asked
    for, when readers are sent that page at that address; the file's name, or
    None when the page is not one to write.
    """
    if (
        request.META.get("QUERY_STRING")
        or request.build_absolute_uri("/")
        != settings.SITE_URL.rstrip("/") + "/"  # as readers are sent it, not a health check's
        or request.LANGUAGE_CODE != settings.LANGUAGE_CODE
        or not STATIC_PATH.fullmatch(request.path)
    ):
        return None
    html, xml = _file_names(request.path) if request.path.endswith("/") else (_file_names(request.path) * 2)
    name = html if response["Content-Type"].startswith("text/html") else xml
    storage.save(name, ContentFile(response.content))
    return name


def remove(storage, dirs=(), paths=()):
    """Remove the files of the pages at ``paths`` and every file under ``dirs`` (``""``: all of them)."""
    for directory in dirs:
        _remove_tree(storage, directory)
    for path in paths:
        for name in _file_names(path):
            storage.delete(name)


def _remove_tree(storage, directory):
    if not storage.exists(directory or "."):
        return
    directories, files = storage.listdir(directory or ".")
    for name in files:
        storage.delete(f"{directory}/{name}" if directory else name)
    for name in directories:
        _remove_tree(storage, f"{directory}/{name}" if directory else name)
