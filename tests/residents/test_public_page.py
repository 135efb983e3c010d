"""What a resident sees: the team, its members' names and roles, consented phones only."""

import datetime
import re

import pytest
from django.core.cache import cache as django_cache
from django.urls import reverse

from residents import cache, services
from residents.models import CommunePublishing
from teams.models import Membership, Role
from tests import factories

from .conftest import ZALO


def fetch(client, page):
    response = client.get(reverse("public:page", args=[page.slug]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_shows_the_team_its_decision_members_and_zalo_without_login(client, page, village_people):
    body = fetch(client, page)
    assert "Tổ chuyển đổi số cộng đồng thôn Đông Thái" in body
    assert "Số: 01/QĐ-UBND" not in body  # the number without the header's "Số:"
    assert "01/QĐ-UBND" in body and "04/10/2022" in body
    for person in village_people:
        assert person.full_name in body
    assert "Tổ trưởng" in body and "Tổ phó" in body and "Tổ viên" in body
    assert ZALO in body


def test_no_phone_is_shown_without_consent(client, page, village_people):
    body = fetch(client, page)
    for person in village_people:
        assert person.phone not in body
    assert "tel:" not in body


def test_a_consented_phone_is_shown_as_a_link_to_call(client, page, village_people, give_phone):
    give_phone(village_people[1])
    body = fetch(client, page)
    assert 'href="tel:0912000002"' in body
    assert "0912000001" not in body and "0912000003" not in body


def test_a_withdrawal_takes_the_phone_off_the_cached_page_at_once(
    client, page, village_people, give_phone, withdraw_phone
):
    give_phone(village_people[0])
    assert "0912000001" in fetch(client, page)  # now cached
    withdraw_phone(village_people[0])
    assert "0912000001" not in fetch(client, page)
    entry = django_cache.get(f"residents:page:{page.slug}")
    assert entry is not None and "0912000001" not in entry.body


def test_a_consent_covers_the_number_given_not_a_new_one(client, page, village_people, give_phone):
    person = village_people[0]
    give_phone(person)
    person.phone = "0987654321"
    person.save()
    body = fetch(client, page)
    assert "0987654321" not in body and "0912000001" not in body


def test_the_page_shows_nothing_else_about_a_person(client, page, village_people, give_phone):
    person = village_people[0]
    person.birth_year = 1971
    person.save()
    give_phone(person)
    body = fetch(client, page)
    assert "1971" not in body
    assert person.position not in body  # "Trưởng thôn Đông Thái"
    assert "Giáo viên" not in body and "Bí thư Chi đoàn TN" not in body
    assert reverse("teams:person_detail", args=[person.pk]) not in body
    # Every run of digits on the page is the decision's, its date, or a consented number (the
    # link to the public check carries the commune's key and the decision's year: not a person's).
    shown = re.sub(r'href="/documents/check/\?[^"]*"', "", body.split("</style>", 1)[1])
    digits = set(re.findall(r"\d{4,}", shown))
    assert digits <= {"0912000001", "2022"}


def test_a_seat_without_an_issued_decision_shows_its_name_only_with_consent(client, clerk, commune, village):
    team = factories.TeamFactory(commune=commune, village=village, status="active")
    person = factories.PersonFactory(commune=commune, full_name="Hồ Thị Mai", phone="0912000009")
    Membership(team=team, person=person, role=Role.LEADER, start_date=datetime.date(2024, 1, 1)).save()
    page = services.public_page_publish(team=team, by=clerk)
    body = fetch(client, page)
    assert "Hồ Thị Mai" not in body and "Tổ trưởng" in body
    services.consent_give(
        person=person, subject="name_role", on=datetime.date(2024, 1, 2), method="in_person", scan=None, by=clerk
    )
    assert "Hồ Thị Mai" in fetch(client, page)
    services.consent_withdraw(person=person, subject="name_role", on=datetime.date(2024, 2, 1), by=clerk)
    assert "Hồ Thị Mai" not in fetch(client, page)


def test_the_page_is_noindex_unless_the_commune_allows_indexing(client, page, clerk, commune):
    response = client.get(reverse("public:page", args=[page.slug]))
    assert '<meta name="robots" content="noindex">' in response.content.decode()
    assert response["X-Robots-Tag"] == "noindex"
    assert response["Cache-Control"] == "no-cache"  # a withdrawal is not held in a browser's or proxy's cache
    services.publishing_update(commune=commune, contact="", contact_phone="", allow_indexing=True, by=clerk)
    response = client.get(reverse("public:page", args=[page.slug]))
    assert "noindex" not in response.content.decode()
    assert "X-Robots-Tag" not in response


def test_the_commune_contact_is_shown(client, page, clerk, commune):
    services.publishing_update(
        commune=commune, contact="Văn phòng UBND xã", contact_phone="0239 3888 999", allow_indexing=False, by=clerk
    )
    body = fetch(client, page)
    assert "Văn phòng UBND xã" in body and 'href="tel:02393888999"' in body


def test_a_regenerated_address_makes_the_old_one_404(client, page, clerk):
    old = page.slug
    fetch(client, page)
    page = services.public_page_regenerate(page=page, by=clerk)
    assert page.slug != old
    assert client.get(reverse("public:page", args=[old])).status_code == 404
    assert client.get(reverse("public:page", args=[page.slug])).status_code == 200


def test_an_unknown_address_is_404(client, page):
    assert client.get(reverse("public:page", args=["x" * 22])).status_code == 404


def test_a_dissolved_team_has_no_page(client, page, established):
    fetch(client, page)
    established.status = "dissolved"
    established.dissolved_on = datetime.date(2024, 1, 1)
    established.save()
    assert client.get(reverse("public:page", args=[page.slug])).status_code == 404


def test_the_address_is_random_and_long(page, clerk, commune):
    assert re.fullmatch(r"[A-Za-z0-9_-]{22}", page.slug)


def test_a_rename_of_a_member_shows_at_once(client, page, village_people):
    fetch(client, page)
    person = village_people[2]
    person.full_name = "Phạm Hồng Chương Mới"
    person.save()
    assert "Phạm Hồng Chương Mới" in fetch(client, page)


def test_the_commune_page_lists_the_village_pages(client, page, clerk, commune):
    commune_team = factories.CommuneTeamFactory(commune=commune, status="active")
    commune_page = services.public_page_publish(team=commune_team, by=clerk)
    body = fetch(client, commune_page)
    assert reverse("public:page", args=[page.slug]) in body


def test_the_page_needs_no_query_once_cached(client, page, django_assert_num_queries):
    fetch(client, page)
    with django_assert_num_queries(0):
        fetch(client, page)


def test_the_page_is_small_and_has_no_script(client, page, give_phone, village_people):
    for person in village_people:
        give_phone(person)
    body = fetch(client, page)
    assert len(body.encode()) <= 30 * 1024
    assert "<script" not in body
    assert "<link" not in body  # its style is inline: one request on a poor link


def test_the_page_is_in_vietnamese(client, page, settings):
    settings.LANGUAGE_CODE = "en"
    body = fetch(client, page)
    assert '<html lang="vi">' in body


@pytest.mark.parametrize("field", ["allow_indexing", "contact"])
def test_a_change_of_the_commune_settings_invalidates_the_page(client, page, clerk, commune, field):
    fetch(client, page)
    version = cache.commune_version(commune.pk)
    CommunePublishing(commune=commune, contact="Phòng", updated_by=clerk).save()
    assert cache.commune_version(commune.pk) != version


@pytest.mark.parametrize("what", ["commune", "village", "person", "team", "membership", "decision", "consent", "page"])
def test_a_change_of_anything_the_page_shows_invalidates_the_commune_pages(
    page, commune, village, village_people, established, give_phone, what
):
    from decisions.models import Decision

    record = give_phone(village_people[0])
    objects = {
        "commune": commune,
        "village": village,
        "person": village_people[0],
        "team": established,
        "membership": established.active_memberships().first(),
        "decision": None,
        "consent": None,
        "page": page,
    }
    version = cache.commune_version(commune.pk)
    if what == "decision":
        from decisions import workflow

        workflow.decision_create(team=established, kind=Decision.Kind.AMEND, by=record.recorded_by)
    elif what == "consent":
        from residents import services as residents_services

        residents_services.consent_withdraw(person=record.person, subject="phone", on=record.on, by=record.recorded_by)
    else:
        objects[what].save()
    assert cache.commune_version(commune.pk) != version


def test_the_page_links_its_decision_to_the_public_check_filled_in(client, page):
    from decisions.models import Decision

    body = fetch(client, page)
    decision = Decision.objects.get(team=page.team)
    link = re.search(r'href="(/documents/check/\?[^"]+)"', body)
    assert link, "no link to the public check"
    form = client.get(link.group(1).replace("&amp;", "&")).context["number_form"]
    assert form.initial == {"commune": decision.commune_id, "number_symbol": "01/QĐ-UBND", "year": 2022}


@pytest.mark.parametrize(
    "query", ["commune=%C2%B2&year=20222&number=%3DHYPERLINK(1)", "commune=-1&year=x&number=" + "1/QĐ-UBND" * 10]
)
def test_the_check_takes_from_a_link_only_plain_numbers_and_a_number_symbol(db, client, query):
    response = client.get(f"/documents/check/?{query}")
    assert response.status_code == 200
    assert response.context["number_form"].initial == {}
