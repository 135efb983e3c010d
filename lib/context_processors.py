"""Values every page's layout needs."""

from django.conf import settings


def languages(request):
    """The footer's language menu: each language named in itself, as settings.LANGUAGES names it
    (Django's own names would be translated, "Tiếng Anh" for English, and are not NFC)."""
    return {"LANGUAGE_CHOICES": settings.LANGUAGES}


def signing(request):
    """Whether issued documents are digitally signed here: the clerk's menu then offers the
    signature and seal images (documents/signing.py; DOCUMENT_SIGNING_BACKEND)."""
    return {"SIGNING_ENABLED": getattr(settings, "DOCUMENT_SIGNING_BACKEND", "none") != "none"}
