"""The poster: team, consenting members' numbers, two QR codes; from current data."""

import pypdfium2
import pytest
import zxingcpp
from django.urls import reverse

from tests import pdfs

from .conftest import ZALO

MM = pdfs.MM


def poster(client, user, team, size="a4"):
    client.force_login(user)
    response = client.get(reverse("residents:poster", args=[team.pk, size]))
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/pdf"
    return response.content


def qr_codes(pdf: bytes) -> set[str]:
    document = pypdfium2.PdfDocument(pdf)
    try:
        image = document[0].render(scale=3).to_pil()
    finally:
        document.close()
    return {result.text for result in zxingcpp.read_barcodes(image)}


def test_a_consented_number_is_on_the_poster_and_a_withdrawn_one_is_gone_at_once(
    client, clerk, page, village_people, give_phone, withdraw_phone
):
    give_phone(village_people[0])
    give_phone(village_people[1])
    text = pdfs.text(poster(client, clerk, page.team))
    assert "0912000001" in text and "0912000002" in text and "0912000003" not in text
    withdraw_phone(village_people[0])
    text = pdfs.text(poster(client, clerk, page.team))
    assert "0912000001" not in text and "0912000002" in text


def test_the_poster_names_the_team_and_its_members(client, clerk, page, village_people):
    text = pdfs.text(poster(client, clerk, page.team))
    assert "THÔN ĐÔNG THÁI" in text
    for person in village_people:
        assert person.full_name in text
    assert "01/QĐ-UBND" in text


@pytest.mark.parametrize(("size", "width_mm", "height_mm"), [("a4", 210, 297), ("a5", 148, 210)])
def test_the_poster_is_one_page_of_its_size(client, clerk, page, size, width_mm, height_mm):
    pdf = poster(client, clerk, page.team, size)
    assert pdfs.page_count(pdf) == 1
    (width, height), *_ = pdfs.page_sizes(pdf)
    assert abs(width - width_mm * MM) < 1 and abs(height - height_mm * MM) < 1
    assert all(font.embedded for font in pdfs.fonts(pdf))


@pytest.mark.parametrize("size", ["a4", "a5"])
def test_the_qr_codes_read_back_as_the_zalo_link_and_the_page(client, clerk, page, size):
    codes = qr_codes(poster(client, clerk, page.team, size))
    assert codes == {ZALO, "http://testserver" + reverse("public:page", args=[page.slug])}


def test_the_team_leader_prints_the_poster(client, leader, page):
    assert pdfs.page_count(poster(client, leader, page.team)) == 1


def test_a_district_officer_or_another_commune_cannot_print_it(client, page, commune):
    from accounts.models import Official
    from tests import factories

    officer = factories.OfficialFactory(
        role=Official.Role.DISTRICT_OFFICER, commune=None, district=commune.district
    ).user
    client.force_login(officer)
    response = client.get(reverse("residents:poster", args=[page.team.pk, "a4"]))
    assert response.status_code in {403, 404}
    other = factories.OfficialFactory(commune=factories.CommuneFactory(code=18260, name="Tùng Lộc")).user
    client.force_login(other)
    assert client.get(reverse("residents:poster", args=[page.team.pk, "a4"])).status_code == 404


def test_no_poster_before_the_page_is_published(client, clerk, established):
    client.force_login(clerk)
    assert client.get(reverse("residents:poster", args=[established.pk, "a4"])).status_code == 404


def test_an_unknown_size_is_404(client, clerk, page):
    client.force_login(clerk)
    assert client.get(reverse("residents:poster", args=[page.team.pk, "a3"])).status_code == 404
