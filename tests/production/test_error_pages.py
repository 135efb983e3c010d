"""Error pages in the app's layout and language; Vietnamese first, whatever the browser says."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client, override_settings
from django.urls import include, path
from django.utils.translation import gettext

from tests import factories


def forbidden(request):
    raise PermissionDenied


def forbidden_with_a_reason(request):
    raise PermissionDenied(gettext("Only the commune clerk may do this."))


def broken(request):
    raise RuntimeError("a bug")


urlpatterns = [
    path("forbidden/", forbidden),
    path("forbidden-with-a-reason/", forbidden_with_a_reason),
    path("broken/", broken),
    path("", include("tungAnh.urls")),
]


@pytest.fixture
def production(settings):
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["testserver"]


@pytest.fixture
def clerk_client(clerk):
    client = Client()
    client.force_login(clerk)
    return client


@pytest.mark.django_db
def test_a_missing_page_is_vietnamese_whatever_the_browser_asks(production):
    response = Client().get("/khong-co/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.status_code == 404
    page = response.content.decode()
    assert '<html lang="vi">' in page and "Không tìm thấy trang" in page and "Quay lại trang chủ" in page
    assert "Not Found" not in page


def test_another_communes_team_is_the_same_404(production, clerk_client):
    team = factories.TeamFactory(commune=factories.CommuneFactory(code=18262, name="Yên Hồ"))
    response = clerk_client.get(f"/teams/{team.pk}/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()
    assert "Đăng xuất" in response.content.decode(), "in the app's layout, with its menu"


@override_settings(ROOT_URLCONF=__name__)
def test_a_refusal_is_a_vietnamese_403(production, clerk_client):
    response = clerk_client.get("/forbidden/")
    assert response.status_code == 403
    assert "Không được phép" in response.content.decode()


@override_settings(ROOT_URLCONF=__name__)
def test_a_refusal_gives_its_reason_in_vietnamese(production, clerk_client):
    response = clerk_client.get("/forbidden-with-a-reason/")
    assert response.status_code == 403
    page = response.content.decode()
    assert "<strong>Chỉ công chức xã mới được thực hiện thao tác này.</strong>" in page
    assert "Không được phép" in page


@override_settings(ROOT_URLCONF=__name__)
@pytest.mark.django_db
def test_a_server_error_is_a_vietnamese_500_that_needs_no_database(production, django_assert_num_queries):
    client = Client(raise_request_exception=False)
    with django_assert_num_queries(0):
        response = client.get("/broken/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "Máy chủ gặp sự cố" in page and "Server Error" not in page


@pytest.mark.django_db
def test_a_form_sent_without_its_token_gets_the_vietnamese_expiry_page(production):
    response = Client(enforce_csrf_checks=True).post("/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    assert "Biểu mẫu đã hết hạn" in response.content.decode()


@pytest.mark.django_db
def test_the_chosen_language_is_kept_and_each_is_named_in_itself():
    client = Client()
    page = client.get("/login/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="vi">' in page
    assert '<option value="en" lang="en">English</option>' in page
    assert '<option value="vi" lang="vi" selected>Tiếng Việt</option>' in page
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/login/"})
    assert response.status_code == 302
    page = client.get("/login/", HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert '<html lang="en">' in page and "Log in" in page
    assert '<option value="vi" lang="vi">Tiếng Việt</option>' in page


@pytest.mark.django_db
def test_an_unknown_language_in_the_cookie_falls_back_to_vietnamese(settings):
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "xx"
    assert '<html lang="vi">' in client.get("/login/").content.decode()


@pytest.mark.django_db
def test_a_nul_in_the_address_is_a_vietnamese_400(production):
    response = Client().get("/login/", {"next": "/\x00"})
    assert response.status_code == 400
    assert "Yêu cầu không hợp lệ" in response.content.decode()
