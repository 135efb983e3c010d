"""Values every page's layout needs."""

from django.conf import settings


def languages(request):
    """The footer's language menu: each language named in itself, as settings.LANGUAGES names it
    (Django's own names would be translated, "Tiếng Anh" for English, and are not NFC)."""
    return {"LANGUAGE_CHOICES": settings.LANGUAGES}
