"""The article form's Preview: what is in the form now, unsaved, as readers will see it."""


class PreviewMixin:
    """The preview of the unsaved form (being built: see the editorial-desk issue)."""
