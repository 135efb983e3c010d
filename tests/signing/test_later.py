"""The check says what was issued since: a decision amended ("kiện toàn") by a later decision
on its team, or ended by the team's dissolution, with the later one's number and date."""

import io

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from decisions.models import Decision
from documents import storage, verification
from teams.models import Role
from tests.decisions.helpers import issued

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english_and_fresh_counts(settings):
    settings.LANGUAGE_CODE = "en"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def amended(village_team, village_people, clerk, chairman):
    """Decision 01 sets the team up; 02, the same day, amends it (leader and deputy change places)."""
    first = issued(team=village_team, people=village_people, clerk=clerk, chairman=chairman)
    second = issued(
        team=village_team,
        people=village_people,
        clerk=clerk,
        chairman=chairman,
        kind=Decision.Kind.AMEND,
        roles=(Role.DEPUTY, Role.LEADER, Role.MEMBER),
        departure_reason="Tổ trưởng cũ xin chuyển sang làm Tổ phó.",
    )
    return first, second


def sentence(second) -> str:
    return f"amended (kiện toàn) by {second.number_symbol} of xã Tùng Ảnh, issued on {second.issued_on:%d/%m/%Y}"


def test_the_amended_decisions_file_names_the_amending_one(amended):
    first, second = amended
    verdict = verification.verify_pdf(storage.read(first.pdf_sha256))
    assert verdict.later == [(second, "amended (kiện toàn) by")]
    with translation.override("en"):
        assert f"Since then: {sentence(second)}." in verification.describe(verdict)
    # The amending decision itself has nothing after it.
    assert verification.verify_pdf(storage.read(second.pdf_sha256)).later == []


def test_a_dissolution_ends_the_decisions_it_follows(amended, clerk, chairman, village_people):
    first, second = amended
    third = issued(team=first.team, people=village_people, clerk=clerk, chairman=chairman, kind=Decision.Kind.DISSOLVE)
    assert [(d.number, how) for d, how in first.later_documents()] == [
        (second.number, "amended (kiện toàn) by"),
        (third.number, "ended by the team's dissolution"),
    ]
    assert second.later_documents() == [(third, "ended by the team's dissolution")]


def test_the_public_page_says_it_for_a_file_and_for_a_number(amended, client, commune):
    first, second = amended
    url = reverse("documents:check")
    upload = SimpleUploadedFile("qd.pdf", storage.read(first.pdf_sha256), content_type="application/pdf")
    page = client.post(url, {"by": "file", "file": upload}).content.decode()
    assert "Issued since, and to be read with it:" in page and sentence(second) in page
    form = {"by": "number", "commune": commune.pk, "number_symbol": first.number_symbol, "year": first.year}
    page = client.post(url, form).content.decode()
    assert sentence(second) in page
    form["number_symbol"] = second.number_symbol
    page = client.post(url, form).content.decode()
    assert "Nothing issued since amends, replaces or ends this document." in page


def test_verify_pdf_and_the_decisions_page_say_it(amended, client, chairman, tmp_path):
    first, second = amended
    path = tmp_path / "qd.pdf"
    path.write_bytes(storage.read(first.pdf_sha256))
    out = io.StringIO()
    with translation.override("en"):
        call_command("verify_pdf", str(path), stdout=out)
    assert f"Since then: {sentence(second)}." in out.getvalue()
    client.force_login(chairman)
    page = client.get(reverse("decisions:detail", args=[first.pk])).content.decode()
    assert sentence(second) in page
