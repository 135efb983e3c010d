"""The language of every page: Vietnamese, unless the visitor chose another.

Django's LocaleMiddleware follows the browser's Accept-Language, so a phone set to
English would get English pages. A commune's tool speaks Vietnamese; a visitor who picks
another language in the footer (Django's ``set_language`` view) keeps it in a cookie.
"""

from auditlog.middleware import AuditlogMiddleware as BaseAuditlogMiddleware
from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers


def chosen_language(request) -> str:
    code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if code:
        try:
            return translation.get_supported_language_variant(code)
        except LookupError:
            pass
    return settings.LANGUAGE_CODE


class ChosenLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = chosen_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ["Cookie"])
        return response


class RefuseNulMiddleware:
    """A NUL in the query string is a 400, before any view passes it to the database.

    PostgreSQL refuses NUL in text, so a list filter or search (the admin's, for one) that
    hands it ``?q=%00`` would answer 500. No honest request carries one.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if any("\x00" in key or any("\x00" in value for value in values) for key, values in request.GET.lists()):
            return bad_request(request, exception=None)
        return self.get_response(request)


def bad_request(request, exception):
    from django.views.defaults import bad_request as django_bad_request

    return django_bad_request(request, exception)


class AuditlogMiddleware(BaseAuditlogMiddleware):
    """django-auditlog's middleware, handing it the request's user unread.

    The original tests ``isinstance(request.user, User)``, which loads the user from the
    database on every request, writes or not; the audit trail only needs the user when it
    records a change, and then tests it itself (an anonymous user is recorded as no one). A
    page kept by lib/page_cache.py is then served without reading the user at all.
    """

    @staticmethod
    def _get_actor(request):
        return getattr(request, "user", None)
