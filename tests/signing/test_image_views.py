"""The clerk's page for signature and seal images: the wiring (documents.images has the rules)."""

import pytest
from django.urls import reverse

from documents.models import SealImage, SignatureImage
from tests.signing.images import png, seal_png, signature_png, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def english(settings):
    settings.LANGUAGE_CODE = "en"


def test_the_clerk_uploads_a_signature_and_sees_it(client, clerk, chairman, english):
    client.force_login(clerk)
    official = chairman.official
    response = client.post(
        reverse("documents:signature_upload", args=[official.pk]), {"image": upload(signature_png())}, follow=True
    )
    assert "The signature image of Phan Tiến Dũng is saved." in response.content.decode()
    assert SignatureImage.objects.filter(official=official).exists()
    image = client.get(reverse("documents:signature_png", args=[official.pk]))
    assert image["Content-Type"] == "image/png" and image["X-Content-Type-Options"] == "nosniff"


def test_the_clerk_uploads_the_seal(client, clerk, commune, english):
    client.force_login(clerk)
    response = client.post(
        reverse("documents:seal_upload"), {"image": upload(seal_png()), "diameter_mm": "36"}, follow=True
    )
    assert "The seal image of xã Tùng Ảnh is saved." in response.content.decode()
    assert SealImage.objects.get(commune=commune).diameter_mm == 36
    assert "drawn 36 mm wide" in client.get(reverse("documents:signing_images")).content.decode()


def test_a_non_png_is_refused_on_the_page(client, clerk, chairman, english):
    client.force_login(clerk)
    response = client.post(
        reverse("documents:signature_upload", args=[chairman.official.pk]),
        {"image": upload(png(kind="JPEG", mode="RGB"), name="chu-ky.jpg", content_type="image/jpeg")},
        follow=True,
    )
    assert response.status_code == 200
    assert "Only PNG images are accepted." in response.content.decode()
    assert not SignatureImage.objects.exists()


def test_only_the_clerk_sees_the_page(client, chairman):
    client.force_login(chairman)
    assert client.get(reverse("documents:signing_images")).status_code == 403


def test_the_page_lists_the_signers(client, clerk, chairman, vice_chairman, english):
    client.force_login(clerk)
    page = client.get(reverse("documents:signing_images")).content.decode()
    assert "Phan Tiến Dũng" in page and "Lê Doãn Lợi" in page


def test_the_menu_offers_the_images_to_the_clerk_only_where_documents_are_signed(client, clerk, settings):
    client.force_login(clerk)
    link = f'href="{reverse("documents:signing_images")}"'
    settings.DOCUMENT_SIGNING_BACKEND = "none"
    assert link not in client.get("/").content.decode()
    settings.DOCUMENT_SIGNING_BACKEND = "pkcs12"
    assert link in client.get("/").content.decode()


def test_every_page_links_the_public_check_even_before_login(client, db):
    assert f'href="{reverse("documents:check")}"' in client.get(reverse("login")).content.decode()
