"""
The writers', reviewers' and editors' workspace in the Django admin: the
article and its workflow panel (``article``), the site's categories, people and
pages (``directory``) and the read-only records (``records``).
"""

from . import article, directory, records  # noqa: F401 (each registers its admins)
