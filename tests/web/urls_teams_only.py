"""The project's routes without the decisions app, for the teams pages' tests.

The navigation and the home page link to ``decisions:*`` names; placeholders answer
them here until the decisions pages exist. ``WithDraftCreate`` adds ``decisions:create``
to check that the team page offers its "Draft a decision" buttons once that page exists.
"""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.http import HttpResponse
from django.urls import include, path

from tungAnh import views


def placeholder(request, *args, **kwargs):
    return HttpResponse("placeholder")


decisions_placeholders = [
    path("", placeholder, name="list"),
    path("<int:pk>/", placeholder, name="detail"),
    path("inbox/", placeholder, name="inbox"),
    path("register/", placeholder, name="register"),
]


def project_routes(decisions):
    return [
        path("", views.home, name="home"),
        path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
        path("logout/", auth_views.LogoutView.as_view(), name="logout"),
        path("password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
        path("password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
        path("i18n/", include("django.conf.urls.i18n")),
        path("", include("teams.urls")),
        path("decisions/", include((decisions, "decisions"))),
        path("admin/", admin.site.urls),
    ]


urlpatterns = project_routes(decisions_placeholders)


class WithDraftCreate:
    """A urlconf (Django accepts any object with ``urlpatterns``) where decisions:create exists."""

    urlpatterns = project_routes([*decisions_placeholders, path("add/", placeholder, name="create")])
