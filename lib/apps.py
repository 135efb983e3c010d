"""The shared library's app, and AppConfigs that name third-party apps in Vietnamese in the admin.

axes gives its app no verbose name, so the admin's index showed "AXES" among Vietnamese
headings; settings.INSTALLED_APPS installs it through ``AxesConfig`` below, which keeps
its label ("axes"), its models and its start-up and only names it.
"""

from axes.apps import AppConfig as AxesAppConfig
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AxesConfig(AxesAppConfig):
    verbose_name = _("Login attempts")


class LibConfig(AppConfig):
    """The shared library as an app: it connects the page cache's write marks (lib/page_cache.py)."""

    name = "lib"
    verbose_name = _("Shared library")
    default = True

    def ready(self):
        from . import page_cache

        page_cache.connect()
