"""Values every page's layout needs."""

from django.conf import settings
from django.utils.functional import SimpleLazyObject


def languages(request):
    """The footer's language menu: each language named in itself, as settings.LANGUAGES names it
    (Django's own names would be translated, "Tiếng Anh" for English, and are not NFC)."""
    return {"LANGUAGE_CHOICES": settings.LANGUAGES}


def signing(request):
    """Whether issued documents are digitally signed here: the clerk's menu then offers the
    signature and seal images (documents/signing.py; DOCUMENT_SIGNING_BACKEND)."""
    return {"SIGNING_ENABLED": getattr(settings, "DOCUMENT_SIGNING_BACKEND", "none") != "none"}


def menu(request):
    """The main menu (``tungAnh.menu``) and who is using it: the groups of links this login
    sees, the current page marked, and the identity the header shows (name, role, and the
    commune, district or province they work for). Read from the official loaded with the user
    (accounts.backends): no query, but a province officer's province, kept for a while."""
    from tungAnh import menu as main_menu

    user = getattr(request, "user", None)
    match = getattr(request, "resolver_match", None)
    return {
        "MENU": SimpleLazyObject(lambda: main_menu.menu_for(user, match.view_name if match else None)),
        "IDENTITY": SimpleLazyObject(lambda: main_menu.identity_of(user)),
    }
