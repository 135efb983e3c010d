from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from lib import health

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", health.healthz, name="healthz"),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("teams.urls")),
    path("decisions/", include("decisions.urls")),
    path("documents/", include("documents.urls")),
    path("joining/", include("joining.urls")),
    path("reports/", include("reports.urls")),
    path("commune-reports/", include("reports.commune_report_urls")),
    path("rollout/", include("reports.dashboard_urls")),
    path("logins/", include("accounts.urls")),
    path("residents/", include("residents.urls")),
    path("p/", include("residents.public_urls")),
    path("admin/", admin.site.urls),
]
