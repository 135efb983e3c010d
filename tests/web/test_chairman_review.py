"""The chairman reads before signing: the decision's page shows the document page by page
as images that fit any screen, then the rule check and, for an amendment, the team before
and after, and only then the sign and return controls. The page images keep the PDF's
reach, are PNGs of the page's size, and are rendered once per version of the draft."""

import io
import math
import re

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.utils import translation
from PIL import Image

from accounts.models import Official
from decisions import workflow
from decisions.documents import build_decision_document
from decisions.models import Decision
from documents import page_images, rendering, storage
from reports import commune_reports
from teams.models import Role
from teams.services import ProposedMember
from tests import factories, pdfs
from tests.decisions.helpers import issued, submitted
from tests.web import other_commune, url

pytestmark = pytest.mark.django_db

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(autouse=True)
def empty_cache():
    """Rendered pages are cached by content: each test starts without any."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def newcomer(commune, village):
    return factories.PersonFactory(
        commune=commune, village=village, full_name="Trần Thị Lan", gender="female", position="Nhân viên y tế thôn"
    )


@pytest.fixture
def amendment_submitted(village_team, village_people, newcomer, clerk, chairman, day):
    """Đông Thái's team set up (Vinh, Hằng, Chương), then an amendment submitted: Chương
    leaves, Lan joins, Hằng and Vinh swap leader and deputy."""
    issued(team=village_team, people=village_people, clerk=clerk, chairman=chairman, on=day)
    vinh, hang, _chuong = village_people
    decision = workflow.decision_create(team=village_team, kind=Decision.Kind.AMEND, by=clerk)
    lines = [(hang, Role.LEADER), (vinh, Role.DEPUTY), (newcomer, Role.MEMBER)]
    members = [ProposedMember(person=p, role=r, position=p.position) for p, r in lines]
    workflow.decision_set_members(decision=decision, members=members, by=clerk)
    workflow.decision_update(decision=decision, by=clerk, departure_reason="Thôn đề nghị.")
    return workflow.decision_submit(decision=decision, by=clerk)


def image_url(decision, number) -> str:
    return url("decisions:page_image", decision.pk, number)


def test_the_document_comes_before_the_checks_and_the_controls(client, chairman, amendment_submitted):
    decision = amendment_submitted
    client.force_login(chairman)
    html = client.get(url("decisions:detail", decision.pk)).content.decode()
    places = [
        html.index(f'<img src="{image_url(decision, 1)}"'),
        html.index('id="rules-h"'),
        html.index('id="changes-h"'),
        html.index(f'action="{url("decisions:issue", decision.pk)}"'),
        html.index(f'action="{url("decisions:return", decision.pk)}"'),
    ]
    assert places == sorted(places)


def test_every_page_is_shown_with_its_number_and_a_text_alternative(client, chairman, amendment_submitted):
    decision = amendment_submitted
    count = pdfs.page_count(rendering.document_pdf(workflow.TEMPLATE, build_decision_document(decision)))
    assert count >= 2  # Điều 2 runs onto a second page
    client.force_login(chairman)
    html = client.get(url("decisions:detail", decision.pk)).content.decode()
    images = re.findall(r'<img src="([^"]+)" width="(\d+)" height="(\d+)"[^>]*alt="([^"]+)"', html)
    assert [src for src, *_ in images] == [image_url(decision, n) for n in range(1, count + 1)]
    assert [alt for *_, alt in images][0].startswith(f"Page 1/{count} of the document: Về việc kiện toàn")
    assert f">Page {count}/{count}</figcaption>" in html
    assert [(w, h) for _src, w, h, _alt in images][0] == ("1241", "1754")  # A4 at 150 dpi
    first = Image.open(io.BytesIO(client.get(image_url(decision, 1)).content))
    assert first.size == (1241, 1754)  # the size the page announces before the image loads


def test_the_page_numbers_read_in_vietnamese(client, chairman, amendment_submitted, settings):
    settings.LANGUAGE_CODE = "vi"
    client.force_login(chairman)
    with translation.override("vi"):
        html = client.get(url("decisions:detail", amendment_submitted.pk)).content.decode()
    assert ">Trang 1/2</figcaption>" in html


def test_the_team_before_and_after(client, chairman, amendment_submitted):
    client.force_login(chairman)
    html = client.get(url("decisions:detail", amendment_submitted.pk)).content.decode()
    leaving = html[html.index('id="changes-leaving"') : html.index('id="changes-joining"')]
    joining = html[html.index('id="changes-joining"') : html.index('id="changes-roles"')]
    roles = html[html.index('id="changes-roles"') : html.index("</section>", html.index('id="changes-roles"'))]
    assert "Phạm Hồng Chương" in leaving and "Trần Thị Lan" not in leaving
    assert "Trần Thị Lan" in joining and "Nhân viên y tế thôn" in joining and "Phạm Hồng Chương" not in joining
    assert "Mai Thị Hằng: Tổ phó → Tổ trưởng" in roles
    assert "Nguyễn Xuân Vinh: Tổ trưởng → Tổ phó" in roles


def test_an_establishing_decision_has_no_before_and_after(client, chairman, clerk, village_team, village_people):
    decision = submitted(team=village_team, people=village_people, clerk=clerk)
    client.force_login(chairman)
    html = client.get(url("decisions:detail", decision.pk)).content.decode()
    assert 'id="changes-h"' not in html
    assert html.index(f'<img src="{image_url(decision, 1)}"') < html.index('id="rules-h"')


def test_a_page_is_a_png_of_the_pages_size(client, chairman, amendment_submitted):
    decision = amendment_submitted
    pdf = rendering.document_pdf(workflow.TEMPLATE, build_decision_document(decision))
    client.force_login(chairman)
    for number, (width_pt, height_pt) in enumerate(pdfs.page_sizes(pdf), start=1):
        response = client.get(image_url(decision, number))
        assert response.status_code == 200
        assert response["Content-Type"] == "image/png"
        assert response.content.startswith(PNG_SIGNATURE)
        image = Image.open(io.BytesIO(response.content))
        image.verify()
        assert image.size == (math.ceil(width_pt * 150 / 72), math.ceil(height_pt * 150 / 72))


def test_the_first_page_image_shows_ink(client, chairman, amendment_submitted):
    """Not a blank page: the header and title are drawn in black on white."""
    client.force_login(chairman)
    image = Image.open(io.BytesIO(client.get(image_url(amendment_submitted, 1)).content)).convert("L")
    dark = sum(image.histogram()[:128])
    assert 0.001 < dark / (image.width * image.height) < 0.2


@pytest.mark.parametrize("number", ["0", "3", "99999999999999999999", "%D9%A1", "%C2%B2", "1x", "-1", "+1", " 1"])
def test_a_page_it_does_not_have_is_a_404(client, chairman, amendment_submitted, number):
    client.force_login(chairman)
    response = client.get(f"/decisions/{amendment_submitted.pk}/preview/{number}.png")
    assert response.status_code == 404


def test_the_image_is_cached_by_the_drafts_content(client, chairman, clerk, amendment_submitted, monkeypatch):
    decision = amendment_submitted
    client.force_login(chairman)
    first = client.get(image_url(decision, 1))
    etag = first["ETag"]
    assert re.fullmatch(r'"[0-9a-f]{64}"', etag)
    assert first["Cache-Control"] == "private, no-cache"

    def no_render(*args, **kwargs):
        raise AssertionError("rendered again")

    monkeypatch.setattr(rendering, "document_pdf", no_render)
    again = client.get(image_url(decision, 1), HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again["ETag"] == etag
    assert client.get(image_url(decision, 1)).content == first.content  # from the cache
    assert client.get(image_url(decision, 2)).status_code == 200  # the PDF itself was kept
    assert client.get(url("decisions:detail", decision.pk)).status_code == 200
    monkeypatch.undo()

    workflow.decision_return(decision=decision, by=chairman, comment="Sửa trích yếu.")
    workflow.decision_update(decision=decision, by=clerk, subject="Về việc kiện toàn Tổ chuyển đổi số thôn Đông Thái")
    changed = client.get(image_url(decision, 1), HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_an_issued_decision_shows_its_stored_pdf(client, chairman, clerk, village_team, village_people, day):
    decision = issued(team=village_team, people=village_people, clerk=clerk, chairman=chairman, on=day)
    client.force_login(clerk)
    response = client.get(image_url(decision, 1))
    assert response.status_code == 200
    assert response["ETag"] == f'"{decision.pdf_sha256}"'
    assert response["Cache-Control"] == "private, max-age=86400"
    html = client.get(url("decisions:detail", decision.pk)).content.decode()
    assert f'<img src="{image_url(decision, 1)}"' in html
    assert 'id="changes-h"' not in html and f'action="{url("decisions:issue", decision.pk)}"' not in html


def test_a_missing_stored_pdf_says_so_on_the_page(client, chairman, clerk, village_team, village_people, day, settings):
    decision = issued(team=village_team, people=village_people, clerk=clerk, chairman=chairman, on=day)
    storage.document_storage().delete(storage.name_for(decision.pdf_sha256))
    client.force_login(clerk)
    response = client.get(url("decisions:detail", decision.pk))
    assert response.status_code == 200
    assert "cannot be shown as images" in response.content.decode()
    assert client.get(image_url(decision, 1)).status_code == 404


def test_a_team_leader_cannot_read_a_submitted_decisions_pages(client, commune, amendment_submitted, village_people):
    leader = factories.OfficialFactory(commune=commune, role=Official.Role.TEAM_LEADER, person=village_people[0]).user
    client.force_login(leader)
    assert client.get(image_url(amendment_submitted, 1)).status_code == 404
    assert client.get(url("decisions:draft_pdf", amendment_submitted.pk)).status_code == 404


def test_another_communes_official_cannot_read_the_pages(client, amendment_submitted):
    elsewhere = other_commune()
    chairman = factories.OfficialFactory(commune=elsewhere["commune"], role=Official.Role.CHAIRMAN).user
    for user in (elsewhere["clerk"], chairman):
        client.force_login(user)
        assert client.get(image_url(amendment_submitted, 1)).status_code == 404


def test_an_anonymous_visitor_is_sent_to_log_in(client, amendment_submitted):
    response = client.get(image_url(amendment_submitted, 1))
    assert response.status_code == 302 and response["Location"].startswith("/login/")


@override_settings(DEBUG=False)
def test_the_commune_report_shows_its_pages_too(client, clerk, commune):
    period = factories.ReportingPeriodFactory(commune=commune, year=2022, month=10)
    report = commune_reports.commune_report_create(period=period, by=clerk)
    client.force_login(clerk)
    html = client.get(url("commune_reports:detail", report.pk)).content.decode()
    assert f'<img src="{url("commune_reports:page_image", report.pk, 1)}"' in html
    response = client.get(url("commune_reports:page_image", report.pk, 1))
    assert response.status_code == 200 and response.content.startswith(PNG_SIGNATURE)


def test_the_fingerprint_changes_with_the_layout(tmp_path, settings):
    page_images.layout_fingerprint.cache_clear()
    before = page_images.layout_fingerprint()
    (tmp_path / "templates" / "documents").mkdir(parents=True)
    (tmp_path / "templates" / "documents" / "decision.html").write_text("x")
    settings.BASE_DIR = tmp_path
    page_images.layout_fingerprint.cache_clear()
    try:
        assert page_images.layout_fingerprint() != before
    finally:
        page_images.layout_fingerprint.cache_clear()


def test_a_page_in_colour_keeps_its_colours():
    white = Image.new("RGB", (40, 20), "white")
    assert page_images.compact(white).convert("RGB").getpixel((0, 0)) == (255, 255, 255)
    white.paste((200, 0, 0), (0, 0, 20, 20))  # the seal's red
    colours = page_images.compact(white).convert("RGB")
    assert colours.getpixel((5, 5))[0] > 150 and colours.getpixel((5, 5))[1] < 60
    assert page_images.compact(Image.new("RGB", (40, 20), "black")).mode == "P"
