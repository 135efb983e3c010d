"""AppConfigs that name third-party apps in Vietnamese in the admin.

axes gives its app no verbose name, so the admin's index showed "AXES" among Vietnamese
headings; settings.INSTALLED_APPS installs it through ``AxesConfig`` below, which keeps
its label ("axes"), its models and its start-up and only names it.
"""

from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy as _


class AxesConfig(AxesAppConfig):
    verbose_name = _("Login attempts")
